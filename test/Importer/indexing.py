# Gathers, scatters, Resize and Upsample: ONNX attributes map onto the ds
# ops' attributes; opset differences are normalized (GatherND batch_dims
# from 12, scatter reductions from 16 and 18, Resize's empty placeholder
# inputs dropped, Upsample and Resize-10 as asymmetric ds.resize).
# RUN: %python %s %t && ds-opt %t.gather.onnx | FileCheck %s --check-prefix=GATHER
# RUN: ds-opt %t.gathernd11.onnx | FileCheck %s --check-prefix=GATHERND11
# RUN: ds-opt %t.scatter.onnx | FileCheck %s --check-prefix=SCATTER
# RUN: ds-opt %t.scatter11.onnx | FileCheck %s --check-prefix=SCATTER11
# RUN: ds-opt %t.scatter9.onnx | FileCheck %s --check-prefix=SCATTER9
# RUN: ds-opt %t.upsample7.onnx | FileCheck %s --check-prefix=UPSAMPLE7
# RUN: ds-opt %t.upsample9.onnx | FileCheck %s --check-prefix=UPSAMPLE9
# RUN: ds-opt %t.resize10.onnx | FileCheck %s --check-prefix=RESIZE10
# RUN: ds-opt %t.resize11.onnx | FileCheck %s --check-prefix=RESIZE11
# RUN: ds-opt %t.resize13.onnx | FileCheck %s --check-prefix=RESIZE13
# RUN: ds-opt %t.resize19.onnx | FileCheck %s --check-prefix=RESIZE19
# RUN: not ds-opt %t.bad-reduction.onnx 2>&1 | FileCheck %s --check-prefix=BAD-REDUCTION
# RUN: not ds-opt %t.bad-batch-dims.onnx 2>&1 | FileCheck %s --check-prefix=BAD-BATCH-DIMS
# RUN: not ds-opt %t.bad-mode.onnx 2>&1 | FileCheck %s --check-prefix=BAD-MODE
# RUN: not ds-opt %t.bad-transform.onnx 2>&1 | FileCheck %s --check-prefix=BAD-TRANSFORM
# RUN: not ds-opt %t.bad-symmetric.onnx 2>&1 | FileCheck %s --check-prefix=BAD-SYMMETRIC
# RUN: not ds-opt %t.both.onnx 2>&1 | FileCheck %s --check-prefix=BOTH
# RUN: not ds-opt %t.neither.onnx 2>&1 | FileCheck %s --check-prefix=NEITHER
# RUN: not ds-opt %t.bad-upsample.onnx 2>&1 | FileCheck %s --check-prefix=BAD-UPSAMPLE
from onnx_test_models import *

F, I64 = TensorProto.FLOAT, TensorProto.INT64

# GATHER-LABEL: func.func @main
# GATHER: ds.gather %arg0, %arg1 {axis = 1 : i64} : (tensor<2x5x3xf32>, tensor<4xi64>) -> tensor<2x4x3xf32>
# GATHER: ds.gather %arg0, %arg1 : (tensor<2x5x3xf32>, tensor<4xi64>) -> tensor<4x5x3xf32>
# GATHER: ds.gather_elements %arg0, %arg2 {axis = -1 : i64} : (tensor<2x5x3xf32>, tensor<2x5x2xi32>) -> tensor<2x5x2xf32>
# GATHER: ds.gather_nd %arg0, %arg3 {batch_dims = 1 : i64} : (tensor<2x5x3xf32>, tensor<2x6x1xi64>) -> tensor<2x6x3xf32>
save(out_path(".gather.onnx"), [
    helper.make_node("Gather", ["x", "i"], ["g1"], axis=1),
    helper.make_node("Gather", ["x", "i"], ["g0"]),
    helper.make_node("GatherElements", ["x", "e"], ["ge"], axis=-1),
    helper.make_node("GatherND", ["x", "n"], ["gn"], batch_dims=1),
], [value("x", F, [2, 5, 3]), value("i", I64, [4]),
    value("e", TensorProto.INT32, [2, 5, 2]), value("n", I64, [2, 6, 1])],
   [value("g1", F, [2, 4, 3]), value("g0", F, [4, 5, 3]),
    value("ge", F, [2, 5, 2]), value("gn", F, [2, 6, 3])], opset=13)

# GatherND at opset 11, before batch_dims.
# GATHERND11-LABEL: func.func @main
# GATHERND11: ds.gather_nd %arg0, %arg1 : (tensor<2x5x3xf32>, tensor<4x2xi64>) -> tensor<4x3xf32>
save(out_path(".gathernd11.onnx"), [
    helper.make_node("GatherND", ["x", "n"], ["y"]),
], [value("x", F, [2, 5, 3]), value("n", I64, [4, 2])],
   [value("y", F, [4, 3])], opset=11)

