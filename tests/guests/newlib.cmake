# tests/guests/newlib.cmake — an ordinary C program on Debian's newlib, started
# by newlib's own rdimon start-up through semihosting
# (tests/sim/machine/newlib_guest_test.cpp). It needs arm-none-eabi-gcc and
# newlib (tools/deps.txt), not the clang guests' toolchain, so it has its own
# command instead of mcusim_add_guest. Skipped, with a message, without them.
find_program(MCUSIM_NEWLIB_CC arm-none-eabi-gcc)
if(NOT MCUSIM_NEWLIB_CC)
  message(STATUS "arm-none-eabi-gcc not found: the newlib guest is not built and its tests "
                 "skip (install gcc-arm-none-eabi and libnewlib-arm-none-eabi)")
  return()
endif()
execute_process(COMMAND ${MCUSIM_NEWLIB_CC} -mcpu=cortex-m0 -mthumb -print-file-name=rdimon.specs
  OUTPUT_VARIABLE _rdimon_specs OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT IS_ABSOLUTE "${_rdimon_specs}")
  message(STATUS "newlib's rdimon.specs not found: the newlib guest is not built and its tests "
                 "skip (install libnewlib-arm-none-eabi)")
  return()
endif()

set(_newlib_dir ${CMAKE_CURRENT_LIST_DIR}/newlib)
set(_newlib_sources ${_newlib_dir}/newlib_demo.c ${_newlib_dir}/vectors.c)
set(_newlib_elf ${CMAKE_BINARY_DIR}/guests/newlib_demo.elf)
add_custom_command(OUTPUT ${_newlib_elf}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/guests
  COMMAND ${MCUSIM_NEWLIB_CC} -mcpu=cortex-m0 -mthumb --specs=rdimon.specs -O2 -g -Wall -Wextra
          -T ${_newlib_dir}/newlib.ld ${_newlib_sources} -o ${_newlib_elf}
  DEPENDS ${_newlib_sources} ${_newlib_dir}/newlib.ld
  COMMENT "guest newlib_demo: arm-none-eabi-gcc --specs=rdimon.specs (cortex-m0)" VERBATIM)
add_custom_target(guest_newlib_demo ALL DEPENDS ${_newlib_elf})
set_property(GLOBAL APPEND PROPERTY MCUSIM_GUEST_TARGETS guest_newlib_demo)
