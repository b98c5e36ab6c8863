# Quantization ops decompose into ds arithmetic. The script also checks each
# formula numerically: a numpy transcription of the ops the importer emits is
# compared with onnxruntime on the same model.
# RUN: %python %s %t
# RUN: ds-opt %t.quantize.onnx | FileCheck %s --check-prefix=QUANT
# RUN: ds-opt %t.quantize10.onnx | FileCheck %s --check-prefix=QUANT10
# RUN: ds-opt %t.quantize21.onnx | FileCheck %s --check-prefix=QUANT21
# RUN: ds-opt %t.dequantize.onnx | FileCheck %s --check-prefix=DEQUANT
# RUN: ds-opt %t.dynamic.onnx | FileCheck %s --check-prefix=DYNAMIC
# RUN: ds-opt %t.matmulinteger.onnx | FileCheck %s --check-prefix=MMI
# RUN: ds-opt %t.qlinearmatmul.onnx | FileCheck %s --check-prefix=QLMM
# RUN: not ds-opt %t.blocked.onnx 2>&1 | FileCheck %s --check-prefix=BLOCKED
# RUN: not ds-opt %t.int4.onnx 2>&1 | FileCheck %s --check-prefix=INT4
# RUN: ds-opt %t.float8.onnx | FileCheck %s --check-prefix=FLOAT8
import onnxruntime

from onnx_test_models import *

F = TensorProto.FLOAT
U8 = TensorProto.UINT8
I8 = TensorProto.INT8
rng = np.random.default_rng(0)


def run(model, feeds):
    model = onnx.ModelProto.FromString(model.SerializeToString())
    model.ir_version = min(model.ir_version, 10)
    session = onnxruntime.InferenceSession(
        model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, {k: np.asarray(v) for k, v in feeds.items()})


def expect(model, feeds, *expected):
    for got, want in zip(run(model, feeds), expected):
        assert got.dtype == want.dtype, (got.dtype, want.dtype)
        np.testing.assert_array_equal(got, want)


def quantize(scaled, zero_point, dtype):
    """saturate(round_half_even(scaled) + zero_point), in f32."""
    info = np.iinfo(dtype)
    y = np.round(scaled).astype(np.float32) + np.float32(zero_point)
    return np.clip(y, info.min, info.max).astype(dtype)


# QuantizeLinear per axis: round(x / scale) + zero point, clipped, cast.
# QUANT-LABEL: func.func @main
# QUANT: %[[S:.*]] = ds.unsqueeze %arg1 {axes = array<i64: 1, 2>} : (tensor<3xf32>) -> tensor<3x1x1xf32>
# QUANT: %[[Z:.*]] = ds.unsqueeze %arg2 {axes = array<i64: 1, 2>} : (tensor<3xi8>) -> tensor<3x1x1xi8>
# QUANT: %[[Q:.*]] = ds.div %arg0, %[[S]] : (tensor<2x3x4x5xf32>, tensor<3x1x1xf32>) -> tensor<2x3x4x5xf32>
# QUANT: %[[R:.*]] = ds.round %[[Q]]
# QUANT: %[[ZF:.*]] = ds.cast %[[Z]] : (tensor<3x1x1xi8>) -> tensor<3x1x1xf32>
# QUANT: %[[A:.*]] = ds.add %[[R]], %[[ZF]]
# QUANT-DAG: %[[LO:.*]] = ds.constant dense<-1.280000e+02> : tensor<f32>
# QUANT-DAG: %[[HI:.*]] = ds.constant dense<1.270000e+02> : tensor<f32>
# QUANT: %[[C:.*]] = ds.clip %[[A]] min %[[LO]] max %[[HI]]
# QUANT: ds.cast %[[C]] : (tensor<2x3x4x5xf32>) -> tensor<2x3x4x5xi8>
m = save(out_path(".quantize.onnx"), [
    helper.make_node("QuantizeLinear", ["x", "s", "z"], ["y"], axis=1),
], [value("x", F, [2, 3, 4, 5]), value("s", F, [3]), value("z", I8, [3])],
   [value("y", I8, [2, 3, 4, 5])], opset=19)
