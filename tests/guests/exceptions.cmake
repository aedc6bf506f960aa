# The exception model's guests (tests/sim/machine/exception_guest_test.cpp and
# exception_scenarios_test.cpp). ARMv6-M code: each runs on the M0, M0+ and M4.
include(${CMAKE_CURRENT_LIST_DIR}/common/guest_common.cmake)

set(_exc_dir ${CMAKE_CURRENT_LIST_DIR}/exceptions)
mcusim_add_guest(NAME exc_basic_m0 CORE cortex-m0
  SOURCES ${_exc_dir}/exc_basic.S
  LINKER_SCRIPT ${_exc_dir}/exceptions.ld)
# The guests that print link the common report helpers (report_hex).
foreach(_exc pendsv nested)
  mcusim_add_guest(NAME exc_${_exc}_m0 CORE cortex-m0
    SOURCES ${_exc_dir}/exc_${_exc}.S ${MCUSIM_GUEST_COMMON_DIR}/report.c
            ${MCUSIM_GUEST_COMMON_DIR}/mem.c
    INCLUDES ${MCUSIM_GUEST_COMMON_DIR}
    LINKER_SCRIPT ${_exc_dir}/exceptions.ld)
endforeach()
mcusim_add_guest(NAME exc_wfi_m0 CORE cortex-m0
  SOURCES ${_exc_dir}/exc_wfi.S
  LINKER_SCRIPT ${_exc_dir}/exceptions.ld)
mcusim_add_guest(NAME exc_sleep_forever_m0 CORE cortex-m0
  SOURCES ${_exc_dir}/exc_wfi.S DEFINES SLEEP_FOREVER
  LINKER_SCRIPT ${_exc_dir}/exceptions.ld)
