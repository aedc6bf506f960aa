// profiler/execution_profiler.cpp — see execution_profiler.hpp.
//
// The hot path (on_instruction) adds one retirement to its address, to the
// calling context on top of the shadow stack and to the open phase. Functions,
// inclusive costs, edges and lines are derived from those when the run ends.
#include "profiler/execution_profiler.hpp"

#include "profiler/inference_markers.hpp"
#include "profiler/line_table.hpp"
#include "sim/error.hpp"
#include "sim/guest/private_peripheral_bus.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_map>

namespace mcusim::profiler {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

Cost cost_of(const RetiredInstruction& retired) {
  Cost cost;
  cost.cycles = retired.cycles;
  cost.instructions = retired.instructions;
  for (std::size_t i = 0; i < kStallCauses; ++i) cost.stalls[i] = retired.stalls[i];
  return cost;
}

void add(ClassBreakdown& classes, InstructionClass cls, const Cost& cost) {
  const auto i = static_cast<std::size_t>(cls);
  classes.cycles[i] += cost.cycles;
  classes.instructions[i] += cost.instructions;
}

void add(ClassBreakdown& into, const ClassBreakdown& from) {
  for (std::size_t i = 0; i < kInstructionClasses; ++i) {
    into.cycles[i] += from.cycles[i];
    into.instructions[i] += from.instructions[i];
  }
}

// The initial SP: word 0 of the vector table at the start of flash.
std::uint32_t initial_sp_of(const ElfImage& elf, const Target& target) {
  const MemoryRegion* flash = target.first_of(RegionKind::Flash);
  if (!flash) return 0;
  for (const Segment& segment : elf.segments) {
    if (flash->base < segment.address || flash->base + 4 > segment.address + segment.file_size) continue;
    const std::size_t at = flash->base - segment.address;
    return static_cast<std::uint32_t>(segment.bytes[at] | segment.bytes[at + 1] << 8 |
                                      segment.bytes[at + 2] << 16 |
                                      static_cast<std::uint32_t>(segment.bytes[at + 3]) << 24);
  }
  return 0;
}

}  // namespace

struct ExecutionProfiler::State {
  struct Slot {
    Cost cost;
    std::uint32_t function = 0;
    InstructionClass cls = InstructionClass::Other;
    std::uint32_t address = 0;
    std::uint64_t entry_cycles = 0;  // exception entries charged here: no class
  };
  struct Node {
    std::uint32_t function = kNone;
    std::uint32_t parent = kNone;
    Cost exclusive;
    std::uint64_t calls = 0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> children;  // function -> node
  };
  struct Frame {
    std::uint32_t node = 0;
    std::uint32_t return_address = 0;
    bool exception = false;
  };
  struct Region {
    std::uint32_t base = 0, size = 0;
    std::string name, kind;
  };
  struct Phase {
    PhaseKind kind = PhaseKind::Startup;
    std::optional<std::uint32_t> layer;
    std::uint32_t visits = 0;
    Cost cost;
    ClassBreakdown classes;
    std::vector<RegionTraffic> traffic;  // parallel to regions
    std::uint32_t lowest_sp = kNone;
  };

  const ElfImage& elf;
  ProfilerOptions options;
  std::uint32_t initial_sp = 0;

  // Addresses: a flat index over the executable segments, a map elsewhere.
  std::uint32_t code_base = 0;
  std::vector<std::uint32_t> flat;  // (pc - code_base) / 2 -> slot + 1
  std::unordered_map<std::uint32_t, std::uint32_t> other;
  std::vector<Slot> slots;

  std::vector<FunctionProfile> functions;
  std::unordered_map<std::uint32_t, std::uint32_t> function_by_start;

  std::vector<Node> nodes{Node{}};  // 0: the root above every context
  std::vector<Frame> frames;

  std::vector<Region> regions;
  std::vector<Phase> phases;  // 0 startup, 1 between layers, 2 between inferences, 3 after
  std::map<std::uint32_t, std::size_t> layer_phase;
  std::size_t current_phase = 0;
  std::uint32_t inferences = 0;
  std::size_t last_region = 0;
  // The accesses of the instruction running, counted in the phase it retires
  // in (a marker store's own write belongs to the span it opens, as its cycles).
  std::vector<RegionTraffic> pending_traffic;
  bool traffic_pending = false;
  std::uint32_t sp = kNone;  // the last SP seen

