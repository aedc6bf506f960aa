/* runtime/device/aeabi_ldivmod.S — 64-bit division with remainder.
 *
 * RTABI (IHI 0043) §4.2: __aeabi_uldivmod(n, d) and __aeabi_ldivmod(n, d)
 * take n in {r0, r1} and d in {r2, r3} and return the quotient in {r0, r1}
 * and the remainder in {r2, r3} (low words first). C has no way to return
 * four registers, so these wrappers call the C cores in aeabi_div.c with a
 * fifth argument, a pointer to an 8-byte stack slot, and load the remainder
 * from it. Thumb-1 only, so the same code serves ARMv6-M and ARMv7E-M; the
 * stack stays 8-byte aligned at the call (AAPCS §5.2.1.2).
 */
    .syntax unified
    .thumb

    .macro divmod64 name, core
    .section .text.\name, "ax", %progbits
    .global \name
    .type \name, %function
    .thumb_func
    .p2align 1
\name:
    push    {r4, lr}            @ 8 bytes: keeps the 8-byte alignment
    sub     sp, sp, #16         @ [sp]: 5th argument; [sp+8]: the remainder
    add     r4, sp, #8
    str     r4, [sp]
    bl      \core
    ldr     r2, [sp, #8]
    ldr     r3, [sp, #12]
    add     sp, sp, #16
    pop     {r4, pc}
    .size \name, . - \name
    .endm

    divmod64 __aeabi_uldivmod, mcusim_udivmod64
    divmod64 __aeabi_ldivmod, mcusim_sdivmod64
