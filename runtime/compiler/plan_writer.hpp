// runtime/compiler/plan_writer.hpp — a Model to a plan blob
// (runtime/include/mcusim_plan.h) for the device engine (runtime/engine):
// prepares every operator (op_params.hpp), plans the arena
// (arena_planner.hpp) and lays out tensors, operators, params and weights.
// The blob written is checked with the engine's own mcusim_plan_init before
// it is returned.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/compiler/arena_planner.hpp"
#include "runtime/compiler/model.hpp"

namespace mcusim::compiler {

struct PlanOptions {
  std::uint32_t arena_alignment = kArenaAlignment;
  // The kernel variant the plan is for: "m0" adds the variant blocks its
  // kernels read (weight_layout.hpp, mcusim_plan.h); any plan still runs on
  // every variant.
  std::string variant = "ref";
};

struct PlanBlob {
  std::vector<std::uint8_t> bytes;
  std::uint32_t arena_bytes = 0;        // planned, scratch included (= header.arena_size)
  std::uint32_t naive_arena_bytes = 0;  // one buffer per non-constant tensor
  std::uint32_t weights_bytes = 0;      // the constant data section
  std::vector<std::string> op_defines;  // MCUSIM_OP_<KIND> the engine needs for it, sorted
  ModelArena arena;                     // where each tensor went
};

// Throws mcusim::Error (BadInput) as prepare_model does, or when the model is
// too large for the format.
PlanBlob write_plan(const Model& model, const PlanOptions& options = {});

// "FULLY_CONNECTED", ... for an enum mcusim_plan_op_kind value; "" if unknown.
std::string_view plan_op_kind_name(std::uint32_t kind) noexcept;

// The MCUSIM_OP_<KIND> defines a blob's operators need, sorted, each once
// (throws mcusim::Error, BadInput, when its header or operator table cannot be
// read or names an unknown kind).
std::vector<std::string> plan_op_defines(std::span<const std::uint8_t> blob);

}  // namespace mcusim::compiler
