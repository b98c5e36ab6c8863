#!/usr/bin/env python3
"""An MLP classifier for flattened 28x28 images: 784-512-256-10, ReLU
between the layers, each layer a Gemm (transB=1) with bias; the output is
the logits. Input [batch, 784], batch 64 by default (0.54 M parameters,
34 M multiply-adds at batch 64). Random weights, fixed seed.

    mlp.py <out.onnx> [--batch N|dynamic] [--external]
"""
try:
    from . import common
except ImportError:
    import common

BATCH = 64
INPUT = "input"
DESCRIPTION = "MLP 784-512-256-10, ReLU"


def build(batch=BATCH):
    g = common.Graph("mlp", seed=784)
    x, widths = INPUT, [784, 512, 256, 10]
    for i, (cin, cout) in enumerate(zip(widths, widths[1:])):
        last = i == len(widths) - 2
        x = g.linear(x, f"fc{i + 1}", cin, cout, gain=1.0 if last else 2.0)
        if not last:
            x = g.node("Relu", [x], f"fc{i + 1}.relu")
    return g.model([(INPUT, [batch, 784])], [(x, [batch, 10])])


if __name__ == "__main__":
    common.main(build, BATCH, __doc__)
