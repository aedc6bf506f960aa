# Host libraries, all from the Debian packages in tools/deps.txt.
find_package(PkgConfig REQUIRED)
pkg_check_modules(UNICORN REQUIRED IMPORTED_TARGET unicorn)
pkg_check_modules(CAPSTONE REQUIRED IMPORTED_TARGET capstone)
find_package(fmt REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)

# LLVM 14 (the same version as the pinned cross toolchain) for ELF symbols and,
# later, DWARF line tables.
find_package(LLVM 14 REQUIRED CONFIG PATHS /usr/lib/llvm-14/lib/cmake/llvm NO_DEFAULT_PATH)
add_library(mcusim_llvm INTERFACE)
target_include_directories(mcusim_llvm SYSTEM INTERFACE ${LLVM_INCLUDE_DIRS})
target_compile_definitions(mcusim_llvm INTERFACE ${LLVM_DEFINITIONS})
llvm_map_components_to_libnames(MCUSIM_LLVM_LIBS object support)
target_link_libraries(mcusim_llvm INTERFACE ${MCUSIM_LLVM_LIBS})
