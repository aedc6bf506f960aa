// sim/guest/console.hpp — where the guest's output goes (semihosting writes,
// ITM port 0), with a cap so a runaway guest cannot print gigabytes.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string_view>

namespace mcusim {

class Console {
 public:
  // `sink` may be null (output discarded, still counted). Default cap 16 MiB.
  // The first `skip_bytes` are counted but not printed (an earlier attempt of
  // the same deterministic run printed them already).
  explicit Console(std::FILE* sink, std::uint64_t limit_bytes = kDefaultLimit,
                   std::uint64_t skip_bytes = 0) noexcept
      : sink_(sink), limit_(limit_bytes), skip_(skip_bytes) {}

  static constexpr std::uint64_t kDefaultLimit = 16u << 20;

  // Writes what fits under the cap; returns false once the cap is reached
  // (the machine then ends the run with a "output limit" report).
  bool write(std::string_view text) noexcept;
  void flush() noexcept;
  std::uint64_t bytes_written() const noexcept { return written_; }
  std::uint64_t limit() const noexcept { return limit_; }

 private:
  std::FILE* sink_;
  std::uint64_t limit_;
  std::uint64_t skip_;
  std::uint64_t written_ = 0;
};

}  // namespace mcusim
