// Semihosting's file calls: parameter blocks read from guest memory, the work
// done by SemihostingFiles, failures reported through SYS_ERRNO.
#include "sim/guest/semihosting.hpp"

#include <span>

namespace mcusim {

using namespace semihosting_op;

SemihostingOutcome Semihosting::refuse(std::uint32_t error) {
  return result(FileResult::failure(error));
}

SemihostingOutcome Semihosting::result(const FileResult& result) {
  if (result.failed()) errno_ = result.error;
  SemihostingOutcome outcome;
  outcome.r0 = result.value;
  return outcome;
}

SemihostingOutcome Semihosting::open(std::uint32_t parameter) {
  // Parameter block: {path, mode, path length without the NUL}; returns a
  // handle or -1.
  const auto path = memory_->read_u32(parameter);
  const auto mode = memory_->read_u32(parameter + 4);
  const auto length = memory_->read_u32(parameter + 8);
  if (!path || !mode || !length) return bad_pointer(kOpen, parameter);
  if (*length > SemihostingFiles::kMaxPathLength) return refuse(guest_errno::kNameTooLong);
  const auto* bytes = memory_->host_pointer(*path, *length);
  if (!bytes) return bad_pointer(kOpen, *path);
  return result(files_.open(std::string_view(reinterpret_cast<const char*>(bytes), *length), *mode));
}

SemihostingOutcome Semihosting::handle_call(std::uint32_t op, std::uint32_t parameter) {
  // Parameter block: {handle}.
  const auto handle = memory_->read_u32(parameter);
  if (!handle) return bad_pointer(op, parameter);
  switch (op) {
    case kClose: return result(files_.close(*handle));
    case kIsTty: return result(files_.is_tty(*handle));
    default: return result(files_.length(*handle));  // kFlen
  }
}

SemihostingOutcome Semihosting::read(std::uint32_t parameter) {
  // Parameter block: {handle, buffer, length}; returns the bytes NOT read
  // (length at end of file) or -1.
  const auto handle = memory_->read_u32(parameter);
  const auto buffer = memory_->read_u32(parameter + 4);
  const auto length = memory_->read_u32(parameter + 8);
  if (!handle || !buffer || !length) return bad_pointer(kRead, parameter);
  std::span<std::uint8_t> out;
  if (*length > 0) {
    if (!writable(*buffer, *length)) return bad_pointer(kRead, *buffer);
    out = std::span(memory_->host_pointer(*buffer, *length), *length);
  }
  const FileResult got = files_.read(*handle, out);
  if (got.failed()) return result(got);
  return result(FileResult{*length - got.value, 0});
}

SemihostingOutcome Semihosting::write(std::uint32_t parameter) {
  // Parameter block: {handle, data, length}; returns the bytes NOT written.
  const auto handle = memory_->read_u32(parameter);
  const auto data = memory_->read_u32(parameter + 4);
  const auto length = memory_->read_u32(parameter + 8);
  if (!handle || !data || !length) return bad_pointer(kWrite, parameter);
  const auto* bytes = memory_->host_pointer(*data, *length);
  if (!bytes && *length > 0) return bad_pointer(kWrite, *data);
  if (*handle != SemihostingFiles::kStdout && *handle != SemihostingFiles::kStderr) {
    // stdin, a read-only file or no handle at all: nothing written.
    errno_ = guest_errno::kBadHandle;
    SemihostingOutcome outcome;
    outcome.r0 = *length;
    return outcome;
  }
  SemihostingOutcome outcome;
  outcome.console_full =
      !console_->write(std::string_view(reinterpret_cast<const char*>(bytes), *length));
  outcome.r0 = 0;
  return outcome;
}

SemihostingOutcome Semihosting::seek(std::uint32_t parameter) {
  // Parameter block: {handle, absolute position}; returns 0 or -1.
  const auto handle = memory_->read_u32(parameter);
  const auto position = memory_->read_u32(parameter + 4);
  if (!handle || !position) return bad_pointer(kSeek, parameter);
  return result(files_.seek(*handle, *position));
}

}  // namespace mcusim
