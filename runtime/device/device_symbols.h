// runtime/device/device_symbols.h — the link names of the device run-time
// helpers, and their declarations.
//
// On the device these are the names the compiler calls (`__aeabi_uidiv`,
// `memcpy`, ...). The host build of the same C (for the native unit tests,
// MCUSIM_DEVICE_HOST_TEST) renames every one of them with an `mcusim_host_`
// prefix, so the host's own libc and compiler run-time keep theirs.
#ifndef MCUSIM_DEVICE_SYMBOLS_H
#define MCUSIM_DEVICE_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

#ifdef MCUSIM_DEVICE_HOST_TEST
#define DEVICE_AEABI(name) mcusim_host_aeabi_##name
#define DEVICE_LIBC(name) mcusim_host_##name
#define DEVICE_LIBGCC(name) mcusim_host_##name
#else
#define DEVICE_AEABI(name) __aeabi_##name
#define DEVICE_LIBC(name) name
#define DEVICE_LIBGCC(name) __##name
#endif

#ifdef __cplusplus
#define DEVICE_RESTRICT __restrict  // C++ has no `restrict`; GCC and clang spell it so
extern "C" {
#else
#define DEVICE_RESTRICT restrict
#endif

// ---- integer division (RTABI §4.3.1) -----------------------------------------
// {quotient, remainder} pairs come back in {r0, r1}: in C, a 64-bit value with
// the quotient in the low word (AAPCS §5.4: a double-word result is returned
// in r0 and r1). Division by zero calls __aeabi_idiv0, whose result is the
// quotient; the remainder is then the dividend.
uint32_t DEVICE_AEABI(uidiv)(uint32_t numerator, uint32_t denominator);
uint64_t DEVICE_AEABI(uidivmod)(uint32_t numerator, uint32_t denominator);
int32_t DEVICE_AEABI(idiv)(int32_t numerator, int32_t denominator);
uint64_t DEVICE_AEABI(idivmod)(int32_t numerator, int32_t denominator);
int DEVICE_AEABI(idiv0)(int return_value);
long long DEVICE_AEABI(ldiv0)(long long return_value);

// 64-bit division cores. __aeabi_uldivmod / __aeabi_ldivmod (aeabi_ldivmod.S)
// return the quotient in {r0, r1} and the remainder in {r2, r3}, which C
// cannot express; they call these and load the remainder from the stack.
uint64_t mcusim_udivmod64(uint64_t numerator, uint64_t denominator, uint64_t *remainder);
int64_t mcusim_sdivmod64(int64_t numerator, int64_t denominator, int64_t *remainder);

// ---- 64-bit arithmetic (RTABI §4.2) -----------------------------------------
int64_t DEVICE_AEABI(lmul)(int64_t a, int64_t b);
int64_t DEVICE_AEABI(llsl)(int64_t value, int shift);
int64_t DEVICE_AEABI(llsr)(int64_t value, int shift);
int64_t DEVICE_AEABI(lasr)(int64_t value, int shift);
// __builtin_clz on ARMv6-M (libgcc's name); 32 for 0.
int DEVICE_LIBGCC(clzsi2)(uint32_t value);

// ---- memory (C11 §7.24.2, RTABI §4.3.4) -----------------------------------------
void *DEVICE_LIBC(memcpy)(void *DEVICE_RESTRICT dst, const void *DEVICE_RESTRICT src, size_t n);
void *DEVICE_LIBC(memmove)(void *dst, const void *src, size_t n);
void *DEVICE_LIBC(memset)(void *dst, int c, size_t n);
int DEVICE_LIBC(memcmp)(const void *a, const void *b, size_t n);
// The 4 / 8 variants may assume dst (and src) aligned to 4 / 8 bytes.
void DEVICE_AEABI(memcpy)(void *dst, const void *src, size_t n);
void DEVICE_AEABI(memcpy4)(void *dst, const void *src, size_t n);
void DEVICE_AEABI(memcpy8)(void *dst, const void *src, size_t n);
void DEVICE_AEABI(memmove)(void *dst, const void *src, size_t n);
void DEVICE_AEABI(memmove4)(void *dst, const void *src, size_t n);
void DEVICE_AEABI(memmove8)(void *dst, const void *src, size_t n);
// Note the argument order: (dst, n, c), unlike memset.
void DEVICE_AEABI(memset)(void *dst, size_t n, int c);
void DEVICE_AEABI(memset4)(void *dst, size_t n, int c);
void DEVICE_AEABI(memset8)(void *dst, size_t n, int c);
void DEVICE_AEABI(memclr)(void *dst, size_t n);
void DEVICE_AEABI(memclr4)(void *dst, size_t n);
void DEVICE_AEABI(memclr8)(void *dst, size_t n);

#ifdef __cplusplus
}
#endif

#endif  // MCUSIM_DEVICE_SYMBOLS_H
