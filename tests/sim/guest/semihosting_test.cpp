// Semihosting calls against guest memory ("Semihosting for AArch32 and AArch64").
#include "sim/guest/semihosting.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace mcusim {
namespace {

using namespace semihosting_op;

struct Fixture {
  Target target;
  std::unique_ptr<GuestMemory> memory;
  std::FILE* sink = std::tmpfile();
  Console console{sink};
  Semihosting semihosting;

  Fixture() : target(make_target()), memory(std::make_unique<GuestMemory>(target)),
              semihosting(*memory, console, 48'000'000) {}
  ~Fixture() { std::fclose(sink); }

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
      memory->write(address, bytes);
      address += 4;
    }
  }
  std::string printed() {
    console.flush();
    std::rewind(sink);
    std::string text(256, '\0');
    text.resize(std::fread(text.data(), 1, text.size(), sink));
    return text;
  }
};

TEST(Semihosting, Write0AndWriteReachTheConsole) {
  Fixture f;
  const char hello[] = "hello ";
  f.memory->write(0x2000'0100u, std::span(reinterpret_cast<const std::uint8_t*>(hello), sizeof hello));
  EXPECT_FALSE(f.semihosting.call(kWrite0, 0x2000'0100u, 0).fault);
  f.memory->write(0x2000'0200u, std::span(reinterpret_cast<const std::uint8_t*>("world!"), 6));
  f.put_words(0x2000'0300u, {1, 0x2000'0200u, 5});  // fd 1, "world", 5 bytes
  const auto outcome = f.semihosting.call(kWrite, 0x2000'0300u, 0);
  EXPECT_EQ(outcome.r0, 0u);  // bytes NOT written
  EXPECT_EQ(f.printed(), "hello world");
}

TEST(Semihosting, ExitReasonsGiveTheStatus) {
  Fixture f;
  EXPECT_EQ(f.semihosting.call(kExit, kApplicationExit, 0).exit_status, 0);
  EXPECT_EQ(f.semihosting.call(kExit, 0x20023, 0).exit_status, 1);  // RunTimeErrorUnknown
  f.put_words(0x2000'0000u, {kApplicationExit, 42});
  EXPECT_EQ(f.semihosting.call(kExitExtended, 0x2000'0000u, 0).exit_status, 42);
}

TEST(Semihosting, ClockElapsedAndTickFrequencyComeFromSimulatedCycles) {
  Fixture f;
  // 4,800,000 cycles at 48 MHz = 0.1 s = 10 centiseconds.
  EXPECT_EQ(f.semihosting.call(kClock, 0, 4'800'000).r0, 10u);
  EXPECT_EQ(f.semihosting.call(kTickFreq, 0, 0).r0, 48'000'000u);
  EXPECT_EQ(f.semihosting.call(kElapsed, 0x2000'0010u, 0x1'0000'0002ull).r0, 0u);
  EXPECT_EQ(f.memory->read_u32(0x2000'0010u), 2u);  // low word
  EXPECT_EQ(f.memory->read_u32(0x2000'0014u), 1u);  // high word
}

TEST(Semihosting, PointerOutsideGuestMemoryIsAFaultNotACrash) {
  Fixture f;
  const auto outcome = f.semihosting.call(kWrite0, 0x1000'0000u, 0);
  ASSERT_TRUE(outcome.fault);
  EXPECT_EQ(outcome.fault_address, 0x1000'0000u);
  f.put_words(0x2000'0300u, {1, 0x2000'0ff0u, 0x100});  // runs off the end of RAM
  EXPECT_TRUE(f.semihosting.call(kWrite, 0x2000'0300u, 0).fault);
}

TEST(Semihosting, UnknownOperationIsAFaultNamingIt) {
  Fixture f;
  const auto outcome = f.semihosting.call(0x99, 0, 0);
  ASSERT_TRUE(outcome.fault);
  EXPECT_NE(outcome.fault->find("0x99"), std::string::npos);
}

}  // namespace
}  // namespace mcusim
