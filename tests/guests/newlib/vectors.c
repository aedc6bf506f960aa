// tests/guests/newlib/vectors.c — the two words a Cortex-M needs before
// newlib's own start-up: the initial SP and the reset handler, newlib's
// _start (rdimon-crt0), at the start of flash. Nothing else is added to the
// program: newlib_demo.c is an ordinary hosted C program.
extern char __stack[];
extern void _start(void);

__attribute__((section(".vectors"), used)) static const void *const vectors[2] = {
    __stack,
    (const void *)_start,
};
