// runtime/compiler/model_spec_builder.cpp — build_model() and
// load_model_spec(): a quantized SpecNetwork to the Model the rest of the
// compiler reads, one operator per layer, tensors named after the layers.
#include <fmt/format.h>

#include <cstring>

#include "runtime/compiler/model_spec.hpp"
#include "runtime/compiler/model_spec_layers.hpp"
#include "runtime/compiler/op_params.hpp"
#include "runtime/compiler/quantizer.hpp"
#include "sim/error.hpp"

namespace mcusim::compiler {
namespace {

OpKind op_kind(LayerKind kind) {
  switch (kind) {
    case LayerKind::FullyConnected: return OpKind::FullyConnected;
    case LayerKind::Conv2D: return OpKind::Conv2D;
    case LayerKind::DepthwiseConv2D: return OpKind::DepthwiseConv2D;
    case LayerKind::AveragePool2D: return OpKind::AveragePool2D;
    case LayerKind::MaxPool2D: return OpKind::MaxPool2D;
    case LayerKind::Reshape:
    case LayerKind::Flatten: return OpKind::Reshape;
    case LayerKind::Softmax: return OpKind::Softmax;
    case LayerKind::Logistic: return OpKind::Logistic;
    case LayerKind::Tanh: return OpKind::Tanh;
    case LayerKind::Relu: return OpKind::Relu;
    case LayerKind::Relu6: return OpKind::Relu6;
    case LayerKind::HardTanh: return OpKind::HardTanh;
    case LayerKind::Add: return OpKind::Add;
  }
  return OpKind::Reshape;
}

OpOptions op_options(const SpecLayer& l) {
  OpOptions o;
  o.activation = l.activation;
  o.padding = l.padding;
  o.stride_h = l.stride_h;
  o.stride_w = l.stride_w;
  o.dilation_h = l.dilation_h;
  o.dilation_w = l.dilation_w;
  o.depth_multiplier = l.depth_multiplier;
  if (l.kind == LayerKind::AveragePool2D || l.kind == LayerKind::MaxPool2D) {
    o.filter_h = l.kernel_h;
    o.filter_w = l.kernel_w;
  }
  o.beta = l.beta;
  return o;
}

template <typename T>
std::vector<std::uint8_t> bytes_of(const std::vector<T>& values) {
  std::vector<std::uint8_t> bytes(values.size() * sizeof(T));
  std::memcpy(bytes.data(), values.data(), bytes.size());  // little-endian host, as Model data is
  return bytes;
}

class ModelBuilder {
 public:
  explicit ModelBuilder(const SpecNetwork& net) : net_(net) {
    model_.source = net.file.string();
    model_.description = net.description.empty() ? net.name : fmt::format("{}: {}", net.name, net.description);
  }

  Model build() {
    if (!net_.input_quant) internal("the input is not quantized");
    const int input = activation_tensor("input", net_.input_shape, *net_.input_quant);
    model_.inputs = {input};
    std::vector<int> outputs;
    std::vector<ActivationQuant> quants;
    int previous = input;
    ActivationQuant previous_quant = *net_.input_quant;
    for (std::size_t i = 0; i < net_.layers.size(); ++i) {
      const SpecLayer& layer = net_.layers[i];
      if (const int source = net_.source_of(i); source != static_cast<int>(i) - 1) {  // `from`
        previous = source < 0 ? input : outputs[static_cast<std::size_t>(source)];
        previous_quant = source < 0 ? *net_.input_quant : quants[static_cast<std::size_t>(source)];
      }
      const std::optional<ActivationQuant> fixed = fixed_output_quantization(layer.kind, previous_quant);
      if (!fixed && !layer.output_quant) internal(fmt::format("layer {} has no output quantization", i));
      const ActivationQuant out_quant = fixed ? *fixed : *layer.output_quant;

      Operator op;
      op.kind = op_kind(layer.kind);
      op.index = static_cast<int>(i);
      op.options = op_options(layer);
      op.inputs = {previous};
      if (layer.weighted()) add_weights(layer, previous_quant, op);
      if (layer.kind == LayerKind::Add) {
        op.inputs.push_back(layer.skip_from < 0 ? input : outputs[static_cast<std::size_t>(layer.skip_from)]);
      }
      previous = activation_tensor(layer.name, layer.output_shape, out_quant);
      op.outputs = {previous};
      model_.operators.push_back(std::move(op));
      outputs.push_back(previous);
      quants.push_back(out_quant);
      previous_quant = out_quant;
    }
    model_.outputs = {previous};
    return std::move(model_);
  }

 private:
  [[noreturn]] void internal(const std::string& what) const {
    throw Error(ErrorKind::Internal, fmt::format("{}: {}", net_.file.string(), what),
                "quantize a float spec (quantize_network) before building it; this is a bug in mcusim");
  }

  int add(Tensor t) {
    model_.tensors.push_back(std::move(t));
    return static_cast<int>(model_.tensors.size() - 1);
  }

  int activation_tensor(const std::string& name, const std::vector<std::int32_t>& shape, ActivationQuant q) {
    Tensor t;
    t.name = name;
    t.type = ElementType::Int8;
    t.type_name = "INT8";
    t.shape = shape;
    t.quantization = Quantization{{q.scale}, {q.zero_point}, 0};
    return add(std::move(t));
  }

  void add_weights(const SpecLayer& layer, ActivationQuant input_quant, Operator& op) {
    if (layer.weights_q.empty() || layer.weight_scales.empty()) internal(fmt::format("{} has no int8 weights", layer.name));
    const bool per_channel = layer.weight_scales.size() > 1;
    Tensor w;
    w.name = layer.name + "/weights";
    w.type = ElementType::Int8;
    w.type_name = "INT8";
    w.shape = layer.weight_shape;
    w.quantization = Quantization{layer.weight_scales, std::vector<std::int64_t>(layer.weight_scales.size(), 0),
                                  per_channel ? layer.channel_axis() : 0};
    w.is_constant = true;
    w.data = bytes_of(layer.weights_q);
    op.inputs.push_back(add(std::move(w)));
    if (!layer.has_bias) return;

    // Bias scale = input scale x weight scale, zero point 0 (quantization spec).
    Tensor b;
    b.name = layer.name + "/bias";
    b.type = ElementType::Int32;
    b.type_name = "INT32";
    b.shape = {layer.channels()};
    Quantization q;
    for (float s : layer.weight_scales) q.scales.push_back(input_quant.scale * s);
    q.zero_points.assign(q.scales.size(), 0);
    b.quantization = std::move(q);
    b.is_constant = true;
    b.data = bytes_of(layer.bias_q);
    op.inputs.push_back(add(std::move(b)));
  }

  const SpecNetwork& net_;
  Model model_;
};

}  // namespace

Model build_model(const SpecNetwork& network) { return ModelBuilder(network).build(); }

Model load_model_spec(const std::filesystem::path& path, std::span<const SpecOverride> overrides) {
  SpecNetwork network = parse_model_spec(path, overrides);
  if (network.is_float) quantize_network(network);
  Model model = build_model(network);
  model.notes = network.notes;
  // Prepare once here, so what the kernels' preparation refuses (a softmax
  // beta too small for int8, an ADD of scales too far apart, ...) is reported
  // when the spec is loaded, naming the spec and the operator (= layer) index.
  prepare_model(model);
  return model;
}

}  // namespace mcusim::compiler
