#!/usr/bin/env python3
"""ResNet-18, torchvision's architecture (11.7 M parameters, 46.8 MB of fp32
weights, 1.82 G multiply-adds at 224x224): a 7x7/2 stem and a 3x3/2 max
pool, four stages of two basic blocks (64, 128, 256, 512 channels; the
first block of stages 2-4 strides by 2 with a 1x1/2 projection), global
average pooling and a 1000-way classifier. Random weights, fixed seed.

    resnet18.py <out.onnx> [--batch N|dynamic] [--external]
"""
try:
    from . import common
except ImportError:
    import common

BATCH = 1
INPUT = "input"
DESCRIPTION = "ResNet-18 (torchvision), 224x224x3, 1000 classes"


def _conv_bn(g, x, name, cin, cout, k, stride, relu=True):
    y = g.conv(x, name, cin, cout, k, stride, pad=k // 2)
    bn_name = name.replace("conv", "bn") if "conv" in name else name + ".bn"
    y = g.batchnorm(y, bn_name, cout)
    return g.node("Relu", [y], bn_name + ".relu") if relu else y


def _block(g, x, name, cin, cout, stride):
    y = _conv_bn(g, x, name + ".conv1", cin, cout, 3, stride)
    y = _conv_bn(g, y, name + ".conv2", cout, cout, 3, 1, relu=False)
    if stride != 1 or cin != cout:
        x = g.conv(x, name + ".downsample.0", cin, cout, 1, stride)
        x = g.batchnorm(x, name + ".downsample.1", cout)
    y = g.node("Add", [x, y], name + ".add")
    return g.node("Relu", [y], name + ".relu")


def build(batch=BATCH):
    g = common.Graph("resnet18", seed=18)
    x = _conv_bn(g, INPUT, "conv1", 3, 64, 7, 2)
    x = g.node("MaxPool", [x], "maxpool", kernel_shape=[3, 3], strides=[2, 2],
               pads=[1, 1, 1, 1])
    cin = 64
    for stage, cout in enumerate([64, 128, 256, 512], start=1):
        for b in range(2):
            stride = 2 if stage > 1 and b == 0 else 1
            x = _block(g, x, f"layer{stage}.{b}", cin, cout, stride)
            cin = cout
    x = g.node("GlobalAveragePool", [x], "avgpool")
    x = g.node("Flatten", [x], "flatten")
    x = g.linear(x, "fc", 512, 1000, gain=1.0)
    return g.model([(INPUT, [batch, 3, 224, 224])], [(x, [batch, 1000])])


if __name__ == "__main__":
    common.main(build, BATCH, __doc__)
