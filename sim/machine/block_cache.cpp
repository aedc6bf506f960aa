#include "sim/machine/block_cache.hpp"

#include "sim/error.hpp"

#include <cstring>

namespace mcusim {

BlockCache::BlockCache(const Decoder& decoder, const TimingOptions& timing,
                       const GuestMemory& memory, MemorySystem& memory_system)
    : decoder_(&decoder), timing_(timing), memory_(&memory), memory_system_(&memory_system) {
  for (const auto& block : memory.blocks()) {
    if (!block.region->access.execute) continue;
    tables_.push_back(RegionTable{block.region->base, block.region->size,
                                  std::vector<std::uint32_t>(block.region->size / 2, 0)});
  }
}

std::uint32_t* BlockCache::slot_for(std::uint32_t start) {
  for (auto& table : tables_) {
    if (start - table.base < table.size) return &table.slots[(start - table.base) >> 1];
  }
  return &fallback_[start];
}

const BlockInfo* BlockCache::find(std::uint32_t start, std::uint32_t size) noexcept {
  for (auto& table : tables_) {
    if (start - table.base < table.size) {
      const std::uint32_t slot = table.slots[(start - table.base) >> 1];
      if (slot == 0) return nullptr;
      return still_valid(blocks_[slot - 1], size);
    }
  }
  const auto it = fallback_.find(start);
  if (it == fallback_.end()) return nullptr;
  return still_valid(blocks_[it->second - 1], size);
}

const BlockInfo* BlockCache::still_valid(const BlockInfo& known, std::uint32_t size) const noexcept {
  if (known.size != size) return nullptr;
  if (!known.writable_code.empty()) {
    const std::uint8_t* now = memory_->host_pointer(known.start, size);
    if (!now || std::memcmp(now, known.writable_code.data(), size) != 0) return nullptr;
  }
  return &known;
}

const BlockInfo& BlockCache::decode_new(std::uint32_t start, std::uint32_t size,
                                        std::uint8_t it_state) {
  std::uint32_t* slot = slot_for(start);
  if (*slot != 0) return decode(start, size, it_state, blocks_[*slot - 1]);  // new extent
  blocks_.emplace_back();
  *slot = static_cast<std::uint32_t>(blocks_.size());
  return decode(start, size, it_state, blocks_.back());
}

const BlockInfo& BlockCache::decode(std::uint32_t start, std::uint32_t size,
                                    std::uint8_t it_state, BlockInfo& into) {
  const std::uint8_t* bytes = memory_->host_pointer(start, size);
  if (!bytes) {
    throw Error(ErrorKind::Internal,
                fmt::format("block at 0x{:08x} ({} bytes) is not in guest memory", start, size));
  }
  into = BlockInfo{};
  into.start = start;
  into.size = size;
  into.insns = decoder_->decode_block(std::span(bytes, size), start, it_state);
  for (const auto& block : memory_->blocks()) {
    if (block.region->contains(start) && block.region->access.write) {
      into.writable_code.assign(bytes, bytes + size);
    }
  }
  into.pairs_across_blocks = !is_armv6m(timing_.core);
  into.memory = memory_system_->timing_at(start);
  into.index_of.assign((size + 1) / 2, 0);
  into.prefix.assign(1, 0);
  const DecodedInsn* previous = nullptr;
  for (std::size_t i = 0; i < into.insns.size(); ++i) {
    const DecodedInsn& insn = into.insns[i];
    for (std::uint32_t half = 0; half < insn.size / 2u; ++half) {
      const std::uint32_t at = (insn.address - start) / 2 + half;
      if (at < into.index_of.size()) into.index_of[at] = static_cast<std::uint16_t>(i);
    }
    into.prefix.push_back(into.prefix.back() + static_cycles(insn, previous, timing_) +
                          MemorySystem::code_extra(into.memory, insn));
    if (into.memory != nullptr) {
      const std::uint32_t mask = ~(into.memory->unit_bytes - 1);
      for (std::uint32_t unit = insn.address & mask; unit < insn.next_address(); unit += ~mask + 1) {
        if (into.fetch_units.empty() || into.fetch_units.back().address != unit) {
          into.fetch_units.push_back({unit, static_cast<std::uint16_t>(i)});
        }
      }
    }
    previous = &insn;
    switch (insn.cls) {
      case InsnClass::Div:
      case InsnClass::Undefined: into.needs_instruction_checks = true; break;
      case InsnClass::Load:
      case InsnClass::Store:
        // M4: a word or halfword access may straddle a word boundary (+1);
        // stack and literal accesses are aligned by construction.
        if (!is_armv6m(timing_.core) && insn.mem_bytes >= 2 && insn.mem_base != kRegSp &&
            insn.mem_base != kRegPc) {
          into.needs_instruction_checks = true;
        }
        break;
      case InsnClass::LoadDual:
      case InsnClass::StoreDual:
      case InsnClass::LoadMulti:
      case InsnClass::LoadMultiPc:
      case InsnClass::StoreMulti:
        // ARMv6-M cores fault on every unaligned access inside Unicorn already;
        // on the M4 the multi-word forms must be checked here (TIMING-FACTS.md).
        if (!is_armv6m(timing_.core) && insn.mem_base != kRegSp) {
          into.needs_instruction_checks = true;
        }
        break;
      default: break;
    }
    if (insn.in_it_block) into.needs_instruction_checks = true;
    const bool pops = insn.cls == InsnClass::LoadMulti || insn.cls == InsnClass::LoadMultiPc;
    if ((insn.regs_written & (1u << kRegSp)) && !pops) into.may_lower_sp = true;
  }
  if (into.memory != nullptr && into.memory->accelerator->stateless()) {
    into.fetch_stateless = true;
    into.static_unit_stalls.assign(into.fetch_units.size(), 0);
    for (std::size_t k = 1; k < into.fetch_units.size(); ++k) {
      into.static_unit_stalls[k] = into.memory->accelerator->fetch(into.fetch_units[k].address, true);
      into.static_stall_total += into.static_unit_stalls[k];
    }
  }
  if (!into.insns.empty()) {
    const DecodedInsn& tail = into.insns.back();
    into.last_address = tail.address;
    into.tail_writes_pc = tail.writes_pc();
    into.tail_conditional = tail.cls == InsnClass::CondBranch ||
                            tail.cls == InsnClass::CompareBranch || tail.in_it_block;
    into.tail_is_call = tail.cls == InsnClass::BranchLink || tail.cls == InsnClass::BranchLinkReg;
    into.tail_may_return = tail.cls == InsnClass::BranchReg || tail.cls == InsnClass::LoadMultiPc ||
                           tail.cls == InsnClass::LoadPc || tail.cls == InsnClass::AluWritePc;
    // ARMv6-M refills do not depend on the target (DDI 0432C, DDI 0484C).
    if (is_armv6m(timing_.core)) {
      into.fixed_taken_extra = static_cast<std::int32_t>(taken_extra(tail, tail, timing_));
    }
  }
  return into;
}

}  // namespace mcusim
