# tests/guests/demo.cmake — the demo program README's first command runs.
include(${CMAKE_CURRENT_LIST_DIR}/common/guest_common.cmake)

foreach(_core m0 m4)
  if(_core STREQUAL "m0")
    set(_cpu cortex-m0)
  else()
    set(_cpu cortex-m4)
  endif()
  mcusim_add_guest(NAME demo_${_core} CORE ${_cpu}
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/demo/demo.c ${MCUSIM_GUEST_COMMON_SOURCES}
    INCLUDES ${MCUSIM_GUEST_COMMON_DIR})
endforeach()
