// workloads/bench/crc32.c — bitwise CRC-32 (IEEE 802.3, reflected polynomial
// 0xEDB88320), eight shift/xor steps per byte.
// Check: the CRC-32 of "123456789" is the published check value 0xCBF43926,
// and the CRC of the 16 KiB buffer equals the one computed with a 256-entry
// table (a second algorithm) built at start-up.
#include <stdint.h>

#include "bench.h"

enum { kBufferBytes = 16 * 1024, kPasses = 10 };

static uint8_t buffer[kBufferBytes];
static uint32_t table[256];

__attribute__((noinline)) static uint32_t crc32_bitwise(uint32_t crc, const uint8_t *data,
                                                        uint32_t size) {
  crc = ~crc;
  for (uint32_t i = 0; i < size; ++i) {
    crc ^= data[i];
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

static uint32_t crc32_table(uint32_t crc, const uint8_t *data, uint32_t size) {
  crc = ~crc;
  for (uint32_t i = 0; i < size; ++i) crc = table[(crc ^ data[i]) & 0xFFu] ^ (crc >> 8);
  return ~crc;
}

int main(void) {
  static const uint8_t kCheck[] = "123456789";
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  uint32_t seed = 0xC0FFEEu;
  for (uint32_t i = 0; i < kBufferBytes; ++i) buffer[i] = (uint8_t)(bench_lcg(&seed) >> 24);

  const uint32_t start = bench_start();
  const uint32_t check = crc32_bitwise(0u, kCheck, sizeof kCheck - 1u);
  uint32_t crc = 0u;
  for (uint32_t pass = 0; pass < kPasses; ++pass) crc = crc32_bitwise(crc, buffer, kBufferBytes);

  const uint32_t cycles = bench_cycles(start);
  uint32_t expected = 0u;
  for (uint32_t pass = 0; pass < kPasses; ++pass) {
    expected = crc32_table(expected, buffer, kBufferBytes);
  }
  const int ok = check == 0xCBF43926u && crc == expected;
  return bench_finish("crc32", cycles, crc, ok);
}
