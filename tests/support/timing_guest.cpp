#include "tests/support/timing_guest.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace mcusim::test {

TimingGuestRun::TimingGuestRun(const std::string& target, const std::string& guest)
    : guest_(guest), result_(run_mcusim({"exec", "--target", target, guest_elf(guest).string()})) {
  std::istringstream lines(result_.out);
  for (std::string line; std::getline(lines, line);) {
    const auto eq = line.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    const std::string value = line.substr(eq + 1);
    if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) continue;
    printed_[line.substr(0, eq)] = static_cast<std::uint32_t>(std::stoul(value));
  }
}

std::uint32_t TimingGuestRun::cycles(const std::string& name) const {
  const auto it = printed_.find(name);
  if (it == printed_.end()) {
    ADD_FAILURE() << guest_ << " printed no line \"" << name << "=...\"\nstdout:\n"
                  << result_.out << "\nstderr:\n"
                  << result_.err;
    return 0;
  }
  return it->second;
}

std::set<std::string> TimingGuestRun::case_names() const {
  std::set<std::string> names;
  for (const auto& [name, value] : printed_) names.insert(name);
  return names;
}

}  // namespace mcusim::test
