// sim/timing/timing_rule.hpp — the shape of one row of a core's timing table.
//
// Each core (cortex_m0_rules.hpp, cortex_m0plus_rules.hpp, cortex_m4_rules.hpp)
// has one row per InsnClass, in enum order, checked at compile time with
// one_row_per_class_in_order(). timing.cpp only reads the tables and applies the
// few dynamic rules a row cannot express (multiplier option, M4 pipelining,
// address-dependency stall, IT folding, refill P).
#pragma once

#include "sim/decode/instruction.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mcusim {

struct TimingRule {
  InsnClass cls;
  std::uint8_t base;         // cycles when it executes without changing the flow
  std::uint8_t per_reg;      // + per_reg * reg_count (LDM/STM/PUSH/POP/VLDM: N)
  std::uint8_t taken_extra;  // fixed cycles added when the flow changes
  bool adds_refill;          // M4: + P (pipeline refill, depends on the target) when it does
  std::string_view trm;      // the clause the row implements
};

inline constexpr std::size_t kInsnClassCount = static_cast<std::size_t>(InsnClass::Count);
using TimingTable = std::array<TimingRule, kInsnClassCount>;

constexpr bool one_row_per_class_in_order(const TimingTable& table) {
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i].cls != static_cast<InsnClass>(i)) return false;
    if (table[i].trm.empty()) return false;
  }
  return true;
}

}  // namespace mcusim
