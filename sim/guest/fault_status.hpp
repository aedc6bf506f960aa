// sim/guest/fault_status.hpp — which exception a synchronous fault raises and
// what it records in the fault status registers, for `--guest-faults`.
//
// ARMv7-M ARM (DDI 0403E) B1.5.14 "Fault behavior" and B3.2.15–B3.2.18
// (CFSR = MMFSR | BFSR << 8 | UFSR << 16, HFSR, MMFAR, BFAR); ARMv6-M ARM
// (DDI 0419) B1.5.14: every fault is a HardFault and there are no status
// registers. Pure functions over the Nvic: no core, no I/O.
#pragma once

#include "sim/guest/nvic.hpp"
#include "sim/target/target.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace mcusim {

// The causes the simulator detects, each one CFSR bit (B3.2.15).
enum class FaultCause : std::uint8_t {
  InstructionAccess,  // MMFSR.IACCVIOL: fetch from an execute-never region
  InstructionBus,     // BFSR.IBUSERR: fetch from no memory
  PreciseData,        // BFSR.PRECISERR: load/store to no memory, or to read-only memory
  Undefined,          // UFSR.UNDEFINSTR
  InvalidState,       // UFSR.INVSTATE: Thumb bit cleared
  InvalidPc,          // UFSR.INVPC: bad EXC_RETURN
  NoCoprocessor,      // UFSR.NOCP: FPU instruction with CP10/11 off
  Unaligned,          // UFSR.UNALIGNED
  DivideByZero,       // UFSR.DIVBYZERO (CCR.DIV_0_TRP)
  SvcEscalated,       // no CFSR bit: SVC where SVCall cannot preempt (HFSR.FORCED)
};

struct FaultCauseInfo {
  unsigned exception;        // the configurable fault it raises on ARMv7-M
  std::uint32_t cfsr_bit;    // 0: none
  bool records_address;      // MMFAR (MemManage) or BFAR (BusFault) is valid
  std::string_view name;     // "BFSR.PRECISERR"
};

FaultCauseInfo fault_cause_info(FaultCause cause) noexcept;

// HFSR bits (B3.2.16) and the CFSR address-valid bits (B3.2.15).
inline constexpr std::uint32_t kHfsrForced = 1u << 30;
inline constexpr std::uint32_t kMmarValid = 1u << 7, kBfarValid = 1u << 15;

struct FaultRoute {
  unsigned exception = Nvic::kHardFault;  // the handler that runs
  bool escalated = false;                 // a configurable fault forced to HardFault
  bool lockup = false;                    // not even HardFault can be taken (B1.5.15)
};

// B1.5.14: on ARMv7-M a cause goes to its configurable fault when SHCSR
// enables it and its priority beats `execution_priority`, else it escalates
// to HardFault; when HardFault (priority -1) cannot preempt either — inside
// HardFault or NMI, or with FAULTMASK set — the core locks up. ARMv6-M: HardFault
// or lockup. SVC escalation never takes SVCall itself.
FaultRoute route_fault(const Nvic& nvic, CoreModel core, FaultCause cause,
                       int execution_priority) noexcept;

// Sets the cause's CFSR bit, the address register and its valid bit, and
// HFSR.FORCED for an escalation (ARMv7-M only; ARMv6-M has none of them).
void record_fault(Nvic& nvic, CoreModel core, FaultCause cause, const FaultRoute& route,
                  std::optional<std::uint32_t> address) noexcept;

}  // namespace mcusim
