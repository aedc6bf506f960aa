// sim/target/target.cpp — queries on a loaded Target, and finding target files
// (by bundled name or by path). Parsing and validation: target_loader.cpp.
#include "sim/target/target.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "sim/error.hpp"
#include "sim/target/spelling.hpp"

namespace mcusim {

std::optional<std::uint32_t> MemoryRegion::required_wait_states(
    std::uint64_t clock_hz) const noexcept {
  for (std::size_t i = 0; i < wait_state_max_hz.size(); ++i) {
    if (clock_hz <= wait_state_max_hz[i]) return static_cast<std::uint32_t>(i);
  }
  return std::nullopt;
}

const MemoryRegion* Target::region_at(std::uint32_t address) const noexcept {
  // Regions are sorted by base and do not overlap: the candidate is the last
  // region starting at or below the address.
  auto after = std::upper_bound(regions.begin(), regions.end(), address,
                                [](std::uint32_t a, const MemoryRegion& r) { return a < r.base; });
  if (after == regions.begin()) return nullptr;
  const MemoryRegion& candidate = *std::prev(after);
  return candidate.contains(address) ? &candidate : nullptr;
}

const MemoryRegion* Target::first_of(RegionKind kind) const noexcept {
  for (const MemoryRegion& region : regions) {
    if (region.kind == kind) return &region;
  }
  return nullptr;
}

std::uint64_t Target::total_bytes(RegionKind kind) const noexcept {
  std::uint64_t total = 0;
  for (const MemoryRegion& region : regions) {
    if (region.kind == kind) total += region.size;
  }
  return total;
}

std::filesystem::path bundled_targets_dir() {
  if (const char* dir = std::getenv("MCUSIM_TARGETS_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return MCUSIM_SOURCE_TARGETS_DIR;
}

namespace {

bool is_target_path(std::string_view name_or_path) {
  return name_or_path.find('/') != std::string_view::npos || name_or_path.ends_with(".toml");
}

std::vector<std::string> bundled_target_names() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(bundled_targets_dir(), error)) {
    if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_target_file(const std::filesystem::path& file) {
  std::error_code error;
  const bool exists = std::filesystem::exists(file, error);
  errno = 0;
  std::ifstream in(file, std::ios::binary);
  if (!exists || !in || std::filesystem::is_directory(file, error)) {
    const int code = errno;
    const std::string reason = !exists     ? "no such file"
                               : code != 0 ? std::strerror(code)
                                           : "not a readable file";
    throw_bad_input(
        "give the name of a bundled target (`mcusim targets` lists them) or the path "
        "of a target .toml file (docs/targets.md describes the format)",
        "cannot read target file {}: {}", file.string(), reason);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

}  // namespace

Target load_target(std::string_view name_or_path) {
  if (is_target_path(name_or_path)) {
    const std::filesystem::path file{std::string(name_or_path)};
    return parse_target(read_target_file(file), file);
  }
  const std::filesystem::path dir = bundled_targets_dir();
  const std::filesystem::path file = dir / (std::string(name_or_path) + ".toml");
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) {
    const std::vector<std::string> names = bundled_target_names();
    std::string advice;
    if (const auto guess = closest_match(name_or_path, names)) {
      advice = fmt::format("did you mean '{}'? ", *guess);
    }
    advice += names.empty()
                  ? fmt::format(
                        "no targets found in {} (set MCUSIM_TARGETS_DIR to the "
                        "folder holding the target files)",
                        dir.string())
                  : fmt::format("available targets: {} (in {})", join_names(names), dir.string());
    advice += "; or pass the path of a target .toml file";
    throw_bad_input(std::move(advice), "unknown target '{}'", name_or_path);
  }
  return parse_target(read_target_file(file), file);
}

std::vector<Target> list_bundled_targets() {
  std::vector<Target> targets;
  const std::filesystem::path dir = bundled_targets_dir();
  for (const std::string& name : bundled_target_names()) {
    const std::filesystem::path file = dir / (name + ".toml");
    targets.push_back(parse_target(read_target_file(file), file));
  }
  std::sort(targets.begin(), targets.end(),
            [](const Target& a, const Target& b) { return a.name < b.name; });
  return targets;
}

}  // namespace mcusim
