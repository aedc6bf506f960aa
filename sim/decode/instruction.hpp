// sim/decode/instruction.hpp — one decoded Thumb instruction, as the timing
// model and the machine see it. Produced by Decoder (decoder.hpp) from Capstone.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace mcusim {

// Timing classes: one row per class in each core's rule table (sim/timing/).
// Names follow the rows of TIMING-FACTS.md / the TRM instruction tables.
enum class InsnClass : std::uint8_t {
  Alu,            // data processing, MOV, shifts, compares, extends, REV, NOP-like ALU
  AluWritePc,     // ADD/MOV with PC as destination (a branch)
  Mul,            // MULS (M0/M0+); MUL, MLA, MLS (M4)
  MulLong,        // SMULL, UMULL, SMLAL, UMLAL (M4)
  Dsp,            // M4 DSP/SIMD/saturating: SMLAD, SMUAD, SMLABB, SADD16, QADD8, SXTB16, USAT, SSAT, ...
  Div,            // SDIV, UDIV (M4): operand-dependent
  Load,           // LDR, LDRB, LDRH, LDRSB, LDRSH (one register, any addressing mode, not PC)
  LoadPc,         // LDR PC, [...] (a branch)
  Store,          // STR, STRB, STRH
  LoadDual,       // LDRD
  StoreDual,      // STRD
  LoadMulti,      // LDM, POP without PC (reg_count = N)
  LoadMultiPc,    // POP/LDM with PC in the list (reg_count = N, PC included)
  StoreMulti,     // STM, PUSH (reg_count = N)
  Branch,         // B (unconditional)
  CondBranch,     // B<cond> outside an IT block
  CompareBranch,  // CBZ, CBNZ (M4)
  BranchLink,     // BL
  BranchReg,      // BX
  BranchLinkReg,  // BLX register
  TableBranch,    // TBB, TBH (M4)
  It,             // IT (M4)
  SysReg,         // MRS, MSR
  Cps,            // CPSIE, CPSID
  Barrier,        // DMB, DSB
  Isb,            // ISB
  Hint,           // NOP, YIELD, SEV
  Wait,           // WFI, WFE
  Svc,            // SVC
  Bkpt,           // BKPT (semihosting when the immediate is 0xAB)
  FpAlu,          // VADD/VSUB/VMUL/VNEG/VABS/VCMP/VMOV/VCVT .F32 (M4F)
  FpMac,          // VMLA/VMLS/VFMA/VFMS/VNMLA... .F32 (M4F)
  FpDivSqrt,      // VDIV.F32, VSQRT.F32 (M4F)
  FpLoadStore,    // VLDR, VSTR (M4F)
  FpLoadStoreMulti,  // VLDM, VSTM, VPUSH, VPOP (M4F; reg_count = N words)
  Undefined,      // not in this core's instruction set: executing it faults
  Count
};

std::string_view insn_class_name(InsnClass cls) noexcept;

// Loads and stores of every form that form a data address from registers
// (TBB/TBH excluded: they read the table through the same port but are
// branches for timing purposes).
bool generates_data_address(InsnClass cls) noexcept;

inline constexpr std::uint8_t kNoReg = 0xff;
inline constexpr std::uint8_t kRegSp = 13, kRegLr = 14, kRegPc = 15;

struct DecodedInsn {
  std::uint32_t address = 0;
  std::uint8_t size = 2;  // 2 or 4 bytes
  InsnClass cls = InsnClass::Undefined;

  // LDM/STM/PUSH/POP/VLDM/VSTM: registers transferred (PC included when popped).
  std::uint8_t reg_count = 0;

  // Memory operand of loads/stores: base and index registers (kNoReg if none),
  // immediate displacement, access size in bytes, and addressing facts the
  // timing rules need.
  std::uint8_t mem_base = kNoReg;
  std::uint8_t mem_index = kNoReg;
  std::uint8_t mem_index_shift = 0;  // LSL applied to the index (LDR Rt, [Rn, Rm, LSL #n])
  std::int32_t mem_disp = 0;
  std::uint8_t mem_bytes = 0;      // 1, 2, 4 (8 for LDRD/STRD)
  bool mem_writeback = false;      // pre/post-indexed with base update
  bool mem_register_offset = false;

  // Register numbers this instruction reads / writes (bit n = Rn; APSR flags
  // are not registers here). Used for the M4 address-dependency stall.
  std::uint16_t regs_read = 0;
  std::uint16_t regs_written = 0;
  bool sets_flags = false;         // writes N/Z/C/V

  // Branches with a target known from the encoding (B, Bcc, BL, CBZ/CBNZ).
  bool has_direct_target = false;
  std::uint32_t direct_target = 0;

  // Conditional execution: Bcc's condition, or the IT condition of an
  // instruction inside an IT block (ARM condition code 0..14; 14 = always).
  std::uint8_t condition = 14;
  bool in_it_block = false;
  bool last_in_it_block = false;

  // SDIV/UDIV operands: dividend and divisor registers.
  std::uint8_t div_rn = kNoReg, div_rm = kNoReg;
  bool div_signed = false;

  std::uint8_t bkpt_imm = 0;   // BKPT #imm
  bool is_16bit_encoding() const noexcept { return size == 2; }
  std::uint32_t next_address() const noexcept { return address + size; }
  bool writes_pc() const noexcept;  // any class that can change the flow

  // "ldr r0, [r1, #4]" for messages and traces (Capstone's text).
  std::array<char, 48> text{};
  std::string_view text_view() const noexcept;
};

}  // namespace mcusim
