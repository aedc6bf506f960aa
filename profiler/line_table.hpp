// profiler/line_table.hpp — code address to source file and line, from the
// DWARF line tables of a guest ELF (LLVM DebugInfo, DWARFContext). The
// runtime is built with -g (runtime/firmware/toolchain.cpp), so its code maps
// to lines; code without line info (start-up assembly, a user's stripped ELF)
// maps to no line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace mcusim::profiler {

struct SourceLine {
  std::string file;  // absolute where DWARF gives the compilation directory
  std::uint32_t line = 0;
};

class LineTable {
 public:
  // Reads the ELF's .debug_line. A file without it gives an empty table (has_lines() false);
  // an unreadable file throws mcusim::Error (BadInput) naming it.
  explicit LineTable(const std::filesystem::path& elf);
  ~LineTable();
  LineTable(const LineTable&) = delete;
  LineTable& operator=(const LineTable&) = delete;

  bool has_lines() const noexcept;
  std::optional<SourceLine> line_at(std::uint32_t address) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mcusim::profiler
