// `mcusim compare [--workload W | --model M] [--target T] [--variants LIST]`
// runs one model with several kernel variants and prints the per-layer
// cycles side by side with the speed-up over the first; every layer's output
// tensor of the cold inference must be the same bytes in each (exit 1 naming
// the first layer and element that differ). `mcusim compare A.json B.json`
// compares two finished `run` reports: per-layer cycles and the outputs.
// docs/compare.md.
#include "reports/compare_report_dir.hpp"
#include "runtime/firmware/size_breakdown.hpp"
#include "sim/error.hpp"
#include "tools/mcusim/commands.hpp"
#include "tools/mcusim/model_run.hpp"
#include "tools/mcusim/model_run_cli.hpp"
#include "tools/mcusim/variant_compare.hpp"
#include "tools/mcusim/work_dir.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>

namespace mcusim::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

struct CompareCliOptions {
  ModelRunCliOptions selection;  // what to run: --variant and --budget are not used
  std::string variants;  // comma-separated; empty: every variant the core runs
  std::vector<std::string> reports;
  bool json = false;
  std::string report_dir;  // --report DIR: every format (reports/compare_report_dir.hpp)
};

struct HarnessFailed {
  std::string variant;
  int status = 0;
};

struct Comparison {
  std::vector<profiler::LayerInfo> layers;
  std::vector<ComparedRun> runs;
  std::optional<std::string> mismatch;  // described; the first difference
  std::optional<std::uint32_t> mismatch_layer;  // its layer, when layers' tensors were compared
  bool outputs_only = false;  // two reports: only their final outputs compared
  std::string title;
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

ComparedRun compared(const std::string& label, const profiler::ModelProfile& profile, std::uint64_t clock_hz) {
  ComparedRun run{label, {}, profile.between_layers_cycles_cold, profile.worst_cycles, 0};
  for (const profiler::LayerProfile& layer : profile.layers) run.layer_cycles.push_back(layer.cold_cycles);
  run.worst_latency_us = clock_hz ? static_cast<double>(profile.worst_cycles) * 1e6 / static_cast<double>(clock_hz) : 0;
  return run;
}

// A fault ends the comparison with exit 3; a harness that exited non-zero
// with exit 1, as `mcusim run` does (its console output says why).
void require_finished(const ModelRunOutcome& outcome, const std::string& variant) {
  if (outcome.run.fault) {
    throw Error(ErrorKind::GuestFault,
                fmt::format("variant '{}': the guest faulted: {}: {}", variant, outcome.run.fault->kind,
                            outcome.run.fault->detail),
                outcome.run.fault->hint.empty() ? "run `mcusim run --variant " + variant + "` for the whole report"
                                                : outcome.run.fault->hint);
  }
  if (!outcome.profile) throw HarnessFailed{variant, outcome.run.exit_status.value_or(-1)};
}

Comparison compare_variants(const CompareCliOptions& cli) {
  PreparedModelRun prepared = prepare_model_run(cli.selection, cli.json ? stderr : stdout);
  const Target& target = prepared.target;
  // --kernel OP=file.c: the "user" variant's kernels only.
  const std::vector<compiler::UserKernel> user_kernels = prepared.request.user_kernels;
  std::vector<std::string> variants = split_list(cli.variants);
  if (variants.empty()) {
    variants = {"ref", "m0"};
    if (target.core == CoreModel::CortexM4) variants.push_back("m4");
    if (!user_kernels.empty()) variants = {"ref", "auto", "user"};
  }
  const bool wants_user = std::find(variants.begin(), variants.end(), "user") != variants.end();
  if (wants_user != !user_kernels.empty()) {
    throw Error(ErrorKind::Usage,
                wants_user ? "--variants names 'user' but no --kernel is given" : "--kernel given but --variants has no 'user'",
                "give --kernel OP=file.c with 'user' in --variants (or leave --variants out)");
  }
  if (variants.size() < 2) {
    throw Error(ErrorKind::Usage, fmt::format("--variants {} names one variant", cli.variants),
                "give two or more, e.g. --variants ref,m0");
  }
  Comparison comparison;
  comparison.layers = layer_infos(prepared.request.model);
  comparison.title = fmt::format("{} on {} ({}, {:g} MHz)",
                                 prepared.request.workload.empty() ? prepared.request.model_file.string()
                                                                   : prepared.request.workload,
                                 target.name, core_name(target.core), static_cast<double>(target.clock_hz) / 1e6);
  // Every name checked before the first run (m4 on an ARMv6-M core is exit
  // 2). "user": the --variant-less default kernels (auto) with the user's in
  // place of theirs.
  std::vector<std::string> labels;
  for (std::string& variant : variants) {
    labels.push_back(variant == "user" ? "user" : resolve_variant(variant, target.core));
    variant = resolve_variant(variant == "user" ? "auto" : variant, target.core);
  }
  std::optional<profiler::ModelProfile> base_tensors;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const std::string& resolved = labels[v];
    ModelRunRequest request = prepared.request;
    request.variant = variants[v];
    request.user_kernels = resolved == "user" ? user_kernels : std::vector<compiler::UserKernel>{};
    // Timing without the tensor hook (it adds cycles between layers), then
    // the cold inference once more with every tensor captured.
    WorkDir timing_dir{""};
    request.work_dir = timing_dir.path();
    const ModelRunOutcome timing = run_model(target, request);
    require_finished(timing, resolved);
    comparison.runs.push_back(compared(resolved, *timing.profile, target.clock_hz));

    WorkDir tensor_dir{""};
    request.work_dir = tensor_dir.path();
    request.dump_tensors = true;
    request.warm_inferences = 0;
    const ModelRunOutcome tensors = run_model(target, request);
    require_finished(tensors, resolved);
    if (!base_tensors) {
      base_tensors = *tensors.profile;
    } else if (!comparison.mismatch) {
      if (auto mismatch = first_tensor_mismatch(request.model, *base_tensors, *tensors.profile, resolved)) {
        comparison.mismatch = describe_mismatch(request.model, *mismatch, comparison.runs.front().label);
        comparison.mismatch_layer = mismatch->layer;
      }
    }
  }
  return comparison;
}

