// fuzz/fuzz_plan_blob.cpp — plan blobs (runtime/include/mcusim_plan.h), on
// both sides of the trust boundary:
//   host:   plan_op_defines (runtime/compiler/plan_writer.cpp), which reads a
//           blob's header and operator table to pick the engine's operators;
//   device: mcusim_plan_init, the engine's own validator (runtime/engine,
//           built for the host as mcusim_engine_host). mcusim_engine.h
//           promises that a blob init accepts cannot make invoke read or write
//           outside the blob or the arena, so an accepted blob is invoked too,
//           with an arena of exactly the planned size: AddressSanitizer sees
//           any access past the blob (libFuzzer's exact-size copy) or the arena.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "runtime/compiler/plan_writer.hpp"
#include "runtime/include/mcusim_engine.h"

namespace {

// Larger arenas are not allocated: init then refuses the blob (arena too small),
// which is also a path worth running.
constexpr std::uint32_t kMaxArenaBytes = 1U << 20;

std::uint32_t planned_arena_bytes(const std::uint8_t* data, std::size_t size) {
  mcusim_plan_header header{};
  if (size < sizeof header) return 0;
  std::memcpy(&header, data, sizeof header);
  return header.arena_size < kMaxArenaBytes ? header.arena_size : kMaxArenaBytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mcusim::fuzz::expect_only_mcusim_errors([&] { (void)mcusim::compiler::plan_op_defines(mcusim::fuzz::bytes_of(data, size)); });

  // The device engine reads the blob in place; libFuzzer's buffer is
  // malloc'd, so 4-aligned as the engine requires of flash.
  std::vector<std::uint8_t> arena(planned_arena_bytes(data, size));
  mcusim_plan_ctx ctx{};
  const mcusim_plan_status status =
      mcusim_plan_init(&ctx, data, static_cast<std::uint32_t>(size), arena.data(), static_cast<std::uint32_t>(arena.size()));
  if (status != MCUSIM_PLAN_OK) {
    (void)mcusim_plan_status_name(status);
    return 0;
  }
  for (std::uint32_t i = 0; i < mcusim_plan_input_count(&ctx); ++i) {
    std::memset(mcusim_plan_input(&ctx, i), 0x5a, mcusim_plan_input_size(&ctx, i));
  }
  (void)mcusim_plan_invoke(&ctx);
  for (std::uint32_t i = 0; i < mcusim_plan_output_count(&ctx); ++i) {
    const auto* out = static_cast<const std::uint8_t*>(mcusim_plan_output(&ctx, i));
    std::uint8_t sum = 0;
    for (std::uint32_t b = 0; b < mcusim_plan_output_size(&ctx, i); ++b) sum = static_cast<std::uint8_t>(sum + out[b]);
    (void)sum;
  }
  return 0;
}
