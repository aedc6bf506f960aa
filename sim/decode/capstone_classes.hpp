// sim/decode/capstone_classes.hpp — Capstone 4 ARM instruction ids -> timing classes.
//
// The one table the decoder reads (decoder.cpp). Rows are sorted by Capstone id
// (the order of `enum arm_insn` in <capstone/arm.h>); an id without a row is not
// an instruction of any modelled core (ARM-only, v8, NEON, coprocessor, ...) and
// decodes as Undefined. Cases that depend on operands rather than the id (PC as
// destination, PC in a register list, condition codes, IT blocks, the ISA of the
// core) are applied after this lookup, in decoder.cpp.
#pragma once

#include "sim/decode/instruction.hpp"

#include <capstone/capstone.h>

#include <array>
#include <cstddef>

namespace mcusim::decode_detail {

struct CapstoneClassRow {
  arm_insn id;
  InsnClass cls;
};

using C = InsnClass;

// ARMv7E-M instruction names follow the Cortex-M4 TRM (ARM DDI 0439B) Table 3-1;
// FPv4-SP ones its Table 7-1.
inline constexpr std::array kCapstoneClassRows{
    CapstoneClassRow{ARM_INS_ADC, C::Alu},
    CapstoneClassRow{ARM_INS_ADD, C::Alu},             // ADD PC, Rm -> AluWritePc
    CapstoneClassRow{ARM_INS_ADR, C::Alu},
    CapstoneClassRow{ARM_INS_AND, C::Alu},
    CapstoneClassRow{ARM_INS_BFC, C::Alu},
    CapstoneClassRow{ARM_INS_BFI, C::Alu},
    CapstoneClassRow{ARM_INS_BIC, C::Alu},
    CapstoneClassRow{ARM_INS_BKPT, C::Bkpt},
    CapstoneClassRow{ARM_INS_BL, C::BranchLink},
    CapstoneClassRow{ARM_INS_BLX, C::BranchLinkReg},   // M profile: register form only
    CapstoneClassRow{ARM_INS_BX, C::BranchReg},
    CapstoneClassRow{ARM_INS_B, C::Branch},            // B<cond> outside IT -> CondBranch
    CapstoneClassRow{ARM_INS_CLREX, C::Hint},
    CapstoneClassRow{ARM_INS_CLZ, C::Alu},
    CapstoneClassRow{ARM_INS_CMN, C::Alu},
    CapstoneClassRow{ARM_INS_CMP, C::Alu},
    CapstoneClassRow{ARM_INS_CPS, C::Cps},
    CapstoneClassRow{ARM_INS_DBG, C::Hint},
    CapstoneClassRow{ARM_INS_DMB, C::Barrier},
    CapstoneClassRow{ARM_INS_DSB, C::Barrier},
    CapstoneClassRow{ARM_INS_EOR, C::Alu},
    CapstoneClassRow{ARM_INS_VMOV, C::FpAlu},
    CapstoneClassRow{ARM_INS_VMRS, C::FpAlu},
    CapstoneClassRow{ARM_INS_HINT, C::Hint},
    CapstoneClassRow{ARM_INS_ISB, C::Isb},
    CapstoneClassRow{ARM_INS_LDMDB, C::LoadMulti},     // PC in the list -> LoadMultiPc
    CapstoneClassRow{ARM_INS_LDM, C::LoadMulti},
    CapstoneClassRow{ARM_INS_LDRBT, C::Load},
    CapstoneClassRow{ARM_INS_LDRB, C::Load},
    CapstoneClassRow{ARM_INS_LDRD, C::LoadDual},
    CapstoneClassRow{ARM_INS_LDREX, C::Load},          // TRM: "LDREX is treated exactly as an LDR"
    CapstoneClassRow{ARM_INS_LDREXB, C::Load},
    CapstoneClassRow{ARM_INS_LDREXH, C::Load},
    CapstoneClassRow{ARM_INS_LDRH, C::Load},
    CapstoneClassRow{ARM_INS_LDRHT, C::Load},
    CapstoneClassRow{ARM_INS_LDRSB, C::Load},
    CapstoneClassRow{ARM_INS_LDRSBT, C::Load},
    CapstoneClassRow{ARM_INS_LDRSH, C::Load},
    CapstoneClassRow{ARM_INS_LDRSHT, C::Load},
    CapstoneClassRow{ARM_INS_LDRT, C::Load},
    CapstoneClassRow{ARM_INS_LDR, C::Load},            // LDR PC, [...] -> LoadPc
    CapstoneClassRow{ARM_INS_MLA, C::Mul},
    CapstoneClassRow{ARM_INS_MLS, C::Mul},
    CapstoneClassRow{ARM_INS_MOV, C::Alu},             // MOV PC, Rm -> AluWritePc
    CapstoneClassRow{ARM_INS_MOVT, C::Alu},
    CapstoneClassRow{ARM_INS_MOVW, C::Alu},
    CapstoneClassRow{ARM_INS_MRS, C::SysReg},
    CapstoneClassRow{ARM_INS_MSR, C::SysReg},
    CapstoneClassRow{ARM_INS_MUL, C::Mul},
    CapstoneClassRow{ARM_INS_MVN, C::Alu},
    CapstoneClassRow{ARM_INS_ORR, C::Alu},
    CapstoneClassRow{ARM_INS_PKHBT, C::Dsp},
    CapstoneClassRow{ARM_INS_PKHTB, C::Dsp},
    CapstoneClassRow{ARM_INS_PLD, C::Hint},
    CapstoneClassRow{ARM_INS_PLI, C::Hint},
    CapstoneClassRow{ARM_INS_QADD, C::Dsp},
    CapstoneClassRow{ARM_INS_QADD16, C::Dsp},
    CapstoneClassRow{ARM_INS_QADD8, C::Dsp},
    CapstoneClassRow{ARM_INS_QASX, C::Dsp},
    CapstoneClassRow{ARM_INS_QDADD, C::Dsp},
    CapstoneClassRow{ARM_INS_QDSUB, C::Dsp},
    CapstoneClassRow{ARM_INS_QSAX, C::Dsp},
    CapstoneClassRow{ARM_INS_QSUB, C::Dsp},
    CapstoneClassRow{ARM_INS_QSUB16, C::Dsp},
    CapstoneClassRow{ARM_INS_QSUB8, C::Dsp},
    CapstoneClassRow{ARM_INS_RBIT, C::Alu},
    CapstoneClassRow{ARM_INS_REV, C::Alu},
    CapstoneClassRow{ARM_INS_REV16, C::Alu},
    CapstoneClassRow{ARM_INS_REVSH, C::Alu},
    CapstoneClassRow{ARM_INS_RSB, C::Alu},
    CapstoneClassRow{ARM_INS_SADD16, C::Dsp},
    CapstoneClassRow{ARM_INS_SADD8, C::Dsp},
    CapstoneClassRow{ARM_INS_SASX, C::Dsp},
    CapstoneClassRow{ARM_INS_SBC, C::Alu},
    CapstoneClassRow{ARM_INS_SBFX, C::Alu},
    CapstoneClassRow{ARM_INS_SDIV, C::Div},
    CapstoneClassRow{ARM_INS_SEL, C::Dsp},
    CapstoneClassRow{ARM_INS_SHADD16, C::Dsp},
    CapstoneClassRow{ARM_INS_SHADD8, C::Dsp},
    CapstoneClassRow{ARM_INS_SHASX, C::Dsp},
    CapstoneClassRow{ARM_INS_SHSAX, C::Dsp},
    CapstoneClassRow{ARM_INS_SHSUB16, C::Dsp},
    CapstoneClassRow{ARM_INS_SHSUB8, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLABB, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLABT, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLAD, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLADX, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLAL, C::MulLong},
    CapstoneClassRow{ARM_INS_SMLALBB, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLALBT, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLALD, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLALDX, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLALTB, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLALTT, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLATB, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLATT, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLAWB, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLAWT, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLSD, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLSDX, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLSLD, C::Dsp},
    CapstoneClassRow{ARM_INS_SMLSLDX, C::Dsp},
    CapstoneClassRow{ARM_INS_SMMLA, C::Dsp},
    CapstoneClassRow{ARM_INS_SMMLAR, C::Dsp},
    CapstoneClassRow{ARM_INS_SMMLS, C::Dsp},
    CapstoneClassRow{ARM_INS_SMMLSR, C::Dsp},
    CapstoneClassRow{ARM_INS_SMMUL, C::Dsp},
    CapstoneClassRow{ARM_INS_SMMULR, C::Dsp},
    CapstoneClassRow{ARM_INS_SMUAD, C::Dsp},
    CapstoneClassRow{ARM_INS_SMUADX, C::Dsp},
    CapstoneClassRow{ARM_INS_SMULBB, C::Dsp},
    CapstoneClassRow{ARM_INS_SMULBT, C::Dsp},
    CapstoneClassRow{ARM_INS_SMULL, C::MulLong},
    CapstoneClassRow{ARM_INS_SMULTB, C::Dsp},
    CapstoneClassRow{ARM_INS_SMULTT, C::Dsp},
    CapstoneClassRow{ARM_INS_SMULWB, C::Dsp},
    CapstoneClassRow{ARM_INS_SMULWT, C::Dsp},
    CapstoneClassRow{ARM_INS_SMUSD, C::Dsp},
    CapstoneClassRow{ARM_INS_SMUSDX, C::Dsp},
    CapstoneClassRow{ARM_INS_SSAT, C::Dsp},
    CapstoneClassRow{ARM_INS_SSAT16, C::Dsp},
    CapstoneClassRow{ARM_INS_SSAX, C::Dsp},
    CapstoneClassRow{ARM_INS_SSUB16, C::Dsp},
    CapstoneClassRow{ARM_INS_SSUB8, C::Dsp},
    CapstoneClassRow{ARM_INS_STMDB, C::StoreMulti},
    CapstoneClassRow{ARM_INS_STM, C::StoreMulti},
    CapstoneClassRow{ARM_INS_STRBT, C::Store},
    CapstoneClassRow{ARM_INS_STRB, C::Store},
    CapstoneClassRow{ARM_INS_STRD, C::StoreDual},
    CapstoneClassRow{ARM_INS_STREX, C::Store},
    CapstoneClassRow{ARM_INS_STREXB, C::Store},
    CapstoneClassRow{ARM_INS_STREXH, C::Store},
    CapstoneClassRow{ARM_INS_STRH, C::Store},
    CapstoneClassRow{ARM_INS_STRHT, C::Store},
    CapstoneClassRow{ARM_INS_STRT, C::Store},
    CapstoneClassRow{ARM_INS_STR, C::Store},
    CapstoneClassRow{ARM_INS_SUB, C::Alu},
    CapstoneClassRow{ARM_INS_SVC, C::Svc},
    CapstoneClassRow{ARM_INS_SXTAB, C::Dsp},
    CapstoneClassRow{ARM_INS_SXTAB16, C::Dsp},
    CapstoneClassRow{ARM_INS_SXTAH, C::Dsp},
    CapstoneClassRow{ARM_INS_SXTB, C::Alu},
    CapstoneClassRow{ARM_INS_SXTB16, C::Dsp},
    CapstoneClassRow{ARM_INS_SXTH, C::Alu},
    CapstoneClassRow{ARM_INS_TEQ, C::Alu},
    CapstoneClassRow{ARM_INS_TST, C::Alu},
    CapstoneClassRow{ARM_INS_UADD16, C::Dsp},
    CapstoneClassRow{ARM_INS_UADD8, C::Dsp},
    CapstoneClassRow{ARM_INS_UASX, C::Dsp},
    CapstoneClassRow{ARM_INS_UBFX, C::Alu},
    CapstoneClassRow{ARM_INS_UDF, C::Undefined},       // permanently undefined
    CapstoneClassRow{ARM_INS_UDIV, C::Div},
    CapstoneClassRow{ARM_INS_UHADD16, C::Dsp},
    CapstoneClassRow{ARM_INS_UHADD8, C::Dsp},
    CapstoneClassRow{ARM_INS_UHASX, C::Dsp},
    CapstoneClassRow{ARM_INS_UHSAX, C::Dsp},
    CapstoneClassRow{ARM_INS_UHSUB16, C::Dsp},
    CapstoneClassRow{ARM_INS_UHSUB8, C::Dsp},
    CapstoneClassRow{ARM_INS_UMAAL, C::Dsp},
    CapstoneClassRow{ARM_INS_UMLAL, C::MulLong},
    CapstoneClassRow{ARM_INS_UMULL, C::MulLong},
    CapstoneClassRow{ARM_INS_UQADD16, C::Dsp},
    CapstoneClassRow{ARM_INS_UQADD8, C::Dsp},
    CapstoneClassRow{ARM_INS_UQASX, C::Dsp},
    CapstoneClassRow{ARM_INS_UQSAX, C::Dsp},
    CapstoneClassRow{ARM_INS_UQSUB16, C::Dsp},
    CapstoneClassRow{ARM_INS_UQSUB8, C::Dsp},
    CapstoneClassRow{ARM_INS_USAD8, C::Dsp},
    CapstoneClassRow{ARM_INS_USADA8, C::Dsp},
    CapstoneClassRow{ARM_INS_USAT, C::Dsp},
    CapstoneClassRow{ARM_INS_USAT16, C::Dsp},
    CapstoneClassRow{ARM_INS_USAX, C::Dsp},
    CapstoneClassRow{ARM_INS_USUB16, C::Dsp},
    CapstoneClassRow{ARM_INS_USUB8, C::Dsp},
    CapstoneClassRow{ARM_INS_UXTAB, C::Dsp},
    CapstoneClassRow{ARM_INS_UXTAB16, C::Dsp},
    CapstoneClassRow{ARM_INS_UXTAH, C::Dsp},
    CapstoneClassRow{ARM_INS_UXTB, C::Alu},
    CapstoneClassRow{ARM_INS_UXTB16, C::Dsp},
    CapstoneClassRow{ARM_INS_UXTH, C::Alu},
    CapstoneClassRow{ARM_INS_VABS, C::FpAlu},
    CapstoneClassRow{ARM_INS_VADD, C::FpAlu},
    CapstoneClassRow{ARM_INS_VCMP, C::FpAlu},
    CapstoneClassRow{ARM_INS_VCMPE, C::FpAlu},
    CapstoneClassRow{ARM_INS_VCVTB, C::FpAlu},
    CapstoneClassRow{ARM_INS_VCVT, C::FpAlu},
    CapstoneClassRow{ARM_INS_VCVTT, C::FpAlu},
    CapstoneClassRow{ARM_INS_VDIV, C::FpDivSqrt},
    CapstoneClassRow{ARM_INS_VFMA, C::FpMac},
    CapstoneClassRow{ARM_INS_VFMS, C::FpMac},
    CapstoneClassRow{ARM_INS_VFNMA, C::FpMac},
    CapstoneClassRow{ARM_INS_VFNMS, C::FpMac},
    CapstoneClassRow{ARM_INS_VLDMDB, C::FpLoadStoreMulti},
    CapstoneClassRow{ARM_INS_VLDMIA, C::FpLoadStoreMulti},
    CapstoneClassRow{ARM_INS_VLDR, C::FpLoadStore},
    CapstoneClassRow{ARM_INS_VMLA, C::FpMac},
    CapstoneClassRow{ARM_INS_VMLS, C::FpMac},
    CapstoneClassRow{ARM_INS_VMSR, C::FpAlu},
    CapstoneClassRow{ARM_INS_VMUL, C::FpAlu},
    CapstoneClassRow{ARM_INS_VNEG, C::FpAlu},
    CapstoneClassRow{ARM_INS_VNMLA, C::FpMac},
    CapstoneClassRow{ARM_INS_VNMLS, C::FpMac},
    CapstoneClassRow{ARM_INS_VNMUL, C::FpAlu},
    CapstoneClassRow{ARM_INS_VSQRT, C::FpDivSqrt},
    CapstoneClassRow{ARM_INS_VSTMDB, C::FpLoadStoreMulti},
    CapstoneClassRow{ARM_INS_VSTMIA, C::FpLoadStoreMulti},
    CapstoneClassRow{ARM_INS_VSTR, C::FpLoadStore},
    CapstoneClassRow{ARM_INS_VSUB, C::FpAlu},
    CapstoneClassRow{ARM_INS_VCVTR, C::FpAlu},
    CapstoneClassRow{ARM_INS_ADDW, C::Alu},
    CapstoneClassRow{ARM_INS_ASR, C::Alu},
    CapstoneClassRow{ARM_INS_IT, C::It},
    CapstoneClassRow{ARM_INS_LSL, C::Alu},
    CapstoneClassRow{ARM_INS_LSR, C::Alu},
    CapstoneClassRow{ARM_INS_ORN, C::Alu},
    CapstoneClassRow{ARM_INS_ROR, C::Alu},
    CapstoneClassRow{ARM_INS_RRX, C::Alu},
    CapstoneClassRow{ARM_INS_SUBW, C::Alu},
    CapstoneClassRow{ARM_INS_TBB, C::TableBranch},
    CapstoneClassRow{ARM_INS_TBH, C::TableBranch},
    CapstoneClassRow{ARM_INS_CBNZ, C::CompareBranch},
    CapstoneClassRow{ARM_INS_CBZ, C::CompareBranch},
    CapstoneClassRow{ARM_INS_POP, C::LoadMulti},       // PC in the list -> LoadMultiPc
    CapstoneClassRow{ARM_INS_PUSH, C::StoreMulti},
    CapstoneClassRow{ARM_INS_NOP, C::Hint},
    CapstoneClassRow{ARM_INS_YIELD, C::Hint},
    CapstoneClassRow{ARM_INS_WFE, C::Wait},
    CapstoneClassRow{ARM_INS_WFI, C::Wait},
    CapstoneClassRow{ARM_INS_SEV, C::Hint},
    CapstoneClassRow{ARM_INS_VPUSH, C::FpLoadStoreMulti},
    CapstoneClassRow{ARM_INS_VPOP, C::FpLoadStoreMulti},
};

static_assert([] {
  for (std::size_t i = 1; i < kCapstoneClassRows.size(); ++i) {
    if (!(kCapstoneClassRows[i - 1].id < kCapstoneClassRows[i].id)) return false;
  }
  return kCapstoneClassRows.back().id < ARM_INS_ENDING;
}(), "kCapstoneClassRows: sorted by Capstone id, each id once");

// Dense lookup built from the rows: class by id, Undefined where no row exists.
inline constexpr auto kClassByCapstoneId = [] {
  std::array<InsnClass, ARM_INS_ENDING> by_id{};
  by_id.fill(InsnClass::Undefined);
  for (const CapstoneClassRow& row : kCapstoneClassRows) by_id[row.id] = row.cls;
  return by_id;
}();

constexpr InsnClass class_of_capstone_id(unsigned id) noexcept {
  return id < kClassByCapstoneId.size() ? kClassByCapstoneId[id] : InsnClass::Undefined;
}

// The only 32-bit encodings of ARMv6-M (ARM DDI 0419C §A5.1): BL, MRS, MSR and
// the barriers. Every other 32-bit encoding is UNDEFINED on Cortex-M0/M0+.
inline constexpr std::array kArmv6mWideIds{ARM_INS_BL,  ARM_INS_DMB, ARM_INS_DSB,
                                           ARM_INS_ISB, ARM_INS_MRS, ARM_INS_MSR};

// 16-bit encodings that ARMv7-M added to Thumb: not on Cortex-M0/M0+.
inline constexpr std::array kArmv7mOnlyNarrowIds{ARM_INS_CBZ, ARM_INS_CBNZ, ARM_INS_IT};

}  // namespace mcusim::decode_detail
