# The GEMM kernels of ds-lower-contractions against onnxruntime: matmuls
# whose sizes are not multiples of the micro-tile (edge rows and masked
# columns), K deeper than one packed slice, batched and broadcast matmuls,
# dynamic sizes, Gemm with transposes, and 2-D convolutions (B read through
# the window: strides, dilations, pads, bias, batches, 1x1, dynamic sizes;
# padding read implicitly at stride 1, through the padded copy at strides
# 2 and 3), convolutions of stride 1 that read B in place (a wide output
# whose extra columns are not stored, several K slices, a residual
# epilogue, batches, dilation), convolutions tiled along their output
# channels, and convolutions writing their halves of a concatenation.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: matmul_edges: ok
# CHECK: matmul_deep: ok
# CHECK: matmul_batched: ok
# CHECK: matmul_dynamic: ok
# CHECK: gemm_transposed: ok
# CHECK: conv_window: ok
# CHECK: conv_pointwise: ok
# CHECK: conv_dynamic: ok
# CHECK: conv_implicit_padding: ok
# CHECK: conv_implicit_padding_batched: ok
# CHECK: conv_residual_batched: ok
# CHECK: conv_direct: ok
# CHECK: conv_direct_batched: ok
# CHECK: conv_extra_columns: ok
# CHECK: conv_along_m: ok
# CHECK: conv_along_m_avx2: ok
# CHECK: conv_winograd: ok
# CHECK: conv_winograd_avx2: ok
# CHECK: epilogue_accumulator: ok
# CHECK: conv_concat: ok
import sys

import numpy as np
from onnx import TensorProto

from lowering_check import Checker, node
from onnx_test_models import tensor, value

check = Checker(*sys.argv[1:4]).check
rng = np.random.default_rng(11)
F32 = TensorProto.FLOAT


def randn(*shape):
    return rng.standard_normal(shape).astype(np.float32)


# Sizes below, at and past the micro-tiles of every target (mr <= 16,
# nr <= 32): single elements, odd sizes, one more than a tile.
check("matmul_edges", [
    node("MatMul", ["a1", "b1"], ["c1"]),
    node("MatMul", ["a2", "b2"], ["c2"]),
    node("MatMul", ["a3", "b3"], ["c3"]),
], [value("a1", F32, [1, 1]), value("b1", F32, [1, 1]),
    value("a2", F32, [13, 29]), value("b2", F32, [29, 37]),
    value("a3", F32, [17, 33])],
   [value(n, F32, None) for n in ("c1", "c2", "c3")],
   [{"a1": randn(1, 1), "b1": randn(1, 1), "a2": randn(13, 29),
     "b2": randn(29, 37), "a3": randn(17, 33)}],
   initializers=[tensor("b3", randn(33, 65))])

# K spans several packed slices (kc <= 512); M and N several tasks.
check("matmul_deep", [node("MatMul", ["a", "b"], ["c"])],
      [value("a", F32, [150, 1100]), value("b", F32, [1100, 70])],
      [value("c", F32, None)],
      [{"a": randn(150, 1100), "b": randn(1100, 70)}], atol=1e-4)

# Batched, and a weight broadcast over the batch.
check("matmul_batched", [
    node("MatMul", ["a", "b"], ["c"]),
    node("MatMul", ["a", "w"], ["d"]),
], [value("a", F32, [3, 17, 45]), value("b", F32, [3, 45, 33])],
   [value("c", F32, None), value("d", F32, None)],
   [{"a": randn(3, 17, 45), "b": randn(3, 45, 33)}],
   initializers=[tensor("w", randn(45, 20))])

# Sizes known only at run time.
check("matmul_dynamic", [node("MatMul", ["a", "b"], ["c"])],
      [value("a", F32, ["M", "K"]), value("b", F32, ["K", "N"])],
      [value("c", F32, None)],
      [{"a": randn(5, 300), "b": randn(300, 41)},
       {"a": randn(40, 7), "b": randn(7, 3)}], atol=1e-4)

