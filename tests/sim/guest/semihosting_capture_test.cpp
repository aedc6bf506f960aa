// MCUSIM_CAPTURE (0x100): the guest hands the host a copy of guest memory
// (sim/guest/semihosting_capture.cpp, docs/guest-conventions.md).
#include "sim/guest/semihosting.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace mcusim {
namespace {

using semihosting_op::kCapture;

class Capture : public ::testing::Test {
 protected:
  Capture() : target_(make_target()), memory_(target_), semihosting_(memory_, console_, 48'000'000) {}
  ~Capture() override { std::fclose(sink_); }

  static Target make_target() {
    Target t;
    MemoryRegion ram;
    ram.name = "sram";
    ram.base = 0x2000'0000u;
    ram.size = 0x1000;
    ram.access = Access{true, true, true};
    t.regions.push_back(ram);
    return t;
  }
  void put_words(std::uint32_t address, std::initializer_list<std::uint32_t> words) {
    for (std::uint32_t word : words) {
      std::uint8_t bytes[4];
      std::memcpy(bytes, &word, 4);
      memory_.write(address, bytes);
      address += 4;
    }
  }

  std::FILE* sink_ = std::tmpfile();
  Console console_{sink_};
  Target target_;  // GuestMemory keeps a reference to it
  GuestMemory memory_;
  Semihosting semihosting_;
};

TEST_F(Capture, KeepsTheBytesWithTagAddressAndCycle) {
  put_words(0x2000'0100u, {0x0403'0201u, 0x0807'0605u});
  put_words(0x2000'0000u, {7, 0x2000'0101u, 6});  // {tag, address, length}
  const SemihostingOutcome outcome = semihosting_.call(kCapture, 0x2000'0000u, 1234);
  EXPECT_FALSE(outcome.fault);
  EXPECT_EQ(outcome.r0, 0u);
  const std::vector<GuestCapture> captures = semihosting_.take_captures();
  ASSERT_EQ(captures.size(), 1u);
  EXPECT_EQ(captures[0].tag, 7u);
  EXPECT_EQ(captures[0].address, 0x2000'0101u);
  EXPECT_EQ(captures[0].cycle, 1234u);
  EXPECT_EQ(captures[0].bytes, (std::vector<std::uint8_t>{2, 3, 4, 5, 6, 7}));
}

TEST_F(Capture, ARangeLeavingGuestMemoryIsABadPointer) {
  put_words(0x2000'0000u, {1, 0x2000'0ff0u, 0x20});  // runs 16 bytes past the end of sram
  const SemihostingOutcome outcome = semihosting_.call(kCapture, 0x2000'0000u, 0);
  ASSERT_TRUE(outcome.fault);
  EXPECT_EQ(outcome.fault_address, 0x2000'0ff0u);
  EXPECT_TRUE(semihosting_.take_captures().empty());
}

TEST_F(Capture, AParameterBlockOutsideMemoryIsABadPointer) {
  const SemihostingOutcome outcome = semihosting_.call(kCapture, 0x1000'0000u, 0);
  ASSERT_TRUE(outcome.fault);
  EXPECT_EQ(outcome.fault_address, 0x1000'0000u);
}

TEST_F(Capture, ZeroLengthIsKeptAsAnEmptyCapture) {
  put_words(0x2000'0000u, {3, 0x2000'0200u, 0});
  EXPECT_FALSE(semihosting_.call(kCapture, 0x2000'0000u, 0).fault);
  const auto captures = semihosting_.take_captures();
  ASSERT_EQ(captures.size(), 1u);
  EXPECT_TRUE(captures[0].bytes.empty());
}

}  // namespace
}  // namespace mcusim
