// tools/mcusim/sweep/progress.cpp — see progress.hpp.
#include "tools/mcusim/sweep/progress.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <string>

namespace mcusim::cli::sweep {

Progress::Style Progress::style_for(std::FILE* out, bool quiet) {
  if (quiet) return Style::Quiet;
  return ::isatty(::fileno(out)) != 0 ? Style::Bar : Style::Lines;
}

void Progress::point_done(const nlohmann::json& point) {
  ++done_;
  const std::string status = point.at("status").get<std::string>();
  if (status != "ok") ++not_ok_;
  if (style_ == Style::Quiet) return;
  if (style_ == Style::Lines) {
    const std::string what = status == "ok" ? fmt::format("{} us", point.at("latency_us").dump())
                                            : fmt::format("{}: {}", status, point.at("message").get<std::string>());
    fmt::print(out_, "sweep: [{}/{}] point {}: {}\n", done_, total_, point.at("index").dump(), what);
    std::fflush(out_);
    return;
  }
  constexpr std::uint64_t kWidth = 30;
  const std::uint64_t filled = total_ == 0 ? kWidth : done_ * kWidth / total_;
  fmt::print(out_, "\rsweep [{}{}] {}/{} points{}", std::string(filled, '#'), std::string(kWidth - filled, '.'), done_,
             total_, not_ok_ == 0 ? std::string() : fmt::format(" ({} not ok)", not_ok_));
  std::fflush(out_);
}

void Progress::finish() {
  if (style_ == Style::Bar && done_ > 0) fmt::print(out_, "\n");
}

}  // namespace mcusim::cli::sweep
