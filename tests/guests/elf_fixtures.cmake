# Fixture ELFs for the ELF loader tests (tests/sim/elf/elf_image_test.cpp):
# the same tiny program linked for the generic targets' map and for an
# STM32-style map with flash at 0x0800_0000 that no generic target holds.
set(MCUSIM_ELF_FIXTURES ${CMAKE_CURRENT_LIST_DIR}/elf_fixtures)
mcusim_add_guest(NAME elf_small CORE cortex-m0
  SOURCES ${MCUSIM_ELF_FIXTURES}/small.s
  LINKER_SCRIPT ${MCUSIM_ELF_FIXTURES}/generic.ld)
mcusim_add_guest(NAME elf_at_0800 CORE cortex-m0
  SOURCES ${MCUSIM_ELF_FIXTURES}/small.s
  LINKER_SCRIPT ${MCUSIM_ELF_FIXTURES}/stm32_flash.ld)

# The ELF tests read these files, so building mcusim_tests builds them. The test
# executable is defined after this folder (tests/CMakeLists.txt), hence DEFER.
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR}/tests
  CALL add_dependencies mcusim_tests guest_elf_small guest_elf_at_0800)
