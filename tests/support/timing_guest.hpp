// tests/support/timing_guest.hpp — one run of a timing guest and the
// "name=cycles" lines it printed, shared by the per-core guest test suites.
#pragma once

#include "tests/support/test_support.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace mcusim::test {

class TimingGuestRun {
 public:
  // Runs `mcusim exec --target <target> <guest>.elf` and collects its lines.
  TimingGuestRun(const std::string& target, const std::string& guest);

  const CommandResult& result() const noexcept { return result_; }
  // Cycles printed for case `name`; records a test failure if it is absent.
  std::uint32_t cycles(const std::string& name) const;
  std::set<std::string> case_names() const;

 private:
  std::string guest_;
  CommandResult result_;
  std::map<std::string, std::uint32_t> printed_;
};

}  // namespace mcusim::test
