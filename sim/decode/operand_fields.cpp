// sim/decode/operand_fields.cpp — the fields of a DecodedInsn read from
// Capstone's operands: memory operand, register list, register read/write sets,
// divide operands and BKPT immediate. Split from decoder.cpp, which decides the
// class and the instruction-set check.
#include "sim/decode/operand_fields.hpp"

#include <algorithm>

namespace mcusim::decode_detail {
namespace {

std::uint8_t core_reg(unsigned reg) noexcept {
  switch (reg) {
    case ARM_REG_SP: return kRegSp;
    case ARM_REG_LR: return kRegLr;
    case ARM_REG_PC: return kRegPc;
    default: break;
  }
  if (reg >= ARM_REG_R0 && reg <= ARM_REG_R12) return static_cast<std::uint8_t>(reg - ARM_REG_R0);
  return kNoReg;
}

std::uint16_t reg_bit(std::uint8_t reg) noexcept {
  return static_cast<std::uint16_t>(reg == kNoReg ? 0u : 1u << reg);
}

// Words an FP register operand occupies (S: 1, D: 2, anything else: 0).
std::uint8_t fp_words(unsigned reg) noexcept {
  if (reg >= ARM_REG_S0 && reg <= ARM_REG_S31) return 1;
  if (reg >= ARM_REG_D0 && reg <= ARM_REG_D31) return 2;
  return 0;
}

bool uses_sp_implicitly(unsigned id) noexcept {
  return id == ARM_INS_PUSH || id == ARM_INS_POP || id == ARM_INS_VPUSH || id == ARM_INS_VPOP;
}

bool is_store_multi(unsigned id) noexcept {
  return id == ARM_INS_STM || id == ARM_INS_STMDB || id == ARM_INS_PUSH ||
         id == ARM_INS_VSTMIA || id == ARM_INS_VSTMDB || id == ARM_INS_VPUSH;
}

std::uint8_t access_bytes(unsigned id, const cs_arm& arm) noexcept {
  switch (id) {
    case ARM_INS_LDRB: case ARM_INS_LDRBT: case ARM_INS_LDRSB: case ARM_INS_LDRSBT:
    case ARM_INS_LDREXB: case ARM_INS_STRB: case ARM_INS_STRBT: case ARM_INS_STREXB:
    case ARM_INS_TBB: return 1;
    case ARM_INS_LDRH: case ARM_INS_LDRHT: case ARM_INS_LDRSH: case ARM_INS_LDRSHT:
    case ARM_INS_LDREXH: case ARM_INS_STRH: case ARM_INS_STRHT: case ARM_INS_STREXH:
    case ARM_INS_TBH: return 2;
    case ARM_INS_LDRD: case ARM_INS_STRD: return 8;
    case ARM_INS_VLDR: case ARM_INS_VSTR:
      return arm.op_count > 0 && arm.operands[0].type == ARM_OP_REG &&
                     fp_words(static_cast<unsigned>(arm.operands[0].reg)) == 2
                 ? 8
                 : 4;
    default: return 4;
  }
}

bool is_memory_class(InsnClass cls) noexcept {
  return generates_data_address(cls) || cls == InsnClass::TableBranch;
}

// APSR-writing MSR targets (the flags), as Capstone 4 spells them.
bool msr_writes_flags(const cs_arm& arm) noexcept {
  if (arm.op_count == 0 || arm.operands[0].type != ARM_OP_SYSREG) return false;
  switch (arm.operands[0].reg) {
    case ARM_SYSREG_APSR: case ARM_SYSREG_APSR_NZCVQ: case ARM_SYSREG_APSR_NZCVQG:
    case ARM_SYSREG_IAPSR: case ARM_SYSREG_IAPSR_NZCVQ: case ARM_SYSREG_IAPSR_NZCVQG:
    case ARM_SYSREG_EAPSR: case ARM_SYSREG_EAPSR_NZCVQ: case ARM_SYSREG_EAPSR_NZCVQG:
    case ARM_SYSREG_XPSR: case ARM_SYSREG_XPSR_NZCVQ: case ARM_SYSREG_XPSR_NZCVQG: return true;
    default: return false;
  }
}

bool accumulates_into_destinations(unsigned id) noexcept {
  switch (id) {
    case ARM_INS_SMLAL: case ARM_INS_UMLAL: case ARM_INS_UMAAL: case ARM_INS_SMLALBB:
    case ARM_INS_SMLALBT: case ARM_INS_SMLALTB: case ARM_INS_SMLALTT: case ARM_INS_SMLALD:
    case ARM_INS_SMLALDX: case ARM_INS_SMLSLD: case ARM_INS_SMLSLDX: return true;
    default: return false;
  }
}

}  // namespace

// First register-list operand of LDM/STM/VLDM/VSTM (operand 0 is the base);
// PUSH/POP/VPUSH/VPOP have only the list.
int first_list_operand(unsigned id) noexcept {
  switch (id) {
    case ARM_INS_PUSH:
    case ARM_INS_POP:
    case ARM_INS_VPUSH:
    case ARM_INS_VPOP: return 0;
    default: return 1;
  }
}

// Memory operand, register list and register sets of a defined instruction.
void fill_operands(DecodedInsn& insn, const cs_insn& raw, csh handle) {
  const cs_arm& arm = raw.detail->arm;
  const unsigned id = raw.id;
  const InsnClass cls = insn.cls;

  // Registers: what Capstone reports (implicit ones included), then the
  // explicit operands, whose access flags Capstone 4 sometimes leaves at 0
  // (SSAT's source, SXTAB's second operand, VMSR's core register): 0 = read.
  std::uint16_t read = 0, written = 0;
  cs_regs regs_read{}, regs_written{};
  std::uint8_t read_count = 0, written_count = 0;
  if (cs_regs_access(handle, &raw, regs_read, &read_count, regs_written, &written_count) ==
      CS_ERR_OK) {
    for (std::uint8_t i = 0; i < read_count; ++i) read |= reg_bit(core_reg(regs_read[i]));
    for (std::uint8_t i = 0; i < written_count; ++i) written |= reg_bit(core_reg(regs_written[i]));
  }
  bool has_mem = false;
  for (int i = 0; i < arm.op_count; ++i) {
    const cs_arm_op& op = arm.operands[i];
    if (op.type == ARM_OP_REG) {
      const std::uint16_t bit = reg_bit(core_reg(static_cast<unsigned>(op.reg)));
      if (op.access & CS_AC_WRITE) written |= bit;
      if ((op.access & CS_AC_READ) || op.access == 0) read |= bit;
    } else if (op.type == ARM_OP_MEM && !has_mem) {
      has_mem = true;
      insn.mem_base = core_reg(op.mem.base);
      insn.mem_index = op.mem.index != ARM_REG_INVALID ? core_reg(op.mem.index) : kNoReg;
      // Capstone 4 reports a Thumb index shift in the operand's shifter, and
      // sometimes in mem.lshift.
      unsigned shift = op.mem.lshift > 0 ? static_cast<unsigned>(op.mem.lshift) : 0u;
      if (op.shift.type == ARM_SFT_LSL) shift = op.shift.value;
      insn.mem_index_shift = static_cast<std::uint8_t>(shift & 31u);
      // Post-indexed forms carry the offset as a separate immediate operand:
      // the access itself is at the base (disp 0), the base then moves.
      insn.mem_disp = op.mem.disp;
      insn.mem_register_offset = insn.mem_index != kNoReg;
      read |= reg_bit(insn.mem_base);
      read |= reg_bit(insn.mem_index);
    }
  }
  if (has_mem && is_memory_class(cls)) {
    insn.mem_bytes = access_bytes(id, arm);
    insn.mem_writeback = arm.writeback;
    if (arm.writeback) written |= reg_bit(insn.mem_base);
  }

  // Register lists: LDM/STM/PUSH/POP and their VFP forms. Capstone 4 marks
  // PUSH's list as written and VLDM's base-only; set both sides explicitly.
  if (cls == InsnClass::LoadMulti || cls == InsnClass::LoadMultiPc ||
      cls == InsnClass::StoreMulti || cls == InsnClass::FpLoadStoreMulti) {
    const int first = first_list_operand(id);
    const std::uint8_t base =
        uses_sp_implicitly(id)
            ? kRegSp
            : (arm.op_count > 0 && arm.operands[0].type == ARM_OP_REG
                   ? core_reg(static_cast<unsigned>(arm.operands[0].reg))
                   : kNoReg);
    std::uint16_t list = 0;
    std::uint8_t count = 0;
    for (int i = first; i < arm.op_count; ++i) {
      if (arm.operands[i].type != ARM_OP_REG) continue;
      const auto reg = static_cast<unsigned>(arm.operands[i].reg);
      if (cls == InsnClass::FpLoadStoreMulti) {
        count = static_cast<std::uint8_t>(count + fp_words(reg));
      } else {
        list |= reg_bit(core_reg(reg));
        ++count;
      }
    }
    insn.reg_count = count;
    insn.mem_base = base;
    insn.mem_index = kNoReg;
    insn.mem_disp = 0;
    insn.mem_bytes = 4;
    insn.mem_register_offset = false;
    insn.mem_writeback = arm.writeback || uses_sp_implicitly(id);
    const std::uint16_t base_written = insn.mem_writeback ? reg_bit(base) : 0;
    if (is_store_multi(id)) {
      read = static_cast<std::uint16_t>(reg_bit(base) | list);
      written = base_written;
    } else {
      read = reg_bit(base);
      written = static_cast<std::uint16_t>(list | base_written);
    }
  }
  if (cls == InsnClass::FpLoadStore) insn.reg_count = insn.mem_bytes == 8 ? 2 : 1;  // words

  // Implicit registers.
  if (cls == InsnClass::BranchLink || cls == InsnClass::BranchLinkReg) written |= reg_bit(kRegLr);
  if (id == ARM_INS_ADR) read |= reg_bit(kRegPc);
  if (accumulates_into_destinations(id) && arm.op_count >= 2) {
    read |= reg_bit(core_reg(static_cast<unsigned>(arm.operands[0].reg)));
    read |= reg_bit(core_reg(static_cast<unsigned>(arm.operands[1].reg)));
  }
  if (cls == InsnClass::Svc || cls == InsnClass::Bkpt) read = written = 0;  // exception entry is not the instruction
  if (insn.writes_pc()) {
    written |= reg_bit(kRegPc);
  } else {
    written = static_cast<std::uint16_t>(written & ~reg_bit(kRegPc));
  }

  // Branch targets encoded in the instruction (Capstone gives them absolute).
  if (cls == InsnClass::Branch || cls == InsnClass::CondBranch || cls == InsnClass::BranchLink ||
      cls == InsnClass::CompareBranch) {
    const int target_op = cls == InsnClass::CompareBranch ? 1 : 0;
    if (arm.op_count > target_op && arm.operands[target_op].type == ARM_OP_IMM) {
      insn.has_direct_target = true;
      insn.direct_target = static_cast<std::uint32_t>(arm.operands[target_op].imm);
      read |= reg_bit(kRegPc);
    }
  }

  insn.regs_read = read;
  insn.regs_written = written;

  insn.sets_flags = arm.update_flags || id == ARM_INS_CMP || id == ARM_INS_CMN ||
                    id == ARM_INS_TST || id == ARM_INS_TEQ ||
                    (id == ARM_INS_MSR && msr_writes_flags(arm));

  if (cls == InsnClass::Div && arm.op_count >= 3) {
    insn.div_rn = core_reg(static_cast<unsigned>(arm.operands[1].reg));
    insn.div_rm = core_reg(static_cast<unsigned>(arm.operands[2].reg));
    insn.div_signed = id == ARM_INS_SDIV;
  }
  if (cls == InsnClass::Bkpt && arm.op_count >= 1 && arm.operands[0].type == ARM_OP_IMM) {
    insn.bkpt_imm = static_cast<std::uint8_t>(arm.operands[0].imm & 0xff);
  }
}

}  // namespace mcusim::decode_detail
