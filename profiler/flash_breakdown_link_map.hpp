// profiler/flash_breakdown_link_map.hpp — ld.lld's map file (-Map), the
// linker's own account of which input section of which object landed where:
//
//        VMA      LMA     Size Align Out     In      Symbol
//          0        0       c0     4 .vectors
//          0        0       c0     4         obj/000-startup.c.o:(.vectors)
//          c0       c0      2a     2         obj/004-conv.c.o:(.text.conv2d_s8)
//          c1       c1       0     1                 conv2d_s8
//          ea       ea       2     1         . = ALIGN ( 4 )
//
// The "Out", "In" and "Symbol" columns of the header line say at which
// indentation a line's name starts, and so what kind of line it is.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mcusim::profiler {

struct MapInput {
  std::string file;     // "obj/004-conv.c.o", "<internal>"; empty for a linker-script line
  std::string section;  // ".text.conv2d_s8"; for a script line its text (". = ALIGN ( 4 )")
  std::uint64_t address = 0;
  std::uint64_t size = 0;
};

struct MapOutputSection {
  std::string name;
  std::uint64_t vma = 0;
  std::uint64_t lma = 0;  // load address: where its bytes sit in the image
  std::uint64_t size = 0;
  std::vector<MapInput> inputs;
};

struct LinkMap {
  std::vector<MapOutputSection> sections;  // in file order
};

// Throws mcusim::Error (Internal) when the text is not an lld map: the
// firmware builder writes it, so a bad one is our bug, not the user's.
LinkMap parse_link_map(std::string_view text, const std::filesystem::path& file);
LinkMap read_link_map(const std::filesystem::path& file);

}  // namespace mcusim::profiler
