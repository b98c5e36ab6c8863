# The Conv family's lowering beyond the ONNX node tests: 1-D and 3-D
# convolutions with groups other than 1 and the channel count, dilations,
# auto_pad over dynamic spatial sizes, ConvTranspose with groups, output
# padding, large pads and an output_shape that extends the output, max pools
# with indices (1-D, 3-D, column-major), unsigned and signed 8-bit max
# pools, average pools excluding padding with ceil_mode, Lp pools and
# GlobalLpPool. Each model is compiled by ds-compile, run through the
# runtime's C API and compared with onnxruntime, or with the ONNX reference
# evaluator where onnxruntime differs from the ONNX semantics ds follows or
# does not implement them (dilations with auto_pad SAME, output_shape
# beyond the natural output). The pools are checked against onnxruntime:
# the reference shifts ceil_mode windows by half the extra padding and
# rounds SAME_LOWER pool outputs down.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: conv: ok
# CHECK: conv_dynamic: ok
# CHECK: conv_transpose: ok
# CHECK: conv_transpose_output_shape: ok
# CHECK: pools: ok
# CHECK: global_pools: ok
# CHECK: pools_8bit: ok
# CHECK: pools_dynamic: ok
import sys

import numpy as np
from onnx import TensorProto

from lowering_check import Checker, node
from onnx_test_models import tensor, value

check = Checker(*sys.argv[1:4]).check
rng = np.random.default_rng(7)
F32 = TensorProto.FLOAT


def randn(*shape):
    return rng.standard_normal(shape).astype(np.float32)


# Convolutions: 1-D grouped with dilations and asymmetric pads, 3-D plain,
# 3-D grouped (neither 1 nor the channel count), 3-D depthwise, 2-D
# grouped, 1-D depthwise with a channel multiplier.
check("conv", [
    node("Conv", ["x1", "w1", "b1"], ["y1"], group=2, dilations=[2],
         strides=[2], pads=[1, 2]),
    node("Conv", ["x3", "w3"], ["y3"], strides=[2, 1, 2], dilations=[1, 2, 1],
         pads=[1, 0, 2, 0, 1, 1]),
    node("Conv", ["x3", "w3g"], ["y3g"], group=2, pads=[1, 1, 1, 1, 1, 1]),
    node("Conv", ["x3", "w3d", "b3d"], ["y3d"], group=4, strides=[1, 2, 2]),
    node("Conv", ["x2", "w2"], ["y2"], group=3, dilations=[2, 1],
         auto_pad="SAME_LOWER", strides=[2, 2]),
    node("Conv", ["x1", "w1m"], ["y1m"], group=4, auto_pad="VALID"),
], [value("x1", F32, [2, 4, 11]), value("x3", F32, [1, 4, 5, 6, 7]),
    value("x2", F32, [2, 6, 7, 8])],
   [value(n, F32, None) for n in ("y1", "y3", "y3g", "y3d", "y2", "y1m")],
   [{"x1": randn(2, 4, 11), "x3": randn(1, 4, 5, 6, 7),
     "x2": randn(2, 6, 7, 8)}],
   initializers=[tensor("w1", randn(6, 2, 3)), tensor("b1", randn(6)),
                 tensor("w3", randn(5, 4, 3, 2, 3)),
                 tensor("w3g", randn(6, 2, 3, 3, 3)),
                 tensor("w3d", randn(4, 1, 2, 3, 3)), tensor("b3d", randn(4)),
                 tensor("w2", randn(9, 2, 3, 3)),
                 tensor("w1m", randn(8, 1, 4))], oracle="reference")

