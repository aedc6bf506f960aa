// profiler/execution_profile.hpp — where one run's cycles, instructions and
// bytes went: per phase (start-up, each layer, the engine between layers,
// between inferences, after), per function (exclusive, inclusive, callers and
// callees), per calling context, per source line; by instruction class and
// stall cause; memory traffic per region; stack peak per phase.
//
// Plain data, filled by profile_execution (profiler/execution_profiler.hpp)
// and read by the report writers. Sum rule: phases, functions (exclusive),
// contexts and lines each sum exactly to `cycles` and `instructions`.
#pragma once

#include "sim/machine/execution_observer.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcusim::profiler {

// The instruction classes (decode classes folded, instruction_class_of).
enum class InstructionClass : std::uint8_t {
  Alu, MultiplyDsp, Divide, Load, Store, Branch, Other, Count
};
inline constexpr std::size_t kInstructionClasses = static_cast<std::size_t>(InstructionClass::Count);
std::string_view instruction_class_name(InstructionClass cls) noexcept;  // "alu", "multiply_dsp", ...
std::string_view stall_cause_name(StallCause cause) noexcept;            // "fetch", "data", ...
InstructionClass instruction_class_of(InsnClass cls) noexcept;

// Cycles and instructions with their split by stall cause (parts of cycles).
struct Cost {
  std::uint64_t cycles = 0;
  std::uint64_t instructions = 0;
  std::array<std::uint64_t, kStallCauses> stalls{};
  std::uint64_t stall_cycles() const noexcept;
  Cost& operator+=(const Cost& other) noexcept;
};

// Per instruction class: cycles (stalls included) and instructions. Exception
// entries have no instruction: their cycles are in Cost::stalls[Exception]
// and in no class, so classes sum to cycles minus exception-entry cycles.
struct ClassBreakdown {
  std::array<std::uint64_t, kInstructionClasses> cycles{};
  std::array<std::uint64_t, kInstructionClasses> instructions{};
};

// Bytes moved by data accesses (loads, stores, stacking excluded) per region
// of the target, plus "ppb" (the private peripheral bus: DWT, SysTick, ITM, NVIC).
struct RegionTraffic {
  std::string region;  // the target's region name, or "ppb"
  std::string kind;    // "flash", "ram", "peripheral"
  std::uint64_t read_bytes = 0;
  std::uint64_t written_bytes = 0;
  std::uint64_t reads = 0;
  std::uint64_t writes = 0;
};

enum class PhaseKind : std::uint8_t {
  Startup,            // reset to the first inference's begin marker (the whole run without markers)
  Layer,              // one layer (plan index), summed over every inference
  BetweenLayers,      // inside inferences, outside every layer: the engine's dispatch
  BetweenInferences,  // from an inference's end marker to the next one's begin
  After,              // from the last inference's end marker to the end of the run
};
std::string_view phase_kind_name(PhaseKind kind) noexcept;  // "startup", "layer", ...

struct PhaseProfile {
  PhaseKind kind = PhaseKind::Startup;
  std::optional<std::uint32_t> layer;  // PhaseKind::Layer only: index in the plan
  std::uint32_t visits = 0;            // spans of this phase in the run (inferences, for a layer)
  Cost cost;
  ClassBreakdown classes;
  std::vector<RegionTraffic> traffic;   // empty unless data accesses were observed
  // Deepest stack seen in the phase: initial SP minus the lowest SP.
  std::optional<std::uint32_t> stack_peak_bytes;
};

struct FunctionProfile {
  std::string name;           // ELF symbol, or "0x000001a4" for code no symbol covers
  std::uint32_t address = 0;  // Thumb bit cleared
  std::uint32_t size = 0;
  Cost exclusive;             // the function's own instructions (entries of its handlers: see docs)
  ClassBreakdown classes;     // of the exclusive part
  // The function and everything it called, once per activation (recursion not doubled).
  std::uint64_t inclusive_cycles = 0;
  std::uint64_t inclusive_instructions = 0;
  std::uint64_t calls = 0;  // activations: calls, tail calls, exception entries
};

// Caller -> callee, summed over every call: how often and what the calls cost
// (the callee's inclusive cost during those calls).
struct CallEdge {
  std::uint32_t caller = 0;  // index in ExecutionProfile::functions
  std::uint32_t callee = 0;
  std::uint64_t calls = 0;
  std::uint64_t inclusive_cycles = 0;
  std::uint64_t inclusive_instructions = 0;
};

// One calling context (a path of the call tree, root first) and its
// exclusive cost: the folded-stacks view. Contexts sum to the run.
struct ContextProfile {
  std::vector<std::uint32_t> stack;  // function indices, outermost first
  Cost exclusive;
};

struct LineProfile {
  std::string file;            // as DWARF names it (directory joined); "" when no line covers the code
  std::uint32_t line = 0;      // 0 when unknown
  std::uint32_t function = 0;  // index in functions of the code on this line (the first seen)
  Cost cost;
};

// One instruction address: the finest grain, for annotated disassembly and
// callgrind's instruction-level view.
struct AddressProfile {
  std::uint32_t address = 0;
  std::uint32_t function = 0;
  std::uint32_t line = 0;  // index in lines
  InstructionClass cls = InstructionClass::Other;
  Cost cost;
};

struct ExecutionProfile {
  std::uint64_t cycles = 0;        // = RunResult::cycles
  std::uint64_t instructions = 0;  // = RunResult::instructions
  std::uint32_t initial_sp = 0;
  std::uint32_t inferences = 0;
  Cost total;                       // sums of everything (stall totals per cause)
  ClassBreakdown classes;
  std::vector<PhaseProfile> phases;  // startup, layers by index, between_layers, between_inferences, after
  std::vector<FunctionProfile> functions;  // by exclusive cycles, most first (ties: by address)
  std::vector<CallEdge> edges;             // by inclusive cycles, most first
  std::vector<ContextProfile> contexts;    // by first entry
  std::vector<LineProfile> lines;          // by cycles, most first (ties: file, line)
  std::vector<AddressProfile> addresses;   // by address
  std::vector<RegionTraffic> traffic;      // whole run; empty unless observed
  bool has_line_info = false;              // the ELF had DWARF line tables
};

}  // namespace mcusim::profiler
