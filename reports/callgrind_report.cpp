// reports/callgrind_report.cpp — see callgrind_report.hpp. The format is
// Valgrind's "Callgrind Format Specification" (docs/callgrind-format in the
// valgrind package): a header (version, creator, positions, events,
// summary), then `fl=`/`fn=` blocks of cost lines "<position>... <cost>...";
// `fi=` switches the file inside a function (inlined code); `cfn=` +
// `calls=<count> <target position>` + a cost line give one call's inclusive cost.
#include "reports/callgrind_report.hpp"

#include <fmt/format.h>

#include <map>
#include <vector>

namespace mcusim {
namespace {

constexpr const char* kUnknownFile = "???";

std::string file_of(const profiler::ExecutionProfile& profile, std::uint32_t line_index) {
  if (line_index >= profile.lines.size() || profile.lines[line_index].file.empty()) return kUnknownFile;
  return profile.lines[line_index].file;
}

std::uint32_t line_number_of(const profiler::ExecutionProfile& profile, std::uint32_t line_index) {
  return line_index < profile.lines.size() ? profile.lines[line_index].line : 0;
}

// A function's names in the format: "name" (callgrind has no address field
// for functions; the address is in its first cost line).
std::string function_name(const profiler::ExecutionProfile& profile, std::uint32_t index) {
  return index < profile.functions.size() ? profile.functions[index].name : fmt::format("function#{}", index);
}

}  // namespace

std::string callgrind_report(const profiler::ExecutionProfile& profile, const std::string& command) {
  std::string out = "# callgrind format\nversion: 1\ncreator: mcusim\n";
  out += fmt::format("cmd: {}\n", command);
  out += "positions: instr line\nevents: Cycles Instructions\n";
  out += fmt::format("summary: {} {}\n\n", profile.cycles, profile.instructions);

  // Addresses by function (the profile keeps them by address).
  std::map<std::uint32_t, std::vector<const profiler::AddressProfile*>> by_function;
  for (const profiler::AddressProfile& address : profile.addresses) by_function[address.function].push_back(&address);
  // Edges by caller.
  std::map<std::uint32_t, std::vector<const profiler::CallEdge*>> calls_of;
  for (const profiler::CallEdge& edge : profile.edges) calls_of[edge.caller].push_back(&edge);

  for (std::uint32_t f = 0; f < profile.functions.size(); ++f) {
    const profiler::FunctionProfile& function = profile.functions[f];
    const auto addresses = by_function.find(f);
    const bool has_addresses = addresses != by_function.end() && !addresses->second.empty();
    std::string file = has_addresses ? file_of(profile, addresses->second.front()->line) : kUnknownFile;
    out += fmt::format("fl={}\nfn={}\n", file, function.name);
    if (has_addresses) {
      for (const profiler::AddressProfile* address : addresses->second) {
        const std::string here = file_of(profile, address->line);
        if (here != file) {
          out += fmt::format("fi={}\n", here);
          file = here;
        }
        out += fmt::format("0x{:x} {} {} {}\n", address->address, line_number_of(profile, address->line),
                           address->cost.cycles, address->cost.instructions);
      }
    } else if (function.exclusive.cycles > 0 || function.exclusive.instructions > 0) {
      out += fmt::format("0x{:x} 0 {} {}\n", function.address, function.exclusive.cycles,
                         function.exclusive.instructions);
    }
    const auto calls = calls_of.find(f);
    if (calls == calls_of.end()) {
      out += "\n";
      continue;
    }
    for (const profiler::CallEdge* edge : calls->second) {
      const std::uint32_t callee_address =
          edge->callee < profile.functions.size() ? profile.functions[edge->callee].address : 0;
      // The call site is not kept per edge: the caller's entry stands for it.
      out += fmt::format("cfn={}\ncalls={} 0x{:x} 0\n0x{:x} 0 {} {}\n", function_name(profile, edge->callee),
                         edge->calls, callee_address, function.address, edge->inclusive_cycles,
                         edge->inclusive_instructions);
    }
    out += "\n";
  }
  return out;
}

}  // namespace mcusim
