// fuzz/fuzz_tflite.cpp — .tflite import (runtime/compiler/tflite_reader.cpp):
// the flatbuffers verifier, then every index and size the reader checks. A
// model the reader accepts goes on through write_plan (operator preparation,
// the arena planner, the plan writer and the engine's own init), as
// `mcusim run model.tflite` would take it.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.hpp"
#include "runtime/compiler/plan_writer.hpp"
#include "runtime/compiler/tflite_reader.hpp"

namespace {

// write_plan checks each blob with the engine's init on an arena of the
// planned size, allocated and zeroed first: a model whose activations need
// gigabytes costs that memory and seconds before anything refuses it (found
// here: a timeout, plan_writer.cpp's arena_words). That is issue #11's
// "limits" item, not a parser bug; until the writer refuses such a model
// before allocating, models over this size stop after the reader.
constexpr std::int64_t kMaxActivationBytes = std::int64_t{16} << 20;

std::int64_t activation_bytes(const mcusim::compiler::Model& model) {
  std::int64_t total = 0;
  for (const mcusim::compiler::Tensor& tensor : model.tensors) {
    if (!tensor.is_constant) total += static_cast<std::int64_t>(tensor.byte_size());
  }
  return total;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mcusim::fuzz::expect_only_mcusim_errors([&] {
    const mcusim::compiler::Model model = mcusim::compiler::read_tflite(mcusim::fuzz::bytes_of(data, size), "fuzz.tflite");
    if (activation_bytes(model) <= kMaxActivationBytes) (void)mcusim::compiler::write_plan(model);
  });
  return 0;
}
