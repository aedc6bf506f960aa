// tests/guests/common/report.c — console output for guests, no libc.
#include "report.h"

#include "semihosting.h"

void print(const char *text) { semihost_write0(text); }

uint32_t format_u32(uint32_t value, char *out) {
  // Subtract powers of ten: no divide, so the same code runs on every core.
  static const uint32_t kPowers[] = {1000000000u, 100000000u, 10000000u, 1000000u, 100000u,
                                     10000u,      1000u,      100u,      10u,      1u};
  uint32_t n = 0;
  for (uint32_t i = 0; i < sizeof kPowers / sizeof kPowers[0]; ++i) {
    char digit = '0';
    while (value >= kPowers[i]) {
      value -= kPowers[i];
      ++digit;
    }
    if (digit != '0' || n != 0 || kPowers[i] == 1u) out[n++] = digit;
  }
  out[n] = '\0';
  return n;
}

void format_hex32(uint32_t value, char *out) {
  static const char kDigits[] = "0123456789abcdef";
  out[0] = '0';
  out[1] = 'x';
  for (int i = 0; i < 8; ++i) out[2 + i] = kDigits[(value >> (28 - 4 * i)) & 0xFu];
  out[10] = '\0';
}

static void report_line(const char *name, const char *value) {
  char line[96];
  uint32_t n = 0;
  while (*name != '\0' && n < sizeof line - 14) line[n++] = *name++;
  line[n++] = '=';
  while (*value != '\0') line[n++] = *value++;
  line[n++] = '\n';
  line[n] = '\0';
  print(line);
}

void report_u32(const char *name, uint32_t value) {
  char digits[12];
  format_u32(value, digits);
  report_line(name, digits);
}

void report_hex(const char *name, uint32_t value) {
  char digits[12];
  format_hex32(value, digits);
  report_line(name, digits);
}
