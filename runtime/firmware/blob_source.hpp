// runtime/firmware/blob_source.hpp — binary data embedded in a firmware image
// as read-only data in flash, under a symbol the C code can name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mcusim::firmware {

// The guest sees `extern const uint8_t <symbol>[], <symbol>_end[];` aligned
// to `alignment` bytes, in section .mcusim_blob.<symbol> (the linker script's
// .blobs output section, kept even when unreferenced).
struct Blob {
  std::string symbol;               // a C identifier
  std::vector<std::uint8_t> bytes;  // may be empty
  std::uint32_t alignment = 4;      // a power of two, 1..4096
};

// Checks the symbol is a C identifier and the alignment a power of two.
// Throws mcusim::Error (BadInput) naming the blob.
void check_blob(const Blob& blob);

// Writes <dir>/<symbol>.bin and returns the assembly source (.s) that embeds
// it with .incbin; the caller writes it beside.
std::string write_blob_source(const Blob& blob, const std::filesystem::path& dir);

}  // namespace mcusim::firmware
