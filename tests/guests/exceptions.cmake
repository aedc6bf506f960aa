# The exception model's guests (tests/sim/machine/exception_guest_test.cpp).
mcusim_add_guest(NAME exc_basic_m0 CORE cortex-m0
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/exceptions/exc_basic.S
  LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/exceptions/exceptions.ld)
