# tests/guests/kernel_runner.cmake — the kernel runners: the int8 kernels of
# runtime/kernels cross-built per core and kernel variant, run on one case
# blob read through semihosting (tests/guests/kernel_runner/).
# tests/runtime/simulated_kernels_test.cpp and tests/bench/kernel_cycles.cpp
# drive them.
#
#   kernel_runner_<core>            the ref kernels (core m0 or m4)
#   kernel_runner_<core>_<variant>  a variant's kernels (cmake/kernel_variants.cmake):
#                                   m0 on both cores, m4 on the Cortex-M4 only
#                                   (it needs the DSP extension)
include(${CMAKE_CURRENT_LIST_DIR}/common/guest_common.cmake)
include(kernel_variants)

function(mcusim_add_kernel_runner core variant)
  if(core STREQUAL "m0")
    set(cpu cortex-m0)
  else()
    set(cpu cortex-m4)
  endif()
  if(variant STREQUAL "ref")
    set(name kernel_runner_${core})
  else()
    set(name kernel_runner_${core}_${variant})
  endif()
  mcusim_kernel_variant_sources(${variant} kernel_sources)
  mcusim_add_guest(NAME ${name} CORE ${cpu}
    SOURCES ${CMAKE_SOURCE_DIR}/tests/guests/kernel_runner/kernel_runner.c ${kernel_sources}
            ${MCUSIM_GUEST_COMMON_SOURCES}
    INCLUDES ${MCUSIM_GUEST_COMMON_DIR} ${CMAKE_SOURCE_DIR}
    # QUANTIZE from float and DEQUANTIZE use soft-float helpers from libgcc.
    DEFINES KERNEL_RUNNER_FLOAT
    FLAGS ${MCUSIM_KERNEL_VARIANT_FLAGS_${variant}}
    LIBGCC)
endfunction()

mcusim_add_kernel_runner(m0 ref)
mcusim_add_kernel_runner(m0 m0)
mcusim_add_kernel_runner(m4 ref)
mcusim_add_kernel_runner(m4 m0)
mcusim_add_kernel_runner(m4 m4)

# variant_check_<core>_<variant>: the variant's kernels against the reference
# kernels (renamed ref_*, kernel_runner/ref_kernels.c) on random cases, inside
# the simulator (kernel_runner/variant_check.c).
function(mcusim_add_variant_check core variant)
  if(core STREQUAL "m0")
    set(cpu cortex-m0)
  else()
    set(cpu cortex-m4)
  endif()
  mcusim_kernel_variant_own_sources(${variant} own_sources)
  mcusim_add_guest(NAME variant_check_${core}_${variant} CORE ${cpu}
    SOURCES ${CMAKE_SOURCE_DIR}/tests/guests/kernel_runner/variant_check.c
            ${CMAKE_SOURCE_DIR}/tests/guests/kernel_runner/ref_kernels.c ${own_sources}
            ${MCUSIM_GUEST_COMMON_SOURCES}
    INCLUDES ${MCUSIM_GUEST_COMMON_DIR} ${CMAKE_SOURCE_DIR}
    FLAGS ${MCUSIM_KERNEL_VARIANT_FLAGS_${variant}})
endfunction()

mcusim_add_variant_check(m0 m0)
mcusim_add_variant_check(m4 m0)
mcusim_add_variant_check(m4 m4)
