// reports/execution_profile_json.cpp — see execution_profile_json.hpp.
#include "reports/execution_profile_json.hpp"

#include <fmt/format.h>

namespace mcusim {
namespace {

using json = nlohmann::ordered_json;
using namespace profiler;

json stalls_json(const Cost& cost) {
  json out = json::object();
  for (std::size_t i = 0; i < kStallCauses; ++i) {
    out[std::string(stall_cause_name(static_cast<StallCause>(i)))] = cost.stalls[i];
  }
  return out;
}

json classes_json(const ClassBreakdown& classes) {
  json out = json::object();
  for (std::size_t i = 0; i < kInstructionClasses; ++i) {
    out[std::string(instruction_class_name(static_cast<InstructionClass>(i)))] =
        json{{"cycles", classes.cycles[i]}, {"instructions", classes.instructions[i]}};
  }
  return out;
}

json traffic_json(const std::vector<RegionTraffic>& traffic) {
  if (traffic.empty()) return nullptr;
  json out = json::array();
  for (const RegionTraffic& t : traffic) {
    out.push_back(json{{"region", t.region},
                       {"kind", t.kind},
                       {"read_bytes", t.read_bytes},
                       {"written_bytes", t.written_bytes},
                       {"reads", t.reads},
                       {"writes", t.writes}});
  }
  return out;
}

std::string phase_name(const PhaseProfile& phase) {
  if (phase.layer) return fmt::format("layer {}", *phase.layer);
  return std::string(phase_kind_name(phase.kind));
}

json phase_json(const PhaseProfile& phase) {
  json out;
  out["name"] = phase_name(phase);
  out["kind"] = phase_kind_name(phase.kind);
  out["layer"] = phase.layer ? json(*phase.layer) : json(nullptr);
  out["visits"] = phase.visits;
  out["cycles"] = phase.cost.cycles;
  out["instructions"] = phase.cost.instructions;
  out["stall_cycles"] = stalls_json(phase.cost);
  out["instruction_classes"] = classes_json(phase.classes);
  out["traffic"] = traffic_json(phase.traffic);
  out["stack_peak_bytes"] = phase.stack_peak_bytes ? json(*phase.stack_peak_bytes) : json(nullptr);
  return out;
}

}  // namespace

json execution_profile_json(const ExecutionProfile& profile) {
  const auto name = [&](std::uint32_t f) { return profile.functions[f].name; };
  json functions = json::array();
  for (const FunctionProfile& f : profile.functions) {
    functions.push_back(json{{"name", f.name},
                             {"address", f.address},
                             {"size_bytes", f.size},
                             {"calls", f.calls},
                             {"cycles", f.exclusive.cycles},
                             {"instructions", f.exclusive.instructions},
                             {"inclusive_cycles", f.inclusive_cycles},
                             {"inclusive_instructions", f.inclusive_instructions},
                             {"stall_cycles", stalls_json(f.exclusive)},
                             {"instruction_classes", classes_json(f.classes)}});
  }
  json edges = json::array();
  for (const CallEdge& e : profile.edges) {
    edges.push_back(json{{"caller", name(e.caller)},
                         {"callee", name(e.callee)},
                         {"calls", e.calls},
                         {"inclusive_cycles", e.inclusive_cycles},
                         {"inclusive_instructions", e.inclusive_instructions}});
  }
  json lines = json::array();
  for (const LineProfile& l : profile.lines) {
    lines.push_back(json{{"file", l.file.empty() ? json(nullptr) : json(l.file)},
                         {"line", l.line ? json(l.line) : json(nullptr)},
                         {"function", name(l.function)},
                         {"cycles", l.cost.cycles},
                         {"instructions", l.cost.instructions},
                         {"stall_cycles", stalls_json(l.cost)}});
  }
  json phases = json::array();
  for (const PhaseProfile& phase : profile.phases) phases.push_back(phase_json(phase));
  json contexts = json::array();
  for (const ContextProfile& c : profile.contexts) {
    json stack = json::array();
    for (const std::uint32_t f : c.stack) stack.push_back(name(f));
    contexts.push_back(json{{"stack", std::move(stack)},
                            {"cycles", c.exclusive.cycles},
                            {"instructions", c.exclusive.instructions}});
  }
  json summary;
  summary["cycles"] = profile.cycles;
  summary["instructions"] = profile.instructions;
  summary["inferences"] = profile.inferences;
  summary["has_line_info"] = profile.has_line_info;
  summary["stall_cycles"] = stalls_json(profile.total);
  summary["instruction_classes"] = classes_json(profile.classes);
  summary["traffic"] = traffic_json(profile.traffic);
  summary["phases"] = std::move(phases);
  summary["contexts"] = std::move(contexts);
  return json{{"functions", std::move(functions)},
              {"call_edges", std::move(edges)},
              {"lines", std::move(lines)},
              {"profile", std::move(summary)}};
}

void add_execution_profile(json& report, const ExecutionProfile& profile) {
  json fields = execution_profile_json(profile);
  for (auto& [key, value] : fields.items()) report[key] = std::move(value);
  if (!report.contains("layers") || !report["layers"].is_array()) return;
  for (json& layer : report["layers"]) {
    if (!layer.contains("index") || !layer["index"].is_number_unsigned()) continue;
    const auto index = layer["index"].get<std::uint32_t>();
    for (const PhaseProfile& phase : profile.phases) {
      if (phase.layer != index) continue;
      json p = phase_json(phase);
      p.erase("name");
      p.erase("kind");
      p.erase("layer");
      layer["profile"] = std::move(p);
    }
  }
}

}  // namespace mcusim
