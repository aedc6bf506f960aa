// profiler/flash_breakdown_link_map.cpp — see flash_breakdown_link_map.hpp.
#include "profiler/flash_breakdown_link_map.hpp"

#include "sim/error.hpp"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <sstream>

namespace mcusim::profiler {
namespace {

struct Columns {
  std::size_t out = 0, in = 0, symbol = 0;
};

[[noreturn]] void bad_map(const std::filesystem::path& file, std::size_t line, std::string_view why) {
  throw Error(ErrorKind::Internal, fmt::format("{}:{}: not an ld.lld map file: {}", file.string(), line, why),
              "the firmware builder asks lld for this file (-Map); rebuild the firmware");
}

// The four numbers before the name: VMA, LMA, Size (hex), Align (decimal).
bool read_numbers(std::string_view line, std::uint64_t (&values)[4], std::size_t& end) {
  std::size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    while (pos < line.size() && line[pos] == ' ') ++pos;
    const int base = i == 3 ? 10 : 16;
    const auto [ptr, ec] = std::from_chars(line.data() + pos, line.data() + line.size(), values[i], base);
    if (ec != std::errc() || ptr == line.data() + pos) return false;
    pos = static_cast<std::size_t>(ptr - line.data());
  }
  end = pos;
  return true;
}

}  // namespace

LinkMap parse_link_map(std::string_view text, const std::filesystem::path& file) {
  LinkMap map;
  Columns columns;
  bool header = false;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(' ') == std::string_view::npos) continue;
    if (!header) {
      columns = {line.find(" Out"), line.find(" In "), line.find(" Symbol")};
      if (line.find("VMA") == std::string_view::npos || columns.out == std::string_view::npos ||
          columns.in == std::string_view::npos || columns.symbol == std::string_view::npos) {
        bad_map(file, number, "the first line is not the VMA/LMA/Size/Align/Out/In/Symbol header");
      }
      // Each name starts one past the space found.
      ++columns.out, ++columns.in, ++columns.symbol;
      header = true;
      continue;
    }
    std::uint64_t values[4];
    std::size_t end = 0;
    if (!read_numbers(line, values, end)) bad_map(file, number, "a line without VMA, LMA, Size and Align");
    const std::size_t name_at = line.find_first_not_of(' ', end);
    // A script statement without a name (lld prints ASSERT so): nothing to place.
    if (name_at == std::string_view::npos) continue;
    const std::string_view name = line.substr(name_at);
    if (name_at < columns.in) {
      map.sections.push_back({std::string(name), values[0], values[1], values[2], {}});
      continue;
    }
    if (name_at >= columns.symbol) continue;  // a symbol: functions come from the ELF, with sizes
    if (map.sections.empty()) bad_map(file, number, "an input section before any output section");
    MapInput input;
    input.address = values[1];
    input.size = values[2];
    const std::size_t split = name.rfind(":(");
    if (split != std::string_view::npos && name.back() == ')') {
      input.file = std::string(name.substr(0, split));
      input.section = std::string(name.substr(split + 2, name.size() - split - 3));
    } else {
      input.section = std::string(name);  // a linker-script line: ". = ALIGN ( 4 )", "__x = ."
    }
    map.sections.back().inputs.push_back(std::move(input));
  }
  if (!header) bad_map(file, number, "the file is empty");
  return map;
}

LinkMap read_link_map(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw Error(ErrorKind::Internal, fmt::format("cannot read the link map {}", file.string()),
                "the firmware builder writes it beside the ELF; rebuild the firmware");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_link_map(text.str(), file);
}

}  // namespace mcusim::profiler
