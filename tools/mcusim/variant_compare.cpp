// tools/mcusim/variant_compare.cpp — see variant_compare.hpp.
#include "tools/mcusim/variant_compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace mcusim::cli {
namespace {

// The operator that writes `tensor`, or the operator count when none does.
std::uint32_t producer_of(const compiler::Model& model, std::uint32_t tensor) {
  for (std::size_t op = 0; op < model.operators.size(); ++op) {
    const auto& outputs = model.operators[op].outputs;
    if (std::find(outputs.begin(), outputs.end(), static_cast<int>(tensor)) != outputs.end()) {
      return static_cast<std::uint32_t>(op);
    }
  }
  return static_cast<std::uint32_t>(model.operators.size());
}

std::map<std::uint32_t, const std::vector<std::uint8_t>*> cold_tensors(const profiler::ModelProfile& profile) {
  std::map<std::uint32_t, const std::vector<std::uint8_t>*> tensors;
  for (const profiler::TensorDump& dump : profile.tensors) {
    if (dump.inference == 0) tensors.emplace(dump.tensor, &dump.bytes);
  }
  return tensors;
}

std::size_t element_bytes(const compiler::Model& model, std::uint32_t tensor) {
  if (tensor >= model.tensors.size()) return 1;
  const std::size_t bytes = compiler::element_size(model.tensors[tensor].type);
  return bytes == 0 ? 1 : bytes;
}

std::string element_text(const compiler::Model& model, std::uint32_t tensor, const std::vector<std::uint8_t>& bytes) {
  if (bytes.empty()) return "(absent)";
  if (tensor < model.tensors.size() && bytes.size() == 1 && model.tensors[tensor].type == compiler::ElementType::Int8) {
    return std::to_string(static_cast<std::int8_t>(bytes[0]));
  }
  std::string hex = "0x";
  for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) hex += fmt::format("{:02x}", *it);  // little-endian
  return hex;
}

}  // namespace

std::optional<TensorMismatch> first_tensor_mismatch(const compiler::Model& model,
                                                    const profiler::ModelProfile& base,
                                                    const profiler::ModelProfile& other,
                                                    const std::string& other_label) {
  const auto want = cold_tensors(base);
  const auto got = cold_tensors(other);
  std::vector<std::uint32_t> ids;
  for (const auto& [id, bytes] : want) ids.push_back(id);
  for (const auto& [id, bytes] : got) {
    if (!want.contains(id)) ids.push_back(id);
  }
  // Operator order, so the first difference is where it began.
  std::stable_sort(ids.begin(), ids.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return producer_of(model, a) < producer_of(model, b); });
  for (const std::uint32_t id : ids) {
    const auto w = want.find(id);
    const auto g = got.find(id);
    TensorMismatch mismatch{other_label, producer_of(model, id), id, 0, {}, {}};
    const std::size_t width = element_bytes(model, id);
    if (w == want.end() || g == got.end()) {
      if (w != want.end()) mismatch.expected.assign(w->second->begin(), w->second->begin() + std::min(width, w->second->size()));
      if (g != got.end()) mismatch.got.assign(g->second->begin(), g->second->begin() + std::min(width, g->second->size()));
      return mismatch;
    }
    const std::vector<std::uint8_t>& a = *w->second;
    const std::vector<std::uint8_t>& b = *g->second;
    const std::size_t common = std::min(a.size(), b.size());
    std::size_t at = 0;
    while (at < common && a[at] == b[at]) ++at;
    if (at == common && a.size() == b.size()) continue;
    const std::size_t element = at / width;
    const std::size_t from = element * width;
    mismatch.element = element;
    mismatch.expected.assign(a.begin() + static_cast<std::ptrdiff_t>(std::min(from, a.size())),
                             a.begin() + static_cast<std::ptrdiff_t>(std::min(from + width, a.size())));
    mismatch.got.assign(b.begin() + static_cast<std::ptrdiff_t>(std::min(from, b.size())),
                        b.begin() + static_cast<std::ptrdiff_t>(std::min(from + width, b.size())));
    return mismatch;
  }
  return std::nullopt;
}

std::string describe_mismatch(const compiler::Model& model, const TensorMismatch& mismatch,
                              const std::string& base_label) {
  const bool has_op = mismatch.layer < model.operators.size();
  const std::string name = mismatch.tensor < model.tensors.size() ? model.tensors[mismatch.tensor].name : "?";
  return fmt::format("{} differs from {} in layer {} '{}' ({}), tensor {}, element {}: {} vs {}", mismatch.label,
                     base_label, mismatch.layer, name,
                     has_op ? std::string(compiler::op_kind_name(model.operators[mismatch.layer].kind)) : "?",
                     mismatch.tensor, mismatch.element, element_text(model, mismatch.tensor, mismatch.expected),
                     element_text(model, mismatch.tensor, mismatch.got));
}

}  // namespace mcusim::cli
