// tools/train_touch/synthetic_patches.cpp — see synthetic_patches.hpp.
#include "tools/train_touch/synthetic_patches.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mcusim::train_touch {

std::uint64_t Random::next_u64() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double Random::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double Random::uniform(double low, double high) { return low + (high - low) * uniform(); }

double Random::normal() {
  if (have_spare_) {
    have_spare_ = false;
    return spare_;
  }
  // 1 - uniform() is in (0, 1], so the logarithm is finite.
  const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
  const double angle = 2.0 * std::numbers::pi * uniform();
  spare_ = radius * std::sin(angle);
  have_spare_ = true;
  return radius * std::cos(angle);
}

int Random::below(int n) { return static_cast<int>(next_u64() % static_cast<std::uint64_t>(n)); }

namespace {

// Front-end noise every class carries.
constexpr double kSensorNoise = 0.04;

// An elliptical Gaussian blob added to the patch.
void add_blob(Sample& sample, double row, double col, double sigma_row, double sigma_col,
              double amplitude) {
  for (int r = 0; r < kPatchSide; ++r) {
    for (int c = 0; c < kPatchSide; ++c) {
      const double dr = (r - row) / sigma_row;
      const double dc = (c - col) / sigma_col;
      sample.patch[static_cast<std::size_t>(r * kPatchSide + c)] +=
          static_cast<float>(amplitude * std::exp(-0.5 * (dr * dr + dc * dc)));
    }
  }
}

void add_white_noise(Sample& sample, double sigma, Random& random) {
  for (float& value : sample.patch) value += static_cast<float>(sigma * random.normal());
}

// A finger: the patch is centred on the strongest crossing, so the peak lies
// within a cell of the centre; narrow (one to two electrode pitches wide).
void make_finger(Sample& sample, Random& random) {
  const double sigma = random.uniform(0.55, 0.95);
  add_blob(sample, random.uniform(1.6, 3.4), random.uniform(1.6, 3.4), sigma,
           sigma * random.uniform(0.85, 1.15), random.uniform(0.45, 1.0));
}

// A palm or cheek: wide, often elongated, weaker per cell, off-centre.
void make_palm(Sample& sample, Random& random) {
  add_blob(sample, random.uniform(0.0, 5.0), random.uniform(0.0, 5.0), random.uniform(1.8, 3.2),
           random.uniform(1.8, 3.2), random.uniform(0.35, 0.8));
}

// Nothing on the panel: stronger white noise, sometimes a charger/display
// stripe along a row or a column with alternating sign, sometimes a drifting
// baseline.
void make_noise(Sample& sample, Random& random) {
  add_white_noise(sample, random.uniform(0.03, 0.15), random);
  if (random.uniform() < 0.6) {
    const bool along_row = random.uniform() < 0.5;
    const int line = random.below(kPatchSide);
    const double amplitude = random.uniform(0.2, 0.7);
    for (int i = 0; i < kPatchSide; ++i) {
      const int r = along_row ? line : i;
      const int c = along_row ? i : line;
      const double sign = (i % 2 == 0) ? 1.0 : -1.0;
      sample.patch[static_cast<std::size_t>(r * kPatchSide + c)] +=
          static_cast<float>(sign * amplitude * random.uniform(0.6, 1.0));
    }
  }
  if (random.uniform() < 0.3) {
    const double drift = random.uniform(-0.15, 0.15);
    for (float& value : sample.patch) value += static_cast<float>(drift);
  }
}

}  // namespace

Sample make_sample(TouchClass label, Random& random) {
  Sample sample;
  sample.label = label;
  switch (label) {
    case TouchClass::Finger: make_finger(sample, random); break;
    case TouchClass::Palm: make_palm(sample, random); break;
    case TouchClass::Noise: make_noise(sample, random); break;
  }
  add_white_noise(sample, kSensorNoise, random);
  return sample;
}

std::vector<Sample> make_dataset(int count, Random& random) {
  std::vector<Sample> samples;
  samples.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    samples.push_back(make_sample(static_cast<TouchClass>(i % kClasses), random));
  }
  // Fisher–Yates with our own generator (std::shuffle's use of the generator
  // is not specified, so it could differ between standard libraries).
  for (std::size_t i = samples.size(); i > 1; --i) {
    std::swap(samples[i - 1], samples[static_cast<std::size_t>(random.below(static_cast<int>(i)))]);
  }
  return samples;
}

}  // namespace mcusim::train_touch
