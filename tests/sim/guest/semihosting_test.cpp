// Semihosting calls against guest memory ("Semihosting for AArch32 and AArch64").
#include "sim/guest/semihosting.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace mcusim {
namespace {

using namespace semihosting_op;

namespace fs = std::filesystem;
constexpr std::uint32_t kFailed = 0xffff'ffffu;  // -1

struct Fixture {
  Target target;
  std::unique_ptr<GuestMemory> memory;
  std::FILE* sink = std::tmpfile();
  Console console{sink};
  Semihosting semihosting;

  explicit Fixture(const SemihostingConfig& config = {})
      : target(make_target()), memory(std::make_unique<GuestMemory>(target)),
        semihosting(*memory, console, 48'000'000, config) {}
  ~Fixture() { std::fclose(sink); }

  static Target make_target() {
    Target t;
    MemoryRegion flash;  // read-only: semihosting must not write here
    flash.name = "flash";
    flash.kind = RegionKind::Flash;
    flash.base = 0;
    flash.size = 0x1000;
    flash.access = Access{true, false, true};
    t.regions.push_back(flash);
    MemoryRegion ram;
    ram.name = "sram";
    ram.base = 0x2000'0000u;
    ram.size = 0x1000;
    ram.access = Access{true, true, true};
    t.regions.push_back(ram);
    return t;
  }
  void put_words(std::uint32_t address, std::initializer_list<std::uint32_t> words) {
    for (std::uint32_t word : words) {
      std::uint8_t bytes[4];
      std::memcpy(bytes, &word, 4);
      memory->write(address, bytes);
      address += 4;
    }
  }
  void put_string(std::uint32_t address, std::string_view text) {
    memory->write(address, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  }
  std::string bytes_at(std::uint32_t address, std::uint32_t length) {
    const auto* bytes = memory->host_pointer(address, length);
    return bytes ? std::string(reinterpret_cast<const char*>(bytes), length) : std::string();
  }
  // SYS_OPEN of `path` (placed at 0x2000'0800) with `mode`; the block at 0x2000'0700.
  std::uint32_t open(std::string_view path, std::uint32_t mode) {
    put_string(0x2000'0800u, path);
    put_words(0x2000'0700u, {0x2000'0800u, mode, static_cast<std::uint32_t>(path.size())});
    return semihosting.call(kOpen, 0x2000'0700u, 0).r0;
  }
  // Calls taking {handle}: CLOSE, ISTTY, FLEN.
  std::uint32_t on_handle(std::uint32_t op, std::uint32_t handle) {
    put_words(0x2000'0710u, {handle});
    return semihosting.call(op, 0x2000'0710u, 0).r0;
  }
  // SYS_READ into 0x2000'0a00; returns the bytes NOT read.
  std::uint32_t read(std::uint32_t handle, std::uint32_t length) {
    put_words(0x2000'0720u, {handle, 0x2000'0a00u, length});
    return semihosting.call(kRead, 0x2000'0720u, 0).r0;
  }
  std::uint32_t seek(std::uint32_t handle, std::uint32_t position) {
    put_words(0x2000'0730u, {handle, position});
    return semihosting.call(kSeek, 0x2000'0730u, 0).r0;
  }
  std::uint32_t error() { return semihosting.call(kErrno, 0, 0).r0; }
  std::string printed() {
    console.flush();
    std::rewind(sink);
    std::string text(256, '\0');
    text.resize(std::fread(text.data(), 1, text.size(), sink));
    return text;
  }
};

TEST(Semihosting, Write0AndWriteReachTheConsole) {
  Fixture f;
  const char hello[] = "hello ";
  f.memory->write(0x2000'0100u, std::span(reinterpret_cast<const std::uint8_t*>(hello), sizeof hello));
  EXPECT_FALSE(f.semihosting.call(kWrite0, 0x2000'0100u, 0).fault);
  f.memory->write(0x2000'0200u, std::span(reinterpret_cast<const std::uint8_t*>("world!"), 6));
  f.put_words(0x2000'0300u, {1, 0x2000'0200u, 5});  // fd 1, "world", 5 bytes
  const auto outcome = f.semihosting.call(kWrite, 0x2000'0300u, 0);
  EXPECT_EQ(outcome.r0, 0u);  // bytes NOT written
  EXPECT_EQ(f.printed(), "hello world");
}

TEST(Semihosting, ExitReasonsGiveTheStatus) {
  Fixture f;
  EXPECT_EQ(f.semihosting.call(kExit, kApplicationExit, 0).exit_status, 0);
  EXPECT_EQ(f.semihosting.call(kExit, 0x20023, 0).exit_status, 1);  // RunTimeErrorUnknown
  f.put_words(0x2000'0000u, {kApplicationExit, 42});
  EXPECT_EQ(f.semihosting.call(kExitExtended, 0x2000'0000u, 0).exit_status, 42);
}

TEST(Semihosting, ClockElapsedAndTickFrequencyComeFromSimulatedCycles) {
  Fixture f;
  // 4,800,000 cycles at 48 MHz = 0.1 s = 10 centiseconds.
  EXPECT_EQ(f.semihosting.call(kClock, 0, 4'800'000).r0, 10u);
  EXPECT_EQ(f.semihosting.call(kTickFreq, 0, 0).r0, 48'000'000u);
  EXPECT_EQ(f.semihosting.call(kElapsed, 0x2000'0010u, 0x1'0000'0002ull).r0, 0u);
  EXPECT_EQ(f.memory->read_u32(0x2000'0010u), 2u);  // low word
  EXPECT_EQ(f.memory->read_u32(0x2000'0014u), 1u);  // high word
}

TEST(Semihosting, PointerOutsideGuestMemoryIsAFaultNotACrash) {
  Fixture f;
  const auto outcome = f.semihosting.call(kWrite0, 0x1000'0000u, 0);
  ASSERT_TRUE(outcome.fault);
  EXPECT_EQ(outcome.fault_address, 0x1000'0000u);
  f.put_words(0x2000'0300u, {1, 0x2000'0ff0u, 0x100});  // runs off the end of RAM
  EXPECT_TRUE(f.semihosting.call(kWrite, 0x2000'0300u, 0).fault);
}

TEST(Semihosting, UnknownOperationIsAFaultNamingIt) {
  Fixture f;
  const auto outcome = f.semihosting.call(0x99, 0, 0);
  ASSERT_TRUE(outcome.fault);
  EXPECT_NE(outcome.fault->find("0x99"), std::string::npos);
}

// A host directory tree for the file tests: root/ (what the guest may read),
// outside/ next to it, removed afterwards.
struct HostTree {
  fs::path base;
  fs::path root;
  fs::path outside;

  HostTree() {
    static int counter = 0;
    base = fs::temp_directory_path() /
           ("mcusim-semihosting-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    root = base / "root";
    outside = base / "outside";
    fs::create_directories(root / "sub");
    fs::create_directories(outside);
    write(root / "data.txt", "0123456789");
    write(outside / "secret.txt", "secret");
  }
  ~HostTree() {
    std::error_code ignored;
    fs::remove_all(base, ignored);
  }
  static void write(const fs::path& file, std::string_view text) {
    std::ofstream(file, std::ios::binary) << text;
  }
  static std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  SemihostingConfig config() const {
    SemihostingConfig c;
    c.root = root;
    return c;
  }
};

TEST(SemihostingFiles, TtyOpensTheConsoleAsStdinStdoutOrStderrByMode) {
  Fixture f;
  EXPECT_EQ(f.open(":tt", 0), SemihostingFiles::kStdin);   // "r"
  EXPECT_EQ(f.open(":tt", 4), SemihostingFiles::kStdout);  // "w"
  EXPECT_EQ(f.open(":tt", 8), SemihostingFiles::kStderr);  // "a"
  EXPECT_EQ(f.on_handle(kIsTty, SemihostingFiles::kStderr), 1u);
  EXPECT_EQ(f.on_handle(kFlen, SemihostingFiles::kStdout), 0u);
  f.put_string(0x2000'0200u, "to stderr");
  f.put_words(0x2000'0300u, {SemihostingFiles::kStderr, 0x2000'0200u, 9});
  EXPECT_EQ(f.semihosting.call(kWrite, 0x2000'0300u, 0).r0, 0u);
  EXPECT_EQ(f.printed(), "to stderr");
  // No input: reading the console is end of file at once (all 8 bytes not read).
  EXPECT_EQ(f.read(SemihostingFiles::kStdin, 8), 8u);
  EXPECT_EQ(f.seek(SemihostingFiles::kStdout, 0), kFailed);
  EXPECT_EQ(f.error(), guest_errno::kIllegalSeek);
  EXPECT_EQ(f.on_handle(kClose, SemihostingFiles::kStdout), 0u);
  EXPECT_EQ(f.open(":tt", 12), kFailed);  // no such mode
  EXPECT_EQ(f.error(), guest_errno::kInvalid);
}

TEST(SemihostingFiles, FeaturesFileSaysShfbThenExitExtendedAndStdoutStderr) {
  Fixture f;
  const std::uint32_t handle = f.open(":semihosting-features", 0);
  ASSERT_GE(handle, SemihostingFiles::kFirstFileHandle);
  EXPECT_EQ(f.on_handle(kFlen, handle), 5u);
  EXPECT_EQ(f.on_handle(kIsTty, handle), 0u);
  EXPECT_EQ(f.read(handle, 4), 0u);
  EXPECT_EQ(f.bytes_at(0x2000'0a00u, 4), "SHFB");
  EXPECT_EQ(f.read(handle, 4), 3u);  // one byte left: 3 of 4 not read
  EXPECT_EQ(f.bytes_at(0x2000'0a00u, 1), "\x03");
  EXPECT_EQ(f.read(handle, 4), 4u);  // end of file
  EXPECT_EQ(f.on_handle(kClose, handle), 0u);
  EXPECT_EQ(f.on_handle(kClose, handle), kFailed);
  EXPECT_EQ(f.error(), guest_errno::kBadHandle);
  EXPECT_EQ(f.open(":semihosting-features", 4), kFailed);  // not writable
  EXPECT_EQ(f.error(), guest_errno::kAccess);
}

TEST(SemihostingFiles, FileUnderTheRootReadsSeeksAndCloses) {
  HostTree tree;
  Fixture f(tree.config());
  const std::uint32_t handle = f.open("data.txt", 1);  // "rb", relative to the root
  ASSERT_GE(handle, SemihostingFiles::kFirstFileHandle);
  EXPECT_EQ(f.on_handle(kFlen, handle), 10u);
  EXPECT_EQ(f.on_handle(kIsTty, handle), 0u);
  EXPECT_EQ(f.read(handle, 4), 0u);
  EXPECT_EQ(f.bytes_at(0x2000'0a00u, 4), "0123");
  EXPECT_EQ(f.seek(handle, 8), 0u);
  EXPECT_EQ(f.read(handle, 4), 2u);  // "89", then the end: 2 not read
  EXPECT_EQ(f.bytes_at(0x2000'0a00u, 2), "89");
  EXPECT_EQ(f.read(handle, 4), 4u);    // past the end: nothing read
  EXPECT_EQ(f.seek(handle, 100), 0u);  // beyond the end is allowed ...
  EXPECT_EQ(f.read(handle, 4), 4u);    // ... and reads nothing
  EXPECT_EQ(f.seek(handle, 0x8000'0000u), kFailed);  // a negative offset
  EXPECT_EQ(f.error(), guest_errno::kInvalid);
  EXPECT_EQ(f.read(handle, 0), 0u);
  EXPECT_EQ(f.on_handle(kClose, handle), 0u);
  EXPECT_EQ(f.read(handle, 4), kFailed);
  EXPECT_EQ(f.error(), guest_errno::kBadHandle);
  // An absolute path inside the root, and one through '..' that stays inside.
  EXPECT_NE(f.open((tree.root / "data.txt").string(), 0), kFailed);
  EXPECT_NE(f.open("sub/../data.txt", 0), kFailed);
}

TEST(SemihostingFiles, WriteModesAreRefusedAndTheFileIsUntouched) {
  HostTree tree;
  Fixture f(tree.config());
  for (std::uint32_t mode = 2; mode < 12; ++mode) {  // r+, r+b, w..., a...
    EXPECT_EQ(f.open("data.txt", mode), kFailed) << "mode " << mode;
    EXPECT_EQ(f.error(), guest_errno::kAccess);
    EXPECT_EQ(f.open("new.txt", mode), kFailed) << "mode " << mode;
  }
  EXPECT_EQ(HostTree::read(tree.root / "data.txt"), "0123456789");
  EXPECT_FALSE(fs::exists(tree.root / "new.txt"));
  // Writing to a handle opened for reading writes nothing.
  const std::uint32_t handle = f.open("data.txt", 0);
  f.put_string(0x2000'0200u, "XX");
  f.put_words(0x2000'0300u, {handle, 0x2000'0200u, 2});
  EXPECT_EQ(f.semihosting.call(kWrite, 0x2000'0300u, 0).r0, 2u);  // none written
  EXPECT_EQ(f.error(), guest_errno::kBadHandle);
  EXPECT_EQ(HostTree::read(tree.root / "data.txt"), "0123456789");
}

TEST(SemihostingFiles, PathsLeavingTheRootAreRefused) {
  HostTree tree;
  fs::create_symlink(tree.outside / "secret.txt", tree.root / "link.txt");
  fs::create_directory_symlink(tree.outside, tree.root / "linkdir");
  Fixture f(tree.config());
  for (const std::string& path :
       {std::string("../outside/secret.txt"), (tree.outside / "secret.txt").string(),
        std::string("sub/../../outside/secret.txt"), std::string("link.txt"),
        std::string("linkdir/secret.txt"), std::string("linkdir/missing.txt"),
        std::string("/etc/passwd"), std::string("..")}) {
    EXPECT_EQ(f.open(path, 0), kFailed) << path;
    EXPECT_EQ(f.error(), guest_errno::kAccess) << path;
  }
  EXPECT_EQ(f.open("missing.txt", 0), kFailed);
  EXPECT_EQ(f.error(), guest_errno::kNoEntry);
  EXPECT_EQ(f.open("sub", 0), kFailed);
  EXPECT_EQ(f.error(), guest_errno::kIsDirectory);
  EXPECT_EQ(f.open("", 0), kFailed);
  EXPECT_EQ(f.error(), guest_errno::kNoEntry);
}

TEST(SemihostingFiles, WithoutARootNoHostFileOpens) {
  HostTree tree;
  Fixture f;
  EXPECT_EQ(f.open((tree.root / "data.txt").string(), 0), kFailed);
  EXPECT_EQ(f.error(), guest_errno::kAccess);
  EXPECT_EQ(f.open("data.txt", 0), kFailed);
  EXPECT_NE(f.open(":tt", 4), kFailed);  // the console needs no root
}

TEST(SemihostingFiles, TheHandleTableIsFixedAndReused) {
  HostTree tree;
  Fixture f(tree.config());
  std::vector<std::uint32_t> handles;
  for (std::size_t i = 0; i < SemihostingFiles::kMaxOpenFiles; ++i) {
    handles.push_back(f.open("data.txt", 0));
    EXPECT_EQ(handles.back(), SemihostingFiles::kFirstFileHandle + i);
  }
  EXPECT_EQ(f.open("data.txt", 0), kFailed);
  EXPECT_EQ(f.error(), guest_errno::kTooManyOpen);
  EXPECT_EQ(f.open(":semihosting-features", 0), kFailed);
  EXPECT_EQ(f.on_handle(kClose, handles[5]), 0u);
  EXPECT_EQ(f.open("data.txt", 0), handles[5]);
  EXPECT_EQ(f.on_handle(kFlen, 99), kFailed);
  EXPECT_EQ(f.error(), guest_errno::kBadHandle);
  EXPECT_EQ(f.on_handle(kIsTty, 99), kFailed);
}

TEST(SemihostingFiles, BadPointersAreFaultsNamingTheAddress) {
  HostTree tree;
  Fixture f(tree.config());
  auto fault_address = [&](std::uint32_t op, std::uint32_t parameter) {
    const auto outcome = f.semihosting.call(op, parameter, 0);
    EXPECT_TRUE(outcome.fault) << "op " << op;
    return outcome.fault_address.value_or(0);
  };
  EXPECT_EQ(fault_address(kOpen, 0x2000'0ffcu), 0x2000'0ffcu);  // block runs off RAM
  f.put_words(0x2000'0700u, {0x3000'0000u, 0, 8});
  EXPECT_EQ(fault_address(kOpen, 0x2000'0700u), 0x3000'0000u);  // path outside memory
  EXPECT_EQ(fault_address(kClose, 0x1000'0000u), 0x1000'0000u);
  EXPECT_EQ(fault_address(kSeek, 0x1000'0000u), 0x1000'0000u);
  const std::uint32_t handle = f.open("data.txt", 0);
  f.put_words(0x2000'0720u, {handle, 0x0000'0100u, 4});  // into read-only flash
  EXPECT_EQ(fault_address(kRead, 0x2000'0720u), 0x0000'0100u);
  f.put_words(0x2000'0720u, {handle, 0x2000'0ff0u, 0x100});  // runs off the end of RAM
  EXPECT_EQ(fault_address(kRead, 0x2000'0720u), 0x2000'0ff0u);
  f.put_words(0x2000'0720u, {handle, 0x2000'0100u, 0xffff'ffffu});  // length wraps
  EXPECT_TRUE(f.semihosting.call(kRead, 0x2000'0720u, 0).fault);
  f.put_words(0x2000'0740u, {0x0000'0200u});  // HEAPINFO block in flash
  EXPECT_EQ(fault_address(kHeapInfo, 0x2000'0740u), 0x0000'0200u);
  f.put_words(0x2000'0750u, {0x5000'0000u, 64});
  EXPECT_EQ(fault_address(kGetCmdline, 0x2000'0750u), 0x5000'0000u);
  EXPECT_EQ(fault_address(kElapsed, 0x0000'0300u), 0x0000'0300u);  // flash
}

TEST(Semihosting, GetCmdlineGivesTheProgramNameAndArguments) {
  SemihostingConfig config;
  config.command_line = "demo.elf data.txt -v";
  Fixture f(config);
  f.put_words(0x2000'0750u, {0x2000'0400u, 64});
  EXPECT_EQ(f.semihosting.call(kGetCmdline, 0x2000'0750u, 0).r0, 0u);
  EXPECT_EQ(f.bytes_at(0x2000'0400u, 21), std::string("demo.elf data.txt -v") + '\0');
  EXPECT_EQ(f.memory->read_u32(0x2000'0754u), 20u);
  f.put_words(0x2000'0750u, {0x2000'0400u, 20});  // no room for the NUL
  EXPECT_EQ(f.semihosting.call(kGetCmdline, 0x2000'0750u, 0).r0, kFailed);
  EXPECT_EQ(f.error(), guest_errno::kArgumentsTooLong);
}

TEST(Semihosting, HeapInfoFillsTheBlockR1PointsTo) {
  Fixture f;
  f.semihosting.set_heap_info(HeapInfo{0x2000'1000u, 0x2003'8000u, 0x2004'0000u, 0x2003'8000u});
  f.put_words(0x2000'0740u, {0x2000'0600u});
  EXPECT_EQ(f.semihosting.call(kHeapInfo, 0x2000'0740u, 0).r0, 0u);
  EXPECT_EQ(f.memory->read_u32(0x2000'0600u), 0x2000'1000u);
  EXPECT_EQ(f.memory->read_u32(0x2000'0604u), 0x2003'8000u);
  EXPECT_EQ(f.memory->read_u32(0x2000'0608u), 0x2004'0000u);
  EXPECT_EQ(f.memory->read_u32(0x2000'060cu), 0x2003'8000u);
}

TEST(Semihosting, RemoveRenameSystemAndTmpnamAreRefusedWithoutTouchingTheHost) {
  HostTree tree;
  Fixture f(tree.config());
  EXPECT_EQ(f.error(), 0u);  // nothing failed yet
  const std::string victim = (tree.root / "data.txt").string();
  f.put_string(0x2000'0800u, victim);
  f.put_words(0x2000'0700u, {0x2000'0800u, static_cast<std::uint32_t>(victim.size())});
  EXPECT_EQ(f.semihosting.call(kRemove, 0x2000'0700u, 0).r0, kFailed);
  EXPECT_EQ(f.error(), guest_errno::kAccess);
  EXPECT_EQ(f.semihosting.call(kRename, 0x2000'0700u, 0).r0, kFailed);
  EXPECT_EQ(f.semihosting.call(kSystem, 0x2000'0700u, 0).r0, kFailed);
  EXPECT_EQ(f.error(), guest_errno::kNotImplemented);
  EXPECT_EQ(f.semihosting.call(kTmpnam, 0x2000'0700u, 0).r0, kFailed);
  EXPECT_EQ(HostTree::read(tree.root / "data.txt"), "0123456789");
}

TEST(Semihosting, IsErrorAndTimeFollowTheSpecification) {
  Fixture f;
  f.put_words(0x2000'0000u, {kFailed});
  EXPECT_NE(f.semihosting.call(kIsError, 0x2000'0000u, 0).r0, 0u);
  f.put_words(0x2000'0000u, {5});
  EXPECT_EQ(f.semihosting.call(kIsError, 0x2000'0000u, 0).r0, 0u);
  EXPECT_EQ(f.semihosting.call(kTime, 0, 96'000'000).r0, 2u);  // 2 s at 48 MHz, from reset
}

}  // namespace
}  // namespace mcusim
