// runtime/firmware/process.hpp — running the cross toolchain: one program,
// its arguments, no shell, its output captured.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mcusim::firmware {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal when killed; 127 when it could not start
  std::string output;  // stdout and stderr, interleaved as written
};

// Runs argv[0] (a path, or a name looked up on PATH) with argv, in `cwd` if
// not empty. Throws mcusim::Error (Internal) only when no process can be
// created at all.
ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd = {});

// "clang-14 -c a.c -o a.o": for messages, arguments with spaces quoted.
std::string command_text(const std::vector<std::string>& argv);

}  // namespace mcusim::firmware
