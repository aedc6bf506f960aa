# Guests of known structure for the profiler's attribution tests
# (tests/profiler/execution_profiler_test.cpp).
mcusim_add_guest(NAME profile_calls_m0 CORE cortex-m0
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/profile/profile_calls.S
  LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/profile/profile.ld)
mcusim_add_guest(NAME profile_flash_m0 CORE cortex-m0
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/profile/profile_flash.S
  LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/profile/profile.ld)
