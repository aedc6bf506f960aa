// `mcusim sweep` grids (tools/mcusim/sweep/grid.cpp): the points a grid
// spans, in order, and the values and sizes it refuses before running
// anything. --list prints the points without simulating, so these are fast.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;

class GridFolder {
 public:
  GridFolder() : path_(fs::temp_directory_path() / ("mcusim-sweep-grid-" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  ~GridFolder() { fs::remove_all(path_); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return path_ / name;
  }

 private:
  fs::path path_;
};

TEST(SweepGrid, ThreeAxesInTheOrderGivenLastFastest) {
  const CommandResult r =
      run_mcusim({"sweep", "--list", "--variant", "ref,m0", "--clock-mhz", "24,48", "--wait-states", "0,1,2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Mixed radix: variant the slowest digit (2), clock the next (2), wait states the fastest (3).
  EXPECT_EQ(r.out,
            "0 variant=ref clock_mhz=24 wait_states=0\n"
            "1 variant=ref clock_mhz=24 wait_states=1\n"
            "2 variant=ref clock_mhz=24 wait_states=2\n"
            "3 variant=ref clock_mhz=48 wait_states=0\n"
            "4 variant=ref clock_mhz=48 wait_states=1\n"
            "5 variant=ref clock_mhz=48 wait_states=2\n"
            "6 variant=m0 clock_mhz=24 wait_states=0\n"
            "7 variant=m0 clock_mhz=24 wait_states=1\n"
            "8 variant=m0 clock_mhz=24 wait_states=2\n"
            "9 variant=m0 clock_mhz=48 wait_states=0\n"
            "10 variant=m0 clock_mhz=48 wait_states=1\n"
            "11 variant=m0 clock_mhz=48 wait_states=2\n");
}

TEST(SweepGrid, FlagOrderDecidesWhichAxisVariesFastest) {
  const CommandResult r = run_mcusim({"sweep", "--list", "--wait-states", "0,1", "--prefetch", "on,off"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "0 wait_states=0 prefetch=true\n"
            "1 wait_states=0 prefetch=false\n"
            "2 wait_states=1 prefetch=true\n"
            "3 wait_states=1 prefetch=false\n");
}

TEST(SweepGrid, GridFileAxesInTheOrderWrittenAndShardsTakeEveryNth) {
  GridFolder dir;
  const fs::path grid = dir.write("grid.toml",
                                  "# toml++ sorts keys by name; the sweep keeps the order written\n"
                                  "wait_states = [0, 1]\n"
                                  "clock_mhz = [12.5, 24]\n"
                                  "cache = \"off\"\n");
  CommandResult r = run_mcusim({"sweep", "--list", "--grid", grid.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "0 wait_states=0 clock_mhz=12.5 cache=false\n"
            "1 wait_states=0 clock_mhz=24 cache=false\n"
            "2 wait_states=1 clock_mhz=12.5 cache=false\n"
            "3 wait_states=1 clock_mhz=24 cache=false\n");
  // Shard 2 of 3 (1-based): points i with i % 3 == 1.
  r = run_mcusim({"sweep", "--list", "--grid", grid.string(), "--shard", "2/3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1 wait_states=0 clock_mhz=24 cache=false\n");
}

TEST(SweepGrid, ATypoInTheGridFileIsNamedWithItsLine) {
  GridFolder dir;
  const fs::path grid = dir.write("typo.toml", "clock_mhz = [24, 48]\nwait_state = [0, 1]\n");
  const CommandResult r = run_mcusim({"sweep", "--grid", grid.string()});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("typo.toml:2:1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("wait_state"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("wait_states"), std::string::npos) << r.err;  // the suggestion
  EXPECT_EQ(r.out, "");
}

TEST(SweepGrid, BadAxisValuesAreRefusedWithExit2NamingThem) {
  CommandResult r = run_mcusim({"sweep", "--clock-mhz", "24,0"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--clock-mhz 0"), std::string::npos) << r.err;

  r = run_mcusim({"sweep", "--wait-states", "16"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--wait-states 16"), std::string::npos) << r.err;

  r = run_mcusim({"sweep", "--prefetch", "maybe"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--prefetch maybe"), std::string::npos) << r.err;

  r = run_mcusim({"sweep", "--variant", "m7"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("m7"), std::string::npos) << r.err;

  // An unknown target is found when the targets load, before any firmware is built.
  r = run_mcusim({"sweep", "--quiet", "--target", "touch-m0,no-such-board"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("no-such-board"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(SweepGrid, AGridAboveTheLimitIsRefusedBeforeAnythingRuns) {
  std::string clocks;
  for (int mhz = 1; mhz <= 1000; ++mhz) clocks += (mhz > 1 ? "," : "") + std::to_string(mhz);
  // 1000 clocks x 16 wait states = 16,000 points > the default 10,000.
  CommandResult r = run_mcusim({"sweep", "--clock-mhz", clocks, "--wait-states",
                                "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("16000 points"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--max-points 10000"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("sweep: ["), std::string::npos) << "no point may run: " << r.err;

  r = run_mcusim({"sweep", "--max-points", "3", "--clock-mhz", "8,16", "--wait-states", "0,1"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("4 points, more than --max-points 3"), std::string::npos) << r.err;
}

TEST(SweepGrid, ShardsCountFromOne) {
  EXPECT_EQ(run_mcusim({"sweep", "--list", "--shard", "0/3"}).exit_code, 2);
  EXPECT_EQ(run_mcusim({"sweep", "--list", "--shard", "4/3"}).exit_code, 2);
  const CommandResult r = run_mcusim({"sweep", "--list", "--clock-mhz", "8,16,24", "--shard", "3/3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "2 clock_mhz=24\n");
}

}  // namespace
}  // namespace mcusim::test
