// sim/timing/timing.hpp — cycle costs of decoded instructions, per core.
//
// Pure functions of (instruction, its neighbour, run-time facts, core options):
// no Unicorn, no globals, no I/O. One rule table per core lives beside this
// file (cortex_m0_rules.hpp, cortex_m0plus_rules.hpp, cortex_m4_rules.hpp),
// one row per InsnClass, each row citing the TRM clause it implements.
//
// How the machine uses these functions (zero-wait-state memory):
//   cycles(instruction) = static_cycles(insn, previous)        // always
//                       + taken_extra(insn, target)            // if it branched
//                       + dynamic corrections below            // where a rule needs run-time values
// `previous` is the instruction executed immediately before in program order,
// or nullptr when unknown (start of run, after an exception) or when the
// previous one was a taken branch — a refill breaks every pairing rule.
#pragma once

#include "sim/decode/instruction.hpp"
#include "sim/target/target.hpp"

#include <cstdint>

namespace mcusim {

struct TimingOptions {
  CoreModel core = CoreModel::CortexM0;
  Multiplier multiplier = Multiplier::Fast;  // M0/M0+ only
};

// Cycles of `insn` when it executes and, if it is a branch, does not branch
// (conditional branch not taken; for unconditional branches this is the cost
// without the pipeline refill, which taken_extra adds). For instructions in an
// IT block this is the cost when the condition passes.
std::uint32_t static_cycles(const DecodedInsn& insn, const DecodedInsn* previous,
                            const TimingOptions& options) noexcept;

// Extra cycles when `branch` changes the flow (taken Bcc/CBZ, any B/BL/BX/BLX,
// POP/LDM/LDR with PC, ADD/MOV PC, TBB/TBH), given the first instruction at the
// target (M4: the refill P depends on its size and alignment).
std::uint32_t taken_extra(const DecodedInsn& branch, const DecodedInsn& target,
                          const TimingOptions& options) noexcept;

// Cycles of an instruction inside an IT block whose condition failed.
std::uint32_t skipped_cycles(const DecodedInsn& insn, const TimingOptions& options) noexcept;

// Extra cycles of a single load/store at `address` on this core: on the M4 an
// LDR/STR/LDRH/STRH whose bytes straddle a word boundary needs a second bus
// transfer, +1 (TIMING-FACTS.md "Unaligned accesses"); ARMv6-M faults instead.
std::uint32_t unaligned_access_extra(const DecodedInsn& insn, std::uint32_t address,
                                     const TimingOptions& options) noexcept;

// SDIV/UDIV on the M4: cycles for these operand values (2..12, early termination).
std::uint32_t divide_cycles(std::uint32_t dividend, std::uint32_t divisor, bool is_signed) noexcept;

}  // namespace mcusim
