// reports/report_dir.cpp — see report_dir.hpp.
#include "reports/report_dir.hpp"

#include "reports/callgrind_report.hpp"
#include "reports/folded_stacks.hpp"
#include "reports/html_report.hpp"
#include "reports/json_report.hpp"
#include "reports/junit_report.hpp"
#include "reports/markdown_report.hpp"
#include "reports/trace_report.hpp"
#include "sim/error.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace mcusim {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPartialInfix = ".partial-";
constexpr const char* kOldInfix = ".old-";

// A folder mcusim may replace: empty, or holding the marker file (report.json)
// it wrote, with that schema.
bool is_output_dir(const fs::path& dir, const std::string& marker, const std::string& schema) {
  std::error_code error;
  if (fs::is_empty(dir, error)) return true;
  std::ifstream in(dir / marker);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  const auto json = Report::parse(text.str(), nullptr, false);
  return json.is_object() && json.value("schema", std::string()) == schema;
}

// Leftovers of runs that were killed between building and renaming: a
// sibling ".NAME.partial-PID" or ".NAME.old-PID" whose process is gone.
void remove_stale_siblings(const fs::path& dir) {
  const fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  const std::string name = dir.filename().string();
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    const std::string sibling = entry.path().filename().string();
    for (const std::string infix : {kPartialInfix, kOldInfix}) {
      const std::string prefix = "." + name + infix;
      if (sibling.rfind(prefix, 0) != 0) continue;
      const std::string pid_text = sibling.substr(prefix.size());
      if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
      const auto pid = static_cast<pid_t>(std::stol(pid_text));
      if (pid == ::getpid() || (::kill(pid, 0) != 0 && errno == ESRCH)) {
        std::error_code ignored;
        fs::remove_all(entry.path(), ignored);
      }
    }
  }
}

fs::path sibling(const fs::path& dir, const char* infix) {
  return dir.parent_path() / fmt::format(".{}{}{}", dir.filename().string(), infix, ::getpid());
}

// Removes the temporary folder unless release() was called: an exception on
// the way leaves nothing behind.
class TemporaryDir {
 public:
  explicit TemporaryDir(fs::path path) : path_(std::move(path)) {}
  TemporaryDir(const TemporaryDir&) = delete;
  TemporaryDir& operator=(const TemporaryDir&) = delete;
  ~TemporaryDir() {
    std::error_code ignored;
    if (!released_) fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  void release() { released_ = true; }

 private:
  fs::path path_;
  bool released_ = false;
};

[[noreturn]] void cannot_write(const fs::path& dir, const std::string& why) {
  throw_bad_input("give --report a new folder, or one an earlier mcusim run wrote, in a writable place",
                  "cannot write the report folder {}: {}", dir.string(), why);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> report_files(const Report& report,
                                                              const profiler::ExecutionProfile* profile) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"report.json", to_text(report)},          {"summary.md", markdown_report(report)},
      {"junit.xml", junit_report(report)},       {"trace.json", trace_report(report)},
      {"report.html", html_report(report)},
  };
  if (profile) {
    files.emplace_back("callgrind.out", callgrind_report(*profile, "mcusim " + report.value("command", std::string()) +
                                                                        ": " + report_title(report)));
    files.emplace_back("stacks.folded", folded_stacks(*profile));
  }
  return files;
}

void write_report_dir(const fs::path& requested, const Report& report, const profiler::ExecutionProfile* profile) {
  write_files_dir(requested, report_files(report, profile), "report.json", kReportSchema);
}

void write_files_dir(const fs::path& requested, const std::vector<std::pair<std::string, std::string>>& files,
                     const std::string& marker, const std::string& schema) {
  // A trailing slash would give an empty file name: work on the folder itself.
  const fs::path dir = requested.has_filename() ? requested : requested.parent_path();
  if (dir.empty()) cannot_write(requested, "no folder name");
  std::error_code error;
  const bool exists = fs::exists(dir, error);
  if (exists && !fs::is_directory(dir, error)) cannot_write(dir, "it exists and is not a folder");
  if (exists && !is_output_dir(dir, marker, schema)) {
    cannot_write(dir, "it exists and holds files mcusim did not write (no " + marker + " of " + schema + ")");
  }
  remove_stale_siblings(dir);

  TemporaryDir partial(sibling(dir, kPartialInfix));
  if (!fs::create_directories(partial.path(), error) || error) cannot_write(dir, error.message());
  for (const auto& [name, text] : files) {
    std::ofstream out(partial.path() / name, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) cannot_write(dir, "writing " + name + " failed");
  }

  if (!exists) {
    if (::rename(partial.path().c_str(), dir.c_str()) != 0) cannot_write(dir, std::strerror(errno));
    partial.release();
    return;
  }
  // Swap the old folder and the new one in one step; the old one, now at the
  // temporary's name, is then removed by TemporaryDir.
  if (::renameat2(AT_FDCWD, partial.path().c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) == 0) return;
  // A file system without RENAME_EXCHANGE: two renames, the old folder moved
  // aside first so that DIR is never a mix.
  const fs::path old = sibling(dir, kOldInfix);
  if (::rename(dir.c_str(), old.c_str()) != 0) cannot_write(dir, std::strerror(errno));
  if (::rename(partial.path().c_str(), dir.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::rename(old.c_str(), dir.c_str());
    cannot_write(dir, why);
  }
  partial.release();
  fs::remove_all(old, error);
}

}  // namespace mcusim