  State(const ElfImage& image, const Target& target, ProfilerOptions profiler_options)
      : elf(image), options(profiler_options), initial_sp(initial_sp_of(image, target)) {
    std::uint32_t low = kNone, high = 0;
    for (const Segment& segment : elf.segments) {
      if (!segment.execute) continue;
      low = std::min(low, segment.address);
      high = std::max(high, segment.address + segment.memory_size);
    }
    if (low < high) {
      code_base = low;
      flat.assign((high - low + 1) / 2, 0);
    }
    for (const MemoryRegion& region : target.regions) {
      regions.push_back({region.base, region.size, region.name,
                         region.kind == RegionKind::Flash ? "flash" : "ram"});
    }
    regions.push_back({PrivatePeripheralBus::kBase, PrivatePeripheralBus::kSize, "ppb", "peripheral"});
    for (const PhaseKind kind : {PhaseKind::Startup, PhaseKind::BetweenLayers,
                                 PhaseKind::BetweenInferences, PhaseKind::After}) {
      phases.push_back(new_phase(kind, std::nullopt));
    }
    phases[0].visits = 1;
    pending_traffic = phases[0].traffic;
    sp = initial_sp ? initial_sp : kNone;
    phases[0].lowest_sp = sp;
  }

  Phase new_phase(PhaseKind kind, std::optional<std::uint32_t> layer) const {
    Phase fresh;
    fresh.kind = kind;
    fresh.layer = layer;
    for (const Region& region : regions) fresh.traffic.push_back({region.name, region.kind, 0, 0, 0, 0});
    return fresh;
  }

  std::uint32_t function_for(std::uint32_t pc) {
    const Symbol* symbol = elf.symbol_at(pc);
    const bool covers = symbol && (symbol->size == 0 || pc - symbol->address < symbol->size);
    const std::uint32_t start = covers ? symbol->address : pc;
    const auto [it, fresh] = function_by_start.try_emplace(start, static_cast<std::uint32_t>(functions.size()));
    if (fresh) {
      FunctionProfile function;
      function.name = covers ? symbol->name : fmt::format("0x{:08x}", pc);
      function.address = start;
      function.size = covers ? symbol->size : 0;
      functions.push_back(std::move(function));
    }
    return it->second;
  }

  Slot& slot(std::uint32_t pc) {
    std::uint32_t* entry = nullptr;
    const std::uint32_t offset = (pc - code_base) >> 1;
    if (pc >= code_base && offset < flat.size()) {
      entry = &flat[offset];
    } else {
      entry = &other[pc];
    }
    if (*entry == 0) {
      Slot fresh;
      fresh.address = pc;
      fresh.function = function_for(pc);
      slots.push_back(fresh);
      *entry = static_cast<std::uint32_t>(slots.size());
    }
    return slots[*entry - 1];
  }

  std::uint32_t child(std::uint32_t parent, std::uint32_t function) {
    for (const auto& [f, node] : nodes[parent].children) {
      if (f == function) return node;
    }
    const auto node = static_cast<std::uint32_t>(nodes.size());
    Node fresh;
    fresh.function = function;
    fresh.parent = parent;
    nodes.push_back(std::move(fresh));
    nodes[parent].children.emplace_back(function, node);
    return node;
  }

  // The code running is in `function`: a call the stack shows, or else a
  // tail call (B to another function) or a first instruction.
  void enter(std::uint32_t function) {
    if (frames.empty()) {
      const std::uint32_t node = child(0, function);
      ++nodes[node].calls;
      frames.push_back({node, 0, false});
      return;
    }
    Frame& top = frames.back();
    if (nodes[top.node].function == function) return;
    top.node = child(nodes[top.node].parent, function);
    ++nodes[top.node].calls;
  }

  void charge(Slot& at, const Cost& cost, bool has_class) {
    at.cost += cost;
    nodes[frames.back().node].exclusive += cost;
    Phase& open = phases[current_phase];
    open.cost += cost;
    if (has_class) add(open.classes, at.cls, cost);
    if (traffic_pending) {
      for (std::size_t r = 0; r < regions.size(); ++r) {
        RegionTraffic& into = open.traffic[r];
        RegionTraffic& from = pending_traffic[r];
        into.read_bytes += from.read_bytes;
        into.written_bytes += from.written_bytes;
        into.reads += from.reads;
        into.writes += from.writes;
        from.read_bytes = from.written_bytes = from.reads = from.writes = 0;
      }
      traffic_pending = false;
    }
  }

  std::size_t phase_of_layer(std::uint32_t layer) {
    const auto [it, fresh] = layer_phase.try_emplace(layer, phases.size());
    if (fresh) phases.push_back(new_phase(PhaseKind::Layer, layer));
    return it->second;
  }

