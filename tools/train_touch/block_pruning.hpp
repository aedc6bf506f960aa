// tools/train_touch/block_pruning.hpp — structured pruning of a dense layer in
// the blocks the m0 FULLY_CONNECTED kernel reads as one step: four output rows
// by two inputs, eight weights (runtime/kernels/m0/fc_lanes.h; the plan
// writer's sparse 'MLS2' block skips a block whose weights are all zero).
//
// Magnitude pruning: in every group of four rows, the blocks with the
// smallest sum of squared weights are zeroed until `keep` of each group's
// blocks are left, so that every group costs the kernel the same number of
// steps. Training then goes on with the zeros held (apply_mask after each
// update): the network learns around them (Han et al., "Learning both
// Weights and Connections for Efficient Neural Networks", NIPS 2015, prune
// then retrain; here with a block structure instead of single weights).
#pragma once

#include <vector>

#include "tools/train_touch/mlp.hpp"

namespace mcusim::train_touch {

inline constexpr int kBlockRows = 4;
inline constexpr int kBlockInputs = 2;

// 1 for a weight kept, 0 for one pruned; shaped like layer.weights.
using WeightMask = std::vector<unsigned char>;

// Zeroes all but the `keep` largest blocks of each group of four rows and
// returns the mask. Rows past the last multiple of four form a smaller group;
// an odd last input stays in a block of one input. `keep` counts blocks per
// group (at most inputs / 2 rounded up).
WeightMask prune_blocks(DenseLayer& layer, int keep);

// Sets every pruned weight (mask 0) back to zero.
void apply_mask(DenseLayer& layer, const WeightMask& mask);

}  // namespace mcusim::train_touch