check("gemm_transposed", [
    node("Gemm", ["a", "w", "bias"], ["y"], transB=1, alpha=0.5, beta=2.0),
    node("Gemm", ["at", "b"], ["z"], transA=1),
], [value("a", F32, [9, 40]), value("at", F32, [40, 9]),
    value("b", F32, [40, 23])],
   [value("y", F32, None), value("z", F32, None)],
   [{"a": randn(9, 40), "at": randn(40, 9), "b": randn(40, 23)}],
   initializers=[tensor("w", randn(31, 40)), tensor("bias", randn(31))])

check("conv_window", [
    node("Conv", ["x", "w", "b"], ["y"], strides=[2, 1], dilations=[1, 2],
         pads=[1, 2, 0, 1]),
    node("Conv", ["x", "w2"], ["y2"], kernel_shape=[5, 5], pads=[2, 2, 2, 2],
         strides=[2, 2]),
], [value("x", F32, [2, 5, 19, 23])],
   [value("y", F32, None), value("y2", F32, None)],
   [{"x": randn(2, 5, 19, 23)}],
   initializers=[tensor("w", randn(70, 5, 3, 3)), tensor("b", randn(70)),
                 tensor("w2", randn(16, 5, 5, 5))], atol=1e-4)

check("conv_pointwise", [node("Conv", ["x", "w"], ["y"])],
      [value("x", F32, [1, 48, 14, 14])], [value("y", F32, None)],
      [{"x": randn(1, 48, 14, 14)}],
      initializers=[tensor("w", randn(40, 48, 1, 1))])

check("conv_dynamic", [node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1])],
      [value("x", F32, ["N", 3, "H", "W"])], [value("y", F32, None)],
      [{"x": randn(1, 3, 9, 10)}, {"x": randn(3, 3, 5, 17)}],
      initializers=[tensor("w", randn(8, 3, 3, 3))])

# Padding within the window's extent of a convolution of stride 1 is not
# materialized: the packing masks the taps outside the input (packed once
# for one batch whose filters span several task tiles, as y6's 150, by
# each task otherwise); strided ones read the padded copy.
padded_convs = [
    node("Conv", ["x", "w3"], ["y1"], pads=[1, 1, 1, 1]),
    node("Conv", ["x", "w3"], ["y2"], pads=[1, 1, 1, 1], strides=[2, 2]),
    node("Conv", ["x", "w3"], ["y3"], pads=[1, 0, 1, 2], strides=[3, 3]),
    node("Conv", ["x", "w7"], ["y4"], pads=[3, 3, 3, 3], strides=[2, 2]),
    node("Conv", ["x", "w3"], ["y5"], pads=[2, 2, 2, 2], dilations=[2, 2]),
    node("Conv", ["x", "w150"], ["y6"], pads=[1, 1, 1, 1]),
]
padded_weights = [tensor("w3", randn(20, 3, 3, 3)),
                  tensor("w7", randn(9, 3, 7, 7)),
                  tensor("w150", randn(150, 3, 3, 3))]
check("conv_implicit_padding", padded_convs,
      [value("x", F32, [1, 3, 41, 37])],
      [value(f"y{i}", F32, None) for i in range(1, 7)],
      [{"x": randn(1, 3, 41, 37)}], initializers=padded_weights, atol=1e-4)
check("conv_implicit_padding_batched", padded_convs,
      [value("x", F32, [2, 3, 23, 19])],
      [value(f"y{i}", F32, None) for i in range(1, 7)],
      [{"x": randn(2, 3, 23, 19)}], initializers=padded_weights, atol=1e-4)

# A buffer the second convolution reads through its (implicit) padding is
# reused for the residual sum after it: the sum must not be fused into
# that convolution, whose tasks still read the buffer (several batches,
# so B is packed by the tasks).
check("conv_residual_batched", [
    node("Conv", ["x", "w"], ["a"], pads=[1, 1, 1, 1]),
    node("Relu", ["a"], ["b"]),
    node("Conv", ["b", "w"], ["c"], pads=[1, 1, 1, 1]),
    node("Add", ["c", "x"], ["y"]),
], [value("x", F32, [2, 8, 8, 8])], [value("y", F32, None)],
   [{"x": randn(2, 8, 8, 8)}], initializers=[tensor("w", randn(8, 8, 3, 3))],
   atol=1e-4)

