# Normalizations map onto the ds ops in their canonical forms: older opsets'
# BatchNormalization outputs, GroupNormalization 18's per-group scale and
# bias and the coerce-to-2-D softmax of opsets before 13 are rewritten;
# RMSNormalization and MeanVarianceNormalization are decomposed.
# RUN: %python %s %t
# RUN: ds-opt %t.batchnorm.onnx | FileCheck %s --check-prefix=BN
# RUN: ds-opt %t.batchnorm9.onnx | FileCheck %s --check-prefix=BN9
# RUN: ds-opt %t.layernorm.onnx | FileCheck %s --check-prefix=LN
# RUN: ds-opt %t.groupnorm18.onnx | FileCheck %s --check-prefix=GN18
# RUN: ds-opt %t.groupnorm21.onnx | FileCheck %s --check-prefix=GN21
# RUN: ds-opt %t.instance-lp.onnx | FileCheck %s --check-prefix=INST
# RUN: ds-opt %t.softmax11.onnx | FileCheck %s --check-prefix=SOFTMAX11
# RUN: ds-opt %t.softmax13.onnx | FileCheck %s --check-prefix=SOFTMAX13
# RUN: ds-opt %t.rmsnorm.onnx | FileCheck %s --check-prefix=RMS
# RUN: ds-opt %t.mvn.onnx | FileCheck %s --check-prefix=MVN
# RUN: not ds-opt %t.error-spatial.onnx 2>&1 | FileCheck %s --check-prefix=SPATIAL
# RUN: not ds-opt %t.error-lp-p.onnx 2>&1 | FileCheck %s --check-prefix=LP-P
# RUN: not ds-opt %t.error-softmax-axis.onnx 2>&1 | FileCheck %s --check-prefix=SOFTMAX-AXIS
# RUN: not ds-opt %t.error-bn-outputs.onnx 2>&1 | FileCheck %s --check-prefix=BN-OUTPUTS
# RUN: not ds-opt %t.error-stash.onnx 2>&1 | FileCheck %s --check-prefix=STASH
# RUN: not ds-opt %t.error-groups.onnx 2>&1 | FileCheck %s --check-prefix=GROUPS
# RUN: not ds-opt %t.error-per-group.onnx 2>&1 | FileCheck %s --check-prefix=PER-GROUP
# RUN: not ds-opt %t.error-divisible.onnx 2>&1 | FileCheck %s --check-prefix=DIVISIBLE
# RUN: not ds-opt %t.error-ln-opset.onnx 2>&1 | FileCheck %s --check-prefix=LN-OPSET
# RUN: not ds-opt %t.error-rms-rank.onnx 2>&1 | FileCheck %s --check-prefix=RMS-RANK
# RUN: not ds-opt %t.error-rms-axis.onnx 2>&1 | FileCheck %s --check-prefix=RMS-AXIS
from onnx_test_models import *

C = 3
params = [tensor(n, np.ones([C], np.float32)) for n in ["s", "b", "m", "v"]]

# BN-LABEL: func.func @main
# BN: ds.batch_normalization %arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 1.000000e-03 : f32} : (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<?x3x4x4xf32>
# BN: %{{.*}}, %{{.*}}:2 = ds.batch_normalization %arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {momentum = 5.000000e-01 : f32, training_mode = true} : (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<?x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>)
save(out_path(".batchnorm.onnx"), [
    helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"], epsilon=1e-3),
    helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"], ["t", "rm", "rv"],
                     training_mode=1, momentum=0.5),
], [value("x", TensorProto.FLOAT, ["N", C, 4, 4])],
   [value("y", TensorProto.FLOAT, ["N", C, 4, 4]), value("t", TensorProto.FLOAT, ["N", C, 4, 4]),
    value("rm", TensorProto.FLOAT, [C]), value("rv", TensorProto.FLOAT, [C])],
   params, opset=15)

