# Convolutions and pools map onto the ds ops of the same names with their
# window attributes; auto_pad is kept as given. Attributes a pool defines
# only from a later opset are errors on older nodes.
# RUN: %python %s %t
# RUN: ds-opt %t.conv.onnx | FileCheck %s --check-prefix=CONV
# RUN: ds-opt %t.conv-transpose.onnx | FileCheck %s --check-prefix=CONVT
# RUN: ds-opt %t.maxpool.onnx | FileCheck %s --check-prefix=MAXPOOL
# RUN: ds-opt %t.maxpool8.onnx | FileCheck %s --check-prefix=MAXPOOL8
# RUN: ds-opt %t.avgpool.onnx | FileCheck %s --check-prefix=AVGPOOL
# RUN: ds-opt %t.lppool.onnx | FileCheck %s --check-prefix=LPPOOL
# RUN: ds-opt %t.global.onnx | FileCheck %s --check-prefix=GLOBAL
# RUN: not ds-opt %t.error-auto-pad.onnx 2>&1 | FileCheck %s --check-prefix=AUTO-PAD
# RUN: not ds-opt %t.error-pads.onnx 2>&1 | FileCheck %s --check-prefix=PADS
# RUN: not ds-opt %t.error-kernel.onnx 2>&1 | FileCheck %s --check-prefix=KERNEL
# RUN: not ds-opt %t.error-dilations.onnx 2>&1 | FileCheck %s --check-prefix=DILATIONS
# RUN: not ds-opt %t.error-order.onnx 2>&1 | FileCheck %s --check-prefix=ORDER
# RUN: not ds-opt %t.error-p.onnx 2>&1 | FileCheck %s --check-prefix=P
# RUN: not ds-opt %t.error-ceil.onnx 2>&1 | FileCheck %s --check-prefix=CEIL
from onnx_test_models import *

# CONV-LABEL: func.func @main
# CONV: ds.conv %arg0, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 2>, group = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 2, 1, 2>, strides = array<i64: 2, 2>} : (tensor<?x4x16x16xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<?x8x8x8xf32>
# CONV: ds.conv %arg0, %{{.*}} {auto_pad = "SAME_UPPER", strides = array<i64: 2, 2>} : (tensor<?x4x16x16xf32>, tensor<6x4x2x2xf32>) -> tensor<?x6x8x8xf32>
# CONV: ds.conv %arg0, %{{.*}} {auto_pad = "VALID"} : (tensor<?x4x16x16xf32>, tensor<6x4x2x2xf32>) -> tensor<?x6x15x15xf32>
save(out_path(".conv.onnx"), [
    helper.make_node("Conv", ["x", "w", "b"], ["y"], kernel_shape=[3, 3],
                     strides=[2, 2], pads=[1, 2, 1, 2], dilations=[1, 2], group=2),
    helper.make_node("Conv", ["x", "w2"], ["z"], auto_pad="SAME_UPPER", strides=[2, 2]),
    # Zero pads beside auto_pad are redundant and dropped.
    helper.make_node("Conv", ["x", "w2", ""], ["v"], auto_pad="VALID", pads=[0, 0, 0, 0]),
], [value("x", TensorProto.FLOAT, ["N", 4, 16, 16])],
   [value("y", TensorProto.FLOAT, ["N", 8, 8, 8]), value("z", TensorProto.FLOAT, ["N", 6, 8, 8]),
    value("v", TensorProto.FLOAT, ["N", 6, 15, 15])],
   [tensor("w", np.zeros([8, 2, 3, 3], np.float32)), tensor("b", np.zeros([8], np.float32)),
    tensor("w2", np.zeros([6, 4, 2, 2], np.float32))], opset=11)

