// tests/runtime/compiler/one_unit_network.hpp — the smallest float spec the
// quantizer tests work on paper: one fully connected unit y = x0 - x1 + 0.25,
// calibrated on (1, 0) and (0, 2).
#pragma once

#include "runtime/compiler/model_spec.hpp"

namespace mcusim::compiler::test {

inline SpecNetwork one_unit(Activation activation) {
  SpecNetwork net;
  net.file = "one_unit.toml";
  net.is_float = true;
  net.input_shape = {1, 2};
  net.calibration = {1.0f, 0.0f, 0.0f, 2.0f};
  net.calibration_samples = 2;
  SpecLayer fc;
  fc.kind = LayerKind::FullyConnected;
  fc.name = "fc";
  fc.units = 1;
  fc.activation = activation;
  fc.input_shape = {1, 2};
  fc.output_shape = {1, 1};
  fc.weight_shape = {1, 2};
  fc.weights = {1.0f, -1.0f};
  fc.bias = {0.25f};
  fc.has_bias = true;
  net.layers.push_back(fc);
  return net;
}

}  // namespace mcusim::compiler::test
