// tests/runtime/device/simulated_helpers_test.cpp — the device runtime's EABI
// helpers and mem* functions built for Thumb by the firmware builder and run
// inside mcusim: every case of helper_cases.hpp (expected values from the
// host's operators) reaches the guest as an embedded blob; the guest calls
// each helper — the division ones from assembly, so r0..r3 are checked as the
// RTABI specifies them — and exits with the number of mismatches.
#include <gtest/gtest.h>

#include "runtime/firmware/firmware_builder.hpp"
#include "sim/target/target.hpp"
#include "tests/runtime/device/helper_cases.hpp"
#include "tests/runtime/firmware/firmware_test_support.hpp"
#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

class SimulatedHelpers : public ::testing::TestWithParam<const char*> {};

TEST_P(SimulatedHelpers, ThumbBuildMatchesTheHostOperators) {
  const Target target = load_target(GetParam());
  // Fewer cases than the host test: the blob (40 bytes a case) must fit the
  // target's flash beside the code. The named edges (0, 1, INT_MIN, -1,
  // UINT_MAX, ...) are all there, with every sixth power of two.
  const std::vector<HelperCase> cases = helper_cases(300, false);
  FirmwareTempDir dir(std::string("helpers_") + GetParam());
  firmware::FirmwareSpec spec;
  spec.name = "helper_guest";
  spec.sources = {source_path("tests/runtime/device/guests/helper_guest.c")};
  spec.blobs = {{"helper_cases", helper_cases_blob(cases), 4}};
  const firmware::FirmwareImage image = firmware::FirmwareBuilder(dir.path()).build(target, spec);
  const GuestRun run = run_firmware(target, image.elf);
  ASSERT_FALSE(run.result.fault.has_value()) << run.result.fault->kind << ": " << run.result.fault->detail;
  EXPECT_EQ(run.result.exit_status, 0) << run.console;
  // The guest went through every case, not just the first few.
  EXPECT_NE(run.console.find(fmt::format("checked=0x{:08x}", cases.size())), std::string::npos) << run.console;
}

INSTANTIATE_TEST_SUITE_P(GenericTargets, SimulatedHelpers, ::testing::Values("generic-m0", "generic-m4"),
                         [](const auto& param_info) { return std::string(param_info.param).replace(7, 1, "_"); });

}  // namespace
}  // namespace mcusim::test
