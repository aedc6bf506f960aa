// tools/mcusim/sweep/sweep_output.cpp — see sweep_output.hpp.
#include "tools/mcusim/sweep/sweep_output.hpp"

#include "reports/report_dir.hpp"
#include "reports/report_view.hpp"
#include "reports/sweep_plots.hpp"
#include "sim/error.hpp"

#include <fmt/format.h>


#include <algorithm>
#include <limits>
#include <tuple>

namespace mcusim::cli::sweep {
namespace {

using nlohmann::json;

// The metric columns of the CSV and the table, after the params.
struct Metric {
  const char* key;
  const char* heading;  // Markdown
};
constexpr Metric kMetrics[] = {
    {"cycles", "cycles"},           {"latency_us", "latency µs"}, {"energy_uj", "energy µJ"},
    {"flash_bytes", "flash B"},     {"ram_bytes", "RAM B"},       {"arena_bytes", "arena B"},
    {"stack_bytes", "stack B"},
};
constexpr const char* kParams[] = {"target", "model", "variant", "clock_mhz", "wait_states", "prefetch", "cache"};

// The params a point's row shows: the swept ones (workload and model both
// read params.model), or target and variant when nothing was swept.
std::vector<std::string> shown_params(const json& sweep) {
  std::vector<std::string> shown;
  for (const json& axis : sweep.at("axes")) {
    std::string name = axis.at("name").get<std::string>();
    if (name == "workload") name = "model";
    if (std::ranges::find(shown, name) == shown.end()) shown.push_back(name);
  }
  if (shown.empty()) shown = {"target", "variant"};
  return shown;
}

std::string cell(const json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// RFC 4180: quote a field holding a comma, quote or line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

// A metric as people read it (reports/report_view.hpp: "8,889", "133.417"); null as "—".
std::string md_number(const json& value) { return value.is_number() ? format_number(value.get<double>()) : "—"; }

std::string md_param(const json& value) {
  if (value.is_boolean()) return value.get<bool>() ? "on" : "off";
  return cell(value);
}

std::string params_text(const json& point, const std::vector<std::string>& shown) {
  std::string text;
  for (const std::string& name : shown) {
    text += fmt::format("{}{}={}", text.empty() ? "" : ", ", name, md_param(point.at("params").at(name)));
  }
  return text;
}

}  // namespace

std::optional<std::uint64_t> cheapest_point(const json& points) {
  std::optional<std::tuple<double, double, std::uint64_t>> best;
  for (const json& point : points) {
    if (point.value("meets_budget", json(nullptr)) != json(true)) continue;
    const json& energy = point.at("energy_uj");
    const std::tuple candidate{energy.is_number() ? energy.get<double>() : std::numeric_limits<double>::infinity(),
                               point.at("params").at("clock_mhz").get<double>(), point.at("index").get<std::uint64_t>()};
    if (!best || candidate < *best) best = candidate;
  }
  if (!best) return std::nullopt;
  return std::get<2>(*best);
}

json sweep_document(const Grid& grid, std::vector<json> points, json budget, json settings,
                    const std::optional<ShardSpec>& shard) {
  json sweep;
  sweep["schema"] = kSweepSchema;
  sweep["axes"] = axes_json(grid);
  sweep["point_count"] = grid.size();
  const auto cheapest = cheapest_point(points);
  sweep["cheapest"] = cheapest ? json(*cheapest) : json(nullptr);
  sweep["points"] = std::move(points);
  sweep["budget"] = std::move(budget);
  sweep["settings"] = std::move(settings);
  sweep["shard"] = shard ? json{{"k", shard->k}, {"n", shard->n}} : json(nullptr);
  return sweep;
}

std::string sweep_json_text(const json& sweep) { return sweep.dump(2) + "\n"; }

std::string sweep_csv(const json& sweep) {
  std::string csv = "index";
  for (const char* param : kParams) csv += fmt::format(",{}", param);
  csv += ",status";
  for (const Metric& metric : kMetrics) csv += fmt::format(",{}", metric.key);
  csv += ",meets_budget,cheapest,layers,message\n";
  const json cheapest = sweep.at("cheapest");
  for (const json& point : sweep.at("points")) {
    csv += point.at("index").dump();
    for (const char* param : kParams) csv += "," + csv_field(cell(point.at("params").at(param)));
    csv += "," + cell(point.at("status"));
    for (const Metric& metric : kMetrics) csv += "," + cell(point.at(metric.key));
    csv += "," + cell(point.at("meets_budget"));
    csv += cheapest == point.at("index") ? ",true" : ",false";
    std::string layers;  // "fc1=1234;fc2=567": one column whatever the model
    for (const json& layer : point.at("layers")) {
      layers += fmt::format("{}{}={}", layers.empty() ? "" : ";", layer.at("name").get<std::string>(),
                            layer.at("cycles").dump());
    }
    csv += "," + csv_field(layers) + "," + csv_field(cell(point.at("message"))) + "\n";
  }
  return csv;
}

std::string sweep_markdown(const json& sweep) {
  const std::vector<std::string> shown = shown_params(sweep);
  const bool has_budget = !sweep.at("budget").is_null() ||
                          std::ranges::any_of(sweep.at("points"), [](const json& p) { return !p.at("meets_budget").is_null(); });
  std::string md = "| # |";
  std::string rule = "|---:|";
  for (const std::string& name : shown) {
    md += fmt::format(" {} |", name);
    rule += "---|";
  }
  md += " status |";
  rule += "---|";
  for (const Metric& metric : kMetrics) {
    md += fmt::format(" {} |", metric.heading);
    rule += "---:|";
  }
  if (has_budget) {
    md += " budget |";
    rule += "---|";
  }
  md += "\n" + rule + "\n";
  const json cheapest = sweep.at("cheapest");
  std::string notes;
  for (const json& point : sweep.at("points")) {
    md += fmt::format("| {} |", point.at("index").dump());
    for (const std::string& name : shown) md += fmt::format(" {} |", md_param(point.at("params").at(name)));
    md += fmt::format(" {} |", point.at("status").get<std::string>());
    for (const Metric& metric : kMetrics) md += fmt::format(" {} |", md_number(point.at(metric.key)));
    if (has_budget) {
      const json& meets = point.at("meets_budget");
      std::string verdict = meets.is_null() ? "—" : meets.get<bool>() ? "meets" : "fails";
      if (cheapest == point.at("index")) verdict += " ★ cheapest";
      md += fmt::format(" {} |", verdict);
    }
    md += "\n";
    if (point.at("message").is_string()) {
      notes += fmt::format("- #{} {}: {}\n", point.at("index").dump(), point.at("status").get<std::string>(),
                           point.at("message").get<std::string>());
    }
  }
  if (!notes.empty()) md += "\n" + notes;
  md += "\n";
  if (!has_budget) {
    md += "No budget: give --budget FILE (docs/budgets.md) to mark the points that meet it.\n";
  } else if (cheapest.is_null()) {
    md += "No point meets the budget.\n";
  } else {
    for (const json& point : sweep.at("points")) {
      if (point.at("index") != cheapest) continue;
      md += fmt::format("Cheapest point meeting the budget: #{} ({}): {} µs, {} µJ per inference.\n", cheapest.dump(),
                        params_text(point, shown), md_number(point.at("latency_us")),
                        md_number(point.at("energy_uj")));
    }
  }
  if (!sweep.at("shard").is_null()) {
    md += fmt::format("Shard {} of {}: {} of the grid's {} points; `mcusim sweep --merge` joins the shards.\n",
                      sweep["shard"]["k"].dump(), sweep["shard"]["n"].dump(), sweep.at("points").size(),
                      sweep.at("point_count").dump());
  }
  return md;
}

std::vector<std::pair<std::string, std::string>> sweep_files(const json& sweep) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"sweep.json", sweep_json_text(sweep)}, {"sweep.csv", sweep_csv(sweep)}, {"sweep.md", sweep_markdown(sweep)}};
  // The plots and the page, drawn from the same document (docs/sweep-plots.md).
  for (auto& file : sweep_plot_files(sweep)) files.push_back(std::move(file));
  return files;
}

void write_sweep_dir(const std::filesystem::path& dir, const json& sweep) {
  // All or nothing, as --report DIR; DIR is replaced only when it holds an earlier sweep.
  write_files_dir(dir, sweep_files(sweep), "sweep.json", kSweepSchema);
}

}  // namespace mcusim::cli::sweep
