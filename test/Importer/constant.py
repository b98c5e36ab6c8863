# Constant in every form (tensor, sparse, and opset 12's value_float(s) and
# value_int(s)), ConstantOfShape and Range. String constants and nodes
# with no or several values are errors.
# RUN: %python %s %t && ds-opt %t.forms.onnx | FileCheck %s --check-prefix=FORMS
# RUN: ds-opt %t.sparse.onnx | FileCheck %s --check-prefix=SPARSE
# RUN: ds-opt %t.of-shape.onnx | FileCheck %s --check-prefix=OF-SHAPE
# RUN: ds-opt %t.range.onnx | FileCheck %s --check-prefix=RANGE
# RUN: ds-opt %t.range16.onnx | FileCheck %s --check-prefix=RANGE16
# RUN: not ds-opt %t.string.onnx 2>&1 | FileCheck %s --check-prefix=STRING
# RUN: not ds-opt %t.two.onnx 2>&1 | FileCheck %s --check-prefix=TWO
# RUN: not ds-opt %t.stash.onnx 2>&1 | FileCheck %s --check-prefix=STASH
from onnx_test_models import *

# FORMS-LABEL: func.func @main
# FORMS-DAG: ds.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
# FORMS-DAG: ds.constant dense<2.500000e+00> : tensor<f32>
# FORMS-DAG: ds.constant dense<[5.000000e-01, 1.500000e+00]> : tensor<2xf32>
# FORMS-DAG: ds.constant dense<9007199254740993> : tensor<i64>
# FORMS-DAG: ds.constant dense<[3, -4]> : tensor<2xi64>
# FORMS-DAG: ds.constant dense<[1, 0, 1]> : tensor<3xi8>
save(out_path(".forms.onnx"), [
    helper.make_node("Constant", [], ["t"],
                     value=helper.make_tensor("v", TensorProto.FLOAT, [2],
                                              [1.0, 2.0])),
    helper.make_node("Constant", [], ["f"], value_float=2.5),
    helper.make_node("Constant", [], ["fs"], value_floats=[0.5, 1.5]),
    helper.make_node("Constant", [], ["i"], value_int=2**53 + 1),
    helper.make_node("Constant", [], ["is"], value_ints=[3, -4]),
    helper.make_node("Constant", [], ["b"],
                     value=helper.make_tensor("v", TensorProto.INT8, [3],
                                              [1, 0, 1])),
], [], [value("t", TensorProto.FLOAT, [2]), value("f", TensorProto.FLOAT, []),
        value("fs", TensorProto.FLOAT, [2]), value("i", TensorProto.INT64, []),
        value("is", TensorProto.INT64, [2]), value("b", TensorProto.INT8, [3])],
   opset=13)

# A sparse value is densified (opset 11).
# SPARSE: ds.constant dense<[0.000000e+00, 7.000000e+00, 0.000000e+00, 9.000000e+00]> : tensor<4xf32>
sparse = helper.make_sparse_tensor(
    helper.make_tensor("vals", TensorProto.FLOAT, [2], [7.0, 9.0]),
    helper.make_tensor("idx", TensorProto.INT64, [2], [1, 3]), [4])
save(out_path(".sparse.onnx"),
     [helper.make_node("Constant", [], ["y"], sparse_value=sparse)], [],
     [value("y", TensorProto.FLOAT, [4])], opset=11)

# The fill value keeps its type; without one it is 0.0 : f32. A constant
# shape gives a static result.
# OF-SHAPE-LABEL: func.func @main
# OF-SHAPE-DAG: ds.constant_of_shape %arg0 {value = dense<3> : tensor<1xi32>} : (tensor<2xi64>) -> tensor<?x?xi32>
# OF-SHAPE-DAG: %[[S:.*]] = ds.constant dense<[2, 3]> : tensor<2xi64>
# OF-SHAPE: ds.constant_of_shape %[[S]] : (tensor<2xi64>) -> tensor<2x3xf32>
save(out_path(".of-shape.onnx"), [
    helper.make_node("ConstantOfShape", ["s"], ["y"],
                     value=helper.make_tensor("v", TensorProto.INT32, [1], [3])),
    helper.make_node("ConstantOfShape", ["c"], ["z"]),
], [value("s", TensorProto.INT64, [2])],
   [value("y", TensorProto.INT32, [None, None]),
    value("z", TensorProto.FLOAT, [2, 3])],
   [tensor("c", np.array([2, 3], np.int64))], opset=9)

# RANGE-LABEL: func.func @main
# RANGE: ds.range %arg0, %arg1, %arg2 : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
save(out_path(".range.onnx"), [
    helper.make_node("Range", ["a", "b", "c"], ["y"]),
], [value("a", TensorProto.INT64, []), value("b", TensorProto.INT64, []),
    value("c", TensorProto.INT64, [])], [value("y", TensorProto.INT64, [None])],
   opset=11)

# float16 ranges (opset 27) are computed in f32 (stash_type 1, the default).
# RANGE16-LABEL: func.func @main
# RANGE16-DAG: %[[A:.*]] = ds.cast %arg0 : (tensor<f16>) -> tensor<f32>
# RANGE16-DAG: %[[B:.*]] = ds.cast %arg1 : (tensor<f16>) -> tensor<f32>
# RANGE16-DAG: %[[C:.*]] = ds.cast %arg2 : (tensor<f16>) -> tensor<f32>
# RANGE16: %[[R:.*]] = ds.range %[[A]], %[[B]], %[[C]] : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?xf32>
# RANGE16: ds.cast %[[R]] : (tensor<?xf32>) -> tensor<?xf16>
half = [value(n, TensorProto.FLOAT16, []) for n in "abc"]
save(out_path(".range16.onnx"),
     [helper.make_node("Range", ["a", "b", "c"], ["y"])], half,
     [value("y", TensorProto.FLOAT16, [None])], opset=27)

# STASH: stash.onnx: error: node #0 (op Range, domain ai.onnx, opset 27): stash_type 0 is not supported: ds computes 16-bit ranges in float32 (stash_type 1)
save(out_path(".stash.onnx"),
     [helper.make_node("Range", ["a", "b", "c"], ["y"], stash_type=0)], half,
     [value("y", TensorProto.FLOAT16, [None])], opset=27)

# STRING: string.onnx: error: node #0 's' (op Constant, domain ai.onnx, opset 13): string constants are not supported: ds has no string element type
save(out_path(".string.onnx"),
     [helper.make_node("Constant", [], ["y"], value_string="hi", name="s")],
     [], [value("y", TensorProto.STRING, [])], opset=13)

# TWO: two.onnx: error: node #0 (op Constant, domain ai.onnx, opset 13): needs exactly one of the attributes value, sparse_value, value_float, value_floats, value_int, value_ints, value_string, value_strings; got 2
save(out_path(".two.onnx"),
     [helper.make_node("Constant", [], ["y"], value_int=1, value_float=1.0)],
     [], [value("y", TensorProto.INT64, [])], opset=13, check=False)
