// reports/xml_text.hpp — text escaped for XML and HTML (character data and
// attribute values alike): & < > " ' and the control characters XML 1.0
// forbids (dropped; a report must parse whatever a model names its tensors).
#pragma once

#include <string>
#include <string_view>

namespace mcusim {

std::string xml_escaped(std::string_view text);

}  // namespace mcusim
