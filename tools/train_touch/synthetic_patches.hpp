// tools/train_touch/synthetic_patches.hpp — the synthetic data the touch
// classifier learns from: 6×6 patches of mutual-capacitance deltas, as a touch
// controller sees them around the strongest electrode crossing, in three
// classes (finger, palm, noise).
//
// The generator is written from a plain physical picture, not from measured
// panels: a finger is a small, round, strong blob; a palm (or a cheek) covers
// much of the patch with a wide, often elongated, weaker blob; noise is what a
// panel shows with nothing on it — white noise from the front end plus row or
// column stripes from a charger or the display. Values are in "full scale"
// units: 1.0 is a firm finger press.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace mcusim::train_touch {

inline constexpr int kPatchSide = 6;
inline constexpr int kFeatures = kPatchSide * kPatchSide;

enum class TouchClass : std::uint8_t { Finger = 0, Palm = 1, Noise = 2 };
inline constexpr int kClasses = 3;

struct Sample {
  std::array<float, kFeatures> patch{};  // row-major, row 0 first
  TouchClass label = TouchClass::Noise;
};

// A small deterministic generator (SplitMix64, Steele et al., "Fast splittable
// pseudorandom number generators", OOPSLA 2014): the same seed gives the same
// data on every machine and standard library, which std::*_distribution does not
// promise.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next_u64();
  double uniform();                          // [0, 1)
  double uniform(double low, double high);   // [low, high)
  double normal();                           // standard normal (Box–Muller)
  int below(int n);                          // [0, n)

 private:
  std::uint64_t state_;
  bool have_spare_ = false;
  double spare_ = 0.0;
};

Sample make_sample(TouchClass label, Random& random);

// `count` samples, classes in equal shares, shuffled.
std::vector<Sample> make_dataset(int count, Random& random);

}  // namespace mcusim::train_touch
