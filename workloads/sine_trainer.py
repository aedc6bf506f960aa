"""Trains the sine workload's MLP (1 -> 16 -> 16 -> 1, ReLU) on y = sin(x),
x in [0, 2 pi], as TensorFlow Lite Micro's hello_world example is trained:
mean squared error, Adam (Kingma & Ba, ICLR 2015, with its default betas and
epsilon). Full batch on evenly spaced points, so that the result depends on
nothing but the seed of the initial weights.

Python 3 standard library only, in double; the loops are written out because
there is no NumPy (about 40 s on one core). Called by generate_workloads.py.
"""

import math

HIDDEN = 16


class Mlp:
    """w1[j], b1[j]: 1 -> 16; w2[k][j], b2[k]: 16 -> 16; w3[k], b3: 16 -> 1."""

    def __init__(self, w1, b1, w2, b2, w3, b3):
        self.w1, self.b1, self.w2, self.b2, self.w3, self.b3 = w1, b1, w2, b2, w3, [b3]

    def tensors(self):
        """Every parameter list, each updated in place by the optimizer."""
        return [self.w1, self.b1] + self.w2 + [self.b2, self.w3, self.b3]


def forward(mlp, x):
    h1 = [max(0.0, w * x + b) for w, b in zip(mlp.w1, mlp.b1)]
    h2 = [max(0.0, sum(w * h for w, h in zip(row, h1)) + b) for row, b in zip(mlp.w2, mlp.b2)]
    return h1, h2, sum(w * h for w, h in zip(mlp.w3, h2)) + mlp.b3[0]


def gradients(mlp, xs, ts):
    """The mean squared error over the points and its gradient, tensor by
    tensor in Mlp.tensors() order."""
    units = range(HIDDEN)
    g_w1, g_b1 = [0.0] * HIDDEN, [0.0] * HIDDEN
    g_w2, g_b2 = [[0.0] * HIDDEN for _ in units], [0.0] * HIDDEN
    g_w3, g_b3 = [0.0] * HIDDEN, [0.0]
    loss = 0.0
    n = len(xs)
    for x, t in zip(xs, ts):
        h1, h2, y = forward(mlp, x)
        loss += (y - t) ** 2 / n
        d_y = 2.0 * (y - t) / n
        g_b3[0] += d_y
        # ReLU passes the gradient where its output is positive.
        d_h2 = [d_y * mlp.w3[k] if h2[k] > 0.0 else 0.0 for k in units]
        for k in units:
            g_w3[k] += d_y * h2[k]
            if d_h2[k]:
                g_b2[k] += d_h2[k]
                row = g_w2[k]
                for j in units:
                    row[j] += d_h2[k] * h1[j]
        for j in units:
            if h1[j] > 0.0:
                d = sum(d_h2[k] * mlp.w2[k][j] for k in units)
                g_w1[j] += d * x
                g_b1[j] += d
    return loss, [g_w1, g_b1] + g_w2 + [g_b2, g_w3, g_b3]


def train(mlp, points=128, epochs=4000, learning_rate=0.01):
    """Adam on `points` evenly spaced x; returns the final mean squared error."""
    xs = [2.0 * math.pi * (i + 0.5) / points for i in range(points)]
    ts = [math.sin(x) for x in xs]
    beta1, beta2, epsilon = 0.9, 0.999, 1e-8
    tensors = mlp.tensors()
    first = [[0.0] * len(t) for t in tensors]
    second = [[0.0] * len(t) for t in tensors]
    loss = 0.0
    for step in range(1, epochs + 1):
        loss, grads = gradients(mlp, xs, ts)
        rate = learning_rate * math.sqrt(1.0 - beta2 ** step) / (1.0 - beta1 ** step)
        for tensor, grad, m, v in zip(tensors, grads, first, second):
            for i, g in enumerate(grad):
                m[i] = beta1 * m[i] + (1.0 - beta1) * g
                v[i] = beta2 * v[i] + (1.0 - beta2) * g * g
                tensor[i] -= rate * m[i] / (math.sqrt(v[i]) + epsilon)
    return loss
