#!/usr/bin/env python3
"""MobileNetV2, torchvision's architecture at width 1.0 (3.50 M parameters,
0.30 G multiply-adds at 224x224): a 3x3/2 stem of 32 channels, seventeen
inverted residual blocks (expansion t, output channels c, repeats n, first
stride s: (1,16,1,1) (6,24,2,2) (6,32,3,2) (6,64,4,2) (6,96,3,1) (6,160,3,2)
(6,320,1,1)), each a 1x1 expansion (absent for t=1), a 3x3 depthwise
convolution and a linear 1x1 projection, with a residual Add where the
stride is 1 and the channels match; a 1x1 convolution to 1280 channels,
global average pooling and a 1000-way classifier (dropout is the identity
at inference). Every convolution is followed by a BatchNormalization node,
and ReLU6 is Clip(0, 6), as an unfused export has them. Random weights,
fixed seed.

    mobilenet_v2.py <out.onnx> [--batch N|dynamic] [--external]
"""
import numpy as np

try:
    from . import common
except ImportError:
    import common

BATCH = 1
INPUT = "input"
DESCRIPTION = "MobileNetV2 1.0 (torchvision), 224x224x3, 1000 classes"

# (expansion, output channels, repeats, stride of the first block)
SETTINGS = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
            (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]


def _conv_bn(g, x, name, cin, cout, k, stride, groups=1, relu6=True):
    """torchvision's Conv2dNormActivation: conv (no bias), BN, ReLU6."""
    y = g.conv(x, name + ".0", cin, cout, k, stride, pad=(k - 1) // 2,
               groups=groups)
    y = g.batchnorm(y, name + ".1", cout)
    if not relu6:
        return y
    return g.node("Clip", [y, "relu6.min", "relu6.max"], name + ".2")


def _inverted_residual(g, x, name, cin, cout, stride, expand):
    hidden = cin * expand
    y, i = x, 0
    if expand != 1:
        y = _conv_bn(g, y, f"{name}.conv.{i}", cin, hidden, 1, 1)
        i += 1
    y = _conv_bn(g, y, f"{name}.conv.{i}", hidden, hidden, 3, stride,
                 groups=hidden)
    y = g.conv(y, f"{name}.conv.{i + 1}", hidden, cout, 1)
    y = g.batchnorm(y, f"{name}.conv.{i + 2}", cout)
    if stride == 1 and cin == cout:
        y = g.node("Add", [x, y], name + ".add")
    return y


def build(batch=BATCH):
    g = common.Graph("mobilenet_v2", seed=2)
    g.const("relu6.min", np.array(0, np.float32))
    g.const("relu6.max", np.array(6, np.float32))
    x = _conv_bn(g, INPUT, "features.0", 3, 32, 3, 2)
    cin, index = 32, 1
    for expand, cout, repeats, first_stride in SETTINGS:
        for r in range(repeats):
            x = _inverted_residual(g, x, f"features.{index}", cin, cout,
                                   first_stride if r == 0 else 1, expand)
            cin, index = cout, index + 1
    x = _conv_bn(g, x, f"features.{index}", cin, 1280, 1, 1)
    x = g.node("GlobalAveragePool", [x], "avgpool")
    x = g.node("Flatten", [x], "flatten")
    x = g.linear(x, "classifier.1", 1280, 1000, gain=1.0)
    return g.model([(INPUT, [batch, 3, 224, 224])], [(x, [batch, 1000])])


if __name__ == "__main__":
    common.main(build, BATCH, __doc__)
