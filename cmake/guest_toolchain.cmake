# Cross-building Thumb guest programs with the pinned clang-14 + ld.lld-14.
# Guests are bare-metal: no libc, our own start-up, one linker script per memory map.
find_program(MCUSIM_GUEST_CC clang-14 REQUIRED)
find_program(MCUSIM_GUEST_LD ld.lld-14 REQUIRED)

# Flags per core, from TIMING-FACTS.md "Cross-building".
set(MCUSIM_GUEST_FLAGS_cortex-m0 --target=thumbv6m-none-eabi -mcpu=cortex-m0)
set(MCUSIM_GUEST_FLAGS_cortex-m0plus --target=thumbv6m-none-eabi -mcpu=cortex-m0plus)
set(MCUSIM_GUEST_FLAGS_cortex-m4 --target=thumbv7em-none-eabi -mcpu=cortex-m4 -mfloat-abi=soft)
set(MCUSIM_GUEST_FLAGS_cortex-m4f --target=thumbv7em-none-eabi -mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16)
set(MCUSIM_GUEST_COMMON_FLAGS -ffreestanding -nostdlib -ffunction-sections -fdata-sections -g -O2 -Wall -Wextra)

# The GCC-Arm libgcc for a core: soft-float and other EABI helpers that Debian
# ships for arm-none-eabi but not for clang (no compiler-rt for Arm).
find_program(MCUSIM_ARM_GCC arm-none-eabi-gcc)
set(MCUSIM_LIBGCC_FLAGS_cortex-m0 -mcpu=cortex-m0 -mthumb)
set(MCUSIM_LIBGCC_FLAGS_cortex-m0plus -mcpu=cortex-m0plus -mthumb)
set(MCUSIM_LIBGCC_FLAGS_cortex-m4 -mcpu=cortex-m4 -mthumb -mfloat-abi=soft)
set(MCUSIM_LIBGCC_FLAGS_cortex-m4f -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16)
function(mcusim_libgcc_for core out)
  if(NOT MCUSIM_ARM_GCC)
    message(FATAL_ERROR "arm-none-eabi-gcc not found: run tools/install-deps.sh (tools/deps.txt)")
  endif()
  execute_process(COMMAND ${MCUSIM_ARM_GCC} ${MCUSIM_LIBGCC_FLAGS_${core}} -print-libgcc-file-name
                  OUTPUT_VARIABLE path OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  set(${out} ${path} PARENT_SCOPE)
endfunction()

# mcusim_add_guest(NAME <name> CORE <core> SOURCES <files...> [INCLUDES <dirs...>]
#                  [DEFINES <NAME[=value]...>] [FLAGS <compiler flags...>]
#                  [LINKER_SCRIPT <file>] [LIBGCC])
# Builds ${CMAKE_BINARY_DIR}/guests/<name>.elf and a target guest_<name>.
# LIBGCC links arm-none-eabi's libgcc for the core (soft-float helpers).
# FLAGS are added to every compile (e.g. a kernel variant's -munaligned-access).
function(mcusim_add_guest)
  cmake_parse_arguments(G "LIBGCC" "NAME;CORE;LINKER_SCRIPT" "SOURCES;INCLUDES;DEFINES;FLAGS" ${ARGN})
  if(NOT G_LINKER_SCRIPT)
    set(G_LINKER_SCRIPT ${CMAKE_SOURCE_DIR}/tests/guests/common/generic.ld)
  endif()
  set(out_dir ${CMAKE_BINARY_DIR}/guests/${G_NAME})
  set(objects "")
  set(include_flags "")
  foreach(inc IN LISTS G_INCLUDES)
    list(APPEND include_flags -I${inc})
  endforeach()
  foreach(definition IN LISTS G_DEFINES)
    list(APPEND include_flags -D${definition})
  endforeach()
  list(APPEND include_flags ${G_FLAGS})
  set(libraries "")
  if(G_LIBGCC)
    mcusim_libgcc_for(${G_CORE} libraries)
  endif()
  foreach(src IN LISTS G_SOURCES)
    get_filename_component(abs ${src} ABSOLUTE)
    get_filename_component(base ${src} NAME)
    set(obj ${out_dir}/${base}.o)
    # The depfile makes a guest rebuild when a header it includes changes;
    # plain assembly (.s) is not preprocessed and includes nothing.
    get_filename_component(ext ${src} LAST_EXT)
    set(depfile_flags "")
    set(depfile_option "")
    if(NOT ext STREQUAL ".s")
      set(depfile_flags -MD -MF ${obj}.d)
      set(depfile_option DEPFILE ${obj}.d)
    endif()
    add_custom_command(OUTPUT ${obj}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${out_dir}
      COMMAND ${MCUSIM_GUEST_CC} ${MCUSIM_GUEST_FLAGS_${G_CORE}} ${MCUSIM_GUEST_COMMON_FLAGS}
              -Wno-unused-command-line-argument ${include_flags} ${depfile_flags}
              -c ${abs} -o ${obj}
      DEPENDS ${abs}
      ${depfile_option}
      COMMENT "guest ${G_NAME}: ${base} (${G_CORE})" VERBATIM)
    list(APPEND objects ${obj})
  endforeach()
  set(elf ${CMAKE_BINARY_DIR}/guests/${G_NAME}.elf)
  add_custom_command(OUTPUT ${elf}
    COMMAND ${MCUSIM_GUEST_LD} -T ${G_LINKER_SCRIPT} --gc-sections -o ${elf} ${objects} ${libraries}
    DEPENDS ${objects} ${G_LINKER_SCRIPT}
    COMMENT "guest ${G_NAME}: link" VERBATIM)
  add_custom_target(guest_${G_NAME} ALL DEPENDS ${elf})
  # The test executable depends on every guest (tests/CMakeLists.txt reads this).
  set_property(GLOBAL APPEND PROPERTY MCUSIM_GUEST_TARGETS guest_${G_NAME})
endfunction()
