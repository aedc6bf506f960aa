// sim/error.hpp — the one error type of the host side.
//
// Every failure a user can cause carries a kind that maps to the exit codes of
// DESIGN.md, a one-line message saying what is wrong and where, and advice
// saying what to do next. main() prints it and returns exit_code(kind).
#pragma once

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace mcusim {

enum class ErrorKind {
  Usage,       // bad command line                       -> exit 2
  BadInput,    // a file the user gave us is wrong        -> exit 2
  GuestFault,  // the simulated program faulted           -> exit 3
  Limit,       // cycle limit, timeout, output flood      -> exit 3
  Internal,    // a library call failed unexpectedly      -> exit 2
};

constexpr int exit_code(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::Usage:
    case ErrorKind::BadInput:
    case ErrorKind::Internal: return 2;
    case ErrorKind::GuestFault:
    case ErrorKind::Limit: return 3;
  }
  return 2;
}

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, std::string advice = {})
      : std::runtime_error(message), kind_(kind), advice_(std::move(advice)) {}

  ErrorKind kind() const noexcept { return kind_; }
  // What to do next; may be empty. Printed on its own indented line(s).
  const std::string& advice() const noexcept { return advice_; }

 private:
  ErrorKind kind_;
  std::string advice_;
};

// Shorthand for the common case: a bad file or value, formatted in place.
template <typename... Args>
[[noreturn]] void throw_bad_input(std::string advice, fmt::format_string<Args...> format,
                                  Args&&... args) {
  throw Error(ErrorKind::BadInput, fmt::format(format, std::forward<Args>(args)...),
              std::move(advice));
}

}  // namespace mcusim
