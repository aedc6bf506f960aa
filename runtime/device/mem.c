// runtime/device/mem.c — memcpy, memmove, memset, memcmp and the RTABI's
// __aeabi_mem* entry points.
//
// The compiler calls these even with -ffreestanding (clang and GCC require
// the freestanding environment to provide memcpy, memmove, memset and memcmp;
// clang-14 calls __aeabi_memcpy4 / __aeabi_memclr4 for struct copies and
// clears on Arm). RTABI (IHI 0043) §4.3.4 defines the __aeabi_ forms: no
// return value, the 4 / 8 variants may assume the pointers 4- / 8-byte
// aligned, and __aeabi_memset takes (dst, n, c) — not memset's order.
//
// Word loops where both pointers share an alignment (the arena and the plan
// are word aligned, so the runtime's copies take this path), bytes otherwise:
// ARMv6-M faults on an unaligned LDR/STR, so nothing here assumes more
// alignment than it checks. -ffreestanding (-fno-builtin) keeps clang from
// turning these loops back into calls to themselves.
#include "runtime/device/device_symbols.h"

// may_alias: the words overlay whatever type the caller copies.
typedef uint32_t __attribute__((may_alias)) Word;
#define WORD_BYTES 4u
#define WORD_MASK (WORD_BYTES - 1u)

static int word_aligned(const void *p) { return ((uintptr_t)p & WORD_MASK) == 0u; }

// The loops live in three noinline functions: every entry point below is then
// a tail call of a few bytes, instead of clang -O2 inlining a 400-byte loop
// into each of the fifteen (what a flash figure would otherwise count).

// Front to back; safe for memmove when dst < src: every word and byte is read
// before anything at a higher address is written.
__attribute__((noinline)) static void copy_forward(unsigned char *d, const unsigned char *s, size_t n) {
  if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_MASK) == 0u) {
    while (n != 0u && !word_aligned(d)) {
      *d++ = *s++;
      --n;
    }
    Word *dw = (Word *)(void *)d;
    const Word *sw = (const Word *)(const void *)s;
    for (; n >= 4u * WORD_BYTES; n -= 4u * WORD_BYTES, dw += 4, sw += 4) {
      const Word w0 = sw[0], w1 = sw[1], w2 = sw[2], w3 = sw[3];
      dw[0] = w0;
      dw[1] = w1;
      dw[2] = w2;
      dw[3] = w3;
    }
    for (; n >= WORD_BYTES; n -= WORD_BYTES) *dw++ = *sw++;
    d = (unsigned char *)dw;
    s = (const unsigned char *)sw;
  }
  while (n-- != 0u) *d++ = *s++;
}

// Back to front, for memmove when dst > src and the ranges overlap.
__attribute__((noinline)) static void copy_backward(unsigned char *d, const unsigned char *s, size_t n) {
  d += n;
  s += n;
  if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_MASK) == 0u) {
    while (n != 0u && !word_aligned(d)) {
      *--d = *--s;
      --n;
    }
    Word *dw = (Word *)(void *)d;
    const Word *sw = (const Word *)(const void *)s;
    for (; n >= WORD_BYTES; n -= WORD_BYTES) *--dw = *--sw;
    d = (unsigned char *)dw;
    s = (const unsigned char *)sw;
  }
  while (n-- != 0u) *--d = *--s;
}

void *DEVICE_LIBC(memcpy)(void *restrict dst, const void *restrict src, size_t n) {
  copy_forward(dst, src, n);
  return dst;
}

void *DEVICE_LIBC(memmove)(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  // No overlap, or dst below src: front to back is safe.
  if ((uintptr_t)d - (uintptr_t)s >= n) {
    copy_forward(d, s, n);
  } else {
    copy_backward(d, s, n);
  }
  return dst;
}

__attribute__((noinline)) static void fill_bytes(unsigned char *d, unsigned char byte, size_t n) {
  while (n != 0u && !word_aligned(d)) {
    *d++ = byte;
    --n;
  }
  const Word fill = (Word)byte * 0x01010101u;
  Word *dw = (Word *)(void *)d;
  for (; n >= 4u * WORD_BYTES; n -= 4u * WORD_BYTES, dw += 4) {
    dw[0] = fill;
    dw[1] = fill;
    dw[2] = fill;
    dw[3] = fill;
  }
  for (; n >= WORD_BYTES; n -= WORD_BYTES) *dw++ = fill;
  d = (unsigned char *)dw;
  while (n-- != 0u) *d++ = byte;
}

void *DEVICE_LIBC(memset)(void *dst, int c, size_t n) {
  fill_bytes(dst, (unsigned char)c, n);
  return dst;
}

// The sign of the first differing byte, compared as unsigned char (C11
// §7.24.4.1); returns -1, 0 or 1.
int DEVICE_LIBC(memcmp)(const void *a, const void *b, size_t n) {
  const unsigned char *x = a;
  const unsigned char *y = b;
  for (; n != 0u; --n, ++x, ++y) {
    if (*x != *y) return *x < *y ? -1 : 1;
  }
  return 0;
}

void DEVICE_AEABI(memcpy)(void *dst, const void *src, size_t n) { DEVICE_LIBC(memcpy)(dst, src, n); }
void DEVICE_AEABI(memcpy4)(void *dst, const void *src, size_t n) { DEVICE_LIBC(memcpy)(dst, src, n); }
void DEVICE_AEABI(memcpy8)(void *dst, const void *src, size_t n) { DEVICE_LIBC(memcpy)(dst, src, n); }
void DEVICE_AEABI(memmove)(void *dst, const void *src, size_t n) { DEVICE_LIBC(memmove)(dst, src, n); }
void DEVICE_AEABI(memmove4)(void *dst, const void *src, size_t n) { DEVICE_LIBC(memmove)(dst, src, n); }
void DEVICE_AEABI(memmove8)(void *dst, const void *src, size_t n) { DEVICE_LIBC(memmove)(dst, src, n); }
void DEVICE_AEABI(memset)(void *dst, size_t n, int c) { DEVICE_LIBC(memset)(dst, c, n); }
void DEVICE_AEABI(memset4)(void *dst, size_t n, int c) { DEVICE_LIBC(memset)(dst, c, n); }
void DEVICE_AEABI(memset8)(void *dst, size_t n, int c) { DEVICE_LIBC(memset)(dst, c, n); }
void DEVICE_AEABI(memclr)(void *dst, size_t n) { DEVICE_LIBC(memset)(dst, 0, n); }
void DEVICE_AEABI(memclr4)(void *dst, size_t n) { DEVICE_LIBC(memset)(dst, 0, n); }
void DEVICE_AEABI(memclr8)(void *dst, size_t n) { DEVICE_LIBC(memset)(dst, 0, n); }
