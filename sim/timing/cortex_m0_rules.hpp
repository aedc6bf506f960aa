// sim/timing/cortex_m0_rules.hpp — Cortex-M0 r0p0 instruction timing, zero wait
// states: ARM DDI 0432C §3.3, Table 3-1 (Cortex-M0 instruction summary).
//
// One row per InsnClass in enum order. `base` is charged whenever the
// instruction executes; `taken_extra` when it changes the flow (always, for an
// unconditional branch: the split only says which part is the refill).
// Classes outside ARMv6-M decode as Undefined (decoder.cpp) and never reach
// this table; their rows are zero and say so.
#pragma once

#include "sim/timing/timing_rule.hpp"

namespace mcusim {

// MULS with the small (iterative) multiplier implementation option: DDI 0432C §3.3,
// Table 3-1 note: "1 or 32 depending on multiplier implementation".
inline constexpr std::uint8_t kCortexM0SmallMultiplierCycles = 32;

// clang-format off
inline constexpr TimingTable kCortexM0Rules{{
    // cls                       base per_reg extra refill  trm
    {InsnClass::Alu,              1, 0, 0, false, "DDI 0432C §3.3: data processing (MOVS, ADDS, CMP, LSLS, ...): 1"},
    {InsnClass::AluWritePc,       1, 0, 2, false, "DDI 0432C §3.3: ADD/MOV PC, Rm: 3 = 1 + 2 refill (always branches)"},
    {InsnClass::Mul,              1, 0, 0, false, "DDI 0432C §3.3: MULS 1 (fast multiplier), 32 (small multiplier)"},
    {InsnClass::MulLong,          0, 0, 0, false, "not in ARMv6-M: decoded as Undefined"},
    {InsnClass::Dsp,              0, 0, 0, false, "not in ARMv6-M: decoded as Undefined"},
    {InsnClass::Div,              0, 0, 0, false, "not in ARMv6-M: decoded as Undefined"},
    {InsnClass::Load,             2, 0, 0, false, "DDI 0432C §3.3: LDR/LDRB/LDRH/LDRSB/LDRSH, any addressing mode: 2"},
    {InsnClass::LoadPc,           0, 0, 0, false, "not in ARMv6-M (16-bit LDR cannot load PC): decoded as Undefined"},
    {InsnClass::Store,            2, 0, 0, false, "DDI 0432C §3.3: STR/STRB/STRH, any addressing mode: 2"},
    {InsnClass::LoadDual,         0, 0, 0, false, "not in ARMv6-M: decoded as Undefined"},
    {InsnClass::StoreDual,        0, 0, 0, false, "not in ARMv6-M: decoded as Undefined"},
    {InsnClass::LoadMulti,        1, 1, 0, false, "DDI 0432C §3.3: LDM/POP of N registers: 1 + N"},
    {InsnClass::LoadMultiPc,      1, 1, 3, false, "DDI 0432C §3.3: POP {..., PC}: 4 + N (N counts PC) = 1 + N, + 3 on the branch"},
    {InsnClass::StoreMulti,       1, 1, 0, false, "DDI 0432C §3.3: STM/PUSH of N registers: 1 + N"},
    {InsnClass::Branch,           1, 0, 2, false, "DDI 0432C §3.3: B: 3 = 1 + 2 refill"},
    {InsnClass::CondBranch,       1, 0, 2, false, "DDI 0432C §3.3: B<cond>: 1 not taken, 3 taken"},
    {InsnClass::CompareBranch,    0, 0, 0, false, "not in ARMv6-M (CBZ/CBNZ are ARMv7-M): decoded as Undefined"},
    {InsnClass::BranchLink,       2, 0, 2, false, "DDI 0432C §3.3: BL: 4 = 2 (32-bit, two halfwords) + 2 refill"},
    {InsnClass::BranchReg,        1, 0, 2, false, "DDI 0432C §3.3: BX: 3 = 1 + 2 refill"},
    {InsnClass::BranchLinkReg,    1, 0, 2, false, "DDI 0432C §3.3: BLX Rm: 3 = 1 + 2 refill"},
    {InsnClass::TableBranch,      0, 0, 0, false, "not in ARMv6-M: decoded as Undefined"},
    {InsnClass::It,               0, 0, 0, false, "not in ARMv6-M (IT is ARMv7-M): decoded as Undefined"},
    {InsnClass::SysReg,           4, 0, 0, false, "DDI 0432C §3.3: MRS, MSR: 4"},
    {InsnClass::Cps,              1, 0, 0, false, "DDI 0432C §3.3: CPSIE/CPSID: 1"},
    {InsnClass::Barrier,          4, 0, 0, false, "DDI 0432C §3.3: DMB, DSB: 4"},
    {InsnClass::Isb,              4, 0, 0, false, "DDI 0432C §3.3: ISB: 4"},
    {InsnClass::Hint,             1, 0, 0, false, "DDI 0432C §3.3: NOP, YIELD, SEV: 1"},
    {InsnClass::Wait,             1, 0, 0, false, "DDI 0432C §3.3: WFI, WFE: 1 (the sleep is modelled by the machine)"},
    {InsnClass::Svc,              1, 0, 0, false, "DDI 0432C §3.3: SVC: 1 for the instruction; exception entry is modelled by the machine"},
    {InsnClass::Bkpt,             0, 0, 0, false, "BKPT: 0 - the core halts in Debug state while the debugger serves it; DWT CYCCNT does not count there"},
    {InsnClass::FpAlu,            0, 0, 0, false, "no FPU on Cortex-M0: decoded as Undefined"},
    {InsnClass::FpMac,            0, 0, 0, false, "no FPU on Cortex-M0: decoded as Undefined"},
    {InsnClass::FpDivSqrt,        0, 0, 0, false, "no FPU on Cortex-M0: decoded as Undefined"},
    {InsnClass::FpLoadStore,      0, 0, 0, false, "no FPU on Cortex-M0: decoded as Undefined"},
    {InsnClass::FpLoadStoreMulti, 0, 0, 0, false, "no FPU on Cortex-M0: decoded as Undefined"},
    {InsnClass::Undefined,        0, 0, 0, false, "UNDEFINED never completes: the fault is modelled by the machine"},
}};
// clang-format on
static_assert(one_row_per_class_in_order(kCortexM0Rules),
              "kCortexM0Rules: exactly one row per InsnClass, in enum order, each with a citation");

}  // namespace mcusim