# SCATTER-LABEL: func.func @main
# SCATTER: ds.scatter_nd %arg0, %arg1, %arg2 {reduction = "max"} : (tensor<4x3xf32>, tensor<2x1xi64>, tensor<2x3xf32>) -> tensor<4x3xf32>
# SCATTER: ds.scatter_nd %arg0, %arg1, %arg2 : (tensor<4x3xf32>, tensor<2x1xi64>, tensor<2x3xf32>) -> tensor<4x3xf32>
# SCATTER: ds.scatter_elements %arg0, %arg3, %arg4 {axis = 1 : i64, reduction = "mul"} : (tensor<4x3xf32>, tensor<4x2xi64>, tensor<4x2xf32>) -> tensor<4x3xf32>
save(out_path(".scatter.onnx"), [
    helper.make_node("ScatterND", ["x", "i", "u"], ["a"], reduction="max"),
    helper.make_node("ScatterND", ["x", "i", "u"], ["b"]),
    helper.make_node("ScatterElements", ["x", "e", "v"], ["c"], axis=1,
                     reduction="mul"),
], [value("x", F, [4, 3]), value("i", I64, [2, 1]), value("u", F, [2, 3]),
    value("e", I64, [4, 2]), value("v", F, [4, 2])],
   [value("a", F, [4, 3]), value("b", F, [4, 3]), value("c", F, [4, 3])],
   opset=18)

# Before opset 16 there is no reduction.
# SCATTER11-LABEL: func.func @main
# SCATTER11: ds.scatter_nd %arg0, %arg1, %arg2 : (tensor<4x3xf32>
# SCATTER11: ds.scatter_elements %arg0, %arg3, %arg4 {axis = 1 : i64} : (tensor<4x3xf32>
save(out_path(".scatter11.onnx"), [
    helper.make_node("ScatterND", ["x", "i", "u"], ["a"]),
    helper.make_node("ScatterElements", ["x", "e", "v"], ["c"], axis=1),
], [value("x", F, [4, 3]), value("i", I64, [2, 1]), value("u", F, [2, 3]),
    value("e", I64, [4, 2]), value("v", F, [4, 2])],
   [value("a", F, [4, 3]), value("c", F, [4, 3])], opset=11)

# Scatter (opset 9) is ScatterElements under its old name.
# SCATTER9-LABEL: func.func @main
# SCATTER9: ds.scatter_elements %arg0, %arg1, %arg2 {axis = 1 : i64} : (tensor<4x3xf32>, tensor<4x2xi32>, tensor<4x2xf32>) -> tensor<4x3xf32>
# SCATTER9: ds.gather %arg0, %arg1 {axis = 1 : i64}
save(out_path(".scatter9.onnx"), [
    helper.make_node("Scatter", ["x", "e", "v"], ["c"], axis=1),
    helper.make_node("Gather", ["x", "e"], ["g"], axis=1),
], [value("x", F, [4, 3]), value("e", TensorProto.INT32, [4, 2]),
    value("v", F, [4, 2])],
   [value("c", F, [4, 3]), value("g", F, [4, 4, 2])], opset=9)

# Upsample: asymmetric coordinates, the element below for nearest.
# UPSAMPLE7-LABEL: func.func @main
# UPSAMPLE7: %[[S:.*]] = ds.constant dense<[1.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<4xf32>
# UPSAMPLE7: ds.resize %arg0 scales %[[S]] {coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : (tensor<1x2x3x4xf32>, tensor<4xf32>) -> tensor<1x2x6x12xf32>
save(out_path(".upsample7.onnx"), [
    helper.make_node("Upsample", ["x"], ["y"], scales=[1.0, 1.0, 2.0, 3.0]),
], [value("x", F, [1, 2, 3, 4])], [value("y", F, [1, 2, 6, 12])], opset=7)

# UPSAMPLE9-LABEL: func.func @main
# UPSAMPLE9: ds.resize %arg0 scales %arg1 {coordinate_transformation_mode = "asymmetric", mode = "linear", nearest_mode = "floor"} : (tensor<1x2x3x4xf32>, tensor<4xf32>) -> tensor<1x2x?x?xf32>
save(out_path(".upsample9.onnx"), [
    helper.make_node("Upsample", ["x", "s"], ["y"], mode="linear"),
], [value("x", F, [1, 2, 3, 4]), value("s", F, [4])],
   [value("y", F, [1, 2, None, None])], opset=9)

