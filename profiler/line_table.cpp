// profiler/line_table.cpp — see line_table.hpp.
#include "profiler/line_table.hpp"

#include "sim/error.hpp"

#include <llvm/DebugInfo/DIContext.h>
#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/Object/Binary.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Support/Error.h>

namespace mcusim::profiler {
namespace {

// A damaged line table loses lines, not the run: what it cannot read maps to no line.
void ignore_error(llvm::Error error) { llvm::consumeError(std::move(error)); }

}  // namespace

struct LineTable::Impl {
  llvm::object::OwningBinary<llvm::object::Binary> binary;
  std::unique_ptr<llvm::DWARFContext> dwarf;
  bool has_lines = false;
};

LineTable::LineTable(const std::filesystem::path& elf) : impl_(std::make_unique<Impl>()) {
  auto binary = llvm::object::createBinary(elf.string());
  if (!binary) {
    const std::string why = llvm::toString(binary.takeError());
    throw_bad_input("pass the linked .elf the build produced", "{}: cannot read it for line info: {}",
                    elf.string(), why);
  }
  impl_->binary = std::move(*binary);
  const auto* object = llvm::dyn_cast<llvm::object::ObjectFile>(impl_->binary.getBinary());
  if (!object) return;
  for (const llvm::object::SectionRef& section : object->sections()) {
    auto name = section.getName();
    if (name && *name == ".debug_line") impl_->has_lines = true;
    else if (!name) llvm::consumeError(name.takeError());
  }
  if (!impl_->has_lines) return;
  impl_->dwarf = llvm::DWARFContext::create(*object, llvm::DWARFContext::ProcessDebugRelocations::Ignore,
                                            nullptr, "", ignore_error, ignore_error);
}

LineTable::~LineTable() = default;

bool LineTable::has_lines() const noexcept { return impl_->has_lines; }

std::optional<SourceLine> LineTable::line_at(std::uint32_t address) const {
  if (!impl_->dwarf) return std::nullopt;
  llvm::DILineInfoSpecifier spec(llvm::DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath,
                                 llvm::DILineInfoSpecifier::FunctionNameKind::None);
  const llvm::DILineInfo info = impl_->dwarf->getLineInfoForAddress(
      {address, llvm::object::SectionedAddress::UndefSection}, spec);
  if (info.Line == 0 || info.FileName == llvm::DILineInfo::BadString) return std::nullopt;
  return SourceLine{info.FileName, info.Line};
}

}  // namespace mcusim::profiler
