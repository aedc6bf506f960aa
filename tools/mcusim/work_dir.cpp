// tools/mcusim/work_dir.cpp — see work_dir.hpp.
#include "tools/mcusim/work_dir.hpp"

#include "sim/error.hpp"

#include <stdlib.h>

#include <system_error>

namespace mcusim::cli {

WorkDir::WorkDir(const std::string& requested) {
  if (!requested.empty()) {
    std::error_code error;
    std::filesystem::create_directories(requested, error);
    if (error) throw_bad_input("give a folder mcusim may create and write", "cannot create work folder {}: {}", requested, error.message());
    path_ = std::filesystem::absolute(requested);
    return;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "mcusim-run-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) {
    throw Error(ErrorKind::Internal, "cannot create a temporary folder for the firmware build",
                "set TMPDIR to a writable folder, or give --work-dir");
  }
  path_ = pattern;
  temporary_ = true;
}

WorkDir::~WorkDir() {
  if (!temporary_) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace mcusim::cli
