// tools/mcusim/profile_printout.cpp — see profile_printout.hpp.
#include "tools/mcusim/profile_printout.hpp"

#include "runtime/firmware/size_breakdown.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

namespace mcusim::cli {
namespace {

using namespace profiler;

constexpr std::size_t kTopLayers = 5;
constexpr std::size_t kTopFunctions = 8;

double percent(std::uint64_t part, std::uint64_t whole) {
  return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

std::string shortened(std::string text, std::size_t width) {
  if (text.size() > width) text.replace(width - 3, std::string::npos, "...");
  return text;
}

std::string bytes_text(std::uint64_t bytes) {
  if (bytes >= 10 * 1024) return fmt::format("{} KiB", firmware::grouped((bytes + 512) / 1024));
  return fmt::format("{} B", firmware::grouped(bytes));
}

}  // namespace

void print_profile(const ExecutionProfile& p, std::span<const LayerInfo> layers) {
  const std::uint64_t total = p.cycles;
  fmt::print("\n  profile       {} cycles, {} instructions ({:.2f} cycles per instruction){}\n",
             firmware::grouped(total), firmware::grouped(p.instructions),
             p.instructions ? static_cast<double>(total) / static_cast<double>(p.instructions) : 0.0,
             p.has_line_info ? "" : "; no DWARF line info");

  // Phases: start-up, all layers together, the engine, the gaps.
  std::uint64_t in_layers = 0;
  std::vector<const PhaseProfile*> layer_phases;
  std::string phases;
  for (const PhaseProfile& phase : p.phases) {
    if (phase.kind == PhaseKind::Layer) {
      in_layers += phase.cost.cycles;
      layer_phases.push_back(&phase);
      continue;
    }
    phases += fmt::format("{} {} ({:.1f}%)   ", phase_kind_name(phase.kind), firmware::grouped(phase.cost.cycles),
                          percent(phase.cost.cycles, total));
  }
  if (!layer_phases.empty()) {
    phases = fmt::format("layers {} ({:.1f}%)   ", firmware::grouped(in_layers), percent(in_layers, total)) + phases;
  }
  fmt::print("    phases      {}\n", phases);

  if (!layer_phases.empty()) {
    std::stable_sort(layer_phases.begin(), layer_phases.end(),
                     [](const PhaseProfile* a, const PhaseProfile* b) { return a->cost.cycles > b->cost.cycles; });
    fmt::print("    top layers  (all {} inferences)\n", p.inferences);
    for (std::size_t i = 0; i < layer_phases.size() && i < kTopLayers; ++i) {
      const PhaseProfile& phase = *layer_phases[i];
      const std::uint32_t index = phase.layer.value_or(0);
      const std::string name = index < layers.size() ? layers[index].name + " " + layers[index].op : "";
      const std::uint64_t stalls = phase.cost.stall_cycles();
      fmt::print("      #{:<3} {:<34} {:>12} cycles {:>5.1f}%   stalls {:>4.1f}%\n", index, shortened(name, 34),
                 firmware::grouped(phase.cost.cycles), percent(phase.cost.cycles, total),
                 percent(stalls, phase.cost.cycles));
    }
  }

  fmt::print("    top functions            {:>12} {:>7} {:>12} {:>9}\n", "self cycles", "self", "incl cycles", "calls");
  for (std::size_t i = 0; i < p.functions.size() && i < kTopFunctions; ++i) {
    const FunctionProfile& f = p.functions[i];
    fmt::print("      {:<22} {:>12} {:>6.1f}% {:>12} {:>9}\n", shortened(f.name, 22),
               firmware::grouped(f.exclusive.cycles), percent(f.exclusive.cycles, total),
               firmware::grouped(f.inclusive_cycles), firmware::grouped(f.calls));
  }

  std::string classes;
  for (std::size_t i = 0; i < kInstructionClasses; ++i) {
    if (p.classes.instructions[i] == 0) continue;
    classes += fmt::format("{} {:.1f}%  ", instruction_class_name(static_cast<InstructionClass>(i)),
                           percent(p.classes.cycles[i], total));
  }
  fmt::print("    classes     {}(of cycles)\n", classes);
  std::string stalls;
  for (std::size_t i = 0; i < kStallCauses; ++i) {
    if (p.total.stalls[i] == 0) continue;
    stalls += fmt::format("{} {} ({:.1f}%)  ", stall_cause_name(static_cast<StallCause>(i)),
                          firmware::grouped(p.total.stalls[i]), percent(p.total.stalls[i], total));
  }
  fmt::print("    stalls      {}\n", stalls.empty() ? "none" : stalls);
  if (!p.traffic.empty()) {
    std::string memory;
    for (const RegionTraffic& t : p.traffic) {
      if (t.reads + t.writes == 0) continue;
      memory += fmt::format("{} read {}, written {}   ", t.region, bytes_text(t.read_bytes), bytes_text(t.written_bytes));
    }
    fmt::print("    memory      {}\n", memory.empty() ? "no data accesses" : memory);
  }
}

}  // namespace mcusim::cli
