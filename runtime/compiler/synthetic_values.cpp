// runtime/compiler/synthetic_values.cpp — see synthetic_values.hpp.
#include "runtime/compiler/synthetic_values.hpp"

#include <cmath>

namespace mcusim::compiler {

std::uint64_t SplitMix64::next() noexcept {
  state_ += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double SplitMix64::unit() noexcept {
  constexpr double kTwoToMinus24 = 1.0 / 16777216.0;
  return static_cast<double>(next() >> 40) * kTwoToMinus24;
}

float SplitMix64::uniform(double low, double high) noexcept {
  // Two statements: C++ may fuse a * b + c in one expression into an FMA
  // (clang's -ffp-contract=on) where the CPU has one; apart, it may not.
  const double offset = (high - low) * unit();
  const double value = low + offset;
  return static_cast<float>(value);
}

std::string_view synthetic_init_name(SyntheticInit init) noexcept {
  switch (init) {
    case SyntheticInit::GlorotUniform: return "glorot_uniform";
    case SyntheticInit::HeUniform: return "he_uniform";
    case SyntheticInit::Uniform: return "uniform";
    case SyntheticInit::Zeros: return "zeros";
  }
  return "?";
}

std::vector<float> synthetic_values(const SyntheticArray& spec, std::size_t count, double fan_in, double fan_out) {
  std::vector<float> values(count, 0.0f);
  double low = spec.low, high = spec.high;
  switch (spec.init) {
    case SyntheticInit::Zeros: return values;
    case SyntheticInit::Uniform: break;
    case SyntheticInit::GlorotUniform: high = std::sqrt(6.0 / (fan_in + fan_out)); low = -high; break;
    case SyntheticInit::HeUniform: high = std::sqrt(6.0 / fan_in); low = -high; break;
  }
  SplitMix64 rng(spec.seed);
  for (float& v : values) v = rng.uniform(low, high);
  return values;
}

}  // namespace mcusim::compiler
