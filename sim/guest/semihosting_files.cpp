#include "sim/guest/semihosting_files.hpp"

#include <algorithm>
#include <system_error>

namespace mcusim {
namespace fs = std::filesystem;
using namespace guest_errno;

namespace {

constexpr std::uint32_t kModeCount = 12;   // r, rb, r+, r+b, w, wb, w+, w+b, a, ab, a+, a+b
constexpr std::uint32_t kLastReadOnlyMode = 1;  // rb
constexpr std::uint64_t kMaxGuestOffset = 0x7fff'ffffu;  // the guest's off_t is 32-bit signed

// `path` is `root` or lies below it (both absolute and normalised).
bool within(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace

SemihostingFiles::SemihostingFiles(const fs::path& root) {
  if (root.empty()) return;
  std::error_code error;
  fs::path resolved = fs::canonical(root, error);
  if (!error && fs::is_directory(resolved, error) && !error) root_ = std::move(resolved);
}

FileResult SemihostingFiles::open(std::string_view path, std::uint32_t mode) {
  if (mode >= kModeCount) return FileResult::failure(kInvalid);
  if (path == ":tt") {  // the console; the mode picks the stream
    return {mode < 4 ? kStdin : mode < 8 ? kStdout : kStderr, 0};
  }
  if (path == ":semihosting-features") {
    if (mode > kLastReadOnlyMode) return FileResult::failure(kAccess);
    std::uint32_t handle = 0;
    OpenFile* file = free_slot(handle);
    if (!file) return FileResult::failure(kTooManyOpen);
    file->in_use = true;
    file->on_host = false;
    file->contents = std::string("SHFB") + static_cast<char>(kFeatures);
    file->position = 0;
    return {handle, 0};
  }
  return open_host_file(path, mode);
}

fs::path SemihostingFiles::confine(std::string_view text) const {
  const fs::path requested{std::string(text)};
  // Relative paths name files under the root, not under mcusim's directory.
  const fs::path lexical = (requested.is_absolute() ? requested : root_ / requested).lexically_normal();
  if (!within(lexical, root_)) return {};  // '..' out of the root, or elsewhere on the host
  std::error_code error;
  fs::path resolved = fs::weakly_canonical(lexical, error);  // follows every symlink
  if (error || !within(resolved, root_)) return {};
  return resolved;
}

FileResult SemihostingFiles::open_host_file(std::string_view path, std::uint32_t mode) {
  if (mode > kLastReadOnlyMode) return FileResult::failure(kAccess);  // host files are read-only
  if (root_.empty()) return FileResult::failure(kAccess);            // no --semihosting-root
  if (path.empty()) return FileResult::failure(kNoEntry);
  if (path.size() > kMaxPathLength) return FileResult::failure(kNameTooLong);
  if (path.find('\0') != std::string_view::npos) return FileResult::failure(kInvalid);
  const fs::path resolved = confine(path);
  if (resolved.empty()) return FileResult::failure(kAccess);
  std::error_code error;
  const fs::file_status status = fs::status(resolved, error);
  if (error || !fs::exists(status)) return FileResult::failure(kNoEntry);
  if (fs::is_directory(status)) return FileResult::failure(kIsDirectory);
  if (!fs::is_regular_file(status)) return FileResult::failure(kAccess);  // devices, FIFOs
  std::uint32_t handle = 0;
  OpenFile* file = free_slot(handle);
  if (!file) return FileResult::failure(kTooManyOpen);
  file->stream = std::ifstream(resolved, std::ios::binary);
  if (!file->stream.is_open()) return FileResult::failure(kAccess);
  file->in_use = true;
  file->on_host = true;
  file->contents.clear();
  file->position = 0;
  return {handle, 0};
}

FileResult SemihostingFiles::close(std::uint32_t handle) {
  if (is_console(handle)) return {0, 0};  // the console stays open
  OpenFile* file = slot(handle);
  if (!file) return FileResult::failure(kBadHandle);
  *file = OpenFile{};  // closes the host file
  return {0, 0};
}

FileResult SemihostingFiles::read(std::uint32_t handle, std::span<std::uint8_t> out) {
  if (is_console(handle)) return {0, 0};  // no input: end of file at once
  OpenFile* file = slot(handle);
  if (!file) return FileResult::failure(kBadHandle);
  std::uint64_t got = 0;
  if (file->on_host) {
    file->stream.clear();
    file->stream.seekg(static_cast<std::streamoff>(file->position));
    if (file->stream) {
      file->stream.read(reinterpret_cast<char*>(out.data()),
                        static_cast<std::streamsize>(out.size()));
      got = static_cast<std::uint64_t>(file->stream.gcount());
    }
    file->stream.clear();
  } else if (file->position < file->contents.size()) {
    got = std::min<std::uint64_t>(out.size(), file->contents.size() - file->position);
    std::copy_n(file->contents.data() + file->position, got, out.data());
  }
  file->position += got;
  return {static_cast<std::uint32_t>(got), 0};
}

FileResult SemihostingFiles::seek(std::uint32_t handle, std::uint32_t position) {
  if (is_console(handle)) return FileResult::failure(kIllegalSeek);
  OpenFile* file = slot(handle);
  if (!file) return FileResult::failure(kBadHandle);
  if (position > kMaxGuestOffset) return FileResult::failure(kInvalid);  // negative offset
  file->position = position;  // past the end is allowed: reads there return nothing
  return {0, 0};
}

FileResult SemihostingFiles::length(std::uint32_t handle) {
  if (is_console(handle)) return {0, 0};
  OpenFile* file = slot(handle);
  if (!file) return FileResult::failure(kBadHandle);
  const std::uint64_t size = size_of(*file);
  if (size > kMaxGuestOffset) return FileResult::failure(kInvalid);  // too big for the guest
  return {static_cast<std::uint32_t>(size), 0};
}

FileResult SemihostingFiles::is_tty(std::uint32_t handle) const {
  if (is_console(handle)) return {1, 0};
  if (!slot(handle)) return FileResult::failure(kBadHandle);
  return {0, 0};
}

std::uint64_t SemihostingFiles::size_of(OpenFile& file) {
  if (!file.on_host) return file.contents.size();
  file.stream.clear();
  file.stream.seekg(0, std::ios::end);
  const std::streamoff end = file.stream.tellg();
  file.stream.clear();
  return end < 0 ? 0 : static_cast<std::uint64_t>(end);
}

SemihostingFiles::OpenFile* SemihostingFiles::free_slot(std::uint32_t& handle) noexcept {
  for (std::size_t i = 0; i < files_.size(); ++i) {
    if (files_[i].in_use) continue;
    handle = kFirstFileHandle + static_cast<std::uint32_t>(i);
    return &files_[i];
  }
  return nullptr;
}

SemihostingFiles::OpenFile* SemihostingFiles::slot(std::uint32_t handle) noexcept {
  if (handle < kFirstFileHandle || handle - kFirstFileHandle >= files_.size()) return nullptr;
  OpenFile& file = files_[handle - kFirstFileHandle];
  return file.in_use ? &file : nullptr;
}

const SemihostingFiles::OpenFile* SemihostingFiles::slot(std::uint32_t handle) const noexcept {
  if (handle < kFirstFileHandle || handle - kFirstFileHandle >= files_.size()) return nullptr;
  const OpenFile& file = files_[handle - kFirstFileHandle];
  return file.in_use ? &file : nullptr;
}

}  // namespace mcusim
