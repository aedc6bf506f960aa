// Code in writable memory that the program rewrites is decoded again: its
// timing follows the new instructions (Unicorn retranslates it; the block
// cache compares the bytes of blocks in writable regions on every visit).
#include "tests/support/test_support.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace mcusim::test {
namespace {

int cost_difference(bool precise) {
  std::vector<std::string> args = {"exec", "--json", "--target", "generic-m0"};
  if (precise) args.push_back("--precise");
  args.push_back(guest_elf("rewrite_ram_code_m0").string());
  const auto result = run_mcusim(args);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  return nlohmann::json::parse(result.out)["exit_status"].get<int>();
}

TEST(RewrittenCode, NewInstructionsInRamAreTimedAsWritten) {
  // NOP (1 cycle) rewritten to LDR r0, [sp] (2 cycles, DDI 0432C §3.3): +1.
  EXPECT_EQ(cost_difference(false), 1);
  EXPECT_EQ(cost_difference(true), 1);
}

}  // namespace
}  // namespace mcusim::test