  void open_phase(std::size_t index) {
    current_phase = index;
    ++phases[index].visits;
    phases[index].lowest_sp = std::min(phases[index].lowest_sp, sp);  // the SP it starts with
  }

  // The span after an inference's end is "after" until another inference
  // begins; then it was between inferences.
  void fold_after_into_between() {
    Phase& after = phases[3];
    if (after.visits == 0) return;
    Phase& between = phases[2];
    between.visits += after.visits;
    between.cost += after.cost;
    add(between.classes, after.classes);
    for (std::size_t r = 0; r < regions.size(); ++r) {
      between.traffic[r].read_bytes += after.traffic[r].read_bytes;
      between.traffic[r].written_bytes += after.traffic[r].written_bytes;
      between.traffic[r].reads += after.traffic[r].reads;
      between.traffic[r].writes += after.traffic[r].writes;
    }
    between.lowest_sp = std::min(between.lowest_sp, after.lowest_sp);
    after = new_phase(PhaseKind::After, std::nullopt);
  }

  ExecutionProfile build(const RunResult& run, const LineTable* lines);
};

ExecutionProfiler::ExecutionProfiler(const ElfImage& elf, const Target& target,
                                     ProfilerOptions options)
    : state_(std::make_unique<State>(elf, target, options)) {}

ExecutionProfiler::~ExecutionProfiler() = default;

bool ExecutionProfiler::wants_data_accesses() const { return state_->options.traffic; }

void ExecutionProfiler::on_instruction(const RetiredInstruction& retired) {
  State& s = *state_;
  State::Slot& at = s.slot(retired.pc);
  if (retired.insn) at.cls = instruction_class_of(retired.insn->cls);
  s.enter(at.function);
  s.charge(at, cost_of(retired), true);
}

void ExecutionProfiler::on_call(std::uint32_t, std::uint32_t callee, std::uint32_t return_address) {
  State& s = *state_;
  const std::uint32_t function = s.slot(callee).function;
  const std::uint32_t parent = s.frames.empty() ? 0 : s.frames.back().node;
  const std::uint32_t node = s.child(parent, function);
  ++s.nodes[node].calls;
  s.frames.push_back({node, return_address, false});
}

void ExecutionProfiler::on_return(std::uint32_t target) {
  // As the machine's shadow stack: the frame whose return address this is,
  // and every frame above it; never past the exception being handled.
  auto& frames = state_->frames;
  for (std::size_t depth = frames.size(); depth > 0 && !frames[depth - 1].exception; --depth) {
    if (frames[depth - 1].return_address == target) {
      frames.resize(depth - 1);
      return;
    }
  }
}

void ExecutionProfiler::on_exception_entry(const RetiredInstruction& entry) {
  // Handlers are contexts of their own, not callees of the code they preempted.
  State& s = *state_;
  State::Slot& at = s.slot(entry.pc);
  const std::uint32_t node = s.child(0, at.function);
  ++s.nodes[node].calls;
  s.frames.push_back({node, 0, true});
  at.entry_cycles += entry.cycles;
  s.charge(at, cost_of(entry), false);
}

void ExecutionProfiler::on_exception_return(std::uint32_t) {
  auto& frames = state_->frames;
  while (!frames.empty()) {
    const bool was_exception = frames.back().exception;
    frames.pop_back();
    if (was_exception) return;
  }
}

void ExecutionProfiler::on_data_access(std::uint32_t address, std::uint32_t bytes, bool write) {
  State& s = *state_;
  std::size_t r = s.last_region;
  if (address - s.regions[r].base >= s.regions[r].size) {
    r = 0;
    while (r < s.regions.size() && address - s.regions[r].base >= s.regions[r].size) ++r;
    if (r == s.regions.size()) return;  // unmapped: the machine reports the fault
    s.last_region = r;
  }
  RegionTraffic& traffic = s.pending_traffic[r];
  s.traffic_pending = true;
  if (write) {
    traffic.written_bytes += bytes;
    ++traffic.writes;
  } else {
    traffic.read_bytes += bytes;
    ++traffic.reads;
  }
}

void ExecutionProfiler::on_marker(const TraceMarker& marker) {
  State& s = *state_;
  switch (marker.port) {
    case marker_port::kInferenceBegin:
      s.fold_after_into_between();
      ++s.inferences;
      s.open_phase(1);
      break;
    case marker_port::kLayerBegin: s.open_phase(s.phase_of_layer(marker.value)); break;
    case marker_port::kLayerEnd: s.open_phase(1); break;
    case marker_port::kInferenceEnd: s.open_phase(3); break;
    default: break;
  }
}