ordered_json read_report(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw_bad_input("give a report written by `mcusim run --json`", "cannot read report {}", file.string());
  ordered_json report;
  try {
    report = ordered_json::parse(in);
  } catch (const nlohmann::json::parse_error& error) {
    throw_bad_input("give a report written by `mcusim run --json`", "{}: not JSON: {}", file.string(), error.what());
  }
  const bool is_run = report.is_object() && report.value("schema", "") == "mcusim.report/1" &&
                      report.value("command", "") == "run" && report.contains("layers") &&
                      report["layers"].is_array() && report.contains("inferences") && report["inferences"].is_object();
  if (!is_run) {
    throw_bad_input("give a report of `mcusim run` (schema mcusim.report/1, command run, with layers[])",
                    "{} is not a finished `mcusim run` report", file.string());
  }
  return report;
}

std::uint64_t number_or_zero(const ordered_json& j, const char* key) {
  return j.contains(key) && j[key].is_number_unsigned() ? j[key].get<std::uint64_t>() : 0;
}

Comparison compare_reports(const CompareCliOptions& cli) {
  if (cli.reports.size() != 2) {
    throw Error(ErrorKind::Usage, fmt::format("{} report files given", cli.reports.size()),
                "give two: mcusim compare old.json new.json");
  }
  const ordered_json a = read_report(cli.reports[0]);
  const ordered_json b = read_report(cli.reports[1]);
  if (a["layers"].size() != b["layers"].size()) {
    throw_bad_input("compare two runs of the same model",
                    "{} has {} layers and {} has {}: not the same model", cli.reports[0], a["layers"].size(),
                    cli.reports[1], b["layers"].size());
  }
  Comparison comparison;
  comparison.title = fmt::format("{} vs {}", cli.reports[0], cli.reports[1]);
  comparison.outputs_only = true;
  for (const auto& layer : a["layers"]) {
    comparison.layers.push_back(
        {layer.value("name", ""), layer.value("op", ""), layer.contains("macs") && layer["macs"].is_number()
                                                              ? layer["macs"].get<std::int64_t>()
                                                              : 0});
  }
  for (std::size_t i = 0; i < 2; ++i) {
    const ordered_json& report = i == 0 ? a : b;
    ComparedRun run;
    run.label = fs::path(cli.reports[i]).filename().string();
    for (const auto& layer : report["layers"]) run.layer_cycles.push_back(number_or_zero(layer, "cycles"));
    run.between_layers_cycles = number_or_zero(report["inferences"], "between_layers_cycles_cold");
    run.worst_cycles = number_or_zero(report["inferences"], "worst_cycles");
    run.worst_latency_us = report["inferences"].value("worst_latency_us", 0.0);
    comparison.runs.push_back(std::move(run));
  }
  if (a.value("outputs", ordered_json()) != b.value("outputs", ordered_json())) {
    const ordered_json& x = a["outputs"];
    const ordered_json& y = b["outputs"];
    std::string where = "the number of inferences differs";
    for (std::size_t i = 0; x.is_array() && y.is_array() && i < std::min(x.size(), y.size()); ++i) {
      if (x[i] == y[i]) continue;
      std::size_t e = 0;
      while (x[i].is_array() && y[i].is_array() && e < std::min(x[i].size(), y[i].size()) && x[i][e] == y[i][e]) ++e;
      where = fmt::format("inference {}, output element {}: {} vs {}", i, e,
                          x[i].is_array() && e < x[i].size() ? x[i][e].dump() : "(absent)",
                          y[i].is_array() && e < y[i].size() ? y[i][e].dump() : "(absent)");
      break;
    }
    comparison.mismatch = fmt::format("the outputs differ: {}", where);
  }
  return comparison;
}

