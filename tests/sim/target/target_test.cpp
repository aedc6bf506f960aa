// tests/sim/target/target_test.cpp — Target queries, the bundled targets (they
// load with their documented numbers) and finding target files by name or path.
#include "sim/target/target.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "sim/error.hpp"

namespace mcusim {
namespace {

#define EXPECT_STARTS_WITH(text, prefix) \
  EXPECT_TRUE(std::string_view(text).starts_with(prefix)) << (text)
#define EXPECT_HAS(text, part) \
  EXPECT_NE(std::string_view(text).find(part), std::string_view::npos) << (text)

constexpr std::string_view kBoard = R"(name = "test-board"
core = "cortex-m0"
clock_hz = 48_000_000

[[memory]]
name = "flash"
kind = "flash"
base = 0x0800_0000
size = 0x0001_0000
access = "rx"
wait_states = 1

[[memory]]
name = "sram"
kind = "ram"
base = 0x2000_0000
size = 0x2000
access = "rwx"
)";

std::string board_with(std::string_view from, std::string_view to) {
  std::string text(kBoard);
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(TargetQueries, RegionAtFirstOfAndTotals) {
  const Target target = parse_target(kBoard, "t.toml");
  ASSERT_NE(target.region_at(0x0800'0000), nullptr);
  EXPECT_EQ(target.region_at(0x0800'ffff)->name, "flash");
  EXPECT_EQ(target.region_at(0x0801'0000), nullptr);
  EXPECT_EQ(target.region_at(0x2000'1fff)->name, "sram");
  EXPECT_EQ(target.region_at(0x2000'2000), nullptr);
  EXPECT_EQ(target.region_at(0), nullptr);
  EXPECT_EQ(target.first_of(RegionKind::Flash)->name, "flash");
  EXPECT_EQ(target.first_of(RegionKind::Ram)->name, "sram");
  EXPECT_EQ(target.total_bytes(RegionKind::Flash), 0x1'0000u);
  EXPECT_EQ(target.total_bytes(RegionKind::Ram), 0x2000u);
}

// Bundled targets ------------------------------------------------------------

void expect_generic_map(const Target& target) {
  ASSERT_EQ(target.regions.size(), 2u) << target.name;
  const MemoryRegion& flash = target.regions[0];
  EXPECT_EQ(flash.kind, RegionKind::Flash);
  EXPECT_EQ(flash.base, 0u);
  EXPECT_EQ(flash.size, 1024u * 1024u);
  EXPECT_TRUE(flash.access.read && !flash.access.write && flash.access.execute);
  EXPECT_EQ(flash.wait_states, 0u);
  const MemoryRegion& sram = target.regions[1];
  EXPECT_EQ(sram.kind, RegionKind::Ram);
  EXPECT_EQ(sram.base, 0x2000'0000u);
  EXPECT_EQ(sram.size, 256u * 1024u);
  EXPECT_TRUE(sram.access.read && sram.access.write && sram.access.execute);
  EXPECT_EQ(sram.wait_states, 0u);
  EXPECT_FALSE(target.source.empty());
  EXPECT_FALSE(flash.source.empty());
  EXPECT_FALSE(sram.source.empty());
}

TEST(TargetBundled, GenericM0) {
  const Target target = load_target("generic-m0");
  EXPECT_EQ(target.name, "generic-m0");
  EXPECT_EQ(target.core, CoreModel::CortexM0);
  EXPECT_EQ(target.clock_hz, 48'000'000u);
  EXPECT_EQ(target.multiplier, Multiplier::Fast);
  EXPECT_EQ(target.file, bundled_targets_dir() / "generic-m0.toml");
  expect_generic_map(target);
}

TEST(TargetBundled, GenericM0Plus) {
  const Target target = load_target("generic-m0plus");
  EXPECT_EQ(target.core, CoreModel::CortexM0Plus);
  EXPECT_EQ(target.clock_hz, 64'000'000u);
  EXPECT_EQ(target.multiplier, Multiplier::Fast);
  expect_generic_map(target);
}

TEST(TargetBundled, GenericM4) {
  const Target target = load_target("generic-m4");
  EXPECT_EQ(target.core, CoreModel::CortexM4);
  EXPECT_EQ(target.clock_hz, 64'000'000u);
  expect_generic_map(target);
}

TEST(TargetBundled, EveryBundledTargetLoadsAndIsNamedAfterItsFile) {
  const std::vector<Target> targets = list_bundled_targets();
  ASSERT_GE(targets.size(), 3u);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    EXPECT_EQ(targets[i].name, targets[i].file.stem().string());
    if (i > 0) {
      EXPECT_LT(targets[i - 1].name, targets[i].name);
    }
  }
}

TEST(TargetBundled, UnknownNameListsTheAvailableTargets) {
  try {
    load_target("generic-m3");
    FAIL() << "accepted an unknown target";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::BadInput);
    EXPECT_STREQ(error.what(), "unknown target 'generic-m3'");
    EXPECT_HAS(error.advice(), "generic-m0, generic-m0plus, generic-m4");
    EXPECT_HAS(error.advice(), "did you mean 'generic-m0'?");
  }
}

// Target files by path, and MCUSIM_TARGETS_DIR ------------------------------

class TempDir {
 public:
  TempDir() {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("mcusim-target-test-" + std::to_string(::getpid()) + "-" + test->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::filesystem::path write(const std::string& name, std::string_view text) const {
    const std::filesystem::path file = path_ / name;
    std::ofstream(file) << text;
    return file;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(TargetFiles, LoadsByPathAndNamesThePathInErrors) {
  const TempDir dir;
  const auto good = dir.write("board.toml", kBoard);
  EXPECT_EQ(load_target(good.string()).name, "test-board");
  EXPECT_EQ(load_target(good.string()).file, good);

  const auto bad = dir.write("bad.toml", board_with("wait_states = 1", "wait_states = 99"));
  try {
    load_target(bad.string());
    FAIL() << "accepted wait_states = 99";
  } catch (const Error& error) {
    EXPECT_STARTS_WITH(error.what(), bad.string() + ":11:15: wait_states = 99");
  }
}

TEST(TargetFiles, MissingFileIsBadInput) {
  try {
    load_target("no/such/board.toml");
    FAIL() << "loaded a missing file";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::BadInput);
    EXPECT_STREQ(error.what(), "cannot read target file no/such/board.toml: no such file");
  }
}

TEST(TargetFiles, TargetsDirComesFromTheEnvironment) {
  const TempDir dir;
  dir.write("my-board.toml", board_with("test-board", "my-board"));
  const char* before = std::getenv("MCUSIM_TARGETS_DIR");
  const std::string saved = before != nullptr ? before : "";
  ::setenv("MCUSIM_TARGETS_DIR", dir.path().c_str(), 1);
  EXPECT_EQ(bundled_targets_dir(), dir.path());
  const Target target = load_target("my-board");
  const std::vector<Target> all = list_bundled_targets();
  ::unsetenv("MCUSIM_TARGETS_DIR");
  EXPECT_EQ(bundled_targets_dir(), std::filesystem::path(MCUSIM_SOURCE_DIR) / "targets");
  if (before != nullptr) ::setenv("MCUSIM_TARGETS_DIR", saved.c_str(), 1);
  EXPECT_EQ(target.name, "my-board");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].name, "my-board");
}

}  // namespace
}  // namespace mcusim
