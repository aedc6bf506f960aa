// tests/sim/machine/exception_scenarios_test.cpp — the exception model on
// hand-written firmware (tests/guests/exceptions/): a PendSV context switch
// between MSP and PSP, nested interrupts by priority, tail-chaining, WFI woken
// by SysTick and WFI that nothing can wake. Every guest is ARMv6-M code run on
// the M0, M0+ and M4; the expected clocks are derived by hand from the
// latencies in sim/machine/machine_exceptions.cpp and the instruction costs of
// docs/timing.md (each TRM's §3.3 tables):
//   entry  16 M0 (DDI 0432C), 15 M0+ (DDI 0484C §3.6.1), 12 M4
//   return 12 M0, 11 M0+, 10 M4 (the 8-word unstack priced as POP {..., PC})
//   tail-chain 6 on the M4; 16 / 15 on the M0 / M0+ (a full entry, no unstack)
#include "tests/support/test_support.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

namespace mcusim::test {
namespace {

// "name=0x........" lines the guests print with report_hex.
std::map<std::string, std::uint32_t> printed_values(const std::string& out) {
  std::map<std::string, std::uint32_t> values;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    const auto equals = line.find("=0x");
    if (equals == std::string::npos) continue;
    values[line.substr(0, equals)] =
        static_cast<std::uint32_t>(std::stoul(line.substr(equals + 3), nullptr, 16));
  }
  return values;
}

std::map<std::string, std::uint32_t> run_printing(const std::string& target,
                                                  const std::string& guest) {
  const auto result = run_mcusim({"exec", "--target", target, guest_elf(guest).string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return printed_values(result.out);
}

nlohmann::json run_json(const std::string& target, const std::string& guest, int expected_exit) {
  const auto result = run_mcusim({"exec", "--json", "--target", target, guest_elf(guest).string()});
  EXPECT_EQ(result.exit_code, expected_exit) << result.err;
  return nlohmann::json::parse(result.out);
}

// Main (MSP) pends PendSV; the handler flips EXC_RETURN 0xFFFFFFF9 <->
// 0xFFFFFFFD, so its return unstacks task B's frame from PSP; task B pends
// PendSV to switch back. Each switch: LDR of CVR (2; M4: 2 after a NOP), STR
// to ICSR (2; M4: 1, pipelined after the LDR, DDI 0439B §3.3.1 "LDR; STR"),
// entry, handler MOV + MOVS + EORS + BX (4 x 1: the return latency includes
// the BX's refill) and return.
TEST(ExceptionScenarios, PendSvSwitchesBetweenTheMainAndProcessStacks) {
  for (const auto& [target, clocks] :
       std::map<std::string, std::uint32_t>{{"generic-m0", 2 + 2 + 16 + 4 + 12},   // 36
                                            {"generic-m0plus", 2 + 2 + 15 + 4 + 11},  // 34
                                            {"generic-m4", 2 + 1 + 12 + 4 + 10}}) {  // 29
    SCOPED_TRACE(target);
    const auto values = run_printing(target, "exc_pendsv_m0");
    EXPECT_EQ(values.at("switch1"), clocks);
    EXPECT_EQ(values.at("switch2"), clocks);
    // Task B runs in thread mode on PSP (CONTROL.SPSEL) with its frame popped
    // off the process stack (frame at 0x200007E0, 32 bytes).
    EXPECT_EQ(values.at("control_b"), 2u);
    EXPECT_EQ(values.at("sp_b"), 0x2000'0800u);
    // Back in main: MSP again, at the initial stack top.
    EXPECT_EQ(values.at("control_a"), 0u);
    EXPECT_EQ(values.at("sp_a"), 0x2000'1000u);
  }
}

// IRQ0 (priority 0x80) pends IRQ1 (0x40): IRQ1 runs at once; IRQ2 (0x80,
// equal) waits for IRQ0's return: order 1 2 3 4. IRQ3 and IRQ4 pended at
// once run 3 then 4: order 5 6.
// nest: IRQ0's LDR of CVR (2) + STR to ISPR (2; M4 1, pipelined) + entry
// from handler mode (the same latency as from thread mode).
// chain: IRQ3's LDR of CVR (2) + BX LR (1) + tail-chain into IRQ4.
TEST(ExceptionScenarios, HigherPriorityPreemptsEqualPriorityWaitsAndPendingPairsTailChain) {
  struct Expected {
    std::uint32_t nest, chain;
  };
  for (const auto& [target, expected] :
       std::map<std::string, Expected>{{"generic-m0", {2 + 2 + 16, 2 + 1 + 16}},        // 20, 19
                                       {"generic-m0plus", {2 + 2 + 15, 2 + 1 + 15}},    // 19, 18
                                       {"generic-m4", {2 + 1 + 12, 2 + 1 + 6}}}) {      // 15, 9
    SCOPED_TRACE(target);
    const auto values = run_printing(target, "exc_nested_m0");
    EXPECT_EQ(values.at("order"), 0x123456u);
    EXPECT_EQ(values.at("nest"), expected.nest);
    EXPECT_EQ(values.at("chain"), expected.chain);
  }
}

// The STR enabling SysTick (RVR 999) starts at S; SysTick counts 1 -> 0 at
// S + 1000. The STR (2) and the WFI (1) run first, so the core sleeps from
// S + 3 to S + 1000: 997 cycles on every core. The handler starts after the
// entry latency; the counter reloaded to 999 at S + 1001, so it reads
// 1000 - entry.
TEST(ExceptionScenarios, WfiSleepsUntilSysTickAndCountsTheSleepExactly) {
  for (const auto& [target, entry] : std::map<std::string, std::uint32_t>{
           {"generic-m0", 16}, {"generic-m0plus", 15}, {"generic-m4", 12}}) {
    SCOPED_TRACE(target);
    // The status carries the results, so it is non-zero: exit code 1.
    const auto report = run_json(target, "exc_wfi_m0", 1);
    const auto status = report["exit_status"].get<std::uint32_t>();
    EXPECT_EQ(status & 0xffffu, 1000 - entry);
    EXPECT_EQ(status >> 16, 1u) << "one SysTick interrupt";
    EXPECT_EQ(report["sleep_cycles"], 997);
  }
}

TEST(ExceptionScenarios, WfiThatNothingCanWakeEndsTheRunInsteadOfHanging) {
  for (const std::string target : {"generic-m0", "generic-m0plus", "generic-m4"}) {
    SCOPED_TRACE(target);
    const auto result = run_mcusim({"exec", "--target", target,
                                    guest_elf("exc_sleep_forever_m0").string()});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("sleeping forever"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("enable the interrupt that should wake the core"), std::string::npos)
        << result.err;
  }
}

}  // namespace
}  // namespace mcusim::test
