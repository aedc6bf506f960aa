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
#include <cstdlib>
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

Cost scaled(const Cost& cost, std::uint64_t times) {
  Cost out;
  out.cycles = cost.cycles * times;
  out.instructions = cost.instructions * times;
  for (std::size_t i = 0; i < kStallCauses; ++i) out.stalls[i] = cost.stalls[i] * times;
  return out;
}

// A negative extra (a divide faster than its static cost) wraps: every sum it
// enters also holds the static cost it corrects, so the totals are exact.
Cost cost_of(const CostExtra& extra) {
  Cost cost;
  const auto cycles = static_cast<std::uint64_t>(static_cast<std::int64_t>(extra.cycles));
  if (extra.adds_cycles) cost.cycles = cycles;
  if (extra.cause != StallCause::Count) cost.stalls[static_cast<std::size_t>(extra.cause)] = cycles;
  return cost;
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

  // Block mode: per machine block id, the instructions' slots, static costs
  // and classes, and how often the block ran in each (context, phase) with
  // how many of its instructions reported (multiplied out in finish()).
  struct BlockRuns {
    std::uint32_t node = 0;
    std::uint32_t phase = 0;
    std::uint32_t count = 0;  // instructions [0, count)
    std::uint64_t runs = 0;
  };
  struct BlockSummary {
    std::vector<std::uint32_t> slots;  // slot index per instruction reported so far
    std::vector<Cost> costs;
    bool one_function = true;
    std::vector<BlockRuns> runs;
    std::size_t last = 0;  // the entry of runs used last
  };
  std::vector<BlockSummary> blocks;
  // Data accesses of the block running, with the instruction that made them.
  struct Access {
    std::uint16_t index = 0;
    std::uint8_t region = 0;
    bool write = false;
    std::uint32_t bytes = 0;
  };
  std::vector<Access> block_accesses;

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

  Slot& slot(std::uint32_t pc) { return slots[slot_index(pc)]; }

  std::uint32_t slot_index(std::uint32_t pc) {
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
    return *entry - 1;
  }

  // The region index of an address, or regions.size() when none holds it.
  std::size_t region_of(std::uint32_t address) {
    std::size_t r = last_region;
    if (address - regions[r].base >= regions[r].size) {
      r = 0;
      while (r < regions.size() && address - regions[r].base >= regions[r].size) ++r;
      if (r == regions.size()) return r;
      last_region = r;
    }
    return r;
  }

  void count_access(std::vector<RegionTraffic>& into, std::size_t r, std::uint32_t bytes, bool write) {
    RegionTraffic& traffic = into[r];
    if (write) {
      traffic.written_bytes += bytes;
      ++traffic.writes;
    } else {
      traffic.read_bytes += bytes;
      ++traffic.reads;
    }
  }

  // Accesses of a block's instructions from `index` on wait for the
  // retirement that charges them.
  void defer_block_accesses() {
    for (const Access& access : block_accesses) {
      count_access(pending_traffic, access.region, access.bytes, access.write);
      traffic_pending = true;
    }
    block_accesses.clear();
  }

  void on_block(const RetiredBlock& block);
  void on_marker(const TraceMarker& marker);
  void on_block_in_order(const RetiredBlock& block, BlockSummary& summary);
  void multiply_out_blocks();

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
    multiply_out_blocks();  // block runs counted in "after" move with it
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
    : elf_(elf), target_(target), options_(options),
      state_(std::make_unique<State>(elf, target, options)) {}

ExecutionProfiler::~ExecutionProfiler() = default;

bool ExecutionProfiler::wants_data_accesses() const { return state_->options.traffic; }

bool ExecutionProfiler::wants_blocks() const { return !options_.precise_per_instruction; }

void ExecutionProfiler::on_restart() { state_ = std::make_unique<State>(elf_, target_, options_); }

void ExecutionProfiler::on_block(const RetiredBlock& block) { state_->on_block(block); }

void ExecutionProfiler::on_block_data_access(std::uint32_t index, std::uint32_t address,
                                             std::uint32_t bytes, bool write) {
  State& s = *state_;
  const std::size_t r = s.region_of(address);
  if (r == s.regions.size()) return;  // unmapped: the machine reports the fault
  s.block_accesses.push_back({static_cast<std::uint16_t>(index), static_cast<std::uint8_t>(r), write, bytes});
}

void ExecutionProfiler::State::on_block(const RetiredBlock& block) {
  if (block.id >= blocks.size()) blocks.resize(block.id + 1);
  BlockSummary& summary = blocks[block.id];
  const std::size_t count = block.instructions.size();
  while (summary.slots.size() < count) {
    // A slot exists once its instruction has run, as in precise mode.
    const RetiredInstruction& first_run = block.instructions[summary.slots.size()];
    const std::uint32_t index = slot_index(first_run.pc);
    if (first_run.insn) slots[index].cls = instruction_class_of(first_run.insn->cls);
    summary.one_function &= slots[index].function == slots[summary.slots.empty() ? index : summary.slots[0]].function;
    summary.slots.push_back(index);
    summary.costs.push_back(cost_of(first_run));
  }
  if (!summary.one_function || !block.markers.empty()) {
    on_block_in_order(block, summary);
    return;
  }
  // One function, one phase: the static part is counted, the extras added.
  enter(slots[summary.slots[0]].function);
  const std::uint32_t node = frames.back().node;
  const auto phase = static_cast<std::uint32_t>(current_phase);
  const auto matches = [&](const BlockRuns& runs) {
    return runs.node == node && runs.phase == phase && runs.count == count;
  };
  if (summary.last >= summary.runs.size() || !matches(summary.runs[summary.last])) {
    const auto found = std::find_if(summary.runs.begin(), summary.runs.end(), matches);
    summary.last = static_cast<std::size_t>(found - summary.runs.begin());
    if (found == summary.runs.end()) {
      summary.runs.push_back({node, phase, static_cast<std::uint32_t>(count), 0});
    }
  }
  ++summary.runs[summary.last].runs;
  Phase& open = phases[current_phase];
  for (const CostExtra& extra : block.extras) {
    const Cost cost = cost_of(extra);
    Slot& at = slots[summary.slots[extra.index]];
    at.cost += cost;
    nodes[node].exclusive += cost;
    open.cost += cost;
    add(open.classes, at.cls, cost);
  }
  if (!block_accesses.empty()) {
    std::size_t kept = 0;
    for (const Access& access : block_accesses) {
      if (access.index < count) {
        count_access(open.traffic, access.region, access.bytes, access.write);
      } else {
        block_accesses[kept++] = access;
      }
    }
    block_accesses.resize(kept);
    defer_block_accesses();
  }
  for (const StackWrite& write : block.stack) {
    sp = write.sp;
    open.lowest_sp = std::min(open.lowest_sp, sp);
  }
}

// As precise mode: markers before the instruction that starts at or after
// their cycle, then the instruction, then SP if it wrote it.
void ExecutionProfiler::State::on_block_in_order(const RetiredBlock& block, BlockSummary& summary) {
  const std::size_t count = block.instructions.size();
  std::vector<Cost> costs(summary.costs.begin(), summary.costs.begin() + static_cast<std::ptrdiff_t>(count));
  for (const CostExtra& extra : block.extras) costs[extra.index] += cost_of(extra);
  std::vector<Access> accesses;
  accesses.swap(block_accesses);
  std::size_t marker = 0, access = 0, write = 0;
  std::uint64_t start = block.start_cycle;
  for (std::size_t i = 0; i < count; ++i) {
    while (marker < block.markers.size() && block.markers[marker].cycle <= start) {
      on_marker(block.markers[marker++]);
    }
    for (; access < accesses.size() && accesses[access].index <= i; ++access) {
      count_access(pending_traffic, accesses[access].region, accesses[access].bytes, accesses[access].write);
      traffic_pending = true;
    }
    Slot& at = slots[summary.slots[i]];
    enter(at.function);
    charge(at, costs[i], true);
    for (; write < block.stack.size() && block.stack[write].index == i; ++write) {
      sp = block.stack[write].sp;
      phases[current_phase].lowest_sp = std::min(phases[current_phase].lowest_sp, sp);
    }
    start += costs[i].cycles;
  }
  for (; marker < block.markers.size(); ++marker) on_marker(block.markers[marker]);
  block_accesses.assign(accesses.begin() + static_cast<std::ptrdiff_t>(access), accesses.end());
  defer_block_accesses();
}

void ExecutionProfiler::State::multiply_out_blocks() {
  for (BlockSummary& summary : blocks) {
    for (const BlockRuns& runs : summary.runs) {
      Phase& phase = phases[runs.phase];
      for (std::size_t i = 0; i < runs.count; ++i) {
        const Cost cost = scaled(summary.costs[i], runs.runs);
        Slot& at = slots[summary.slots[i]];
        at.cost += cost;
        nodes[runs.node].exclusive += cost;
        phase.cost += cost;
        add(phase.classes, at.cls, cost);
      }
    }
    summary.runs.clear();
  }
}

void ExecutionProfiler::on_instruction(const RetiredInstruction& retired) {
  State& s = *state_;
  if (!s.block_accesses.empty()) s.defer_block_accesses();  // block mode: the tail's own
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
  if (!s.block_accesses.empty()) s.defer_block_accesses();
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
  const std::size_t r = s.region_of(address);
  if (r == s.regions.size()) return;  // unmapped: the machine reports the fault
  s.count_access(s.pending_traffic, r, bytes, write);
  s.traffic_pending = true;
}

void ExecutionProfiler::on_marker(const TraceMarker& marker) { state_->on_marker(marker); }

void ExecutionProfiler::State::on_marker(const TraceMarker& marker) {
  switch (marker.port) {
    case marker_port::kInferenceBegin:
      fold_after_into_between();
      ++inferences;
      open_phase(1);
      break;
    case marker_port::kLayerBegin: open_phase(phase_of_layer(marker.value)); break;
    case marker_port::kLayerEnd: open_phase(1); break;
    case marker_port::kInferenceEnd: open_phase(3); break;
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
  state_->multiply_out_blocks();
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
  // For tests that compare the two modes through the CLI (tests/profiler/profile_modes_test.cpp).
  if (const char* precise = std::getenv("MCUSIM_PROFILE_PRECISE"); precise && precise[0] == '1') {
    profiler_options.precise_per_instruction = true;
  }
  ExecutionProfiler profiler(elf, target, profiler_options);
  options.observer = &profiler;
  ProfiledRun result;
  result.run = simulate(target, elf, options);
  result.profile = profiler.finish(result.run);
  return result;
}

}  // namespace mcusim::profiler
