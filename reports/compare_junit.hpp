// reports/compare_junit.hpp — a `mcusim compare` result as JUnit XML, so a CI
// system lists the check per layer: one <testcase> per layer (its cycles per
// run in <system-out>), with a <failure> on the layer whose output tensor
// differs (the first difference; later layers are not judged after it). A
// comparison of two reports checks only the final outputs: one more test
// case, "outputs", carries that verdict (and any difference not tied to a
// layer).
#pragma once

#include "reports/report_view.hpp"

#include <string>

namespace mcusim {

// `comparison`: mcusim.compare/1 (reports/compare_view.hpp).
std::string compare_junit(const Report& comparison);

}  // namespace mcusim