x = (rng.standard_normal([2, 3, 4, 5]) * 40).astype(np.float32)
x.flat[:4] = [2.5, 3.5, -2.5, 1000]  # ties round to even; saturation
s = np.array([0.5, 1.0, 2.0], np.float32)
z = np.array([-3, 0, 7], np.int8)
expect(m, {"x": x, "s": s, "z": z},
       quantize(x / s[:, None, None], z[:, None, None], np.int8))

# Opset 10: per tensor, uint8 without a zero point.
# QUANT10-LABEL: func.func @main
# QUANT10: ds.div %arg0, %arg1 : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
# QUANT10: ds.round
# QUANT10-NOT: ds.add
# QUANT10: ds.constant dense<2.550000e+02>
# QUANT10: ds.cast %{{.*}} : (tensor<4xf32>) -> tensor<4xui8>
m = save(out_path(".quantize10.onnx"), [
    helper.make_node("QuantizeLinear", ["x", "s"], ["y"]),
], [value("x", F, [4]), value("s", F, [])], [value("y", U8, [4])], opset=10)
x = np.array([-1, 0.5, 77.3, 900], np.float32)
expect(m, {"x": x, "s": np.float32(0.5)}, quantize(x / 0.5, 0, np.uint8))

# Opset 21 output_dtype without a zero point; int16.
# QUANT21-LABEL: func.func @main
# QUANT21: ds.constant dense<-3.276800e+04>
# QUANT21: ds.cast %{{.*}} : (tensor<4xf32>) -> tensor<4xi16>
m = save(out_path(".quantize21.onnx"), [
    helper.make_node("QuantizeLinear", ["x", "s"], ["y"],
                     output_dtype=TensorProto.INT16),
], [value("x", F, [4]), value("s", F, [])],
   [value("y", TensorProto.INT16, [4])], opset=21)

# DequantizeLinear: (x - zero point) in i32, times the scale.
# DEQUANT-LABEL: func.func @main
# DEQUANT: %[[S:.*]] = ds.unsqueeze %arg1 {axes = array<i64: 1>} : (tensor<2xf32>) -> tensor<2x1xf32>
# DEQUANT: %[[X:.*]] = ds.cast %arg0 : (tensor<2x3xui8>) -> tensor<2x3xi32>
# DEQUANT: %[[Z:.*]] = ds.unsqueeze %arg2
# DEQUANT: %[[ZI:.*]] = ds.cast %[[Z]] : (tensor<2x1xui8>) -> tensor<2x1xi32>
# DEQUANT: %[[D:.*]] = ds.sub %[[X]], %[[ZI]]
# DEQUANT: %[[DF:.*]] = ds.cast %[[D]] : (tensor<2x3xi32>) -> tensor<2x3xf32>
# DEQUANT: ds.mul %[[DF]], %[[S]]
m = save(out_path(".dequantize.onnx"), [
    helper.make_node("DequantizeLinear", ["x", "s", "z"], ["y"], axis=0),
], [value("x", U8, [2, 3]), value("s", F, [2]), value("z", U8, [2])],
   [value("y", F, [2, 3])], opset=13)
xq = np.array([[0, 128, 255], [3, 9, 200]], np.uint8)
s = np.array([0.1, 3.0], np.float32)
z = np.array([128, 3], np.uint8)
expect(m, {"x": xq, "s": s, "z": z},
       ((xq.astype(np.int32) - z[:, None]).astype(np.float32) * s[:, None]))

