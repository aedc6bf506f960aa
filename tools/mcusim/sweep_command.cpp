// `mcusim sweep [AXES | --grid FILE] [-j N] [--shard K/N] [-o DIR]` and
// `mcusim sweep --merge A.json B.json ... -o DIR`: a what-if grid over target,
// clock, wait states, prefetch, cache, variant and model, run in parallel
// (docs/sweep.md). Prints the Markdown table; -o writes sweep.json, .csv, .md.
#include "sim/error.hpp"
#include "tools/mcusim/commands.hpp"
#include "tools/mcusim/model_run_cli.hpp"
#include "tools/mcusim/sweep/grid.hpp"
#include "tools/mcusim/sweep/progress.hpp"
#include "tools/mcusim/sweep/shard.hpp"
#include "tools/mcusim/sweep/sweep_output.hpp"
#include "tools/mcusim/sweep/sweep_runner.hpp"
#include "tools/mcusim/work_dir.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <thread>

namespace mcusim::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct SweepCliOptions {
  std::map<std::string, std::vector<std::string>> axis_flags;  // by axis name
  std::string grid_file;
  ModelRunCliOptions run;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::string shard;
  std::vector<std::string> merge;
  std::string output_dir;
  std::uint64_t max_points = 10'000;
  bool no_reuse = false;
  bool quiet = false;
  bool list = false;
  bool json = false;
};

// The grid file's axes, then the flags' in the order they were given.
sweep::Grid make_grid(const SweepCliOptions& cli, const CLI::App& command) {
  sweep::Grid grid;
  if (!cli.grid_file.empty()) grid = sweep::load_grid_file(cli.grid_file);
  const std::size_t from_file = grid.axes.size();
  for (const CLI::Option* option : command.parse_order()) {
    if (option->get_lnames().empty()) continue;
    std::string axis = option->get_lnames().front();
    std::ranges::replace(axis, '-', '_');
    const auto given = cli.axis_flags.find(axis);
    if (given == cli.axis_flags.end()) continue;
    const auto known = std::ranges::find_if(grid.axes, [&](const sweep::Axis& a) { return a.name == axis; });
    if (known != grid.axes.end()) {
      if (static_cast<std::size_t>(known - grid.axes.begin()) < from_file) {
        throw Error(ErrorKind::Usage,
                    fmt::format("axis {} is given in {} and as {}", axis, cli.grid_file, sweep::flag_of(axis)),
                    "give each axis once: in the grid file or as a flag");
      }
      continue;  // a flag given twice appears twice in parse_order; CLI11 joined its values
    }
    grid.axes.push_back(sweep::parse_axis(axis, given->second));
  }
  if (grid.find("workload") != nullptr && grid.find("model") != nullptr) {
    throw Error(ErrorKind::Usage, "a grid over both workload and model",
                "sweep bundled workloads (--workload a,b) or model files (--model f1,f2), not both");
  }
  return grid;
}

json settings_json(const ModelRunCliOptions& run) {
  auto text_or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  // As a run report's "overrides": each change as its flag.
  std::vector<std::string> overrides;
  for (const std::string& set : run.sets) overrides.push_back("--set " + set);
  return {{"inferences", run.inferences},      {"weights_in", text_or_null(run.weights_in)},
          {"stack_bytes", run.stack_bytes},    {"max_cycles", run.max_cycles},
          {"workload", text_or_null(run.workload)}, {"model", text_or_null(run.model)},
          {"target", text_or_null(run.target)},     {"variant", run.variant},
          {"overrides", overrides}};
}

int exit_code_of(const json& sweep) {
  const json& points = sweep.at("points");
  const auto any = [&](auto&& test) { return std::ranges::any_of(points, test); };
  if (any([](const json& p) { return p.at("status") == "faulted"; })) return 3;
  if (!points.empty() && !any([](const json& p) { return p.at("status") == "ok"; })) return 2;
  const bool judged = any([](const json& p) { return !p.at("meets_budget").is_null(); });
  if (judged && !any([](const json& p) { return p.at("meets_budget") == true; })) return 1;
  return 0;
}

int finish(const SweepCliOptions& cli, const json& sweep) {
  if (!cli.output_dir.empty()) sweep::write_sweep_dir(cli.output_dir, sweep);
  fmt::print("{}", cli.json ? sweep::sweep_json_text(sweep) : sweep::sweep_markdown(sweep));
  return exit_code_of(sweep);
}

int merge(const SweepCliOptions& cli) {
  std::vector<fs::path> files(cli.merge.begin(), cli.merge.end());
  return finish(cli, sweep::merge_shards(files));
}