# Stride 1 over the padded copy: B read in place, the output computed
# along the padded rows (7 of 9 and 28 of 32 columns stored), K = 288 in
# two slices, bias, ReLU and the residual fused, dilation; a 1x1
# convolution reads the input as B directly.
direct_convs = [
    node("Conv", ["x", "w", "b"], ["a"], pads=[1, 1, 1, 1]),
    node("Relu", ["a"], ["r"]),
    node("Add", ["r", "x"], ["y1"]),
    node("Conv", ["z", "w"], ["y2"], pads=[2, 2, 2, 2], dilations=[2, 2]),
    node("Conv", ["x", "w1", "b1"], ["y3"]),
]
direct_weights = [tensor("w", randn(32, 32, 3, 3)), tensor("b", randn(32)),
                  tensor("w1", randn(40, 32, 1, 1)), tensor("b1", randn(40))]
for name, n in (("conv_direct", 1), ("conv_direct_batched", 3)):
    check(name, direct_convs,
          [value("x", F32, [n, 32, 7, 7]), value("z", F32, [n, 32, 2, 28])],
          [value(f"y{i}", F32, None) for i in range(1, 4)],
          [{"x": randn(n, 32, 7, 7), "z": randn(n, 32, 2, 28)}],
          initializers=direct_weights, atol=1e-3)

# 1x1 convolutions whose columns past the whole panels are extra columns
# of the last one (AVX-512: N = 49 as 48 + 1, N = 196 as 192 + 4), the
# filters packed at compile time into panels of rows (M = 20 and 36 not
# multiples of them), K = 200 in two slices, bias, ReLU and a residual.
check("conv_extra_columns", [
    node("Conv", ["x", "w", "b"], ["a"]),
    node("Relu", ["a"], ["r"]),
    node("Conv", ["x", "w2"], ["c"]),
    node("Add", ["r", "c"], ["y1"]),
    node("Conv", ["z", "w3", "b3"], ["y2"]),
], [value("x", F32, [1, 200, 7, 7]), value("z", F32, [1, 24, 14, 14])],
   [value("y1", F32, None), value("y2", F32, None)],
   [{"x": randn(1, 200, 7, 7), "z": randn(1, 24, 14, 14)}],
   initializers=[tensor("w", randn(20, 200, 1, 1)), tensor("b", randn(20)),
                 tensor("w2", randn(20, 200, 1, 1)),
                 tensor("w3", randn(36, 24, 1, 1)), tensor("b3", randn(36))],
   atol=1e-3)

