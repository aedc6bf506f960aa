// profiler/model_profile.hpp — what one `mcusim run` measured, per inference
// and per layer, from the run's markers and captures: the facts the report
// prints and the budgets judge.
#pragma once

#include "profiler/inference_markers.hpp"
#include "sim/machine/run_result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mcusim::profiler {

// Tags of the runtime's MCUSIM_CAPTURE calls (runtime/device/mcusim_capture.h
// defines the same numbers for the guest; a test checks they agree).
namespace capture_tag {
inline constexpr std::uint32_t kOutput = 1;  // the output tensor, after each inference
inline constexpr std::uint32_t kArena = 2;   // the whole arena, after the last inference
inline constexpr std::uint32_t kStack = 3;   // the whole stack region, after the last inference
inline constexpr std::uint32_t kTensorBase = 0x1000;  // + tensor index: one tensor after its layer
}  // namespace capture_tag

// The words the firmware paints before the first inference
// (profiler/memory_paint.hpp): the arena by the run harness
// (runtime/harness/mcusim_capture.h, MCUSIM_ARENA_PAINT), the stack by the
// start-up (runtime/device/startup.h, MCUSIM_STACK_PAINT).
inline constexpr std::uint32_t kArenaPaint = 0xC0DE'5AA5u;
inline constexpr std::uint32_t kStackPaint = 0xC5C5'C5C5u;

// What the compiler knows of each layer (the plan's operators, in order).
struct LayerInfo {
  std::string name;  // the output tensor's name
  std::string op;    // TFLite builtin name, e.g. "FULLY_CONNECTED"
  std::int64_t macs = 0;
};

struct CycleStats {
  std::uint64_t count = 0;
  std::uint64_t min = 0;
  std::uint64_t max = 0;
  double mean = 0;
};

struct LayerProfile {
  std::uint32_t index = 0;
  LayerInfo info;
  std::uint64_t cold_cycles = 0;  // in the first inference
  CycleStats warm;                // over the inferences after it (count 0 if none)
};

struct TensorDump {
  std::uint32_t inference = 0;
  std::uint32_t tensor = 0;
  std::vector<std::uint8_t> bytes;
};

struct ModelProfile {
  std::uint64_t startup_cycles = 0;  // reset to the first inference's begin marker
  std::uint64_t cold_cycles = 0;     // the first inference
  CycleStats warm;                   // the inferences after it
  std::uint64_t worst_cycles = 0;    // over all inferences, the cold one included
  std::uint64_t between_layers_cycles_cold = 0;  // the engine's dispatch in the first inference
  std::vector<LayerProfile> layers;
  std::optional<std::uint32_t> arena_peak_bytes;  // absent when the arena was not captured
  std::optional<std::uint32_t> stack_peak_bytes;
  std::vector<std::vector<std::uint8_t>> outputs;  // one per inference
  std::vector<TensorDump> tensors;                 // --dump-tensors only
};

// Throws mcusim::Error (Internal) when the run's markers or captures do not
// match what the runtime writes: no inference, a layer the plan does not
// have, a missing output.
ModelProfile profile_model_run(const RunResult& run, const std::vector<LayerInfo>& layers);

}  // namespace mcusim::profiler
