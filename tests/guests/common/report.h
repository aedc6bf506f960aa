// tests/guests/common/report.h — console output for guests, no libc.
//
// Every line goes out in one SYS_WRITE0 call. report_u32() prints
// "name=<decimal>\n", the format the timing tests parse.
#ifndef MCUSIM_GUEST_REPORT_H
#define MCUSIM_GUEST_REPORT_H

#include <stdint.h>

// Writes `text` unchanged.
void print(const char *text);

// Formats `value` in decimal into `out` (at least 11 bytes), NUL-terminated;
// returns the number of digits. Uses no division (Cortex-M0 has none).
uint32_t format_u32(uint32_t value, char *out);

// Formats `value` as 0x followed by 8 lower-case hex digits (11 bytes).
void format_hex32(uint32_t value, char *out);

// Prints "name=<decimal>\n".
void report_u32(const char *name, uint32_t value);

// Prints "name=0x<8 hex digits>\n".
void report_hex(const char *name, uint32_t value);

#endif  // MCUSIM_GUEST_REPORT_H
