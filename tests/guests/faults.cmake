# tests/guests/faults.cmake — one small ELF per guest fault kind, run by
# tests/sim/machine/fault_guest_test.cpp and tests/tools/fault_matrix_test.cpp
# (docs/robustness.md). Cortex-M0 unless the fault needs the M4.
include(${CMAKE_CURRENT_LIST_DIR}/common/guest_common.cmake)

set(_fault_dir ${CMAKE_CURRENT_LIST_DIR}/faults)
foreach(_fault unmapped_read unmapped_write unmapped_fetch write_flash undefined_instruction
               unaligned_ldr stack_overflow infinite_loop unknown_semihosting exit_status
               bad_exception_return semihosting_bad_pointer output_flood)
  mcusim_add_guest(NAME fault_${_fault} CORE cortex-m0
    SOURCES ${_fault_dir}/${_fault}.c ${MCUSIM_GUEST_COMMON_SOURCES}
    INCLUDES ${MCUSIM_GUEST_COMMON_DIR})
endforeach()

mcusim_add_guest(NAME fault_unaligned_ldrd CORE cortex-m4
  SOURCES ${_fault_dir}/unaligned_ldrd.c ${MCUSIM_GUEST_COMMON_SOURCES}
  INCLUDES ${MCUSIM_GUEST_COMMON_DIR})
mcusim_add_guest(NAME fault_unaligned_ldm CORE cortex-m4
  SOURCES ${_fault_dir}/unaligned_multiword.c ${MCUSIM_GUEST_COMMON_SOURCES}
  INCLUDES ${MCUSIM_GUEST_COMMON_DIR})
mcusim_add_guest(NAME fault_unaligned_strd CORE cortex-m4
  SOURCES ${_fault_dir}/unaligned_multiword.c ${MCUSIM_GUEST_COMMON_SOURCES}
  INCLUDES ${MCUSIM_GUEST_COMMON_DIR} DEFINES STORE_PAIR)
mcusim_add_guest(NAME fault_divide_by_zero CORE cortex-m4
  SOURCES ${_fault_dir}/divide_by_zero.c ${MCUSIM_GUEST_COMMON_SOURCES}
  INCLUDES ${MCUSIM_GUEST_COMMON_DIR})

# --guest-faults: faults taken by the guest's handlers (guest_fault_test.cpp).
mcusim_add_guest(NAME guest_faults_v6m CORE cortex-m0
  SOURCES ${_fault_dir}/guest_faults.S ${MCUSIM_GUEST_COMMON_DIR}/report.c
          ${MCUSIM_GUEST_COMMON_DIR}/mem.c
  INCLUDES ${MCUSIM_GUEST_COMMON_DIR}
  LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/exceptions/exceptions.ld)
mcusim_add_guest(NAME guest_faults_m4 CORE cortex-m4
  SOURCES ${_fault_dir}/guest_faults.S ${MCUSIM_GUEST_COMMON_DIR}/report.c
          ${MCUSIM_GUEST_COMMON_DIR}/mem.c
  INCLUDES ${MCUSIM_GUEST_COMMON_DIR} DEFINES ARMV7M
  LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/exceptions/exceptions.ld)
mcusim_add_guest(NAME fault_default_loop CORE cortex-m0
  SOURCES ${_fault_dir}/fault_handler_trouble.S
  LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/exceptions/exceptions.ld)
mcusim_add_guest(NAME fault_lockup CORE cortex-m0
  SOURCES ${_fault_dir}/fault_handler_trouble.S DEFINES LOCKUP
  LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/exceptions/exceptions.ld)
