// reports/atomic_file.hpp — a file is written whole or not at all: the text
// goes to a temporary beside it, is flushed, and is renamed over the target,
// so a reader (or a CI job after an interrupted run) never sees half a report.
#pragma once

#include <filesystem>
#include <string_view>

namespace mcusim {

// Throws Error(BadInput) naming the path when the folder is missing or not
// writable; the temporary is removed on failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

}  // namespace mcusim
