# A guest that runs code from SRAM (tests/tools/exec_faults_test.cpp).
mcusim_add_guest(NAME jump_to_ram_m0 CORE cortex-m0
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/fetch_ram/jump_to_ram.S
  LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/systick/systick.ld)
