// tools/mcusim/workloads.hpp — the bundled workloads (workloads/<name>/):
// each folder holds a model spec (model.toml) or model.tflite, and optionally
// budget.toml (docs/budgets.md), inputs.npy (the inputs `run` feeds when
// --input is not given) and workload.toml (description, default target).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mcusim::cli {

struct Workload {
  std::string name;
  std::filesystem::path dir;
  std::filesystem::path model;                 // model.toml or model.tflite
  std::optional<std::filesystem::path> budget;  // budget.toml
  std::optional<std::filesystem::path> inputs;  // inputs.npy
  std::string description;
  std::string target = "generic-m0";  // workload.toml's target, else this
  std::string weights_in = "flash";   // workload.toml's weights_in: "flash" or "ram"
};

// $MCUSIM_WORKLOADS_DIR if set, else the source tree's workloads/.
std::filesystem::path bundled_workloads_dir();

// Throws mcusim::Error (BadInput) for an unknown name, listing the bundled ones.
Workload find_workload(const std::string& name);

// Every folder of bundled_workloads_dir() with a model, sorted by name.
std::vector<Workload> list_workloads();

}  // namespace mcusim::cli
