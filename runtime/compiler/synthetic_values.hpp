// runtime/compiler/synthetic_values.hpp — deterministic pseudo-random float32
// arrays for model specs whose weights and calibration sets are generated at
// load time instead of kept in megabytes of .npy files (docs/model-spec.md,
// "Synthetic weights and calibration sets").
//
// The generator is SplitMix64 (Steele, Lea and Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014; Vigna's public-domain
// splitmix64.c), written out here so that the same seed gives the same bits on
// every machine and compiler:
//
//   state += 0x9E3779B97F4A7C15
//   z = state
//   z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9      (mod 2^64)
//   z = (z ^ (z >> 27)) * 0x94D049BB133111EB      (mod 2^64)
//   next = z ^ (z >> 31)
//
// A draw in [0, 1) is the top 24 bits of next() times 2^-24 (exact in float32
// and double); uniform(low, high) is low + (high - low) * draw computed in
// double and rounded once to float32 (round to nearest even). Only +, *, and
// sqrt appear, all correctly rounded by IEEE 754, so no libm differences enter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace mcusim::compiler {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}

  std::uint64_t next() noexcept;
  // (next() >> 40) * 2^-24: one of the 2^24 multiples of 2^-24 in [0, 1).
  double unit() noexcept;
  // low + (high - low) * unit(), rounded to float32.
  float uniform(double low, double high) noexcept;

 private:
  std::uint64_t state_;
};

enum class SyntheticInit : std::uint8_t {
  GlorotUniform,  // U(-l, l), l = sqrt(6 / (fan_in + fan_out))  (Glorot and Bengio 2010)
  HeUniform,      // U(-l, l), l = sqrt(6 / fan_in)              (He et al. 2015)
  Uniform,        // U(low, high)
  Zeros,          // 0.0 everywhere; the seed is not used
};

// The spec's names: "glorot_uniform", "he_uniform", "uniform", "zeros".
std::string_view synthetic_init_name(SyntheticInit init) noexcept;

struct SyntheticArray {
  SyntheticInit init = SyntheticInit::Zeros;
  std::uint64_t seed = 0;
  double low = 0.0, high = 0.0;  // Uniform only
};

// `count` values, drawn in order from one SplitMix64 seeded with spec.seed.
// fan_in / fan_out are the layer's (docs/model-spec.md lists them per kind).
std::vector<float> synthetic_values(const SyntheticArray& spec, std::size_t count, double fan_in, double fan_out);

}  // namespace mcusim::compiler
