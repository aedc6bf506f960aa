// tools/mcusim/fault_printout.cpp — see fault_printout.hpp.
#include "tools/mcusim/fault_printout.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <string>

namespace mcusim::cli {

void print_fault(const GuestFault& fault) {
  std::fflush(stdout);  // the guest's output first, then the fault
  fmt::print(stderr, "mcusim: guest fault: {}: {}\n", fault.kind, fault.detail);
  if (fault.pc_symbol.rfind("0x", 0) == 0) {
    fmt::print(stderr, "  pc 0x{:08x} (outside the program's code)\n", fault.pc);
  } else {
    fmt::print(stderr, "  pc 0x{:08x} in {}\n", fault.pc, fault.pc_symbol);
  }
  if (fault.address) {
    fmt::print(stderr, "  address 0x{:08x} ({})\n", *fault.address, fault.address_note);
  }
  if (!fault.call_stack.empty()) {
    std::string stack;
    for (const auto& frame : fault.call_stack) {
      if (!stack.empty()) stack += " <- ";
      stack += frame;
    }
    fmt::print(stderr, "  call stack: {}\n", stack);
  }
  if (!fault.hint.empty()) fmt::print(stderr, "  hint: {}\n", fault.hint);
}

}  // namespace mcusim::cli
