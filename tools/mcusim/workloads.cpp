// tools/mcusim/workloads.cpp — see workloads.hpp.
#include "tools/mcusim/workloads.hpp"

#include "sim/error.hpp"
#include "sim/target/spelling.hpp"
#include "sim/target/toml_fields.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace mcusim::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::array<KeySpec, 3> kKeys = {{
    {"description", "description = \"touch-panel classifier\""},
    {"target", "target = \"touch-m0\""},
    {"weights_in", "weights_in = \"ram\""},
}};

std::optional<Workload> workload_in(const fs::path& dir) {
  Workload w;
  w.name = dir.filename().string();
  w.dir = dir;
  if (fs::is_regular_file(dir / "model.toml")) {
    w.model = dir / "model.toml";
  } else if (fs::is_regular_file(dir / "model.tflite")) {
    w.model = dir / "model.tflite";
  } else {
    return std::nullopt;
  }
  if (fs::is_regular_file(dir / "budget.toml")) w.budget = dir / "budget.toml";
  if (fs::is_regular_file(dir / "inputs.npy")) w.inputs = dir / "inputs.npy";
  const fs::path manifest = dir / "workload.toml";
  if (fs::is_regular_file(manifest)) {
    TomlFields fields(manifest);
    toml::table table;
    try {
      table = toml::parse_file(manifest.string());
    } catch (const toml::parse_error& error) {
      fields.fail(error.source(), "fix the TOML syntax at that spot", std::string(error.description()));
    }
    fields.check_keys(table, kKeys, "in workload.toml");
    if (const toml::node* node = table.get("description")) w.description = fields.as_string(*node, kKeys[0], "in workload.toml");
    if (const toml::node* node = table.get("target")) w.target = fields.as_string(*node, kKeys[1], "in workload.toml");
    if (const toml::node* node = table.get("weights_in")) {
      w.weights_in = fields.as_string(*node, kKeys[2], "in workload.toml");
      if (w.weights_in != "flash" && w.weights_in != "ram") {
        fields.fail(node->source(), "write weights_in = \"flash\" or weights_in = \"ram\"",
                    "weights_in is \"" + w.weights_in + "\"");
      }
    }
  }
  return w;
}

}  // namespace

fs::path bundled_workloads_dir() {
  if (const char* dir = std::getenv("MCUSIM_WORKLOADS_DIR"); dir && *dir) return dir;
  return MCUSIM_SOURCE_WORKLOADS_DIR;
}

std::vector<Workload> list_workloads() {
  std::vector<Workload> workloads;
  const fs::path root = bundled_workloads_dir();
  if (!fs::is_directory(root)) return workloads;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    if (auto w = workload_in(entry.path())) workloads.push_back(std::move(*w));
  }
  std::ranges::sort(workloads, {}, &Workload::name);
  return workloads;
}

Workload find_workload(const std::string& name) {
  const std::vector<Workload> all = list_workloads();
  for (const Workload& w : all) {
    if (w.name == name) return w;
  }
  std::vector<std::string> names;
  for (const Workload& w : all) names.push_back(w.name);
  const auto guess = closest_match(name, names);
  throw Error(ErrorKind::BadInput, fmt::format("no bundled workload named '{}'", name),
              (guess ? fmt::format("did you mean '{}'? ", *guess) : std::string()) +
                  "bundled: " + join_names(names) + " (`mcusim workloads` lists them); or give --model FILE");
}

}  // namespace mcusim::cli
