// tests/sim/machine/fault_guest_test.cpp — every guest fault kind, end to end:
// one small ELF per kind (tests/guests/faults/), run with `mcusim exec`.
// Each must end the run with exit code 3 and a report on stderr:
//   mcusim: guest fault: <kind>: <detail>
//     pc 0x........ in <symbol+off>
//     address 0x........            (where one applies)
//     call stack: ...
// The faulting instruction sits in a named function, so the pc line must
// name it.
#include "tests/support/test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace mcusim::test {
namespace {

struct FaultRun {
  CommandResult result;
  std::vector<std::string> err_lines;  // stderr, '_' digit separators removed

  // The first stderr line starting with `prefix` after leading blanks, or "".
  std::string line_starting(const std::string& prefix) const {
    for (const auto& line : err_lines) {
      const auto first = line.find_first_not_of(" \t");
      if (first != std::string::npos && line.compare(first, prefix.size(), prefix) == 0)
        return line.substr(first);
    }
    return "";
  }
};

FaultRun run_guest(const std::string& target, const std::string& guest,
                   std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"exec", "--target", target};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(guest_elf(guest).string());
  FaultRun run{run_mcusim(args), {}};
  std::istringstream lines(run.result.err);
  for (std::string line; std::getline(lines, line);) {
    // Accept 0x2000_1001 as well as 0x20001001: drop '_' inside 0x numbers only.
    std::string plain;
    bool in_hex = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (c == '0' && i + 1 < line.size() && (line[i + 1] == 'x' || line[i + 1] == 'X') &&
          (i == 0 || !std::isalnum(static_cast<unsigned char>(line[i - 1])))) {
        in_hex = true;
        plain += c;
        continue;
      }
      if (in_hex && c == '_') continue;
      if (in_hex && c != 'x' && c != 'X' && !std::isxdigit(static_cast<unsigned char>(c)))
        in_hex = false;
      plain += c;
    }
    run.err_lines.push_back(plain);
  }
  return run;
}

// Checks exit code 3, the kind in the first stderr line and the symbol on the pc line.
void expect_fault(const FaultRun& run, const std::string& kind, const std::string& symbol) {
  const std::string& err = run.result.err;
  EXPECT_EQ(run.result.exit_code, 3) << "stdout:\n" << run.result.out << "\nstderr:\n" << err;
  ASSERT_FALSE(run.err_lines.empty()) << "no fault report on stderr";
  EXPECT_EQ(run.err_lines.front().rfind("mcusim: guest fault: " + kind + ":", 0), 0u)
      << "first stderr line: " << run.err_lines.front();
  const std::string pc = run.line_starting("pc ");
  EXPECT_TRUE(
      std::regex_search(pc, std::regex("^pc 0x[0-9a-fA-F]{8} in " + symbol + "(\\+|\\s|$)")))
      << "pc line: \"" << pc << "\"\nstderr:\n"
      << err;
}

void expect_address(const FaultRun& run, const std::string& address) {
  const std::string line = run.line_starting("address ");
  std::string lower = line;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  EXPECT_TRUE(std::regex_search(lower, std::regex("^address " + address + "\\b")))
      << "address line: \"" << line << "\"\nstderr:\n"
      << run.result.err;
}

TEST(FaultGuest, UnmappedReadNamesFunctionAndAddress) {
  const FaultRun run = run_guest("generic-m0", "fault_unmapped_read");
  expect_fault(run, "unmapped read", "read_unmapped");
  expect_address(run, "0x10000010");
}

TEST(FaultGuest, UnmappedWriteNamesFunctionAndAddress) {
  const FaultRun run = run_guest("generic-m0", "fault_unmapped_write");
  expect_fault(run, "unmapped write", "write_unmapped");
  expect_address(run, "0x10000020");
}

TEST(FaultGuest, UnmappedFetchNamesTargetAddressAndCaller) {
  const FaultRun run = run_guest("generic-m0", "fault_unmapped_fetch");
  EXPECT_EQ(run.result.exit_code, 3) << run.result.err;
  ASSERT_FALSE(run.err_lines.empty());
  EXPECT_EQ(run.err_lines.front().rfind("mcusim: guest fault: unmapped fetch:", 0), 0u)
      << run.err_lines.front();
  // The pc is the branch target itself, where no symbol lives (an absolute
  // linker-script symbol such as __stack_size must not be used to name it);
  // the report must name the caller that made the call (BLX in
  // jump_to_unmapped), on the call stack or in the detail.
  const std::string pc = run.line_starting("pc ");
  EXPECT_TRUE(std::regex_search(pc, std::regex("^pc 0x10000000\\b"))) << "pc line: " << pc;
  EXPECT_EQ(pc.find("__stack_size"), std::string::npos) << "pc line: " << pc;
  expect_address(run, "0x10000000");
  EXPECT_NE(run.result.err.find("jump_to_unmapped"), std::string::npos) << run.result.err;
}

TEST(FaultGuest, WriteToFlashIsAWriteToReadOnlyMemory) {
  const FaultRun run = run_guest("generic-m0", "fault_write_flash");
  expect_fault(run, "write to read-only memory", "write_flash");
  expect_address(run, "0x00080000");
}

TEST(FaultGuest, Armv7mInstructionOnCortexM0IsUndefined) {
  const FaultRun run = run_guest("generic-m0", "fault_undefined_instruction");
  expect_fault(run, "undefined instruction", "execute_sdiv_on_m0");
}

TEST(FaultGuest, UnalignedWordLoadFaultsOnCortexM0) {
  const FaultRun run = run_guest("generic-m0", "fault_unaligned_ldr");
  expect_fault(run, "unaligned access", "load_word");
  expect_address(run, "0x20001001");
}

TEST(FaultGuest, UnalignedLdrdFaultsOnCortexM4) {
  const FaultRun run = run_guest("generic-m4", "fault_unaligned_ldrd");
  expect_fault(run, "unaligned access", "load_pair");
  expect_address(run, "0x20001002");
}

TEST(FaultGuest, UnboundedRecursionIsAStackOverflow) {
  const FaultRun run = run_guest("generic-m0", "fault_stack_overflow");
  expect_fault(run, "stack overflow", "recurse_forever");
}

TEST(FaultGuest, InfiniteLoopHitsTheCycleLimit) {
  const FaultRun run = run_guest("generic-m0", "fault_infinite_loop", {"--max-cycles", "100000"});
  expect_fault(run, "cycle limit", "spin_forever");
}

TEST(FaultGuest, UnknownSemihostingOperationIsAFault) {
  const FaultRun run = run_guest("generic-m0", "fault_unknown_semihosting");
  expect_fault(run, "unknown semihosting call", "call_unknown_semihosting");
}

TEST(FaultGuest, NonZeroExitStatusIsNotAFault) {
  const FaultRun run = run_guest("generic-m0", "fault_exit_status");
  EXPECT_EQ(run.result.exit_code, 1) << run.result.err;
  EXPECT_NE(run.result.out.find("exit_status: returning 7\n"), std::string::npos) << run.result.out;
  EXPECT_EQ(run.result.err.find("guest fault"), std::string::npos) << run.result.err;
}

}  // namespace
}  // namespace mcusim::test
