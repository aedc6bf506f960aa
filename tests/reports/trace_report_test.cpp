// Chrome/Perfetto trace (reports/trace_report.cpp): every event carries the
// Trace Event Format's fields, and the X events nest: each layer inside its
// inference, at the simulated time the timeline gives.
#include "reports/trace_report.hpp"

#include "tests/reports/report_fixture.hpp"

#include <gtest/gtest.h>

namespace mcusim {
namespace {

constexpr double kEpsilonUs = 1e-9;

TEST(TraceReport, EveryEventHasTheTraceEventFormatFields) {
  const Report trace = Report::parse(trace_report(test::hand_report()));
  ASSERT_TRUE(trace["traceEvents"].is_array());
  for (const auto& event : trace["traceEvents"]) {
    for (const char* field : {"name", "ph", "pid", "tid"}) EXPECT_TRUE(event.contains(field)) << event.dump();
    if (event["ph"] == "X") {
      EXPECT_TRUE(event["ts"].is_number()) << event.dump();
      EXPECT_GE(event["dur"].get<double>(), 0.0) << event.dump();
    } else {
      EXPECT_EQ(event["ph"], "M") << event.dump();
    }
  }
}

TEST(TraceReport, LayersNestInsideTheirInferenceAtTheTimelinesTimes) {
  const Report trace = Report::parse(trace_report(test::hand_report()));
  std::vector<Report> inferences, layers;
  for (const auto& event : trace["traceEvents"]) {
    // Metadata events have no "cat": value(), not the const operator[].
    if (event.value("cat", "") == "inference") inferences.push_back(event);
    if (event.value("cat", "") == "layer") layers.push_back(event);
  }
  ASSERT_EQ(inferences.size(), 2u);
  ASSERT_EQ(layers.size(), 6u);
  // 48 MHz: a cycle is 1/48 µs. Inference 0 runs 24,000..33,600 cycles = 500..700 µs.
  EXPECT_DOUBLE_EQ(inferences[0]["ts"].get<double>(), 500.0);
  EXPECT_DOUBLE_EQ(inferences[0]["dur"].get<double>(), 200.0);
  EXPECT_EQ(inferences[0]["name"], "inference 0 (cold)");
  // Layer 0 of inference 0: 24,200..29,000 cycles = 504.167..604.167 µs (ns grid).
  EXPECT_DOUBLE_EQ(layers[0]["ts"].get<double>(), 504.167);
  EXPECT_DOUBLE_EQ(layers[0]["dur"].get<double>(), 100.0);
  EXPECT_EQ(layers[0]["name"], "0 fc1");
  EXPECT_EQ(layers[0]["args"]["op"], "FULLY_CONNECTED");
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const Report& parent = inferences[i / 3];
    const double begin = layers[i]["ts"].get<double>(), end = begin + layers[i]["dur"].get<double>();
    const double parent_begin = parent["ts"].get<double>(), parent_end = parent_begin + parent["dur"].get<double>();
    EXPECT_GE(begin + kEpsilonUs, parent_begin) << layers[i].dump();
    EXPECT_LE(end, parent_end + kEpsilonUs) << layers[i].dump();
    EXPECT_EQ(layers[i]["pid"], parent["pid"]);
    EXPECT_EQ(layers[i]["tid"], parent["tid"]);
    if (i % 3 != 0) {  // siblings do not overlap
      EXPECT_GE(begin + kEpsilonUs, layers[i - 1]["ts"].get<double>() + layers[i - 1]["dur"].get<double>());
    }
  }
}

TEST(TraceReport, AnExecReportIsOneRunSlice) {
  const Report exec = Report::parse(R"({"schema": "mcusim.report/1", "command": "exec", "elf": "a.elf",
      "target": "generic-m0", "core": "cortex-m0", "clock_hz": 1000000, "cycles": 1500})");
  const Report trace = Report::parse(trace_report(exec));
  std::vector<Report> slices;
  for (const auto& event : trace["traceEvents"]) {
    if (event["ph"] == "X") slices.push_back(event);
  }
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_EQ(slices[0]["name"], "run");
  EXPECT_DOUBLE_EQ(slices[0]["dur"].get<double>(), 1500.0);  // 1,500 cycles at 1 MHz
}

}  // namespace
}  // namespace mcusim
