// tests/support/test_support.hpp — running the real mcusim binary from tests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mcusim::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs build/mcusim with `args` (no shell), capturing stdout and stderr.
CommandResult run_mcusim(const std::vector<std::string>& args);

// Runs any program (a path, no shell) the same way.
CommandResult run_program(const std::string& program, const std::vector<std::string>& args);

// Path of a guest ELF built by tests/guests (build/guests/<name>.elf).
std::filesystem::path guest_elf(const std::string& name);

// Path inside the source tree.
std::filesystem::path source_path(const std::string& relative);

}  // namespace mcusim::test
