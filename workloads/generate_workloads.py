#!/usr/bin/env python3
"""Generates the float weights, calibration sets and fixed inputs of the
bundled workloads (workloads/<name>/*.npy) from a fixed seed.

Python 3 standard library only (CI has no NumPy): the .npy files are written
by write_npy below, format 1.0 as numpy.lib.format documents it. Everything is
deterministic: the same script gives the same bytes on every machine (the
pseudo-random numbers are random.Random's Mersenne Twister, seeded per
workload; floats are rounded to float32 through struct).

The sine MLP is trained (sine_trainer.py: y = sin(x), as hello_world is).
The other weights are SYNTHETIC: Glorot-uniform draws, not trained. They give
the networks their real shapes, sizes and value ranges -- what cycles, arena
and flash depend on -- but their outputs mean nothing.

    python3 workloads/generate_workloads.py          # rewrite every workload
    python3 workloads/generate_workloads.py sine

Workloads: sine (hello_world's shape),
kws-ds-cnn (the MLPerf Tiny keyword-spotting DS-CNN's shape); for
vww-mobilenet, resnet-8 and anomaly-ae only the sample inputs (inputs.npy):
their model.toml generates its weights when it is loaded. The touch
workload is trained, not generated: tools/train_touch.
"""

import math
import os
import random
import struct
import sys

import sine_trainer

HERE = os.path.dirname(os.path.abspath(__file__))


def f32(x):
    """x rounded to float32, as a Python float."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def write_npy(path, values, shape, dtype="<f4"):
    """Writes a C-order .npy (format 1.0) of dtype '<f4', '|i1' or '<i4'."""
    count = 1
    for d in shape:
        count *= d
    assert len(values) == count, (path, len(values), shape)
    if len(shape) == 1:
        shape_text = "(%d,)" % shape[0]
    else:
        shape_text = "(" + ", ".join(str(d) for d in shape) + ")"
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (dtype, shape_text)
    # magic (6) + version (2) + length (2) + header + '\n', padded to 64 bytes
    total = 10 + len(header) + 1
    header += " " * ((64 - total % 64) % 64) + "\n"
    packer = {"<f4": "<%df", "|i1": "<%db", "<i4": "<%di"}[dtype]
    with open(path, "wb") as out:
        out.write(b"\x93NUMPY\x01\x00")
        out.write(struct.pack("<H", len(header)))
        out.write(header.encode("ascii"))
        out.write(struct.pack(packer % count, *values))


def glorot(rng, fan_in, fan_out, count):
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return [f32(rng.uniform(-limit, limit)) for _ in range(count)]


def small_bias(rng, count, spread=0.1):
    return [f32(rng.uniform(-spread, spread)) for _ in range(count)]


def round_half_away(x):
    return math.copysign(math.floor(abs(x) + 0.5), x)


def asymmetric_quantization(lo, hi):
    """runtime/compiler/quantizer.cpp's asymmetric_quantization, in float32."""
    lo = f32(min(lo, 0.0))
    hi = f32(max(hi, 0.0))
    scale = f32((hi - lo) / 255.0)
    zero_point_from_min = f32(-128.0 - f32(lo / scale))
    return scale, int(min(127, max(-128, round_half_away(zero_point_from_min))))


def quantize(x, scale, zero_point):
    """runtime/kernels/quantize_s8.c: zero point + round(x / scale), clamped."""
    return int(min(127, max(-128, zero_point + round_half_away(f32(x / scale)))))


# ---- sine --------------------------------------------------------------------
# TensorFlow Lite Micro's hello_world: y = sin(x) on [0, 2 pi] by an MLP
# 1 -> 16 -> 16 -> 1 with ReLU, trained here (sine_trainer.py).

def sine():
    folder = os.path.join(HERE, "sine")
    rng = random.Random(0x5113)
    # Glorot-uniform start (the draws the synthetic weights were), then trained.
    w1 = glorot(rng, 1, 16, 16)
    b1 = small_bias(rng, 16)
    w2 = glorot(rng, 16, 16, 256)
    b2 = small_bias(rng, 16)
    w3 = glorot(rng, 16, 1, 16)
    b3 = small_bias(rng, 1)[0]
    mlp = sine_trainer.Mlp(w1, b1, [w2[16 * k:16 * (k + 1)] for k in range(16)], b2, w3, b3)
    loss = sine_trainer.train(mlp)
    print("sine: trained, mean squared error %.6f" % loss)
    layers = [(mlp.w1, mlp.b1, [16, 1]), ([w for row in mlp.w2 for w in row], mlp.b2, [16, 16]),
              (mlp.w3, mlp.b3, [1, 16])]
    for index, (weights, bias, shape) in enumerate(layers):
        write_npy(os.path.join(folder, "fc%d_weights.npy" % (index + 1)), [f32(w) for w in weights], shape)
        write_npy(os.path.join(folder, "fc%d_bias.npy" % (index + 1)), [f32(b) for b in bias], [shape[0]])
    xs = [f32(2.0 * math.pi * i / 63.0) for i in range(64)]
    write_npy(os.path.join(folder, "calibration.npy"), xs, [64, 1])
    write_npy(os.path.join(folder, "input_float.npy"), [f32(1.0)], [1, 1])
    # inputs.npy: what `mcusim run --workload sine` feeds, one x per inference.
    write_npy(os.path.join(folder, "inputs.npy"), [f32(x) for x in (0.5, 1.5, 3.0, 4.5, 6.0)], [5, 1])


