// tests/guests/demo/demo.c — the small program README's first command runs:
// CRC-32 of the standard check string and a few primes, with its own cycle
// count read from DWT->CYCCNT. Built as demo_m0.elf (cortex-m0) and
// demo_m4.elf (cortex-m4); exits 0 when both results match their known
// values, 1 otherwise.
#include <stdint.h>

#include "cycle_counter.h"
#include "report.h"

// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit.
static uint32_t crc32(const uint8_t *data, uint32_t size) {
  uint32_t crc = 0xFFFFFFFFu;
  for (uint32_t i = 0; i < size; ++i) {
    crc ^= data[i];
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// Sieve of Eratosthenes below kLimit; returns the count, *largest gets the last.
enum { kLimit = 1000 };
static uint8_t composite[kLimit];

static uint32_t count_primes(uint32_t *largest) {
  uint32_t count = 0;
  for (uint32_t n = 2; n < kLimit; ++n) {
    if (composite[n]) continue;
    ++count;
    *largest = n;
    for (uint32_t m = n * n; m < kLimit; m += n) composite[m] = 1;
  }
  return count;
}

int main(void) {
  static const uint8_t kCheck[] = "123456789";
  cycle_counter_enable();
  const uint32_t start = cycle_counter_read();

  const uint32_t crc = crc32(kCheck, sizeof kCheck - 1);
  uint32_t largest = 0;
  const uint32_t primes = count_primes(&largest);

  const uint32_t cycles = cycle_counter_read() - start;
  print("mcusim demo: CRC-32 and a prime sieve\n");
  report_hex("crc32(\"123456789\")", crc);  // the CRC-32 check value: 0xcbf43926
  report_u32("primes_below_1000", primes);   // 168
  report_u32("largest_prime", largest);      // 997
  report_u32("cycles", cycles);
  const int ok = crc == 0xCBF43926u && primes == 168u && largest == 997u;
  print(ok ? "demo: ok\n" : "demo: WRONG RESULT\n");
  return ok ? 0 : 1;
}
