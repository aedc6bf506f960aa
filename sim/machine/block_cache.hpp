// sim/machine/block_cache.hpp — decoded translated blocks with their static
// cycle costs, looked up by start address on every block the core runs.
//
// Decoding (Capstone, ~300 ns an instruction) and the static timing sums
// happen once per block start; the hot path is one table lookup. Unicorn's
// blocks are not basic blocks, but the same start address always gives the
// same block (TIMING-FACTS.md); a size mismatch re-decodes.
#pragma once

#include "sim/decode/decoder.hpp"
#include "sim/machine/guest_memory.hpp"
#include "sim/memory/memory_system.hpp"
#include "sim/timing/timing.hpp"

#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

namespace mcusim {

struct BlockInfo {
  std::uint32_t start = 0;
  std::uint32_t size = 0;
  std::vector<DecodedInsn> insns;
  // prefix[i] = static cycles of insns[0..i) (each with its in-block predecessor);
  // prefix.back() is the whole block when it runs to the end without branching.
  std::vector<std::uint32_t> prefix;
  std::vector<std::uint16_t> index_of;  // (address - start) / 2 -> instruction index

  // The memory the block's code is fetched from, when it costs anything
  // beyond the core timing (wait states, an accelerator, the M4 System bus),
  // and the fetch units its instructions occupy in order: the unit's aligned
  // address and the first instruction that needs it.
  RegionTiming* memory = nullptr;
  struct FetchUnit {
    std::uint32_t address = 0;
    std::uint16_t first_index = 0;
  };
  std::vector<FetchUnit> fetch_units;
  // Stateless models (no cache): the stall of every unit after the first,
  // fixed at decode (they all follow the unit before them), and their sum.
  bool fetch_stateless = false;
  std::vector<std::uint32_t> static_unit_stalls;  // [0] unused
  std::uint32_t static_stall_total = 0;

  bool needs_instruction_checks = false;  // IT, divide, multi-word access or undefined inside
  // Some instruction may lower SP (PUSH, STMDB SP!, SUB/MOV SP): the stack
  // guard is checked after such a block. Blocks that only raise it (POP) are not.
  bool may_lower_sp = false;
  bool pairs_across_blocks = false;  // the core has pairing rules (M4)
  // The last instruction, precomputed for the hot path of the block hook.
  std::uint32_t last_address = 0;
  bool tail_writes_pc = false;
  bool tail_conditional = false;   // Bcc, CBZ/CBNZ or inside an IT block
  bool tail_is_call = false;       // BL, BLX
  bool tail_may_return = false;    // BX, POP {pc}, LDR pc, MOV/ADD pc
  std::int32_t fixed_taken_extra = -1;  // refill when it does not depend on the target

  // Code in writable memory can be rewritten (Unicorn then retranslates it):
  // its bytes are kept and compared on every visit.
  std::vector<std::uint8_t> writable_code;

  // Block-mode observation (sim/machine/execution_observer.hpp): 1 + the
  // index of the machine's per-block templates, 0 before they are built.
  mutable std::uint32_t observed_id = 0;

  std::uint32_t end() const noexcept { return start + size; }
  std::size_t index(std::uint32_t address) const noexcept {
    return index_of[(address - start) >> 1];
  }
  bool contains(std::uint32_t address) const noexcept { return address - start < size; }
  std::uint32_t static_cost(std::size_t i) const noexcept { return prefix[i + 1] - prefix[i]; }
};

class BlockCache {
 public:
  BlockCache(const Decoder& decoder, const TimingOptions& timing, const GuestMemory& memory,
             MemorySystem& memory_system);

  // The block at `start` of `size` bytes if it was decoded before, else null.
  const BlockInfo* find(std::uint32_t start, std::uint32_t size) noexcept;
  // Decodes (or re-decodes) the block; `it_state` is the xPSR IT bits in force
  // at its first instruction (non-zero only when a block starts inside an IT block).
  const BlockInfo& decode_new(std::uint32_t start, std::uint32_t size, std::uint8_t it_state);
  std::size_t size() const noexcept { return blocks_.size(); }

 private:
  std::uint32_t* slot_for(std::uint32_t start);
  const BlockInfo* still_valid(const BlockInfo& known, std::uint32_t size) const noexcept;
  const BlockInfo& decode(std::uint32_t start, std::uint32_t size, std::uint8_t it_state,
                          BlockInfo& into);

  const Decoder* decoder_;
  TimingOptions timing_;
  const GuestMemory* memory_;
  MemorySystem* memory_system_;
  std::deque<BlockInfo> blocks_;  // stable addresses
  // Flat lookup per executable region (index by halfword), 0 = none, else slot+1.
  struct RegionTable {
    std::uint32_t base = 0, size = 0;
    std::vector<std::uint32_t> slots;
  };
  std::vector<RegionTable> tables_;
  std::unordered_map<std::uint32_t, std::uint32_t> fallback_;  // outside every table
};

}  // namespace mcusim
