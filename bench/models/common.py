"""What the benchmark's model makers share: a graph under construction with
random weights from a fixed seed, the layers the makers have in common
(convolution, batch normalization, linear), and the command line.

Weights are He-initialized (standard deviation sqrt(2 / fan_in)) and batch
normalizations get statistics near the identity, so that activations stay
of order one through deep networks and outputs can be compared with a
relative tolerance. The graphs are as an unfused export writes them: every
BatchNormalization a node of its own, Linear layers as Gemm (transB=1) or,
in the transformer, MatMul with a [in, out] weight and an Add of the bias.
"""
import argparse
import math

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
# The IR version of opset 17 (onnx 1.12), which onnxruntime loads.
IR_VERSION = 8


class Graph:
    """Nodes and initializers of one graph; names are made unique by the
    caller's prefixes (module paths such as "layer1.0.conv1")."""

    def __init__(self, name, seed):
        self.name = name
        self.rng = np.random.default_rng(seed)
        self.nodes = []
        self.inits = []

    def const(self, name, array):
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def weight(self, name, shape, fan_in=None, gain=2.0):
        """Normal weights with variance gain / fan_in; fan_in defaults to the
        product of the dims after the first (OIHW convolutions, [out, in]
        linear weights)."""
        fan_in = fan_in or int(np.prod(shape[1:]))
        std = math.sqrt(gain / fan_in)
        return self.const(name, (self.rng.standard_normal(shape) * std)
                          .astype(np.float32))

    def small(self, name, shape, scale=0.1):
        return self.const(name, (self.rng.standard_normal(shape) * scale)
                          .astype(np.float32))

    def node(self, op, inputs, output, **attrs):
        self.nodes.append(helper.make_node(op, inputs, [output], name=output,
                                           **attrs))
        return output

    def conv(self, x, name, cin, cout, k, stride=1, pad=0, groups=1,
             bias=False):
        inputs = [x, self.weight(name + ".weight", [cout, cin // groups, k, k])]
        if bias:
            inputs.append(self.small(name + ".bias", [cout]))
        return self.node("Conv", inputs, name, kernel_shape=[k, k],
                         strides=[stride, stride], pads=[pad] * 4, group=groups)

    def batchnorm(self, x, name, c):
        scale = self.const(name + ".weight", (1 + 0.1 * self.rng.standard_normal(c))
                           .astype(np.float32))
        bias = self.small(name + ".bias", [c])
        mean = self.small(name + ".running_mean", [c])
        var = self.const(name + ".running_var", (self.rng.random(c) + 0.5)
                         .astype(np.float32))
        return self.node("BatchNormalization", [x, scale, bias, mean, var], name,
                         epsilon=1e-5)

    def linear(self, x, name, cin, cout, gain=2.0):
        """A Linear layer as exported for a 2-D input: Gemm with transB=1."""
        w = self.weight(name + ".weight", [cout, cin], gain=gain)
        b = self.small(name + ".bias", [cout])
        return self.node("Gemm", [x, w, b], name, transB=1)

    def model(self, inputs, outputs):
        """The checked model; `inputs`/`outputs` are (name, shape) pairs,
        shape entries ints or dim names."""
        def values(pairs):
            return [helper.make_tensor_value_info(n, TensorProto.FLOAT, s)
                    for n, s in pairs]
        graph = helper.make_graph(self.nodes, self.name, values(inputs),
                                  values(outputs), self.inits)
        model = helper.make_model(graph, opset_imports=[
            helper.make_opsetid("", OPSET)], producer_name="ds-bench")
        model.ir_version = IR_VERSION
        onnx.checker.check_model(model)
        return model


def parameters(model):
    return sum(int(np.prod(t.dims)) for t in model.graph.initializer)


def batch_dim(value):
    """--batch's value: a positive int, or "dynamic" for a symbolic dim."""
    return "batch" if value == "dynamic" else int(value)


def main(build, default_batch, doc):
    """The command line every maker has: <out.onnx> [--batch N|dynamic]
    [--external]."""
    parser = argparse.ArgumentParser(description=doc.strip().splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--batch", default=str(default_batch),
                        help=f"batch size, or 'dynamic' (default {default_batch})")
    parser.add_argument("--external", action="store_true",
                        help="weights in a side file, <output>.data")
    args = parser.parse_args()
    model = build(batch_dim(args.batch))
    if args.external:
        onnx.save(model, args.output, save_as_external_data=True,
                  location=args.output.split("/")[-1] + ".data",
                  size_threshold=1024)
    else:
        onnx.save(model, args.output)
    count = parameters(model)
    print(f"{args.output}: {count} parameters, {count * 4 / 1e6:.1f} MB")
