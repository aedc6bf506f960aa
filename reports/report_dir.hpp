// reports/report_dir.hpp — `--report DIR`: every format of one report written
// at once, atomically. The files are built in a temporary folder beside DIR
// (.DIR.partial-PID) and renamed into place in one step (an existing DIR is
// swapped out with renameat2(RENAME_EXCHANGE), then removed), so DIR always
// holds one whole report set, the old or the new, never a mix or a part.
//
//   report.json   the source of truth (mcusim.report/1, keys sorted)
//   summary.md    Markdown for a CI job summary or a pull-request comment
//   junit.xml     one test case per budget and baseline comparison
//   trace.json    Chrome/Perfetto trace events on simulated time
//   report.html   one self-contained page
//   callgrind.out callgrind_annotate / KCachegrind input   } with an execution
//   stacks.folded flame-graph input (folded stacks)        } profile (--profile)
#pragma once

#include "profiler/execution_profile.hpp"
#include "reports/report_view.hpp"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace mcusim {

// (file name, contents) of every format, in the order above.
// `profile`: the run's execution profile, or null when it was not attributed.
std::vector<std::pair<std::string, std::string>> report_files(const Report& report,
                                                              const profiler::ExecutionProfile* profile = nullptr);

// Throws Error(BadInput, exit 2) when DIR exists and is not a folder mcusim
// wrote (a report.json of mcusim.report/1 inside, or empty): a typo must not
// replace someone's folder. Leftover .DIR.partial-* folders of processes that
// no longer run (an interrupted run) are removed first.
void write_report_dir(const std::filesystem::path& dir, const Report& report,
                      const profiler::ExecutionProfile* profile = nullptr);

// The same all-or-nothing folder write for any set of files (`mcusim compare
// --report`, sweep outputs): DIR may be replaced when it is empty or its
// `marker` file is JSON whose "schema" is `schema` (a folder this kind of
// mcusim output wrote); anything else is Error(BadInput).
void write_files_dir(const std::filesystem::path& dir, const std::vector<std::pair<std::string, std::string>>& files,
                     const std::string& marker, const std::string& schema);

}  // namespace mcusim
