# Code in SRAM rewritten while the program runs (tests/sim/machine/rewritten_code_test.cpp).
mcusim_add_guest(NAME rewrite_ram_code_m0 CORE cortex-m0
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/selfmod/rewrite_ram_code.S
  LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/systick/systick.ld)
