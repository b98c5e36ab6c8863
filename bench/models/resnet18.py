#!/usr/bin/env python3
"""Writes a ResNet-18 (torchvision's architecture: 11.7 M parameters, 46.8 MB
of fp32 weights) as ONNX with onnx.helper, random weights from a fixed
seed, and a dynamic batch.

    resnet18.py <out.onnx> [--external]   (--external: weights in a
                                                side file, out.onnx.data)
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(18)
nodes, inits = [], []


def weight(name, shape, scale=0.05):
    inits.append(numpy_helper.from_array(
        (rng.standard_normal(shape) * scale).astype(np.float32), name))
    return name


def conv_bn(x, name, cin, cout, k, stride, relu=True):
    w = weight(name + ".weight", [cout, cin, k, k])
    nodes.append(helper.make_node(
        "Conv", [x, w], [name + ".conv"], kernel_shape=[k, k],
        strides=[stride, stride], pads=[k // 2] * 4, name=name))
    bn = [weight(name + ".bn." + p, [cout], 0.1) for p in
          ("scale", "bias", "mean")]
    inits.append(numpy_helper.from_array(
        (rng.random(cout) + 0.5).astype(np.float32), name + ".bn.var"))
    nodes.append(helper.make_node(
        "BatchNormalization", [name + ".conv"] + bn + [name + ".bn.var"],
        [name + ".bn"], name=name + ".bn"))
    if not relu:
        return name + ".bn"
    nodes.append(helper.make_node("Relu", [name + ".bn"], [name + ".relu"]))
    return name + ".relu"


def block(x, name, cin, cout, stride):
    y = conv_bn(x, name + ".conv1", cin, cout, 3, stride)
    y = conv_bn(y, name + ".conv2", cout, cout, 3, 1, relu=False)
    if stride != 1 or cin != cout:
        x = conv_bn(x, name + ".downsample", cin, cout, 1, stride, relu=False)
    nodes.append(helper.make_node("Add", [x, y], [name + ".add"]))
    nodes.append(helper.make_node("Relu", [name + ".add"], [name + ".out"]))
    return name + ".out"


def main(path, external):
    x = conv_bn("input", "conv1", 3, 64, 7, 2)
    nodes.append(helper.make_node("MaxPool", [x], ["pool"], kernel_shape=[3, 3],
                                  strides=[2, 2], pads=[1, 1, 1, 1]))
    x, cin = "pool", 64
    for stage, cout in enumerate([64, 128, 256, 512], start=1):
        for b in range(2):
            stride = 2 if stage > 1 and b == 0 else 1
            x = block(x, f"layer{stage}.{b}", cin, cout, stride)
            cin = cout
    nodes.append(helper.make_node("GlobalAveragePool", [x], ["gap"]))
    nodes.append(helper.make_node("Flatten", ["gap"], ["flat"]))
    nodes.append(helper.make_node(
        "Gemm", ["flat", weight("fc.weight", [1000, 512]),
                 weight("fc.bias", [1000])], ["logits"], transB=1))
    graph = helper.make_graph(
        nodes, "resnet18",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT,
                                       ["batch", 3, 224, 224])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT,
                                       ["batch", 1000])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    # The IR version of opset 17 (onnx 1.12), which onnxruntime loads.
    model.ir_version = 8
    onnx.checker.check_model(model)
    if external:
        onnx.save(model, path, save_as_external_data=True,
                  location=path.split("/")[-1] + ".data", size_threshold=1024)
    else:
        onnx.save(model, path)
    params = sum(int(np.prod(t.dims)) for t in inits)
    print(f"{path}: {params} parameters, {params * 4 / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1], "--external" in sys.argv[2:])
