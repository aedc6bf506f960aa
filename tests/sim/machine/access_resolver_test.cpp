// The access resolver places a peripheral access on the instruction that made
// it, from the block's code and the registers at the access, or declines.
#include "sim/machine/access_resolver.hpp"

#include "sim/decode/decoder.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace mcusim {
namespace {

constexpr std::uint32_t kCyccnt = 0xE000'1004u;
constexpr std::uint32_t kDwtCtrl = 0xE000'1000u;

// Flash (read-only) at 0 holding `code` at 0x100; the block is its first
// `code_bytes` bytes (the rest is the literal pool).
struct Fixture {
  Target target;
  std::unique_ptr<GuestMemory> memory;
  BlockInfo block;
  std::array<std::uint32_t, 16> registers{};

  Fixture(const std::vector<std::uint8_t>& code, std::uint32_t code_bytes) {
    MemoryRegion flash;
    flash.name = "flash";
    flash.kind = RegionKind::Flash;
    flash.base = 0;
    flash.size = 0x1000;
    flash.access = Access{true, false, true};
    target.regions.push_back(flash);
    memory = std::make_unique<GuestMemory>(target);
    memory->write(0x100, code);
    Decoder decoder(CoreModel::CortexM0);
    block.start = 0x100;
    block.size = code_bytes;
    block.insns = decoder.decode_block(std::span(code.data(), code_bytes), 0x100);
  }

  std::optional<std::size_t> resolve(std::int32_t after, DataAccess access) const {
    return find_accessing_instruction(
        block, after, access, [this](unsigned r) { return registers[r]; }, *memory);
  }
};

TEST(AccessResolver, LiteralBaseSinglesOutEachReadInTurn) {
  // ldr r0, =0xE0001004 / ldr r1, [r0] / ldr r2, [r0] / nop / .word 0xE0001004
  Fixture f({0x01, 0x48, 0x01, 0x68, 0x02, 0x68, 0x00, 0xbf, 0x04, 0x10, 0x00, 0xe0}, 8);
  f.registers[0] = kCyccnt;
  EXPECT_EQ(f.resolve(-1, {kCyccnt, 4, false}), 1u);  // the first read is instruction 1
  EXPECT_EQ(f.resolve(1, {kCyccnt, 4, false}), 2u);   // the next one, instruction 2
  EXPECT_EQ(f.resolve(-1, {kCyccnt, 4, true}), std::nullopt);  // no store in the block
  EXPECT_EQ(f.resolve(-1, {kCyccnt, 2, false}), std::nullopt);  // no halfword load
}

TEST(AccessResolver, AddressComputedByAluIsPlacedWhenNoOtherLoadCouldMatch) {
  // ldr r2, =0xE0001004 / subs r0, r2, #4 / ldr r1, [r0] / ldr r0, [r2] / .word
  // r0 is rewritten after `ldr r1, [r0]`, but the other load's address is
  // known (0xE0001004), so the read of 0xE0001000 can only be instruction 2.
  Fixture f({0x01, 0x4a, 0x10, 0x1f, 0x01, 0x68, 0x10, 0x68, 0x04, 0x10, 0x00, 0xe0}, 8);
  f.registers[0] = kDwtCtrl;
  f.registers[2] = kCyccnt;
  EXPECT_EQ(f.resolve(-1, {kDwtCtrl, 4, false}), 2u);
  EXPECT_EQ(f.resolve(2, {kCyccnt, 4, false}), 3u);
}

TEST(AccessResolver, DeclinesWhenTwoLoadsCouldHaveMadeTheAccess) {
  // ldr r1, [r0] / adds r0, #4 / ldr r2, [r0]: with r0 = 0xE0001004 now, either
  // the first load read it (r0 not yet bumped) or the second did.
  Fixture f({0x01, 0x68, 0x04, 0x30, 0x02, 0x68}, 6);
  f.registers[0] = kCyccnt;
  EXPECT_EQ(f.resolve(-1, {kCyccnt, 4, false}), std::nullopt);
}

TEST(AccessResolver, ALoadWhoseRegistersNowPointElsewhereIsRuledOut) {
  // ldr r1, [r0, #8] / adds r0, #4 / ldr r2, [r0], r0 = 0xE0001008 now: had the
  // first load made the access, r0 would still hold its base and it would read
  // 0xE0001010, not 0xE0001008; so only the second can have made it.
  Fixture f({0x81, 0x68, 0x04, 0x30, 0x02, 0x68}, 6);
  f.registers[0] = 0xE000'1008u;
  EXPECT_EQ(f.resolve(-1, {0xE000'1008u, 4, false}), 2u);
}

}  // namespace
}  // namespace mcusim
