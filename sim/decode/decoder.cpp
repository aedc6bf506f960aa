// sim/decode/decoder.cpp — Capstone 4 decode of Thumb code into DecodedInsn.
//
// Order of work for one instruction:
//   1. size from the Thumb rule (ARMv7-M ARM §A5.1: 32-bit when bits[15:11] of
//      the first halfword are 0b11101, 0b11110 or 0b11111);
//   2. Capstone decodes it — inside an IT block with a one-instruction IT in
//      front, so Capstone sees the condition and the flag-setting rules of the
//      block (16-bit ADDS is ADD<c> there);
//   3. the class comes from the one id table (capstone_classes.hpp), then the
//      core's instruction set is enforced, then the operand-dependent cases;
//   4. the remaining fields are read from the operands.
#include "sim/decode/decoder.hpp"

#include "sim/decode/capstone_classes.hpp"
#include "sim/decode/operand_fields.hpp"
#include "sim/error.hpp"

#include <algorithm>
#include <cstdio>
#include <mutex>

namespace mcusim {
namespace {

using decode_detail::class_of_capstone_id;
using decode_detail::fill_operands;
using decode_detail::first_list_operand;

constexpr std::uint8_t kCondAlways = 14;

std::uint16_t halfword(std::span<const std::uint8_t> bytes, std::size_t at) noexcept {
  return static_cast<std::uint16_t>(bytes[at] | (bytes[at + 1] << 8));
}

// ARMv7-M ARM §A5.1: the first halfword says whether the encoding is 32-bit.
std::uint8_t thumb_size(std::uint16_t first) noexcept {
  const unsigned top5 = first >> 11;
  return (top5 == 0x1d || top5 == 0x1e || top5 == 0x1f) ? 4 : 2;
}

// ITSTATE (xPSR IT[7:0]): IT[7:4] is the condition of the next instruction,
// IT[3:0] != 0 inside a block, IT[3:0] == 0b1000 for its last instruction.
bool it_active(std::uint8_t it_state) noexcept { return (it_state & 0x0f) != 0; }
bool it_last(std::uint8_t it_state) noexcept { return (it_state & 0x0f) == 0x08; }

// ARMv7-M ARM §A7.3.3 ITAdvance().
std::uint8_t it_advance(std::uint8_t it_state) noexcept {
  if ((it_state & 0x07) == 0) return 0;
  return static_cast<std::uint8_t>((it_state & 0xe0) | ((it_state << 1) & 0x1f));
}

bool has_group(const cs_detail& detail, unsigned group) noexcept {
  return std::find(detail.groups, detail.groups + detail.groups_count, group) !=
         detail.groups + detail.groups_count;
}

template <typename Ids>
bool contains(const Ids& ids, unsigned id) noexcept {
  return std::find(ids.begin(), ids.end(), static_cast<arm_insn>(id)) != ids.end();
}

bool is_fp_class(InsnClass cls) noexcept {
  switch (cls) {
    case InsnClass::FpAlu:
    case InsnClass::FpMac:
    case InsnClass::FpDivSqrt:
    case InsnClass::FpLoadStore:
    case InsnClass::FpLoadStoreMulti: return true;
    default: return false;
  }
}

// Capstone groups no modelled core implements: ARM state, A/R-profile and v8
// extensions, NEON, and double-precision VFP (FPv4-SP is single precision:
// ARM DDI 0439B §7.1; D registers are only moved, never computed on).
bool outside_every_core(const cs_detail& detail) noexcept {
  static constexpr std::array kForeignGroups{
      ARM_GRP_ARM,    ARM_GRP_NOTMCLASS, ARM_GRP_V8,  ARM_GRP_NEON,           ARM_GRP_DPVFP,
      ARM_GRP_FPARMV8, ARM_GRP_CRYPTO,   ARM_GRP_CRC, ARM_GRP_VIRTUALIZATION, ARM_GRP_TRUSTZONE,
      ARM_GRP_MULTPRO};
  return std::any_of(kForeignGroups.begin(), kForeignGroups.end(),
                     [&](arm_insn_group group) { return has_group(detail, group); });
}

// Instruction-set check per core: ARMv6-M for M0/M0+ (16-bit Thumb without
// CBZ/CBNZ/IT, plus BL, MRS, MSR, DMB, DSB, ISB), ARMv7E-M for the M4, FPv4-SP
// only on the M4F.
bool in_core_isa(const cs_insn& raw, InsnClass cls, CoreModel core) noexcept {
  if (outside_every_core(*raw.detail)) return false;
  if (is_armv6m(core)) {
    if (raw.size == 4 && !contains(decode_detail::kArmv6mWideIds, raw.id)) return false;
    if (contains(decode_detail::kArmv7mOnlyNarrowIds, raw.id)) return false;
  }
  if (is_fp_class(cls) && !has_fpu(core)) return false;
  return true;
}

bool writes_reg_operand(const cs_arm_op& op, unsigned reg) noexcept {
  return op.type == ARM_OP_REG && op.reg == static_cast<int>(reg) && (op.access & CS_AC_WRITE);
}

// The class after the operand-dependent cases of the brief: PC as destination,
// PC in a load list, condition codes and IT-block placement.
InsnClass refine_class(InsnClass cls, const cs_insn& raw, std::span<const std::uint8_t> bytes,
                       bool in_it, bool last_in_it) noexcept {
  const cs_arm& arm = raw.detail->arm;
  switch (cls) {
    case InsnClass::Alu:
      // ADD PC, Rm / MOV PC, Rm: a branch (DDI 0432C §3.3 "ADD/MOV PC").
      if (arm.op_count > 0 && writes_reg_operand(arm.operands[0], ARM_REG_PC)) {
        cls = InsnClass::AluWritePc;
      }
      break;
    case InsnClass::Load:
      if (raw.id == ARM_INS_LDR && arm.op_count > 0 &&
          writes_reg_operand(arm.operands[0], ARM_REG_PC)) {
        cls = InsnClass::LoadPc;
      }
      break;
    case InsnClass::LoadMulti:
      for (int i = first_list_operand(raw.id); i < arm.op_count; ++i) {
        if (arm.operands[i].type == ARM_OP_REG && arm.operands[i].reg == ARM_REG_PC) {
          cls = InsnClass::LoadMultiPc;
        }
      }
      break;
    case InsnClass::Branch:
      if (in_it) {
        // Inside an IT block only the unconditional encodings T2/T4 are allowed
        // (they take the block's condition); B<c> T1/T3 there is UNPREDICTABLE
        // (ARMv7-M ARM §A7.7.12).
        const std::uint16_t first = halfword(bytes, 0);
        const bool t1 = raw.size == 2 && (first >> 12) == 0xd;
        const bool t3 = raw.size == 4 && (halfword(bytes, 2) & 0x1000) == 0;
        if (t1 || t3) return InsnClass::Undefined;
      } else if (arm.cc != ARM_CC_AL && arm.cc != ARM_CC_INVALID) {
        cls = InsnClass::CondBranch;
      }
      break;
    case InsnClass::CompareBranch:
    case InsnClass::It:
      if (in_it) return InsnClass::Undefined;  // UNPREDICTABLE inside an IT block
      break;
    default: break;
  }
  // An instruction that can branch must be the last one of an IT block
  // (ARMv7-M ARM §A7.3.3); elsewhere in the block it is UNPREDICTABLE.
  DecodedInsn probe;
  probe.cls = cls;
  if (in_it && !last_in_it && probe.writes_pc()) return InsnClass::Undefined;
  return cls;
}

// "mnemonic operands", cut to fit the fixed buffer (always NUL-terminated).
void set_text(DecodedInsn& insn, std::string_view mnemonic, std::string_view operands) {
  std::size_t length = 0;
  const auto append = [&](std::string_view part) {
    const std::size_t room = insn.text.size() - 1 - length;
    const std::size_t take = std::min(room, part.size());
    std::copy_n(part.data(), take, insn.text.data() + length);
    length += take;
  };
  append(mnemonic);
  if (!operands.empty()) {
    append(" ");
    append(operands);
  }
  insn.text[length] = '\0';
}

// Text for bytes Capstone cannot decode, in the assembler's own spelling.
void set_raw_text(DecodedInsn& insn, std::span<const std::uint8_t> bytes, bool truncated) {
  if (insn.size == 4 && !truncated) {
    std::snprintf(insn.text.data(), insn.text.size(), ".inst.w 0x%04x%04x",
                  static_cast<unsigned>(halfword(bytes, 0)), static_cast<unsigned>(halfword(bytes, 2)));
  } else if (bytes.size() >= 2) {
    std::snprintf(insn.text.data(), insn.text.size(), ".inst.n 0x%04x%s",
                  static_cast<unsigned>(halfword(bytes, 0)), truncated ? " (truncated)" : "");
  } else {
    std::snprintf(insn.text.data(), insn.text.size(), "(truncated)");
  }
}

}  // namespace

struct Decoder::Impl {
  csh handle = 0;
  std::mutex mutex;  // a Capstone handle decodes one instruction at a time
};

Decoder::Decoder(CoreModel core) : core_(core), impl_(std::make_unique<Impl>()) {
  const cs_err opened = cs_open(CS_ARCH_ARM, static_cast<cs_mode>(CS_MODE_THUMB | CS_MODE_MCLASS),
                                &impl_->handle);
  if (opened != CS_ERR_OK) {
    throw Error(ErrorKind::Internal, fmt::format("Capstone: cs_open failed: {}", cs_strerror(opened)),
                "check that libcapstone (4.x) is installed with ARM support");
  }
  const cs_err detailed = cs_option(impl_->handle, CS_OPT_DETAIL, CS_OPT_ON);
  if (detailed != CS_ERR_OK) {
    cs_close(&impl_->handle);
    throw Error(ErrorKind::Internal,
                fmt::format("Capstone: enabling instruction details failed: {}", cs_strerror(detailed)));
  }
}

Decoder::~Decoder() {
  if (impl_ && impl_->handle != 0) cs_close(&impl_->handle);
}

DecodedInsn Decoder::decode_one(std::span<const std::uint8_t> bytes, std::uint32_t address,
                                std::uint8_t it_state) const {
  DecodedInsn insn;
  insn.address = address;
  insn.cls = InsnClass::Undefined;
  if (is_armv6m(core_)) it_state = 0;  // ARMv6-M has no ITSTATE
  if (bytes.size() < 2) {
    set_raw_text(insn, bytes, true);
    return insn;
  }
  insn.size = thumb_size(halfword(bytes, 0));
  const bool in_it = it_active(it_state);
  insn.in_it_block = in_it;
  insn.last_in_it_block = in_it && it_last(it_state);
  insn.condition = in_it ? static_cast<std::uint8_t>(it_state >> 4) : kCondAlways;
  if (bytes.size() < insn.size) {
    set_raw_text(insn, bytes, true);
    return insn;
  }
  bytes = bytes.first(insn.size);

  // Inside an IT block, put "IT <cond>" (mask 0b1000: one instruction) in front
  // so that Capstone decodes with the block's condition. cs_disasm starts every
  // call outside any IT block, so no state leaks between calls.
  std::array<std::uint8_t, 6> code{};
  std::size_t prefix = 0;
  if (in_it) {
    code[0] = static_cast<std::uint8_t>((it_state & 0xf0) | 0x08);
    code[1] = 0xbf;
    prefix = 2;
  }
  std::copy(bytes.begin(), bytes.end(), code.begin() + static_cast<std::ptrdiff_t>(prefix));
  const std::size_t wanted = prefix == 0 ? 1 : 2;

  std::lock_guard lock(impl_->mutex);
  cs_insn* decoded = nullptr;
  const std::size_t count = cs_disasm(impl_->handle, code.data(), prefix + insn.size,
                                      address - prefix, wanted, &decoded);
  const cs_insn* raw = count == wanted ? &decoded[wanted - 1] : nullptr;
  if (raw == nullptr || raw->size != insn.size || raw->detail == nullptr) {
    set_raw_text(insn, bytes, false);
    if (decoded != nullptr) cs_free(decoded, count);
    return insn;
  }
  set_text(insn, raw->mnemonic, raw->op_str);

  InsnClass cls = class_of_capstone_id(raw->id);
  if (cls != InsnClass::Undefined && !in_core_isa(*raw, cls, core_)) cls = InsnClass::Undefined;
  if (cls != InsnClass::Undefined) {
    cls = refine_class(cls, *raw, bytes, in_it, insn.last_in_it_block);
  }
  insn.cls = cls;
  if (cls != InsnClass::Undefined) {
    if (cls == InsnClass::CondBranch) {
      insn.condition = static_cast<std::uint8_t>(raw->detail->arm.cc - ARM_CC_EQ);
    }
    fill_operands(insn, *raw, impl_->handle);
  }
  cs_free(decoded, count);
  return insn;
}

std::vector<DecodedInsn> Decoder::decode_block(std::span<const std::uint8_t> bytes,
                                               std::uint32_t address,
                                               std::uint8_t it_state) const {
  std::vector<DecodedInsn> insns;
  insns.reserve(bytes.size() / 2);
  std::uint8_t state = is_armv6m(core_) ? 0 : it_state;
  std::size_t offset = 0;
  while (bytes.size() - offset >= 2) {
    const std::uint16_t first = halfword(bytes, offset);
    const std::uint8_t size = thumb_size(first);
    if (bytes.size() - offset < size) break;  // the block ends inside an instruction
    DecodedInsn insn = decode_one(bytes.subspan(offset, size),
                                  address + static_cast<std::uint32_t>(offset), state);
    if (insn.cls == InsnClass::It) {
      state = static_cast<std::uint8_t>(first & 0xff);  // firstcond:mask becomes ITSTATE
    } else {
      state = it_active(state) ? it_advance(state) : 0;
    }
    insns.push_back(insn);
    offset += size;
  }
  return insns;
}

}  // namespace mcusim
