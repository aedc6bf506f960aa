# -DMCUSIM_FUZZ=ON (tools/fuzz.sh): instrument all host code for libFuzzer
# (coverage feedback) with AddressSanitizer and UndefinedBehaviorSanitizer, so
# a parser's out-of-bounds read or overflow stops the fuzzer instead of passing
# silently. libFuzzer ships with clang only (libclang-rt-14-dev).
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "MCUSIM_FUZZ needs clang (libFuzzer): configure with CC=clang-14 CXX=clang++-14, "
                      "or run tools/fuzz.sh, which does")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                    -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
