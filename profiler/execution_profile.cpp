// profiler/execution_profile.cpp — see execution_profile.hpp.
#include "profiler/execution_profile.hpp"

namespace mcusim::profiler {

std::string_view instruction_class_name(InstructionClass cls) noexcept {
  switch (cls) {
    case InstructionClass::Alu: return "alu";
    case InstructionClass::MultiplyDsp: return "multiply_dsp";
    case InstructionClass::Divide: return "divide";
    case InstructionClass::Load: return "load";
    case InstructionClass::Store: return "store";
    case InstructionClass::Branch: return "branch";
    case InstructionClass::Other:
    case InstructionClass::Count: break;
  }
  return "other";
}

std::string_view stall_cause_name(StallCause cause) noexcept {
  switch (cause) {
    case StallCause::Fetch: return "fetch";
    case StallCause::Data: return "data";
    case StallCause::BranchRefill: return "branch_refill";
    case StallCause::AddressDependency: return "address_dependency";
    case StallCause::Exception: return "exception";
    case StallCause::Sleep:
    case StallCause::Count: break;
  }
  return "sleep";
}

std::string_view phase_kind_name(PhaseKind kind) noexcept {
  switch (kind) {
    case PhaseKind::Startup: return "startup";
    case PhaseKind::Layer: return "layer";
    case PhaseKind::BetweenLayers: return "between_layers";
    case PhaseKind::BetweenInferences: return "between_inferences";
    case PhaseKind::After: break;
  }
  return "after";
}

// Branches count by what they do to the flow: BL, POP {pc}, LDR pc and
// MOV/ADD pc are branches here. Multi-register loads and stores (PUSH/POP)
// are loads and stores. Floating point counts as ALU/multiply/load/store by
// the same measure.
InstructionClass instruction_class_of(InsnClass cls) noexcept {
  switch (cls) {
    case InsnClass::Alu:
    case InsnClass::FpAlu: return InstructionClass::Alu;
    case InsnClass::Mul:
    case InsnClass::MulLong:
    case InsnClass::Dsp:
    case InsnClass::FpMac: return InstructionClass::MultiplyDsp;
    case InsnClass::Div:
    case InsnClass::FpDivSqrt: return InstructionClass::Divide;
    case InsnClass::Load:
    case InsnClass::LoadDual:
    case InsnClass::LoadMulti:
    case InsnClass::FpLoadStore:
    case InsnClass::FpLoadStoreMulti: return InstructionClass::Load;
    case InsnClass::Store:
    case InsnClass::StoreDual:
    case InsnClass::StoreMulti: return InstructionClass::Store;
    case InsnClass::AluWritePc:
    case InsnClass::LoadPc:
    case InsnClass::LoadMultiPc:
    case InsnClass::Branch:
    case InsnClass::CondBranch:
    case InsnClass::CompareBranch:
    case InsnClass::BranchLink:
    case InsnClass::BranchReg:
    case InsnClass::BranchLinkReg:
    case InsnClass::TableBranch: return InstructionClass::Branch;
    default: return InstructionClass::Other;
  }
}

std::uint64_t Cost::stall_cycles() const noexcept {
  std::uint64_t sum = 0;
  for (const std::uint64_t part : stalls) sum += part;
  return sum;
}

Cost& Cost::operator+=(const Cost& other) noexcept {
  cycles += other.cycles;
  instructions += other.instructions;
  for (std::size_t i = 0; i < kStallCauses; ++i) stalls[i] += other.stalls[i];
  return *this;
}

}  // namespace mcusim::profiler
