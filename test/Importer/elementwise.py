# Elementwise ONNX ops map onto ds ops; opset differences are normalized
# (Clip bounds as attributes before opset 11, as inputs since).
# RUN: %python %s %t && ds-opt %t.unary.onnx | FileCheck %s --check-prefix=UNARY
# RUN: ds-opt %t.clip9.onnx | FileCheck %s --check-prefix=CLIP9
# RUN: ds-opt %t.variadic.onnx | FileCheck %s --check-prefix=VARIADIC
# RUN: ds-opt %t.cast.onnx | FileCheck %s --check-prefix=CAST
# RUN: ds-opt %t.lowp.onnx | FileCheck %s --check-prefix=LOWP
# RUN: not ds-opt %t.round.onnx 2>&1 | FileCheck %s --check-prefix=ROUND
from onnx_test_models import *

# UNARY-LABEL: func.func @main(%arg0: tensor<?x4xf32> {ds.dim_names = ["N", ""], ds.name = "x"})
# UNARY: ds.add %arg0, %{{.*}} : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
# UNARY: ds.relu
# UNARY: ds.leaky_relu %{{.*}} {alpha = 2.000000e-01 : f32}
# UNARY: ds.gelu %{{.*}} {approximate = "tanh"}
# UNARY: ds.hard_sigmoid %{{.*}} : (tensor<?x4xf32>) -> tensor<?x4xf32>
# UNARY: ds.is_inf %{{.*}} {detect_negative = false} : (tensor<?x4xf32>) -> tensor<?x4xi1>
# UNARY: ds.where
save(out_path(".unary.onnx"), [
    helper.make_node("Add", ["x", "w"], ["a"]),
    helper.make_node("Relu", ["a"], ["r"]),
    helper.make_node("LeakyRelu", ["r"], ["l"], alpha=0.2),
    helper.make_node("Gelu", ["l"], ["g"], approximate="tanh"),
    helper.make_node("HardSigmoid", ["g"], ["h"]),
    helper.make_node("IsInf", ["h"], ["inf"], detect_negative=0),
    helper.make_node("Where", ["inf", "x", "h"], ["y"]),
], [value("x", TensorProto.FLOAT, ["N", 4])],
   [value("y", TensorProto.FLOAT, ["N", 4])],
   [tensor("w", np.arange(4, dtype=np.float32))], opset=21)

# CLIP9-LABEL: func.func @main
# CLIP9-DAG: %[[LO:.*]] = ds.constant dense<0.000000e+00> : tensor<f32>
# CLIP9-DAG: %[[HI:.*]] = ds.constant dense<6.000000e+00> : tensor<f32>
# CLIP9: ds.clip %arg0 min %[[LO]] max %[[HI]]
save(out_path(".clip9.onnx"), [
    helper.make_node("Clip", ["x"], ["y"], min=0.0, max=6.0),
], [value("x", TensorProto.FLOAT, [2, 3])],
   [value("y", TensorProto.FLOAT, [2, 3])], opset=9)

# Sum, Max and Mean of three inputs fold left; Mean divides by the count.
# VARIADIC-LABEL: func.func @main
# VARIADIC: %[[S0:.*]] = ds.add %arg0, %arg1 : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
# VARIADIC: %[[S1:.*]] = ds.add %[[S0]], %arg2
# VARIADIC: %[[M0:.*]] = ds.max %arg0, %arg1
# VARIADIC: ds.max %[[M0]], %arg2
# VARIADIC: %[[N:.*]] = ds.constant dense<3.000000e+00> : tensor<f32>
# VARIADIC: ds.div %{{.*}}, %[[N]]
save(out_path(".variadic.onnx"), [
    helper.make_node("Sum", ["a", "b", "c"], ["s"]),
    helper.make_node("Max", ["a", "b", "c"], ["m"]),
    helper.make_node("Mean", ["a", "b", "c"], ["avg"]),
], [value("a", TensorProto.FLOAT, [2, 1]), value("b", TensorProto.FLOAT, [3]),
    value("c", TensorProto.FLOAT, [1])],
   [value("s", TensorProto.FLOAT, [2, 3]), value("m", TensorProto.FLOAT, [2, 3]),
    value("avg", TensorProto.FLOAT, [2, 3])])

# CAST-LABEL: func.func @main
# CAST: ds.cast %arg0 : (tensor<?xf32>) -> tensor<?xf16>
# CAST: ds.cast %arg0 : (tensor<?xf32>) -> tensor<?xi64>
# CAST: ds.cast %arg0 : (tensor<?xf32>) -> tensor<?xui8>
save(out_path(".cast.onnx"), [
    helper.make_node("Cast", ["x"], ["h"], to=TensorProto.FLOAT16),
    helper.make_node("CastLike", ["x", "i"], ["l"]),
    helper.make_node("Cast", ["x"], ["u"], to=TensorProto.UINT8),
], [value("x", TensorProto.FLOAT, ["n"]), value("i", TensorProto.INT64, [1])],
   [value("h", TensorProto.FLOAT16, ["n"]), value("l", TensorProto.INT64, ["n"]),
    value("u", TensorProto.UINT8, ["n"])])

