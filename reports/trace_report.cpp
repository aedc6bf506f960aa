// reports/trace_report.cpp — see trace_report.hpp. The events come from the
// report's `timeline` (cycles from reset of every inference and layer);
// cycles become nanoseconds once, as integers, so a child's slice never
// overhangs its parent's by a rounding.
#include "reports/trace_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <string>

namespace mcusim {
namespace {

constexpr int kPid = 1;
constexpr int kTidRun = 1;

class Clock {
 public:
  explicit Clock(double hz) : hz_(hz) {}
  // Simulated nanoseconds of a cycle count, rounded to the nearest.
  std::int64_t ns(double cycles) const { return hz_ > 0 ? std::llround(cycles * 1e9 / hz_) : 0; }
  static double us(std::int64_t ns) { return static_cast<double>(ns) / 1000.0; }

 private:
  double hz_;
};

Report slice(const std::string& name, const char* category, std::int64_t begin_ns, std::int64_t end_ns, Report args) {
  Report event;
  event["name"] = name;
  event["cat"] = category;
  event["ph"] = "X";
  event["ts"] = Clock::us(begin_ns);
  event["dur"] = Clock::us(end_ns - begin_ns);
  event["pid"] = kPid;
  event["tid"] = kTidRun;
  event["args"] = std::move(args);
  return event;
}

// Counts in args as integers, as the report has them.
std::int64_t whole(double count) { return std::llround(count); }

Report metadata(const char* what, int tid, const std::string& name) {
  Report event;
  event["name"] = what;
  event["ph"] = "M";
  event["pid"] = kPid;
  event["tid"] = tid;
  event["args"] = Report{{"name", name}};
  return event;
}

// Layer names and operators by plan index, from layers[].
Report layer_by_index(const Report& report, double index) {
  if (!report.contains("layers") || !report["layers"].is_array()) return Report();
  for (const auto& layer : report["layers"]) {
    if (number_at(layer, "index") == index) return layer;
  }
  return Report();
}

void timeline_events(const Report& report, const Clock& clock, Report& events) {
  const Report& timeline = report["timeline"];
  if (!timeline.empty()) {
    const double first = number_at(timeline[0], "begin_cycle").value_or(0);
    events.push_back(slice("start-up", "startup", 0, clock.ns(first), Report{{"cycles", whole(first)}}));
  }
  for (const auto& inference : timeline) {
    const double index = number_at(inference, "index").value_or(0);
    const double begin = number_at(inference, "begin_cycle").value_or(0);
    const double end = number_at(inference, "end_cycle").value_or(begin);
    const std::string name = fmt::format("inference {}{}", format_number(index), index == 0 ? " (cold)" : "");
    events.push_back(slice(name, "inference", clock.ns(begin), clock.ns(end),
                           Report{{"index", whole(index)}, {"cycles", whole(end - begin)}}));
    if (!inference.contains("layers")) continue;
    for (const auto& span : inference["layers"]) {
      const double layer_index = number_at(span, "index").value_or(0);
      const double layer_begin = number_at(span, "begin_cycle").value_or(0);
      const double layer_end = number_at(span, "end_cycle").value_or(layer_begin);
      const Report layer = layer_by_index(report, layer_index);
      const std::string layer_name = layer.is_object() ? layer.value("name", std::string()) : std::string();
      Report args{{"layer", whole(layer_index)}, {"cycles", whole(layer_end - layer_begin)}};
      if (layer.is_object()) {
        args["op"] = layer.value("op", std::string());
        args["macs"] = layer.value("macs", Report());
      }
      events.push_back(slice(fmt::format("{} {}", format_number(layer_index), layer_name), "layer",
                             clock.ns(layer_begin), clock.ns(layer_end), std::move(args)));
    }
  }
}

}  // namespace

std::string trace_report(const Report& report) {
  const Clock clock(number_at(report, "clock_hz").value_or(0));
  Report events = Report::array();
  events.push_back(metadata("process_name", kTidRun, "mcusim " + report_title(report)));
  events.push_back(metadata("thread_name", kTidRun, "inferences and layers"));
  if (report.contains("timeline") && report["timeline"].is_array()) {
    timeline_events(report, clock, events);
  } else if (const auto cycles = number_at(report, "cycles")) {
    events.push_back(slice("run", "run", 0, clock.ns(*cycles), Report{{"cycles", whole(*cycles)}}));
  }
  Report trace;
  trace["traceEvents"] = std::move(events);
  trace["displayTimeUnit"] = "ns";
  trace["otherData"] = Report{{"schema", report.value("schema", std::string())},
                              {"title", report_title(report)},
                              {"time", "simulated, from reset"}};
  return trace.dump(1) + "\n";
}

}  // namespace mcusim
