// runtime/compiler/arena_planner.hpp — where each non-constant tensor (and
// each operator's scratch buffer) lives in the arena: lifetimes from the
// operator order, then offsets by TFLite Micro's greedy rule
// (tflite-micro 90b983c2, micro/memory_planner/greedy_memory_planner.cc):
// buffers are placed largest first; each goes into the lowest gap, among the
// buffers already placed whose lifetimes overlap its own, that fits it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "runtime/compiler/model.hpp"

namespace mcusim::compiler {

// TFLite Micro aligns every arena buffer to 16 bytes (MicroArenaBufferAlignment,
// micro/micro_arena_constants.h); the engine itself needs 4.
inline constexpr std::uint32_t kArenaAlignment = 16;

// The largest arena plan_model_arena plans: 64 MiB, a hundred times the
// largest SRAM of the bundled targets (stm32l4r5zi, 640 KiB). A model past it
// fits no microcontroller, and refusing it here keeps it from costing
// gigabytes on the host (write_plan allocates the arena to check its blob).
inline constexpr std::uint32_t kMaxArenaBytes = 64u << 20;

// One buffer: its bytes and the operators (indices, inclusive) from the one
// that writes it first to the last that reads it.
struct BufferRequest {
  std::uint32_t size = 0;
  int first_use = 0;
  int last_use = 0;
};

struct ArenaPlan {
  std::vector<std::uint32_t> offsets;  // one per request, aligned
  std::uint32_t planned_bytes = 0;     // the arena: max(offset + aligned size)
  std::uint32_t naive_bytes = 0;       // one buffer each: the sum of the aligned sizes
};

// Plans `buffers` (offsets are multiples of `alignment`, a power of two).
// Ties in size keep the request order, so the plan is deterministic.
ArenaPlan plan_arena(std::span<const BufferRequest> buffers, std::uint32_t alignment = kArenaAlignment);

// The arena of a model: one buffer per tensor a kernel reads or writes that is
// not constant (model inputs live from operator 0, outputs to the last
// operator), then one per non-zero entry of `scratch_sizes` (indexed by
// operator; empty: none) living during its operator only.
struct ModelArena {
  std::vector<std::int64_t> tensor_offsets;  // per model tensor; -1: not in the arena
  std::vector<std::uint32_t> scratch_offsets;  // per operator; 0 when it has no scratch
  ArenaPlan plan;
};

// `kernel_inputs[i]` are the tensors operator i's kernel reads (model.operators
// order, -1 for an omitted optional input), `outputs` come from the model.
ModelArena plan_model_arena(const Model& model, const std::vector<std::vector<int>>& kernel_inputs,
                            std::span<const std::uint32_t> scratch_sizes = {},
                            std::uint32_t alignment = kArenaAlignment);

}  // namespace mcusim::compiler
