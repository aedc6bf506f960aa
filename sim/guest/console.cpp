#include "sim/guest/console.hpp"

#include <algorithm>

namespace mcusim {

bool Console::write(std::string_view text) noexcept {
  const std::uint64_t room = limit_ > written_ ? limit_ - written_ : 0;
  const auto accepted = static_cast<std::size_t>(std::min<std::uint64_t>(room, text.size()));
  if (sink_ && accepted > 0) std::fwrite(text.data(), 1, accepted, sink_);
  written_ += accepted;
  return accepted == text.size();
}

void Console::flush() noexcept {
  if (sink_) std::fflush(sink_);
}

}  // namespace mcusim
