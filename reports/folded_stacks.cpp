// reports/folded_stacks.cpp — see folded_stacks.hpp.
#include "reports/folded_stacks.hpp"

#include <fmt/format.h>

#include <map>

namespace mcusim {
namespace {

// Frame names may not hold the separators of the format: ';' between frames,
// ' ' before the count.
std::string frame_name(std::string name) {
  for (char& c : name) {
    if (c == ';' || c == ' ' || c == '\n') c = '_';
  }
  return name.empty() ? "?" : name;
}

}  // namespace

std::string folded_stacks(const profiler::ExecutionProfile& profile) {
  // Two contexts may fold to the same text (a recursion's depths kept apart
  // by index but not by name): summed, in sorted order for a stable file.
  std::map<std::string, std::uint64_t> lines;
  for (const profiler::ContextProfile& context : profile.contexts) {
    if (context.exclusive.cycles == 0) continue;
    std::string stack;
    for (const std::uint32_t function : context.stack) {
      if (!stack.empty()) stack += ';';
      stack += frame_name(function < profile.functions.size() ? profile.functions[function].name : "?");
    }
    lines[stack.empty() ? "?" : stack] += context.exclusive.cycles;
  }
  std::string out;
  for (const auto& [stack, cycles] : lines) out += fmt::format("{} {}\n", stack, cycles);
  return out;
}

}  // namespace mcusim
