// reports/compare_markdown.cpp — see compare_markdown.hpp.
#include "reports/compare_markdown.hpp"

#include "reports/compare_view.hpp"

#include <fmt/format.h>

namespace mcusim {
namespace {

// Table cells must not break the table: pipes and newlines escaped.
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string number_or_dash(std::optional<double> value) { return value ? format_number(*value) : "—"; }

std::optional<double> layer_cycles(const ComparedRunView& run, std::size_t layer) {
  return layer < run.layer_cycles.size() ? run.layer_cycles[layer] : std::nullopt;
}

}  // namespace

std::string compare_markdown(const Report& comparison) {
  const CompareView view = compare_view(comparison);
  std::string md = fmt::format("# mcusim compare: {}\n\n", cell(view.title));
  md += fmt::format("**{}**\n\n", cell(compare_headline(view)));

  std::string head = "| # | layer | op | MACs |";
  std::string rule = "| ---: | --- | --- | ---: |";
  for (const ComparedRunView& run : view.runs) {
    head += fmt::format(" {} |", cell(run.label));
    rule += " ---: |";
  }
  for (std::size_t r = 1; r < view.runs.size(); ++r) {
    head += fmt::format(" {}/{} |", cell(view.runs[0].label), cell(view.runs[r].label));
    rule += " ---: |";
  }
  md += head + "\n" + rule + "\n";
  for (std::size_t l = 0; l < view.layers.size(); ++l) {
    const bool differs = view.mismatch_layer == l;
    std::string row = fmt::format("| {} | {}{}{} | {} | {} |", l, differs ? "**" : "", cell(view.layers[l].name),
                                  differs ? " (differs)**" : "", cell(view.layers[l].op), number_or_dash(view.layers[l].macs));
    for (const ComparedRunView& run : view.runs) row += fmt::format(" {} |", number_or_dash(layer_cycles(run, l)));
    for (std::size_t r = 1; r < view.runs.size(); ++r) {
      row += fmt::format(" {} |", speedup_text(layer_cycles(view.runs[0], l), layer_cycles(view.runs[r], l)));
    }
    md += row + "\n";
  }
  // The whole-inference rows: label in the layer column, the rest empty.
  auto total_row = [&](const std::string& label, auto field, bool with_speedup) {
    std::string row = fmt::format("| | {} | | |", label);
    for (const ComparedRunView& run : view.runs) row += fmt::format(" {} |", number_or_dash(field(run)));
    for (std::size_t r = 1; r < view.runs.size(); ++r) {
      row += with_speedup ? fmt::format(" {} |", speedup_text(field(view.runs[0]), field(view.runs[r]))) : " |";
    }
    return row + "\n";
  };
  md += total_row("(engine between layers)", [](const ComparedRunView& r) { return r.between_layers_cycles; }, false);
  md += total_row("**inference, worst (cycles)**", [](const ComparedRunView& r) { return r.worst_cycles; }, true);
  md += total_row("inference, worst (µs)", [](const ComparedRunView& r) { return r.worst_latency_us; }, false);
  md += view.outputs_only ? "\nCompared: the final outputs of two run reports.\n"
                          : "\nCompared: every layer's output tensor of the cold inference, byte for byte.\n";
  return md;
}

}  // namespace mcusim
