#include "sim/memory/accelerator_registry.hpp"

#include <fmt/format.h>

#include <array>
#include <bit>

namespace mcusim {
namespace {

constexpr std::array<std::string_view, 1> kPrefetchKeys{"prefetch"};
constexpr std::array<std::string_view, 6> kArtKeys{"prefetch",   "icache",       "dcache",
                                                   "line_bytes", "icache_lines", "dcache_lines"};
constexpr std::array<std::string_view, 4> kXipKeys{"size_bytes", "ways", "line_bytes",
                                                   "miss_cycles"};
constexpr std::array<std::string_view, 3> kICacheKeys{"size_bytes", "ways", "line_bytes"};

AcceleratorSpec art_defaults() {
  // RM0090 §3.5.2: 128-bit lines, 64 I-cache lines, 8 D-cache lines.
  AcceleratorSpec spec;
  spec.model = "art";
  spec.line_bytes = 16;
  spec.icache_lines = 64;
  spec.dcache_lines = 8;
  return spec;
}

AcceleratorSpec xip_defaults() {
  // RP2040 datasheet §2.6.3.1: 16 kB, two-way set-associative, 8-byte lines.
  AcceleratorSpec spec;
  spec.model = "xip-cache";
  spec.size_bytes = 16 * 1024;
  spec.ways = 2;
  spec.line_bytes = 8;
  return spec;
}

AcceleratorSpec icache_defaults() {
  AcceleratorSpec spec;
  spec.model = "instruction-cache";
  spec.ways = 2;
  spec.line_bytes = 16;
  return spec;
}

AcceleratorSpec named(std::string_view name) {
  AcceleratorSpec spec;
  spec.model = std::string(name);
  return spec;
}

const std::array<AcceleratorModel, 4>& models() {
  static const std::array<AcceleratorModel, 4> kModels{
      AcceleratorModel{"prefetch-buffer",
                       "STM32F0-style prefetch buffer: the next flash word is read ahead",
                       kPrefetchKeys, named("prefetch-buffer"), &make_prefetch_buffer},
      AcceleratorModel{"art",
                       "STM32F4/L4 ART accelerator: 128-bit line prefetch, I-cache, D-cache",
                       kArtKeys, art_defaults(), &make_art_accelerator},
      AcceleratorModel{"xip-cache", "RP2040-style XIP cache in front of QSPI flash", kXipKeys,
                       xip_defaults(), &make_xip_cache},
      AcceleratorModel{"instruction-cache", "nRF52840-style instruction cache in front of flash",
                       kICacheKeys, icache_defaults(), &make_instruction_cache},
  };
  return kModels;
}

bool power_of_two(std::uint32_t value) { return value != 0 && std::has_single_bit(value); }

}  // namespace

std::span<const AcceleratorModel> accelerator_models() noexcept { return models(); }

const AcceleratorModel* find_accelerator_model(std::string_view name) noexcept {
  for (const AcceleratorModel& model : models()) {
    if (model.name == name) return &model;
  }
  return nullptr;
}

std::optional<std::string> accelerator_problem(const AcceleratorSpec& spec) {
  if (spec.model == "art") {
    if (!power_of_two(spec.line_bytes) || spec.line_bytes < 4) {
      return fmt::format("line_bytes = {} must be a power of two, at least 4", spec.line_bytes);
    }
    if (spec.icache_lines == 0 || spec.dcache_lines == 0) {
      return std::string("icache_lines and dcache_lines must be at least 1 (turn a cache off "
                         "with icache = false or dcache = false)");
    }
    return std::nullopt;
  }
  if (spec.model == "xip-cache" || spec.model == "instruction-cache") {
    if (!power_of_two(spec.line_bytes) || spec.line_bytes < 4) {
      return fmt::format("line_bytes = {} must be a power of two, at least 4", spec.line_bytes);
    }
    if (spec.size_bytes == 0 || spec.size_bytes % spec.line_bytes != 0) {
      return fmt::format("size_bytes = {} must be a non-zero multiple of line_bytes = {}",
                         spec.size_bytes, spec.line_bytes);
    }
    const std::uint32_t lines = spec.size_bytes / spec.line_bytes;
    if (spec.ways == 0 || lines % spec.ways != 0) {
      return fmt::format("ways = {} must divide the cache's {} lines", spec.ways, lines);
    }
    if (spec.model == "xip-cache" && spec.miss_cycles == 0) {
      return std::string("miss_cycles must be given: the cycles one line read from the "
                         "external flash takes at this clock");
    }
  }
  return std::nullopt;
}

}  // namespace mcusim
