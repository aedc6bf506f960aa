// tools/mcusim/sweep/progress.hpp — what a running sweep shows on stderr: a
// bar redrawn in place on a terminal, one line per finished point otherwise
// (a CI log), nothing with --quiet. Never on stdout, which carries the table.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>

namespace mcusim::cli::sweep {

class Progress {
 public:
  enum class Style { Bar, Lines, Quiet };
  // Bar when `out` is a terminal, else Lines; Quiet when `quiet`.
  static Style style_for(std::FILE* out, bool quiet);

  Progress(std::uint64_t total, Style style, std::FILE* out = stderr) : total_(total), style_(style), out_(out) {}

  // One finished point (its sweep.json object); calls come one at a time.
  void point_done(const nlohmann::json& point);
  // Ends the bar's line.
  void finish();

 private:
  std::uint64_t total_;
  std::uint64_t done_ = 0;
  std::uint64_t not_ok_ = 0;
  Style style_;
  std::FILE* out_;
};

}  // namespace mcusim::cli::sweep
