# cmake/kernel_variants.cmake — the kernel variants of the int8 runtime, chosen
# at build time behind one operator interface (runtime/kernels/kernels.h).
#
# A variant is a folder runtime/kernels/<variant>/ whose files replace the
# reference file of the same name (m4/fully_connected_s8.c replaces
# kernels/fully_connected_s8.c). A variant's source list is every reference
# file, with the variant's own file where one exists; `ref` is the reference
# files alone. runtime/compiler/kernel_variants.cpp applies the same rule for
# firmware built at run time: keep the two in step.
include_guard(GLOBAL)

# Cache variables, so every directory that calls the functions sees them
# (include_guard(GLOBAL) reads this file only once).
set(MCUSIM_KERNEL_VARIANTS ref m0 m4 CACHE INTERNAL "kernel variants")
set(MCUSIM_KERNEL_DIR ${CMAKE_SOURCE_DIR}/runtime/kernels CACHE INTERNAL "reference kernels")

# Extra compiler flags a variant needs on the device; keep in step with
# runtime/compiler/kernel_variants.cpp.
# - m0 and m4: their inner loops are laid out for the registers
#   (runtime/kernels/m0/dot_s8.h, m4/dot_s8.h): r7 must not be a frame
#   pointer, and clang's loop strength reduction must not turn a shared index
#   into one pointer per array (it spills).
# - m4: word loads of int8 data at any address (LDR accepts unaligned
#   addresses on ARMv7-M, DDI 0403E §A3.2 "Alignment support"); clang's
#   bare-metal default is strict alignment, which splits every word load into
#   four LDRB.
set(MCUSIM_KERNEL_VARIANT_FLAGS_ref "" CACHE INTERNAL "")
set(MCUSIM_KERNEL_VARIANT_FLAGS_m0 -fomit-frame-pointer -mllvm -disable-lsr CACHE INTERNAL "")
set(MCUSIM_KERNEL_VARIANT_FLAGS_m4 -munaligned-access -fomit-frame-pointer -mllvm -disable-lsr CACHE INTERNAL "")

function(mcusim_check_kernel_variant variant)
  if(NOT variant IN_LIST MCUSIM_KERNEL_VARIANTS)
    string(REPLACE ";" ", " valid "${MCUSIM_KERNEL_VARIANTS}")
    message(FATAL_ERROR "unknown kernel variant '${variant}': valid variants are ${valid}")
  endif()
endfunction()

# mcusim_kernel_variant_sources(<variant> <out_var>): the C sources of one
# variant, reference files replaced by the variant's files of the same name.
function(mcusim_kernel_variant_sources variant out)
  mcusim_check_kernel_variant(${variant})
  file(GLOB ref_sources CONFIGURE_DEPENDS ${MCUSIM_KERNEL_DIR}/*.c)
  set(sources "")
  foreach(src IN LISTS ref_sources)
    get_filename_component(name ${src} NAME)
    if(NOT variant STREQUAL "ref" AND EXISTS ${MCUSIM_KERNEL_DIR}/${variant}/${name})
      list(APPEND sources ${MCUSIM_KERNEL_DIR}/${variant}/${name})
    else()
      list(APPEND sources ${src})
    endif()
  endforeach()
  set(${out} ${sources} PARENT_SCOPE)
endfunction()

# mcusim_kernel_variant_own_sources(<variant> <out_var>): only the files the
# variant replaces (empty for ref).
function(mcusim_kernel_variant_own_sources variant out)
  mcusim_check_kernel_variant(${variant})
  set(sources "")
  if(NOT variant STREQUAL "ref")
    file(GLOB sources CONFIGURE_DEPENDS ${MCUSIM_KERNEL_DIR}/${variant}/*.c)
  endif()
  set(${out} ${sources} PARENT_SCOPE)
endfunction()
