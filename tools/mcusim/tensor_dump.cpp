// tools/mcusim/tensor_dump.cpp — see tensor_dump.hpp.
#include "tools/mcusim/tensor_dump.hpp"

#include "sim/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace mcusim::cli {
namespace {

namespace fs = std::filesystem;

void write_bytes(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw_bad_input("check the folder is writable", "cannot write {}", file.string());
}

nlohmann::ordered_json entry(const compiler::Model& model, std::size_t index, nlohmann::ordered_json producer,
                             std::size_t bytes) {
  const compiler::Tensor& t = model.tensors.at(index);
  nlohmann::ordered_json j;
  j["index"] = index;
  j["name"] = t.name;
  j["file"] = fmt::format("t{}.bin", index);
  j["type"] = std::string(compiler::element_type_name(t.type));
  j["shape"] = t.shape;
  j["scale"] = t.scale();
  j["zero_point"] = t.zero_point();
  j["producer"] = std::move(producer);
  j["bytes"] = bytes;
  return j;
}

}  // namespace

void write_tensor_dump(const fs::path& dir, const ModelRunOutcome& outcome) {
  const compiler::Model& model = outcome.model;
  const fs::path partial = dir.string() + ".partial";
  std::error_code error;
  fs::remove_all(partial, error);
  fs::create_directories(partial, error);
  if (error) throw_bad_input("give a folder mcusim may create", "cannot create {}: {}", partial.string(), error.message());

  nlohmann::ordered_json index;
  index["model"] = outcome.facts.model;
  index["variant"] = outcome.variant;
  index["target"] = outcome.run.target;
  index["input_tensor"] = model.inputs.at(0);
  index["output_tensor"] = model.outputs.at(0);
  nlohmann::ordered_json tensors = nlohmann::ordered_json::array();
  const auto input = static_cast<std::size_t>(model.inputs.at(0));
  tensors.push_back(entry(model, input, "input", outcome.first_input.size()));
  write_bytes(partial / fmt::format("t{}.bin", input), outcome.first_input);
  for (const profiler::TensorDump& dump : outcome.profile->tensors) {
    if (dump.inference != 0) continue;
    // The operator that wrote it: the one listing it as an output.
    nlohmann::ordered_json producer = nullptr;
    for (const compiler::Operator& op : model.operators) {
      for (int out : op.outputs) {
        if (out == static_cast<int>(dump.tensor)) {
          producer = {{"op_index", op.index}, {"op", std::string(compiler::op_kind_name(op.kind))}};
        }
      }
    }
    tensors.push_back(entry(model, dump.tensor, producer, dump.bytes.size()));
    write_bytes(partial / fmt::format("t{}.bin", dump.tensor), dump.bytes);
  }
  index["tensors"] = tensors;
  std::ofstream(partial / "index.json") << index.dump(2) << "\n";
  fs::remove_all(dir, error);
  fs::rename(partial, dir, error);
  if (error) throw_bad_input("check the folder is writable", "cannot move the dump to {}: {}", dir.string(), error.message());
}

}  // namespace mcusim::cli
