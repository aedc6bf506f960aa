// sim/timing/cortex_m4_rules.hpp — Cortex-M4 / M4F instruction timing, zero
// wait states: ARM DDI 0439B §3.3 (Table 3-1, processor instruction set
// summary; "Load/store timings") and chapter 7 (FPU instruction timing).
//
// One row per InsnClass in enum order. `base` is charged whenever the
// instruction executes; on a flow change `taken_extra` plus, where `adds_refill`
// is set, the pipeline refill P, which depends on the first instruction at the
// target (kRefill* below). The dynamic rules a row cannot hold are constants
// here and applied in timing.cpp: load/store pipelining, the address-dependency
// stall, IT folding, a failed IT condition and the operand-dependent divide.
#pragma once

#include "sim/timing/timing_rule.hpp"

namespace mcusim {

// P, the pipeline refill. DDI 0439B §3.3.1: "ranges from 1 to 3 depending on the
// alignment and width of the target instruction, and whether the processor
// manages to speculate the address early". Model (TIMING-FACTS.md, zero wait):
// 1 for a 16-bit target or a 32-bit target at a word-aligned address, 2 for a
// 32-bit target that straddles a word (it needs two fetches).
inline constexpr std::uint8_t kCortexM4RefillNear = 1;
inline constexpr std::uint8_t kCortexM4RefillUnalignedWide = 2;
// TIMING-FACTS.md "Unaligned accesses": a word (or halfword) split over two
// words takes a second bus transfer.
inline constexpr std::uint8_t kCortexM4UnalignedSplitExtra = 1;

// "LDR [any] are pipelined when possible ... one cycle is removed from the cost
// of the next instruction" (DDI 0439B §3.3.2): a single LDR/STR after a single
// LDR whose address does not use a register the LDR wrote.
inline constexpr std::uint8_t kCortexM4PipelinedLoadStoreCycles = 1;

// "Any load or store that generates an address dependent on the result of a
// preceding data processing operation stalls the pipeline for an additional
// cycle ... There is no forwarding path" (DDI 0439B §3.3.2). Applied to any
// preceding instruction that writes the base or index register.
inline constexpr std::uint8_t kCortexM4AddressDependencyStall = 1;

// IT "can be folded" with a preceding 16-bit instruction (DDI 0439B §3.3.1
// Table 3-1 note): 0 cycles then, 1 otherwise.
inline constexpr std::uint8_t kCortexM4FoldedItCycles = 0;

// An instruction in an IT block whose condition fails: the TRM gives no figure;
// we charge one issue cycle.
inline constexpr std::uint8_t kCortexM4SkippedCycles = 1;

// SDIV/UDIV: "2 to 12" with early termination (DDI 0439B §3.3.1). The rule the
// model uses, as commonly measured: 2 when the divisor or the quotient is 0,
// else 3 + floor((bits(dividend) - bits(divisor)) / 4), clamped to [2, 12].
inline constexpr std::uint8_t kCortexM4DivideMin = 2;
inline constexpr std::uint8_t kCortexM4DivideMax = 12;
inline constexpr std::uint8_t kCortexM4DivideBase = 3;
inline constexpr std::uint8_t kCortexM4DivideBitsPerCycle = 4;
// For 32-bit operands the formula peaks at 3 + (32 - 1) / 4 = 10: the clamp to
// 12 never binds, it only keeps the rule inside the TRM's stated range.
static_assert(kCortexM4DivideBase + (32 - 1) / kCortexM4DivideBitsPerCycle <= kCortexM4DivideMax,
              "the divide formula stays within the TRM's 2-12 range");

// clang-format off
inline constexpr TimingTable kCortexM4Rules{{
    // cls                       base per_reg extra refill  trm
    {InsnClass::Alu,              1, 0, 0, false, "DDI 0439B §3.3.1: MOV, ADD, shifts, compares, extends, bit fields: 1"},
    {InsnClass::AluWritePc,       1, 0, 0, true,  "DDI 0439B §3.3.1: MOV PC, Rm / ADD PC, PC, Rm: 1 + P"},
    {InsnClass::Mul,              1, 0, 0, false, "DDI 0439B §3.3.1: MUL, MLA, MLS: 1"},
    {InsnClass::MulLong,          1, 0, 0, false, "DDI 0439B §3.3.1: SMULL, UMULL, SMLAL, UMLAL: 1"},
    {InsnClass::Dsp,              1, 0, 0, false, "DDI 0439B §3.3.1: DSP/SIMD/saturating (SMLAD, SADD16, SSAT, ...): 1"},
    {InsnClass::Div,              2, 0, 0, false, "DDI 0439B §3.3.1: SDIV, UDIV: 2-12; 2 here, the machine adds divide_cycles() - 2"},
    {InsnClass::Load,             2, 0, 0, false, "DDI 0439B §3.3.1: LDR/LDRB/LDRH/LDRSB/LDRSH/LDREX: 2 (1 when pipelined, §3.3.2)"},
    {InsnClass::LoadPc,           2, 0, 0, true,  "DDI 0439B §3.3.1: LDR PC, [...]: 2 + P"},
    {InsnClass::Store,            2, 0, 0, false, "DDI 0439B §3.3.1: STR/STRB/STRH/STREX: 2 (1 when pipelined after LDR, §3.3.2)"},
    {InsnClass::LoadDual,         3, 0, 0, false, "DDI 0439B §3.3.1: LDRD: 1 + N, N = 2; never pipelined (§3.3.2)"},
    {InsnClass::StoreDual,        3, 0, 0, false, "DDI 0439B §3.3.1: STRD: 1 + N, N = 2; never pipelined (§3.3.2)"},
    {InsnClass::LoadMulti,        1, 1, 0, false, "DDI 0439B §3.3.1: LDM/POP of N registers: 1 + N"},
    {InsnClass::LoadMultiPc,      1, 1, 0, true,  "DDI 0439B §3.3.1: LDM/POP with PC: 1 + N + P (N counts PC)"},
    {InsnClass::StoreMulti,       1, 1, 0, false, "DDI 0439B §3.3.1: STM/PUSH of N registers: 1 + N"},
    {InsnClass::Branch,           1, 0, 0, true,  "DDI 0439B §3.3.1: B: 1 + P"},
    {InsnClass::CondBranch,       1, 0, 0, true,  "DDI 0439B §3.3.1: B<cond>: 1 not taken, 1 + P taken"},
    {InsnClass::CompareBranch,    1, 0, 0, true,  "DDI 0439B §3.3.1: CBZ, CBNZ: 1 not taken, 1 + P taken"},
    {InsnClass::BranchLink,       1, 0, 0, true,  "DDI 0439B §3.3.1: BL: 1 + P"},
    {InsnClass::BranchReg,        1, 0, 0, true,  "DDI 0439B §3.3.1: BX: 1 + P"},
    {InsnClass::BranchLinkReg,    1, 0, 0, true,  "DDI 0439B §3.3.1: BLX Rm: 1 + P"},
    {InsnClass::TableBranch,      2, 0, 0, true,  "DDI 0439B §3.3.1: TBB, TBH: 2 + P"},
    {InsnClass::It,               1, 0, 0, false, "DDI 0439B §3.3.1: IT: 1, or 0 when folded with a preceding 16-bit instruction"},
    {InsnClass::SysReg,           1, 0, 0, false, "DDI 0439B §3.3.1: MRS, MSR: 1 or 2; the model charges 1"},
    {InsnClass::Cps,              1, 0, 0, false, "DDI 0439B §3.3.1: CPSIE/CPSID: 1 or 2; the model charges 1"},
    {InsnClass::Barrier,          1, 0, 0, false, "DDI 0439B §3.3.1: DMB, DSB: 1 + B, B = 0 with no outstanding transfers"},
    {InsnClass::Isb,              2, 0, 0, false, "DDI 0439B §3.3.1: ISB: 1 + B, B = one pipeline refill (P = 1)"},
    {InsnClass::Hint,             1, 0, 0, false, "DDI 0439B §3.3.1: NOP, YIELD, SEV, PLD, CLREX: 1"},
    {InsnClass::Wait,             1, 0, 0, false, "DDI 0439B §3.3.1: WFI, WFE: 1 + W (the wait is modelled by the machine)"},
    {InsnClass::Svc,              1, 0, 0, false, "DDI 0439B §3.3.1: SVC: 1 for the instruction; exception entry is modelled by the machine"},
    {InsnClass::Bkpt,             0, 0, 0, false, "BKPT: 0 - the core halts in Debug state while the debugger serves it; DWT CYCCNT does not count there"},
    {InsnClass::FpAlu,            1, 0, 0, false, "DDI 0439B ch. 7 FPU timing: VADD/VSUB/VMUL/VNMUL/VNEG/VABS/VCMP/VMOV/VCVT/VMRS/VMSR .F32: 1"},
    {InsnClass::FpMac,            3, 0, 0, false, "DDI 0439B ch. 7 FPU timing: VMLA/VMLS/VNMLA/VNMLS/VFMA/VFMS/VFNMA/VFNMS .F32: 3"},
    {InsnClass::FpDivSqrt,        14, 0, 0, false, "DDI 0439B ch. 7 FPU timing: VDIV.F32, VSQRT.F32: 14"},
    {InsnClass::FpLoadStore,      1, 1, 0, false, "DDI 0439B ch. 7 FPU timing: VLDR/VSTR: 1 + N words (.32: 2, .64: 3)"},
    {InsnClass::FpLoadStoreMulti, 1, 1, 0, false, "DDI 0439B ch. 7 FPU timing: VLDM/VSTM/VPUSH/VPOP: 1 + N words"},
    {InsnClass::Undefined,        0, 0, 0, false, "UNDEFINED never completes: the fault is modelled by the machine"},
}};
// clang-format on
static_assert(one_row_per_class_in_order(kCortexM4Rules),
              "kCortexM4Rules: exactly one row per InsnClass, in enum order, each with a citation");

}  // namespace mcusim