std::string speedup(std::uint64_t base, std::uint64_t other) {
  return other == 0 ? "-" : fmt::format("{:.2f}x", static_cast<double>(base) / static_cast<double>(other));
}

void print_comparison(const Comparison& c) {
  fmt::print("mcusim compare: {}\n\n", c.title);
  std::string header = fmt::format("  {:>3}  {:<22} {:<20} {:>10}", "#", "layer", "op", "MACs");
  for (const ComparedRun& run : c.runs) header += fmt::format(" {:>12}", run.label);
  for (std::size_t r = 1; r < c.runs.size(); ++r) header += fmt::format(" {:>9}", c.runs[0].label + "/" + c.runs[r].label);
  fmt::print("{}\n", header);
  for (std::size_t l = 0; l < c.layers.size(); ++l) {
    std::string row = fmt::format("  {:>3}  {:<22} {:<20} {:>10}", l, c.layers[l].name.substr(0, 22), c.layers[l].op,
                                  firmware::grouped(static_cast<std::uint64_t>(c.layers[l].macs)));
    for (const ComparedRun& run : c.runs) {
      row += fmt::format(" {:>12}", l < run.layer_cycles.size() ? firmware::grouped(run.layer_cycles[l]) : "-");
    }
    for (std::size_t r = 1; r < c.runs.size(); ++r) {
      const bool both = l < c.runs[0].layer_cycles.size() && l < c.runs[r].layer_cycles.size();
      row += fmt::format(" {:>9}", both ? speedup(c.runs[0].layer_cycles[l], c.runs[r].layer_cycles[l]) : "-");
    }
    fmt::print("{}\n", row);
  }
  std::string engine = fmt::format("       {:<54}", "(engine between layers)");
  std::string worst = fmt::format("       {:<54}", "inference, worst (cycles)");
  std::string micro = fmt::format("       {:<54}", "inference, worst (us)");
  for (const ComparedRun& run : c.runs) {
    engine += fmt::format(" {:>12}", firmware::grouped(run.between_layers_cycles));
    worst += fmt::format(" {:>12}", firmware::grouped(run.worst_cycles));
    micro += fmt::format(" {:>12.3f}", run.worst_latency_us);
  }
  for (std::size_t r = 1; r < c.runs.size(); ++r) worst += fmt::format(" {:>9}", speedup(c.runs[0].worst_cycles, c.runs[r].worst_cycles));
  fmt::print("{}\n{}\n{}\n\n", engine, worst, micro);
  if (c.mismatch) {
    fmt::print("DIFFERENT: {}\n", *c.mismatch);
  } else {
    std::string labels;
    for (const ComparedRun& run : c.runs) labels += (labels.empty() ? "" : ", ") + run.label;
    fmt::print("IDENTICAL: every compared output is the same bytes in {}\n", labels);
  }
}

