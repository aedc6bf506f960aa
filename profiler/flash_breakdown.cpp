// profiler/flash_breakdown.cpp — see flash_breakdown.hpp.
#include "profiler/flash_breakdown.hpp"

#include "sim/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace mcusim::profiler {
namespace {

// Sections the linker writes into the ELF file but not into memory: their
// map lines carry address 0, which may well be inside flash.
constexpr std::array<std::string_view, 5> kNotLoaded{".comment", ".ARM.attributes", ".symtab", ".shstrtab",
                                                     ".strtab"};

bool is_loaded(const MapOutputSection& section) {
  if (section.name.starts_with(".debug")) return false;
  return std::find(kNotLoaded.begin(), kNotLoaded.end(), section.name) == kNotLoaded.end();
}

[[noreturn]] void disagree(std::string what) {
  throw Error(ErrorKind::Internal, "flash breakdown: " + std::move(what),
              "the link map and the ELF come from different links; rebuild the firmware");
}

std::vector<SizedName> sorted(const std::map<std::string, std::uint64_t>& sizes) {
  std::vector<SizedName> list;
  for (const auto& [name, bytes] : sizes) {
    if (bytes > 0) list.push_back({name, bytes});
  }
  // Largest first; equal sizes by name, so the order is the same on every machine.
  std::stable_sort(list.begin(), list.end(), [](const SizedName& a, const SizedName& b) { return a.bytes > b.bytes; });
  return list;
}

// .text by function: each function symbol's [address, address + size)
// clipped to the section and to what earlier symbols took.
std::vector<SizedName> code_by_function(const ElfImage& elf, std::uint64_t start, std::uint64_t end) {
  std::map<std::string, std::uint64_t> sizes;
  std::uint64_t covered = 0;
  std::uint64_t cursor = start;
  for (const Symbol& symbol : elf.symbols) {  // sorted by address
    if (!symbol.is_function || symbol.size == 0) continue;
    const std::uint64_t from = std::max<std::uint64_t>(symbol.address, cursor);
    const std::uint64_t to = std::min<std::uint64_t>(std::uint64_t{symbol.address} + symbol.size, end);
    if (from >= to) continue;
    sizes[symbol.name] += to - from;
    covered += to - from;
    cursor = to;
  }
  sizes["(no symbol)"] += (end - start) - covered;
  return sorted(sizes);
}

std::vector<SizedName> code_by_object(const MapOutputSection& text) {
  std::map<std::string, std::uint64_t> sizes;
  std::uint64_t listed = 0;
  for (const MapInput& input : text.inputs) {
    if (input.file.empty() || input.size == 0) continue;  // linker-script lines: padding
    sizes[object_display_name(input.file)] += input.size;
    listed += input.size;
  }
  if (listed > text.size) disagree(fmt::format(".text holds {} bytes but its inputs {}", text.size, listed));
  sizes["(alignment)"] += text.size - listed;
  return sorted(sizes);
}

}  // namespace

std::string object_display_name(std::string_view file) {
  // An archive member "…/libgcc.a(_addsubsf3.o)" keeps its archive's name.
  const std::size_t slash = file.find('(') == std::string_view::npos ? file.rfind('/') : file.rfind('/', file.find('('));
  std::string name(slash == std::string_view::npos ? file : file.substr(slash + 1));
  const bool numbered = name.size() > 4 && std::isdigit(static_cast<unsigned char>(name[0])) &&
                        std::isdigit(static_cast<unsigned char>(name[1])) &&
                        std::isdigit(static_cast<unsigned char>(name[2])) && name[3] == '-';
  if (numbered) {
    name.erase(0, 4);
    if (name.ends_with(".o")) name.resize(name.size() - 2);
  }
  return name;
}

FlashBreakdown flash_breakdown(const LinkMap& map, const ElfImage& elf, const MemoryRegion& flash,
                               std::uint64_t weights_bytes) {
  // The image's flash bytes: from the first to the last byte the loadable
  // segments put into the flash region (their load addresses).
  std::uint64_t image_start = UINT64_MAX, image_end = 0;
  for (const Segment& segment : elf.segments) {
    if (segment.file_size == 0 || !flash.contains(segment.address)) continue;
    image_start = std::min<std::uint64_t>(image_start, segment.address);
    image_end = std::max<std::uint64_t>(image_end, std::uint64_t{segment.address} + segment.file_size);
  }
  FlashBreakdown b;
  if (image_end == 0) return b;  // nothing in flash
  b.image_bytes = image_end - image_start;

  std::uint64_t blobs = 0;
  for (const MapOutputSection& section : map.sections) {
    if (!is_loaded(section) || section.size == 0 || section.lma < image_start || section.lma >= image_end) continue;
    if (section.lma + section.size > image_end) {
      disagree(fmt::format("section {} ends at 0x{:x}, past the image's last flash byte 0x{:x}", section.name,
                           section.lma + section.size, image_end - 1));
    }
    if (section.name == ".vectors") {
      b.vector_table_bytes += section.size;
    } else if (section.name == ".text") {
      b.code_bytes += section.size;
      b.functions = code_by_function(elf, section.vma, section.vma + section.size);
      b.objects = code_by_object(section);
    } else if (section.name == ".rodata" || section.name == ".ARM.extab" || section.name == ".ARM.exidx") {
      b.rodata_bytes += section.size;
    } else if (section.name == ".blobs") {
      blobs += section.size;
    } else if (section.name == ".data") {
      // Blobs copied to RAM at reset (--weights-in ram) open .data: their
      // image in flash is the plan all the same.
      std::uint64_t ram_blobs = 0;
      for (const MapInput& input : section.inputs) {
        if (input.section.starts_with(".mcusim_ram_blob")) ram_blobs += input.size;
      }
      if (ram_blobs > section.size) disagree(fmt::format(".data holds {} bytes but its RAM blobs {}", section.size, ram_blobs));
      blobs += ram_blobs;
      b.data_init_bytes += section.size - ram_blobs;
    } else {
      b.other_bytes += section.size;
    }
  }
  if (weights_bytes > blobs) {
    disagree(fmt::format("{} bytes of weights but the blobs (.blobs and RAM blobs in .data) hold {}", weights_bytes, blobs));
  }
  b.weights_bytes = weights_bytes;
  b.plan_bytes = blobs - weights_bytes;
  const std::uint64_t sections = b.parts_sum();
  if (sections > b.image_bytes) {
    disagree(fmt::format("the sections add up to {} bytes, more than the image's {}", sections, b.image_bytes));
  }
  b.other_bytes += b.image_bytes - sections;  // gaps between sections
  return b;
}

}  // namespace mcusim::profiler
