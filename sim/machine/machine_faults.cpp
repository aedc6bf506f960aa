// How a run ends badly: guest faults and limits, described for a person.
#include "sim/machine/machine.hpp"

#include <unicorn/unicorn.h>

#include <fmt/format.h>

namespace mcusim {

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
        fault("unmapped read", fmt::format("{} read {} bytes at 0x{:08x}", text, access ? access->size : 0, address),
              pc, address, "check the pointer; the target's memory map is in `mcusim targets`");
        break;
      case UC_ERR_WRITE_UNMAPPED:
        if (stack_access && address < stack_limit_) {
          fault("stack overflow",
                fmt::format("{} wrote below the stack ({}: 0x{:08x})", text, stack_limit_source_,
                            stack_limit_),
                pc, address, "reduce stack use or give the stack more room");
        } else {
          fault("unmapped write",
                fmt::format("{} wrote {} bytes at 0x{:08x}", text, access ? access->size : 0, address),
                pc, address, "check the pointer; the target's memory map is in `mcusim targets`");
        }
        break;
      case UC_ERR_FETCH_UNMAPPED: {
        const std::uint32_t target = access ? address : core_.pc();
        fault("unmapped fetch",
              fmt::format("execution continued at 0x{:08x}, outside memory, after {} at 0x{:08x} "
                          "in {}",
                          target, text, pc, describe(pc)),
              target, target, "check function pointers and return addresses (stack corruption?)");
        // The branch that left memory never reached a block hook: name it as
        // the caller of the bad address.
        if (fault_ && fault_->call_stack.size() >= 1) {
          fault_->call_stack.insert(fault_->call_stack.begin() + 1, describe(pc));
        }
        break;
      }
      case UC_ERR_WRITE_PROT:
        fault("write to read-only memory",
              fmt::format("{} wrote {} bytes at 0x{:08x}", text, access ? access->size : 0, address), pc,
              address, "flash is read-only while the program runs; put the variable in RAM");
        break;
      case UC_ERR_READ_PROT:
        fault("read of unreadable memory", fmt::format("{} read 0x{:08x}", text, address), pc,
              address, "this region's access in the target file does not allow reads");
        break;
      case UC_ERR_FETCH_PROT:
        fault("fetch from non-executable memory",
              fmt::format("execution reached 0x{:08x} in a region without execute access, after "
                          "{} at 0x{:08x} in {}",
                          access ? address : pc, text, pc, describe(pc)),
              access ? address : pc, access ? std::optional(address) : std::nullopt,
              "run code from an executable region, or mark the region \"rwx\" in the target file");
        break;
      case UC_ERR_INSN_INVALID:
        fault("undefined instruction",
              fmt::format("{} at 0x{:08x} is not an instruction of core {}", text, pc,
                          core_name(target_.core)),
              pc, std::nullopt, "build for this core or pick a target with the right core");
        break;
      case UC_ERR_EXCEPTION:
        fault("invalid state",
              "the core raised an exception mcusim does not model (e.g. a branch to an even "
              "address, which would leave Thumb state)",
              pc, std::nullopt, "check function pointers: Cortex-M code addresses have bit 0 set");
        break;
      case UC_ERR_OK:
        if (insn && insn->cls == InsnClass::Wait) {
          limit("sleep forever",
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
