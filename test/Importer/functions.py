# ONNX function ops decompose into existing ds ops. The script also checks
# each decomposition's formula numerically: a numpy transcription of the ops
# the importer emits is compared with onnxruntime (or the ONNX reference
# evaluator for opsets onnxruntime does not have) on the same model.
# RUN: %python %s %t
# RUN: ds-opt %t.swish.onnx | FileCheck %s --check-prefix=SWISH
# RUN: ds-opt %t.swiglu.onnx | FileCheck %s --check-prefix=SWIGLU
# RUN: ds-opt %t.shrink.onnx | FileCheck %s --check-prefix=SHRINK
# RUN: ds-opt %t.shrink-int.onnx | FileCheck %s --check-prefix=SHRINK-INT
# RUN: ds-opt %t.lrn.onnx | FileCheck %s --check-prefix=LRN
# RUN: ds-opt %t.trilu.onnx | FileCheck %s --check-prefix=TRILU
# RUN: ds-opt %t.eyelike.onnx | FileCheck %s --check-prefix=EYE
# RUN: ds-opt %t.onehot.onnx | FileCheck %s --check-prefix=ONEHOT
# RUN: ds-opt %t.onehot9.onnx | FileCheck %s --check-prefix=ONEHOT9
# RUN: ds-opt %t.d2s.onnx | FileCheck %s --check-prefix=D2S
# RUN: ds-opt %t.d2s-dyn.onnx | FileCheck %s --check-prefix=D2S-DYN
# RUN: ds-opt %t.s2d.onnx | FileCheck %s --check-prefix=S2D
# RUN: ds-opt %t.crop.onnx | FileCheck %s --check-prefix=CROP
# RUN: ds-opt %t.window.onnx | FileCheck %s --check-prefix=WINDOW
# RUN: ds-opt %t.nll.onnx | FileCheck %s --check-prefix=NLL
# RUN: ds-opt %t.sce.onnx | FileCheck %s --check-prefix=SCE
# RUN: ds-opt %t.einsum.onnx | FileCheck %s --check-prefix=EINSUM
# RUN: ds-opt %t.einsum-multi.onnx | FileCheck %s --check-prefix=EINSUM-MULTI
# RUN: ds-opt %t.attention.onnx | FileCheck %s --check-prefix=ATTN
# RUN: ds-opt %t.attention3d.onnx | FileCheck %s --check-prefix=ATTN3D
# RUN: ds-opt %t.attention-cap.onnx | FileCheck %s --check-prefix=ATTN-CAP
# RUN: ds-opt %t.rotary.onnx | FileCheck %s --check-prefix=ROPE
# RUN: ds-opt %t.rotary-interleaved.onnx | FileCheck %s --check-prefix=ROPE-I
# RUN: not ds-opt %t.bad-einsum.onnx 2>&1 | FileCheck %s --check-prefix=BAD-EINSUM
# RUN: not ds-opt %t.bad-d2s.onnx 2>&1 | FileCheck %s --check-prefix=BAD-D2S
# RUN: not ds-opt %t.bad-nll.onnx 2>&1 | FileCheck %s --check-prefix=BAD-NLL
# RUN: not ds-opt %t.bad-attention.onnx 2>&1 | FileCheck %s --check-prefix=BAD-ATTN
# RUN: not ds-opt %t.bad-lrn.onnx 2>&1 | FileCheck %s --check-prefix=BAD-LRN
import onnxruntime
from onnx.reference import ReferenceEvaluator

from onnx_test_models import *

F = TensorProto.FLOAT
I64 = TensorProto.INT64
rng = np.random.default_rng(0)


