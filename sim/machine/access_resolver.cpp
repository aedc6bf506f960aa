#include "sim/machine/access_resolver.hpp"

#include <algorithm>
#include <array>
#include <bit>

namespace mcusim {
namespace {

std::uint16_t reg_bit(std::uint8_t reg) {
  return static_cast<std::uint16_t>(reg < 16 ? 1u << reg : 0u);
}

bool is_multi(InsnClass cls) {
  return cls == InsnClass::LoadMulti || cls == InsnClass::LoadMultiPc ||
         cls == InsnClass::StoreMulti || cls == InsnClass::LoadDual || cls == InsnClass::StoreDual;
}

// A 4-byte PC-relative load from memory nobody writes (flash) is a constant
// the compiler placed there: the usual way ARMv6-M code forms a peripheral
// address (`ldr r0, =0xE0001004`).
std::optional<std::uint32_t> literal_value(const DecodedInsn& insn, const GuestMemory& memory) {
  if (insn.cls != InsnClass::Load || insn.mem_base != kRegPc || insn.mem_bytes != 4) {
    return std::nullopt;
  }
  const std::uint32_t address = ((insn.address + 4) & ~3u) + static_cast<std::uint32_t>(insn.mem_disp);
  for (const auto& block : memory.blocks()) {
    if (block.region->contains(address) && !block.region->access.write) {
      return memory.read_u32(address);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::size_t> find_accessing_instruction(
    const BlockInfo& block, std::int32_t after, const DataAccess& access,
    const std::function<std::uint32_t(unsigned)>& register_now, const GuestMemory& memory) {
  const std::size_t count = block.insns.size();
  // written_from[i]: registers written by instruction i or any later one.
  std::vector<std::uint16_t> written_from(count + 1, 0);
  for (std::size_t i = count; i-- > 0;) {
    written_from[i] = static_cast<std::uint16_t>(written_from[i + 1] | block.insns[i].regs_written);
  }
  std::array<std::optional<std::uint32_t>, 16> known{};  // values fixed by literal loads
  // Every instruction that could have made the access. One that certainly did
  // (its address is exact) settles it if nothing earlier could have.
  std::size_t possible = 0;
  std::optional<std::size_t> first;
  bool first_is_certain = false;
  for (std::size_t i = 0; i < count; ++i) {
    const DecodedInsn& insn = block.insns[i];
    const bool considered = static_cast<std::int32_t>(i) > after;
    if (considered && is_multi(insn.cls) && insn.mem_base != kRegSp && insn.mem_base < 16) {
      // Several accesses from one instruction cannot be placed exactly; it only
      // matters if its words could include the address (IA or DB from the base).
      // As for single accesses: were this the accessing instruction, its base
      // now would be the one it used, so an address out of range rules it out.
      const std::uint32_t base = known[insn.mem_base] ? *known[insn.mem_base]
                                                      : register_now(insn.mem_base);
      const std::uint32_t span = 4u * std::max<std::uint32_t>(insn.reg_count, 2) +
                                 static_cast<std::uint32_t>(insn.mem_disp < 0 ? -insn.mem_disp
                                                                              : insn.mem_disp);
      const bool in_range = access.address - (base - span) < 2 * span;
      if (in_range) {
        ++possible;
        if (!first) first = i;
      }
    }
    const bool direction_matches = access.is_write ? insn.cls == InsnClass::Store
                                                   : (insn.cls == InsnClass::Load);
    if (considered && direction_matches && insn.mem_bytes == access.size &&
        insn.mem_base != kNoReg) {
      const std::uint16_t address_regs =
          static_cast<std::uint16_t>(reg_bit(insn.mem_base) | reg_bit(insn.mem_index));
      std::optional<std::uint32_t> base, index;
      if (insn.mem_base == kRegPc) {
        base = (insn.address + 4) & ~3u;
      } else {
        base = known[insn.mem_base];
      }
      if (insn.mem_index != kNoReg) index = known[insn.mem_index];
      const bool static_address = base && (insn.mem_index == kNoReg || index);
      std::uint32_t address = 0;
      bool exact = true;
      if (static_address) {
        address = *base + (index ? *index << insn.mem_index_shift : 0) +
                  static_cast<std::uint32_t>(insn.mem_disp);
      } else {
        // The registers now are those of the accessing instruction, and this
        // one's too if nothing from here on rewrites its address registers.
        // Either way, were this the accessing instruction, the address matches.
        address = register_now(insn.mem_base) +
                  (insn.mem_index != kNoReg ? register_now(insn.mem_index) << insn.mem_index_shift
                                            : 0) +
                  static_cast<std::uint32_t>(insn.mem_disp);
        exact = (written_from[i] & address_regs) == 0;
      }
      if (address == access.address) {
        ++possible;
        if (!first) {
          first = i;
          first_is_certain = exact;
        }
      }
    }
    if (const auto value = literal_value(insn, memory)) {
      known[std::countr_zero(static_cast<unsigned>(insn.regs_written))] = value;
    } else {
      for (unsigned r = 0; r < 16; ++r) {
        if (insn.regs_written >> r & 1u) known[r].reset();
      }
    }
  }
  if (first && (possible == 1 || first_is_certain)) return first;
  return std::nullopt;
}

}  // namespace mcusim
