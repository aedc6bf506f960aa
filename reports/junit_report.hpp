// reports/junit_report.hpp — the checks of a report as JUnit XML, the format
// every CI system shows as test results: one <testcase> per budget and per
// baseline comparison, a <failure> with value, limit and margin for each that
// failed, and an <error> case when the run faulted or the firmware exited
// non-zero. A report with no check gets one passing case, "run".
#pragma once

#include "reports/report_view.hpp"

#include <string>

namespace mcusim {

std::string junit_report(const Report& report);

}  // namespace mcusim
