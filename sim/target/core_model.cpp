// sim/target/core_model.cpp — names and instruction-set facts of the modelled cores.
#include "sim/target/target.hpp"

#include <array>

namespace mcusim {
namespace {

struct CoreSpelling {
  CoreModel core;
  std::string_view name;  // as written in target files
};

inline constexpr std::array kCoreSpellings{
    CoreSpelling{CoreModel::CortexM0, "cortex-m0"},
    CoreSpelling{CoreModel::CortexM0Plus, "cortex-m0plus"},
    CoreSpelling{CoreModel::CortexM4, "cortex-m4"},
    CoreSpelling{CoreModel::CortexM4F, "cortex-m4f"},
};
static_assert([] {
  for (std::size_t i = 0; i < kCoreSpellings.size(); ++i) {
    if (kCoreSpellings[i].core != static_cast<CoreModel>(i)) return false;
  }
  return true;
}(), "kCoreSpellings: one row per CoreModel, in enum order");

}  // namespace

std::string_view core_name(CoreModel core) noexcept {
  const auto index = static_cast<std::size_t>(core);
  return index < kCoreSpellings.size() ? kCoreSpellings[index].name : std::string_view{"?"};
}

std::optional<CoreModel> parse_core(std::string_view name) noexcept {
  for (const CoreSpelling& spelling : kCoreSpellings) {
    if (spelling.name == name) return spelling.core;
  }
  return std::nullopt;
}

// ARMv6-M: Cortex-M0 (ARM DDI 0432C §1.1) and Cortex-M0+ (ARM DDI 0484C §1.1).
bool is_armv6m(CoreModel core) noexcept {
  return core == CoreModel::CortexM0 || core == CoreModel::CortexM0Plus;
}

// FPv4-SP single-precision FPU: only the "F" variant of the Cortex-M4 (ARM DDI 0439B §1.1).
bool has_fpu(CoreModel core) noexcept { return core == CoreModel::CortexM4F; }

}  // namespace mcusim
