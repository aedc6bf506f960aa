// sim/timing/cortex_m0plus_rules.hpp — Cortex-M0+ instruction timing, zero wait
// states: ARM DDI 0484C §3.3 (instruction set summary). The two-stage pipeline
// refills in 1 cycle where the Cortex-M0 needs 2.
//
// One row per InsnClass in enum order. `base` is charged whenever the
// instruction executes; `taken_extra` when it changes the flow (always, for an
// unconditional branch: the split only says which part is the refill).
// Classes outside ARMv6-M decode as Undefined (decoder.cpp) and never reach
// this table; their rows are zero and say so. Loads and stores through the
// single-cycle I/O port take 1 cycle: that is the memory model's business, not
// this table's.
#pragma once

#include "sim/timing/timing_rule.hpp"

namespace mcusim {

// MULS with the small multiplier implementation option: DDI 0484C §3.3 "1 or 32".
inline constexpr std::uint8_t kCortexM0PlusSmallMultiplierCycles = 32;

// clang-format off
inline constexpr TimingTable kCortexM0PlusRules{{
    // cls                       base per_reg extra refill  trm
    {InsnClass::Alu,              1, 0, 0, false, "DDI 0484C §3.3: data processing (MOVS, ADDS, CMP, LSLS, ...): 1"},
    {InsnClass::AluWritePc,       1, 0, 1, false, "DDI 0484C §3.3: ADD/MOV PC, Rm: 2 = 1 + 1 refill (always branches)"},
    {InsnClass::Mul,              1, 0, 0, false, "DDI 0484C §3.3: MULS 1 (fast multiplier), 32 (small multiplier)"},
    {InsnClass::MulLong,          0, 0, 0, false, "not in ARMv6-M: decoded as Undefined"},
    {InsnClass::Dsp,              0, 0, 0, false, "not in ARMv6-M: decoded as Undefined"},
    {InsnClass::Div,              0, 0, 0, false, "not in ARMv6-M: decoded as Undefined"},
    {InsnClass::Load,             2, 0, 0, false, "DDI 0484C §3.3: LDR/LDRB/LDRH/LDRSB/LDRSH: 2 (1 via the I/O port: memory model)"},
    {InsnClass::LoadPc,           0, 0, 0, false, "not in ARMv6-M (16-bit LDR cannot load PC): decoded as Undefined"},
    {InsnClass::Store,            2, 0, 0, false, "DDI 0484C §3.3: STR/STRB/STRH: 2 (1 via the I/O port: memory model)"},
    {InsnClass::LoadDual,         0, 0, 0, false, "not in ARMv6-M: decoded as Undefined"},
    {InsnClass::StoreDual,        0, 0, 0, false, "not in ARMv6-M: decoded as Undefined"},
    {InsnClass::LoadMulti,        1, 1, 0, false, "DDI 0484C §3.3: LDM/POP of N registers: 1 + N"},
    {InsnClass::LoadMultiPc,      1, 1, 2, false, "DDI 0484C §3.3: POP {..., PC}: 3 + N (N counts PC) = 1 + N, + 2 on the branch"},
    {InsnClass::StoreMulti,       1, 1, 0, false, "DDI 0484C §3.3: STM/PUSH of N registers: 1 + N"},
    {InsnClass::Branch,           1, 0, 1, false, "DDI 0484C §3.3: B: 2 = 1 + 1 refill"},
    {InsnClass::CondBranch,       1, 0, 1, false, "DDI 0484C §3.3: B<cond>: 1 not taken, 2 taken"},
    {InsnClass::CompareBranch,    0, 0, 0, false, "not in ARMv6-M (CBZ/CBNZ are ARMv7-M): decoded as Undefined"},
    {InsnClass::BranchLink,       2, 0, 1, false, "DDI 0484C §3.3: BL: 3 = 2 (32-bit, two halfwords) + 1 refill"},
    {InsnClass::BranchReg,        1, 0, 1, false, "DDI 0484C §3.3: BX: 2 = 1 + 1 refill"},
    {InsnClass::BranchLinkReg,    1, 0, 1, false, "DDI 0484C §3.3: BLX Rm: 2 = 1 + 1 refill"},
    {InsnClass::TableBranch,      0, 0, 0, false, "not in ARMv6-M: decoded as Undefined"},
    {InsnClass::It,               0, 0, 0, false, "not in ARMv6-M (IT is ARMv7-M): decoded as Undefined"},
    {InsnClass::SysReg,           3, 0, 0, false, "DDI 0484C §3.3: MRS, MSR: 3"},
    {InsnClass::Cps,              1, 0, 0, false, "DDI 0484C §3.3: CPSIE/CPSID: 1"},
    {InsnClass::Barrier,          3, 0, 0, false, "DDI 0484C §3.3: DMB, DSB: 3"},
    {InsnClass::Isb,              3, 0, 0, false, "DDI 0484C §3.3: ISB: 3"},
    {InsnClass::Hint,             1, 0, 0, false, "DDI 0484C §3.3: NOP, YIELD, SEV: 1"},
    {InsnClass::Wait,             1, 0, 0, false, "DDI 0484C §3.3: WFI, WFE: 1 (the sleep is modelled by the machine)"},
    {InsnClass::Svc,              1, 0, 0, false, "DDI 0484C §3.3: SVC: 1 for the instruction; exception entry is modelled by the machine"},
    {InsnClass::Bkpt,             0, 0, 0, false, "BKPT: 0 - the core halts in Debug state while the debugger serves it; DWT CYCCNT does not count there"},
    {InsnClass::FpAlu,            0, 0, 0, false, "no FPU on Cortex-M0+: decoded as Undefined"},
    {InsnClass::FpMac,            0, 0, 0, false, "no FPU on Cortex-M0+: decoded as Undefined"},
    {InsnClass::FpDivSqrt,        0, 0, 0, false, "no FPU on Cortex-M0+: decoded as Undefined"},
    {InsnClass::FpLoadStore,      0, 0, 0, false, "no FPU on Cortex-M0+: decoded as Undefined"},
    {InsnClass::FpLoadStoreMulti, 0, 0, 0, false, "no FPU on Cortex-M0+: decoded as Undefined"},
    {InsnClass::Undefined,        0, 0, 0, false, "UNDEFINED never completes: the fault is modelled by the machine"},
}};
// clang-format on
static_assert(one_row_per_class_in_order(kCortexM0PlusRules),
              "kCortexM0PlusRules: exactly one row per InsnClass, in enum order, each with a citation");

}  // namespace mcusim
