# Warnings for the project's own host code: on, and clean.
option(MCUSIM_WERROR "Treat warnings as errors" ON)
add_library(mcusim_warnings INTERFACE)
target_compile_options(mcusim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${MCUSIM_WERROR}>:-Werror>)
