// sim/target/target.hpp — what a target file describes: one MCU's core, clock
// and memory map. Read from targets/*.toml by load_target() (target_loader.cpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

struct MemoryRegion {
  std::string name;         // e.g. "flash", "sram"
  RegionKind kind = RegionKind::Ram;
  std::uint32_t base = 0;
  std::uint32_t size = 0;   // bytes, > 0
  Access access;            // "rx", "rw", "rwx" in the file
  std::uint32_t wait_states = 0;
  std::string source;       // where the numbers come from (datasheet section)

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
