// profiler/flash_breakdown.hpp — where a firmware image's flash goes, as
// bloaty shows it for a binary: vector table, code (per function and per
// object file), read-only data, the plan and the weights, the initial image of
// .data, and the rest, summing exactly to the bytes the image occupies in
// flash. Read from the linker's map (flash_breakdown_link_map.hpp) and the
// ELF's symbols; the output section names are those of the firmware builder's
// linker script (runtime/firmware/linker_script.cpp).
#pragma once

#include "profiler/flash_breakdown_link_map.hpp"
#include "sim/elf/elf_image.hpp"
#include "sim/target/target.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace mcusim::profiler {

struct SizedName {
  std::string name;
  std::uint64_t bytes = 0;
};

struct FlashBreakdown {
  std::uint64_t image_bytes = 0;  // first to last flash byte of the image's loadable segments
  std::uint64_t vector_table_bytes = 0;  // .vectors
  std::uint64_t code_bytes = 0;          // .text
  std::uint64_t rodata_bytes = 0;        // .rodata, .ARM.extab, .ARM.exidx
  std::uint64_t plan_bytes = 0;          // the blobs less the weights: operators, tensors, quantization
                                         // (.blobs, or .mcusim_ram_blob.* in .data with --weights-in ram)
  std::uint64_t weights_bytes = 0;       // the plan's constant data
  std::uint64_t data_init_bytes = 0;     // .data's initial values, copied to RAM at reset (RAM blobs apart)
  std::uint64_t other_bytes = 0;         // any other section and the gaps between sections
  // .text by function (ELF symbols) and by object file (the map's input
  // sections), largest first, each summing to code_bytes: bytes no function
  // symbol covers are one "(no symbol)" entry, padding between input sections
  // one "(alignment)" entry.
  std::vector<SizedName> functions;
  std::vector<SizedName> objects;

  std::uint64_t parts_sum() const noexcept {
    return vector_table_bytes + code_bytes + rodata_bytes + plan_bytes + weights_bytes + data_init_bytes +
           other_bytes;
  }
};

// `weights_bytes`: how many bytes of the .blobs section are weights (the plan
// writer's PlanBlob::weights_bytes; 0 for an image without a plan). Throws
// mcusim::Error (Internal) when the map and the ELF disagree (sections
// outside the image, more weights than blobs).
FlashBreakdown flash_breakdown(const LinkMap& map, const ElfImage& elf, const MemoryRegion& flash,
                               std::uint64_t weights_bytes);

// "obj/004-conv2d_s8.c.o" -> "conv2d_s8.c": the firmware builder numbers its
// objects (NNN-<source>.o) in the work directory; the report names sources.
std::string object_display_name(std::string_view file);

}  // namespace mcusim::profiler
