#include "sim/guest/fault_status.hpp"

namespace mcusim {

FaultCauseInfo fault_cause_info(FaultCause cause) noexcept {
  // Bit positions: ARMv7-M ARM B3.2.15 (MMFSR bits 7:0, BFSR 15:8, UFSR 31:16).
  switch (cause) {
    case FaultCause::InstructionAccess: return {Nvic::kMemManage, 1u << 0, false, "MMFSR.IACCVIOL"};
    case FaultCause::InstructionBus: return {Nvic::kBusFault, 1u << 8, false, "BFSR.IBUSERR"};
    case FaultCause::PreciseData: return {Nvic::kBusFault, 1u << 9, true, "BFSR.PRECISERR"};
    case FaultCause::Undefined: return {Nvic::kUsageFault, 1u << 16, false, "UFSR.UNDEFINSTR"};
    case FaultCause::InvalidState: return {Nvic::kUsageFault, 1u << 17, false, "UFSR.INVSTATE"};
    case FaultCause::InvalidPc: return {Nvic::kUsageFault, 1u << 18, false, "UFSR.INVPC"};
    case FaultCause::NoCoprocessor: return {Nvic::kUsageFault, 1u << 19, false, "UFSR.NOCP"};
    case FaultCause::Unaligned: return {Nvic::kUsageFault, 1u << 24, false, "UFSR.UNALIGNED"};
    case FaultCause::DivideByZero: return {Nvic::kUsageFault, 1u << 25, false, "UFSR.DIVBYZERO"};
    case FaultCause::SvcEscalated: return {Nvic::kHardFault, 0, false, "HFSR.FORCED"};
  }
  return {Nvic::kHardFault, 0, false, "HardFault"};
}

FaultRoute route_fault(const Nvic& nvic, CoreModel core, FaultCause cause,
                       int execution_priority) noexcept {
  FaultRoute route;
  const unsigned configurable = fault_cause_info(cause).exception;
  if (!is_armv6m(core) && configurable != Nvic::kHardFault) {
    if (nvic.enabled(configurable) && nvic.priority(configurable) < execution_priority) {
      route.exception = configurable;
      return route;
    }
    route.escalated = true;
  }
  if (cause == FaultCause::SvcEscalated) route.escalated = true;
  route.lockup = nvic.priority(Nvic::kHardFault) >= execution_priority;
  return route;
}

void record_fault(Nvic& nvic, CoreModel core, FaultCause cause, const FaultRoute& route,
                  std::optional<std::uint32_t> address) noexcept {
  if (is_armv6m(core)) return;
  const FaultCauseInfo info = fault_cause_info(cause);
  nvic.cfsr |= info.cfsr_bit;
  if (info.records_address && address) {
    if (info.exception == Nvic::kBusFault) {
      nvic.bfar = *address;
      nvic.cfsr |= kBfarValid;
    } else {
      nvic.mmfar = *address;
      nvic.cfsr |= kMmarValid;
    }
  }
  if (route.escalated) nvic.hfsr |= kHfsrForced;
}

}  // namespace mcusim