int run(const SweepCliOptions& cli, const CLI::App& command) {
  if (!cli.merge.empty()) {
    if (!cli.grid_file.empty() || !cli.shard.empty() || !cli.axis_flags.empty()) {
      throw Error(ErrorKind::Usage, "--merge with a grid or --shard",
                  "--merge only joins finished shards: mcusim sweep --merge s1/sweep.json s2/sweep.json -o DIR");
    }
    return merge(cli);
  }
  const sweep::Grid grid = make_grid(cli, command);
  const std::uint64_t count = grid.size();
  if (count > cli.max_points) {
    throw Error(ErrorKind::Usage,
                fmt::format("the grid has {} points, more than --max-points {}", count, cli.max_points),
                "narrow an axis, split the sweep with --shard K/N, or raise --max-points if you mean it");
  }
  const std::optional<sweep::ShardSpec> shard =
      cli.shard.empty() ? std::nullopt : std::optional(sweep::parse_shard(cli.shard));
  const std::vector<std::uint64_t> indices = sweep::shard_indices(count, shard);
  if (cli.list) {
    for (const std::uint64_t index : indices) {
      std::string line = fmt::format("{}", index);
      for (const auto& [axis, value] : sweep::grid_point(grid, index).values) {
        line += fmt::format(" {}={}", axis, value.is_string() ? value.get<std::string>() : value.dump());
      }
      fmt::print("{}\n", line);
    }
    return 0;
  }

  WorkDir work(cli.run.work_dir);
  sweep::Progress progress(indices.size(), sweep::Progress::style_for(stderr, cli.quiet));
  sweep::SweepRunOptions options;
  options.run = cli.run;
  options.jobs = cli.jobs;
  options.reuse = !cli.no_reuse;
  options.work_dir = work.path();
  options.on_point_done = [&](const json& point) { progress.point_done(point); };
  const auto started = std::chrono::steady_clock::now();
  sweep::SweepRun result = sweep::run_sweep(grid, indices, options);
  progress.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!cli.quiet) {  // host time: the terminal only, never the outputs
    fmt::print(stderr, "sweep: {} points in {:.2f} s with -j {}, {} firmware build{}\n", indices.size(), seconds,
               cli.jobs, result.firmware_builds, result.firmware_builds == 1 ? "" : "s");
  }
  const json sweep = sweep::sweep_document(grid, std::move(result.points), std::move(result.budget),
                                           settings_json(cli.run), shard);
  return finish(cli, sweep);
}

}  // namespace

Command add_sweep_command(CLI::App& app) {
  auto options = std::make_shared<SweepCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sweep", "What-if grid: every combination of the axes given (target, clock, wait states, prefetch, cache, "
               "variant, model) run in parallel, as a table, CSV and JSON (docs/sweep.md)");
  const std::map<std::string_view, std::string_view> help = {
      {"target", "targets, comma-separated (default: the workload's)"},
      {"workload", "bundled workloads, comma-separated (default: touch)"},
      {"model", "model files (.tflite or spec .toml), comma-separated, instead of workloads"},
      {"variant", "kernel variants: ref, m0, m4, auto (default: auto)"},
      {"clock_mhz", "core clocks in MHz, e.g. 24,48"},
      {"wait_states", "flash wait states, e.g. 0,1,2 (default: the target's, or its table at the clock)"},
      {"prefetch", "flash prefetch buffer: on,off"},
      {"cache", "flash caches (ART, instruction cache): on,off"},
  };
  for (const std::string_view axis : sweep::axis_names()) {
    cmd->add_option_function<std::vector<std::string>>(
           sweep::flag_of(axis),
           [options, name = std::string(axis)](const std::vector<std::string>& values) {
             options->axis_flags[name] = values;
           },
           std::string(help.at(axis)))
        ->delimiter(',');
  }
  cmd->add_option("--grid", options->grid_file, "a grid .toml: one key per axis, e.g. clock_mhz = [24, 48]");
  cmd->add_option("--inferences", options->run.inferences, "warm inferences after the cold one, every point")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--budget", options->run.budget, "a budget .toml for every point (default: each workload's)");
  cmd->add_option("--weights-in", options->run.weights_in, "flash or ram: where the plan and weights are read from")
      ->check(CLI::IsMember({"flash", "ram"}));
  add_set_option(*cmd, options->run.sets);  // every point's model changed alike
  cmd->add_option("--stack-bytes", options->run.stack_bytes, "stack reserved at the top of RAM")
      ->check(CLI::Range(256, 1 << 24));
  cmd->add_option("--max-cycles", options->run.max_cycles, "stop a point that takes longer (status faulted)");
  cmd->add_option("--timeout", options->run.timeout_seconds, "host seconds before a point is stopped");
  cmd->add_option("--work-dir", options->run.work_dir, "keep the firmware builds here (default: a temporary folder)");
  cmd->add_option("-j,--jobs", options->jobs, "points run at once (default: all cores)")->check(CLI::Range(1, 1024));
  cmd->add_option("--shard", options->shard, "K/N: run only points i with i % N == K-1 (K counts from 1)");
  cmd->add_option("--merge", options->merge, "join the sweep.json files of shards into the whole sweep's outputs")
      ->expected(1, -1);
  cmd->add_option("-o,--output", options->output_dir, "write sweep.json, sweep.csv and sweep.md into DIR, all or nothing");
  cmd->add_option("--max-points", options->max_points, "refuse a larger grid before running anything (default 10000)");
  cmd->add_flag("--no-reuse", options->no_reuse, "build the firmware for every point (the re-use benchmark's baseline)");
  cmd->add_flag("--quiet", options->quiet, "no progress on stderr");
  cmd->add_flag("--list", options->list, "print the points (index and axis values) and run nothing");
  cmd->add_flag("--json", options->json, "print sweep.json instead of the table");
  return {cmd, [options, cmd] { return run(*options, *cmd); }};
}

}  // namespace mcusim::cli
