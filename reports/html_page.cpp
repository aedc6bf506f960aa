// reports/html_page.cpp — see html_page.hpp.
#include "reports/html_page.hpp"

#include "reports/xml_text.hpp"

#include <fmt/format.h>

namespace mcusim {
namespace {

constexpr std::string_view kSharedStyle = R"css(
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: %WIDTH%px; padding: 16px; color: #1d2430; }
h1 { font-size: 20px; margin: 0 0 12px; } h2 { font-size: 16px; margin: 24px 0 8px; }
.verdict { padding: 12px 16px; border-radius: 6px; font-weight: 600; font-size: 16px; color: #fff; }
.verdict.pass { background: #1f7a3a; } .verdict.fail { background: #b3261e; }
table { border-collapse: collapse; margin: 4px 0; } td, th { padding: 3px 10px; border-bottom: 1px solid #dde3ea; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #52606d; } footer { margin-top: 24px; color: #7d8793; font-size: 12px; }
)css";

std::string shared_style(int max_width_px) {
  std::string style(kSharedStyle);
  const std::string_view mark = "%WIDTH%";
  style.replace(style.find(mark), mark.size(), std::to_string(max_width_px));
  return style;
}

}  // namespace

std::string html_page_head(std::string_view title, int max_width_px, std::string_view page_rules) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // An empty data: icon keeps the browser from asking the file system for one.
  html += "<link rel=\"icon\" href=\"data:,\">\n";
  html += fmt::format("<title>{}</title>\n<style>{}{}</style>\n</head>\n<body>\n", xml_escaped(title),
                      shared_style(max_width_px), page_rules);
  return html;
}

}  // namespace mcusim
