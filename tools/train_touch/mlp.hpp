// tools/train_touch/mlp.hpp — a small float multilayer perceptron and its
// training by minibatch SGD with momentum, enough for the touch classifier:
// fully connected layers with HardTanh (clamp to [-1, 1]) between them and
// softmax cross-entropy on the last layer's logits.
//
// Weights are stored as TFLite's FULLY_CONNECTED wants them, [out][in], so
// they are written out unchanged.
#pragma once

#include <span>
#include <vector>

#include "tools/train_touch/synthetic_patches.hpp"

namespace mcusim::train_touch {

struct DenseLayer {
  int inputs = 0;
  int outputs = 0;
  std::vector<double> weights;  // [outputs][inputs]
  std::vector<double> bias;     // [outputs]
};

struct Mlp {
  std::vector<DenseLayer> layers;  // HardTanh after every layer but the last
};

// Glorot-uniform weights, zero biases (Glorot & Bengio, AISTATS 2010).
Mlp make_mlp(std::span<const int> widths, Random& random);

// The logits for one input.
std::vector<double> forward(const Mlp& mlp, std::span<const float> input);

int predict(const Mlp& mlp, std::span<const float> input);

double accuracy(const Mlp& mlp, std::span<const Sample> samples);

struct TrainingSchedule {
  int epochs = 60;
  int batch = 32;
  double learning_rate = 0.05;  // decayed linearly to 10 % over the epochs
  double momentum = 0.9;
};

// `masks`: empty, or one per layer (an empty one leaves its layer dense);
// a weight whose mask is 0 stays zero through training (block_pruning.hpp).
void train(Mlp& mlp, std::span<const Sample> samples, const TrainingSchedule& schedule,
           Random& random, std::span<const std::vector<unsigned char>> masks = {});

}  // namespace mcusim::train_touch