def run(model, feeds):
    """Runs `model` in onnxruntime, or the ONNX reference evaluator for
    opsets onnxruntime does not support."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    model.ir_version = min(model.ir_version, 10)
    try:
        session = onnxruntime.InferenceSession(
            model.SerializeToString(), providers=["CPUExecutionProvider"])
    except Exception as error:  # An opset onnxruntime does not have yet.
        if "opset" not in str(error):
            raise
        return ReferenceEvaluator(model).run(None, feeds)
    return session.run(None, feeds)


def expect(model, feeds, *expected, rtol=1e-5, atol=1e-6):
    results = run(model, feeds)
    for got, want in zip(results, expected):
        np.testing.assert_allclose(got, want, rtol=rtol, atol=atol)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


# Swish: x * sigmoid(alpha * x).
# SWISH-LABEL: func.func @main
# SWISH: %[[A:.*]] = ds.constant dense<5.000000e-01> : tensor<f32>
# SWISH: %[[AX:.*]] = ds.mul %arg0, %[[A]]
# SWISH: %[[S:.*]] = ds.sigmoid %[[AX]]
# SWISH: ds.mul %arg0, %[[S]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
m = save(out_path(".swish.onnx"), [
    helper.make_node("Swish", ["x"], ["y"], alpha=0.5),
], [value("x", F, [2, 3])], [value("y", F, [2, 3])], opset=24)
x = rng.standard_normal([2, 3]).astype(np.float32)
expect(m, {"x": x}, x * sigmoid(np.float32(0.5) * x))

# SwiGLU: Swish(A) * B.
# SWIGLU-LABEL: func.func @main
# SWIGLU: %[[S:.*]] = ds.sigmoid %arg0
# SWIGLU: %[[W:.*]] = ds.mul %arg0, %[[S]]
# SWIGLU: ds.mul %[[W]], %arg1
m = save(out_path(".swiglu.onnx"), [
    helper.make_node("SwiGLU", ["a", "b"], ["y"]),
], [value("a", F, ["n", 4]), value("b", F, ["n", 4])],
   [value("y", F, ["n", 4])], opset=28)
a, b = rng.standard_normal([2, 2, 4]).astype(np.float32)
expect(m, {"a": a, "b": b}, a * sigmoid(a) * b)

# Shrink: where(x < -l, x + b, where(l < x, x - b, 0)).
# SHRINK-LABEL: func.func @main
# SHRINK-DAG: %[[ZERO:.*]] = ds.constant dense<0.000000e+00> : tensor<f32>
# SHRINK-DAG: %[[B:.*]] = ds.constant dense<2.500000e-01> : tensor<f32>
# SHRINK-DAG: %[[L:.*]] = ds.constant dense<1.500000e+00> : tensor<f32>
# SHRINK: %[[ABOVE:.*]] = ds.less %[[L]], %arg0
# SHRINK: %[[SUB:.*]] = ds.sub %arg0, %[[B]]
# SHRINK: %[[HI:.*]] = ds.where %[[ABOVE]], %[[SUB]], %[[ZERO]]
# SHRINK: %[[NL:.*]] = ds.constant dense<-1.500000e+00> : tensor<f32>
# SHRINK: %[[BELOW:.*]] = ds.less %arg0, %[[NL]]
# SHRINK: %[[ADD:.*]] = ds.add %arg0, %[[B]]
# SHRINK: ds.where %[[BELOW]], %[[ADD]], %[[HI]]
m = save(out_path(".shrink.onnx"), [
    helper.make_node("Shrink", ["x"], ["y"], lambd=1.5, bias=0.25),
], [value("x", F, [8])], [value("y", F, [8])], opset=9)
x = np.linspace(-3, 3, 8, dtype=np.float32)
expect(m, {"x": x}, np.where(x < -1.5, x + 0.25, np.where(1.5 < x, x - 0.25, 0)))

# Unsigned inputs have no lower branch; lambd truncates for integers.
# SHRINK-INT-LABEL: func.func @main
# SHRINK-INT: ds.constant dense<2> : tensor<ui8>
# SHRINK-INT: ds.less
# SHRINK-INT: ds.where
# SHRINK-INT-NOT: ds.less
# SHRINK-INT: return
save(out_path(".shrink-int.onnx"), [
    helper.make_node("Shrink", ["x"], ["y"], lambd=2.7, bias=1.0),
], [value("x", TensorProto.UINT8, [8])], [value("y", TensorProto.UINT8, [8])],
   opset=9)

# LRN computes x / (bias + alpha * avg_pool(x^2 over a channel window)) ^ beta, the
# channels made a spatial dimension of a single-channel tensor. An even size
# pads one more channel after than before.
# LRN-LABEL: func.func @main
# LRN: %[[SQ:.*]] = ds.mul %arg0, %arg0
# LRN: %[[U:.*]] = ds.unsqueeze %[[SQ]] {axes = array<i64: 1>} : (tensor<2x5x3x3xf32>) -> tensor<2x1x5x3x3xf32>
# LRN: %[[AVG:.*]] = ds.average_pool %[[U]] {count_include_pad = true, kernel_shape = array<i64: 3, 1, 1>, pads = array<i64: 1, 0, 0, 1, 0, 0>}
# LRN: %[[SUM:.*]] = ds.squeeze %[[AVG]] {axes = array<i64: 1>}
# LRN: ds.mul %[[SUM]]
# LRN: ds.add
# LRN: ds.pow
# LRN: ds.div %arg0
# LRN: ds.average_pool %{{.*}} {count_include_pad = true, kernel_shape = array<i64: 4, 1, 1>, pads = array<i64: 1, 0, 0, 2, 0, 0>}
m = save(out_path(".lrn.onnx"), [
    helper.make_node("LRN", ["x"], ["y"], size=3, alpha=0.01, beta=0.6,
                     bias=2.0),
    helper.make_node("LRN", ["x"], ["even"], size=4),
], [value("x", F, [2, 5, 3, 3])],
   [value("y", F, [2, 5, 3, 3]), value("even", F, [2, 5, 3, 3])], opset=13)
# onnxruntime has odd sizes only; check that model's first output.
m.graph.node.pop()
m.graph.output.pop()
x = rng.standard_normal([2, 5, 3, 3]).astype(np.float32)
padded = np.pad(x * x, [(0, 0), (1, 1), (0, 0), (0, 0)])
average = sum(padded[:, i:i + 5] for i in range(3)) / 3
expect(m, {"x": x}, x / (2.0 + 0.01 * average) ** 0.6)

# Trilu: where(j >= i + k, x, 0) (upper) or j <= i + k (lower).
# TRILU-LABEL: func.func @main
# TRILU: %[[R:.*]] = ds.range %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<4xi64>
# TRILU: %[[ROWS:.*]] = ds.unsqueeze %[[R]] {axes = array<i64: 1>} : (tensor<4xi64>) -> tensor<4x1xi64>
# TRILU: %[[COLS:.*]] = ds.range {{.*}} -> tensor<5xi64>
# TRILU: %[[RK:.*]] = ds.add %[[ROWS]], %arg1
# TRILU: %[[KEEP:.*]] = ds.greater_or_equal %[[COLS]], %[[RK]] : (tensor<5xi64>, tensor<4x1xi64>) -> tensor<4x5xi1>
# TRILU: ds.where %[[KEEP]], %arg0, %{{.*}} : (tensor<4x5xi1>, tensor<2x4x5xf32>, tensor<f32>) -> tensor<2x4x5xf32>
# TRILU: ds.less_or_equal
m = save(out_path(".trilu.onnx"), [
    helper.make_node("Trilu", ["x", "k"], ["u"]),
    helper.make_node("Trilu", ["x"], ["l"], upper=0),
], [value("x", F, [2, 4, 5]), value("k", I64, [])],
   [value("u", F, [2, 4, 5]), value("l", F, [2, 4, 5])], opset=14)
x = rng.standard_normal([2, 4, 5]).astype(np.float32)
i, j = np.arange(4)[:, None], np.arange(5)
expect(m, {"x": x, "k": np.array(-1, np.int64)},
       np.where(j >= i - 1, x, 0), np.where(j <= i, x, 0))

# EyeLike: cast(j == i + k).
# EYE-LABEL: func.func @main
# EYE: ds.range
# EYE: ds.range
# EYE: %[[K:.*]] = ds.constant dense<-2> : tensor<1xi64>
# EYE: %[[RK:.*]] = ds.add %{{.*}}, %[[K]]
# EYE: %[[EQ:.*]] = ds.equal %{{.*}}, %[[RK]] : (tensor<4xi64>, tensor<3x1xi64>) -> tensor<3x4xi1>
# EYE: ds.cast %[[EQ]] : (tensor<3x4xi1>) -> tensor<3x4xi32>
m = save(out_path(".eyelike.onnx"), [
    helper.make_node("EyeLike", ["x"], ["y"], k=-2, dtype=TensorProto.INT32),
], [value("x", F, [3, 4])], [value("y", TensorProto.INT32, [3, 4])], opset=22)
expect(m, {"x": np.zeros([3, 4], np.float32)}, np.eye(3, 4, -2))

# OneHot: where(unsqueeze(idx) == range(depth), on, off), negative indices
# wrapped since opset 11.
# ONEHOT-LABEL: func.func @main
# ONEHOT: %[[D:.*]] = ds.cast %arg1 : (tensor<f32>) -> tensor<i64>
# ONEHOT: %[[N:.*]] = ds.reshape %[[D]]
# ONEHOT: %[[IDX:.*]] = ds.cast %arg0 : (tensor<2x3xi32>) -> tensor<2x3xi64>
# ONEHOT: %[[NEG:.*]] = ds.less %[[IDX]]
# ONEHOT: %[[WRAP:.*]] = ds.add %[[IDX]], %[[N]]
# ONEHOT: %[[I:.*]] = ds.where %[[NEG]], %[[WRAP]], %[[IDX]]
# ONEHOT: %[[R:.*]] = ds.range {{.*}} : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
# ONEHOT: %[[C:.*]] = ds.unsqueeze %[[R]] {axes = array<i64: 1, 2>} : (tensor<?xi64>) -> tensor<?x1x1xi64>
# ONEHOT: %[[U:.*]] = ds.unsqueeze %[[I]] {axes = array<i64: 0>} : (tensor<2x3xi64>) -> tensor<1x2x3xi64>
# ONEHOT: %[[HOT:.*]] = ds.equal %[[U]], %[[C]] : (tensor<1x2x3xi64>, tensor<?x1x1xi64>) -> tensor<?x2x3xi1>
# ONEHOT: %[[OFF:.*]] = ds.slice %arg2
# ONEHOT: %[[ON:.*]] = ds.slice %arg2
# ONEHOT: ds.where %[[HOT]], %[[ON]], %[[OFF]]
m = save(out_path(".onehot.onnx"), [
    helper.make_node("OneHot", ["i", "d", "v"], ["y"], axis=0),
], [value("i", TensorProto.INT32, [2, 3]), value("d", F, []),
    value("v", F, [2])], [value("y", F, [None, 2, 3])], opset=11)
idx = np.array([[0, 4, -1], [-5, 7, 2]], np.int32)
wrapped = np.where(idx < 0, idx + 5, idx)
expect(m, {"i": idx, "d": np.array(5.0, np.float32),
           "v": np.array([-1, 3], np.float32)},
       np.where(wrapped[None] == np.arange(5)[:, None, None], 3.0, -1.0))

# Opset 9 does not wrap negative indices.
# ONEHOT9-LABEL: func.func @main
# ONEHOT9-NOT: ds.less
# ONEHOT9: ds.equal
save(out_path(".onehot9.onnx"), [
    helper.make_node("OneHot", ["i", "d", "v"], ["y"]),
], [value("i", I64, [3]), value("d", I64, [1]), value("v", F, [2])],
   [value("y", F, [3, None])], opset=9)

# DepthToSpace: reshape, transpose, reshape (DCR and CRD orders).
# D2S-LABEL: func.func @main
# D2S: %[[S1:.*]] = ds.constant dense<[1, 2, 2, 2, 2, 3]> : tensor<6xi64>
# D2S: %[[R1:.*]] = ds.reshape %arg0, %[[S1]] : (tensor<1x8x2x3xf32>, tensor<6xi64>) -> tensor<1x2x2x2x2x3xf32>
# D2S: %[[T1:.*]] = ds.transpose %[[R1]] {perm = array<i64: 0, 3, 4, 1, 5, 2>}
# D2S: %[[S2:.*]] = ds.constant dense<[1, 2, 4, 6]> : tensor<4xi64>
# D2S: ds.reshape %[[T1]], %[[S2]] : (tensor<1x2x2x2x3x2xf32>, tensor<4xi64>) -> tensor<1x2x4x6xf32>
# D2S: ds.transpose %{{.*}} {perm = array<i64: 0, 1, 4, 2, 5, 3>}
m = save(out_path(".d2s.onnx"), [
    helper.make_node("DepthToSpace", ["x"], ["dcr"], blocksize=2),
    helper.make_node("DepthToSpace", ["x"], ["crd"], blocksize=2, mode="CRD"),
], [value("x", F, [1, 8, 2, 3])],
   [value("dcr", F, [1, 2, 4, 6]), value("crd", F, [1, 2, 4, 6])], opset=13)
x = rng.standard_normal([1, 8, 2, 3]).astype(np.float32)
dcr = x.reshape(1, 2, 2, 2, 2, 3).transpose(0, 3, 4, 1, 5, 2).reshape(1, 2, 4, 6)
crd = x.reshape(1, 2, 2, 2, 2, 3).transpose(0, 1, 4, 2, 5, 3).reshape(1, 2, 4, 6)
expect(m, {"x": x}, dcr, crd)

# With dynamic sizes the shapes are computed with ds.shape.
# D2S-DYN-LABEL: func.func @main
# D2S-DYN: %[[B:.*]] = ds.shape %arg0 {end = 1 : i64, start = 0 : i64}
# D2S-DYN: %[[H:.*]] = ds.shape %arg0 {end = 3 : i64, start = 2 : i64}
# D2S-DYN: %[[S:.*]] = ds.concat %[[B]], {{.*}} {axis = 0 : i64}
# D2S-DYN: ds.reshape %arg0, %[[S]] {allowzero = true} : (tensor<?x8x?x3xf32>, tensor<6xi64>) -> tensor<?x2x2x2x?x3xf32>
# D2S-DYN: ds.transpose
# D2S-DYN: ds.mul %[[H]]
# D2S-DYN: ds.reshape {{.*}} -> tensor<?x2x?x6xf32>
save(out_path(".d2s-dyn.onnx"), [
    helper.make_node("DepthToSpace", ["x"], ["y"], blocksize=2),
], [value("x", F, ["b", 8, "h", 3])], [value("y", F, ["b", 2, None, 6])],
   opset=7)

# SpaceToDepth: the inverse rearrangement; mode since opset 28.
# S2D-LABEL: func.func @main
# S2D: ds.reshape %arg0, %{{.*}} : (tensor<1x2x4x6xf32>, tensor<6xi64>) -> tensor<1x2x2x2x3x2xf32>
# S2D: ds.transpose %{{.*}} {perm = array<i64: 0, 3, 5, 1, 2, 4>}
# S2D: ds.reshape {{.*}} -> tensor<1x8x2x3xf32>
# S2D: ds.transpose %{{.*}} {perm = array<i64: 0, 1, 3, 5, 2, 4>}
m = save(out_path(".s2d.onnx"), [
    helper.make_node("SpaceToDepth", ["x"], ["dcr"], blocksize=2),
    helper.make_node("SpaceToDepth", ["x"], ["crd"], blocksize=2, mode="CRD"),
], [value("x", F, [1, 2, 4, 6])],
   [value("dcr", F, [1, 8, 2, 3]), value("crd", F, [1, 8, 2, 3])], opset=28)
x = rng.standard_normal([1, 2, 4, 6]).astype(np.float32)
split = x.reshape(1, 2, 2, 2, 3, 2)
expect(m, {"x": x}, split.transpose(0, 3, 5, 1, 2, 4).reshape(1, 8, 2, 3),
       split.transpose(0, 1, 3, 5, 2, 4).reshape(1, 8, 2, 3))

# CenterCropPad: pad then slice by the computed amounts.
# CROP-LABEL: func.func @main
# CROP: %[[PADS:.*]] = ds.constant dense<[0, 1, 0, 2]> : tensor<4xi64>
# CROP: %[[P:.*]] = ds.pad %arg0, %[[PADS]] {axes = array<i64: 0, 2>} : (tensor<5x2x3xf32>, tensor<4xi64>) -> tensor<5x2x6xf32>
# CROP: ds.slice %[[P]], %{{.*}}, %{{.*}} {axes = array<i64: 0, 2>} : (tensor<5x2x6xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<2x2x6xf32>
m = save(out_path(".crop.onnx"), [
    helper.make_node("CenterCropPad", ["x", "s"], ["y"], axes=[0, -1]),
], [value("x", F, [5, 2, 3])], [value("y", F, [2, 2, 6])],
   [tensor("s", np.array([2, 6], np.int64))], opset=18)
x = rng.standard_normal([5, 2, 3]).astype(np.float32)
expect(m, {"x": x}, np.pad(x, [(0, 0), (0, 0), (1, 2)])[1:3])

# Windows: a0 - a1 * cos(2 pi n / N) + a2 * cos(4 pi n / N), N = size or
# size - 1, cast to output_datatype.
# WINDOW-LABEL: func.func @main
# WINDOW: ds.range
# WINDOW: ds.constant dense<6.28318548> : tensor<f32>
# WINDOW: ds.cos
# WINDOW-NOT: ds.cos
# WINDOW: ds.sub
# WINDOW: ds.cos
# WINDOW: ds.cos
# WINDOW: ds.cast %{{.*}} : (tensor<?xf32>) -> tensor<?xf64>
m = save(out_path(".window.onnx"), [
    helper.make_node("HannWindow", ["n"], ["hann"]),
    helper.make_node("BlackmanWindow", ["n"], ["blackman"], periodic=0,
                     output_datatype=TensorProto.DOUBLE),
    helper.make_node("HammingWindow", ["n"], ["hamming"], periodic=0),
], [value("n", I64, [])], [value("hann", F, [None]),
    value("blackman", TensorProto.DOUBLE, [None]), value("hamming", F, [None])],
   opset=17)


def window(size, periodic, a0, a1, a2):
    n = np.arange(size, dtype=np.float32)
    angle = n * (np.float32(6.2831855) / np.float32(size if periodic else size - 1))
    return a0 - a1 * np.cos(angle) + a2 * np.cos(angle * 2)


expect(m, {"n": np.array(10, np.int64)}, window(10, True, 0.5, 0.5, 0),
       window(10, False, 0.42, 0.5, 0.08),
       window(10, False, 25 / 46, 21 / 46, 0), atol=1e-6)

# NegativeLogLikelihoodLoss: -gather_elements(x, t) * w[t], ignored targets
# zeroed, mean = sum(loss) / sum(w[t]).
# NLL-LABEL: func.func @main
# NLL: %[[II:.*]] = ds.constant dense<-100> : tensor<i64>
# NLL: %[[IGN:.*]] = ds.equal %arg1, %[[II]]
# NLL: %[[T:.*]] = ds.where %[[IGN]], %{{.*}}, %arg1
# NLL: %[[U:.*]] = ds.unsqueeze %[[T]] {axes = array<i64: 1>} : (tensor<2x4xi64>) -> tensor<2x1x4xi64>
# NLL: %[[G:.*]] = ds.gather_elements %arg0, %[[U]] {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x1x4xi64>) -> tensor<2x1x4xf32>
# NLL: %[[P:.*]] = ds.squeeze %[[G]] {axes = array<i64: 1>}
# NLL: %[[L:.*]] = ds.neg %[[P]]
# NLL: %[[W:.*]] = ds.gather %arg2, %[[T]] : (tensor<3xf32>, tensor<2x4xi64>) -> tensor<2x4xf32>
# NLL: %[[WT:.*]] = ds.where %[[IGN]], %{{.*}}, %[[W]]
# NLL: %[[WL:.*]] = ds.mul %[[L]], %[[WT]]
# NLL: %[[S:.*]] = ds.reduce_sum %[[WL]] {keepdims = false} : (tensor<2x4xf32>) -> tensor<f32>
# NLL: %[[WS:.*]] = ds.reduce_sum %[[WT]] {keepdims = false}
# NLL: ds.div %[[S]], %[[WS]]
m = save(out_path(".nll.onnx"), [
    helper.make_node("NegativeLogLikelihoodLoss", ["x", "t", "w"], ["y"],
                     ignore_index=-100),
], [value("x", F, [2, 3, 4]), value("t", I64, [2, 4]), value("w", F, [3])],
   [value("y", F, [])], opset=22)
x = rng.standard_normal([2, 3, 4]).astype(np.float32)
t = np.array([[0, 2, -100, 1], [1, -100, 0, 2]], np.int64)
w = np.array([0.2, 0.5, 1.5], np.float32)
safe = np.where(t == -100, 0, t)
picked = np.take_along_axis(x, safe[:, None], 1)[:, 0]
wt = np.where(t == -100, 0, w[safe])
expect(m, {"x": x, "t": t, "w": w}, (-picked * wt).sum() / wt.sum())

# SoftmaxCrossEntropyLoss: log_softmax over the classes, then the NLL.
# SCE-LABEL: func.func @main
# SCE: %[[LP:.*]] = ds.log_softmax %arg0 {axis = 1 : i64} : (tensor<3x5xf32>) -> tensor<3x5xf32>
# SCE: ds.gather_elements %[[LP]]
# SCE: ds.neg
# SCE: ds.reduce_sum {{.*}} {keepdims = false}
# SCE: return %{{.*}}, %[[LP]]
m = save(out_path(".sce.onnx"), [
    helper.make_node("SoftmaxCrossEntropyLoss", ["x", "t"], ["y", "lp"],
                     reduction="sum"),
], [value("x", F, [3, 5]), value("t", TensorProto.INT32, [3])],
   [value("y", F, []), value("lp", F, [3, 5])], opset=13)
x = rng.standard_normal([3, 5]).astype(np.float32)
t = np.array([4, 0, 2], np.int32)
lp = x - np.log(np.exp(x).sum(1, keepdims=True))
expect(m, {"x": x, "t": t}, -lp[np.arange(3), t].sum(), lp)

# Einsum: transposes, reshapes and a batched ds.matmul per pair of operands.
# EINSUM-LABEL: func.func @main
# EINSUM: ds.matmul %arg0, %arg1 : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
# EINSUM: %[[KT:.*]] = ds.transpose %arg3 {perm = array<i64: 0, 1, 3, 2>} : (tensor<2x2x5x4xf32>) -> tensor<2x2x4x5xf32>
# EINSUM: ds.matmul %arg2, %[[KT]] : (tensor<2x2x3x4xf32>, tensor<2x2x4x5xf32>) -> tensor<2x2x3x5xf32>
# EINSUM: ds.transpose %arg0 {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
# EINSUM: ds.reduce_sum %arg0 {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
m = save(out_path(".einsum.onnx"), [
    helper.make_node("Einsum", ["a", "b"], ["ab"], equation="ij,jk->ik"),
    helper.make_node("Einsum", ["q", "k"], ["qk"], equation="bhqd,bhkd->bhqk"),
    helper.make_node("Einsum", ["a"], ["at"], equation="ij->ji"),
    helper.make_node("Einsum", ["a"], ["rows"], equation="ij->i"),
], [value("a", F, [2, 3]), value("b", F, [3, 4]), value("q", F, [2, 2, 3, 4]),
    value("k", F, [2, 2, 5, 4])],
   [value("ab", F, [2, 4]), value("qk", F, [2, 2, 3, 5]), value("at", F, [3, 2]),
    value("rows", F, [2])], opset=12)
a = rng.standard_normal([2, 3]).astype(np.float32)
b = rng.standard_normal([3, 4]).astype(np.float32)
q = rng.standard_normal([2, 2, 3, 4]).astype(np.float32)
k = rng.standard_normal([2, 2, 5, 4]).astype(np.float32)
expect(m, {"a": a, "b": b, "q": q, "k": k}, a @ b,
       q @ k.transpose(0, 1, 3, 2), a.T, a.sum(1), rtol=1e-5, atol=1e-5)

# Several free and contracted labels are flattened around the matmul;
# ellipses, implicit outputs and three operands.
# EINSUM-MULTI-LABEL: func.func @main
# EINSUM-MULTI: %[[AT:.*]] = ds.transpose %arg0 {perm = array<i64: 0, 3, 1, 2>} : (tensor<2x3x4x5xf32>) -> tensor<2x5x3x4xf32>
# EINSUM-MULTI: %[[A2:.*]] = ds.reshape %[[AT]], %{{.*}} : (tensor<2x5x3x4xf32>, tensor<3xi64>) -> tensor<2x5x12xf32>
# EINSUM-MULTI: %[[B2:.*]] = ds.reshape %{{.*}}, %{{.*}} : (tensor<2x3x4x6xf32>, tensor<3xi64>) -> tensor<2x12x6xf32>
# EINSUM-MULTI: %[[P:.*]] = ds.matmul %[[A2]], %[[B2]] : (tensor<2x5x12xf32>, tensor<2x12x6xf32>) -> tensor<2x5x6xf32>
# EINSUM-MULTI: ds.reshape %arg2, %{{.*}} : (tensor<7x2x3xf32>, tensor<2xi64>) -> tensor<14x3xf32>
# EINSUM-MULTI: ds.matmul {{.*}} -> tensor<14x4xf32>
# EINSUM-MULTI: ds.reshape {{.*}} -> tensor<7x2x4xf32>
# EINSUM-MULTI: ds.matmul {{.*}} -> tensor<2x4xf32>
# EINSUM-MULTI: ds.matmul {{.*}} -> tensor<2x5xf32>
m = save(out_path(".einsum-multi.onnx"), [
    helper.make_node("Einsum", ["a", "b"], ["y1"], equation="bijk,bijl->bkl"),
    helper.make_node("Einsum", ["c", "d"], ["y2"], equation="...ij,jk"),
    helper.make_node("Einsum", ["e", "f", "g"], ["y3"], equation="ij,jk,kl->il"),
], [value("a", F, [2, 3, 4, 5]), value("b", F, [2, 3, 4, 6]),
    value("c", F, [7, 2, 3]), value("d", F, [3, 4]), value("e", F, [2, 3]),
    value("f", F, [3, 4]), value("g", F, [4, 5])],
   [value("y1", F, [2, 5, 6]), value("y2", F, [7, 2, 4]),
    value("y3", F, [2, 5])], opset=12)
feeds = {n: rng.standard_normal(s).astype(np.float32) for n, s in [
    ("a", [2, 3, 4, 5]), ("b", [2, 3, 4, 6]), ("c", [7, 2, 3]), ("d", [3, 4]),
    ("e", [2, 3]), ("f", [3, 4]), ("g", [4, 5])]}
y1 = (feeds["a"].transpose(0, 3, 1, 2).reshape(2, 5, 12)
      @ feeds["b"].reshape(2, 12, 6))
expect(m, feeds, y1, feeds["c"] @ feeds["d"],
       feeds["e"] @ feeds["f"] @ feeds["g"], rtol=1e-4, atol=1e-5)

# Attention: (Q sqrt(s)) @ (K sqrt(s))^T + causal/mask bias, softmax, @ V;
# grouped-query heads are repeated.
# ATTN-LABEL: func.func @main
# ATTN: ds.unsqueeze %arg1 {axes = array<i64: 2>} : (tensor<1x2x5x4xf32>) -> tensor<1x2x1x5x4xf32>
# ATTN: ds.expand
# ATTN: ds.reshape {{.*}} -> tensor<1x4x5x4xf32>
# ATTN: %[[SC:.*]] = ds.constant dense<0.707106769> : tensor<f32>
# ATTN: %[[QS:.*]] = ds.mul %arg0, %[[SC]]
# ATTN: %[[KS:.*]] = ds.mul %{{.*}}, %[[SC]]
# ATTN: %[[KT:.*]] = ds.transpose %[[KS]] {perm = array<i64: 0, 1, 3, 2>}
# ATTN: %[[S:.*]] = ds.matmul %[[QS]], %[[KT]] : (tensor<1x4x3x4xf32>, tensor<1x4x4x5xf32>) -> tensor<1x4x3x5xf32>
# ATTN: ds.where %arg3
# ATTN: ds.greater_or_equal
# ATTN: %[[BIAS:.*]] = ds.add
# ATTN: %[[SB:.*]] = ds.add %[[S]], %[[BIAS]]
# ATTN: %[[P:.*]] = ds.softmax %[[SB]] :
# ATTN: ds.reduce_max %[[BIAS]] {axes = array<i64: -1>} : (tensor<3x5xf32>) -> tensor<3x1xf32>
# ATTN: %[[PZ:.*]] = ds.where %{{.*}}, %{{.*}}, %[[P]]
# ATTN: ds.matmul %[[PZ]], %{{.*}} : (tensor<1x4x3x5xf32>, tensor<1x4x5x4xf32>) -> tensor<1x4x3x4xf32>
m = save(out_path(".attention.onnx"), [
    helper.make_node("Attention", ["q", "k", "v", "mask"], ["y"], is_causal=1),
], [value("q", F, [1, 4, 3, 4]), value("k", F, [1, 2, 5, 4]),
    value("v", F, [1, 2, 5, 4]), value("mask", TensorProto.BOOL, [3, 5])],
   [value("y", F, [1, 4, 3, 4])], opset=23)


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def attention(q, k, v, bias, scale):
    s = np.sqrt(np.float32(scale))
    scores = (q * s) @ (k * s).transpose(0, 1, 3, 2) + bias
    with np.errstate(invalid="ignore"):
        p = softmax(scores)
    p = np.where(np.isneginf(bias.max(-1, keepdims=True)), 0, p)
    return p @ v


q = rng.standard_normal([1, 4, 3, 4]).astype(np.float32)
k = rng.standard_normal([1, 2, 5, 4]).astype(np.float32)
v = rng.standard_normal([1, 2, 5, 4]).astype(np.float32)
mask = np.array([[1, 1, 0, 1, 1], [0, 0, 0, 0, 0], [1, 0, 1, 1, 1]], bool)
causal = np.arange(5) <= np.arange(3)[:, None]
bias = np.where(mask, 0, -np.inf) + np.where(causal, 0, -np.inf)
expect(m, {"q": q, "k": k, "v": v, "mask": mask},
       attention(q, np.repeat(k, 2, 1), np.repeat(v, 2, 1),
                 bias.astype(np.float32), 0.5), atol=1e-5)

# 3-D inputs split and merge heads; the past cache is concatenated and
# offsets the causal mask; an explicit scale.
# ATTN3D-LABEL: func.func @main
# ATTN3D: ds.reshape %arg0, %{{.*}} : (tensor<2x3x8xf32>, tensor<4xi64>) -> tensor<2x3x2x4xf32>
# ATTN3D: ds.transpose {{.*}} -> tensor<2x2x3x4xf32>
# ATTN3D: %[[K:.*]] = ds.concat %arg3, %{{.*}} {axis = 2 : i64} : (tensor<2x2x2x4xf32>, tensor<2x2x3x4xf32>) -> tensor<2x2x5x4xf32>
# ATTN3D: ds.constant dense<5.000000e-01> : tensor<f32>
# ATTN3D: ds.softmax
# ATTN3D: ds.transpose %{{.*}} {perm = array<i64: 0, 2, 1, 3>} : (tensor<2x2x3x4xf32>) -> tensor<2x3x2x4xf32>
# ATTN3D: ds.reshape {{.*}} -> tensor<2x3x8xf32>
# ATTN3D: return %{{.*}}, %[[K]]
m = save(out_path(".attention3d.onnx"), [
    helper.make_node("Attention", ["q", "k", "v", "", "pk", "pv"],
                     ["y", "present_k", "present_v"], is_causal=1,
                     q_num_heads=2, kv_num_heads=2, scale=0.25),
], [value("q", F, [2, 3, 8]), value("k", F, [2, 3, 8]), value("v", F, [2, 3, 8]),
    value("pk", F, [2, 2, 2, 4]), value("pv", F, [2, 2, 2, 4])],
   [value("y", F, [2, 3, 8]), value("present_k", F, [2, 2, 5, 4]),
    value("present_v", F, [2, 2, 5, 4])], opset=23)
feeds = {n: rng.standard_normal(s).astype(np.float32) for n, s in [
    ("q", [2, 3, 8]), ("k", [2, 3, 8]), ("v", [2, 3, 8]), ("pk", [2, 2, 2, 4]),
    ("pv", [2, 2, 2, 4])]}
heads = lambda x: x.reshape(2, 3, 2, 4).transpose(0, 2, 1, 3)
kk = np.concatenate([feeds["pk"], heads(feeds["k"])], 2)
vv = np.concatenate([feeds["pv"], heads(feeds["v"])], 2)
bias = np.where(np.arange(5) <= np.arange(3)[:, None] + 2, 0, -np.inf)
y = attention(heads(feeds["q"]), kk, vv, bias.astype(np.float32), 0.25)
expect(m, feeds, y.transpose(0, 2, 1, 3).reshape(2, 3, 8), kk, vv, atol=1e-5)

# A float mask shorter than the keys is padded with -inf; softcap; the
# qk_matmul_output after the bias (mode 2). onnxruntime has no short masks:
# the ONNX reference evaluator checks this one.
# ATTN-CAP-LABEL: func.func @main
# ATTN-CAP: %[[S:.*]] = ds.matmul
# ATTN-CAP: %[[CAP:.*]] = ds.constant dense<2.000000e+00> : tensor<f32>
# ATTN-CAP: %[[D:.*]] = ds.div %[[S]], %[[CAP]]
# ATTN-CAP: %[[T:.*]] = ds.tanh %[[D]]
# ATTN-CAP: %[[C:.*]] = ds.mul %[[T]], %[[CAP]]
# ATTN-CAP: %[[NEGINF:.*]] = ds.constant dense<0xFF800000> : tensor<f32>
# ATTN-CAP: %[[PADS:.*]] = ds.constant dense<[0, 1]> : tensor<2xi64>
# ATTN-CAP: %[[M:.*]] = ds.pad %arg3, %[[PADS]], %[[NEGINF]] {axes = array<i64: -1>} : (tensor<3x4xf32>, tensor<2xi64>, tensor<f32>) -> tensor<3x5xf32>
# ATTN-CAP: %[[B:.*]] = ds.add %[[C]], %[[M]]
# ATTN-CAP: return %{{.*}}, %[[B]]
m = save(out_path(".attention-cap.onnx"), [
    helper.make_node("Attention", ["q", "k", "v", "mask"], ["y", "", "", "qk"],
                     softcap=2.0, qk_matmul_output_mode=2, scale=0.3),
], [value("q", F, [1, 2, 3, 4]), value("k", F, [1, 2, 5, 4]),
    value("v", F, [1, 2, 5, 4]), value("mask", F, [3, 4])],
   [value("y", F, [1, 2, 3, 4]), value("qk", F, [1, 2, 3, 5])], opset=23)
feeds = {n: rng.standard_normal(s).astype(np.float32) for n, s in [
    ("q", [1, 2, 3, 4]), ("k", [1, 2, 5, 4]), ("v", [1, 2, 5, 4]),
    ("mask", [3, 4])]}
s = np.sqrt(np.float32(0.3))
capped = np.tanh((feeds["q"] * s) @ (feeds["k"] * s).transpose(0, 1, 3, 2) / 2) * 2
biased = capped + np.pad(feeds["mask"], [(0, 0), (0, 1)],
                         constant_values=-np.inf)
results = ReferenceEvaluator(m).run(None, feeds)
np.testing.assert_allclose(results[0], softmax(biased) @ feeds["v"], atol=1e-5)
np.testing.assert_allclose(results[1], biased, atol=1e-5)

# RotaryEmbedding: cos/sin gathered by position, halves rotated, the rest of
# the head passed through.
# ROPE-LABEL: func.func @main
# ROPE: %[[X:.*]] = ds.transpose %arg0 {perm = array<i64: 0, 2, 1, 3>} : (tensor<1x2x3x8xf32>) -> tensor<1x3x2x8xf32>
# ROPE: %[[C:.*]] = ds.gather %arg1, %arg3 : (tensor<6x2xf32>, tensor<1x3xi64>) -> tensor<1x3x2xf32>
# ROPE: %[[S:.*]] = ds.gather %arg2, %arg3
# ROPE: ds.unsqueeze %[[C]] {axes = array<i64: 2>}
# ROPE: %[[ROT:.*]] = ds.slice %[[X]], {{.*}} -> tensor<1x3x2x4xf32>
# ROPE: ds.slice %[[ROT]], {{.*}} -> tensor<1x3x2x2xf32>
# ROPE: ds.concat {{.*}} {axis = 3 : i64} : (tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>) -> tensor<1x3x2x4xf32>
# ROPE: ds.concat {{.*}} {axis = 3 : i64} : (tensor<1x3x2x4xf32>, tensor<1x3x2x4xf32>) -> tensor<1x3x2x8xf32>
# ROPE: ds.transpose {{.*}} -> tensor<1x2x3x8xf32>
m = save(out_path(".rotary.onnx"), [
    helper.make_node("RotaryEmbedding", ["x", "cos", "sin", "pos"], ["y"],
                     rotary_embedding_dim=4),
], [value("x", F, [1, 2, 3, 8]), value("cos", F, [6, 2]),
    value("sin", F, [6, 2]), value("pos", I64, [1, 3])],
   [value("y", F, [1, 2, 3, 8])], opset=23)
x = rng.standard_normal([1, 2, 3, 8]).astype(np.float32)
angles = rng.standard_normal([6, 2]).astype(np.float32)
pos = np.array([[5, 0, 2]], np.int64)


def rope(x, cos, sin, rotary, interleaved):
    """x: [B, S, H, D]; cos, sin: [B, S, rotary / 2]."""
    cos, sin = cos[:, :, None], sin[:, :, None]
    rot = x[..., :rotary]
    x1, x2 = ((rot[..., 0::2], rot[..., 1::2]) if interleaved
              else (rot[..., :rotary // 2], rot[..., rotary // 2:]))
    real, imag = cos * x1 - sin * x2, sin * x1 + cos * x2
    if interleaved:
        out = np.stack([real, imag], -1).reshape(rot.shape)
    else:
        out = np.concatenate([real, imag], -1)
    return np.concatenate([out, x[..., rotary:]], -1)


y = rope(x.transpose(0, 2, 1, 3), np.cos(angles)[pos], np.sin(angles)[pos], 4,
         False).transpose(0, 2, 1, 3)
expect(m, {"x": x, "cos": np.cos(angles), "sin": np.sin(angles), "pos": pos}, y)

# Interleaved, 3-D input split by num_heads, caches without position ids.
# ROPE-I-LABEL: func.func @main
# ROPE-I: ds.reshape %arg0, %{{.*}} : (tensor<2x3x8xf32>, tensor<4xi64>) -> tensor<2x3x2x4xf32>
# ROPE-I: ds.slice %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {axes = array<i64: 3>} : (tensor<2x3x2x4xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<2x3x2x2xf32>
# ROPE-I: ds.concat {{.*}} {axis = 4 : i64} : (tensor<2x3x2x2x1xf32>, tensor<2x3x2x2x1xf32>) -> tensor<2x3x2x2x2xf32>
# ROPE-I: ds.reshape {{.*}} -> tensor<2x3x2x4xf32>
# ROPE-I: ds.reshape {{.*}} -> tensor<2x3x8xf32>
m = save(out_path(".rotary-interleaved.onnx"), [
    helper.make_node("RotaryEmbedding", ["x", "cos", "sin"], ["y"],
                     interleaved=1, num_heads=2),
], [value("x", F, [2, 3, 8]), value("cos", F, [2, 3, 2]),
    value("sin", F, [2, 3, 2])], [value("y", F, [2, 3, 8])], opset=23)
x = rng.standard_normal([2, 3, 8]).astype(np.float32)
angles = rng.standard_normal([2, 3, 2]).astype(np.float32)
y = rope(x.reshape(2, 3, 2, 4), np.cos(angles), np.sin(angles), 4, True)
expect(m, {"x": x, "cos": np.cos(angles), "sin": np.sin(angles)},
       y.reshape(2, 3, 8))

# Errors.
# BAD-EINSUM: error: node #0 (op Einsum, domain ai.onnx, opset 12): label 'i' is repeated in one term: diagonals and traces are not supported
save(out_path(".bad-einsum.onnx"), [
    helper.make_node("Einsum", ["a"], ["y"], equation="ii->i"),
], [value("a", F, [3, 3])], [value("y", F, [3])], opset=12)

# BAD-D2S: error: node #0 (op DepthToSpace, domain ai.onnx, opset 13): mode must be DCR or CRD, not 'XYZ'
save(out_path(".bad-d2s.onnx"), [
    helper.make_node("DepthToSpace", ["x"], ["y"], blocksize=2, mode="XYZ"),
], [value("x", F, [1, 8, 2, 2])], [value("y", F, [1, 2, 4, 4])], opset=13,
   check=False)

# BAD-NLL: error: node #0 (op NegativeLogLikelihoodLoss, domain ai.onnx, opset 13): reduction must be none, sum or mean, not 'max'
save(out_path(".bad-nll.onnx"), [
    helper.make_node("NegativeLogLikelihoodLoss", ["x", "t"], ["y"],
                     reduction="max"),
], [value("x", F, [2, 3]), value("t", I64, [2])], [value("y", F, [])],
   opset=13, check=False)

# BAD-ATTN: error: node #0 (op Attention, domain ai.onnx, opset 24): nonpad_kv_seqlen (an external KV cache) is not supported
save(out_path(".bad-attention.onnx"), [
    helper.make_node("Attention", ["q", "k", "v", "", "", "", "n"], ["y"]),
], [value("q", F, [1, 2, 3, 4]), value("k", F, [1, 2, 3, 4]),
    value("v", F, [1, 2, 3, 4]), value("n", I64, [1])],
   [value("y", F, [1, 2, 3, 4])], opset=24)

# BAD-LRN: error: node #0 (op LRN, domain ai.onnx, opset 13): attribute 'size' must be positive, not 0
save(out_path(".bad-lrn.onnx"), [
    helper.make_node("LRN", ["x"], ["y"], size=0),
], [value("x", F, [1, 3, 2, 2])], [value("y", F, [1, 3, 2, 2])], opset=13,
   check=False)