# auto_pad over dynamic spatial sizes: the pads are computed at run time.
check("conv_dynamic", [
    node("Conv", ["x", "w"], ["y"], auto_pad="SAME_UPPER", strides=[2, 3]),
    node("Conv", ["x", "wg"], ["yg"], auto_pad="SAME_LOWER", group=3,
         dilations=[2, 2]),
    node("ConvTranspose", ["x", "wt"], ["yt"], auto_pad="SAME_UPPER",
         strides=[2, 3]),
], [value("x", F32, ["N", 3, "H", "W"])],
   [value(n, F32, None) for n in ("y", "yg", "yt")],
   [{"x": randn(1, 3, 7, 9)}, {"x": randn(2, 3, 4, 12)}],
   initializers=[tensor("w", randn(4, 3, 3, 2)),
                 tensor("wg", randn(6, 1, 3, 3)),
                 tensor("wt", randn(3, 2, 3, 4))], oracle="reference")

# ConvTranspose: 2-D grouped with strides, dilations, output padding and
# asymmetric pads; 3-D with pads beyond the dilated kernel (cropped); 1-D.
check("conv_transpose", [
    node("ConvTranspose", ["x2", "w2", "b2"], ["y2"], group=2, strides=[2, 3],
         dilations=[1, 2], output_padding=[1, 1], pads=[1, 0, 2, 1]),
    node("ConvTranspose", ["x3", "w3"], ["y3"], strides=[2, 2, 1],
         pads=[2, 1, 0, 3, 2, 1]),
    node("ConvTranspose", ["x1", "w1"], ["y1"], strides=[3], pads=[1, 1],
         dilations=[2], output_padding=[2]),
], [value("x2", F32, [2, 4, 5, 6]), value("x3", F32, [1, 2, 3, 4, 4]),
    value("x1", F32, [1, 2, 6])],
   [value(n, F32, None) for n in ("y2", "y3", "y1")],
   [{"x2": randn(2, 4, 5, 6), "x3": randn(1, 2, 3, 4, 4),
     "x1": randn(1, 2, 6)}],
   initializers=[tensor("w2", randn(4, 3, 3, 3)), tensor("b2", randn(6)),
                 tensor("w3", randn(2, 3, 2, 2, 3)),
                 tensor("w1", randn(2, 2, 3))])

# output_shape larger than the natural output: negative pads split with
# floor division (the ONNX reference; onnxruntime puts all of it at the
# end).
check("conv_transpose_output_shape", [
    node("ConvTranspose", ["x", "w"], ["y"], strides=[2], output_shape=[13],
         auto_pad="SAME_LOWER"),
    node("ConvTranspose", ["x", "w"], ["yu"], strides=[2], output_shape=[12],
         auto_pad="SAME_UPPER"),
], [value("x", F32, [1, 2, 4])], [value("y", F32, None),
                                  value("yu", F32, None)],
   [{"x": randn(1, 2, 4)}], initializers=[tensor("w", randn(2, 3, 3))],
   oracle="reference")

# Pools: indices in 1-D (ceil_mode) and 3-D (column-major), averages
# excluding padding with ceil_mode, 3-D averages including it, Lp pools.
I64 = TensorProto.INT64
check("pools", [
    node("MaxPool", ["x1"], ["m1", "i1"], kernel_shape=[3], strides=[2],
         pads=[1, 1], ceil_mode=1),
    node("MaxPool", ["x3"], ["m3", "i3"], kernel_shape=[2, 3, 2],
         strides=[2, 2, 1], pads=[1, 0, 1, 0, 1, 0], storage_order=1),
    node("MaxPool", ["x2"], ["m2", "i2"], kernel_shape=[3, 3], strides=[2, 2],
         pads=[1, 1, 1, 1], dilations=[2, 1]),
    node("AveragePool", ["x1"], ["a1"], kernel_shape=[4], strides=[3],
         pads=[2, 1], ceil_mode=1),
    node("AveragePool", ["x3"], ["a3"], kernel_shape=[3, 2, 2],
         strides=[2, 2, 2], pads=[1, 1, 0, 1, 0, 1], count_include_pad=1,
         ceil_mode=1),
    node("AveragePool", ["x2"], ["a2"], kernel_shape=[2, 3],
         dilations=[2, 2], pads=[1, 2, 0, 1]),
    node("LpPool", ["x1"], ["l1"], kernel_shape=[3], p=3, dilations=[2],
         pads=[1, 1]),
    node("LpPool", ["x3"], ["l3"], kernel_shape=[2, 2, 2], p=1,
         strides=[2, 2, 2]),
], [value("x1", F32, [2, 3, 11]), value("x3", F32, [1, 2, 6, 7, 5]),
    value("x2", F32, [1, 3, 7, 8])],
   [value("m1", F32, None), value("i1", I64, None), value("m3", F32, None),
    value("i3", I64, None), value("m2", F32, None), value("i2", I64, None)] +
   [value(n, F32, None) for n in ("a1", "a3", "a2", "l1", "l3")],
   [{"x1": randn(2, 3, 11), "x3": randn(1, 2, 6, 7, 5),
     "x2": randn(1, 3, 7, 8)}])

