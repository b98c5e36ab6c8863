# RandomNormal, RandomUniform, their *Like forms, Bernoulli and Multinomial.
# ONNX's integer dtype becomes the ds type attribute `dtype` (dropped on the
# *Like ops and Bernoulli when it is the input's element type); bfloat16
# results need opset 22 (Bernoulli: 15).
# RUN: %python %s %t && ds-opt %t.random21.onnx | FileCheck %s --check-prefix=R21
# RUN: ds-opt %t.random22.onnx | FileCheck %s --check-prefix=R22
# RUN: ds-opt %t.random1.onnx | FileCheck %s --check-prefix=R1
# RUN: not ds-opt %t.bf16-21.onnx 2>&1 | FileCheck %s --check-prefix=BF16-21
# RUN: not ds-opt %t.int-uniform.onnx 2>&1 | FileCheck %s --check-prefix=INT-UNIFORM
# RUN: not ds-opt %t.float-multinomial.onnx 2>&1 | FileCheck %s --check-prefix=FLOAT-MULTINOMIAL
# RUN: not ds-opt %t.no-shape.onnx 2>&1 | FileCheck %s --check-prefix=NO-SHAPE
# RUN: not ds-opt %t.bad-bounds.onnx 2>&1 | FileCheck %s --check-prefix=BAD-BOUNDS
# RUN: not ds-opt %t.int-like.onnx 2>&1 | FileCheck %s --check-prefix=INT-LIKE
from onnx_test_models import *

F, D, H, I32, I64, B = (TensorProto.FLOAT, TensorProto.DOUBLE,
                        TensorProto.FLOAT16, TensorProto.INT32,
                        TensorProto.INT64, TensorProto.BOOL)
xi = value("xi", I64, ["N", 8])
xf = value("xf", F, ["N", 8])
logits = value("l", F, ["N", 10])

# R21-LABEL: func.func @main
# R21: ds.random_normal {dtype = f32, scale = 2.000000e+00 : f32, seed = 1.000000e+00 : f32, shape = array<i64: 2, 3>} : () -> tensor<2x3xf32>
# R21: ds.random_uniform {dtype = f64, low = -1.000000e+00 : f32, shape = array<i64: 4>} : () -> tensor<4xf64>
# R21: ds.random_normal_like %arg0 {dtype = f16} : (tensor<?x8xi64>) -> tensor<?x8xf16>
# R21: ds.random_uniform_like %arg1 {high = 5.000000e+00 : f32} : (tensor<?x8xf32>) -> tensor<?x8xf32>
# R21: ds.bernoulli %arg1 {dtype = i1} : (tensor<?x8xf32>) -> tensor<?x8xi1>
# R21: ds.bernoulli %arg1 : (tensor<?x8xf32>) -> tensor<?x8xf32>
# R21: ds.multinomial %arg2 {dtype = i32, sample_size = 3 : i64} : (tensor<?x10xf32>) -> tensor<?x3xi32>
# R21: ds.multinomial %arg2 {dtype = i64, seed = 5.000000e+00 : f32} : (tensor<?x10xf32>) -> tensor<?x1xi64>
save(out_path(".random21.onnx"), [
    helper.make_node("RandomNormal", [], ["n"], shape=[2, 3], scale=2.0,
                     seed=1.0),
    helper.make_node("RandomUniform", [], ["u"], shape=[4], dtype=D, low=-1.0,
                     high=1.0),
    helper.make_node("RandomNormalLike", ["xi"], ["nl"], dtype=H),
    helper.make_node("RandomUniformLike", ["xf"], ["ul"], dtype=F, high=5.0),
    helper.make_node("Bernoulli", ["xf"], ["b"], dtype=B),
    helper.make_node("Bernoulli", ["xf"], ["bf"]),
    helper.make_node("Multinomial", ["l"], ["m"], sample_size=3),
    helper.make_node("Multinomial", ["l"], ["m64"], dtype=I64, seed=5.0),
], [xi, xf, logits],
   [value("n", F, [2, 3]), value("u", D, [4]), value("nl", H, ["N", 8]),
    value("ul", F, ["N", 8]), value("b", B, ["N", 8]),
    value("bf", F, ["N", 8]), value("m", I32, ["N", 3]),
    value("m64", I64, ["N", 1])], opset=21)

