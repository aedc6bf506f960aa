# The energy model's guests (tests/profiler/energy_run_test.cpp).
mcusim_add_guest(NAME wfi_sleep_m0plus CORE cortex-m0plus
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/energy/wfi_sleep.S
  LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/exceptions/exceptions.ld)
