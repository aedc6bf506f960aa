// runtime/firmware/runtime_dir.hpp — where the runtime's device sources are
// found at run time (the firmware builder compiles them for every image).
#pragma once

#include <filesystem>
#include <vector>

namespace mcusim::firmware {

// The runtime/ directory: $MCUSIM_RUNTIME_DIR if set, else the source tree's
// runtime/ (compiled in), so the binary works from the build directory — as
// sim's bundled_targets_dir() does for targets/.
std::filesystem::path bundled_runtime_dir();

// The include root for runtime headers: the parent of bundled_runtime_dir(),
// so `#include "runtime/device/startup.h"` resolves as in the source tree.
std::filesystem::path runtime_include_root();

// The device start-up and EABI helper sources (runtime/device/*.c, *.S),
// sorted by name. Throws mcusim::Error (BadInput) when the directory holds
// none, naming it and MCUSIM_RUNTIME_DIR.
std::vector<std::filesystem::path> device_runtime_sources();

}  // namespace mcusim::firmware
