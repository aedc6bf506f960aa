// How a run ends badly: guest faults and limits, described for a person.
// With --guest-faults a fault is vectored into the guest's own handler
// instead (raise_fault), unless the handler cannot run.
#include "sim/machine/machine.hpp"

#include <unicorn/unicorn.h>

#include <fmt/format.h>

namespace mcusim {
namespace {

const char* fault_handler_name(unsigned exception) {
  switch (exception) {
    case Nvic::kMemManage: return "MemManage";
    case Nvic::kBusFault: return "BusFault";
    case Nvic::kUsageFault: return "UsageFault";
    default: return "HardFault";
  }
}

}  // namespace

std::optional<std::uint32_t> Machine::raise_fault(FaultEvent event) {
  if (stop_ != Stop::None) return std::nullopt;
  if (!options_.guest_faults) {
    fault(std::move(event.kind), std::move(event.detail), event.pc, event.address,
          std::move(event.hint));
    return std::nullopt;
  }
  // Entering a handler needs the exact instruction: the precise re-run.
  if (block_only_) {
    request_replay("a fault to vector into the guest (--guest-faults)");
    return std::nullopt;
  }
  // The faulting instruction does not complete; a fetch fault follows the
  // branch (or the end of the block) that led to it.
  if (current_) {
    if (current_->contains(event.pc)) {
      settle_before(current_->index(event.pc));
    } else {
      complete_current_block();
    }
  }
  fault_handler_ = vector_fault(event);
  if (fault_handler_) core_.write_register(UC_ARM_REG_PC, *fault_handler_);
  return fault_handler_;
}

std::optional<std::uint32_t> Machine::vector_fault(const FaultEvent& event) {
  Nvic& nvic = ppb_.nvic();
  const FaultRoute route = route_fault(nvic, target_.core, event.cause, execution_priority());
  if (route.lockup) {
    // ARMv7-M ARM (DDI 0403E) B1.5.15 "Unrecoverable exception cases": a
    // fault at priority -1 or higher locks the core up; it would then only
    // leave lockup through reset or a debugger.
    const std::string where = nvic.ipsr == Nvic::kHardFault ? "inside the HardFault handler"
                              : nvic.ipsr == Nvic::kNmi     ? "inside the NMI handler"
                                                            : "with FAULTMASK set";
    fault("lockup",
          fmt::format("{}: {}; this fault happened {}, where not even HardFault can be taken, so "
                      "the core locks up",
                      event.kind, event.detail, where),
          event.pc, event.address,
          "a fault handler must not fault itself: check the handler's own pointers and stack");
    return std::nullopt;
  }
  const unsigned exception = route.exception;
  const std::uint32_t slot = nvic.vtor() + 4 * exception;
  const auto vector = memory_.read_u32(slot);
  if (!vector || (*vector & 1u) == 0) {
    fault(event.kind,
          fmt::format("{}; the guest's {} vector at 0x{:08x} is {}", event.detail,
                      fault_handler_name(exception), slot,
                      vector ? fmt::format("0x{:08x}, not a Thumb handler address", *vector)
                             : std::string("outside memory")),
          event.pc, event.address,
          fmt::format("give {} a handler in the vector table, or find out why the fault happened "
                      "({})",
                      fault_handler_name(exception), event.hint));
    return std::nullopt;
  }
  const std::uint32_t handler = *vector & ~1u;
  const auto* code = memory_.host_pointer(handler, 2);
  if (code && code[0] == 0xFE && code[1] == 0xE7) {  // B . : the start-up code's default handler
    fault(event.kind,
          fmt::format("{}; the guest's {} handler at 0x{:08x} ({}) is an infinite loop",
                      event.detail, fault_handler_name(exception), handler, describe(handler)),
          event.pc, event.address, event.hint);
    return std::nullopt;
  }
  record_fault(nvic, target_.core, event.cause, route, event.address);
  // Entry as for any exception, with the core's entry latency
  // (machine_exceptions.cpp: 16 M0, 15 M0+, 12 M4); the stacked return
  // address is the faulting instruction (ARMv7-M ARM B1.5.6).
  return enter_exception(exception, event.stacked_pc.value_or(event.pc), false);
}

void Machine::settle_before(std::size_t index) {
  // Instructions [0, index) of the current block completed; the one at
  // `index` did not start (an exception is taken before it).
  const BlockInfo* block = current_;
  if (!block) return;
  const std::uint64_t t = cycles_before(index);
  if (block->memory && index > 0) block->memory->fetch_stall_cycles += fetch_stalls_through(index - 1);
  instructions_ += index;
  block_base_cycles_ = t;
  current_ = nullptr;
}

void Machine::fault(std::string kind, std::string detail, std::uint32_t pc,
                    std::optional<std::uint32_t> address, std::string hint) {
  if (stop_ != Stop::None) return;  // the first reason to stop is the one reported
  GuestFault report;
  report.kind = std::move(kind);
  report.detail = std::move(detail);
  report.pc = pc;
  report.pc_symbol = describe(pc);
  report.address = address;
  if (address) report.address_note = describe_data_address(*address);
  report.call_stack = call_stack_text(pc);
  report.hint = std::move(hint);
  fault_ = std::move(report);
  stop_ = Stop::Fault;
  pc_ = pc;
  core_.stop();
}

void Machine::limit(std::string kind, std::string detail, std::string hint) {
  if (stop_ != Stop::None) return;
  const std::uint32_t pc = pc_;
  fault(std::move(kind), std::move(detail), pc, std::nullopt, std::move(hint));
  fault_->is_limit = true;
}

void Machine::interpret_stop(int uc_error) {
  // Without the instruction hook the PC of a memory or decode fault is not
  // known exactly (Unicorn reports the block start): run again precisely.
  if (stop_ == Stop::None && block_only_ && uc_error != UC_ERR_OK) {
    request_replay(fmt::format("fault ({})", UnicornCore::error_text(uc_error)));
  }
  if (stop_ == Stop::None) {
    const std::uint32_t pc = pc_;
    const auto access = invalid_access_;
    const std::uint32_t address = access ? access->address : 0;
    const BlockInfo* block = current_;
    const DecodedInsn* insn =
        block && block->contains(pc) ? &block->insns[block->index(pc)] : nullptr;
    const std::string text = insn ? fmt::format("'{}'", insn->text_view()) : "an instruction";
    const bool stack_access = insn && insn->mem_base == kRegSp;
    switch (uc_error) {
      case UC_ERR_READ_UNMAPPED:
        raise_fault({FaultCause::PreciseData, "unmapped read",
                     fmt::format("{} read {} bytes at 0x{:08x}", text, access ? access->size : 0, address),
                     pc, address, "check the pointer; the target's memory map is in `mcusim targets`"});
        break;
      case UC_ERR_WRITE_UNMAPPED:
        if (stack_access && address < stack_limit_) {
          fault("stack overflow",
                fmt::format("{} wrote below the stack ({}: 0x{:08x})", text, stack_limit_source_,
                            stack_limit_),
                pc, address, "reduce stack use or give the stack more room");
        } else {
          raise_fault({FaultCause::PreciseData, "unmapped write",
                       fmt::format("{} wrote {} bytes at 0x{:08x}", text, access ? access->size : 0, address),
                       pc, address, "check the pointer; the target's memory map is in `mcusim targets`"});
        }
        break;
      case UC_ERR_FETCH_UNMAPPED: {
        const std::uint32_t target = access ? address : core_.pc();
        raise_fault({FaultCause::InstructionBus, "unmapped fetch",
                     fmt::format("execution continued at 0x{:08x}, outside memory, after {} at "
                                 "0x{:08x} in {}",
                                 target, text, pc, describe(pc)),
                     target, target, "check function pointers and return addresses (stack corruption?)"});
        // The branch that left memory never reached a block hook: name it as
        // the caller of the bad address.
        if (fault_ && fault_->call_stack.size() >= 1) {
          fault_->call_stack.insert(fault_->call_stack.begin() + 1, describe(pc));
        }
        break;
      }
      case UC_ERR_WRITE_PROT:
        raise_fault({FaultCause::PreciseData, "write to read-only memory",
                     fmt::format("{} wrote {} bytes at 0x{:08x}", text, access ? access->size : 0, address),
                     pc, address, "flash is read-only while the program runs; put the variable in RAM"});
        break;
      case UC_ERR_READ_PROT:
        raise_fault({FaultCause::PreciseData, "read of unreadable memory",
                     fmt::format("{} read 0x{:08x}", text, address), pc, address,
                     "this region's access in the target file does not allow reads"});
        break;
      case UC_ERR_FETCH_PROT:
        raise_fault({FaultCause::InstructionAccess, "fetch from non-executable memory",
                     fmt::format("execution reached 0x{:08x} in a region without execute access, "
                                 "after {} at 0x{:08x} in {}",
                                 access ? address : pc, text, pc, describe(pc)),
                     access ? address : pc, access ? std::optional(address) : std::nullopt,
                     "run code from an executable region, or mark the region \"rwx\" in the "
                     "target file"});
        break;
      case UC_ERR_INSN_INVALID:
        raise_fault({FaultCause::Undefined, "undefined instruction",
                     fmt::format("{} at 0x{:08x} is not an instruction of core {}", text, pc,
                                 core_name(target_.core)),
                     pc, std::nullopt, "build for this core or pick a target with the right core"});
        break;
      case UC_ERR_EXCEPTION:
        raise_fault({FaultCause::InvalidState, "invalid state",
                     "the core raised an exception mcusim does not model (e.g. a branch to an "
                     "even address, which would leave Thumb state)",
                     pc, std::nullopt, "check function pointers: Cortex-M code addresses have bit 0 set"});
        break;
      case UC_ERR_OK:
        if (insn && insn->cls == InsnClass::Wait) {
          limit("sleeping forever",
                fmt::format("{} put the core to sleep and no interrupt can wake it", text),
                "interrupts arrive with the exception model (issue #4); exit with semihosting "
                "SYS_EXIT instead of sleeping");
        } else {
          fault("stopped", fmt::format("emulation stopped at 0x{:08x} for no known reason", pc), pc);
        }
        break;
      default:
        fault("emulation error", std::string(UnicornCore::error_text(uc_error)), pc);
        break;
    }
  }
  // Count the instructions of the last block that completed before the stop.
  if (current_) {
    const std::size_t completed = current_->contains(pc_) ? current_->index(pc_) : 0;
    block_base_cycles_ += static_cast<std::uint64_t>(
        static_cast<std::int64_t>(current_->prefix[completed] +
                                  (completed ? fetch_stalls_through(completed - 1) : 0)) +
        block_dynamic_);
    instructions_ += completed;
    current_ = nullptr;
  }
}

std::string Machine::describe(std::uint32_t address) const {
  // Only code the ELF loaded can be named after its symbols; anything else
  // (an address outside every segment) would borrow an unrelated name.
  for (const Segment& segment : elf_.segments) {
    if (address - segment.address < segment.memory_size) return elf_.describe(address);
  }
  return fmt::format("0x{:08x}", address);
}

std::string Machine::describe_data_address(std::uint32_t address) const {
  if (address >= PrivatePeripheralBus::kBase &&
      address - PrivatePeripheralBus::kBase < PrivatePeripheralBus::kSize) {
    return "in the private peripheral bus";
  }
  for (const MemoryRegion& region : target_.regions) {
    if (region.contains(address)) {
      return fmt::format("inside region '{}' at offset 0x{:x}", region.name, address - region.base);
    }
    if (address == region.end()) {
      return fmt::format("first byte past region '{}' (0x{:08x}..0x{:08x})", region.name,
                         region.base, region.end() - 1);
    }
    if (address < region.base && region.base - address <= 4096) {
      return fmt::format("{} bytes below region '{}' (starts at 0x{:08x})", region.base - address,
                         region.name, region.base);
    }
    if (address > region.end() && address - region.end() < 4096) {
      return fmt::format("{} bytes past the end of region '{}' (ends at 0x{:08x})",
                         address - region.end() + 1, region.name, region.end() - 1);
    }
  }
  return "not in any memory region of the target";
}

std::vector<std::string> Machine::call_stack_text(std::uint32_t pc) const {
  std::vector<std::string> frames;
  frames.push_back(describe(pc));
  for (auto frame = call_stack_.rbegin(); frame != call_stack_.rend(); ++frame) {
    frames.push_back(describe(frame->call_site));
    if (frames.size() >= 32) break;
  }
  return frames;
}

std::uint32_t Machine::data_address_of(const DecodedInsn& insn) const {
  if (insn.mem_base == kNoReg) return 0;
  std::uint32_t address = core_.core_register(insn.mem_base);
  if (insn.mem_base == kRegPc) address = (insn.address + 4) & ~3u;
  if (insn.mem_index != kNoReg) address += core_.core_register(insn.mem_index) << insn.mem_index_shift;
  return address + static_cast<std::uint32_t>(insn.mem_disp);
}

}  // namespace mcusim
