# tests/guests/timing.cmake — timing guests: measured instruction sequences
# whose cycle counts the timing_<core>_guest_test.cpp suites check against
# hand-derived values (docs/timing-guests.md).
include(${CMAKE_CURRENT_LIST_DIR}/common/guest_common.cmake)

set(_timing_dir ${CMAKE_CURRENT_LIST_DIR}/timing)
set(_timing_common ${MCUSIM_GUEST_COMMON_DIR}/startup.c ${MCUSIM_GUEST_COMMON_DIR}/report.c
    ${_timing_dir}/timing_main.c)

mcusim_add_guest(NAME timing_m0 CORE cortex-m0
  SOURCES ${_timing_dir}/timing_v6m.S ${_timing_common}
  INCLUDES ${MCUSIM_GUEST_COMMON_DIR} ${_timing_dir})
mcusim_add_guest(NAME timing_m0plus CORE cortex-m0plus
  SOURCES ${_timing_dir}/timing_v6m.S ${_timing_common}
  INCLUDES ${MCUSIM_GUEST_COMMON_DIR} ${_timing_dir})
mcusim_add_guest(NAME timing_m4 CORE cortex-m4
  SOURCES ${_timing_dir}/timing_m4.S ${_timing_common}
  INCLUDES ${MCUSIM_GUEST_COMMON_DIR} ${_timing_dir})
