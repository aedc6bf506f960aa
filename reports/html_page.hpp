// reports/html_page.hpp — what every mcusim HTML page shares (the run report,
// compare, sweep): the head, and one look for type, headings, the verdict
// banner, tables and notes, so the pages read as one tool's.
#pragma once

#include <string>
#include <string_view>

namespace mcusim {

// "<!DOCTYPE html> ... <body>\n": `title` (escaped here), the shared style for
// a page at most `max_width_px` wide, then `page_rules`, the page's own CSS
// (later rules win, so a page may also override a shared one).
std::string html_page_head(std::string_view title, int max_width_px, std::string_view page_rules);

}  // namespace mcusim