ordered_json comparison_json(const Comparison& c) {
  ordered_json j;
  j["schema"] = "mcusim.compare/1";
  j["title"] = c.title;
  ordered_json runs = ordered_json::array();
  for (const ComparedRun& run : c.runs) {
    ordered_json r;
    r["label"] = run.label;
    r["layer_cycles"] = run.layer_cycles;
    r["between_layers_cycles"] = run.between_layers_cycles;
    r["worst_cycles"] = run.worst_cycles;
    r["worst_latency_us"] = run.worst_latency_us;
    runs.push_back(std::move(r));
  }
  j["runs"] = std::move(runs);
  ordered_json layers = ordered_json::array();
  for (std::size_t l = 0; l < c.layers.size(); ++l) {
    layers.push_back({{"index", l}, {"name", c.layers[l].name}, {"op", c.layers[l].op}, {"macs", c.layers[l].macs}});
  }
  j["layers"] = std::move(layers);
  j["identical"] = !c.mismatch.has_value();
  j["mismatch"] = c.mismatch ? ordered_json(*c.mismatch) : ordered_json(nullptr);
  j["mismatch_layer"] = c.mismatch_layer ? ordered_json(*c.mismatch_layer) : ordered_json(nullptr);
  j["compared"] = c.outputs_only ? "outputs" : "layer_tensors";
  return j;
}

int compare(const CompareCliOptions& cli) {
  Comparison comparison;
  try {
    comparison = cli.reports.empty() ? compare_variants(cli) : compare_reports(cli);
  } catch (const HarnessFailed& failed) {
    fmt::print(stderr, "mcusim compare: variant '{}': the firmware exited with status {}; run `mcusim run --variant {}` "
               "for its whole output\n", failed.variant, failed.status, failed.variant);
    return 1;
  }
  if (!cli.report_dir.empty()) write_compare_report_dir(cli.report_dir, comparison_json(comparison));
  if (cli.json) {
    fmt::print("{}\n", comparison_json(comparison).dump(2));
  } else {
    print_comparison(comparison);
  }
  return comparison.mismatch ? 1 : 0;
}

}  // namespace

Command add_compare_command(CLI::App& app) {
  auto options = std::make_shared<CompareCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Compare kernel variants on one model (per-layer cycles side by side, outputs bit for bit), "
                 "or two `run` report JSONs");
  cmd->add_option("reports", options->reports, "two report JSONs of `mcusim run --json` to compare instead of running");
  cmd->add_option("--workload", options->selection.workload, "a bundled workload (`mcusim workloads`); default: touch");
  cmd->add_option("--model", options->selection.model, "a .tflite file or a model spec .toml instead of a workload");
  cmd->add_option("--target", options->selection.target, "a bundled target or a target .toml (default: the workload's)");
  cmd->add_option("--variants", options->variants,
                  "comma-separated kernel variants, the first the baseline (default: every variant the core runs, "
                  "ref first)");
  cmd->add_option("--kernel", options->selection.kernels,
                  "OP=file.c: your kernel for operator OP, compared as variant 'user' (the default kernels with "
                  "yours in place; runtime/include/mcusim_kernels.h); repeatable");
  add_set_option(*cmd, options->selection.sets);
  add_timing_options(*cmd, options->selection.timing);
  cmd->add_option("--inferences", options->selection.inferences, "warm inferences after the cold first one")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--input", options->selection.inputs, "input tensor(s), as `mcusim run --input`");
  cmd->add_option("--weights-in", options->selection.weights_in, "flash or ram, as `mcusim run --weights-in`")
      ->check(CLI::IsMember({"flash", "ram"}));
  cmd->add_option("--max-cycles", options->selection.max_cycles, "stop a run that takes longer (exit 3)");
  cmd->add_flag("--json", options->json, "print the comparison as JSON (mcusim.compare/1) on stdout");
  cmd->add_option("--report", options->report_dir,
                  "write compare.json, compare.md, compare.xml (JUnit) and compare.html into this folder, atomically");
  return {cmd, [options] { return compare(*options); }};
}

}  // namespace mcusim::cli
