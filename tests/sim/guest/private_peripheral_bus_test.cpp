#include "sim/guest/private_peripheral_bus.hpp"

#include <gtest/gtest.h>

namespace mcusim {
namespace {

using Ppb = PrivatePeripheralBus;

TEST(PrivatePeripheralBus, CpuidIdentifiesTheCore) {
  Console console(nullptr);
  // Implementer 0x41, part 0xC20 (M0) / 0xC60 (M0+) / 0xC24 (M4), from each TRM.
  EXPECT_EQ(Ppb(CoreModel::CortexM0, console).read(Ppb::kCpuid, 4, 0), 0x410CC200u);
  EXPECT_EQ(Ppb(CoreModel::CortexM0Plus, console).read(Ppb::kCpuid, 4, 0), 0x410CC601u);
  EXPECT_EQ(Ppb(CoreModel::CortexM4F, console).read(Ppb::kCpuid, 4, 0), 0x410FC241u);
}

TEST(PrivatePeripheralBus, CyclecounterReadsTheCycleAtTheAccess) {
  Console console(nullptr);
  Ppb ppb(CoreModel::CortexM0, console);
  ppb.write(Ppb::kDemcr, 4, DwtCycleCounter::kDemcrTrcena, 3, 0);
  ppb.write(Ppb::kDwtCtrl, 4, 1, 7, 0);
  EXPECT_EQ(ppb.read(Ppb::kDwtCyccnt, 4, 7), 0u);
  EXPECT_EQ(ppb.read(Ppb::kDwtCyccnt, 4, 1007), 1000u);
  EXPECT_EQ(ppb.read(Ppb::kDwtCyccnt + 2, 2, 1007), 0u);  // upper halfword of 1000
}

TEST(PrivatePeripheralBus, ItmPortZeroIsConsoleOtherPortsAreMarkers) {
  std::FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  Console console(sink);
  Ppb ppb(CoreModel::CortexM4, console);
  EXPECT_EQ(ppb.read(0x0, 4, 0), 1u);  // stimulus port reads "FIFO ready"
  ppb.write(0x0, 1, 'h', 10, 0x100);
  ppb.write(0x0, 2, 'i' | '!' << 8, 11, 0x102);
  ppb.write(0x4, 4, 7, 12, 0x104);   // port 1: layer 7 begins
  ppb.write(0x8, 4, 7, 99, 0x108);   // port 2: layer 7 ends
  console.flush();
  std::rewind(sink);
  char text[8] = {};
  ASSERT_EQ(std::fread(text, 1, 3, sink), 3u);
  EXPECT_STREQ(text, "hi!");
  std::fclose(sink);
  ASSERT_EQ(ppb.itm().markers().size(), 2u);
  EXPECT_EQ(ppb.itm().markers()[0].port, 1);
  EXPECT_EQ(ppb.itm().markers()[0].value, 7u);
  EXPECT_EQ(ppb.itm().markers()[0].cycle, 12u);
  EXPECT_EQ(ppb.itm().markers()[1].cycle, 99u);
}

TEST(PrivatePeripheralBus, UnmodelledRegistersReadBackWhatWasWritten) {
  Console console(nullptr);
  Ppb ppb(CoreModel::CortexM4, console);
  ppb.write(0xED08, 4, 0x2000'0000u, 0, 0);  // VTOR
  EXPECT_EQ(ppb.read(0xED08, 4, 0), 0x2000'0000u);
}

TEST(Console, StopsAtTheCapAndSaysSo) {
  Console console(nullptr, 5);
  EXPECT_TRUE(console.write("abc"));
  EXPECT_FALSE(console.write("defg"));  // only "de" fits
  EXPECT_EQ(console.bytes_written(), 5u);
}

}  // namespace
}  // namespace mcusim