# Convolutions with constant filters tiled along M (the output channels;
# their 7x7 outputs fill vectors of positions badly): 3x3 at stride 1 with
# bias, ReLU and a residual; 3x3 at stride 2 over a batch of 2 (M = 48);
# 1x1 at stride 2 with M = 40 (rows past M in the packed filter). N = 49
# leaves a last tile of one column. A 3x3 convolution with bias and ReLU
# whose result only feeds the next one's padding (14x14: vectors of 16
# positions cross rows of 14) stores straight into that padded buffer.
# Also without AVX-512 (vectors of 8: 8 x 8 blocks of the tile transposed
# where AVX-512 has 16 x 16).
for name, args in (("conv_along_m", ()),
                   ("conv_along_m_avx2", ("--mattr=-avx512f",))):
    check(name, [
        node("Conv", ["x", "w1", "b1"], ["a"], pads=[1, 1, 1, 1]),
        node("Relu", ["a"], ["r"]),
        node("Add", ["r", "s"], ["y1"]),
        node("Conv", ["z", "w2", "b2"], ["y2"], pads=[1, 1, 1, 1],
             strides=[2, 2]),
        node("Conv", ["p", "w3"], ["y3"], strides=[2, 2]),
        node("Conv", ["u", "w4", "b4"], ["e"], pads=[1, 1, 1, 1]),
        node("Relu", ["e"], ["f"]),
        node("Conv", ["f", "w5"], ["y4"], pads=[1, 1, 1, 1]),
    ], [value("x", F32, [1, 32, 7, 7]), value("s", F32, [1, 64, 7, 7]),
        value("z", F32, [2, 32, 14, 14]), value("p", F32, [1, 300, 13, 13]),
        value("u", F32, [2, 32, 14, 14])],
        [value(f"y{i}", F32, None) for i in range(1, 5)],
        [{"x": randn(1, 32, 7, 7), "s": randn(1, 64, 7, 7),
          "z": randn(2, 32, 14, 14), "p": randn(1, 300, 13, 13),
          "u": randn(2, 32, 14, 14)}],
        initializers=[tensor("w1", randn(64, 32, 3, 3)),
                      tensor("b1", randn(64)),
                      tensor("w2", randn(48, 32, 3, 3)),
                      tensor("b2", randn(48)),
                      tensor("w3", randn(40, 300, 1, 1)),
                      tensor("w4", randn(32, 32, 3, 3)),
                      tensor("b4", randn(32)),
                      tensor("w5", randn(32, 32, 3, 3))],
        atol=1e-3, compile_args=args + ("--winograd=false",))

# 3x3 convolutions at stride 1 as Winograd F(2x2, 3x3): padding read
# implicitly (symmetric, asymmetric, none), epilogues of a bias and ReLU
# and of a residual, one such convolution feeding the next, the output of
# a strided convolution (tiled along M) feeding one, batch 2, channels and
# filters that fill no vector, rows of tiles that are not whole vectors
# (18 and 3 tiles), an odd height and width (7x5: the last row and column
# of tiles half outside), and a 32x48 output in blocks of rows of tiles
# (a task each: transforms and products), batch 2, with a residual; 9
# columns of padding on the left (shifted in by one shuffle of 16 lanes;
# with 8 the padded buffer is read); a Pad of the channels too (at their
# end, so at offset 0 like no padding), whose padded buffer is read as
# the input (the source has fewer channels); a product that is also read
# by another op (the epilogue's residual and ReLU stored apart from the
# plain sums, which a Sigmoid reads); also with vectors of 8 (no AVX-512).
for name, args in (("conv_winograd", ()),
                   ("conv_winograd_avx2", ("--mattr=-avx512f",))):
    check(name, [
        node("Conv", ["x", "w1", "b1"], ["a"], pads=[1, 1, 1, 1]),
        node("Relu", ["a"], ["y1"]),
        node("Conv", ["y1", "w2"], ["c"], pads=[1, 1, 1, 1]),
        node("Add", ["c", "x"], ["y2"]),
        node("Conv", ["z", "w3", "b3"], ["y3"]),
        node("Conv", ["q", "w4"], ["y4"], pads=[1, 1, 1, 1]),
        node("Conv", ["s", "w5", "b5"], ["t"], pads=[1, 1, 1, 1],
             strides=[2, 2]),
        node("Relu", ["t"], ["r"]),
        node("Conv", ["r", "w6"], ["y5"], pads=[1, 1, 1, 1]),
        node("Conv", ["v", "w7"], ["y6"], pads=[1, 2, 1, 0]),
        node("Conv", ["o", "w8", "b8"], ["g"], pads=[1, 1, 1, 1]),
        node("Add", ["g", "o"], ["h"]),
        node("Relu", ["h"], ["y7"]),
        node("Conv", ["e", "w9"], ["y8"], pads=[1, 9, 1, 0]),
        node("Pad", ["k", "kpads"], ["kp"]),
        node("Conv", ["kp", "w10"], ["y9"]),
        node("Conv", ["t1", "w11"], ["ca"], pads=[1, 1, 1, 1]),
        node("Add", ["ca", "t1"], ["cb"]),
        node("Relu", ["cb"], ["y10"]),
        node("Sigmoid", ["ca"], ["y11"]),
    ], [value("x", F32, [1, 16, 20, 36]), value("z", F32, [2, 24, 10, 14]),
        value("q", F32, [1, 17, 7, 5]), value("s", F32, [1, 16, 16, 24]),
        value("v", F32, [1, 16, 8, 10]), value("o", F32, [2, 16, 32, 48]),
        value("e", F32, [1, 16, 6, 8]), value("k", F32, [1, 14, 6, 8]),
        value("t1", F32, [1, 16, 10, 12])],
        [value(f"y{i}", F32, None) for i in range(1, 12)],
        [{"x": randn(1, 16, 20, 36), "z": randn(2, 24, 10, 14),
          "q": randn(1, 17, 7, 5), "s": randn(1, 16, 16, 24),
          "v": randn(1, 16, 8, 10), "o": randn(2, 16, 32, 48),
          "e": randn(1, 16, 6, 8), "k": randn(1, 14, 6, 8),
          "t1": randn(1, 16, 10, 12)}],
        initializers=[tensor("w1", randn(16, 16, 3, 3)),
                      tensor("b1", randn(16)),
                      tensor("w2", randn(16, 16, 3, 3)),
                      tensor("w3", randn(32, 24, 3, 3)),
                      tensor("b3", randn(32)),
                      tensor("w4", randn(23, 17, 3, 3)),
                      tensor("w5", randn(32, 16, 3, 3)),
                      tensor("b5", randn(32)),
                      tensor("w6", randn(32, 32, 3, 3)),
                      tensor("w7", randn(16, 16, 3, 3)),
                      tensor("w8", randn(16, 16, 3, 3)),
                      tensor("b8", randn(16)),
                      tensor("w9", randn(16, 16, 3, 3)),
                      tensor("kpads", np.array([0, 0, 1, 1, 0, 4, 1, 1],
                                               np.int64)),
                      tensor("w10", randn(16, 18, 3, 3)),
                      tensor("w11", randn(16, 16, 3, 3))],
        atol=1e-3, compile_args=args)

