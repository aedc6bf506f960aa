// tests/runtime/kernels/variant_kernels.hpp — the m0 and m4 kernels as the host
// tests see them. runtime/CMakeLists.txt builds each variant's own files into
// mcusim_runtime_host_<variant> with every kernel renamed <variant>_<kernel>,
// so both variants link beside the reference kernels in mcusim_tests. A table
// of the three lets one test loop over the variants.
#pragma once

#include <string>

#include "runtime/kernels/kernels.h"

extern "C" {
#define MCUSIM_DECLARE_VARIANT_KERNELS(v)                                                                      \
  void v##_fully_connected_s8(const fully_connected_s8_params* p, const int8_t* input, const int8_t* filter,   \
                              const int32_t* bias, int8_t* output);                                            \
  void v##_conv2d_s8(const conv2d_s8_params* p, const int8_t* input, const int8_t* filter, const int32_t* bias, \
                     int8_t* output);                                                                          \
  void v##_depthwise_conv2d_s8(const depthwise_conv2d_s8_params* p, const int8_t* input, const int8_t* filter, \
                               const int32_t* bias, int8_t* output);
MCUSIM_DECLARE_VARIANT_KERNELS(m0)
MCUSIM_DECLARE_VARIANT_KERNELS(m4)
#undef MCUSIM_DECLARE_VARIANT_KERNELS
}

namespace mcusim::test {

struct VariantKernels {
  std::string name;
  decltype(&fully_connected_s8) fully_connected;
  decltype(&conv2d_s8) conv2d;
  decltype(&depthwise_conv2d_s8) depthwise_conv2d;
};

inline const VariantKernels kVariantKernels[] = {
    {"m0", m0_fully_connected_s8, m0_conv2d_s8, m0_depthwise_conv2d_s8},
    {"m4", m4_fully_connected_s8, m4_conv2d_s8, m4_depthwise_conv2d_s8},
};

}  // namespace mcusim::test
