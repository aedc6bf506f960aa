// runtime/compiler/arena_planner.cpp — see arena_planner.hpp.
#include "runtime/compiler/arena_planner.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>

#include "sim/error.hpp"

#include <fmt/format.h>

namespace mcusim::compiler {
namespace {

std::uint64_t align_up(std::uint64_t n, std::uint32_t alignment) { return (n + alignment - 1) / alignment * alignment; }

bool overlap(const BufferRequest& a, const BufferRequest& b) {
  return a.first_use <= b.last_use && b.first_use <= a.last_use;
}

}  // namespace

ArenaPlan plan_arena(std::span<const BufferRequest> buffers, std::uint32_t alignment) {
  if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
    throw Error(ErrorKind::Internal, fmt::format("arena alignment {} is not a power of two", alignment));
  }
  const std::size_t n = buffers.size();
  std::vector<std::uint64_t> sizes(n);
  std::uint64_t naive = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sizes[i] = align_up(buffers[i].size, alignment);
    naive += sizes[i];
  }

  // Largest first; equal sizes in request order.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });

  std::vector<std::uint64_t> offsets(n, 0);
  std::vector<std::size_t> placed;  // by offset, ascending
  std::uint64_t planned = 0;
  for (const std::size_t b : order) {
    // Walk the placed buffers alive at the same time, lowest offset first:
    // take the first gap below one of them that holds the buffer, else go
    // past the highest of them.
    std::uint64_t candidate = 0;
    for (const std::size_t p : placed) {
      if (!overlap(buffers[b], buffers[p])) continue;
      if (offsets[p] >= candidate + sizes[b]) break;
      candidate = std::max(candidate, offsets[p] + sizes[p]);
    }
    offsets[b] = candidate;
    planned = std::max(planned, candidate + sizes[b]);
    const auto at = std::upper_bound(placed.begin(), placed.end(), candidate,
                                     [&](std::uint64_t offset, std::size_t p) { return offset < offsets[p]; });
    placed.insert(at, b);
  }

  if (naive > 0xFFFFFFFFu) {
    throw_bad_input("the arena must fit 32 bits; use a smaller model", "the model's tensors need {} bytes", naive);
  }
  ArenaPlan plan;
  plan.offsets.assign(offsets.begin(), offsets.end());
  plan.planned_bytes = static_cast<std::uint32_t>(planned);
  plan.naive_bytes = static_cast<std::uint32_t>(naive);
  return plan;
}

ModelArena plan_model_arena(const Model& model, const std::vector<std::vector<int>>& kernel_inputs,
                            std::span<const std::uint32_t> scratch_sizes, std::uint32_t alignment) {
  const int last_op = static_cast<int>(model.operators.size()) - 1;
  constexpr int kUnused = -1;
  std::vector<int> first(model.tensors.size(), kUnused);
  std::vector<int> last(model.tensors.size(), kUnused);
  auto touch = [&](int tensor, int op) {
    if (tensor < 0 || model.tensors.at(static_cast<std::size_t>(tensor)).is_constant) return;
    const auto t = static_cast<std::size_t>(tensor);
    first[t] = first[t] == kUnused ? op : std::min(first[t], op);
    last[t] = std::max(last[t], op);
  };
  for (const int t : model.inputs) touch(t, 0);
  for (std::size_t i = 0; i < model.operators.size(); ++i) {
    const int op = static_cast<int>(i);
    for (const int t : kernel_inputs.at(i)) touch(t, op);
    for (const int t : model.operators[i].outputs) touch(t, op);
  }
  for (const int t : model.outputs) touch(t, std::max(last_op, 0));

  std::vector<BufferRequest> requests;
  std::vector<int> owner;  // tensor index, or -(op + 1) for a scratch buffer
  for (std::size_t t = 0; t < model.tensors.size(); ++t) {
    if (first[t] == kUnused) continue;
    requests.push_back({static_cast<std::uint32_t>(model.tensors[t].byte_size()), first[t], last[t]});
    owner.push_back(static_cast<int>(t));
  }
  for (std::size_t op = 0; op < scratch_sizes.size(); ++op) {
    if (scratch_sizes[op] == 0) continue;
    requests.push_back({scratch_sizes[op], static_cast<int>(op), static_cast<int>(op)});
    owner.push_back(-static_cast<int>(op) - 1);
  }

  ModelArena arena;
  try {
    arena.plan = plan_arena(requests, alignment);
  } catch (const Error& error) {
    throw Error(error.kind(), fmt::format("{}: {}", model.source, error.what()), error.advice());
  }
  if (arena.plan.planned_bytes > kMaxArenaBytes) {
    throw_bad_input(fmt::format("no microcontroller has that much RAM; mcusim plans arenas of up to {} MiB: "
                                "use a model with smaller activations (a smaller input, fewer channels)",
                                kMaxArenaBytes >> 20),
                    "{}: its activations need an arena of {} bytes ({:.1f} MiB), more than {} MiB", model.source,
                    arena.plan.planned_bytes, arena.plan.planned_bytes / 1048576.0, kMaxArenaBytes >> 20);
  }
  arena.tensor_offsets.assign(model.tensors.size(), -1);
  arena.scratch_offsets.assign(model.operators.size(), 0);
  for (std::size_t r = 0; r < requests.size(); ++r) {
    if (owner[r] >= 0) {
      arena.tensor_offsets[static_cast<std::size_t>(owner[r])] = arena.plan.offsets[r];
    } else {
      arena.scratch_offsets.at(static_cast<std::size_t>(-owner[r] - 1)) = arena.plan.offsets[r];
    }
  }
  return arena;
}

}  // namespace mcusim::compiler
