// reports/trace_report.hpp — the report as Chrome/Perfetto trace-event JSON
// (the Trace Event Format: "traceEvents" of complete "X" events with ph, ts,
// dur, pid, tid, name, args; "M" events name the process and threads). Time is
// simulated time in µs on the report's nanosecond grid. Thread 1 holds the
// start-up, each inference, and inside each inference its layers, properly
// nested; an exec report (no inferences) is one "run" slice. Perfetto and
// chrome://tracing open it as it is.
#pragma once

#include "reports/report_view.hpp"

#include <string>

namespace mcusim {

std::string trace_report(const Report& report);

}  // namespace mcusim
