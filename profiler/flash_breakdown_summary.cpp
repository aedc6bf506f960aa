// profiler/flash_breakdown_summary.cpp — see flash_breakdown_summary.hpp.
#include "profiler/flash_breakdown_summary.hpp"

#include <fmt/format.h>

namespace mcusim::profiler {
namespace {

double percent(std::uint64_t part, std::uint64_t whole) {
  return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

void list(std::string& text, const char* title, const std::vector<SizedName>& items, std::uint64_t code,
          std::size_t top) {
  text += fmt::format("  {}\n", title);
  std::uint64_t rest = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i >= top) {
      rest += items[i].bytes;
      continue;
    }
    text += fmt::format("    {:>8} B {:5.1f} %  {}\n", items[i].bytes, percent(items[i].bytes, code), items[i].name);
  }
  if (rest > 0) {
    text += fmt::format("    {:>8} B {:5.1f} %  ({} others)\n", rest, percent(rest, code), items.size() - top);
  }
}

}  // namespace

std::string flash_breakdown_summary(const FlashBreakdown& b, std::size_t top) {
  std::string text = fmt::format("  flash {} B: vector table {}, code {}, read-only data {}, plan {}, weights {}, "
                                 ".data image {}, other {}\n",
                                 b.image_bytes, b.vector_table_bytes, b.code_bytes, b.rodata_bytes, b.plan_bytes,
                                 b.weights_bytes, b.data_init_bytes, b.other_bytes);
  list(text, "code by function", b.functions, b.code_bytes, top);
  list(text, "code by object file", b.objects, b.code_bytes, top);
  return text;
}

}  // namespace mcusim::profiler
