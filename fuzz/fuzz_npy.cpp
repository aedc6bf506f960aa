// fuzz/fuzz_npy.cpp — .npy arrays (runtime/compiler/npy_reader.cpp), the
// format of model spec weights and calibration sets and of `--input` files:
// magic, version, header dict, shape and data size. An array the reader
// accepts is converted as the spec reader converts it.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.hpp"
#include "runtime/compiler/npy_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using mcusim::compiler::NpyType;
  mcusim::fuzz::expect_only_mcusim_errors([&] {
    const mcusim::compiler::NpyArray array = mcusim::compiler::parse_npy(mcusim::fuzz::bytes_of(data, size), "fuzz.npy");
    (void)mcusim::compiler::npy_shape_text(array.shape);
    switch (array.type) {
      case NpyType::Float32: (void)array.floats(); break;
      case NpyType::Int8: (void)array.int8s(); break;
      case NpyType::Int32: (void)array.int32s(); break;
    }
  });
  return 0;
}