# The GEMM's own buffer as the accumulator (K deeper than one slice): the
# residual sum is stored into the buffer of its residual, which it reads,
# and the plain product is an output too.
check("epilogue_accumulator", [
    node("Relu", ["x"], ["r"]),
    node("MatMul", ["a", "w"], ["m"]),
    node("Add", ["m", "r"], ["y"]),
    node("Sigmoid", ["m"], ["s"]),
], [value("a", F32, [32, 1000]), value("x", F32, [32, 40])],
   [value("y", F32, None), value("s", F32, None), value("m", F32, None)],
   [{"a": randn(32, 1000), "x": randn(32, 40)}],
   initializers=[tensor("w", randn(1000, 40))], atol=1e-4)

# A SqueezeNet fire module: the two expand convolutions (bias and ReLU
# fused) write their halves of the concatenation in place, and the next
# convolution reads it; one half is also an output of its own, which the
# in-place write must not change.
check("conv_concat", [
    node("Conv", ["x", "ws", "bs"], ["s0"]),
    node("Relu", ["s0"], ["s"]),
    node("Conv", ["s", "w1", "b1"], ["e0"]),
    node("Relu", ["e0"], ["e1"]),
    node("Conv", ["s", "w3", "b3"], ["f0"], pads=[1, 1, 1, 1]),
    node("Relu", ["f0"], ["e3"]),
    node("Concat", ["e1", "e3"], ["cat"], axis=1),
    node("Conv", ["cat", "wn"], ["y"]),
], [value("x", F32, [1, 24, 13, 13])],
   [value("y", F32, None), value("e3", F32, None)],
   [{"x": randn(1, 24, 13, 13)}],
   initializers=[tensor("ws", randn(8, 24, 1, 1)), tensor("bs", randn(8)),
                 tensor("w1", randn(16, 8, 1, 1)), tensor("b1", randn(16)),
                 tensor("w3", randn(16, 8, 3, 3)), tensor("b3", randn(16)),
                 tensor("wn", randn(10, 32, 1, 1))], atol=1e-4)
