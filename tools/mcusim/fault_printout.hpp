// tools/mcusim/fault_printout.hpp — the guest fault message every command
// prints on stderr (docs/guest-conventions.md, "Faults and limits"):
//   mcusim: guest fault: <kind>: <detail>
//     pc 0x........ in <symbol+offset>     (or "(outside the program's code)")
//     address 0x........ (<what is there>)   where a data address applies
//     call stack: f <- g <- main
//     hint: <what to do>
#pragma once

#include "sim/machine/run_result.hpp"

namespace mcusim::cli {

// Flushes stdout first, so the guest's own output comes before the fault.
void print_fault(const GuestFault& fault);

}  // namespace mcusim::cli
