#include "sim/guest/console.hpp"

#include <algorithm>

namespace mcusim {

bool Console::write(std::string_view text) noexcept {
  const std::uint64_t room = limit_ > written_ ? limit_ - written_ : 0;
  const auto accepted = static_cast<std::size_t>(std::min<std::uint64_t>(room, text.size()));
  std::size_t skipped = 0;
  if (written_ < skip_) skipped = static_cast<std::size_t>(std::min<std::uint64_t>(skip_ - written_, accepted));
  if (sink_ && accepted > skipped) std::fwrite(text.data() + skipped, 1, accepted - skipped, sink_);
  written_ += accepted;
  return accepted == text.size();
}

void Console::flush() noexcept {
  if (sink_) std::fflush(sink_);
}

}  // namespace mcusim
