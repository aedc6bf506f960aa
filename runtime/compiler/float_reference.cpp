// runtime/compiler/float_reference.cpp — see float_reference.hpp.
#include "runtime/compiler/float_reference.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>

namespace mcusim::compiler {
namespace {

using Values = std::vector<float>;

float activate(Activation activation, double x) {
  switch (activation) {
    case Activation::None: break;
    case Activation::Relu: x = std::max(x, 0.0); break;
    case Activation::Relu6: x = std::clamp(x, 0.0, 6.0); break;
    case Activation::ReluN1To1: x = std::clamp(x, -1.0, 1.0); break;
  }
  return static_cast<float>(x);
}

// TFLite padding.h: the smaller half of the total padding goes before.
int pad_before(int in, int out, int kernel, int stride, int dilation) {
  const int effective = (kernel - 1) * dilation + 1;
  return std::max(0, (out - 1) * stride + effective - in) / 2;
}

struct Nhwc {
  int n, h, w, c;
  explicit Nhwc(const std::vector<std::int32_t>& s) : n(s[0]), h(s[1]), w(s[2]), c(s[3]) {}
  std::size_t at(int b, int y, int x, int ch) const {
    return ((static_cast<std::size_t>(b) * h + y) * w + x) * c + ch;
  }
};

Values fully_connected(const SpecLayer& l, const Values& in) {
  const int units = l.units;
  const int features = l.weight_shape[1];
  const int batches = static_cast<int>(in.size()) / features;
  Values out(static_cast<std::size_t>(batches) * units);
  for (int b = 0; b < batches; ++b) {
    for (int u = 0; u < units; ++u) {
      double acc = l.has_bias ? l.bias[static_cast<std::size_t>(u)] : 0.0;
      for (int i = 0; i < features; ++i) {
        acc += static_cast<double>(l.weights[static_cast<std::size_t>(u) * features + i]) *
               in[static_cast<std::size_t>(b) * features + i];
      }
      out[static_cast<std::size_t>(b) * units + u] = activate(l.activation, acc);
    }
  }
  return out;
}

// conv_2d and depthwise_conv_2d: one walk over output positions and taps;
// `accumulate` gives one tap's products for output channel oc.
template <typename Accumulate>
Values convolve(const SpecLayer& l, Accumulate accumulate) {
  const Nhwc is(l.input_shape);
  const Nhwc os(l.output_shape);
  const int pt = pad_before(is.h, os.h, l.kernel_h, l.stride_h, l.dilation_h);
  const int pl = pad_before(is.w, os.w, l.kernel_w, l.stride_w, l.dilation_w);
  Values out(static_cast<std::size_t>(os.n) * os.h * os.w * os.c);
  for (int b = 0; b < os.n; ++b) {
    for (int oy = 0; oy < os.h; ++oy) {
      for (int ox = 0; ox < os.w; ++ox) {
        for (int oc = 0; oc < os.c; ++oc) {
          double acc = l.has_bias ? l.bias[static_cast<std::size_t>(oc)] : 0.0;
          for (int ky = 0; ky < l.kernel_h; ++ky) {
            const int y = oy * l.stride_h - pt + ky * l.dilation_h;
            if (y < 0 || y >= is.h) continue;  // padding contributes real 0
            for (int kx = 0; kx < l.kernel_w; ++kx) {
              const int x = ox * l.stride_w - pl + kx * l.dilation_w;
              if (x < 0 || x >= is.w) continue;
              acc += accumulate(b, y, x, ky, kx, oc, is);
            }
          }
          out[os.at(b, oy, ox, oc)] = activate(l.activation, acc);
        }
      }
    }
  }
  return out;
}

Values conv2d(const SpecLayer& l, const Values& in) {
  const int cin = l.weight_shape[3];
  return convolve(l, [&](int b, int y, int x, int ky, int kx, int oc, const Nhwc& is) {
    double sum = 0.0;
    for (int ic = 0; ic < cin; ++ic) {
      const std::size_t w = ((static_cast<std::size_t>(oc) * l.kernel_h + ky) * l.kernel_w + kx) * cin + ic;
      sum += static_cast<double>(l.weights[w]) * in[is.at(b, y, x, ic)];
    }
    return sum;
  });
}

Values depthwise_conv2d(const SpecLayer& l, const Values& in) {
  const int cout = l.weight_shape[3];
  return convolve(l, [&](int b, int y, int x, int ky, int kx, int oc, const Nhwc& is) {
    const std::size_t w = (static_cast<std::size_t>(ky) * l.kernel_w + kx) * cout + oc;
    return static_cast<double>(l.weights[w]) * in[is.at(b, y, x, oc / l.depth_multiplier)];
  });
}

Values pool(const SpecLayer& l, const Values& in, bool average) {
  const Nhwc is(l.input_shape);
  const Nhwc os(l.output_shape);
  const int pt = pad_before(is.h, os.h, l.kernel_h, l.stride_h, 1);
  const int pl = pad_before(is.w, os.w, l.kernel_w, l.stride_w, 1);
  Values out(static_cast<std::size_t>(os.n) * os.h * os.w * os.c);
  for (int b = 0; b < os.n; ++b) {
    for (int oy = 0; oy < os.h; ++oy) {
      for (int ox = 0; ox < os.w; ++ox) {
        for (int c = 0; c < os.c; ++c) {
          double sum = 0.0;
          double best = -std::numeric_limits<double>::infinity();
          int count = 0;
          for (int ky = 0; ky < l.kernel_h; ++ky) {
            for (int kx = 0; kx < l.kernel_w; ++kx) {
              const int y = oy * l.stride_h - pt + ky;
              const int x = ox * l.stride_w - pl + kx;
              if (y < 0 || y >= is.h || x < 0 || x >= is.w) continue;  // only in-bounds taps count
              const double v = in[is.at(b, y, x, c)];
              sum += v;
              best = std::max(best, v);
              ++count;
            }
          }
          out[os.at(b, oy, ox, c)] = static_cast<float>(average ? sum / count : best);
        }
      }
    }
  }
  return out;
}

Values softmax(const SpecLayer& l, const Values& in) {
  const auto depth = static_cast<std::size_t>(l.output_shape.back());
  Values out(in.size());
  for (std::size_t row = 0; row < in.size(); row += depth) {
    const float max = *std::max_element(in.begin() + static_cast<std::ptrdiff_t>(row),
                                        in.begin() + static_cast<std::ptrdiff_t>(row + depth));
    double sum = 0.0;
    for (std::size_t i = 0; i < depth; ++i) sum += std::exp(static_cast<double>(l.beta) * (in[row + i] - max));
    for (std::size_t i = 0; i < depth; ++i) {
      out[row + i] = static_cast<float>(std::exp(static_cast<double>(l.beta) * (in[row + i] - max)) / sum);
    }
  }
  return out;
}

template <typename F>
Values map(const Values& in, F f) {
  Values out(in.size());
  std::transform(in.begin(), in.end(), out.begin(), [&](float v) { return static_cast<float>(f(static_cast<double>(v))); });
  return out;
}

// The nearest value of an int8 activation grid (AffineQuantize's rounding:
// half away from zero, then saturation).
void round_to_grid(Values& values, const ActivationQuant& q) {
  const double scale = q.scale;
  for (float& v : values) {
    const double level = std::clamp(std::round(v / scale) + q.zero_point, -128.0, 127.0);
    v = static_cast<float>(scale * (level - q.zero_point));
  }
}

}  // namespace

std::vector<std::vector<float>> float_forward(const SpecNetwork& network, std::span<const float> input,
                                              FloatPassRounding rounding) {
  assert(network.is_float && static_cast<std::int64_t>(input.size()) == network.input_elements());
  const Values model_input(input.begin(), input.end());
  std::vector<Values> outputs;
  outputs.reserve(network.layers.size());
  for (std::size_t index = 0; index < network.layers.size(); ++index) {
    const SpecLayer& l = network.layers[index];
    const int source = network.source_of(index);  // the previous layer, or `from`
    const Values& in = source < 0 ? model_input : outputs[static_cast<std::size_t>(source)];
    Values out;
    switch (l.kind) {
      case LayerKind::FullyConnected: out = fully_connected(l, in); break;
      case LayerKind::Conv2D: out = conv2d(l, in); break;
      case LayerKind::DepthwiseConv2D: out = depthwise_conv2d(l, in); break;
      case LayerKind::AveragePool2D: out = pool(l, in, true); break;
      case LayerKind::MaxPool2D: out = pool(l, in, false); break;
      case LayerKind::Reshape:
      case LayerKind::Flatten: out = in; break;
      case LayerKind::Softmax: out = softmax(l, in); break;
      case LayerKind::Logistic: out = map(in, [](double x) { return 1.0 / (1.0 + std::exp(-x)); }); break;
      case LayerKind::Tanh: out = map(in, [](double x) { return std::tanh(x); }); break;
      case LayerKind::Relu: out = map(in, [](double x) { return activate(Activation::Relu, x); }); break;
      case LayerKind::Relu6: out = map(in, [](double x) { return activate(Activation::Relu6, x); }); break;
      case LayerKind::HardTanh: out = map(in, [](double x) { return activate(Activation::ReluN1To1, x); }); break;
      case LayerKind::Add: {
        const Values& other = l.skip_from < 0 ? model_input : outputs[static_cast<std::size_t>(l.skip_from)];
        out.resize(in.size());
        for (std::size_t i = 0; i < in.size(); ++i) {
          out[i] = activate(l.activation, static_cast<double>(in[i]) + other[i]);
        }
        break;
      }
    }
    if (rounding == FloatPassRounding::ToActivationGrid && l.output_quant) round_to_grid(out, *l.output_quant);
    outputs.push_back(std::move(out));
  }
  return outputs;
}

}  // namespace mcusim::compiler