void ExecutionProfiler::on_stack_pointer(std::uint32_t sp) {
  state_->sp = sp;
  auto& lowest = state_->phases[state_->current_phase].lowest_sp;
  lowest = std::min(lowest, sp);
}

ExecutionProfile ExecutionProfiler::finish(const RunResult& run) {
  std::unique_ptr<LineTable> lines;
  if (state_->options.lines) lines = std::make_unique<LineTable>(state_->elf.file);
  return state_->build(run, lines.get());
}

ExecutionProfile ExecutionProfiler::State::build(const RunResult& run, const LineTable* lines) {
  ExecutionProfile profile;
  profile.cycles = run.cycles;
  profile.instructions = run.instructions;
  profile.initial_sp = initial_sp;
  profile.inferences = inferences;
  profile.has_line_info = lines && lines->has_lines();

  // Phases: start-up, layers by index, then the engine's and the gaps.
  const auto stack_peak = [&](std::uint32_t lowest) -> std::optional<std::uint32_t> {
    if (lowest == kNone || initial_sp == 0) return std::nullopt;
    return lowest < initial_sp ? initial_sp - lowest : 0;
  };
  const auto emit_phase = [&](const Phase& phase) {
    PhaseProfile out;
    out.kind = phase.kind;
    out.layer = phase.layer;
    out.visits = phase.visits;
    out.cost = phase.cost;
    out.classes = phase.classes;
    if (options.traffic) out.traffic = phase.traffic;
    out.stack_peak_bytes = stack_peak(phase.lowest_sp);
    profile.phases.push_back(std::move(out));
  };
  emit_phase(phases[0]);
  for (const auto& [layer, index] : layer_phase) emit_phase(phases[index]);
  for (std::size_t i = 1; i <= 3; ++i) {
    if (phases[i].visits > 0) emit_phase(phases[i]);
  }
  std::uint32_t lowest = kNone;
  for (const Phase& phase : phases) {
    profile.total += phase.cost;
    add(profile.classes, phase.classes);
    lowest = std::min(lowest, phase.lowest_sp);
  }
  if (options.traffic) {
    for (std::size_t r = 0; r < regions.size(); ++r) {
      RegionTraffic sum{regions[r].name, regions[r].kind, 0, 0, 0, 0};
      for (const Phase& phase : phases) {
        sum.read_bytes += phase.traffic[r].read_bytes;
        sum.written_bytes += phase.traffic[r].written_bytes;
        sum.reads += phase.traffic[r].reads;
        sum.writes += phase.traffic[r].writes;
      }
      profile.traffic.push_back(std::move(sum));
    }
  }
  if (profile.total.cycles != run.cycles || profile.total.instructions != run.instructions) {
    throw Error(ErrorKind::Internal,
                fmt::format("the profile's costs sum to {} cycles and {} instructions, the run took "
                            "{} and {}",
                            profile.total.cycles, profile.total.instructions, run.cycles,
                            run.instructions),
                "this is a bug in the machine's observer events; please report it with the program");
  }

  // Functions: exclusive costs and classes from their addresses, activations from the contexts.
  std::vector<FunctionProfile> fns = functions;
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) { return a.address < b.address; });
  for (const Slot& slot : slots) {
    fns[slot.function].exclusive += slot.cost;
    Cost executed = slot.cost;
    executed.cycles -= slot.entry_cycles;
    add(fns[slot.function].classes, slot.cls, executed);
  }
  for (const Node& node : nodes) {
    if (node.function != kNone) fns[node.function].calls += node.calls;
  }

  // Inclusive costs: each context's subtree, counted once per function on the
  // path (recursion is not doubled). Children are created after their parents.
  std::vector<Cost> subtree(nodes.size());
  for (std::size_t n = nodes.size(); n-- > 0;) {
    subtree[n] += nodes[n].exclusive;
    if (nodes[n].parent != kNone) subtree[nodes[n].parent] += subtree[n];
  }
  std::map<std::pair<std::uint32_t, std::uint32_t>, CallEdge> edges;
  std::vector<std::uint32_t> on_path(fns.size(), 0);
  std::vector<std::uint32_t> path;
  // Depth-first walk in creation order, iteratively.
  struct Visit {
    std::uint32_t node;
    std::size_t next_child;
  };
  std::vector<Visit> walk{{0, 0}};
  std::vector<ContextProfile> contexts;
  while (!walk.empty()) {
    Visit& visit = walk.back();
    const Node& node = nodes[visit.node];
    if (visit.next_child == 0 && node.function != kNone) {
      const std::uint32_t f = node.function;
      if (on_path[f] == 0) {
        fns[f].inclusive_cycles += subtree[visit.node].cycles;
        fns[f].inclusive_instructions += subtree[visit.node].instructions;
      }
      if (node.parent != 0) {
        CallEdge& edge = edges[{nodes[node.parent].function, f}];
        edge.caller = nodes[node.parent].function;
        edge.callee = f;
        edge.calls += node.calls;
        if (on_path[f] == 0) {
          edge.inclusive_cycles += subtree[visit.node].cycles;
          edge.inclusive_instructions += subtree[visit.node].instructions;
        }
      }
      ++on_path[f];
      path.push_back(f);
      if (node.exclusive.cycles > 0 || node.exclusive.instructions > 0) {
        contexts.push_back({path, node.exclusive});
      }
    }
    if (visit.next_child < node.children.size()) {
      const std::uint32_t next = node.children[visit.next_child++].second;
      walk.push_back({next, 0});
      continue;
    }
    if (node.function != kNone) {
      --on_path[node.function];
      path.pop_back();
    }
    walk.pop_back();
  }

  // Order functions by exclusive cycles and renumber every reference.
  std::vector<std::uint32_t> order(fns.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(fns[b].exclusive.cycles, fns[a].address) < std::tie(fns[a].exclusive.cycles, fns[b].address);
  });
  std::vector<std::uint32_t> renumber(fns.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    renumber[order[i]] = i;
    profile.functions.push_back(std::move(fns[order[i]]));
  }
  for (auto& [key, edge] : edges) {
    edge.caller = renumber[edge.caller];
    edge.callee = renumber[edge.callee];
    profile.edges.push_back(edge);
  }
  std::stable_sort(profile.edges.begin(), profile.edges.end(), [](const CallEdge& a, const CallEdge& b) {
    return a.inclusive_cycles > b.inclusive_cycles;
  });
  for (ContextProfile& context : contexts) {
    for (std::uint32_t& f : context.stack) f = renumber[f];
  }
  profile.contexts = std::move(contexts);

  // Lines and addresses.
  std::map<std::tuple<std::string, std::uint32_t, std::uint32_t>, std::uint32_t> line_index;
  std::vector<std::uint32_t> slot_line(slots.size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const Slot& slot = slots[i];
    const std::uint32_t function = renumber[slot.function];
    std::optional<SourceLine> source = lines ? lines->line_at(slot.address) : std::nullopt;
    // Code no line covers keeps its function apart: one "no line" entry per function.
    auto key = source ? std::make_tuple(source->file, source->line, 0u)
                      : std::make_tuple(std::string(), 0u, function);
    const auto [it, fresh] = line_index.try_emplace(key, static_cast<std::uint32_t>(profile.lines.size()));
    if (fresh) {
      LineProfile line;
      if (source) {
        line.file = source->file;
        line.line = source->line;
      }
      line.function = function;
      profile.lines.push_back(std::move(line));
    }
    profile.lines[it->second].cost += slot.cost;
    slot_line[i] = it->second;
  }
  std::vector<std::uint32_t> line_order(profile.lines.size());
  std::iota(line_order.begin(), line_order.end(), 0u);
  std::sort(line_order.begin(), line_order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const LineProfile& x = profile.lines[a];
    const LineProfile& y = profile.lines[b];
    return std::tie(y.cost.cycles, x.file, x.line, x.function) < std::tie(x.cost.cycles, y.file, y.line, y.function);
  });
  std::vector<std::uint32_t> line_renumber(line_order.size());
  std::vector<LineProfile> sorted_lines;
  for (std::uint32_t i = 0; i < line_order.size(); ++i) {
    line_renumber[line_order[i]] = i;
    sorted_lines.push_back(std::move(profile.lines[line_order[i]]));
  }
  profile.lines = std::move(sorted_lines);
  for (std::size_t i = 0; i < slots.size(); ++i) {
    profile.addresses.push_back({slots[i].address, renumber[slots[i].function],
                                 line_renumber[slot_line[i]], slots[i].cls, slots[i].cost});
  }
  return profile;
}

ProfiledRun simulate_profiled(const Target& target, const ElfImage& elf, RunOptions options,
                              ProfilerOptions profiler_options) {
  ExecutionProfiler profiler(elf, target, profiler_options);
  options.observer = &profiler;
  ProfiledRun result;
  result.run = simulate(target, elf, options);
  result.profile = profiler.finish(result.run);
  return result;
}

}  // namespace mcusim::profiler
