// sim/guest/semihosting_files.hpp — the files a guest can open through
// semihosting (SYS_OPEN and friends): the console ":tt", the
// ":semihosting-features" pseudo-file, and read-only host files under the one
// directory the user allows (--semihosting-root). Nothing else on the host is
// ever opened, written, removed or renamed.
//
// Handles: 0, 1, 2 are the console (stdin, stdout, stderr: ":tt" opened with
// mode r, w, a); files get 3 .. 3 + kMaxOpenFiles - 1 from a fixed table.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <string_view>

namespace mcusim {

// The errno values a failing call leaves for SYS_ERRNO: newlib's numbers
// (<sys/errno.h>), which is what the guest's C library compares against.
namespace guest_errno {
inline constexpr std::uint32_t kNoEntry = 2,          // ENOENT
    kArgumentsTooLong = 7,                            // E2BIG
    kBadHandle = 9,                                   // EBADF
    kAccess = 13,                                     // EACCES
    kIsDirectory = 21,                                // EISDIR
    kInvalid = 22,                                    // EINVAL
    kTooManyOpen = 24,                                // EMFILE
    kIllegalSeek = 29,                                // ESPIPE
    kNotImplemented = 88,                             // ENOSYS
    kNameTooLong = 91;                                // ENAMETOOLONG
}  // namespace guest_errno

// A file operation's result: `value` for r0; on failure `error` is one of the
// errno values above and `value` is -1 (0xffffffff).
struct FileResult {
  std::uint32_t value = 0;
  std::uint32_t error = 0;
  bool failed() const noexcept { return error != 0; }
  static FileResult failure(std::uint32_t error) noexcept { return {0xffff'ffffu, error}; }
};

class SemihostingFiles {
 public:
  static constexpr std::uint32_t kStdin = 0, kStdout = 1, kStderr = 2;
  static constexpr std::uint32_t kFirstFileHandle = 3;
  static constexpr std::size_t kMaxOpenFiles = 16;
  static constexpr std::uint32_t kMaxPathLength = 4096;
  // ":semihosting-features" feature byte: bit 0 SH_EXT_EXIT_EXTENDED, bit 1
  // SH_EXT_STDOUT_STDERR (":tt" with mode "a" is a handle of its own).
  static constexpr std::uint8_t kFeatures = 0x03;

  // `root`: the host directory files may be read from; empty: none. A root
  // that cannot be resolved allows nothing.
  explicit SemihostingFiles(const std::filesystem::path& root);

  // `mode` is the semihosting open mode: 0..3 r, rb, r+, r+b; 4..7 w...;
  // 8..11 a... Host files open only with r or rb.
  FileResult open(std::string_view path, std::uint32_t mode);
  FileResult close(std::uint32_t handle);
  // Reads up to out.size() bytes at the handle's position; value = bytes read
  // (0 at end of file; the console has no input and always reads 0).
  FileResult read(std::uint32_t handle, std::span<std::uint8_t> out);
  FileResult seek(std::uint32_t handle, std::uint32_t position);
  FileResult length(std::uint32_t handle);
  // value 1 for the console, 0 for a file.
  FileResult is_tty(std::uint32_t handle) const;

  static bool is_console(std::uint32_t handle) noexcept { return handle < kFirstFileHandle; }
  // An open file (not the console) behind `handle`.
  bool is_open_file(std::uint32_t handle) const noexcept { return slot(handle) != nullptr; }
  const std::filesystem::path& root() const noexcept { return root_; }

 private:
  struct OpenFile {
    bool in_use = false;
    bool on_host = false;      // else `contents` (a pseudo-file)
    std::ifstream stream;      // host file, opened read-only in binary mode
    std::string contents;
    std::uint64_t position = 0;
  };

  FileResult open_host_file(std::string_view path, std::uint32_t mode);
  // The host path `path` names if it stays inside the root, else empty.
  std::filesystem::path confine(std::string_view path) const;
  OpenFile* free_slot(std::uint32_t& handle) noexcept;
  OpenFile* slot(std::uint32_t handle) noexcept;
  const OpenFile* slot(std::uint32_t handle) const noexcept;
  static std::uint64_t size_of(OpenFile& file);

  std::filesystem::path root_;  // canonical; empty: no host files
  std::array<OpenFile, kMaxOpenFiles> files_;
};

}  // namespace mcusim
