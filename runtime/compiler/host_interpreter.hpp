// runtime/compiler/host_interpreter.hpp — runs a Model on the host with the
// reference kernels (the host build of runtime/kernels), operator by operator.
//
// The golden side of every bit-exact check: the same C the MCU runs, built
// for the host. Every non-constant tensor gets its own buffer (no arena
// planning here), so after invoke() each intermediate tensor can be read back,
// as TFLite Micro's preserve_all_tensors mode allows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "runtime/compiler/model.hpp"
#include "runtime/compiler/op_params.hpp"

namespace mcusim::compiler {

class HostInterpreter {
 public:
  // Prepares every operator (throws mcusim::Error as prepare_model does).
  explicit HostInterpreter(const Model& model);

  const Model& model() const noexcept { return model_; }

  // Copies raw bytes into the model's i-th input; the size must match.
  void set_input(std::size_t i, std::span<const std::uint8_t> bytes);

  // Runs the operators in order.
  void invoke();

  // The bytes of any tensor (constants: the model's data).
  std::span<const std::uint8_t> tensor(int index) const;
  std::span<const std::uint8_t> output(std::size_t i) const;

 private:
  std::uint8_t* data(int index);
  void run(PreparedOp& prepared);

  const Model& model_;
  std::vector<PreparedOp> ops_;
  std::vector<std::vector<std::uint8_t>> buffers_;  // per tensor; empty for constants
};

}  // namespace mcusim::compiler
