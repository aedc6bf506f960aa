// The accelerator models alone (no Unicorn): each rule of docs/timing.md
// "Memory system" on a hand-made access sequence, expected stalls derived in
// the comments.
#include "sim/memory/accelerator_registry.hpp"
#include "sim/memory/set_associative_cache.hpp"

#include <gtest/gtest.h>

namespace mcusim {
namespace {

RegionFigures figures(std::uint32_t wait_states, std::uint32_t width, std::uint32_t bytes_per_cycle) {
  RegionFigures f;
  f.wait_states = wait_states;
  f.data_wait_states = wait_states;
  f.width_bytes = width;
  f.bytes_per_cycle = bytes_per_cycle;
  return f;
}

std::unique_ptr<MemoryAccelerator> make(const AcceleratorSpec& spec, const RegionFigures& f) {
  const AcceleratorModel* model = find_accelerator_model(spec.model);
  EXPECT_NE(model, nullptr) << spec.model;
  EXPECT_FALSE(accelerator_problem(spec).has_value()) << *accelerator_problem(spec);
  return model->make(spec, f);
}

AcceleratorSpec defaults(std::string_view name) { return find_accelerator_model(name)->defaults; }

TEST(WaitStatesOnly, EveryFetchUnitAndDataAccessWaitsTheWaitStates) {
  auto plain = make_wait_states_only(AcceleratorSpec{}, figures(2, 4, 2));
  EXPECT_EQ(plain->fetch_unit_bytes(), 4u);
  EXPECT_EQ(plain->fetch(0x100, true), 2u);   // sequential or not: W
  EXPECT_EQ(plain->fetch(0x200, false), 2u);
  EXPECT_EQ(plain->read(0x300, 4), 2u);
  EXPECT_EQ(plain->write(0x300, 4), 2u);
}

TEST(PrefetchBuffer, HidesOneWaitStateOnSequentialWordsOfTheCortexM0) {
  // RM0091: 32-bit words. The next word's read (W + 1 = 2 cycles) overlaps the
  // two 16-bit instructions of the current word (2 cycles): stall 0.
  auto buffer = make(defaults("prefetch-buffer"), figures(1, 4, 2));
  EXPECT_EQ(buffer->fetch(0x100, true), 0u);
  EXPECT_EQ(buffer->fetch(0x200, false), 1u);  // after a flow change: W
  EXPECT_EQ(buffer->read(0x300, 4), 1u);       // data read of flash: W
}

TEST(PrefetchBuffer, HidesOnlyTheOverlapWhenTheReadTakesLongerThanTheWord) {
  // W = 2: the read takes 3 cycles, the word executes in 2: 1 left.
  auto buffer = make(defaults("prefetch-buffer"), figures(2, 4, 2));
  EXPECT_EQ(buffer->fetch(0x104, true), 1u);
  EXPECT_EQ(buffer->fetch(0x200, false), 2u);
}

TEST(PrefetchBuffer, OffWaitsOnEveryWord) {
  AcceleratorSpec spec = defaults("prefetch-buffer");
  spec.prefetch = false;
  auto buffer = make(spec, figures(1, 4, 2));
  EXPECT_EQ(buffer->fetch(0x100, true), 1u);
  EXPECT_EQ(buffer->fetch(0x104, true), 1u);
}

TEST(ArtAccelerator, MissWaitsThenTheSameLineHits) {
  // STM32F405 at 168 MHz: 5 WS (RM0090 Table 10), 128-bit lines.
  auto art = make(defaults("art"), figures(5, 16, 4));
  EXPECT_EQ(art->fetch_unit_bytes(), 16u);
  EXPECT_EQ(art->fetch(0x0800'0000, false), 5u);  // cold: a miss after a flow change
  EXPECT_EQ(art->fetch(0x0800'0000, false), 0u);  // branch back into it: I-cache hit
}

TEST(ArtAccelerator, PrefetchedSequentialLineCostsWhatItsReadDoesNotOverlap) {
  // The read of the next line takes W + 1 = 6 cycles; the current line's
  // 16 bytes execute in at least 4 (32-bit instructions, 1 cycle each): 2.
  auto art = make(defaults("art"), figures(5, 16, 4));
  EXPECT_EQ(art->fetch(0x0800'0000, false), 5u);
  EXPECT_EQ(art->fetch(0x0800'0010, true), 2u);
  // At 3 WS (STM32F411, 100 MHz) the read (4) is hidden completely.
  auto f411 = make(defaults("art"), figures(3, 16, 4));
  EXPECT_EQ(f411->fetch(0x0800'0000, false), 3u);
  EXPECT_EQ(f411->fetch(0x0800'0010, true), 0u);
}

TEST(ArtAccelerator, SixtyFifthLineEvictsTheLeastRecentlyUsed) {
  auto art = make(defaults("art"), figures(5, 16, 4));
  for (std::uint32_t line = 0; line < 64; ++line) EXPECT_EQ(art->fetch(line * 16, false), 5u);
  for (std::uint32_t line = 0; line < 64; ++line) EXPECT_EQ(art->fetch(line * 16, false), 0u);
  EXPECT_EQ(art->fetch(64 * 16, false), 5u);  // evicts line 0, the least recently used
  EXPECT_EQ(art->fetch(1 * 16, false), 0u);
  EXPECT_EQ(art->fetch(0, false), 5u);
}

TEST(ArtAccelerator, DataCacheHoldsEightLinesApartFromTheInstructionCache) {
  auto art = make(defaults("art"), figures(5, 16, 4));
  EXPECT_EQ(art->read(0x0800'1000, 4), 5u);  // miss
  EXPECT_EQ(art->read(0x0800'100c, 4), 0u);  // same 128-bit line: hit
  EXPECT_EQ(art->fetch(0x0800'1000, false), 5u);  // the I-cache has not seen it
  for (std::uint32_t line = 1; line <= 8; ++line) art->read(0x0800'1000 + line * 16, 4);
  EXPECT_EQ(art->read(0x0800'1000, 4), 5u);  // 8 newer lines evicted it
}

TEST(ArtAccelerator, CachesOffWaitOnEveryNonSequentialLineAndEveryRead) {
  AcceleratorSpec spec = defaults("art");
  spec.icache = spec.dcache = spec.prefetch = false;
  auto art = make(spec, figures(5, 16, 4));
  EXPECT_EQ(art->fetch(0, false), 5u);
  EXPECT_EQ(art->fetch(0, false), 5u);
  EXPECT_EQ(art->fetch(16, true), 5u);
  EXPECT_EQ(art->read(0, 4), 5u);
  EXPECT_EQ(art->read(0, 4), 5u);
}

AcceleratorSpec rp2040_xip() {
  AcceleratorSpec spec = defaults("xip-cache");  // 16 KiB, 2 ways, 8-byte lines
  spec.miss_cycles = 60;
  return spec;
}

TEST(XipCache, MissCostsTheQspiReadAndTheRestOfTheLineHits) {
  auto xip = make(rp2040_xip(), figures(0, 4, 2));
  EXPECT_EQ(xip->fetch(0x1000'0000, false), 60u);
  EXPECT_EQ(xip->fetch(0x1000'0004, true), 0u);  // second word of the 8-byte line
  EXPECT_EQ(xip->fetch(0x1000'0008, true), 60u);  // next line: prefetch does not exist here
  EXPECT_EQ(xip->read(0x1000'0000, 4), 0u);       // data shares the cache
}

TEST(XipCache, ThirdLineOfOneSetEvictsTheLeastRecentlyUsedWay) {
  // 16 KiB / 8 B = 2048 lines, 2 ways: 1024 sets, so addresses 8 KiB apart
  // share a set.
  auto xip = make(rp2040_xip(), figures(0, 4, 2));
  const std::uint32_t a = 0x1000'0000, b = a + 8 * 1024, c = a + 16 * 1024;
  EXPECT_EQ(xip->fetch(a, false), 60u);
  EXPECT_EQ(xip->fetch(b, false), 60u);
  EXPECT_EQ(xip->fetch(a, false), 0u);   // both ways hold a and b; a is now most recent
  EXPECT_EQ(xip->fetch(c, false), 60u);  // evicts b
  EXPECT_EQ(xip->fetch(a, false), 0u);
  EXPECT_EQ(xip->fetch(b, false), 60u);  // conflict miss
}

TEST(InstructionCache, HitsAfterTheFirstFetchAndDataBypassesIt) {
  AcceleratorSpec spec = defaults("instruction-cache");
  spec.size_bytes = 8192;
  auto cache = make(spec, figures(2, 4, 4));
  EXPECT_EQ(cache->fetch(0x100, false), 2u);
  EXPECT_EQ(cache->fetch(0x104, true), 0u);  // same 16-byte line
  EXPECT_EQ(cache->fetch(0x100, false), 0u);
  EXPECT_EQ(cache->read(0x100, 4), 2u);
  EXPECT_EQ(cache->read(0x100, 4), 2u);
}

TEST(AcceleratorRegistry, RejectsFiguresThatCannotFormACache) {
  AcceleratorSpec spec = defaults("xip-cache");
  EXPECT_TRUE(accelerator_problem(spec).has_value());  // no miss_cycles
  spec.miss_cycles = 10;
  spec.ways = 3;
  EXPECT_TRUE(accelerator_problem(spec).has_value());  // 3 does not divide 2048 lines
  spec.ways = 2;
  spec.line_bytes = 12;
  EXPECT_TRUE(accelerator_problem(spec).has_value());
  EXPECT_EQ(find_accelerator_model("cache"), nullptr);
}

TEST(SetAssociativeCache, EmptyWaysFillBeforeAnyEviction) {
  SetAssociativeCache cache(4, 4, 8);  // one set of four ways
  for (std::uint32_t i = 0; i < 4; ++i) EXPECT_FALSE(cache.access(i * 8));
  for (std::uint32_t i = 0; i < 4; ++i) EXPECT_TRUE(cache.contains(i * 8));
}

}  // namespace
}  // namespace mcusim
