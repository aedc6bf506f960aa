# tests/guests/kernel_runner.cmake — kernel_runner_m0 / kernel_runner_m4: the
# int8 kernels of runtime/kernels cross-built for Cortex-M0 and Cortex-M4, run
# on one case blob read through semihosting (tests/guests/kernel_runner/).
# tests/runtime/simulated_kernels_test.cpp drives them.
include(${CMAKE_CURRENT_LIST_DIR}/common/guest_common.cmake)

file(GLOB _kr_kernel_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/runtime/kernels/*.c)
foreach(_core m0 m4)
  if(_core STREQUAL "m0")
    set(_cpu cortex-m0)
  else()
    set(_cpu cortex-m4)
  endif()
  mcusim_add_guest(NAME kernel_runner_${_core} CORE ${_cpu}
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/kernel_runner/kernel_runner.c ${_kr_kernel_sources}
            ${MCUSIM_GUEST_COMMON_SOURCES}
    INCLUDES ${MCUSIM_GUEST_COMMON_DIR} ${CMAKE_SOURCE_DIR}
    # QUANTIZE from float and DEQUANTIZE use soft-float helpers from libgcc.
    DEFINES KERNEL_RUNNER_FLOAT
    LIBGCC)
endforeach()