# RESIZE10-LABEL: func.func @main
# RESIZE10: ds.resize %arg0 scales %{{.*}} {coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : (tensor<1x2x3x4xf32>, tensor<4xf32>) -> tensor<1x2x6x8xf32>
save(out_path(".resize10.onnx"), [
    helper.make_node("Resize", ["x", "s"], ["y"]),
], [value("x", F, [1, 2, 3, 4])], [value("y", F, [1, 2, 6, 8])],
   [tensor("s", np.array([1, 1, 2, 2], np.float32))], opset=10)

# Opset 11 requires roi and scales: empty tensors when unused, dropped. roi
# is kept under tf_crop_and_resize only.
# RESIZE11-LABEL: func.func @main
# RESIZE11: ds.resize %arg0 sizes %{{.*}} {coordinate_transformation_mode = "align_corners", mode = "cubic", nearest_mode = "floor"} : (tensor<1x2x3x4xf32>, tensor<4xi64>) -> tensor<1x2x5x7xf32>
# RESIZE11: ds.resize %arg0 roi %{{.*}} scales %{{.*}} {coordinate_transformation_mode = "tf_crop_and_resize", exclude_outside = true, extrapolation_value = 1.000000e+00 : f32, mode = "linear"} : (tensor<1x2x3x4xf32>, tensor<8xf32>, tensor<4xf32>) -> tensor<1x2x3x4xf32>
# RESIZE11: ds.resize %arg0 scales %{{.*}} {cubic_coeff_a = -5.000000e-01 : f32, mode = "cubic"} : (tensor<1x2x3x4xf32>, tensor<4xf32>) -> tensor<1x2x6x8xf32>
empty = np.zeros([0], np.float32)
save(out_path(".resize11.onnx"), [
    helper.make_node("Resize", ["x", "empty", "empty", "sizes"], ["a"],
                     mode="cubic", coordinate_transformation_mode="align_corners",
                     nearest_mode="floor"),
    helper.make_node("Resize", ["x", "roi", "ones"], ["b"], mode="linear",
                     coordinate_transformation_mode="tf_crop_and_resize",
                     exclude_outside=1, extrapolation_value=1.0),
    helper.make_node("Resize", ["x", "roi", "twos"], ["c"], mode="cubic",
                     cubic_coeff_a=-0.5),
], [value("x", F, [1, 2, 3, 4])],
   [value("a", F, [1, 2, 5, 7]), value("b", F, [1, 2, 3, 4]),
    value("c", F, [1, 2, 6, 8])],
   [tensor("empty", empty), tensor("sizes", np.array([1, 2, 5, 7], np.int64)),
    tensor("roi", np.array([0, 0, 0, 0, 1, 1, 1, 1], np.float32)),
    tensor("ones", np.ones([4], np.float32)),
    tensor("twos", np.array([1, 1, 2, 2], np.float32))], opset=11)

# From opset 13 unused inputs may be absent (""); a runtime scales of
# unknown length beside sizes is ONNX's empty placeholder.
# RESIZE13-LABEL: func.func @main
# RESIZE13: ds.resize %arg0 scales %arg1 : (tensor<1x2x3x4xf32>, tensor<4xf32>) -> tensor<?x?x?x?xf32>
# RESIZE13: ds.resize %arg0 sizes %arg2 {nearest_mode = "ceil"} : (tensor<1x2x3x4xf32>, tensor<4xi64>) -> tensor<?x?x?x?xf32>
# RESIZE13: ds.resize %arg0 sizes %arg2 : (tensor<1x2x3x4xf32>, tensor<4xi64>) -> tensor<?x?x?x?xf32>
save(out_path(".resize13.onnx"), [
    helper.make_node("Resize", ["x", "", "s"], ["a"]),
    helper.make_node("Resize", ["x", "", "", "z"], ["b"], nearest_mode="ceil"),
    helper.make_node("Resize", ["x", "", "u", "z"], ["c"]),
], [value("x", F, [1, 2, 3, 4]), value("s", F, [4]), value("z", I64, [4]),
    value("u", F, ["n"])],
   [value("a", F, [None] * 4), value("b", F, [None] * 4),
    value("c", F, [None] * 4)], opset=13)

