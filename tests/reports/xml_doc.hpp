// tests/reports/xml_doc.hpp — an XML text parsed by libxml2 (no network) and
// queried with XPath: what the JUnit, SVG and HTML-fragment tests read back.
// For SVG (default namespace) select by local-name(): //*[local-name()='rect'].
#pragma once

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include <memory>
#include <string>
#include <vector>

namespace mcusim::test {

struct XmlDoc {
  explicit XmlDoc(const std::string& text, const char* name = "doc.xml")
      : doc(xmlReadMemory(text.data(), static_cast<int>(text.size()), name, nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                                        XML_PARSE_NOWARNING),
            xmlFreeDoc) {}
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc;

  // The attribute `attribute` (or the text, when empty) of every node `xpath` selects.
  std::vector<std::string> select(const char* xpath, const char* attribute = "") const {
    std::vector<std::string> values;
    if (!doc) return values;
    std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> context(xmlXPathNewContext(doc.get()),
                                                                              xmlXPathFreeContext);
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> result(
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath), context.get()), xmlXPathFreeObject);
    if (!result || !result->nodesetval) return values;
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
      xmlNode* node = result->nodesetval->nodeTab[i];
      xmlChar* value = *attribute ? xmlGetProp(node, reinterpret_cast<const xmlChar*>(attribute)) : xmlNodeGetContent(node);
      values.emplace_back(value ? reinterpret_cast<const char*>(value) : "");
      xmlFree(value);
    }
    return values;
  }
};

}  // namespace mcusim::test