# Before opset 14, asking for more than Y means training; the saved
# statistics are the batch mean and variance over every axis but 1.
# BN9-LABEL: func.func @main
# BN9: ds.batch_normalization %arg0, {{.*}} : (tensor<2x3x5xf32>, {{.*}}) -> tensor<2x3x5xf32>
# BN9: %[[Y:[^ ]*]], %[[STATS:[^ ]*]]:2 = ds.batch_normalization %arg0, {{.*}} {training_mode = true}
# BN9: %[[MEAN:.*]] = ds.reduce_mean %arg0 {axes = array<i64: 0, 2>} : (tensor<2x3x5xf32>) -> tensor<1x3x1xf32>
# BN9: %[[C:.*]] = ds.sub %arg0, %[[MEAN]]
# BN9: %[[SAVED_MEAN:.*]] = ds.reduce_mean %arg0 {axes = array<i64: 0, 2>, keepdims = false} : (tensor<2x3x5xf32>) -> tensor<3xf32>
# BN9: %[[SQ:.*]] = ds.mul %[[C]], %[[C]]
# BN9: %[[SAVED_VAR:.*]] = ds.reduce_mean %[[SQ]] {axes = array<i64: 0, 2>, keepdims = false} : (tensor<2x3x5xf32>) -> tensor<3xf32>
# BN9: return %{{.*}}, %[[Y]], %[[STATS]]#0, %[[STATS]]#1, %[[SAVED_MEAN]], %[[SAVED_VAR]]
save(out_path(".batchnorm9.onnx"), [
    helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"]),
    helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"],
                     ["t", "rm", "rv", "sm", "sv"]),
], [value("x", TensorProto.FLOAT, [2, C, 5])],
   [value("y", TensorProto.FLOAT, [2, C, 5]), value("t", TensorProto.FLOAT, [2, C, 5])] +
   [value(n, TensorProto.FLOAT, [C]) for n in ["rm", "rv", "sm", "sv"]],
   params, opset=9)

# Mean or InvStdDev alone asks for both statistics results.
# LN-LABEL: func.func @main
# LN: ds.layer_normalization %arg0, %{{.*}}, %{{.*}} : (tensor<?x4x6xf32>, tensor<6xf32>, tensor<6xf32>) -> (tensor<?x4x6xf32>)
# LN: %{{.*}}, %{{.*}}, %{{.*}} = ds.layer_normalization %arg0, %{{.*}} {axis = 1 : i64, epsilon = 1.000000e-03 : f32, stash_type = 11 : i64} : (tensor<?x4x6xf32>, tensor<4x6xf32>) -> (tensor<?x4x6xf32>, tensor<?x1x1xf64>, tensor<?x1x1xf64>)
# LN: %[[W:[^ ]*]], %{{.*}}, %[[ISD:[^ ]*]] = ds.layer_normalization %arg0, %{{.*}} : (tensor<?x4x6xf32>, tensor<6xf32>) -> (tensor<?x4x6xf32>, tensor<?x4x1xf32>, tensor<?x4x1xf32>)
# LN: return %{{.*}}, %{{.*}}, %{{.*}}, %[[W]], %[[ISD]] :
save(out_path(".layernorm.onnx"), [
    helper.make_node("LayerNormalization", ["x", "s", "b"], ["y"]),
    helper.make_node("LayerNormalization", ["x", "s2"], ["z", "mean"], axis=1,
                     epsilon=1e-3, stash_type=11),
    helper.make_node("LayerNormalization", ["x", "s"], ["w", "", "isd"]),
], [value("x", TensorProto.FLOAT, ["N", 4, 6])],
   [value("y", TensorProto.FLOAT, ["N", 4, 6]), value("z", TensorProto.FLOAT, ["N", 4, 6]),
    value("mean", TensorProto.DOUBLE, ["N", 1, 1]), value("w", TensorProto.FLOAT, ["N", 4, 6]),
    value("isd", TensorProto.FLOAT, ["N", 4, 1])],
   [tensor("s", np.ones([6], np.float32)), tensor("b", np.ones([6], np.float32)),
    tensor("s2", np.ones([4, 6], np.float32))], opset=17)

