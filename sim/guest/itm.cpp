#include "sim/guest/itm.hpp"

#include <string>

namespace mcusim {

bool Itm::write_stimulus(std::uint32_t port, std::uint32_t value, unsigned size, std::uint64_t now,
                         std::uint32_t pc) {
  if (port == 0) {
    // A byte, halfword or word write sends that many bytes, low byte first.
    std::string text;
    for (unsigned i = 0; i < size; ++i) text.push_back(static_cast<char>(value >> (8 * i)));
    return console_->write(text);
  }
  if (markers_.size() >= kMaxMarkers) return false;
  markers_.push_back(TraceMarker{static_cast<std::uint8_t>(port), value, now, pc});
  return true;
}

}  // namespace mcusim
