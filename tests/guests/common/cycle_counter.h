// tests/guests/common/cycle_counter.h — DWT cycle counter and SysTick.
//
// DWT->CYCCNT (Armv7-M ARM, C1.8): enable DEMCR.TRCENA, then DWT_CTRL.CYCCNTENA.
// On Cortex-M0/M0+ silicon has no CYCCNT; the simulator provides it at the same
// address as a documented extension. A load of CYCCNT returns the cycles of all
// instructions completed before that load (the load itself not included).
#ifndef MCUSIM_GUEST_CYCLE_COUNTER_H
#define MCUSIM_GUEST_CYCLE_COUNTER_H

#include <stdint.h>

#define DEMCR (*(volatile uint32_t *)0xE000EDFCu)
#define DEMCR_TRCENA (1u << 24)
#define DWT_CTRL (*(volatile uint32_t *)0xE0001000u)
#define DWT_CTRL_CYCCNTENA (1u << 0)
#define DWT_CYCCNT (*(volatile uint32_t *)0xE0001004u)

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)  // ENABLE bit 0, COUNTFLAG bit 16
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

static inline void cycle_counter_enable(void) {
  DEMCR |= DEMCR_TRCENA;
  DWT_CYCCNT = 0;
  DWT_CTRL |= DWT_CTRL_CYCCNTENA;
}

static inline uint32_t cycle_counter_read(void) { return DWT_CYCCNT; }

#endif  // MCUSIM_GUEST_CYCLE_COUNTER_H
