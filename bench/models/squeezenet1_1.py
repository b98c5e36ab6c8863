#!/usr/bin/env python3
"""SqueezeNet 1.1, torchvision's architecture (1.24 M parameters, 0.35 G
multiply-adds at 224x224): a 3x3/2 convolution of 64 channels without
padding, three 3x3/2 max pools with ceil_mode, eight Fire modules (a 1x1
squeeze, then 1x1 and 3x3 expands concatenated on channels; squeeze/expand
widths 16/64, 16/64, 32/128, 32/128, 48/192, 48/192, 64/256, 64/256), and
a classifier of a 1x1 convolution to 1000 channels, ReLU and global
average pooling (dropout is the identity at inference). Every convolution
has a bias and a ReLU; SqueezeNet has no batch normalization. Random
weights, fixed seed.

    squeezenet1_1.py <out.onnx> [--batch N|dynamic] [--external]
"""
try:
    from . import common
except ImportError:
    import common

BATCH = 1
INPUT = "input"
DESCRIPTION = "SqueezeNet 1.1 (torchvision), 224x224x3, 1000 classes"


def _conv_relu(g, x, name, cin, cout, k, stride=1, pad=0):
    y = g.conv(x, name, cin, cout, k, stride, pad, bias=True)
    return g.node("Relu", [y], name + ".relu")


def _fire(g, x, name, cin, squeeze, expand):
    s = _conv_relu(g, x, name + ".squeeze", cin, squeeze, 1)
    e1 = _conv_relu(g, s, name + ".expand1x1", squeeze, expand, 1)
    e3 = _conv_relu(g, s, name + ".expand3x3", squeeze, expand, 3, pad=1)
    return g.node("Concat", [e1, e3], name + ".cat", axis=1)


def _pool(g, x, name):
    return g.node("MaxPool", [x], name, kernel_shape=[3, 3], strides=[2, 2],
                  ceil_mode=1)


def build(batch=BATCH):
    g = common.Graph("squeezenet1_1", seed=11)
    x = _conv_relu(g, INPUT, "features.0", 3, 64, 3, stride=2)
    x = _pool(g, x, "features.2")
    x = _fire(g, x, "features.3", 64, 16, 64)
    x = _fire(g, x, "features.4", 128, 16, 64)
    x = _pool(g, x, "features.5")
    x = _fire(g, x, "features.6", 128, 32, 128)
    x = _fire(g, x, "features.7", 256, 32, 128)
    x = _pool(g, x, "features.8")
    x = _fire(g, x, "features.9", 256, 48, 192)
    x = _fire(g, x, "features.10", 384, 48, 192)
    x = _fire(g, x, "features.11", 384, 64, 256)
    x = _fire(g, x, "features.12", 512, 64, 256)
    x = _conv_relu(g, x, "classifier.1", 512, 1000, 1)
    x = g.node("GlobalAveragePool", [x], "classifier.3")
    x = g.node("Flatten", [x], "flatten")
    return g.model([(INPUT, [batch, 3, 224, 224])], [(x, [batch, 1000])])


if __name__ == "__main__":
    common.main(build, BATCH, __doc__)