# DynamicQuantizeLinear: the range widened to 0, scale = range / 255.
# DYNAMIC-LABEL: func.func @main
# DYNAMIC: ds.reduce_min %arg0 {keepdims = false} : (tensor<3x4xf32>) -> tensor<f32>
# DYNAMIC: ds.min
# DYNAMIC: ds.reduce_max %arg0 {keepdims = false}
# DYNAMIC: ds.max
# DYNAMIC: %[[SCALE:.*]] = ds.div
# DYNAMIC: ds.clip
# DYNAMIC: ds.round
# DYNAMIC: %[[ZP:.*]] = ds.cast %{{.*}} : (tensor<f32>) -> tensor<ui8>
# DYNAMIC: ds.div %arg0, %[[SCALE]]
# DYNAMIC: return %{{.*}}, %[[SCALE]], %[[ZP]] : tensor<3x4xui8>, tensor<f32>, tensor<ui8>
m = save(out_path(".dynamic.onnx"), [
    helper.make_node("DynamicQuantizeLinear", ["x"], ["y", "s", "z"]),
], [value("x", F, [3, 4])],
   [value("y", U8, [3, 4]), value("s", F, []), value("z", U8, [])], opset=11)
x = rng.standard_normal([3, 4]).astype(np.float32) + 0.7
lo = np.minimum(x.min(), np.float32(0))
hi = np.maximum(x.max(), np.float32(0))
scale = np.float32((hi - lo) / np.float32(255))
zp = np.round(np.clip(np.float32(0) - lo / scale, 0, 255)).astype(np.uint8)
expect(m, {"x": x}, quantize(x / scale, zp, np.uint8), scale, zp)

# MatMulInteger: centered operands in i32, a per-row zero point.
# MMI-LABEL: func.func @main
# MMI: %[[A:.*]] = ds.cast %arg0 : (tensor<3x4xui8>) -> tensor<3x4xi32>
# MMI: %[[AZ:.*]] = ds.unsqueeze %arg2 {axes = array<i64: 1>} : (tensor<3xui8>) -> tensor<3x1xui8>
# MMI: %[[AZI:.*]] = ds.cast %[[AZ]]
# MMI: %[[AC:.*]] = ds.sub %[[A]], %[[AZI]]
# MMI: %[[B:.*]] = ds.cast %arg1 : (tensor<4x2xi8>) -> tensor<4x2xi32>
# MMI: %[[BC:.*]] = ds.sub %[[B]]
# MMI: ds.matmul %[[AC]], %[[BC]] : (tensor<3x4xi32>, tensor<4x2xi32>) -> tensor<3x2xi32>
save(out_path(".matmulinteger.onnx"), [
    helper.make_node("MatMulInteger", ["a", "b", "az", "bz"], ["y"]),
], [value("a", U8, [3, 4]), value("b", I8, [4, 2]), value("az", U8, [3]),
    value("bz", I8, [2])], [value("y", TensorProto.INT32, [3, 2])], opset=10)
# onnxruntime has per-tensor zero points for A only: check the formula with
# one.
m = save(out_path(".matmulinteger-scalar.onnx"), [
    helper.make_node("MatMulInteger", ["a", "b", "az", "bz"], ["y"]),
], [value("a", U8, [3, 4]), value("b", I8, [4, 2]), value("az", U8, []),
    value("bz", I8, [2])], [value("y", TensorProto.INT32, [3, 2])], opset=10)
a = rng.integers(0, 256, [3, 4]).astype(np.uint8)
b = rng.integers(-128, 128, [4, 2]).astype(np.int8)
bz = np.array([-5, 9], np.int8)
expect(m, {"a": a, "b": b, "az": np.uint8(200), "bz": bz},
       (a.astype(np.int32) - 200) @ (b.astype(np.int32) - bz.astype(np.int32)))

# QLinearMatMul: the integer product requantized by a_scale * b_scale / y_scale.
# QLMM-LABEL: func.func @main
# QLMM: %[[ACC:.*]] = ds.matmul %{{.*}}, %{{.*}} : (tensor<2x8xi32>, tensor<8x3xi32>) -> tensor<2x3xi32>
# QLMM: %[[AB:.*]] = ds.mul %arg1, %arg4
# QLMM: %[[M:.*]] = ds.div %[[AB]], %arg6
# QLMM: %[[F:.*]] = ds.cast %[[ACC]] : (tensor<2x3xi32>) -> tensor<2x3xf32>
# QLMM: ds.mul %[[F]], %[[M]]
# QLMM: ds.round
# QLMM: ds.cast %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xui8>
m = save(out_path(".qlinearmatmul.onnx"), [
    helper.make_node("QLinearMatMul",
                     ["a", "as", "az", "b", "bs", "bz", "ys", "yz"], ["y"]),
], [value("a", U8, [2, 8]), value("as", F, []), value("az", U8, []),
    value("b", U8, [8, 3]), value("bs", F, []), value("bz", U8, []),
    value("ys", F, []), value("yz", U8, [])], [value("y", U8, [2, 3])],
   opset=10)