# Global pools over 1, 2 and 3 spatial dimensions (the ONNX reference has
# no GlobalLpPool).
check("global_pools", [
    node("GlobalLpPool", ["x2"], ["g2"], p=3),
    node("GlobalLpPool", ["x3"], ["g3"]),
    node("GlobalLpPool", ["x1"], ["g1"], p=1),
    node("GlobalMaxPool", ["x1"], ["gm1"]),
    node("GlobalAveragePool", ["x3"], ["ga3"]),
], [value("x1", F32, [2, 3, 11]), value("x3", F32, [1, 2, 6, 7, 5]),
    value("x2", F32, ["N", 3, "H", 8])],
   [value(n, F32, None) for n in ("g2", "g3", "g1", "gm1", "ga3")],
   [{"x1": randn(2, 3, 11), "x3": randn(1, 2, 6, 7, 5),
     "x2": randn(2, 3, 5, 8)}])

# 8-bit max pools: unsigned (reinterpreted as signless, compared unsigned)
# and signed, with padding.
U8, I8 = TensorProto.UINT8, TensorProto.INT8
check("pools_8bit", [
    node("MaxPool", ["u"], ["mu"], kernel_shape=[2, 3], pads=[1, 1, 0, 1]),
    node("MaxPool", ["u"], ["mu1", "iu1"], kernel_shape=[3, 2],
         strides=[2, 1]),
    node("MaxPool", ["s"], ["ms"], kernel_shape=[2, 2, 2], pads=[1, 1, 1, 0, 0, 0]),
], [value("u", U8, [1, 2, 5, 6]), value("s", I8, [1, 2, 3, 4, 5])],
   [value("mu", U8, None), value("mu1", U8, None), value("iu1", I64, None),
    value("ms", I8, None)],
   [{"u": rng.integers(0, 256, (1, 2, 5, 6)).astype(np.uint8),
     "s": rng.integers(-128, 128, (1, 2, 3, 4, 5)).astype(np.int8)}])

# Pools over dynamic spatial sizes: auto_pad SAME pads, ceil_mode and the
# average's divisor at run time.
check("pools_dynamic", [
    node("MaxPool", ["x"], ["m"], kernel_shape=[3, 2], strides=[2, 2],
         auto_pad="SAME_LOWER"),
    node("AveragePool", ["x"], ["a"], kernel_shape=[3, 3], strides=[2, 2],
         auto_pad="SAME_UPPER"),
    node("AveragePool", ["x"], ["ac"], kernel_shape=[2, 3], strides=[2, 2],
         pads=[1, 0, 0, 1], ceil_mode=1),
    node("MaxPool", ["x"], ["mc", "ic"], kernel_shape=[2, 2], strides=[3, 2],
         pads=[0, 1, 1, 0], ceil_mode=1),
    node("LpPool", ["x"], ["l"], kernel_shape=[2, 2], auto_pad="SAME_UPPER"),
], [value("x", F32, ["N", 2, "H", "W"])],
   [value("m", F32, None), value("a", F32, None), value("ac", F32, None),
    value("mc", F32, None), value("ic", I64, None), value("l", F32, None)],
   [{"x": randn(1, 2, 7, 9)}, {"x": randn(2, 2, 6, 5)}])
