# The vector loops of ds-lower-window-ops against onnxruntime: depthwise
# convolutions (stride 1, stride 2 by deinterleaving loads, larger strides
# by gathers, dilations, pads read in place of a padded copy, bias, batches,
# a window too large to unroll, dynamic sizes) and max and average pools,
# with output rows shorter than a vector, between vectors and longer than a
# chunk (masked tails and unmasked chunks), and NaN through max pools.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: dw_stride1: ok
# CHECK: dw_stride1_wide: ok
# CHECK: dw_stride2: ok
# CHECK: dw_stride2_wide: ok
# CHECK: dw_dilated_strided: ok
# CHECK: dw_large_window: ok
# CHECK: dw_dynamic: ok
# CHECK: maxpool: ok
# CHECK: maxpool_nan: ok
# CHECK: avgpool: ok
# CHECK: avgpool_padded: ok
import sys

import numpy as np
from onnx import TensorProto

from lowering_check import Checker, node
from onnx_test_models import tensor, value

check = Checker(*sys.argv[1:4]).check
rng = np.random.default_rng(5)
F32 = TensorProto.FLOAT


def randn(*shape):
    return rng.standard_normal(shape).astype(np.float32)


def depthwise(name, x, kernel, **attrs):
    """A depthwise Conv node on `x` (its channels from the shape) with
    random weights and bias, and the initializers."""
    channels = x[1]
    w, b = f"{name}_w", f"{name}_b"
    return (node("Conv", [x[0], w, b], [name], group=channels, **attrs),
            [tensor(w, randn(channels, 1, *kernel)),
             tensor(b, randn(channels))])


def depthwise_check(name, shape, convs, feeds=None, atol=1e-4, dims=None):
    nodes, inits = [], []
    for i, (kernel, attrs) in enumerate(convs):
        n, init = depthwise(f"y{i}", ("x", shape[1]), kernel, **attrs)
        nodes.append(n)
        inits += init
    check(name, nodes, [value("x", F32, dims or list(shape))],
          [value(f"y{i}", F32, None) for i in range(len(convs))],
          feeds or [{"x": randn(*shape)}], initializers=inits, atol=atol)


# Rows of 37 and 150 columns: a masked tail, and full chunks before it on
# every vector width; 3x3 with pads, 5x5 without; batch 2.
depthwise_check("dw_stride1", (2, 6, 13, 37), [
    ([3, 3], dict(pads=[1, 1, 1, 1])),
    ([5, 5], {}),
])
depthwise_check("dw_stride1_wide", (1, 3, 9, 150), [
    ([3, 3], dict(pads=[1, 1, 1, 1])),
    ([3, 1], dict(pads=[0, 2, 1, 0])),
])

# Stride 2 (MobileNetV2's downsampling): odd and even widths, and a row
# long enough for unmasked deinterleaved chunks.
depthwise_check("dw_stride2", (2, 5, 17, 41), [
    ([3, 3], dict(strides=[2, 2], pads=[1, 1, 1, 1])),
    ([3, 3], dict(strides=[2, 2])),
])
depthwise_check("dw_stride2_wide", (1, 3, 6, 303), [
    ([3, 3], dict(strides=[2, 2], pads=[1, 1, 1, 1])),
    ([2, 4], dict(strides=[1, 2], pads=[0, 1, 1, 2])),
])

# Dilations, and strides of 3 (gathers).
depthwise_check("dw_dilated_strided", (1, 4, 23, 71), [
    ([3, 3], dict(dilations=[2, 3], pads=[2, 3, 2, 3])),
    ([5, 5], dict(strides=[3, 3], pads=[2, 2, 2, 2])),
    ([3, 3], dict(strides=[2, 2], dilations=[2, 2])),
])

# 9 x 9 = 81 taps: a loop over the kernel rows.
depthwise_check("dw_large_window", (1, 3, 20, 45), [
    ([9, 9], dict(pads=[4, 4, 4, 4])),
])

