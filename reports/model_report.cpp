// reports/model_report.cpp — see model_report.hpp.
#include "reports/model_report.hpp"

#include "profiler/inference_markers.hpp"

#include <cmath>

namespace mcusim {
namespace {

using json = nlohmann::ordered_json;

std::string hex(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(2 * bytes.size());
  for (std::uint8_t b : bytes) {
    text += kDigits[b >> 4];
    text += kDigits[b & 15];
  }
  return text;
}

json stats_json(const profiler::CycleStats& stats, std::uint64_t clock_hz) {
  if (stats.count == 0) return nullptr;
  json j;
  j["count"] = stats.count;
  j["min_cycles"] = stats.min;
  j["max_cycles"] = stats.max;
  j["mean_cycles"] = std::round(stats.mean * 1000.0) / 1000.0;
  j["min_latency_us"] = cycles_to_us(stats.min, clock_hz);
  j["max_latency_us"] = cycles_to_us(stats.max, clock_hz);
  j["mean_latency_us"] = cycles_to_us(stats.mean, clock_hz);
  return j;
}

json optional_number(const std::optional<std::uint32_t>& value) {
  return value ? json(*value) : json(nullptr);
}

// Every inference and its layers on the run's clock (cycles from reset),
// from the markers the profile was made of: what reports/trace_report draws.
json timeline_json(const RunResult& run) {
  json timeline = json::array();
  for (const profiler::InferenceSpan& span : profiler::inference_spans(run.markers)) {
    json inference;
    inference["index"] = span.index;
    inference["begin_cycle"] = span.begin_cycle;
    inference["end_cycle"] = span.end_cycle;
    json layers = json::array();
    for (const profiler::LayerSpan& layer : span.layers) {
      layers.push_back(json{{"index", layer.layer}, {"begin_cycle", layer.begin_cycle}, {"end_cycle", layer.end_cycle}});
    }
    inference["layers"] = std::move(layers);
    timeline.push_back(std::move(inference));
  }
  return timeline;
}

// Energy on a picojoule grid (power on a nanowatt grid), as json_report.cpp.
double rounded_uj(double uj) { return std::round(uj * 1e6) / 1e6; }

json optional_rounded(const std::optional<double>& value) {
  return value ? json(rounded_uj(*value)) : json(nullptr);
}

json duty_cycle_json(const profiler::DutyCycle& d) {
  json j;
  j["rate_hz"] = d.rate_hz;
  j["inference_energy_uj"] = rounded_uj(d.inference_uj);
  j["inference_latency_us"] = std::round(d.inference_seconds * 1e9) / 1000.0;
  j["active_share"] = rounded_uj(d.active_share);
  j["idle_current_ua"] = rounded_uj(d.idle_current_ua);
  j["average_current_ua"] = rounded_uj(d.average_current_ua);
  j["average_power_mw"] = rounded_uj(d.average_power_mw);
  j["battery_mah"] = d.battery_mah ? json(*d.battery_mah) : json(nullptr);
  j["battery_life_hours"] = optional_rounded(d.battery_life_hours);
  j["battery_life_days"] = d.battery_life_hours ? json(rounded_uj(*d.battery_life_hours / 24.0)) : json(nullptr);
  return j;
}

json sized_names_json(const std::vector<profiler::SizedName>& list) {
  json array = json::array();
  for (const profiler::SizedName& item : list) array.push_back(json{{"name", item.name}, {"bytes", item.bytes}});
  return array;
}

// As bloaty shows a binary: the parts sum to total_bytes exactly.
json flash_breakdown_json(const profiler::FlashBreakdown& b) {
  json j;
  j["total_bytes"] = b.image_bytes;
  j["vector_table_bytes"] = b.vector_table_bytes;
  j["code_bytes"] = b.code_bytes;
  j["rodata_bytes"] = b.rodata_bytes;
  j["plan_bytes"] = b.plan_bytes;
  j["weights_bytes"] = b.weights_bytes;
  j["data_init_bytes"] = b.data_init_bytes;
  j["other_bytes"] = b.other_bytes;
  j["code_by_function"] = sized_names_json(b.functions);
  j["code_by_object"] = sized_names_json(b.objects);
  return j;
}

json verdict_json(const BudgetVerdict& verdict) {
  json j;
  j["name"] = verdict.name;
  j["limit"] = verdict.limit;
  j["value"] = verdict.value ? json(*verdict.value) : json(nullptr);
  j["margin"] = verdict.margin() ? json(*verdict.margin()) : json(nullptr);
  j["pass"] = verdict.pass;
  return j;
}

}  // namespace

double cycles_to_us(double cycles, std::uint64_t clock_hz) {
  if (clock_hz == 0) return 0;
  return std::round(cycles * 1e9 / static_cast<double>(clock_hz)) / 1000.0;
}

double cycles_to_us(std::uint64_t cycles, std::uint64_t clock_hz) {
  return cycles_to_us(static_cast<double>(cycles), clock_hz);
}

std::optional<double> measured_for_budget(const std::string& key, const RunResult& run,
                                          const profiler::ModelProfile& profile,
                                          const ModelRunFacts& facts) {
  if (key == "latency_us") return cycles_to_us(profile.worst_cycles, run.clock_hz);
  if (key == "cycles") return static_cast<double>(profile.worst_cycles);
  if (key == "arena_bytes") return static_cast<double>(facts.arena_bytes);
  if (key == "stack_bytes" && profile.stack_peak_bytes) return static_cast<double>(*profile.stack_peak_bytes);
  if (key == "ram_bytes") return static_cast<double>(facts.ram_bytes);
  if (key == "flash_bytes") return static_cast<double>(facts.flash.total_bytes);
  // Judged like latency: on the worst inference (the number the report prints).
  if (key == "energy_uj" && facts.inference_energy) return rounded_uj(facts.inference_energy->worst_uj);
  return std::nullopt;  // energy_uj on a target without power figures
}

json model_report_json(const RunResult& run, const profiler::ModelProfile* profile,
                       const ModelRunFacts& facts, const ReportContext& context) {
  ReportContext priced = context;
  if (!priced.energy) priced.energy = facts.run_energy;
  json j = report_json(run, priced);
  // A model run's energy_uj and average_power_mw are per inference (the worst
  // one, as a budget judges it); the whole run's are in `energy`.
  const bool per_inference = profile && facts.inference_energy;
  j["energy_uj"] = per_inference ? json(rounded_uj(facts.inference_energy->worst_uj)) : json(nullptr);
  j["average_power_mw"] = per_inference ? json(rounded_uj(facts.inference_energy->power_mw)) : json(nullptr);
  j["duty_cycle"] = per_inference && facts.duty_cycle ? duty_cycle_json(*facts.duty_cycle) : json(nullptr);
  j["flash_breakdown"] = facts.flash_breakdown ? flash_breakdown_json(*facts.flash_breakdown) : json(nullptr);
  j["workload"] = facts.workload.empty() ? json(nullptr) : json(facts.workload);
  j["model"] = facts.model;
  j["overrides"] = facts.overrides;
  j["model_notes"] = facts.model_notes;
  j["variant"] = facts.variant;
  j["arena_bytes"] = facts.arena_bytes;
  j["arena_naive_bytes"] = facts.arena_naive_bytes;
  j["arena_peak_bytes"] = profile ? optional_number(profile->arena_peak_bytes) : json(nullptr);
  j["stack_peak_bytes"] = profile ? optional_number(profile->stack_peak_bytes) : json(nullptr);
  j["stack_reserved_bytes"] = facts.stack_reserved_bytes;
  json flash;
  flash["code"] = facts.flash.code_bytes;
  flash["weights"] = facts.flash.weights_bytes;
  flash["total"] = facts.flash.total_bytes;
  j["flash_bytes"] = flash;
  j["ram_bytes"] = facts.ram_bytes;
  j["weights_in"] = facts.weights_in_ram ? "ram" : "flash";
  json user_kernels = json::array();
  for (const auto& [op, file] : facts.user_kernels) user_kernels.push_back({{"op", op}, {"file", file}});
  j["user_kernels"] = std::move(user_kernels);
  if (!profile) {
    j["inferences"] = nullptr;
    j["layers"] = nullptr;
    j["outputs"] = nullptr;
    j["timeline"] = nullptr;
  } else {
    json inferences;
    inferences["count"] = 1 + profile->warm.count;
    inferences["startup_cycles"] = profile->startup_cycles;
    inferences["cold_cycles"] = profile->cold_cycles;
    inferences["cold_latency_us"] = cycles_to_us(profile->cold_cycles, run.clock_hz);
    inferences["warm"] = stats_json(profile->warm, run.clock_hz);
    inferences["worst_cycles"] = profile->worst_cycles;
    inferences["worst_latency_us"] = cycles_to_us(profile->worst_cycles, run.clock_hz);
    inferences["between_layers_cycles_cold"] = profile->between_layers_cycles_cold;
    const auto& energy = facts.inference_energy;
    inferences["cold_energy_uj"] = energy ? json(rounded_uj(energy->cold_uj)) : json(nullptr);
    inferences["worst_energy_uj"] = energy ? json(rounded_uj(energy->worst_uj)) : json(nullptr);
    inferences["mean_energy_uj"] = energy ? json(rounded_uj(energy->mean_uj)) : json(nullptr);
    j["inferences"] = inferences;
    json layers = json::array();
    for (const profiler::LayerProfile& layer : profile->layers) {
      json l;
      l["index"] = layer.index;
      l["name"] = layer.info.name;
      l["op"] = layer.info.op;
      l["macs"] = layer.info.macs;
      l["cycles"] = layer.cold_cycles;
      l["latency_us"] = cycles_to_us(layer.cold_cycles, run.clock_hz);
      l["cycles_per_mac"] = layer.info.macs > 0
                                ? json(std::round(1000.0 * static_cast<double>(layer.cold_cycles) /
                                                  static_cast<double>(layer.info.macs)) / 1000.0)
                                : json(nullptr);
      l["warm"] = stats_json(layer.warm, run.clock_hz);
      layers.push_back(l);
    }
    j["layers"] = layers;
    json outputs = json::array();
    for (const auto& output : profile->outputs) {
      if (!facts.output_is_int8) {
        outputs.push_back(hex(output));
        continue;
      }
      json values = json::array();
      for (std::uint8_t b : output) values.push_back(static_cast<std::int8_t>(b));
      outputs.push_back(values);
    }
    j["outputs"] = outputs;
    j["timeline"] = timeline_json(run);
  }
  json budgets = json::array();
  for (const BudgetVerdict& verdict : facts.budgets) budgets.push_back(verdict_json(verdict));
  j["budgets"] = budgets;
  return j;
}

}  // namespace mcusim