# Opset 18 has one scale and bias per group (the checker rejects the
# deprecated op, which models still use): a constant is repeated per
# channel, a runtime value expanded, with a dynamic channel count too.
# GN18-LABEL: func.func @main
# GN18-DAG: %[[SCALE:.*]] = ds.constant dense<[1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00]> : tensor<4xf32>
# GN18-DAG: %[[K:.*]] = ds.constant dense<2> : tensor<1xi64>
# GN18-DAG: %[[SHAPE:.*]] = ds.constant dense<4> : tensor<1xi64>
# GN18: %[[COL:.*]] = ds.unsqueeze %arg1 {axes = array<i64: 1>} : (tensor<2xf32>) -> tensor<2x1xf32>
# GN18: %[[EXP:.*]] = ds.expand %[[COL]], %[[K]] : (tensor<2x1xf32>, tensor<1xi64>) -> tensor<2x2xf32>
# GN18: %[[BIAS:.*]] = ds.reshape %[[EXP]], %[[SHAPE]] : (tensor<2x2xf32>, tensor<1xi64>) -> tensor<4xf32>
# GN18: ds.group_normalization %arg0, %[[SCALE]], %[[BIAS]] {num_groups = 2 : i64} : (tensor<?x4x3xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<?x4x3xf32>
# GN18: %[[C:.*]] = ds.shape %arg2 {end = 2 : i64, start = 1 : i64} : (tensor<?x?x3xf16>) -> tensor<1xi64>
# GN18: %[[PER:.*]] = ds.div %[[C]], %{{.*}} : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
# GN18: ds.unsqueeze
# GN18: ds.expand %{{.*}}, %[[PER]] : (tensor<2x1xf16>, tensor<1xi64>) -> tensor<2x?xf16>
# GN18: %[[HS:.*]] = ds.reshape {{.*}} -> tensor<?xf16>
# GN18-NOT: ds.unsqueeze
# GN18: ds.group_normalization %arg2, %[[HS]], %[[HS]] {epsilon = 1.000000e-03 : f32, num_groups = 2 : i64, stash_type = 10 : i64} : (tensor<?x?x3xf16>, tensor<?xf16>, tensor<?xf16>) -> tensor<?x?x3xf16>
save(out_path(".groupnorm18.onnx"), [
    helper.make_node("GroupNormalization", ["x", "gs", "gb"], ["y"], num_groups=2),
    helper.make_node("GroupNormalization", ["h", "hs", "hs"], ["z"], num_groups=2,
                     epsilon=1e-3),
], [value("x", TensorProto.FLOAT, ["N", 4, 3]), value("gb", TensorProto.FLOAT, [2]),
    value("h", TensorProto.FLOAT16, ["N", "C", 3])],
   [value("y", TensorProto.FLOAT, ["N", 4, 3]), value("z", TensorProto.FLOAT16, ["N", "C", 3])],
   [tensor("gs", np.array([1, 2], np.float32)), tensor("hs", np.ones([2], np.float16))],
   opset=18, check=False)

# GN21-LABEL: func.func @main
# GN21: ds.group_normalization %arg0, %arg1, %arg2 {num_groups = 2 : i64, stash_type = 10 : i64} : (tensor<?x4x3xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<?x4x3xf32>
save(out_path(".groupnorm21.onnx"), [
    helper.make_node("GroupNormalization", ["x", "s", "b"], ["y"], num_groups=2,
                     stash_type=10),
], [value("x", TensorProto.FLOAT, ["N", 4, 3]), value("s", TensorProto.FLOAT, [4]),
    value("b", TensorProto.FLOAT, [4])],
   [value("y", TensorProto.FLOAT, ["N", 4, 3])], opset=21)

# INST-LABEL: func.func @main
# INST: ds.instance_normalization %arg0, %{{.*}}, %{{.*}} {epsilon = 1.000000e-03 : f32} : (tensor<1x3x?x?xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x?x?xf32>
# INST: ds.lp_normalization %arg0 {axis = 1 : i64, p = 1 : i64} : (tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32>
# INST: ds.lp_normalization %arg0 : (tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32>
save(out_path(".instance-lp.onnx"), [
    helper.make_node("InstanceNormalization", ["x", "s", "b"], ["y"], epsilon=1e-3),
    helper.make_node("LpNormalization", ["x"], ["l1"], axis=1, p=1),
    helper.make_node("LpNormalization", ["x"], ["l2"]),
], [value("x", TensorProto.FLOAT, [1, C, "H", "W"])],
   [value(n, TensorProto.FLOAT, [1, C, "H", "W"]) for n in ["y", "l1", "l2"]],
   params[:2], opset=7)

