// sim/target/target.hpp — what a target file describes: one MCU's core, clock
// and memory map. Read from targets/*.toml by load_target() (target_loader.cpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/target/power_figures.hpp"

namespace mcusim {

enum class CoreModel : std::uint8_t { CortexM0, CortexM0Plus, CortexM4, CortexM4F };

// Target-file spelling: "cortex-m0", "cortex-m0plus", "cortex-m4", "cortex-m4f".
std::string_view core_name(CoreModel core) noexcept;
std::optional<CoreModel> parse_core(std::string_view name) noexcept;
bool is_armv6m(CoreModel core) noexcept;  // M0 and M0+
bool has_fpu(CoreModel core) noexcept;    // M4F only

// M0/M0+ multiplier implementation option (ARM DDI 0432C §3.3, DDI 0484C):
// MULS takes 1 cycle with the fast multiplier, 32 with the small one.
enum class Multiplier : std::uint8_t { Fast, Small };

enum class RegionKind : std::uint8_t { Flash, Ram };

struct Access {
  bool read = true;
  bool write = false;
  bool execute = false;
};

// The accelerator in front of a region ([memory.accelerator] in the file):
// a prefetch buffer, ART, XIP cache or instruction cache, picked by `model`
// from the names sim/memory/accelerator_registry.hpp knows. Fields a model
// does not use stay at their defaults; the loader rejects them in the file.
struct AcceleratorSpec {
  std::string model;                 // "prefetch-buffer", "art", "xip-cache", "instruction-cache"
  bool prefetch = true;              // prefetch-buffer, art: PRFTBE / PRFTEN
  bool icache = true;                // art: ICEN
  bool dcache = true;                // art: DCEN
  std::uint32_t line_bytes = 0;      // art, caches: bytes per line (0: the model's default)
  std::uint32_t icache_lines = 0;    // art
  std::uint32_t dcache_lines = 0;    // art
  std::uint32_t size_bytes = 0;      // xip-cache, instruction-cache
  std::uint32_t ways = 0;            // xip-cache, instruction-cache
  std::uint32_t miss_cycles = 0;     // xip-cache: cycles a miss costs (QSPI read)
  std::string source;
};

struct MemoryRegion {
  std::string name;         // e.g. "flash", "sram"
  RegionKind kind = RegionKind::Ram;
  std::uint32_t base = 0;
  std::uint32_t size = 0;   // bytes, > 0
  Access access;            // "rx", "rw", "rwx" in the file
  // Extra cycles per access: from the file, or from the part's table
  // (wait_state_max_hz) at the target's clock when the file gives none.
  std::uint32_t wait_states = 0;
  std::string source;       // where the numbers come from (datasheet section)
  std::uint32_t data_wait_states = 0;  // data reads/writes; = wait_states unless set
  std::uint32_t width_bytes = 4;       // bytes one read brings (flash: 4, or 16 for 128-bit lines)
  // The part's flash latency table: entry i is the highest clock (Hz) at
  // which i wait states suffice. Empty: no table, wait_states as written.
  std::vector<std::uint64_t> wait_state_max_hz{};
  std::optional<AcceleratorSpec> accelerator{};

  // Wait states the table requires at `clock_hz`; nullopt above the table.
  std::optional<std::uint32_t> required_wait_states(std::uint64_t clock_hz) const noexcept;

  std::uint64_t end() const noexcept { return std::uint64_t{base} + size; }  // one past
  bool contains(std::uint32_t address) const noexcept {
    return address >= base && address - base < size;
  }
};

struct Target {
  std::string name;
  std::string description;
  std::filesystem::path file;  // where it was read from
  CoreModel core = CoreModel::CortexM0;
  std::uint64_t clock_hz = 0;
  Multiplier multiplier = Multiplier::Fast;
  std::vector<MemoryRegion> regions;  // sorted by base, non-overlapping
  std::string source;                 // source line for clock/core figures
  std::uint64_t max_clock_hz = 0;     // the part's maximum clock; 0: not given
  // [power]: absent when the file gives no power figures (energy is then null).
  std::optional<PowerFigures> power{};
  // Not errors, but worth telling the user (e.g. wait states set below what
  // the part's table needs at this clock). The CLI prints them to stderr.
  std::vector<std::string> warnings;

  const MemoryRegion* region_at(std::uint32_t address) const noexcept;
  // The first region of a kind (flash: where the vector table lives).
  const MemoryRegion* first_of(RegionKind kind) const noexcept;
  std::uint64_t total_bytes(RegionKind kind) const noexcept;
};

// Directory holding the bundled targets: $MCUSIM_TARGETS_DIR if set, else the
// source tree's targets/ (compiled in), so the binary works from the build dir.
std::filesystem::path bundled_targets_dir();

// Loads a target by name ("generic-m0", looked up in bundled_targets_dir()) or
// by path (anything containing '/' or ending in ".toml"). Throws mcusim::Error
// (BadInput) with file:line:column and advice for every mistake in the file.
Target load_target(std::string_view name_or_path);

// Parses target TOML text; `file` names it in messages.
Target parse_target(std::string_view toml_text, const std::filesystem::path& file);

// All bundled targets, sorted by name.
std::vector<Target> list_bundled_targets();

}  // namespace mcusim