# ---- kws-ds-cnn ----------------------------------------------------------------
# Shaped like the MLPerf Tiny keyword-spotting DS-CNN (small): 49 x 10 MFCC
# input, CONV 64 filters 10 x 4 stride 2, four depthwise-separable blocks
# (3 x 3 depthwise + 1 x 1 pointwise, 64 channels, ReLU), average pool over
# the whole 25 x 5 map, FC 12, softmax. No batch norm: it folds into the
# convolutions' weights and biases.

def kws_ds_cnn():
    folder = os.path.join(HERE, "kws-ds-cnn")
    rng = random.Random(0x4B35)
    channels = 64
    write_npy(os.path.join(folder, "conv_weights.npy"), glorot(rng, 10 * 4, channels, channels * 10 * 4),
              [channels, 10, 4, 1])
    write_npy(os.path.join(folder, "conv_bias.npy"), small_bias(rng, channels), [channels])
    for block in range(1, 5):
        write_npy(os.path.join(folder, "dw%d_weights.npy" % block), glorot(rng, 9, 9, 9 * channels),
                  [1, 3, 3, channels])
        write_npy(os.path.join(folder, "dw%d_bias.npy" % block), small_bias(rng, channels), [channels])
        write_npy(os.path.join(folder, "pw%d_weights.npy" % block),
                  glorot(rng, channels, channels, channels * channels), [channels, 1, 1, channels])
        write_npy(os.path.join(folder, "pw%d_bias.npy" % block), small_bias(rng, channels), [channels])
    write_npy(os.path.join(folder, "fc_weights.npy"), glorot(rng, channels, 12, 12 * channels), [12, channels])
    write_npy(os.path.join(folder, "fc_bias.npy"), small_bias(rng, 12), [12])
    # MFCC-like frames: a slow envelope per coefficient plus noise.
    frames = []
    for _ in range(9):
        level = [rng.uniform(-1.0, 1.0) for _ in range(10)]
        for t in range(49):
            swell = math.sin(math.pi * t / 48.0)
            frames += [f32(level[c] * swell + rng.gauss(0.0, 0.1)) for c in range(10)]
    write_npy(os.path.join(folder, "calibration.npy"), frames[: 8 * 490], [8, 49, 10, 1])
    write_npy(os.path.join(folder, "input_float.npy"), frames[8 * 490:], [1, 49, 10, 1])
    # inputs.npy: input_float.npy's frame and two more, drawn after everything
    # above so the weights and calibration set keep their bytes.
    more = []
    for _ in range(2):
        level = [rng.uniform(-1.0, 1.0) for _ in range(10)]
        for t in range(49):
            swell = math.sin(math.pi * t / 48.0)
            more += [f32(level[c] * swell + rng.gauss(0.0, 0.1)) for c in range(10)]
    write_npy(os.path.join(folder, "inputs.npy"), frames[8 * 490:] + more, [3, 49, 10, 1])


# ---- the workloads whose weights are generated at load time --------------------
# vww-mobilenet, resnet-8 and anomaly-ae keep no weights here: their model.toml
# generates weights and calibration sets itself (docs/model-spec.md, "Synthetic
# weights and calibration sets"). Only their sample inputs are written here.

def sample_inputs(name, seed, count, shape, low, high, dtype):
    rng = random.Random(seed)
    size = 1
    for d in shape:
        size *= d
    if dtype == "|i1":
        values = [rng.randint(-128, 127) for _ in range(count * size)]
    else:
        values = [f32(rng.uniform(low, high)) for _ in range(count * size)]
    write_npy(os.path.join(HERE, name, "inputs.npy"), values, [count] + shape, dtype)


def vww_mobilenet():
    # int8 pixels as a camera pipeline hands them to the model (any byte is a
    # valid input whatever the input's quantization).
    sample_inputs("vww-mobilenet", 0x7717, 2, [96, 96, 3], 0, 0, "|i1")


def resnet_8():
    sample_inputs("resnet-8", 0x8E58, 3, [32, 32, 3], 0, 0, "|i1")


def anomaly_ae():
    # log-mel-like frames in the calibration range [-1, 1].
    sample_inputs("anomaly-ae", 0xAE01, 3, [640], -1.0, 1.0, "<f4")


WORKLOADS = {"sine": sine, "kws-ds-cnn": kws_ds_cnn, "vww-mobilenet": vww_mobilenet, "resnet-8": resnet_8,
             "anomaly-ae": anomaly_ae}


def main(argv):
    for name in WORKLOADS:
        os.makedirs(os.path.join(HERE, name), exist_ok=True)
    names = argv[1:] or sorted(WORKLOADS)
    for name in names:
        if name not in WORKLOADS:
            sys.exit("unknown workload '%s'; known: %s" % (name, ", ".join(sorted(WORKLOADS))))
        WORKLOADS[name]()
        print("generated workloads/%s" % name)


if __name__ == "__main__":
    main(sys.argv)
