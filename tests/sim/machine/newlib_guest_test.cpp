// A firmware built against Debian's newlib (arm-none-eabi-gcc --specs=rdimon.specs,
// tests/guests/newlib) runs unchanged: newlib's own start-up (HEAPINFO,
// GET_CMDLINE, ":tt", ":semihosting-features"), printf, malloc, fopen of a
// host file under --semihosting-root, and exit(3) through SYS_EXIT_EXTENDED.
#include "tests/support/test_support.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;

class NewlibGuest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(guest_elf("newlib_demo"))) {
      GTEST_SKIP() << "newlib_demo.elf was not built (needs gcc-arm-none-eabi and "
                      "libnewlib-arm-none-eabi, tools/deps.txt)";
    }
    base_ = fs::temp_directory_path() / ("mcusim-newlib-test-" + std::to_string(::getpid()));
    fs::create_directories(base_ / "root");
    fs::create_directories(base_ / "outside");
    std::ofstream(base_ / "root" / "hello.txt", std::ios::binary) << "a file the guest may read";
    std::ofstream(base_ / "outside" / "secret.txt", std::ios::binary) << "not for the guest";
  }
  void TearDown() override {
    std::error_code ignored;
    if (!base_.empty()) fs::remove_all(base_, ignored);
  }

  CommandResult run(const std::string& file_argument) const {
    return run_mcusim({"exec", "--json", "--target", "generic-m0", "--semihosting-root",
                       (base_ / "root").string(), "--args", file_argument,
                       guest_elf("newlib_demo").string()});
  }

  fs::path base_;
};

TEST_F(NewlibGuest, PrintsAllocatesReadsTheAllowedFileAndExitsThree) {
  const auto result = run("hello.txt");
  EXPECT_EQ(result.exit_code, 1) << result.err;  // the guest's status is not 0
  const auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["status"], "exited");
  EXPECT_EQ(report["exit_status"], 3);
  EXPECT_TRUE(report["fault"].is_null());
  // With --json the guest's console goes to stderr.
  EXPECT_NE(result.err.find("hello from newlib, argc=2\n"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("heap ok at 0x2"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("read 25 bytes: a file the guest may read\n"), std::string::npos)
      << result.err;

  // Deterministic: the same console bytes and the same report, cycles included.
  const auto again = run("hello.txt");
  EXPECT_EQ(again.out, result.out);
  EXPECT_EQ(again.err, result.err);
}

TEST_F(NewlibGuest, AnAbsolutePathToTheSameFileWorksToo) {
  const auto result = run((base_ / "root" / "hello.txt").string());
  EXPECT_EQ(nlohmann::json::parse(result.out)["exit_status"], 3) << result.err;
}

TEST_F(NewlibGuest, AFileOutsideTheRootIsRefused) {
  for (const std::string& path :
       {(base_ / "outside" / "secret.txt").string(), std::string("../outside/secret.txt")}) {
    const auto result = run(path);
    EXPECT_EQ(result.exit_code, 1) << result.err;
    const auto report = nlohmann::json::parse(result.out);
    EXPECT_EQ(report["exit_status"], 6) << path;  // the guest's "fopen failed" status
    // newlib's EACCES (13), from SYS_ERRNO.
    EXPECT_NE(result.err.find("fopen " + path + " failed: errno 13"), std::string::npos)
        << result.err;
    EXPECT_EQ(result.err.find("not for the guest"), std::string::npos);
  }
}

TEST_F(NewlibGuest, WithoutARootNoFileOpens) {
  const auto result = run_mcusim({"exec", "--json", "--target", "generic-m0", "--args",
                                  (base_ / "root" / "hello.txt").string(),
                                  guest_elf("newlib_demo").string()});
  EXPECT_EQ(nlohmann::json::parse(result.out)["exit_status"], 6) << result.err;
}

TEST_F(NewlibGuest, AMissingRootDirectoryIsBadUsage) {
  const auto result = run_mcusim({"exec", "--semihosting-root", (base_ / "nowhere").string(),
                                  guest_elf("newlib_demo").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--semihosting-root"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace mcusim::test