# The float8, float4 and e8m0 types: Cast's saturate (opset 19 on) and
# round_mode (opset 24 on) reach ds.cast when they are not the defaults;
# initializers in raw_data and int32_data, float4 packed two to a byte.
# LOWP-LABEL: func.func @main
# LOWP-SAME: tensor<?xf8E4M3FNUZ>
# LOWP-SAME: tensor<3xf4E2M1FN>
# LOWP-DAG: ds.constant dense<[4.480000e+02, -2.000000e+00, 0.000000e+00]> : tensor<3xf8E4M3FN>
# LOWP-DAG: ds.constant dense<[5.000000e-01, -6.000000e+00, 1.500000e+00]> : tensor<3xf4E2M1FN>
# LOWP-DAG: ds.constant dense<[1.000000e+00, -3.000000e+00, 0.000000e+00]> : tensor<3xf4E2M1FN>
# LOWP-DAG: ds.constant dense<[1.250000e-01, 5.734400e+04]> : tensor<2xf8E5M2>
# LOWP-DAG: ds.cast %arg0 : (tensor<?xf32>) -> tensor<?xf8E4M3FN>
# LOWP-DAG: ds.cast %arg0 {saturate = false} : (tensor<?xf32>) -> tensor<?xf8E5M2>
# LOWP-DAG: ds.cast %arg0 {round_mode = "nearest", saturate = false} : (tensor<?xf32>) -> tensor<?xf8E8M0FNU>
# LOWP-DAG: ds.cast %arg1 : (tensor<?xf8E4M3FNUZ>) -> tensor<?xf16>
# LOWP-DAG: ds.cast %arg0 : (tensor<?xf32>) -> tensor<?xf4E2M1FN>
import ml_dtypes  # noqa: E402

e4 = np.array([448, -2, 0], np.float32).astype(ml_dtypes.float8_e4m3fn)
f4 = np.array([0.5, -6, 1.5], np.float32).astype(ml_dtypes.float4_e2m1fn)
save(out_path(".lowp.onnx"), [
    helper.make_node("Cast", ["x"], ["a"], to=TensorProto.FLOAT8E4M3FN),
    helper.make_node("Cast", ["x"], ["b"], to=TensorProto.FLOAT8E5M2,
                     saturate=0),
    helper.make_node("Cast", ["x"], ["c"], to=TensorProto.FLOAT8E8M0,
                     saturate=0, round_mode="nearest"),
    helper.make_node("Cast", ["u"], ["d"], to=TensorProto.FLOAT16),
    helper.make_node("CastLike", ["x", "f"], ["e"]),
    helper.make_node("Identity", ["k8"], ["k8_out"]),
    helper.make_node("Identity", ["k4"], ["k4_out"]),
    helper.make_node("Identity", ["k4i"], ["k4i_out"]),
    helper.make_node("Identity", ["k5i"], ["k5i_out"]),
], [value("x", TensorProto.FLOAT, ["n"]),
    value("u", TensorProto.FLOAT8E4M3FNUZ, ["n"]),
    value("f", TensorProto.FLOAT4E2M1, [3])],
   [value("a", TensorProto.FLOAT8E4M3FN, ["n"]),
    value("b", TensorProto.FLOAT8E5M2, ["n"]),
    value("c", TensorProto.FLOAT8E8M0, ["n"]),
    value("d", TensorProto.FLOAT16, ["n"]),
    value("e", TensorProto.FLOAT4E2M1, ["n"]),
    value("k8_out", TensorProto.FLOAT8E4M3FN, [3]),
    value("k4_out", TensorProto.FLOAT4E2M1, [3]),
    value("k4i_out", TensorProto.FLOAT4E2M1, [3]),
    value("k5i_out", TensorProto.FLOAT8E5M2, [2])],
   initializers=[
       numpy_helper.from_array(e4, "k8"),
       numpy_helper.from_array(f4, "k4"),
       helper.make_tensor("k4i", TensorProto.FLOAT4E2M1, [3], [1, -3, 0]),
       helper.make_tensor("k5i", TensorProto.FLOAT8E5M2, [2], [0.125, 57344]),
   ], opset=25)

# ROUND: error: node #0 (op Cast, domain ai.onnx, opset 25): round_mode must be 'up', 'down' or 'nearest', got 'even'
save(out_path(".round.onnx"), [
    helper.make_node("Cast", ["x"], ["y"], to=TensorProto.FLOAT8E8M0,
                     round_mode="even"),
], [value("x", TensorProto.FLOAT, [2])],
   [value("y", TensorProto.FLOAT8E8M0, [2])], opset=25, check=False)