# Sizes known only at run time.
depthwise_check("dw_dynamic", (1, 4, 0, 0), [
    ([3, 3], dict(pads=[1, 1, 1, 1])),
    ([3, 3], dict(strides=[2, 2], pads=[1, 1, 1, 1])),
], feeds=[{"x": randn(1, 4, 9, 10)}, {"x": randn(3, 4, 5, 70)}],
    dims=["N", 4, "H", "W"])

check("maxpool", [
    node("MaxPool", ["x"], ["y0"], kernel_shape=[3, 3], strides=[2, 2],
         pads=[1, 1, 1, 1]),
    node("MaxPool", ["x"], ["y1"], kernel_shape=[2, 2], strides=[2, 2]),
    node("MaxPool", ["x"], ["y2"], kernel_shape=[3, 3], ceil_mode=1,
         strides=[2, 2]),
    node("MaxPool", ["x"], ["y3"], kernel_shape=[2, 3], dilations=[2, 2],
         pads=[1, 0, 1, 2]),
    node("MaxPool", ["x"], ["y4"], kernel_shape=[3, 3], strides=[3, 3]),
], [value("x", F32, [2, 3, 11, 61])],
   [value(f"y{i}", F32, None) for i in range(5)],
   [{"x": randn(2, 3, 11, 61)}])


def max_pool_3x3_s2(feed):
    x = feed["x"]
    padded = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)),
                    constant_values=-np.inf)
    n, c, h, w = x.shape
    oh, ow = (h + 2 - 3) // 2 + 1, (w + 2 - 3) // 2 + 1
    y = np.empty((n, c, oh, ow), np.float32)
    for i in range(oh):
        for j in range(ow):
            y[:, :, i, j] = padded[:, :, 2 * i:2 * i + 3,
                                   2 * j:2 * j + 3].max(axis=(2, 3))
    return [y]


# A NaN anywhere in a window makes its maximum NaN.
x = randn(1, 2, 9, 40)
x[0, 0, 3, 5] = np.nan
x[0, 1, 8, 39] = np.nan
check("maxpool_nan", [
    node("MaxPool", ["x"], ["y"], kernel_shape=[3, 3], strides=[2, 2],
         pads=[1, 1, 1, 1]),
], [value("x", F32, [1, 2, 9, 40])], [value("y", F32, None)], [{"x": x}],
   oracle=max_pool_3x3_s2)

check("avgpool", [
    node("AveragePool", ["x"], ["y0"], kernel_shape=[3, 3],
         pads=[1, 1, 1, 1]),
    node("AveragePool", ["x"], ["y1"], kernel_shape=[3, 3],
         pads=[1, 1, 1, 1], count_include_pad=1, strides=[2, 2]),
    node("AveragePool", ["x"], ["y2"], kernel_shape=[2, 2], strides=[2, 2]),
    node("AveragePool", ["x"], ["y3"], kernel_shape=[4, 3], strides=[3, 3],
         ceil_mode=1),
], [value("x", F32, [3, 4, 14, 33])],
   [value(f"y{i}", F32, None) for i in range(4)],
   [{"x": randn(3, 4, 14, 33)}])

# Each pool's padding of its own (two pools of one padded input share it,
# and keep the copy): read implicitly, with asymmetric pads, a stride of
# 2 along the row, and a 5x5 window counting the padding.
check("avgpool_padded", [
    node("AveragePool", ["x"], ["y0"], kernel_shape=[3, 3],
         pads=[1, 2, 1, 0], strides=[1, 2]),
    node("AveragePool", ["x"], ["y1"], kernel_shape=[5, 5],
         pads=[2, 2, 2, 2], count_include_pad=1),
], [value("x", F32, [2, 3, 15, 47])],
   [value(f"y{i}", F32, None) for i in range(2)],
   [{"x": randn(2, 3, 15, 47)}])
