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
  // In RAM, copied from its image in flash at reset with .data (a kernel
  // reading it then waits for no flash wait state): costs its size twice,
  // once in flash and once in RAM.
  bool in_ram = false;
};

// Checks the symbol is a C identifier and the alignment a power of two.
// Throws mcusim::Error (BadInput) naming the blob.
void check_blob(const Blob& blob);

// Writes the blob's bytes to `file`.
void write_blob_data(const Blob& blob, const std::filesystem::path& file);

// The assembly source (.s) that embeds the data file with .incbin. The path
// is written as given: pass one relative to the directory the assembler runs
// in, so no absolute path (and no machine-specific checksum of one) reaches
// the image.
std::string blob_source_text(const Blob& blob, const std::string& data_path);

}  // namespace mcusim::firmware
