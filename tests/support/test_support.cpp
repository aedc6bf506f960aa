#include "tests/support/test_support.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <stdexcept>

namespace mcusim::test {
namespace {

std::string read_all(int fd) {
  std::string text;
  std::array<char, 4096> buffer{};
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n <= 0) break;
    text.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return text;
}

}  // namespace

CommandResult run_mcusim(const std::vector<std::string>& args) { return run_program(MCUSIM_BINARY, args); }

CommandResult run_program(const std::string& program, const std::vector<std::string>& args) {
  // stdout and stderr go to temporary files: a pipe pair would need a poll
  // loop to avoid deadlock when the guest prints a lot.
  std::FILE* out_file = std::tmpfile();
  std::FILE* err_file = std::tmpfile();
  if (!out_file || !err_file) throw std::runtime_error("tmpfile failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(::fileno(out_file), 1);
    ::dup2(::fileno(err_file), 2);
    std::vector<char*> argv;
    std::string binary = program;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (auto& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  ::lseek(::fileno(out_file), 0, SEEK_SET);
  ::lseek(::fileno(err_file), 0, SEEK_SET);
  result.out = read_all(::fileno(out_file));
  result.err = read_all(::fileno(err_file));
  std::fclose(out_file);
  std::fclose(err_file);
  return result;
}

std::filesystem::path guest_elf(const std::string& name) {
  return std::filesystem::path(MCUSIM_GUEST_DIR) / (name + ".elf");
}

std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(MCUSIM_SOURCE_DIR) / relative;
}

}  // namespace mcusim::test
