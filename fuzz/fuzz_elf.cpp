// fuzz/fuzz_elf.cpp — ELF loading (sim/elf/elf_reader.cpp): identification,
// LLVM's ELFFile, program headers, symbols and .comment, every offset checked
// by the reader. An image the loader accepts is placed on the generic-m0
// target (check_segments_fit) and its symbols are looked up, as `mcusim exec`
// does before it runs anything.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.hpp"
#include "sim/elf/elf_image.hpp"
#include "sim/target/target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const mcusim::Target target = mcusim::load_target("generic-m0");
  mcusim::fuzz::expect_only_mcusim_errors([&] {
    const mcusim::ElfImage image = mcusim::parse_elf(mcusim::fuzz::bytes_of(data, size), "fuzz.elf");
    (void)image.describe(image.entry);
    (void)image.find_symbol("main");
    for (const mcusim::Segment& segment : image.segments) (void)image.symbol_at(segment.address);
    mcusim::check_segments_fit(image, target);
  });
  return 0;
}
