// tools/train_touch/mlp.cpp — see mlp.hpp.
#include "tools/train_touch/mlp.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mcusim::train_touch {
namespace {

double hard_tanh(double x) { return std::clamp(x, -1.0, 1.0); }

// Every layer's outputs before (pre) and after (post) its activation.
struct Trace {
  std::vector<std::vector<double>> pre;
  std::vector<std::vector<double>> post;  // post[0] is the input
};

Trace forward_trace(const Mlp& mlp, std::span<const float> input) {
  Trace trace;
  trace.post.emplace_back(input.begin(), input.end());
  for (std::size_t l = 0; l < mlp.layers.size(); ++l) {
    const DenseLayer& layer = mlp.layers[l];
    const std::vector<double>& x = trace.post.back();
    std::vector<double> pre(static_cast<std::size_t>(layer.outputs));
    for (int o = 0; o < layer.outputs; ++o) {
      double sum = layer.bias[static_cast<std::size_t>(o)];
      for (int i = 0; i < layer.inputs; ++i) {
        sum += layer.weights[static_cast<std::size_t>(o * layer.inputs + i)] * x[static_cast<std::size_t>(i)];
      }
      pre[static_cast<std::size_t>(o)] = sum;
    }
    std::vector<double> post = pre;
    if (l + 1 < mlp.layers.size()) std::ranges::transform(post, post.begin(), hard_tanh);
    trace.pre.push_back(std::move(pre));
    trace.post.push_back(std::move(post));
  }
  return trace;
}

std::vector<double> softmax(std::span<const double> logits) {
  const double peak = *std::ranges::max_element(logits);
  std::vector<double> p(logits.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < logits.size(); ++i) sum += p[i] = std::exp(logits[i] - peak);
  for (double& v : p) v /= sum;
  return p;
}

}  // namespace

Mlp make_mlp(std::span<const int> widths, Random& random) {
  Mlp mlp;
  for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
    DenseLayer layer;
    layer.inputs = widths[l];
    layer.outputs = widths[l + 1];
    const double limit = std::sqrt(6.0 / (layer.inputs + layer.outputs));
    layer.weights.resize(static_cast<std::size_t>(layer.inputs * layer.outputs));
    for (double& w : layer.weights) w = random.uniform(-limit, limit);
    layer.bias.assign(static_cast<std::size_t>(layer.outputs), 0.0);
    mlp.layers.push_back(std::move(layer));
  }
  return mlp;
}

std::vector<double> forward(const Mlp& mlp, std::span<const float> input) {
  return forward_trace(mlp, input).post.back();
}

int predict(const Mlp& mlp, std::span<const float> input) {
  const std::vector<double> logits = forward(mlp, input);
  return static_cast<int>(std::ranges::max_element(logits) - logits.begin());
}

double accuracy(const Mlp& mlp, std::span<const Sample> samples) {
  int correct = 0;
  for (const Sample& s : samples) correct += predict(mlp, s.patch) == static_cast<int>(s.label);
  return samples.empty() ? 0.0 : static_cast<double>(correct) / static_cast<double>(samples.size());
}

void train(Mlp& mlp, std::span<const Sample> samples, const TrainingSchedule& schedule,
           Random& random, std::span<const std::vector<unsigned char>> masks) {
  // Gradient and momentum buffers shaped like the layers.
  std::vector<DenseLayer> gradient = mlp.layers;
  std::vector<DenseLayer> velocity = mlp.layers;
  for (DenseLayer& v : velocity) {
    std::ranges::fill(v.weights, 0.0);
    std::ranges::fill(v.bias, 0.0);
  }
  std::vector<std::size_t> order(samples.size());
  std::iota(order.begin(), order.end(), std::size_t{0});

  for (int epoch = 0; epoch < schedule.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[static_cast<std::size_t>(random.below(static_cast<int>(i)))]);
    }
    const double progress = static_cast<double>(epoch) / schedule.epochs;
    const double rate = schedule.learning_rate * (1.0 - 0.9 * progress);

    for (std::size_t start = 0; start < order.size(); start += static_cast<std::size_t>(schedule.batch)) {
      const std::size_t end = std::min(order.size(), start + static_cast<std::size_t>(schedule.batch));
      for (DenseLayer& g : gradient) {
        std::ranges::fill(g.weights, 0.0);
        std::ranges::fill(g.bias, 0.0);
      }
      for (std::size_t k = start; k < end; ++k) {
        const Sample& sample = samples[order[k]];
        const Trace trace = forward_trace(mlp, sample.patch);
        // d(cross-entropy)/d(logits) = softmax − one-hot.
        std::vector<double> delta = softmax(trace.post.back());
        delta[static_cast<std::size_t>(sample.label)] -= 1.0;
        for (std::size_t l = mlp.layers.size(); l-- > 0;) {
          const DenseLayer& layer = mlp.layers[l];
          DenseLayer& g = gradient[l];
          const std::vector<double>& x = trace.post[l];
          std::vector<double> back(static_cast<std::size_t>(layer.inputs), 0.0);
          for (int o = 0; o < layer.outputs; ++o) {
            const double d = delta[static_cast<std::size_t>(o)];
            g.bias[static_cast<std::size_t>(o)] += d;
            for (int i = 0; i < layer.inputs; ++i) {
              const auto wi = static_cast<std::size_t>(o * layer.inputs + i);
              g.weights[wi] += d * x[static_cast<std::size_t>(i)];
              back[static_cast<std::size_t>(i)] += d * layer.weights[wi];
            }
          }
          if (l > 0) {
            // HardTanh passes the gradient only inside (-1, 1).
            const std::vector<double>& pre = trace.pre[l - 1];
            for (std::size_t i = 0; i < back.size(); ++i) {
              if (pre[i] <= -1.0 || pre[i] >= 1.0) back[i] = 0.0;
            }
          }
          delta = std::move(back);
        }
      }
      const double scale = rate / static_cast<double>(end - start);
      for (std::size_t l = 0; l < mlp.layers.size(); ++l) {
        auto step = [&](std::vector<double>& param, std::vector<double>& vel, const std::vector<double>& grad) {
          for (std::size_t i = 0; i < param.size(); ++i) {
            vel[i] = schedule.momentum * vel[i] - scale * grad[i];
            param[i] += vel[i];
          }
        };
        step(mlp.layers[l].weights, velocity[l].weights, gradient[l].weights);
        if (l < masks.size() && !masks[l].empty()) {
          for (std::size_t i = 0; i < masks[l].size(); ++i) {
            if (masks[l][i] == 0) mlp.layers[l].weights[i] = velocity[l].weights[i] = 0.0;
          }
        }
        step(mlp.layers[l].bias, velocity[l].bias, gradient[l].bias);
      }
    }
  }
}

}  // namespace mcusim::train_touch
