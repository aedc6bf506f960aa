// `mcusim sweep` end to end on the touch workload (tools/mcusim/sweep_command.cpp):
// the same bytes for any -j and for merged shards, latency against the clock,
// the budget marks and the cheapest point, points a part cannot run, and
// --merge's refusals. Small grids with one warm inference: most of the cost
// is the two firmware builds (ref and m0), which every point re-uses.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "tests/support/test_support.hpp"

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class SweepFolder {
 public:
  SweepFolder() : path_(fs::temp_directory_path() / ("mcusim-sweep-run-" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  ~SweepFolder() { fs::remove_all(path_); }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// Variant auto (m0 on touch-m0): every point differs only in timing, so each
// sweep builds one firmware.
const std::vector<std::string> kGrid = {"sweep",      "--clock-mhz", "24,48",        "--wait-states", "0,1",
                                        "--prefetch", "on,off",      "--inferences", "1"};

TEST(SweepRun, SameBytesForAnyJobsAndForMergedShards) {
  SweepFolder dir;
  const CommandResult one = run_mcusim(with(kGrid, {"--quiet", "-j", "1", "-o", (dir / "j1").string()}));
  ASSERT_LE(one.exit_code, 1) << one.err;
  const CommandResult two = run_mcusim(with(kGrid, {"-j", "2", "-o", (dir / "j2").string()}));
  ASSERT_LE(two.exit_code, 1) << two.err;
  EXPECT_EQ(one.exit_code, two.exit_code);
  // Re-use: points differing only in clock, wait states and prefetch share one build.
  EXPECT_NE(two.err.find("8 points in"), std::string::npos) << two.err;
  EXPECT_NE(two.err.find("1 firmware build\n"), std::string::npos) << two.err;
  EXPECT_EQ(one.out, two.out);  // the Markdown table on the terminal
  for (const char* file : {"sweep.json", "sweep.csv", "sweep.md"}) {
    EXPECT_EQ(read_text(dir / "j1" / file), read_text(dir / "j2" / file)) << file;
  }
  EXPECT_EQ(read_text(dir / "j1" / "sweep.md"), one.out);

  const json sweep = json::parse(read_text(dir / "j1" / "sweep.json"));
  EXPECT_EQ(sweep["schema"], "mcusim.sweep/1");
  EXPECT_EQ(sweep["shard"], nullptr);
  EXPECT_EQ(sweep["point_count"], 8);
  ASSERT_EQ(sweep["axes"].size(), 3u);
  EXPECT_EQ(sweep["axes"][0], json::parse(R"({"name": "clock_mhz", "values": [24, 48]})"));
  EXPECT_EQ(sweep["axes"][2], json::parse(R"({"name": "prefetch", "values": [true, false]})"));
  ASSERT_EQ(sweep["points"].size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) {
    const json& point = sweep["points"][i];
    EXPECT_EQ(point["index"], i);
    EXPECT_EQ(point["status"], "ok") << point.dump();
    EXPECT_EQ(point["params"]["target"], "touch-m0");
    EXPECT_EQ(point["params"]["model"], "touch");
    EXPECT_EQ(point["params"]["variant"], "m0");
    EXPECT_EQ(point["params"]["clock_mhz"], i < 4 ? 24 : 48);
    EXPECT_EQ(point["params"]["wait_states"], i % 4 < 2 ? 0 : 1);
    EXPECT_EQ(point["params"]["prefetch"], i % 2 == 0);  // touch-m0's prefetch buffer
    EXPECT_EQ(point["params"]["cache"], false);         // touch-m0 has none
    EXPECT_EQ(point["layers"].size(), 3u);
  }
  // RM0091 §3.2.2 (sim/memory/impl/prefetch_buffer.cpp): the buffer hides the
  // wait state of sequential fetches. At 0 wait states there is none to hide.
  const json& p = sweep["points"];
  EXPECT_EQ(p[0]["cycles"], p[1]["cycles"]);
  EXPECT_LT(p[2]["cycles"].get<std::uint64_t>(), p[3]["cycles"].get<std::uint64_t>());

  for (const char* k : {"1", "2", "3"}) {
    const CommandResult shard =
        run_mcusim(with(kGrid, {"--quiet", "-j", "2", "--shard", std::string(k) + "/3", "-o", (dir / k).string()}));
    ASSERT_LE(shard.exit_code, 1) << shard.err;
    const json part = json::parse(read_text(dir / k / "sweep.json"));
    EXPECT_EQ(part["shard"]["n"], 3);
    EXPECT_EQ(part["points"][0]["index"], std::stoi(k) - 1);
  }
  // Given in any order, the shards merge to the unsharded outputs byte for byte.
  const CommandResult merged = run_mcusim({"sweep", "--merge", (dir / "3" / "sweep.json").string(),
                                           (dir / "1" / "sweep.json").string(), (dir / "2" / "sweep.json").string(),
                                           "-o", (dir / "merged").string()});
  ASSERT_EQ(merged.exit_code, one.exit_code) << merged.err;
  for (const char* file : {"sweep.json", "sweep.csv", "sweep.md"}) {
    EXPECT_EQ(read_text(dir / "merged" / file), read_text(dir / "j1" / file)) << file;
  }

  // Refusals: a shard twice, a shard missing, shards of another sweep.
  CommandResult bad = run_mcusim({"sweep", "--merge", (dir / "1" / "sweep.json").string(),
                                  (dir / "1" / "sweep.json").string(), (dir / "2" / "sweep.json").string(),
                                  (dir / "3" / "sweep.json").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("point 0 is in both"), std::string::npos) << bad.err;
  bad = run_mcusim({"sweep", "--merge", (dir / "1" / "sweep.json").string(), (dir / "3" / "sweep.json").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("points 1, 4, 7 (3 of 8) are in none"), std::string::npos) << bad.err;
  json other = json::parse(read_text(dir / "2" / "sweep.json"));
  other["settings"]["inferences"] = 5;
  std::ofstream(dir / "other.json") << other.dump();
  bad = run_mcusim({"sweep", "--merge", (dir / "1" / "sweep.json").string(), (dir / "other.json").string(),
                    (dir / "3" / "sweep.json").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("shards of different sweeps"), std::string::npos) << bad.err;
}

TEST(SweepRun, LatencyFallsAsTheClockRisesAtFixedWaitStates) {
  const CommandResult r = run_mcusim({"sweep", "--json", "--quiet", "--variant", "m0", "--wait-states", "0",
                                      "--clock-mhz", "8,16,24,32,48", "--inferences", "1"});
  ASSERT_LE(r.exit_code, 1) << r.err;
  const json points = json::parse(r.out)["points"];
  ASSERT_EQ(points.size(), 5u);
  // docs/timing.md: cycles come from the core's rules and the wait states,
  // never from the clock; the clock only turns them into time. So at 0 wait
  // states every clock runs the same cycles, and latency = cycles / f.
  const auto cycles = points[0]["cycles"].get<std::uint64_t>();
  double previous = 1e300;
  for (const json& point : points) {
    ASSERT_EQ(point["status"], "ok") << point.dump();
    EXPECT_EQ(point["cycles"], cycles);
    const double mhz = point["params"]["clock_mhz"].get<double>();
    const double latency = point["latency_us"].get<double>();
    EXPECT_DOUBLE_EQ(latency, std::round(static_cast<double>(cycles) * 1000.0 / mhz) / 1000.0);
    EXPECT_LT(latency, previous);
    previous = latency;
  }
}

TEST(SweepRun, BudgetMarksThePointsThatMeetItAndNamesTheCheapest) {
  SweepFolder dir;
  // Without --wait-states the flash follows touch-m0's table (RM0091 §3.5.1):
  // 0 wait states at 24 MHz, 1 at 48 MHz.
  const std::vector<std::string> grid = {"sweep", "--json", "--quiet", "--variant", "m0", "--clock-mhz", "24,48",
                                         "--inferences", "1"};
  const CommandResult free = run_mcusim(grid);
  ASSERT_LE(free.exit_code, 1) << free.err;
  const json points = json::parse(free.out)["points"];
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0]["params"]["wait_states"], 0);
  EXPECT_EQ(points[1]["params"]["wait_states"], 1);
  const double slow = points[0]["latency_us"].get<double>();
  const double fast = points[1]["latency_us"].get<double>();
  ASSERT_LT(fast, slow);

  // A budget between the two latencies: only the 48 MHz point meets it. On
  // the reports' 1/1000 µs grid, written with every digit, so that the
  // budget read back is exactly this number.
  const double mid = std::round((fast + slow) / 2 * 1000.0) / 1000.0;
  ASSERT_LT(fast, mid);
  ASSERT_LT(mid, slow);
  std::ofstream(dir / "tight.toml") << "latency_us = " << fmt::format("{}", mid) << "\n";
  CommandResult r = run_mcusim(with(grid, {"--budget", (dir / "tight.toml").string()}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json sweep = json::parse(r.out);
  EXPECT_EQ(sweep["points"][0]["meets_budget"], false);
  EXPECT_EQ(sweep["points"][1]["meets_budget"], true);
  EXPECT_EQ(sweep["cheapest"], 1);
  EXPECT_DOUBLE_EQ(sweep["budget"]["latency_us"].get<double>(), mid);

  // Room for both: touch-m0's current is proportional to f (run_ua_per_mhz),
  // so energy = V x k x cycles and the point with fewer cycles (0 wait states) is cheaper.
  std::ofstream(dir / "loose.toml") << "latency_us = " << slow + 1 << "\n";
  r = run_mcusim(with(grid, {"--budget", (dir / "loose.toml").string()}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  sweep = json::parse(r.out);
  EXPECT_LT(sweep["points"][0]["cycles"].get<double>(), sweep["points"][1]["cycles"].get<double>());
  EXPECT_LT(sweep["points"][0]["energy_uj"].get<double>(), sweep["points"][1]["energy_uj"].get<double>());
  EXPECT_EQ(sweep["cheapest"], 0);

  // None meets it: exit 1, and the table says so.
  std::ofstream(dir / "none.toml") << "latency_us = 1\n";
  r = run_mcusim({"sweep", "--quiet", "--variant", "m0", "--clock-mhz", "24,48", "--inferences", "1", "--budget",
                  (dir / "none.toml").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("No point meets the budget."), std::string::npos) << r.out;
}

TEST(SweepRun, CombinationsThePartCannotRunAreErrorPoints) {
  const CommandResult r = run_mcusim({"sweep", "--json", "--quiet", "--clock-mhz", "48,64", "--variant", "m0,m4",
                                      "--inferences", "0"});
  ASSERT_LE(r.exit_code, 1) << r.err;
  const json points = json::parse(r.out)["points"];
  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[0]["status"], "ok");
  EXPECT_EQ(points[1]["status"], "error");  // m4 needs ARMv7E-M; touch-m0 is a Cortex-M0
  EXPECT_NE(points[1]["message"].get<std::string>().find("m4"), std::string::npos);
  EXPECT_EQ(points[1]["cycles"], nullptr);
  for (int i : {2, 3}) {  // touch-m0's max_clock_hz is 48 MHz
    EXPECT_EQ(points[i]["status"], "error");
    EXPECT_NE(points[i]["message"].get<std::string>().find("maximum clock"), std::string::npos) << points[i].dump();
    EXPECT_EQ(points[i]["params"]["clock_mhz"], 64);
  }
}

TEST(SweepRun, CacheAndPrefetchReachTheArtAccelerator) {
  // stm32f405rg: ART with prefetch, instruction and data caches in front of
  // 5-wait-state flash at 168 MHz (RM0090 §3.5). One build: only timing differs.
  const CommandResult r = run_mcusim({"sweep", "--json", "--quiet", "--target", "stm32f405rg", "--cache", "on,off",
                                      "--prefetch", "on,off", "--inferences", "0"});
  ASSERT_LE(r.exit_code, 1) << r.err;
  const json points = json::parse(r.out)["points"];
  ASSERT_EQ(points.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    ASSERT_EQ(points[i]["status"], "ok") << points[i].dump();
    EXPECT_EQ(points[i]["params"]["cache"], i < 2);
    EXPECT_EQ(points[i]["params"]["prefetch"], i % 2 == 0);
    EXPECT_EQ(points[i]["params"]["wait_states"], 5);  // RM0090 Table 10 at 168 MHz, the file's table
  }
  // Every fetch without cache or prefetch pays the 5 wait states; the cache hides most of them.
  EXPECT_LT(points[0]["cycles"].get<std::uint64_t>(), points[3]["cycles"].get<std::uint64_t>());
  EXPECT_LT(points[2]["cycles"].get<std::uint64_t>(), points[3]["cycles"].get<std::uint64_t>());
}

TEST(SweepRun, PrefetchOnAPartWithoutOneIsAnErrorPointAndNothingRuns) {
  // generic-m0 has zero-wait-state flash without an accelerator: every point
  // is an error before its firmware is built, so no point ran: exit 2.
  const CommandResult r =
      run_mcusim({"sweep", "--json", "--quiet", "--target", "generic-m0", "--prefetch", "on", "--inferences", "0"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  const json points = json::parse(r.out)["points"];
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0]["status"], "error");
  EXPECT_NE(points[0]["message"].get<std::string>().find("generic-m0 has no flash prefetch buffer"), std::string::npos)
      << points[0].dump();
}

}  // namespace
}  // namespace mcusim::test
