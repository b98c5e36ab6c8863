# MatMul and Gemm map onto ds.matmul and ds.gemm. Gemm's transA/transB become
# trans_a/trans_b; C is optional from opset 11 and required before.
# RUN: %python %s %t
# RUN: ds-opt %t.matmul.onnx | FileCheck %s --check-prefix=MATMUL
# RUN: ds-opt %t.gemm.onnx | FileCheck %s --check-prefix=GEMM
# RUN: ds-opt %t.gemm-no-c.onnx | FileCheck %s --check-prefix=GEMM-NO-C
# RUN: ds-opt %t.gemm7.onnx | FileCheck %s --check-prefix=GEMM7
# RUN: not ds-opt %t.gemm9-no-c.onnx 2>&1 | FileCheck %s --check-prefix=GEMM9-NO-C
# RUN: not ds-opt %t.matmul-bad.onnx 2>&1 | FileCheck %s --check-prefix=MATMUL-BAD
from onnx_test_models import *

# MATMUL-LABEL: func.func @main
# MATMUL: ds.matmul %arg0, %arg1 : (tensor<?x1x4x8xf32>, tensor<3x8x16xf32>) -> tensor<?x3x4x16xf32>
# MATMUL: ds.matmul %arg2, %arg1 : (tensor<8xf32>, tensor<3x8x16xf32>) -> tensor<3x16xf32>
save(out_path(".matmul.onnx"), [
    helper.make_node("MatMul", ["a", "b"], ["y"]),
    helper.make_node("MatMul", ["v", "b"], ["z"]),
], [value("a", TensorProto.FLOAT, ["N", 1, 4, 8]),
    value("b", TensorProto.FLOAT, [3, 8, 16]), value("v", TensorProto.FLOAT, [8])],
   [value("y", TensorProto.FLOAT, ["N", 3, 4, 16]),
    value("z", TensorProto.FLOAT, [3, 16])], opset=13)

# GEMM-LABEL: func.func @main
# GEMM: ds.gemm %arg0, %{{.*}}, %{{.*}} {alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, trans_b = true} : (tensor<?x64xf32>, tensor<128x64xf32>, tensor<128xf32>) -> tensor<?x128xf32>
# GEMM: ds.gemm %arg0, %{{.*}} {trans_a = true} : (tensor<?x64xf32>, tensor<?x3xf32>) -> tensor<64x3xf32>
save(out_path(".gemm.onnx"), [
    helper.make_node("Gemm", ["a", "w", "c"], ["y"], alpha=0.5, beta=2.0, transB=1),
    helper.make_node("Gemm", ["a", "m"], ["z"], transA=1),
], [value("a", TensorProto.FLOAT, ["N", 64]), value("m", TensorProto.FLOAT, ["N", 3])],
   [value("y", TensorProto.FLOAT, ["N", 128]), value("z", TensorProto.FLOAT, [64, 3])],
   [tensor("w", np.zeros([128, 64], np.float32)),
    tensor("c", np.zeros([128], np.float32))], opset=21)

# An absent C given as "" is optional too.
# GEMM-NO-C-LABEL: func.func @main
# GEMM-NO-C: ds.gemm %arg0, %arg1 : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
save(out_path(".gemm-no-c.onnx"), [
    helper.make_node("Gemm", ["a", "b", ""], ["y"]),
], [value("a", TensorProto.FLOAT, [2, 3]), value("b", TensorProto.FLOAT, [3, 4])],
   [value("y", TensorProto.FLOAT, [2, 4])], opset=11)

# Opset 7 broadcasts C (a scalar here) unidirectionally, like ds.gemm.
# GEMM7-LABEL: func.func @main
# GEMM7: ds.gemm %arg0, %arg1, %arg2 {trans_a = true, trans_b = true} : (tensor<3x2xf32>, tensor<4x3xf32>, tensor<1xf32>) -> tensor<2x4xf32>
save(out_path(".gemm7.onnx"), [
    helper.make_node("Gemm", ["a", "b", "c"], ["y"], transA=1, transB=1),
], [value("a", TensorProto.FLOAT, [3, 2]), value("b", TensorProto.FLOAT, [4, 3]),
    value("c", TensorProto.FLOAT, [1])],
   [value("y", TensorProto.FLOAT, [2, 4])], opset=7)

# GEMM9-NO-C: error: node #0 'g' (op Gemm, domain ai.onnx, opset 9): input #2 is required but absent
save(out_path(".gemm9-no-c.onnx"), [
    helper.make_node("Gemm", ["a", "b"], ["y"], name="g"),
], [value("a", TensorProto.FLOAT, [2, 3]), value("b", TensorProto.FLOAT, [3, 4])],
   [value("y", TensorProto.FLOAT, [2, 4])], opset=9, check=False)

# MATMUL-BAD: error: node #0 'mm' (op MatMul, domain ai.onnx, opset 13): cannot convert to 'ds.matmul': {{.*}}
save(out_path(".matmul-bad.onnx"), [
    helper.make_node("MatMul", ["a", "b"], ["y"], name="mm"),
], [value("a", TensorProto.FLOAT, [2, 3]), value("b", TensorProto.FLOAT, [4, 5])],
   [value("y", TensorProto.FLOAT, [2, 5])], opset=13, check=False)