# CONVT-LABEL: func.func @main
# CONVT: ds.conv_transpose %arg0, %{{.*}}, %{{.*}} {output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x10x10xf32>
# CONVT: ds.conv_transpose %arg0, %{{.*}} {auto_pad = "SAME_LOWER", output_shape = array<i64: 10, 10>, strides = array<i64: 2, 2>} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x10x10xf32>
save(out_path(".conv-transpose.onnx"), [
    helper.make_node("ConvTranspose", ["x", "w", "b"], ["y"], strides=[2, 2],
                     pads=[1, 1, 1, 1], output_padding=[1, 1]),
    helper.make_node("ConvTranspose", ["x", "w"], ["z"], strides=[2, 2],
                     output_shape=[10, 10], auto_pad="SAME_LOWER"),
], [value("x", TensorProto.FLOAT, [1, 4, 5, 5])],
   [value("y", TensorProto.FLOAT, [1, 3, 10, 10]), value("z", TensorProto.FLOAT, [1, 3, 10, 10])],
   [tensor("w", np.zeros([4, 3, 3, 3], np.float32)), tensor("b", np.zeros([3], np.float32))],
   opset=22)

# MAXPOOL-LABEL: func.func @main
# MAXPOOL: %{{.*}}, %{{.*}} = ds.max_pool %arg0 {ceil_mode = true, dilations = array<i64: 2, 2>, kernel_shape = array<i64: 2, 2>, storage_order = 1 : i64, strides = array<i64: 2, 2>} : (tensor<1x3x9x9xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>)
# MAXPOOL: ds.max_pool %arg0 {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x9x9xf32>) -> tensor<1x3x9x9xf32>
save(out_path(".maxpool.onnx"), [
    helper.make_node("MaxPool", ["x"], ["y", "i"], kernel_shape=[2, 2], strides=[2, 2],
                     dilations=[2, 2], ceil_mode=1, storage_order=1),
    helper.make_node("MaxPool", ["x"], ["z", ""], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
], [value("x", TensorProto.FLOAT, [1, 3, 9, 9])],
   [value("y", TensorProto.FLOAT, [1, 3, 4, 4]), value("i", TensorProto.INT64, [1, 3, 4, 4]),
    value("z", TensorProto.FLOAT, [1, 3, 9, 9])], opset=12)

# Indices exist from opset 8; opset 7 has only Y.
# MAXPOOL8-LABEL: func.func @main
# MAXPOOL8: %{{.*}}, %{{.*}} = ds.max_pool %arg0 {kernel_shape = array<i64: 2>} : (tensor<2x3x8xf32>) -> (tensor<2x3x7xf32>, tensor<2x3x7xi64>)
save(out_path(".maxpool8.onnx"), [
    helper.make_node("MaxPool", ["x"], ["y", "i"], kernel_shape=[2]),
], [value("x", TensorProto.FLOAT, [2, 3, 8])],
   [value("y", TensorProto.FLOAT, [2, 3, 7]), value("i", TensorProto.INT64, [2, 3, 7])],
   opset=8)

# AVGPOOL-LABEL: func.func @main
# AVGPOOL: ds.average_pool %arg0 {count_include_pad = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x3x8x8xf32>) -> tensor<?x3x4x4xf32>
# AVGPOOL: ds.average_pool %arg0 {auto_pad = "SAME_LOWER", kernel_shape = array<i64: 2, 2>} : (tensor<?x3x8x8xf32>) -> tensor<?x3x8x8xf32>
save(out_path(".avgpool.onnx"), [
    helper.make_node("AveragePool", ["x"], ["y"], kernel_shape=[3, 3], strides=[2, 2],
                     pads=[1, 1, 1, 1], count_include_pad=1),
    helper.make_node("AveragePool", ["x"], ["z"], kernel_shape=[2, 2], auto_pad="SAME_LOWER"),
], [value("x", TensorProto.FLOAT, ["N", 3, 8, 8])],
   [value("y", TensorProto.FLOAT, ["N", 3, 4, 4]), value("z", TensorProto.FLOAT, ["N", 3, 8, 8])],
   opset=7)

# LPPOOL-LABEL: func.func @main
# LPPOOL: ds.lp_pool %arg0 {kernel_shape = array<i64: 3>, p = 3 : i64} : (tensor<2x8x10xf32>) -> tensor<2x8x8xf32>
# LPPOOL: ds.average_pool %arg0 {ceil_mode = true, dilations = array<i64: 2>, kernel_shape = array<i64: 2>, strides = array<i64: 3>} : (tensor<2x8x10xf32>) -> tensor<2x8x4xf32>
# LPPOOL: ds.lp_pool %arg0 {ceil_mode = true, dilations = array<i64: 2>, kernel_shape = array<i64: 2>, strides = array<i64: 3>} : (tensor<2x8x10xf32>) -> tensor<2x8x4xf32>
save(out_path(".lppool.onnx"), [
    helper.make_node("LpPool", ["x"], ["y"], kernel_shape=[3], p=3),
    helper.make_node("AveragePool", ["x"], ["a"], kernel_shape=[2], strides=[3],
                     dilations=[2], ceil_mode=1),
    helper.make_node("LpPool", ["x"], ["z"], kernel_shape=[2], strides=[3],
                     dilations=[2], ceil_mode=1),
], [value("x", TensorProto.FLOAT, [2, 8, 10])],
   [value("y", TensorProto.FLOAT, [2, 8, 8]), value("a", TensorProto.FLOAT, [2, 8, 4]),
    value("z", TensorProto.FLOAT, [2, 8, 4])], opset=19)

# GLOBAL-LABEL: func.func @main
# GLOBAL: ds.global_max_pool %arg0 : (tensor<?x5x7x7xf32>) -> tensor<?x5x1x1xf32>
# GLOBAL: ds.global_average_pool %arg0 : (tensor<?x5x7x7xf32>) -> tensor<?x5x1x1xf32>
# GLOBAL: ds.global_lp_pool %arg0 : (tensor<?x5x7x7xf32>) -> tensor<?x5x1x1xf32>
# GLOBAL: ds.global_lp_pool %arg0 {p = 1 : i64} : (tensor<?x5x7x7xf32>) -> tensor<?x5x1x1xf32>
save(out_path(".global.onnx"), [
    helper.make_node("GlobalMaxPool", ["x"], ["a"]),
    helper.make_node("GlobalAveragePool", ["x"], ["b"]),
    helper.make_node("GlobalLpPool", ["x"], ["c"]),
    helper.make_node("GlobalLpPool", ["x"], ["d"], p=1),
], [value("x", TensorProto.FLOAT, ["N", 5, 7, 7])],
   [value(n, TensorProto.FLOAT, ["N", 5, 1, 1]) for n in "abcd"], opset=9)

# Bad attributes are errors at the node, one model each.
# AUTO-PAD: error: node #0 'n' (op Conv, domain ai.onnx, opset 10): unsupported auto_pad 'SAME' (expected NOTSET, SAME_UPPER, SAME_LOWER or VALID)
# PADS: error: node #0 'n' (op Conv, domain ai.onnx, opset 10): attribute 'pads' may not be given with auto_pad SAME_UPPER
# KERNEL: error: node #0 'n' (op MaxPool, domain ai.onnx, opset 10): attribute 'kernel_shape' is required
# DILATIONS: error: node #0 'n' (op AveragePool, domain ai.onnx, opset 10): attribute 'dilations' is not defined before opset 19
# ORDER: error: node #0 'n' (op MaxPool, domain ai.onnx, opset 10): unsupported storage_order 2 (expected 0 for row-major or 1 for column-major)
# P: error: node #0 'n' (op LpPool, domain ai.onnx, opset 10): attribute 'p' must be positive, got 0
# CEIL: error: node #0 'n' (op LpPool, domain ai.onnx, opset 10): attribute 'ceil_mode' is not defined before opset 18
errors = {
    "auto-pad": ("Conv", ["x", "w"], dict(auto_pad="SAME")),
    "pads": ("Conv", ["x", "w"], dict(auto_pad="SAME_UPPER", pads=[1, 1, 0, 0])),
    "kernel": ("MaxPool", ["x"], {}),
    "dilations": ("AveragePool", ["x"], dict(kernel_shape=[2, 2], dilations=[2, 2])),
    "order": ("MaxPool", ["x"], dict(kernel_shape=[2, 2], storage_order=2)),
    "p": ("LpPool", ["x"], dict(kernel_shape=[2, 2], p=0)),
    "ceil": ("LpPool", ["x"], dict(kernel_shape=[2, 2], ceil_mode=1)),
}
for name, (op, inputs, attrs) in errors.items():
    save(out_path(".error-%s.onnx" % name),
         [helper.make_node(op, inputs, ["y"], name="n", **attrs)],
         [value("x", TensorProto.FLOAT, [1, 2, 6, 6])], [value("y", TensorProto.FLOAT, None)],
         [tensor("w", np.zeros([2, 2, 1, 1], np.float32))], opset=10, check=False)
