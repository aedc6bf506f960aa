# SysTick read mid-block (tests/sim/machine/systick_guest_test.cpp).
mcusim_add_guest(NAME systick_delta_m0 CORE cortex-m0
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/systick/systick_delta.S
  LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/systick/systick.ld)
