// tools/mcusim/work_dir.hpp — where a run builds its firmware: the folder the
// user named (kept), or a fresh temporary one removed when the run ends.
#pragma once

#include <filesystem>
#include <string>

namespace mcusim::cli {

class WorkDir {
 public:
  explicit WorkDir(const std::string& requested);  // empty: a temporary folder
  ~WorkDir();
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
  bool temporary_ = false;
};

}  // namespace mcusim::cli
