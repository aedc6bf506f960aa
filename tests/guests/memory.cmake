# tests/guests/memory.cmake — guests for the memory-system timing
# (tests/sim/machine/memory_timing_guest_test.cpp) and the benchmark guests
# linked for the chip targets' memory maps (docs/accuracy.md).
include(${CMAKE_CURRENT_LIST_DIR}/common/guest_common.cmake)

set(_memory_dir ${CMAKE_CURRENT_LIST_DIR}/memory)
set(_timing_dir ${CMAKE_CURRENT_LIST_DIR}/timing)
set(_memory_common ${MCUSIM_GUEST_COMMON_DIR}/startup.c ${MCUSIM_GUEST_COMMON_DIR}/report.c
    ${_timing_dir}/timing_main.c)

mcusim_add_guest(NAME memory_m0 CORE cortex-m0
  SOURCES ${_memory_dir}/memory_v6m.S ${_memory_common}
  INCLUDES ${MCUSIM_GUEST_COMMON_DIR} ${_timing_dir}
  LINKER_SCRIPT ${_memory_dir}/flash_0000_16k.ld)
mcusim_add_guest(NAME memory_m4 CORE cortex-m4
  SOURCES ${_memory_dir}/memory_m4.S ${_memory_common}
  INCLUDES ${MCUSIM_GUEST_COMMON_DIR} ${_timing_dir})

# workloads/bench guests for the chip maps: bench_<name>_<core>_<map>.elf,
# map = flash_0000 (touch-m0, nrf52840), flash_0800 (STM32), flash_1000 (rp2040).
set(_chip_benchmarks memcpy crc32 dot_s8 sort state_machine divide)
foreach(_bench IN LISTS _chip_benchmarks)
  foreach(_build m0:cortex-m0:flash_0000 m0:cortex-m0:flash_0800 m0:cortex-m0:flash_1000
                 m4:cortex-m4:flash_0000 m4:cortex-m4:flash_0800)
    string(REPLACE ":" ";" _parts ${_build})
    list(GET _parts 0 _core)
    list(GET _parts 1 _cpu)
    list(GET _parts 2 _map)
    mcusim_add_guest(NAME bench_${_bench}_${_core}_${_map} CORE ${_cpu}
      SOURCES ${CMAKE_SOURCE_DIR}/workloads/bench/${_bench}.c ${MCUSIM_GUEST_COMMON_SOURCES}
      INCLUDES ${MCUSIM_GUEST_COMMON_DIR} ${CMAKE_SOURCE_DIR}/workloads/bench
      LINKER_SCRIPT ${_memory_dir}/${_map}.ld)
  endforeach()
endforeach()