# bfloat16 since opset 22.
# R22-LABEL: func.func @main
# R22: ds.random_normal {dtype = bf16, shape = array<i64: 2>} : () -> tensor<2xbf16>
# R22: ds.random_uniform_like %arg0 {dtype = bf16} : (tensor<?x8xf32>) -> tensor<?x8xbf16>
save(out_path(".random22.onnx"), [
    helper.make_node("RandomNormal", [], ["n"], shape=[2],
                     dtype=TensorProto.BFLOAT16),
    helper.make_node("RandomUniformLike", ["xf"], ["u"],
                     dtype=TensorProto.BFLOAT16),
], [xf], [value("n", TensorProto.BFLOAT16, [2]),
          value("u", TensorProto.BFLOAT16, ["N", 8])], opset=22)

# Opset 7, the first of Multinomial: the same attributes.
# R1-LABEL: func.func @main
# R1: ds.random_uniform {dtype = f32, shape = array<i64: 3>} : () -> tensor<3xf32>
# R1: ds.multinomial %arg0 {dtype = i32, sample_size = 2 : i64} : (tensor<?x10xf32>) -> tensor<?x2xi32>
save(out_path(".random1.onnx"), [
    helper.make_node("RandomUniform", [], ["u"], shape=[3]),
    helper.make_node("Multinomial", ["l"], ["m"], sample_size=2),
], [logits], [value("u", F, [3]), value("m", I32, ["N", 2])], opset=7)

# BF16-21: bf16-21.onnx: error: node #0 (op RandomNormal, domain ai.onnx, opset 21): dtype BFLOAT16 needs opset 22 or later
save(out_path(".bf16-21.onnx"), [
    helper.make_node("RandomNormal", [], ["n"], shape=[2],
                     dtype=TensorProto.BFLOAT16),
], [], [value("n", TensorProto.BFLOAT16, [2])], opset=21, check=False)

# INT-UNIFORM: int-uniform.onnx: error: node #0 (op RandomUniform, domain ai.onnx, opset 21): dtype INT32 is not supported: the op generates floating-point values (float16, bfloat16, float or double)
save(out_path(".int-uniform.onnx"), [
    helper.make_node("RandomUniform", [], ["u"], shape=[2], dtype=I32),
], [], [value("u", I32, [2])], opset=21, check=False)

# FLOAT-MULTINOMIAL: float-multinomial.onnx: error: node #0 (op Multinomial, domain ai.onnx, opset 21): dtype FLOAT is not supported: Multinomial generates int32 or int64 values
save(out_path(".float-multinomial.onnx"), [
    helper.make_node("Multinomial", ["l"], ["m"], dtype=F),
], [logits], [value("m", F, ["N", 1])], opset=21, check=False)

# NO-SHAPE: no-shape.onnx: error: node #0 (op RandomNormal, domain ai.onnx, opset 21): attribute 'shape' is required
save(out_path(".no-shape.onnx"), [
    helper.make_node("RandomNormal", [], ["n"]),
], [], [value("n", F, [2])], opset=21, check=False)

# BAD-BOUNDS: bad-bounds.onnx: error: node #0 (op RandomUniform, domain ai.onnx, opset 21): cannot convert to 'ds.random_uniform': {{.*}}low (2.000000e+00) must not exceed high (1.000000e+00)
save(out_path(".bad-bounds.onnx"), [
    helper.make_node("RandomUniform", [], ["u"], shape=[2], low=2.0),
], [], [value("u", F, [2])], opset=21)

# INT-LIKE: int-like.onnx: error: node #0 (op RandomNormalLike, domain ai.onnx, opset 21): cannot convert to 'ds.random_normal_like': {{.*}}dtype is required when the input's element type 'i64' is not floating-point
save(out_path(".int-like.onnx"), [
    helper.make_node("RandomNormalLike", ["xi"], ["n"]),
], [xi], [value("n", F, ["N", 8])], opset=21, check=False)
