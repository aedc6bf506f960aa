// The exception model on hand-written firmware (tests/guests/exceptions/):
// SVC call and return, SysTick interrupts every 100 clocks, with the cycle
// counts derived by hand from each TRM's latencies (sim/machine/machine_exceptions.cpp).
#include "tests/support/test_support.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace mcusim::test {
namespace {

struct BasicRun {
  int svc_clocks = 0;     // SYST_CVR decrease around "ldr; svc"
  int entry_clocks = 0;   // 99 - SYST_CVR at the SysTick handler's first instruction
  int interrupts = 0;     // SysTick interrupts taken during the 1000-NOP sled
  nlohmann::json report;
};

BasicRun run_basic(const std::string& target, bool precise) {
  std::vector<std::string> args = {"exec", "--json", "--target", target};
  if (precise) args.push_back("--precise");
  args.push_back(guest_elf("exc_basic_m0").string());
  const auto result = run_mcusim(args);
  BasicRun run;
  run.report = nlohmann::json::parse(result.out);
  EXPECT_EQ(run.report["status"], "exited") << result.err;
  const int status = run.report["exit_status"].is_number() ? run.report["exit_status"].get<int>() : 0;
  run.svc_clocks = status & 0xff;
  run.entry_clocks = status >> 8 & 0xff;
  run.interrupts = status >> 16;
  return run;
}

// SVC: the LDR before it (2: DDI 0432C/0484C/0439B §3.3, PPB load, not
// pipelined with the SVC), the entry latency, the handler's BX LR (1 plus
// no refill: the return latency includes it) and the return latency.
TEST(ExceptionGuest, SvcCallAndReturnCostLoadEntryBxAndReturnLatency) {
  // M0: 2 + 16 (DDI 0432C: entry) + 1 + 12 (POP{PC} of 8 words, 4 + N) = 31.
  EXPECT_EQ(run_basic("generic-m0", false).svc_clocks, 31);
  EXPECT_EQ(run_basic("generic-m0", true).svc_clocks, 31);
  // M0+: 2 + 15 (DDI 0484C §3.6.1) + 1 + 11 (3 + N) = 29.
  EXPECT_EQ(run_basic("generic-m0plus", false).svc_clocks, 29);
  // M4: 2 + 12 (DDI 0439B) + 1 + 10 (1 + N + P) = 25.
  EXPECT_EQ(run_basic("generic-m4", false).svc_clocks, 25);
}

// SysTick pends when it counts 1 -> 0 at cycle E, during a 1-cycle NOP that
// started at E; the exception is taken after it (E + 1), and the counter,
// reloaded at E + 1, reads 99 - entry at the handler's first instruction.
TEST(ExceptionGuest, SysTickIsTakenAfterTheInstructionRunningWhenItPendsPlusTheEntryLatency) {
  EXPECT_EQ(run_basic("generic-m0", false).entry_clocks, 16);
  EXPECT_EQ(run_basic("generic-m0plus", false).entry_clocks, 15);
  EXPECT_EQ(run_basic("generic-m4", false).entry_clocks, 12);
}

// Interrupts every 100 clocks over the sled. The first pends 100 clocks after
// the enabling STR started, i.e. during sled NOP 98. Each interrupt costs
// entry + handler (LDR 2, LDR 2, STR 2, LDR 2, ADDS 1, STR 2, BX 1 = 12) +
// return; the rest of each 100-clock period runs NOPs. The k-th interrupt
// follows NOP 98 + (k - 1) * nops_per_period, and the sled has NOPs 0..999.
TEST(ExceptionGuest, SysTickEveryHundredClocksCountedByTheGuest) {
  // M0: 16 + 12 + 12 = 40 per interrupt, 60 NOPs per period:
  // 98 + 60 (k - 1) <= 999 gives k <= 16.
  EXPECT_EQ(run_basic("generic-m0", false).interrupts, 16);
  EXPECT_EQ(run_basic("generic-m0", true).interrupts, 16);
  // M0+: 15 + 12 + 11 = 38, 62 NOPs per period: 98 + 62 (k - 1) <= 999 gives k <= 15.
  EXPECT_EQ(run_basic("generic-m0plus", false).interrupts, 15);
  // M4: the handler's loads pipeline (DDI 0439B "Load/store timings"), so
  // only the ordering is checked here: a cheaper interrupt (12 + 10 against
  // 16 + 12) leaves more NOPs per period, so fewer interrupts than the M0.
  EXPECT_LT(run_basic("generic-m4", false).interrupts, 16);
}

TEST(ExceptionGuest, FastRunReplaysPreciselyAndMatchesThePreciseRun) {
  const BasicRun fast = run_basic("generic-m0", false);
  const BasicRun precise = run_basic("generic-m0", true);
  EXPECT_EQ(fast.report["cycles"], precise.report["cycles"]);
  EXPECT_EQ(fast.report["instructions"], precise.report["instructions"]);
  EXPECT_EQ(fast.report["sleep_cycles"], 0);
}

}  // namespace
}  // namespace mcusim::test
