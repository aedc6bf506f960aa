// tools/train_touch/block_pruning.cpp — see block_pruning.hpp.
#include "tools/train_touch/block_pruning.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace mcusim::train_touch {

WeightMask prune_blocks(DenseLayer& layer, int keep) {
  const int blocks = (layer.inputs + kBlockInputs - 1) / kBlockInputs;
  if (keep < 0 || keep > blocks) throw std::invalid_argument("prune_blocks: keep must lie in [0, blocks]");
  WeightMask mask(layer.weights.size(), 1);
  auto at = [&](int row, int input) { return static_cast<std::size_t>(row * layer.inputs + input); };
  for (int first = 0; first < layer.outputs; first += kBlockRows) {
    const int last = std::min(layer.outputs, first + kBlockRows);
    std::vector<double> energy(static_cast<std::size_t>(blocks), 0.0);
    for (int row = first; row < last; ++row) {
      for (int input = 0; input < layer.inputs; ++input) {
        const double w = layer.weights[at(row, input)];
        energy[static_cast<std::size_t>(input / kBlockInputs)] += w * w;
      }
    }
    // Ties broken by position, so the result does not depend on the sort.
    std::vector<int> order(static_cast<std::size_t>(blocks));
    std::iota(order.begin(), order.end(), 0);
    std::ranges::stable_sort(order, [&](int a, int b) {
      return energy[static_cast<std::size_t>(a)] > energy[static_cast<std::size_t>(b)];
    });
    for (std::size_t k = static_cast<std::size_t>(keep); k < order.size(); ++k) {
      const int block = order[k];
      for (int row = first; row < last; ++row) {
        for (int input = block * kBlockInputs; input < std::min(layer.inputs, (block + 1) * kBlockInputs); ++input) {
          mask[at(row, input)] = 0;
        }
      }
    }
  }
  apply_mask(layer, mask);
  return mask;
}

void apply_mask(DenseLayer& layer, const WeightMask& mask) {
  for (std::size_t i = 0; i < layer.weights.size(); ++i) {
    if (mask[i] == 0) layer.weights[i] = 0.0;
  }
}

}  // namespace mcusim::train_touch
