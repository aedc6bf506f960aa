# tests/guests/plan_runner.cmake — plan_runner_m0 / plan_runner_m4: the device
# engine (runtime/engine) and the reference kernels cross-built for Cortex-M0
# and Cortex-M4, running a plan blob read through semihosting
# (tests/guests/plan_runner/). tests/runtime/plan/simulated_plan_test.cpp
# drives them. Every operator is compiled in (the runner takes any plan), and
# the layer markers go to the trace port. plan_runner_m0_fc has
# FULLY_CONNECTED only: it shows that a kernel whose MCUSIM_OP_<KIND> is not
# defined is neither linked nor accepted.
include(${CMAKE_CURRENT_LIST_DIR}/common/guest_common.cmake)

file(GLOB _pr_engine_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/runtime/engine/*.c)
file(GLOB _pr_kernel_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/runtime/kernels/*.c)
set(_pr_all_ops
  MCUSIM_OP_FULLY_CONNECTED MCUSIM_OP_CONV_2D MCUSIM_OP_DEPTHWISE_CONV_2D MCUSIM_OP_AVERAGE_POOL_2D
  MCUSIM_OP_MAX_POOL_2D MCUSIM_OP_ADD MCUSIM_OP_MUL MCUSIM_OP_SOFTMAX MCUSIM_OP_LOGISTIC MCUSIM_OP_TANH
  MCUSIM_OP_RELU MCUSIM_OP_HARD_TANH MCUSIM_OP_RELU6 MCUSIM_OP_CONCATENATION MCUSIM_OP_MEAN MCUSIM_OP_PAD
  MCUSIM_OP_REQUANTIZE MCUSIM_OP_QUANTIZE_F32 MCUSIM_OP_DEQUANTIZE MCUSIM_OP_RESHAPE)
foreach(_core m0 m4)
  if(_core STREQUAL "m0")
    set(_cpu cortex-m0)
  else()
    set(_cpu cortex-m4)
  endif()
  mcusim_add_guest(NAME plan_runner_${_core} CORE ${_cpu}
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/plan_runner/plan_runner.c ${_pr_engine_sources} ${_pr_kernel_sources}
            ${MCUSIM_GUEST_COMMON_SOURCES}
    INCLUDES ${MCUSIM_GUEST_COMMON_DIR} ${CMAKE_SOURCE_DIR}
    # QUANTIZE from float and DEQUANTIZE use soft-float helpers from libgcc.
    DEFINES ${_pr_all_ops} MCUSIM_TRACE_MARKERS
    LIBGCC)
endforeach()
mcusim_add_guest(NAME plan_runner_m0_fc CORE cortex-m0
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/plan_runner/plan_runner.c ${_pr_engine_sources} ${_pr_kernel_sources}
          ${MCUSIM_GUEST_COMMON_SOURCES}
  INCLUDES ${MCUSIM_GUEST_COMMON_DIR} ${CMAKE_SOURCE_DIR}
  DEFINES MCUSIM_OP_FULLY_CONNECTED MCUSIM_TRACE_MARKERS)
