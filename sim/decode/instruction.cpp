// sim/decode/instruction.cpp — names of the timing classes and small queries on DecodedInsn.
#include "sim/decode/instruction.hpp"

#include <cstring>

namespace mcusim {
namespace {

struct ClassName {
  InsnClass cls;
  std::string_view name;
};

inline constexpr std::array kClassNames{
    ClassName{InsnClass::Alu, "alu"},
    ClassName{InsnClass::AluWritePc, "alu-write-pc"},
    ClassName{InsnClass::Mul, "mul"},
    ClassName{InsnClass::MulLong, "mul-long"},
    ClassName{InsnClass::Dsp, "dsp"},
    ClassName{InsnClass::Div, "div"},
    ClassName{InsnClass::Load, "load"},
    ClassName{InsnClass::LoadPc, "load-pc"},
    ClassName{InsnClass::Store, "store"},
    ClassName{InsnClass::LoadDual, "load-dual"},
    ClassName{InsnClass::StoreDual, "store-dual"},
    ClassName{InsnClass::LoadMulti, "load-multi"},
    ClassName{InsnClass::LoadMultiPc, "load-multi-pc"},
    ClassName{InsnClass::StoreMulti, "store-multi"},
    ClassName{InsnClass::Branch, "branch"},
    ClassName{InsnClass::CondBranch, "cond-branch"},
    ClassName{InsnClass::CompareBranch, "compare-branch"},
    ClassName{InsnClass::BranchLink, "branch-link"},
    ClassName{InsnClass::BranchReg, "branch-reg"},
    ClassName{InsnClass::BranchLinkReg, "branch-link-reg"},
    ClassName{InsnClass::TableBranch, "table-branch"},
    ClassName{InsnClass::It, "it"},
    ClassName{InsnClass::SysReg, "sys-reg"},
    ClassName{InsnClass::Cps, "cps"},
    ClassName{InsnClass::Barrier, "barrier"},
    ClassName{InsnClass::Isb, "isb"},
    ClassName{InsnClass::Hint, "hint"},
    ClassName{InsnClass::Wait, "wait"},
    ClassName{InsnClass::Svc, "svc"},
    ClassName{InsnClass::Bkpt, "bkpt"},
    ClassName{InsnClass::FpAlu, "fp-alu"},
    ClassName{InsnClass::FpMac, "fp-mac"},
    ClassName{InsnClass::FpDivSqrt, "fp-div-sqrt"},
    ClassName{InsnClass::FpLoadStore, "fp-load-store"},
    ClassName{InsnClass::FpLoadStoreMulti, "fp-load-store-multi"},
    ClassName{InsnClass::Undefined, "undefined"},
};
static_assert([] {
  for (std::size_t i = 0; i < kClassNames.size(); ++i) {
    if (kClassNames[i].cls != static_cast<InsnClass>(i)) return false;
  }
  return kClassNames.size() == static_cast<std::size_t>(InsnClass::Count);
}(), "kClassNames: exactly one row per InsnClass, in enum order");

}  // namespace

std::string_view insn_class_name(InsnClass cls) noexcept {
  const auto index = static_cast<std::size_t>(cls);
  return index < kClassNames.size() ? kClassNames[index].name : std::string_view{"?"};
}

// Every class whose execution can change the flow: the machine charges
// taken_extra (timing.hpp) when one of these branches.
bool generates_data_address(InsnClass cls) noexcept {
  switch (cls) {
    case InsnClass::Load:
    case InsnClass::LoadPc:
    case InsnClass::Store:
    case InsnClass::LoadDual:
    case InsnClass::StoreDual:
    case InsnClass::LoadMulti:
    case InsnClass::LoadMultiPc:
    case InsnClass::StoreMulti:
    case InsnClass::FpLoadStore:
    case InsnClass::FpLoadStoreMulti: return true;
    default: return false;
  }
}

bool DecodedInsn::writes_pc() const noexcept {
  switch (cls) {
    case InsnClass::AluWritePc:
    case InsnClass::LoadPc:
    case InsnClass::LoadMultiPc:
    case InsnClass::Branch:
    case InsnClass::CondBranch:
    case InsnClass::CompareBranch:
    case InsnClass::BranchLink:
    case InsnClass::BranchReg:
    case InsnClass::BranchLinkReg:
    case InsnClass::TableBranch: return true;
    default: return false;
  }
}

std::string_view DecodedInsn::text_view() const noexcept {
  return {text.data(), strnlen(text.data(), text.size())};
}

}  // namespace mcusim
