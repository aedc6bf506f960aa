// fuzz/fuzz_target_toml.cpp — target TOML files (sim/target/target_loader.cpp):
// TOML syntax, keys, the memory map, region timing, the accelerator and power
// sections. A target the loader accepts is asked what the simulator asks it.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.hpp"
#include "sim/target/target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mcusim::fuzz::expect_only_mcusim_errors([&] {
    const mcusim::Target target = mcusim::parse_target(mcusim::fuzz::text_of(data, size), "fuzz.toml");
    (void)target.first_of(mcusim::RegionKind::Flash);
    (void)target.total_bytes(mcusim::RegionKind::Ram);
    for (const mcusim::MemoryRegion& region : target.regions) {
      (void)target.region_at(region.base);
      (void)region.required_wait_states(target.clock_hz);
    }
  });
  return 0;
}
