// sim/timing/timing.cpp — reads the per-core rule tables and applies the few
// dynamic rules a row cannot hold. Pure functions: no globals, no I/O.
#include "sim/timing/timing.hpp"

#include "sim/timing/cortex_m0_rules.hpp"
#include "sim/timing/cortex_m0plus_rules.hpp"
#include "sim/timing/cortex_m4_rules.hpp"

#include <algorithm>
#include <bit>

namespace mcusim {
namespace {

const TimingTable& rules_for(CoreModel core) noexcept {
  switch (core) {
    case CoreModel::CortexM0: return kCortexM0Rules;
    case CoreModel::CortexM0Plus: return kCortexM0PlusRules;
    case CoreModel::CortexM4:
    case CoreModel::CortexM4F: break;
  }
  return kCortexM4Rules;
}

const TimingRule& rule_for(const DecodedInsn& insn, const TimingOptions& options) noexcept {
  const auto index = static_cast<std::size_t>(insn.cls);
  const TimingTable& table = rules_for(options.core);
  return index < table.size() ? table[index] : table.back();  // out of range: Undefined
}

std::uint32_t row_cycles(const TimingRule& rule, const DecodedInsn& insn) noexcept {
  return rule.base + std::uint32_t{rule.per_reg} * insn.reg_count;
}

// Single LDR/STR forms that take part in M4 load/store pipelining (not LDRD/LDM).
bool is_single_load_store(InsnClass cls) noexcept {
  return cls == InsnClass::Load || cls == InsnClass::Store;
}

bool reg_in(std::uint8_t reg, std::uint16_t set) noexcept {
  return reg != kNoReg && reg < 16 && ((set >> reg) & 1u) != 0;
}

// Registers `previous` produces in its execute stage: everything it writes
// except a base-register writeback, which the address generation unit itself
// computes during the address phase (so `ldr r0,[r1],#4; ldr r2,[r1],#4` and
// `push {..}; ldr r0,[sp,#4]` do not stall).
std::uint16_t execute_results(const DecodedInsn& previous) noexcept {
  std::uint16_t written = previous.regs_written;
  if (generates_data_address(previous.cls) && previous.mem_writeback && previous.mem_base < 16) {
    written = static_cast<std::uint16_t>(written & ~(1u << previous.mem_base));
  }
  return written;
}

// True when `insn`'s address uses a result of `previous`. Literal loads
// (base PC) never depend on a neighbour: PC is not a result.
bool address_depends_on(const DecodedInsn& insn, const DecodedInsn& previous) noexcept {
  if (insn.mem_base == kRegPc) return false;
  const std::uint16_t results = execute_results(previous);
  return reg_in(insn.mem_base, results) || reg_in(insn.mem_index, results);
}

std::uint32_t cortex_m4_static(const DecodedInsn& insn, const DecodedInsn* previous,
                               const TimingRule& rule) noexcept {
  std::uint32_t cycles = row_cycles(rule, insn);
  if (insn.cls == InsnClass::It) {
    // Folded into a preceding 16-bit instruction that did not change the flow.
    const bool folds = previous != nullptr && previous->is_16bit_encoding() && !previous->writes_pc();
    return folds ? kCortexM4FoldedItCycles : cycles;
  }
  if (previous == nullptr || !generates_data_address(insn.cls)) return cycles;
  const bool dependent = address_depends_on(insn, *previous);
  // A single LDR/STR after a single LDR overlaps its address phase with the
  // LDR's data phase. Nothing pipelines after a store, LDRD/STRD or LDM/STM.
  if (is_single_load_store(insn.cls) && previous->cls == InsnClass::Load && !dependent) {
    cycles = kCortexM4PipelinedLoadStoreCycles;
  }
  if (dependent) cycles += kCortexM4AddressDependencyStall;
  return cycles;
}

std::uint32_t magnitude(std::uint32_t value, bool is_signed) noexcept {
  if (!is_signed || static_cast<std::int32_t>(value) >= 0) return value;
  return 0u - value;  // two's complement negation; INT_MIN gives 2^31
}

std::uint32_t significant_bits(std::uint32_t value) noexcept {
  return static_cast<std::uint32_t>(std::bit_width(value));
}

}  // namespace

std::uint32_t static_cycles(const DecodedInsn& insn, const DecodedInsn* previous,
                            const TimingOptions& options) noexcept {
  const TimingRule& rule = rule_for(insn, options);
  switch (options.core) {
    case CoreModel::CortexM0:
      if (insn.cls == InsnClass::Mul && options.multiplier == Multiplier::Small) {
        return kCortexM0SmallMultiplierCycles;
      }
      return row_cycles(rule, insn);
    case CoreModel::CortexM0Plus:
      if (insn.cls == InsnClass::Mul && options.multiplier == Multiplier::Small) {
        return kCortexM0PlusSmallMultiplierCycles;
      }
      return row_cycles(rule, insn);
    case CoreModel::CortexM4:
    case CoreModel::CortexM4F: break;
  }
  return cortex_m4_static(insn, previous, rule);
}

std::uint32_t taken_extra(const DecodedInsn& branch, const DecodedInsn& target,
                          const TimingOptions& options) noexcept {
  if (!branch.writes_pc()) return 0;
  const TimingRule& rule = rule_for(branch, options);
  std::uint32_t extra = rule.taken_extra;
  if (rule.adds_refill) {
    const bool straddles = !target.is_16bit_encoding() && (target.address & 3u) != 0;
    extra += straddles ? kCortexM4RefillUnalignedWide : kCortexM4RefillNear;
  }
  return extra;
}

std::uint32_t skipped_cycles(const DecodedInsn& /*insn*/, const TimingOptions& /*options*/) noexcept {
  // Only ARMv7-M has IT blocks; there the TRM gives no figure for a failed
  // condition and the model charges one issue cycle for every class.
  return kCortexM4SkippedCycles;
}

std::uint32_t unaligned_access_extra(const DecodedInsn& insn, std::uint32_t address,
                                     const TimingOptions& options) noexcept {
  if (is_armv6m(options.core)) return 0;
  if (!is_single_load_store(insn.cls) || insn.mem_bytes < 2) return 0;
  return (address & 3u) + insn.mem_bytes > 4 ? kCortexM4UnalignedSplitExtra : 0;
}

std::uint32_t divide_cycles(std::uint32_t dividend, std::uint32_t divisor, bool is_signed) noexcept {
  const std::uint32_t n = magnitude(dividend, is_signed);
  const std::uint32_t d = magnitude(divisor, is_signed);
  if (d == 0 || n < d) return kCortexM4DivideMin;  // divide by zero, or a zero quotient
  const std::uint32_t cycles =
      kCortexM4DivideBase + (significant_bits(n) - significant_bits(d)) / kCortexM4DivideBitsPerCycle;
  return std::clamp<std::uint32_t>(cycles, kCortexM4DivideMin, kCortexM4DivideMax);
}

}  // namespace mcusim
