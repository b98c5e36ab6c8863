#!/usr/bin/env python3
"""LeNet-5 for 28x28 grey images, in its common modern form: a 5x5
convolution to 6 channels with padding 2, ReLU, 2x2 max pool, a 5x5
convolution to 16 channels, ReLU, 2x2 max pool, then fully connected
400-120-84-10 with ReLU (convolutions and Gemms with biases). Input
[batch, 1, 28, 28], batch 64 by default (62 K parameters, 27 M
multiply-adds at batch 64). Random weights, fixed seed.

    lenet5.py <out.onnx> [--batch N|dynamic] [--external]
"""
try:
    from . import common
except ImportError:
    import common

BATCH = 64
INPUT = "input"
DESCRIPTION = "LeNet-5, 28x28x1, 10 classes"


def build(batch=BATCH):
    g = common.Graph("lenet5", seed=5)
    x = g.conv(INPUT, "conv1", 1, 6, 5, pad=2, bias=True)
    x = g.node("Relu", [x], "conv1.relu")
    x = g.node("MaxPool", [x], "pool1", kernel_shape=[2, 2], strides=[2, 2])
    x = g.conv(x, "conv2", 6, 16, 5, bias=True)
    x = g.node("Relu", [x], "conv2.relu")
    x = g.node("MaxPool", [x], "pool2", kernel_shape=[2, 2], strides=[2, 2])
    x = g.node("Flatten", [x], "flatten")
    x = g.node("Relu", [g.linear(x, "fc1", 400, 120)], "fc1.relu")
    x = g.node("Relu", [g.linear(x, "fc2", 120, 84)], "fc2.relu")
    x = g.linear(x, "fc3", 84, 10, gain=1.0)
    return g.model([(INPUT, [batch, 1, 28, 28])], [(x, [batch, 10])])


if __name__ == "__main__":
    common.main(build, BATCH, __doc__)
