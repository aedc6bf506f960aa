// tests/runtime/firmware/firmware_test_support.hpp — building firmware in a
// temporary directory and running it inside mcusim, in-process.
#pragma once

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "runtime/firmware/firmware_builder.hpp"
#include "sim/elf/elf_image.hpp"
#include "sim/machine/machine.hpp"
#include "sim/target/target.hpp"

namespace mcusim::test {

// A fresh directory under the system's temporary directory, removed with
// everything in it.
class FirmwareTempDir {
 public:
  explicit FirmwareTempDir(const std::string& tag)
      : path_(std::filesystem::temp_directory_path() /
              ("mcusim_firmware_" + std::to_string(::getpid()) + "_" + tag)) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~FirmwareTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  FirmwareTempDir(const FirmwareTempDir&) = delete;
  FirmwareTempDir& operator=(const FirmwareTempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct GuestRun {
  RunResult result;
  std::string console;
};

// Runs `elf` on `target` from reset, capturing what the guest prints.
inline GuestRun run_firmware(const Target& target, const std::filesystem::path& elf) {
  std::FILE* console = std::tmpfile();
  RunOptions options;
  options.console = console;
  options.max_cycles = 2'000'000'000ull;
  GuestRun run;
  run.result = simulate(target, load_elf(elf), options);
  std::rewind(console);
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), console)) > 0;) run.console.append(buffer.data(), n);
  std::fclose(console);
  return run;
}

// A small Cortex-M0 part with its regions at unusual places: 64 KiB of flash
// at 0x0800_0000 and 24 KiB of RAM at 0x1fff_a000, below the usual
// 0x2000_0000. mcusim maps regions in 1 KiB pages; the linker script test
// also moves RAM to 0x1fff_a004, so its top is not 8-byte aligned.
inline Target odd_target(std::uint32_t flash_bytes = 0x10000, std::uint32_t ram_base = 0x1FFFA000) {
  const std::string text = fmt::format(R"(
name = "odd-m0"
description = "test part with regions at unusual bases"
core = "cortex-m0"
clock_hz = 16_000_000
source = "test"

[[memory]]
name = "flash"
kind = "flash"
base = 0x0800_0000
size = 0x{:x}
access = "rx"
source = "test"

[[memory]]
name = "sram"
kind = "ram"
base = 0x{:x}
size = 0x6000
access = "rwx"
source = "test"
)",
                                       flash_bytes, ram_base);
  return parse_target(text, "odd-m0.toml");
}

}  // namespace mcusim::test
