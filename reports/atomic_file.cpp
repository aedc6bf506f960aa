// reports/atomic_file.cpp — see atomic_file.hpp.
#include "reports/atomic_file.hpp"

#include "sim/error.hpp"

#include <unistd.h>

#include <fstream>
#include <string>
#include <system_error>

namespace mcusim {

void write_file_atomically(const std::filesystem::path& path, std::string_view text) {
  // The process id keeps two concurrent writers of the same file apart.
  const std::filesystem::path partial = path.string() + fmt::format(".partial-{}", ::getpid());
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(partial, ignored);
      throw_bad_input("check the folder exists and is writable", "cannot write {}", path.string());
    }
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw_bad_input("check the folder is writable and the name is not a folder", "cannot write {}: {}",
                    path.string(), error.message());
  }
}

}  // namespace mcusim
