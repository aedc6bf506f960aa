// runtime/firmware/process.cpp — fork/exec with the output in a temporary
// file: a pipe would need a poll loop to avoid a deadlock when the compiler
// writes a lot of diagnostics.
#include "runtime/firmware/process.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "sim/error.hpp"

namespace mcusim::firmware {

ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd) {
  std::FILE* output = std::tmpfile();
  if (output == nullptr) {
    throw Error(ErrorKind::Internal, fmt::format("cannot create a temporary file: {}", std::strerror(errno)));
  }
  std::vector<std::string> copies = argv;
  std::vector<char*> pointers;
  for (std::string& arg : copies) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    std::fclose(output);
    throw Error(ErrorKind::Internal, fmt::format("cannot start {}: {}", argv.front(), std::strerror(errno)));
  }
  if (pid == 0) {
    ::dup2(::fileno(output), 1);
    ::dup2(::fileno(output), 2);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) {
      const std::string message = fmt::format("cannot enter {}: {}\n", cwd.string(), std::strerror(errno));
      [[maybe_unused]] const ssize_t written = ::write(2, message.data(), message.size());
      ::_exit(127);
    }
    ::execvp(pointers.front(), pointers.data());
    const std::string message = fmt::format("cannot run {}: {}\n", argv.front(), std::strerror(errno));
    [[maybe_unused]] const ssize_t written = ::write(2, message.data(), message.size());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::rewind(output);
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), output)) > 0;) {
    result.output.append(buffer.data(), n);
  }
  std::fclose(output);
  return result;
}

std::string command_text(const std::vector<std::string>& argv) {
  std::string text;
  for (const std::string& arg : argv) {
    if (!text.empty()) text += ' ';
    text += arg.find(' ') == std::string::npos ? arg : "'" + arg + "'";
  }
  return text;
}

}  // namespace mcusim::firmware
