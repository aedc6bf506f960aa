// tests/runtime/device/helper_cases.hpp — the cases both helper suites check:
// the host build of runtime/device (helpers_test.cpp) and the Thumb build run
// in mcusim (simulated_helpers_test.cpp, which hands them to the guest as an
// embedded blob). Expected values are computed here with the host's own C++
// operators and libc, a second opinion independent of the code under test.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <set>
#include <vector>

namespace mcusim::test {

// Operation codes, shared with tests/runtime/device/guests/helper_guest.c.
enum class HelperOp : std::uint32_t {
  Uidiv = 0, Uidivmod, Idiv, Idivmod, Uldivmod, Ldivmod, Lmul, Llsl, Llsr, Lasr, Clz,
  Memcpy, AeabiMemcpy, AeabiMemcpy4, AeabiMemcpy8,
  Memmove, AeabiMemmove, AeabiMemmove4, AeabiMemmove8,
  Memset, AeabiMemset, AeabiMemset4, AeabiMemset8,
  AeabiMemclr, AeabiMemclr4, AeabiMemclr8, Memcmp,
  Count
};

// One case: 10 little-endian words in the blob. For arithmetic, a and b are the
// operands and expected[] the result registers r0..r3 the RTABI specifies. For
// the memory functions, see mem_case(): a = {dst offset, src offset},
// b = {length, fill byte or (for memcmp) the differing index}, expected[0] the
// FNV-1a hash of the whole buffer afterwards (memcmp: its sign).
struct HelperCase {
  HelperOp op = HelperOp::Uidiv;
  std::uint32_t extra = 0;  // memcmp: the differing byte's new value
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::uint32_t expected[4] = {0, 0, 0, 0};
};

constexpr std::uint32_t kHelperBlobMagic = 0x48435331u;  // "1SCH": helper cases v1
constexpr std::size_t kMemBufferBytes = 96;              // guest and host agree

// The memory functions work on a kMemBufferBytes buffer filled with this.
inline std::uint8_t mem_pattern(std::size_t i) { return static_cast<std::uint8_t>(i * 37u + 11u); }

inline std::uint32_t fnv1a(const std::uint8_t* bytes, std::size_t n) {
  std::uint32_t hash = 2166136261u;  // FNV-1a 32-bit offset basis and prime
  for (std::size_t i = 0; i < n; ++i) hash = (hash ^ bytes[i]) * 16777619u;
  return hash;
}

// Values every integer helper must get right: zero, one, the extremes and
// their neighbours, every power of two and its neighbours.
// `every_power`: all 32 powers of two and their neighbours; else a few
// (the Thumb run's blob must fit the target's flash).
inline std::vector<std::uint32_t> edge_values32(bool every_power) {
  std::set<std::uint32_t> values = {0u, 1u, 2u, 3u, 5u, 7u, 10u, 100u, 255u, 256u, 1000u, 65535u, 65536u,
                                    0x7FFFFFFFu, 0x80000000u, 0x80000001u, 0xFFFFFFFEu, 0xFFFFFFFFu};
  for (int k = 0; k < 32; k += every_power ? 1 : 5) {
    const std::uint32_t p = 1u << k;
    values.insert({p, p - 1u, p + 1u, 0u - p});
  }
  return {values.begin(), values.end()};
}

inline std::vector<std::uint64_t> edge_values64(bool every_power) {
  std::set<std::uint64_t> values = {0u, 1u, 2u, 3u, 7u, 10u, 0xFFFFFFFFull, 0x100000000ull,
                                    0x7FFFFFFFFFFFFFFFull, 0x8000000000000000ull, 0xFFFFFFFFFFFFFFFFull};
  for (int k = 0; k < 64; k += every_power ? 3 : 9) {
    const std::uint64_t p = 1ull << k;
    values.insert({p, p - 1u, p + 1u, 0u - p});
  }
  return {values.begin(), values.end()};
}

inline void set_pair(HelperCase& c, std::uint64_t r01, std::uint64_t r23 = 0) {
  c.expected[0] = static_cast<std::uint32_t>(r01);
  c.expected[1] = static_cast<std::uint32_t>(r01 >> 32);
  c.expected[2] = static_cast<std::uint32_t>(r23);
  c.expected[3] = static_cast<std::uint32_t>(r23 >> 32);
}

// Division by zero: quotient 0 (our __aeabi_idiv0 returns its argument, 0),
// remainder the dividend. INT_MIN / -1 wraps to INT_MIN, remainder 0.
inline HelperCase div32_case(HelperOp op, std::uint32_t n, std::uint32_t d) {
  HelperCase c;
  c.op = op;
  c.a = n;
  c.b = d;
  const auto sn = static_cast<std::int32_t>(n), sd = static_cast<std::int32_t>(d);
  std::uint32_t q = 0, r = n;
  if (op == HelperOp::Uidiv || op == HelperOp::Uidivmod) {
    if (d != 0) q = n / d, r = n % d;
  } else if (d != 0) {
    if (sn == std::numeric_limits<std::int32_t>::min() && sd == -1) {
      q = n, r = 0;
    } else {
      q = static_cast<std::uint32_t>(sn / sd), r = static_cast<std::uint32_t>(sn % sd);
    }
  }
  const bool with_remainder = op == HelperOp::Uidivmod || op == HelperOp::Idivmod;
  set_pair(c, q | (with_remainder ? std::uint64_t{r} << 32 : 0u));
  return c;
}

inline HelperCase div64_case(HelperOp op, std::uint64_t n, std::uint64_t d) {
  HelperCase c;
  c.op = op;
  c.a = n;
  c.b = d;
  std::uint64_t q = 0, r = n;
  if (d != 0) {
    if (op == HelperOp::Uldivmod) {
      q = n / d, r = n % d;
    } else {
      const auto sn = static_cast<std::int64_t>(n), sd = static_cast<std::int64_t>(d);
      if (sn == std::numeric_limits<std::int64_t>::min() && sd == -1) {
        q = n, r = 0;
      } else {
        q = static_cast<std::uint64_t>(sn / sd), r = static_cast<std::uint64_t>(sn % sd);
      }
    }
  }
  set_pair(c, q, r);
  return c;
}

inline HelperCase long_case(HelperOp op, std::uint64_t a, std::uint64_t b) {
  HelperCase c;
  c.op = op;
  c.a = a;
  c.b = b;
  const auto shift = static_cast<unsigned>(b);
  switch (op) {
    case HelperOp::Lmul: set_pair(c, a * b); break;
    case HelperOp::Llsl: set_pair(c, a << shift); break;
    case HelperOp::Llsr: set_pair(c, a >> shift); break;
    case HelperOp::Lasr: set_pair(c, static_cast<std::uint64_t>(static_cast<std::int64_t>(a) >> shift)); break;
    case HelperOp::Clz: set_pair(c, a == 0 ? 32u : static_cast<unsigned>(__builtin_clz(static_cast<std::uint32_t>(a)))); break;
    default: break;
  }
  return c;
}

// A memory case on the pattern-filled buffer (two buffers for memcmp, the
// second with one byte changed when `changed_index` < kMemBufferBytes).
inline HelperCase mem_case(HelperOp op, std::uint32_t dst, std::uint32_t src, std::uint32_t n,
                           std::uint32_t fill_or_changed_index, std::uint32_t changed_value = 0) {
  HelperCase c;
  c.op = op;
  c.a = dst | (std::uint64_t{src} << 32);
  c.b = n | (std::uint64_t{fill_or_changed_index} << 32);
  c.extra = changed_value;
  std::uint8_t buffer[kMemBufferBytes];
  for (std::size_t i = 0; i < kMemBufferBytes; ++i) buffer[i] = mem_pattern(i);
  switch (op) {
    case HelperOp::Memcpy: case HelperOp::AeabiMemcpy: case HelperOp::AeabiMemcpy4: case HelperOp::AeabiMemcpy8:
      std::memcpy(buffer + dst, buffer + src, n);  // the cases never overlap
      break;
    case HelperOp::Memmove: case HelperOp::AeabiMemmove: case HelperOp::AeabiMemmove4: case HelperOp::AeabiMemmove8:
      std::memmove(buffer + dst, buffer + src, n);
      break;
    case HelperOp::Memset: case HelperOp::AeabiMemset: case HelperOp::AeabiMemset4: case HelperOp::AeabiMemset8:
      std::memset(buffer + dst, static_cast<int>(fill_or_changed_index), n);
      break;
    case HelperOp::AeabiMemclr: case HelperOp::AeabiMemclr4: case HelperOp::AeabiMemclr8:
      std::memset(buffer + dst, 0, n);
      break;
    case HelperOp::Memcmp: {
      std::uint8_t other[kMemBufferBytes];
      std::memcpy(other, buffer, sizeof other);
      if (fill_or_changed_index < kMemBufferBytes) other[fill_or_changed_index] = static_cast<std::uint8_t>(changed_value);
      const int sign = std::memcmp(buffer + dst, other + src, n);
      c.expected[0] = static_cast<std::uint32_t>(sign < 0 ? -1 : sign > 0 ? 1 : 0);
      return c;
    }
    default: break;
  }
  c.expected[0] = fnv1a(buffer, kMemBufferBytes);
  return c;
}

// Every case: edge values crossed with edge values, then `random_per_op`
// random operands per operation (fixed seed: the same cases every run).
inline std::vector<HelperCase> helper_cases(std::size_t random_per_op, bool every_power = true) {
  std::vector<HelperCase> cases;
  const auto e32 = edge_values32(every_power);
  const auto e64 = edge_values64(every_power);
  std::mt19937_64 rng(20261123);
  // Random operands of random widths, so quotients of every size occur.
  auto random32 = [&] { return static_cast<std::uint32_t>(rng()) >> (rng() % 32); };
  auto random64 = [&] { return rng() >> (rng() % 64); };

  for (HelperOp op : {HelperOp::Uidiv, HelperOp::Uidivmod, HelperOp::Idiv, HelperOp::Idivmod}) {
    for (std::uint32_t n : e32) {
      for (std::uint32_t d : e32) cases.push_back(div32_case(op, n, d));
    }
    for (std::size_t i = 0; i < random_per_op; ++i) cases.push_back(div32_case(op, random32(), random32()));
  }
  for (HelperOp op : {HelperOp::Uldivmod, HelperOp::Ldivmod}) {
    for (std::uint64_t n : e64) {
      for (std::uint64_t d : e64) cases.push_back(div64_case(op, n, d));
    }
    for (std::size_t i = 0; i < random_per_op; ++i) cases.push_back(div64_case(op, random64(), random64()));
  }
  for (std::uint64_t a : e64) {
    for (std::uint64_t b : e64) cases.push_back(long_case(HelperOp::Lmul, a, b));
    for (std::uint64_t s = 0; s < 64; ++s) {
      for (HelperOp op : {HelperOp::Llsl, HelperOp::Llsr, HelperOp::Lasr}) cases.push_back(long_case(op, a, s));
    }
  }
  for (std::size_t i = 0; i < random_per_op; ++i) {
    cases.push_back(long_case(HelperOp::Lmul, rng(), rng()));
    for (HelperOp op : {HelperOp::Llsl, HelperOp::Llsr, HelperOp::Lasr}) cases.push_back(long_case(op, rng(), rng() % 64));
  }
  for (std::uint32_t v : e32) cases.push_back(long_case(HelperOp::Clz, v, 0));

  // Memory: every alignment pair 0..7, lengths around the word and 4-word
  // loop boundaries, fills with the high bit set.
  // (Offsets 0..3 already give every pair of word alignments.)
  const std::uint32_t lengths[] = {0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 40};
  const std::uint32_t offsets = every_power ? 8 : 4;
  for (std::uint32_t n : lengths) {
    for (std::uint32_t d = 0; d < offsets; ++d) {
      for (std::uint32_t s = 0; s < offsets; ++s) {
        cases.push_back(mem_case(HelperOp::Memcpy, d, 48 + s, n, 0));
        cases.push_back(mem_case(HelperOp::AeabiMemcpy, 48 + d, s, n, 0));
        cases.push_back(mem_case(HelperOp::Memmove, d, s, n, 0));      // overlapping both ways
        cases.push_back(mem_case(HelperOp::AeabiMemmove, 8 + d, 8 + s, n, 0));
        cases.push_back(mem_case(HelperOp::Memcmp, d, s, n, kMemBufferBytes));
        cases.push_back(mem_case(HelperOp::Memcmp, d, d, n, d + n / 2, 0x80));
      }
      cases.push_back(mem_case(HelperOp::Memset, d, 0, n, 0xA5));
      cases.push_back(mem_case(HelperOp::AeabiMemset, d, 0, n, 0x7F));
      cases.push_back(mem_case(HelperOp::AeabiMemclr, d, 0, n, 0));
    }
    // The aligned variants: 4- and 8-aligned pointers only, as the ABI allows.
    for (std::uint32_t d : {0u, 4u, 8u}) {
      for (std::uint32_t s : {0u, 4u, 8u}) {
        cases.push_back(mem_case(HelperOp::AeabiMemcpy4, d, 48 + s, n, 0));
        cases.push_back(mem_case(HelperOp::AeabiMemmove4, d, s, n, 0));
        if (d % 8 == 0 && s % 8 == 0) {
          cases.push_back(mem_case(HelperOp::AeabiMemcpy8, 48 + d, s, n, 0));
          cases.push_back(mem_case(HelperOp::AeabiMemmove8, d, s + 16, n, 0));
        }
      }
      cases.push_back(mem_case(HelperOp::AeabiMemset4, d + 4, 0, n, 0xFF));
      cases.push_back(mem_case(HelperOp::AeabiMemclr4, d + 4, 0, n, 0));
      if (d % 8 == 0) {
        cases.push_back(mem_case(HelperOp::AeabiMemset8, d + 8, 0, n, 0x01));
        cases.push_back(mem_case(HelperOp::AeabiMemclr8, d + 8, 0, n, 0));
      }
    }
  }
  return cases;
}

// The blob the guest reads: {magic, count}, then 10 words per case:
// op, extra, a (lo, hi), b (lo, hi), expected[0..3].
inline std::vector<std::uint8_t> helper_cases_blob(const std::vector<HelperCase>& cases) {
  std::vector<std::uint32_t> words = {kHelperBlobMagic, static_cast<std::uint32_t>(cases.size())};
  for (const HelperCase& c : cases) {
    words.insert(words.end(), {static_cast<std::uint32_t>(c.op), c.extra, static_cast<std::uint32_t>(c.a),
                               static_cast<std::uint32_t>(c.a >> 32), static_cast<std::uint32_t>(c.b),
                               static_cast<std::uint32_t>(c.b >> 32), c.expected[0], c.expected[1],
                               c.expected[2], c.expected[3]});
  }
  std::vector<std::uint8_t> bytes(words.size() * 4);
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (int k = 0; k < 4; ++k) bytes[4 * i + k] = static_cast<std::uint8_t>(words[i] >> (8 * k));
  }
  return bytes;
}

}  // namespace mcusim::test
