// SysTick read by the guest in the middle of a block returns the count at the
// reading instruction (issue #3: "also in the middle of a block").
#include "tests/support/test_support.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace mcusim::test {
namespace {

int systick_delta_on(const std::string& target, bool precise) {
  std::vector<std::string> args = {"exec", "--json", "--target", target};
  if (precise) args.push_back("--precise");
  args.push_back(guest_elf("systick_delta_m0").string());
  const auto result = run_mcusim(args);
  EXPECT_EQ(result.exit_code, 1) << result.err;  // the guest exits with the delta
  return nlohmann::json::parse(result.out)["exit_status"].get<int>();
}

TEST(SysTickGuest, TwoReadsAroundTenNopsDifferByTheFirstLoadAndTheNops) {
  // M0 (DDI 0432C §3.3): the first LDR of SYST_CVR 2 + ten NOPs 1 each = 12
  // clocks between the two reads (the counter counts processor clocks down).
  EXPECT_EQ(systick_delta_on("generic-m0", false), 12);
  EXPECT_EQ(systick_delta_on("generic-m0", true), 12);
  // M0+ (DDI 0484C): loads 2, NOP 1: also 12.
  EXPECT_EQ(systick_delta_on("generic-m0plus", false), 12);
  // M4 (DDI 0439B §3.3): the first LDR follows a NOP, so no pairing: 2 + 10 = 12.
  EXPECT_EQ(systick_delta_on("generic-m4", false), 12);
}

}  // namespace
}  // namespace mcusim::test