# Opset 18 adds axes, antialias and keep_aspect_ratio_policy; 19
# half_pixel_symmetric.
# RESIZE19-LABEL: func.func @main
# RESIZE19: ds.resize %arg0 sizes %{{.*}} {antialias = true, axes = array<i64: 2, 3>, keep_aspect_ratio_policy = "not_larger", mode = "linear"} : (tensor<1x2x30x40xf32>, tensor<2xi64>) -> tensor<1x2x15x20xf32>
# RESIZE19: ds.resize %arg0 scales %{{.*}} {axes = array<i64: -1>, coordinate_transformation_mode = "half_pixel_symmetric"} : (tensor<1x2x30x40xf32>, tensor<1xf32>) -> tensor<1x2x30x20xf32>
save(out_path(".resize19.onnx"), [
    helper.make_node("Resize", ["x", "", "", "hw"], ["a"], mode="linear",
                     antialias=1, axes=[2, 3],
                     keep_aspect_ratio_policy="not_larger"),
    helper.make_node("Resize", ["x", "", "half"], ["b"], axes=[-1],
                     coordinate_transformation_mode="half_pixel_symmetric"),
], [value("x", F, [1, 2, 30, 40])],
   [value("a", F, [1, 2, 15, 20]), value("b", F, [1, 2, 30, 20])],
   [tensor("hw", np.array([15, 30], np.int64)),
    tensor("half", np.array([0.5], np.float32))], opset=19)

x = value("x", F, [1, 2, 3, 4])
y = value("y", F, [None] * 4)

# BAD-REDUCTION: bad-reduction.onnx: error: node #0 'r' (op ScatterND, domain ai.onnx, opset 16): attribute 'reduction' is "max", which ds does not support at this opset (expected one of "none", "add", "mul")
save(out_path(".bad-reduction.onnx"), [
    helper.make_node("ScatterND", ["x", "i", "u"], ["y"], reduction="max",
                     name="r"),
], [value("x", F, [4]), value("i", I64, [1, 1]), value("u", F, [1])],
   [value("y", F, [4])], opset=16, check=False)

# BAD-BATCH-DIMS: bad-batch-dims.onnx: error: node #0 (op GatherND, domain ai.onnx, opset 12): cannot convert to 'ds.gather_nd': {{.*}}batch
save(out_path(".bad-batch-dims.onnx"), [
    helper.make_node("GatherND", ["x", "n"], ["y"], batch_dims=4),
], [x, value("n", I64, [1, 2, 3, 1])], [y], opset=12, check=False)

# BAD-MODE: bad-mode.onnx: error: node #0 (op Resize, domain ai.onnx, opset 13): attribute 'mode' is "area", which ds does not support at this opset (expected one of "nearest", "linear", "cubic")
save(out_path(".bad-mode.onnx"), [
    helper.make_node("Resize", ["x", "", "s"], ["y"], mode="area"),
], [x, value("s", F, [4])], [y], opset=13, check=False)

# BAD-TRANSFORM: bad-transform.onnx: error: node #0 (op Resize, domain ai.onnx, opset 11): attribute 'coordinate_transformation_mode' is "tf_half_pixel_for_nn", which ds does not support
save(out_path(".bad-transform.onnx"), [
    helper.make_node("Resize", ["x", "s", "s"], ["y"],
                     coordinate_transformation_mode="tf_half_pixel_for_nn"),
], [x, value("s", F, [4])], [y], opset=11)

# BAD-SYMMETRIC: bad-symmetric.onnx: error: node #0 (op Resize, domain ai.onnx, opset 18): attribute 'coordinate_transformation_mode' is "half_pixel_symmetric", which ds does not support at this opset
save(out_path(".bad-symmetric.onnx"), [
    helper.make_node("Resize", ["x", "", "s"], ["y"],
                     coordinate_transformation_mode="half_pixel_symmetric"),
], [x, value("s", F, [4])], [y], opset=18, check=False)

# BOTH: both.onnx: error: node #0 (op Resize, domain ai.onnx, opset 13): only one of scales and sizes may be given
save(out_path(".both.onnx"), [
    helper.make_node("Resize", ["x", "", "s", "z"], ["y"]),
], [x, value("s", F, [4]), value("z", I64, [4])], [y], opset=13)

# NEITHER: neither.onnx: error: node #0 (op Resize, domain ai.onnx, opset 11): one of scales and sizes must be given (non-empty)
save(out_path(".neither.onnx"), [
    helper.make_node("Resize", ["x", "e", "e"], ["y"]),
], [x], [y], [tensor("e", empty)], opset=11)

# BAD-UPSAMPLE: bad-upsample.onnx: error: node #0 (op Upsample, domain ai.onnx, opset 9): attribute 'mode' is "cubic", which ds does not support at this opset (expected one of "nearest", "linear")
save(out_path(".bad-upsample.onnx"), [
    helper.make_node("Upsample", ["x", "s"], ["y"], mode="cubic"),
], [x, value("s", F, [4])], [y], opset=9, check=False)
