// What the guest asks of the machine mid-run: semihosting calls and core
// exceptions (the interrupt hook), peripheral reads and writes (the PPB), and
// invalid accesses, each placed on the instruction that made it.
#include "sim/machine/access_resolver.hpp"
#include "sim/machine/machine.hpp"

#include <unicorn/unicorn.h>

#include <fmt/format.h>

namespace mcusim {

void Machine::on_interrupt(uc_struct*, std::uint32_t intno, void* self) {
  auto& m = *static_cast<Machine*>(self);
  if (m.stop_ != Stop::None) return;  // the run is over; finishing its block only
  const std::uint32_t pc = m.core_.pc();
  m.pc_ = pc;
  // QEMU's Arm exception numbers (target/arm/cpu.h): 2 SWI, 4 data abort, 7 BKPT,
  // 8 exception exit, 17 NOCP, 18 INVSTATE, 22 UNALIGNED.
  switch (intno) {
    case 7: m.handle_breakpoint(pc); return;
    case 3:  // prefetch abort: on the M4 the fetch of EXC_RETURN (0xFFFFFFxx, execute-never)
      if (pc >= 0xFFFF'FF00u && m.ppb_.nvic().ipsr != 0) {
        m.complete_current_block();
        if (const auto resume = m.exception_return(pc | 1u)) {
          m.core_.write_register(UC_ARM_REG_PC, *resume);
        }
        return;
      }
      m.raise_fault({FaultCause::InstructionAccess, "unmapped fetch",
                     fmt::format("execution reached 0x{:08x}, which is not executable", pc), pc, pc,
                     "check function pointers and return addresses (stack corruption?)"});
      return;
    case 2:  // SVC: QEMU has already moved the PC past it
      m.take_svc(pc - 2, pc);
      return;
    case 4:
    case 22: {
      const BlockInfo* block = m.current_;
      std::optional<std::uint32_t> address;
      std::string text = "a load or store";
      if (block && block->contains(pc)) {
        const DecodedInsn& insn = block->insns[block->index(pc)];
        address = m.data_address_of(insn);
        text = fmt::format("'{}'", insn.text_view());
      }
      m.raise_fault({FaultCause::Unaligned, "unaligned access",
                     fmt::format("{} accesses an unaligned address; {}", text,
                                 is_armv6m(m.target_.core)
                                     ? "ARMv6-M faults on every unaligned access"
                                     : "this access form faults when unaligned"),
                     pc, address, "align the data to its access size"});
      return;
    }
    case 17:
      m.raise_fault({FaultCause::NoCoprocessor, "undefined instruction",
                     "a floating-point instruction ran with the FPU disabled (NOCP UsageFault)",
                     pc, std::nullopt, "enable CP10/CP11 in CPACR (0xE000ED88) before using the FPU"});
      return;
    case 18:
      m.raise_fault({FaultCause::InvalidState, "invalid state",
                     "a branch cleared the Thumb bit (INVSTATE UsageFault); Cortex-M only runs "
                     "Thumb code",
                     pc, std::nullopt, "branch to function addresses with bit 0 set"});
      return;
    default:
      m.fault("unsupported exception", fmt::format("the core raised exception {}", intno), pc);
      return;
  }
}

void Machine::take_svc(std::uint32_t svc_address, std::uint32_t return_address) {
  if (block_only_) {
    request_replay("SVC");
    return;
  }
  // SVC is synchronous: taken right after it, or escalated to HardFault when
  // its priority cannot preempt (ARMv7-M ARM B1.5.4).
  Nvic& nvic = ppb_.nvic();
  if (nvic.priority(Nvic::kSvcall) >= execution_priority()) {
    raise_fault({FaultCause::SvcEscalated, "SVC escalated to HardFault",
                 "SVC ran where SVCall cannot preempt (PRIMASK set, or inside a handler of equal "
                 "or higher priority)",
                 svc_address, std::nullopt,
                 "call SVC with interrupts enabled, from thread mode or a lower-priority handler",
                 return_address});
    return;
  }
  // The SVC completed; its own cycles are part of the entry latency
  // (TIMING-FACTS.md: "SVC / exception entry 16" on the M0).
  if (current_ && current_->contains(svc_address)) {
    const std::size_t index = current_->index(svc_address);
    const std::uint64_t t = cycles_before(index);
    if (current_->memory) current_->memory->fetch_stall_cycles += fetch_stalls_through(index);
    instructions_ += index + 1;
    block_base_cycles_ = t;
    current_ = nullptr;
  }
  nvic.set_pending(Nvic::kSvcall);
  exceptions_live_ = true;
  if (const auto handler = enter_exception(Nvic::kSvcall, return_address, false)) {
    core_.write_register(UC_ARM_REG_PC, *handler);
  }
}

void Machine::handle_breakpoint(std::uint32_t pc) {
  const auto* bytes = memory_.host_pointer(pc, 2);
  const std::uint16_t halfword = bytes ? static_cast<std::uint16_t>(bytes[0] | bytes[1] << 8) : 0;
  if (halfword != 0xBEAB) {  // BKPT #0xAB is the semihosting call (Thumb)
    fault("breakpoint", fmt::format("BKPT #{} with no debugger attached", halfword & 0xff), pc,
          std::nullopt, "remove the breakpoint, or use BKPT 0xAB for semihosting calls");
    return;
  }
  const std::uint32_t op = core_.core_register(0);
  const std::uint32_t parameter = core_.core_register(1);
  const SemihostingOutcome outcome = semihosting_.call(op, parameter, now());
  if (outcome.fault) {
    fault(outcome.fault_address ? "semihosting bad pointer" : "unknown semihosting call",
          *outcome.fault, pc, outcome.fault_address,
          "use the semihosting operations listed in docs/guest-conventions.md");
    return;
  }
  if (outcome.console_full) {
    limit("output limit",
          fmt::format("the guest printed more than {} bytes", console_.limit()),
          "print less, or raise the cap with --max-output");
    return;
  }
  if (outcome.capture_full) {
    limit("capture limit",
          fmt::format("the guest captured more than {} MiB of memory through MCUSIM_CAPTURE",
                      Semihosting::kMaxCaptureBytes >> 20),
          "capture fewer tensors (drop --dump-tensors) or fewer inferences");
    return;
  }
  if (outcome.exit_status) {
    if (block_observed_) observe_block_end();  // the block's instructions up to this BKPT
    exit_status_ = outcome.exit_status;
    // The BKPT completed (0 cycles: the core is halted while the host serves it).
    const std::size_t completed =
        current_ && current_->contains(pc) ? current_->index(pc) + 1 : 0;
    if (current_) {
      block_base_cycles_ += static_cast<std::uint64_t>(
          static_cast<std::int64_t>(current_->prefix[completed] +
                                    (completed ? fetch_stalls_through(completed - 1) : 0)) +
          block_dynamic_);
      instructions_ += completed;
      current_ = nullptr;
    }
    stop_ = Stop::Exit;
    core_.stop();
    return;
  }
  core_.write_register(UC_ARM_REG_R0, outcome.r0);
  core_.write_register(UC_ARM_REG_PC, (pc + 2) | 1u);
}

bool Machine::on_invalid_memory(uc_struct*, int type, std::uint64_t address, int size,
                                std::int64_t, void* self) {
  auto& m = *static_cast<Machine*>(self);
  m.invalid_access_ = InvalidAccess{type, static_cast<std::uint32_t>(address), size};
  return false;  // not handled: Unicorn stops with the matching error
}

std::uint64_t Machine::cycles_before(std::size_t index) const noexcept {
  return static_cast<std::uint64_t>(
      static_cast<std::int64_t>(block_base_cycles_ + current_->prefix[index] +
                                fetch_stalls_through(index)) +
      block_dynamic_);
}

std::optional<std::size_t> Machine::accessing_instruction(std::uint32_t address, unsigned size,
                                                          bool is_write) {
  if (!options_.timing) return 0;  // baseline runs: no cycle counts at all
  if (!current_) return std::nullopt;
  if (!block_only_) {
    if (!current_->contains(pc_)) return std::nullopt;
    return current_->index(pc_);
  }
  const auto index = find_accessing_instruction(
      *current_, last_access_index_, DataAccess{address, size, is_write},
      [this](unsigned r) { return core_.core_register(r); }, memory_);
  if (index) last_access_index_ = static_cast<std::int32_t>(*index);
  return index;
}

void Machine::request_replay(std::string reason) {
  if (stop_ != Stop::None) return;
  replay_reason_ = std::move(reason);
  stop_ = Stop::Replay;
  core_.stop();
}

std::uint64_t Machine::on_ppb_read(uc_struct*, std::uint64_t offset, unsigned size, void* self) {
  auto& m = *static_cast<Machine*>(self);
  if (m.stop_ != Stop::None) return 0;
  const auto address = PrivatePeripheralBus::kBase + static_cast<std::uint32_t>(offset);
  const auto index = m.accessing_instruction(address, size, false);
  if (!index) {
    m.request_replay(fmt::format("peripheral read at 0x{:08x}", address));
    return 0;
  }
  return m.ppb_.read(static_cast<std::uint32_t>(offset), size,
                    m.current_ ? m.cycles_before(*index) : 0);
}

void Machine::on_ppb_write(uc_struct*, std::uint64_t offset, unsigned size, std::uint64_t value,
                           void* self) {
  auto& m = *static_cast<Machine*>(self);
  if (m.stop_ != Stop::None) return;
  const auto address = PrivatePeripheralBus::kBase + static_cast<std::uint32_t>(offset);
  const auto index = m.accessing_instruction(address, size, true);
  if (!index) {
    m.request_replay(fmt::format("peripheral write at 0x{:08x}", address));
    return;
  }
  const std::uint32_t pc = m.current_ ? m.current_->insns[*index].address : 0;
  if (!m.ppb_.write(static_cast<std::uint32_t>(offset), size, static_cast<std::uint32_t>(value),
                    m.current_ ? m.cycles_before(*index) : 0, pc)) {
    m.limit("output limit",
            "the guest wrote more trace-port output than the caps allow",
            "print less, or raise the cap with --max-output");
    return;
  }
  if (offset >= PrivatePeripheralBus::kSystCsr && offset < 0xF000) m.after_exception_register_write();
}

}  // namespace mcusim