# Before opset 13 the input is coerced to 2-D around the axis (default 1);
# along the last axis that changes nothing.
# SOFTMAX11-LABEL: func.func @main
# SOFTMAX11: %[[FLAT:.*]] = ds.flatten %arg0 : (tensor<?x3x4xf32>) -> tensor<?x12xf32>
# SOFTMAX11: %[[SM:.*]] = ds.softmax %[[FLAT]] {axis = 1 : i64} : (tensor<?x12xf32>) -> tensor<?x12xf32>
# SOFTMAX11: %[[SHAPE:.*]] = ds.shape %arg0 : (tensor<?x3x4xf32>) -> tensor<3xi64>
# SOFTMAX11: ds.reshape %[[SM]], %[[SHAPE]] : (tensor<?x12xf32>, tensor<3xi64>) -> tensor<{{.*}}xf32>
# SOFTMAX11: %[[FLAT0:.*]] = ds.flatten %arg0 {axis = 0 : i64} : (tensor<?x3x4xf32>) -> tensor<1x?xf32>
# SOFTMAX11: ds.log_softmax %[[FLAT0]] {axis = 1 : i64}
# SOFTMAX11: ds.reshape
# SOFTMAX11: ds.hardmax %arg0 : (tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
# SOFTMAX11: ds.softmax %arg1 : (tensor<?x5xf32>) -> tensor<?x5xf32>
save(out_path(".softmax11.onnx"), [
    helper.make_node("Softmax", ["x"], ["a"]),
    helper.make_node("LogSoftmax", ["x"], ["b"], axis=0),
    helper.make_node("Hardmax", ["x"], ["c"], axis=-1),
    helper.make_node("Softmax", ["m"], ["d"]),
], [value("x", TensorProto.FLOAT, ["N", 3, 4]), value("m", TensorProto.FLOAT, ["N", 5])],
   [value(n, TensorProto.FLOAT, ["N", 3, 4]) for n in "abc"] +
   [value("d", TensorProto.FLOAT, ["N", 5])], opset=11)

# SOFTMAX13-LABEL: func.func @main
# SOFTMAX13: ds.softmax %arg0 : (tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
# SOFTMAX13: ds.log_softmax %arg0 {axis = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
# SOFTMAX13: ds.hardmax %arg0 {axis = 0 : i64} : (tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
save(out_path(".softmax13.onnx"), [
    helper.make_node("Softmax", ["x"], ["a"]),
    helper.make_node("LogSoftmax", ["x"], ["b"], axis=1),
    helper.make_node("Hardmax", ["x"], ["c"], axis=0),
], [value("x", TensorProto.FLOAT, ["N", 3, 4])],
   [value(n, TensorProto.FLOAT, ["N", 3, 4]) for n in "abc"], opset=13)

# x / sqrt(mean(x * x) + epsilon) * scale, computed in the stash type.
# RMS-LABEL: func.func @main
# RMS: %[[X:.*]] = ds.cast %arg0 : (tensor<?x4x6xf16>) -> tensor<?x4x6xf32>
# RMS: %[[SQ:.*]] = ds.mul %[[X]], %[[X]]
# RMS: %[[MS:.*]] = ds.reduce_mean %[[SQ]] {axes = array<i64: 1, 2>} : (tensor<?x4x6xf32>) -> tensor<?x1x1xf32>
# RMS: %[[EPS:.*]] = ds.constant dense<1.000000e-03> : tensor<f32>
# RMS: %[[SUM:.*]] = ds.add %[[MS]], %[[EPS]]
# RMS: %[[RMS:.*]] = ds.sqrt %[[SUM]]
# RMS: %[[N:.*]] = ds.div %[[X]], %[[RMS]] : (tensor<?x4x6xf32>, tensor<?x1x1xf32>) -> tensor<?x4x6xf32>
# RMS: %[[BACK:.*]] = ds.cast %[[N]] : (tensor<?x4x6xf32>) -> tensor<?x4x6xf16>
# RMS: ds.mul %[[BACK]], %{{.*}} : (tensor<?x4x6xf16>, tensor<4x6xf16>) -> tensor<?x4x6xf16>
save(out_path(".rmsnorm.onnx"), [
    helper.make_node("RMSNormalization", ["x", "s"], ["y"], axis=-2, epsilon=1e-3),
], [value("x", TensorProto.FLOAT16, ["N", 4, 6])],
   [value("y", TensorProto.FLOAT16, ["N", 4, 6])],
   [tensor("s", np.ones([4, 6], np.float16))], opset=23)

