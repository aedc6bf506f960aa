// tests/tools/atomicity_test.cpp — issue #11 part 4, atomicity: a run
// killed mid-way (SIGINT, SIGTERM, SIGKILL; early in the simulation, late in
// it, and while --report DIR is being written) never leaves DIR half
// written. DIR holds one whole report set: the previous one, or — when the
// signal came after the folder swap — the new one, byte for byte what an
// uninterrupted run writes (the run is deterministic). A killed process can
// leave its temporary .DIR.partial-PID beside DIR; the next write into DIR
// removes it (reports/report_dir.hpp, docs/robustness.md).
#include "tests/support/test_support.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace mcusim::test {
namespace {

namespace fs = std::filesystem;
using Snapshot = std::map<std::string, std::string>;  // file name -> bytes

Snapshot snapshot(const fs::path& dir) {
  Snapshot files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    files[entry.path().filename().string()] = {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  return files;
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

// The slow run that is interrupted: the M4 keyword-spotting workload with a
// profile, so that both the simulation and the report (with callgrind.out and
// stacks.folded) take a while.
// A sanitizer build runs it without the profile, to stay within the test timeout.
std::vector<std::string> slow_run(const fs::path& report_dir) {
#if defined(__SANITIZE_ADDRESS__)
  return {"run", "--workload", "kws-ds-cnn", "--target", "generic-m4", "--inferences", "1", "--report",
          report_dir.string()};
#else
  return {"run", "--workload", "kws-ds-cnn", "--target", "generic-m4", "--inferences", "1", "--profile",
          "--report", report_dir.string()};
#endif
}

// Starts mcusim with `args`, stdout and stderr discarded.
pid_t start_mcusim(const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    std::vector<std::string> copies = args;
    std::string binary = MCUSIM_BINARY;
    std::vector<char*> argv{binary.data()};
    for (auto& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

class Atomicity : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new fs::path(fs::temp_directory_path() / ("mcusim_atomicity_" + std::to_string(::getpid())));
    fs::remove_all(*root_);
    fs::create_directories(*root_ / "reference");
    // The previous report: a different, quick run. The new one: the slow run
    // uninterrupted, to know what a whole new set looks like.
    const CommandResult previous =
        run_mcusim({"run", "--workload", "sine", "--inferences", "0", "--report", (*root_ / "previous").string()});
    ASSERT_EQ(previous.exit_code, 0) << previous.err;
    const auto started = std::chrono::steady_clock::now();
    const CommandResult full = run_mcusim(slow_run(*root_ / "reference" / "report"));
    slow_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ASSERT_LE(full.exit_code, 1) << full.err;
    previous_ = new Snapshot(snapshot(*root_ / "previous"));
    new_ = new Snapshot(snapshot(*root_ / "reference" / "report"));
    ASSERT_NE(*previous_, *new_);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*root_);
    delete root_;
    delete previous_;
    delete new_;
  }

  // A fresh parent holding a copy of the previous report as "report".
  fs::path fresh_report_dir(const std::string& name) const {
    const fs::path parent = *root_ / name;
    fs::remove_all(parent);
    fs::create_directories(parent);
    fs::copy(*root_ / "previous", parent / "report");
    return parent / "report";
  }

  // DIR is one whole set, the old or the new; beside it at most the killed
  // run's own temporary folder, which the next write removes.
  static void expect_whole(const fs::path& dir, pid_t killed, const std::string& when) {
    const Snapshot now = snapshot(dir);
    EXPECT_TRUE(now == *previous_ || now == *new_) << when << ": DIR is neither the previous nor the new report set ("
                                                   << now.size() << " files)";
    const std::string partial = ".report.partial-" + std::to_string(killed);
    for (const std::string& name : names_in(dir.parent_path())) {
      EXPECT_TRUE(name == "report" || name == partial) << when << ": left beside DIR: " << name;
    }
  }

  static fs::path* root_;
  static Snapshot* previous_;
  static Snapshot* new_;
  static double slow_seconds_;
};

fs::path* Atomicity::root_ = nullptr;
Snapshot* Atomicity::previous_ = nullptr;
Snapshot* Atomicity::new_ = nullptr;
double Atomicity::slow_seconds_ = 0;

// Killed after a delay: 50 ms (preparing the firmware), and at 90 % of the
// uninterrupted run's time (simulating or writing), by each signal.
TEST_F(Atomicity, ARunKilledAfterADelayLeavesTheReportFolderWhole) {
  for (int signal : {SIGINT, SIGTERM, SIGKILL}) {
    for (double fraction : {0.0, 0.9}) {
      const fs::path dir = fresh_report_dir("delay");
      const pid_t pid = start_mcusim(slow_run(dir));
      const double seconds = fraction == 0.0 ? 0.05 : fraction * slow_seconds_;
      std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
      ::kill(pid, signal);
      int status = 0;
      ::waitpid(pid, &status, 0);
      const std::string when = std::string(strsignal(signal)) + " after " + std::to_string(seconds) + " s";
      expect_whole(dir, pid, when);
    }
  }
}

// Killed while DIR's temporary sibling exists, i.e. during the write: polled
// every 100 us, the signal sent the moment .report.partial-PID appears.
TEST_F(Atomicity, ARunKilledWhileWritingTheReportLeavesTheReportFolderWhole) {
  int caught_writing = 0;
  for (int signal : {SIGINT, SIGTERM, SIGKILL}) {
    const fs::path dir = fresh_report_dir("writing");
    const pid_t pid = start_mcusim(slow_run(dir));
    const fs::path partial = dir.parent_path() / (".report.partial-" + std::to_string(pid));
    int status = 0;
    bool exited = false;
    while (!fs::exists(partial)) {
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    if (!exited) {
      ::kill(pid, signal);
      ::waitpid(pid, &status, 0);
      ++caught_writing;
    }
    expect_whole(dir, pid, std::string(strsignal(signal)) + " during the write");
  }
  // The write takes milliseconds; polling must catch it at least once, or
  // this test proves nothing about the write.
  EXPECT_GT(caught_writing, 0);
}

// Whatever a killed run left beside DIR, the next write removes it.
TEST_F(Atomicity, TheNextWriteRemovesAKilledRunsLeftovers) {
  const fs::path dir = fresh_report_dir("leftovers");
  const pid_t pid = start_mcusim(slow_run(dir));
  const fs::path partial = dir.parent_path() / (".report.partial-" + std::to_string(pid));
  int status = 0;
  while (!fs::exists(partial) && ::waitpid(pid, &status, WNOHANG) != pid) {
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  const CommandResult next =
      run_mcusim({"run", "--workload", "sine", "--inferences", "0", "--report", dir.string()});
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_EQ(snapshot(dir), *previous_);  // the same quick run as the previous report
  EXPECT_EQ(names_in(dir.parent_path()), std::set<std::string>{"report"});
}

}  // namespace
}  // namespace mcusim::test