feeds = {"a": rng.integers(0, 256, [2, 8]).astype(np.uint8),
         "as": np.float32(0.02), "az": np.uint8(120),
         "b": rng.integers(0, 256, [8, 3]).astype(np.uint8),
         "bs": np.float32(0.005), "bz": np.uint8(130),
         "ys": np.float32(0.05), "yz": np.uint8(100)}
acc = ((feeds["a"].astype(np.int32) - 120) @ (feeds["b"].astype(np.int32) - 130))
multiplier = np.float32(feeds["as"] * feeds["bs"]) / feeds["ys"]
expect(m, feeds, quantize(acc.astype(np.float32) * multiplier, 100, np.uint8))

# BLOCKED: error: node #0 (op DequantizeLinear, domain ai.onnx, opset 21): blocked quantization (block_size > 0) is not supported
save(out_path(".blocked.onnx"), [
    helper.make_node("DequantizeLinear", ["x", "s"], ["y"], axis=1,
                     block_size=2),
], [value("x", I8, [2, 4]), value("s", F, [2, 2])], [value("y", F, [2, 4])],
   opset=21)

# INT4: error: node #0 (op QuantizeLinear, domain ai.onnx, opset 21): quantization to INT4 is not supported (int8, uint8, int16, uint16, the float8 formats and float4 are)
save(out_path(".int4.onnx"), [
    helper.make_node("QuantizeLinear", ["x", "s"], ["y"],
                     output_dtype=TensorProto.INT4),
], [value("x", F, [4]), value("s", F, [])],
   [value("y", TensorProto.INT4, [4])], opset=21)

# The float8 formats and float4: x / scale + zero point, then one ds.cast
# that rounds (and saturates unless told not to); dequantization in f32.
# FLOAT8-LABEL: func.func @main
# FLOAT8: %[[Q:.*]] = ds.div %arg0, %{{.*}} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
# FLOAT8: %[[ZF:.*]] = ds.cast %{{.*}} : (tensor<2x1xf8E5M2>) -> tensor<2x1xf32>
# FLOAT8: %[[A:.*]] = ds.add %[[Q]], %[[ZF]]
# FLOAT8: ds.cast %[[A]] {saturate = false} : (tensor<2x3xf32>) -> tensor<2x3xf8E5M2>
# FLOAT8: ds.cast %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xf4E2M1FN>
# FLOAT8: %[[X:.*]] = ds.cast %arg3 : (tensor<2x3xf8E4M3FN>) -> tensor<2x3xf32>
# FLOAT8: ds.mul %[[X]], %{{.*}} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
save(out_path(".float8.onnx"), [
    helper.make_node("QuantizeLinear", ["x", "s", "z"], ["y"], axis=0,
                     saturate=0),
    helper.make_node("QuantizeLinear", ["x", "s"], ["y4"], axis=0,
                     output_dtype=TensorProto.FLOAT4E2M1),
    helper.make_node("DequantizeLinear", ["q", "s"], ["d"], axis=0),
], [value("x", F, [2, 3]), value("s", F, [2]),
    value("z", TensorProto.FLOAT8E5M2, [2]),
    value("q", TensorProto.FLOAT8E4M3FN, [2, 3])],
   [value("y", TensorProto.FLOAT8E5M2, [2, 3]),
    value("y4", TensorProto.FLOAT4E2M1, [2, 3]), value("d", F, [2, 3])],
   opset=23)