# (x - mean) / (sqrt(variance) + 1e-9) over axes [0, 2, 3] by default.
# MVN-LABEL: func.func @main
# MVN: %[[MEAN:.*]] = ds.reduce_mean %arg0 {axes = array<i64: 0, 2, 3>} : (tensor<2x3x4x5xf32>) -> tensor<1x3x1x1xf32>
# MVN: %[[C:.*]] = ds.sub %arg0, %[[MEAN]]
# MVN: %[[SQ:.*]] = ds.mul %[[C]], %[[C]]
# MVN: %[[VAR:.*]] = ds.reduce_mean %[[SQ]] {axes = array<i64: 0, 2, 3>}
# MVN: %[[STD:.*]] = ds.sqrt %[[VAR]]
# MVN: %[[EPS:.*]] = ds.constant dense<9.99999971E-10> : tensor<f32>
# MVN: %[[DEN:.*]] = ds.add %[[STD]], %[[EPS]]
# MVN: ds.div %[[C]], %[[DEN]] : (tensor<2x3x4x5xf32>, tensor<1x3x1x1xf32>) -> tensor<2x3x4x5xf32>
# MVN: ds.reduce_mean %arg0 {axes = array<i64: 1>}
save(out_path(".mvn.onnx"), [
    helper.make_node("MeanVarianceNormalization", ["x"], ["y"]),
    helper.make_node("MeanVarianceNormalization", ["x"], ["z"], axes=[1]),
], [value("x", TensorProto.FLOAT, [2, 3, 4, 5])],
   [value("y", TensorProto.FLOAT, [2, 3, 4, 5]), value("z", TensorProto.FLOAT, [2, 3, 4, 5])],
   opset=9)

# Bad attributes and inputs are errors at the node, one model each.
# SPATIAL: error: node #0 'n' (op BatchNormalization, domain ai.onnx, opset 7): unsupported spatial = 0: ds normalizes with per-channel statistics (spatial = 1)
# LP-P: error: node #0 'n' (op LpNormalization, domain ai.onnx, opset 7): unsupported p = 3 (expected 1 or 2)
# SOFTMAX-AXIS: error: node #0 'n' (op Softmax, domain ai.onnx, opset 7): axis 4 is out of range for rank 3
# BN-OUTPUTS: error: node #0 'n' (op BatchNormalization, domain ai.onnx, opset 18): outputs running_mean and running_var require training_mode = 1
# STASH: error: node #0 'n' (op LayerNormalization, domain ai.onnx, opset 18): unsupported stash_type 7 (expected 1 = FLOAT, 10 = FLOAT16, 11 = DOUBLE or 16 = BFLOAT16)
# GROUPS: error: node #0 'n' (op GroupNormalization, domain ai.onnx, opset 18): attribute 'num_groups' is required
# PER-GROUP: error: node #0 'n' (op GroupNormalization, domain ai.onnx, opset 18): scale must have num_groups (2) elements at opset 18
# DIVISIBLE: error: node #0 'n' (op GroupNormalization, domain ai.onnx, opset 18): the 3 channels are not divisible by num_groups (2)
# LN-OPSET: error: node #0 'n' (op LayerNormalization, domain ai.onnx, opset 16): op LayerNormalization is not supported at this opset
# RMS-RANK: error: node #0 'n' (op RMSNormalization, domain ai.onnx, opset 23): RMSNormalization needs an input of known rank
# RMS-AXIS: error: node #0 'n' (op RMSNormalization, domain ai.onnx, opset 23): axis 3 is out of range for rank 3
errors = {
    "spatial": (7, "BatchNormalization", ["x", "s", "b", "m", "v"], ["y"], dict(spatial=0)),
    "lp-p": (7, "LpNormalization", ["x"], ["y"], dict(p=3)),
    "softmax-axis": (7, "Softmax", ["x"], ["y"], dict(axis=4)),
    "bn-outputs": (18, "BatchNormalization", ["x", "s", "b", "m", "v"], ["y", "rm", "rv"], {}),
    "stash": (18, "LayerNormalization", ["x", "s"], ["y"], dict(stash_type=7)),
    "groups": (18, "GroupNormalization", ["x", "s", "b"], ["y"], {}),
    "per-group": (18, "GroupNormalization", ["x", "s", "b"], ["y"], dict(num_groups=2)),
    "divisible": (18, "GroupNormalization", ["x", "g", "g"], ["y"], dict(num_groups=2)),
    "ln-opset": (16, "LayerNormalization", ["x", "s"], ["y"], {}),
    "rms-rank": (23, "RMSNormalization", ["u", "s"], ["y"], {}),
    "rms-axis": (23, "RMSNormalization", ["x", "s"], ["y"], dict(axis=3)),
}
for name, (opset, op, inputs, outputs, attrs) in errors.items():
    save(out_path(".error-%s.onnx" % name),
         [helper.make_node(op, inputs, outputs, name="n", **attrs)],
         [value("x", TensorProto.FLOAT, [2, C, 5]), value("u", TensorProto.FLOAT, None)],
         [value(n, TensorProto.FLOAT, None) for n in outputs],
         params + [tensor("g", np.ones([2], np.float32))], opset=opset, check=False)
