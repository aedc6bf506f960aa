# tests/guests/common/guest_common.cmake — the start-up and run-time sources
# every C guest links (included by tests/guests/*.cmake and workloads/bench).
# --gc-sections drops whatever a guest does not use.
set(MCUSIM_GUEST_COMMON_DIR ${CMAKE_SOURCE_DIR}/tests/guests/common)
set(MCUSIM_GUEST_COMMON_SOURCES
  ${MCUSIM_GUEST_COMMON_DIR}/startup.c
  ${MCUSIM_GUEST_COMMON_DIR}/report.c
  ${MCUSIM_GUEST_COMMON_DIR}/aeabi.c
  ${MCUSIM_GUEST_COMMON_DIR}/mem.c)
