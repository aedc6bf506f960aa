// sim/guest/itm.hpp — the trace port: ITM stimulus ports (ARMv7-M ARM C1.7).
//
// Stimulus port n is the word at 0xE000_0000 + 4n. A read returns 1 (FIFO
// ready), as on silicon, so firmware that polls before writing works. Port 0
// carries console characters (the usual ITM printf channel); ports 1..31
// carry markers, recorded with the cycle count at the storing instruction.
// mcusim's runtime uses port 1 for "layer begins" and port 2 for "layer ends",
// the value being the layer index (docs/guest-conventions.md).
#pragma once

#include "sim/guest/console.hpp"

#include <cstdint>
#include <vector>

namespace mcusim {

struct TraceMarker {
  std::uint8_t port = 0;
  std::uint32_t value = 0;
  std::uint64_t cycle = 0;  // cycles completed before the storing instruction
  std::uint32_t pc = 0;
};

class Itm {
 public:
  static constexpr std::uint32_t kStimulusPorts = 32;
  static constexpr std::size_t kMaxMarkers = 1u << 22;  // about 100 MiB of markers at most

  explicit Itm(Console& console) noexcept : console_(&console) {}

  // Returns false when the console cap is hit (port 0) or the marker store is full.
  bool write_stimulus(std::uint32_t port, std::uint32_t value, unsigned size, std::uint64_t now,
                      std::uint32_t pc);
  const std::vector<TraceMarker>& markers() const noexcept { return markers_; }

 private:
  Console* console_;
  std::vector<TraceMarker> markers_;
};

}  // namespace mcusim
