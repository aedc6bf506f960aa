// tests/reports/profile_fixture.hpp — a small execution profile written by
// hand (profiler/execution_profile.hpp): main calls work twice; work's code
// sits in work.c and an inlined header. Exclusive costs: main 30 cycles / 15
// instructions, work 130 / 85; the run 160 / 100.
#pragma once

#include "profiler/execution_profile.hpp"

namespace mcusim::test {

inline profiler::ExecutionProfile hand_profile() {
  using namespace profiler;
  ExecutionProfile p;
  p.cycles = 160;
  p.instructions = 100;
  FunctionProfile main_fn;
  main_fn.name = "main";
  main_fn.address = 0x100;
  main_fn.exclusive.cycles = 30;
  main_fn.exclusive.instructions = 15;
  main_fn.inclusive_cycles = 160;
  main_fn.inclusive_instructions = 100;
  main_fn.calls = 1;
  FunctionProfile work_fn;
  work_fn.name = "work";
  work_fn.address = 0x200;
  work_fn.exclusive.cycles = 130;
  work_fn.exclusive.instructions = 85;
  work_fn.inclusive_cycles = 130;
  work_fn.inclusive_instructions = 85;
  work_fn.calls = 2;
  p.functions = {work_fn, main_fn};  // by exclusive cycles, most first
  p.lines = {LineProfile{"work.c", 10, 0, Cost{100, 60, {}}}, LineProfile{"inl.h", 2, 0, Cost{30, 25, {}}},
             LineProfile{"main.c", 4, 1, Cost{20, 10, {}}}, LineProfile{"main.c", 3, 1, Cost{10, 5, {}}}};
  p.addresses = {AddressProfile{0x100, 1, 3, InstructionClass::Alu, Cost{10, 5, {}}},
                 AddressProfile{0x104, 1, 2, InstructionClass::Branch, Cost{20, 10, {}}},
                 AddressProfile{0x200, 0, 0, InstructionClass::Load, Cost{100, 60, {}}},
                 AddressProfile{0x204, 0, 1, InstructionClass::Alu, Cost{30, 25, {}}}};
  p.edges = {CallEdge{1, 0, 2, 130, 85}};
  p.contexts = {ContextProfile{{1}, Cost{30, 15, {}}}, ContextProfile{{1, 0}, Cost{130, 85, {}}}};
  return p;
}

}  // namespace mcusim::test
