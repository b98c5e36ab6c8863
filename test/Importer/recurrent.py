# LSTM, GRU and RNN become ds.lstm, ds.gru and ds.rnn in their opset 14
# form (layout 0 before opset 14): absent optional inputs are absent
# operands, a missing hidden_size comes from R, default activations are
# dropped and activation names take the specification's spelling. Scan
# (opset 9 and later) becomes ds.scan with its body as the region.
# CausalConvWithState and LinearAttention (opset 27) map one to one.
# RUN: %python %s %t && ds-opt %t.lstm7.onnx | FileCheck %s --check-prefix=LSTM7
# RUN: ds-opt %t.lstm14.onnx | FileCheck %s --check-prefix=LSTM14
# RUN: ds-opt %t.lstm22.onnx | FileCheck %s --check-prefix=LSTM22
# RUN: ds-opt %t.gru7.onnx | FileCheck %s --check-prefix=GRU7
# RUN: ds-opt %t.gru14.onnx | FileCheck %s --check-prefix=GRU14
# RUN: ds-opt %t.rnn7.onnx | FileCheck %s --check-prefix=RNN7
# RUN: ds-opt %t.rnn22.onnx | FileCheck %s --check-prefix=RNN22
# RUN: ds-opt %t.scan9.onnx | FileCheck %s --check-prefix=SCAN9
# RUN: ds-opt %t.scan11.onnx | FileCheck %s --check-prefix=SCAN11
# RUN: not ds-opt %t.layout7.onnx 2>&1 | FileCheck %s --check-prefix=LAYOUT7
# RUN: not ds-opt %t.bad-activation.onnx 2>&1 | FileCheck %s --check-prefix=BAD-ACTIVATION
# RUN: not ds-opt %t.bad-direction.onnx 2>&1 | FileCheck %s --check-prefix=BAD-DIRECTION
# RUN: not ds-opt %t.activation-count.onnx 2>&1 | FileCheck %s --check-prefix=ACTIVATION-COUNT
# RUN: not ds-opt %t.bad-shape.onnx 2>&1 | FileCheck %s --check-prefix=BAD-SHAPE
# RUN: not ds-opt %t.too-many-inputs.onnx 2>&1 | FileCheck %s --check-prefix=TOO-MANY
# RUN: not ds-opt %t.scan8.onnx 2>&1 | FileCheck %s --check-prefix=SCAN8
# RUN: not ds-opt %t.scan9-negative.onnx 2>&1 | FileCheck %s --check-prefix=SCAN9-NEGATIVE
# RUN: not ds-opt %t.scan-count.onnx 2>&1 | FileCheck %s --check-prefix=SCAN-COUNT
# RUN: not ds-opt %t.scan-body.onnx 2>&1 | FileCheck %s --check-prefix=SCAN-BODY
# RUN: not ds-opt %t.scan-direction.onnx 2>&1 | FileCheck %s --check-prefix=SCAN-DIRECTION
# RUN: not ds-opt %t.scan-state.onnx 2>&1 | FileCheck %s --check-prefix=SCAN-STATE
# RUN: ds-opt %t.causal27.onnx | FileCheck %s --check-prefix=CAUSAL27
# RUN: ds-opt %t.linear27.onnx | FileCheck %s --check-prefix=LINEAR27
# RUN: not ds-opt %t.causal-activation.onnx 2>&1 | FileCheck %s --check-prefix=CAUSAL-ACTIVATION
# RUN: not ds-opt %t.linear-heads.onnx 2>&1 | FileCheck %s --check-prefix=LINEAR-HEADS
# RUN: not ds-opt %t.linear-decay.onnx 2>&1 | FileCheck %s --check-prefix=LINEAR-DECAY
from onnx_test_models import *

F, D, H, I32 = (TensorProto.FLOAT, TensorProto.DOUBLE, TensorProto.FLOAT16,
                TensorProto.INT32)
BF16 = TensorProto.BFLOAT16


def weights(prefix, directions, gates, hidden, inputs, dtype=np.float32):
    """W, R and B initializers of a recurrent layer."""
    return [tensor(prefix + "W", np.zeros((directions, gates * hidden, inputs),
                                          dtype)),
            tensor(prefix + "R", np.zeros((directions, gates * hidden, hidden),
                                          dtype)),
            tensor(prefix + "B", np.zeros((directions, 2 * gates * hidden),
                                          dtype))]


# Opset 7, every input and output: the optional inputs are keyword operands.
# LSTM7-LABEL: func.func @main
# LSTM7: %[[Y:.*]], %[[YH:.*]], %[[YC:.*]] = ds.lstm %arg0, %{{.*}}, %{{.*}} bias %{{.*}} sequence_lens %arg1 initial_h %arg2 initial_c %arg3 peepholes %{{.*}} {hidden_size = 4 : i64} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x32xf32>, tensor<2xi32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x12xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
# LSTM7: return %[[Y]], %[[YH]], %[[YC]]
save(out_path(".lstm7.onnx"), [
    helper.make_node("LSTM", ["x", "W", "R", "B", "lens", "h0", "c0", "P"],
                     ["y", "y_h", "y_c"], hidden_size=4),
], [value("x", F, [5, 2, 3]), value("lens", I32, [2]),
    value("h0", F, [1, 2, 4]), value("c0", F, [1, 2, 4])],
   [value("y", F, [5, 1, 2, 4]), value("y_h", F, [1, 2, 4]),
    value("y_c", F, [1, 2, 4])],
   weights("", 1, 4, 4, 3) + [tensor("P", np.zeros((1, 12), np.float32))],
   opset=7)

# Opset 14: layout 1 (batch first); hidden_size comes from R; inner absent
# inputs ("") are absent operands; unused outputs stay unused.
# LSTM14-LABEL: func.func @main
# LSTM14: %[[Y:.*]], %[[YH:.*]], %[[YC:.*]] = ds.lstm %arg0, %{{.*}}, %{{.*}} initial_c %arg1 {hidden_size = 4 : i64, layout = 1 : i64} : (tensor<2x?x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<2x1x4xf32>) -> (tensor<2x?x1x4xf32>, tensor<2x1x4xf32>, tensor<2x1x4xf32>)
# LSTM14: return %[[YH]]
save(out_path(".lstm14.onnx"), [
    helper.make_node("LSTM", ["x", "W", "R", "", "", "", "c0"],
                     ["", "y_h"], layout=1),
], [value("x", F, [2, "S", 3]), value("c0", F, [2, 1, 4])],
   [value("y_h", F, [2, 1, 4])], weights("", 1, 4, 4, 3)[:2], opset=14)

# Opset 22: a bidirectional LSTM whose activations, the defaults in another
# case, are dropped; clip and input_forget are kept.
# LSTM22-LABEL: func.func @main
# LSTM22: ds.lstm %arg0, %{{.*}}, %{{.*}} bias %{{.*}} {clip = 5.000000e-01 : f32, direction = "bidirectional", hidden_size = 4 : i64, input_forget = true} : (tensor<5x2x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>, tensor<2x32xf32>) -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
save(out_path(".lstm22.onnx"), [
    helper.make_node("LSTM", ["x", "W", "R", "B"], ["y"], hidden_size=4,
                     direction="bidirectional", clip=0.5, input_forget=1,
                     activations=["sigmoid", "TANH", "Tanh"] * 2),
], [value("x", F, [5, 2, 3])], [value("y", F, [5, 2, 2, 4])],
   weights("", 2, 4, 4, 3), opset=22)

# GRU, opset 7: non-default activations with their parameters, spelled as
# the specification does; linear_before_reset.
# GRU7-LABEL: func.func @main
# GRU7: ds.gru %arg0, %{{.*}}, %{{.*}} bias %{{.*}} initial_h %arg1 {activation_alpha = array<f32: 2.000000e-01>, activation_beta = array<f32: 5.000000e-01>, activations = ["HardSigmoid", "Tanh"], direction = "reverse", hidden_size = 4 : i64, linear_before_reset = true} : (tensor<?x2x3xf64>, tensor<1x12x3xf64>, tensor<1x12x4xf64>, tensor<1x24xf64>, tensor<1x2x4xf64>) -> (tensor<?x1x2x4xf64>, tensor<1x2x4xf64>)
save(out_path(".gru7.onnx"), [
    helper.make_node("GRU", ["x", "W", "R", "B", "", "h0"], ["y", "y_h"],
                     hidden_size=4, direction="reverse", linear_before_reset=1,
                     activations=["hardsigmoid", "Tanh"],
                     activation_alpha=[0.2], activation_beta=[0.5]),
], [value("x", D, ["S", 2, 3]), value("h0", D, [1, 2, 4])],
   [value("y", D, [None, 1, 2, 4]), value("y_h", D, [1, 2, 4])],
   weights("", 1, 3, 4, 3, np.float64), opset=7)

# GRU, opset 14, layout 1; default activations dropped.
# GRU14-LABEL: func.func @main
# GRU14: ds.gru %arg0, %{{.*}}, %{{.*}} sequence_lens %arg1 {direction = "bidirectional", hidden_size = 4 : i64, layout = 1 : i64} : (tensor<2x5x3xf16>, tensor<2x12x3xf16>, tensor<2x12x4xf16>, tensor<2xi32>) -> (tensor<2x5x2x4xf16>, tensor<2x2x4xf16>)
save(out_path(".gru14.onnx"), [
    helper.make_node("GRU", ["x", "W", "R", "", "lens"], ["y", "y_h"],
                     direction="bidirectional", layout=1,
                     activations=["Sigmoid", "Tanh"] * 2),
], [value("x", H, [2, 5, 3]), value("lens", I32, [2])],
   [value("y", H, [2, 5, 2, 4]), value("y_h", H, [2, 2, 4])],
   weights("", 2, 3, 4, 3, np.float16)[:2], opset=14)

# RNN, opset 7: the defaults.
# RNN7-LABEL: func.func @main
# RNN7: ds.rnn %arg0, %{{.*}}, %{{.*}} {hidden_size = 4 : i64} : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
save(out_path(".rnn7.onnx"), [
    helper.make_node("RNN", ["x", "W", "R"], ["y"], hidden_size=4,
                     activations=["Tanh"]),
], [value("x", F, [5, 2, 3])], [value("y", F, [5, 1, 2, 4])],
   weights("", 1, 1, 4, 3)[:2], opset=7)

# RNN, opset 22: bfloat16, layout 1, Relu.
# RNN22-LABEL: func.func @main
# RNN22: ds.rnn %arg0, %arg1, %arg2 {activations = ["Relu"], layout = 1 : i64} : (tensor<2x5x3xbf16>, tensor<1x?x3xbf16>, tensor<1x?x?xbf16>) -> (tensor<2x5x1x?xbf16>, tensor<2x1x?xbf16>)
save(out_path(".rnn22.onnx"), [
    helper.make_node("RNN", ["x", "w", "r"], ["", "y_h"], layout=1,
                     activations=["Relu"]),
], [value("x", BF16, [2, 5, 3]), value("w", BF16, [1, "H", 3]),
    value("r", BF16, [1, "H", "H"])],
   [value("y_h", BF16, [2, 1, "H"])], opset=22)

# LAYOUT7: layout7.onnx: error: node #0 (op RNN, domain ai.onnx, opset 13): attribute 'layout' exists from opset 14 on
save(out_path(".layout7.onnx"), [
    helper.make_node("RNN", ["x", "W", "R"], ["y"], layout=1),
], [value("x", F, [5, 2, 3])], [value("y", F, None)],
   weights("", 1, 1, 4, 3)[:2], opset=13, check=False)

# BAD-ACTIVATION: bad-activation.onnx: error: node #0 (op GRU, domain ai.onnx, opset 21): cannot convert to 'ds.gru': 'ds.gru' op activation #1 "Gelu" is not one of Relu, Tanh, Sigmoid, Affine, LeakyRelu, ThresholdedRelu, ScaledTanh, HardSigmoid, Elu, Softsign, Softplus
save(out_path(".bad-activation.onnx"), [
    helper.make_node("GRU", ["x", "W", "R"], ["y"], hidden_size=4,
                     activations=["Sigmoid", "Gelu"]),
], [value("x", F, [5, 2, 3])], [value("y", F, None)],
   weights("", 1, 3, 4, 3)[:2], check=False)

# BAD-DIRECTION: bad-direction.onnx: error: node #0 (op LSTM, domain ai.onnx, opset 21): cannot convert to 'ds.lstm': direction must be "forward", "reverse" or "bidirectional", got "both"
save(out_path(".bad-direction.onnx"), [
    helper.make_node("LSTM", ["x", "W", "R"], ["y"], direction="both"),
], [value("x", F, [5, 2, 3])], [value("y", F, None)],
   weights("", 1, 4, 4, 3)[:2], check=False)

# ACTIVATION-COUNT: activation-count.onnx: error: node #0 (op LSTM, domain ai.onnx, opset 21): cannot convert to 'ds.lstm': 'ds.lstm' op expected 6 activations (3 per direction), got 3
save(out_path(".activation-count.onnx"), [
    helper.make_node("LSTM", ["x", "W", "R"], ["y"], direction="bidirectional",
                     activations=["Sigmoid", "Tanh", "Relu"]),
], [value("x", F, [5, 2, 3])], [value("y", F, None)],
   weights("", 2, 4, 4, 3)[:2], check=False)

# BAD-SHAPE: bad-shape.onnx: error: node #0 (op LSTM, domain ai.onnx, opset 21): cannot convert to 'ds.lstm': R dimension 2 is 4, expected hidden_size = 8
save(out_path(".bad-shape.onnx"), [
    helper.make_node("LSTM", ["x", "W", "R"], ["y"], hidden_size=8),
], [value("x", F, [5, 2, 3])], [value("y", F, None)],
   weights("", 1, 8, 4, 3)[:2], check=False)

# TOO-MANY: too-many-inputs.onnx: error: node #0 (op GRU, domain ai.onnx, opset 21): expected at most 6 inputs, got 7
save(out_path(".too-many-inputs.onnx"), [
    helper.make_node("GRU", ["x", "W", "R", "", "", "", "x"], ["y"]),
], [value("x", F, [5, 2, 3])], [value("y", F, None)],
   weights("", 1, 3, 4, 3)[:2], check=False)


def graph(nodes, name, inputs, outputs):
    return helper.make_graph(nodes, name, inputs, outputs)


# A running sum over the rows of x: one state, one scan input, two scan
# outputs, the second prepended (scan_output_directions = 1); the lists of
# zeros are dropped. The body uses the outer bias.
# SCAN9-LABEL: func.func @main
# SCAN9: %[[S:.*]]:3 = ds.scan %arg0, %arg1 {num_scan_inputs = 1 : i64, scan_output_directions = array<i64: 0, 1>} : (tensor<4xf32>, tensor<10x4xf32>) -> (tensor<4xf32>, tensor<10x4xf32>, tensor<10x4xf32>) {
# SCAN9-NEXT: ^bb0(%[[ACC:.*]]: tensor<4xf32>, %[[ROW:.*]]: tensor<4xf32>):
# SCAN9-NEXT: %[[A:.*]] = ds.add %[[ACC]], %[[ROW]] : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
# SCAN9-NEXT: %[[B:.*]] = ds.add %[[A]], %arg2 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
# SCAN9-NEXT: %[[C:.*]] = ds.identity %[[B]]
# SCAN9-NEXT: ds.scan_yield %[[B]], %[[B]], %[[C]] : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
# SCAN9-NEXT: }
# SCAN9: return %[[S]]#0, %[[S]]#1, %[[S]]#2
sum_body = graph([helper.make_node("Add", ["acc", "row"], ["a"]),
                  helper.make_node("Add", ["a", "bias"], ["next"]),
                  helper.make_node("Identity", ["next"], ["copy"])], "body",
                 [value("acc", F, [4]), value("row", F, [4])],
                 [value("next", F, [4]), value("next", F, [4]),
                  value("copy", F, [4])])
save(out_path(".scan9.onnx"), [
    helper.make_node("Scan", ["init", "x"], ["sum", "fwd", "bwd"],
                     num_scan_inputs=1, body=sum_body, scan_input_axes=[0],
                     scan_input_directions=[0], scan_output_axes=[0, 0],
                     scan_output_directions=[0, 1]),
], [value("init", F, [4]), value("x", F, [10, 4]), value("bias", F, [4])],
   [value("sum", F, [4]), value("fwd", F, [10, 4]), value("bwd", F, [10, 4])],
   opset=9)

# Opset 11: negative axes. No state: a map over the columns of x (axis -1)
# whose results stack along the last axis.
# SCAN11-LABEL: func.func @main
# SCAN11: ds.scan %arg0 {num_scan_inputs = 1 : i64, scan_input_axes = array<i64: -1>, scan_input_directions = array<i64: 1>, scan_output_axes = array<i64: -1>} : (tensor<3x?xf32>) -> tensor<3x?xf32> {
# SCAN11-NEXT: ^bb0(%[[COL:.*]]: tensor<3xf32>):
# SCAN11-NEXT: %[[N:.*]] = ds.neg %[[COL]]
# SCAN11-NEXT: ds.scan_yield %[[N]] : tensor<3xf32>
save(out_path(".scan11.onnx"), [
    helper.make_node("Scan", ["x"], ["y"], num_scan_inputs=1,
                     scan_input_axes=[-1], scan_output_axes=[-1],
                     scan_input_directions=[1],
                     body=graph([helper.make_node("Neg", ["col"], ["n"])],
                                "body", [value("col", F, [3])],
                                [value("n", F, [3])])),
], [value("x", F, [3, "N"])], [value("y", F, [3, None])], opset=11)

neg_body = graph([helper.make_node("Neg", ["col"], ["n"])], "body",
                 [value("col", F, [3])], [value("n", F, [3])])

# Opset 8's Scan (batched, with sequence_lens) is not supported.
# SCAN8: scan8.onnx: error: node #0 (op Scan, domain ai.onnx, opset 8): op Scan is not supported at this opset
save(out_path(".scan8.onnx"), [
    helper.make_node("Scan", ["", "x"], ["y"], num_scan_inputs=1,
                     body=neg_body),
], [value("x", F, [1, 5, 3])], [value("y", F, None)], opset=8, check=False)

# SCAN9-NEGATIVE: scan9-negative.onnx: error: node #0 (op Scan, domain ai.onnx, opset 10): scan_input_axes has a negative axis, allowed from opset 11 on
save(out_path(".scan9-negative.onnx"), [
    helper.make_node("Scan", ["x"], ["y"], num_scan_inputs=1,
                     scan_input_axes=[-1], body=neg_body),
], [value("x", F, [3, 5])], [value("y", F, None)], opset=10, check=False)

# SCAN-COUNT: scan-count.onnx: error: node #0 (op Scan, domain ai.onnx, opset 21): num_scan_inputs must be in [1, 1] (the number of inputs), got 2
save(out_path(".scan-count.onnx"), [
    helper.make_node("Scan", ["x"], ["y"], num_scan_inputs=2, body=neg_body),
], [value("x", F, [5, 3])], [value("y", F, None)], check=False)

# SCAN-BODY: scan-body.onnx: error: node #0 (op Scan, domain ai.onnx, opset 21): body has 1 inputs, expected 2 (1 states and 1 scan input slices)
save(out_path(".scan-body.onnx"), [
    helper.make_node("Scan", ["init", "x"], ["s", "y"], num_scan_inputs=1,
                     body=neg_body),
], [value("init", F, [3]), value("x", F, [5, 3])],
   [value("s", F, None), value("y", F, None)], check=False)

# SCAN-DIRECTION: scan-direction.onnx: error: node #0 (op Scan, domain ai.onnx, opset 21): cannot convert to 'ds.scan': scan_output_directions[0] must be 0 (forward) or 1 (reverse), got 2
save(out_path(".scan-direction.onnx"), [
    helper.make_node("Scan", ["x"], ["y"], num_scan_inputs=1,
                     scan_output_directions=[2], body=neg_body),
], [value("x", F, [5, 3])], [value("y", F, None)], check=False)

# A state that changes shape is an error.
# SCAN-STATE: scan-state.onnx: error: node #0 (op Scan, domain ai.onnx, opset 21): cannot convert to 'ds.scan': scan body yields 'tensor<6xf32>' for state #0 of initial type 'tensor<3xf32>' (a state keeps its type)
save(out_path(".scan-state.onnx"), [
    helper.make_node("Scan", ["init", "x"], ["s"], num_scan_inputs=1,
                     body=graph([helper.make_node("Concat", ["acc", "row"],
                                                  ["cat"], axis=0)],
                                "body", [value("acc", F, [3]),
                                         value("row", F, [3])],
                                [value("cat", F, [6])])),
], [value("init", F, [3]), value("x", F, [5, 3])], [value("s", F, None)],
   check=False)

# CausalConvWithState: the default activation is dropped; an absent bias is
# an absent operand.
# CAUSAL27-LABEL: func.func @main
# CAUSAL27: ds.causal_conv_with_state %arg0, %{{.*}} past_state %arg1 : (tensor<1x8x?xf32>, tensor<8x1x4xf32>, tensor<1x8x3xf32>) -> (tensor<1x8x?xf32>, tensor<1x8x3xf32>)
# CAUSAL27: ds.causal_conv_with_state %arg0, %{{.*}} bias %{{.*}} {activation = "silu"} : (tensor<1x8x?xf32>, tensor<8x1x4xf32>, tensor<8xf32>) -> (tensor<1x8x?xf32>, tensor<1x8x3xf32>)
save(out_path(".causal27.onnx"), [
    helper.make_node("CausalConvWithState", ["x", "w", "", "s"], ["y", "s2"],
                     activation="none"),
    helper.make_node("CausalConvWithState", ["x", "w", "b"], ["z", "s3"],
                     activation="silu"),
], [value("x", F, [1, 8, "L"]), value("s", F, [1, 8, 3])],
   [value("y", F, [1, 8, None]), value("s2", F, [1, 8, 3]),
    value("z", F, [1, 8, None]), value("s3", F, [1, 8, 3])],
   [tensor("w", np.zeros((8, 1, 4), np.float32)),
    tensor("b", np.zeros((8,), np.float32))], opset=27)

# LinearAttention: defaults (chunk_size 64, scale 0, gated_delta) dropped.
# LINEAR27-LABEL: func.func @main
# LINEAR27: ds.linear_attention %arg0, %arg1, %arg2 past_state %arg3 decay %arg4 beta %arg5 {kv_num_heads = 2 : i64, q_num_heads = 4 : i64} : (tensor<1x1x32xf16>, tensor<1x1x16xf16>, tensor<1x1x12xf16>, tensor<1x2x8x6xf32>, tensor<1x1x2xf16>, tensor<1x1x2xf16>) -> (tensor<1x1x24xf16>, tensor<1x2x8x6xf32>)
# LINEAR27: ds.linear_attention %arg0, %arg1, %arg2 {chunk_size = 32 : i64, kv_num_heads = 2 : i64, q_num_heads = 4 : i64, scale = 2.500000e-01 : f32, update_rule = "linear"} : (tensor<1x1x32xf16>, tensor<1x1x16xf16>, tensor<1x1x12xf16>) -> (tensor<1x1x24xf16>, tensor<1x2x8x6xf16>)
save(out_path(".linear27.onnx"), [
    helper.make_node("LinearAttention", ["q", "k", "v", "s", "g", "b"],
                     ["o", "s2"], q_num_heads=4, kv_num_heads=2,
                     chunk_size=64, update_rule="gated_delta"),
    helper.make_node("LinearAttention", ["q", "k", "v"], ["o2", "s3"],
                     q_num_heads=4, kv_num_heads=2, chunk_size=32,
                     scale=0.25, update_rule="linear"),
], [value("q", H, [1, 1, 32]), value("k", H, [1, 1, 16]),
    value("v", H, [1, 1, 12]), value("s", F, [1, 2, 8, 6]),
    value("g", H, [1, 1, 2]), value("b", H, [1, 1, 2])],
   [value("o", H, [1, 1, 24]), value("s2", F, [1, 2, 8, 6]),
    value("o2", H, [1, 1, 24]), value("s3", H, [1, 2, 8, 6])], opset=27)

# CAUSAL-ACTIVATION: causal-activation.onnx: error: node #0 (op CausalConvWithState, domain ai.onnx, opset 27): cannot convert to 'ds.causal_conv_with_state': 'ds.causal_conv_with_state' op activation must be "none", "silu" or "swish", got "gelu"
save(out_path(".causal-activation.onnx"), [
    helper.make_node("CausalConvWithState", ["x", "w"], ["y", "s"],
                     activation="gelu"),
], [value("x", F, [1, 8, 5]), value("w", F, [8, 1, 4])],
   [value("y", F, None), value("s", F, None)], opset=27, check=False)

# LINEAR-HEADS: linear-heads.onnx: error: node #0 (op LinearAttention, domain ai.onnx, opset 27): attributes 'q_num_heads' and 'kv_num_heads' are required
save(out_path(".linear-heads.onnx"), [
    helper.make_node("LinearAttention", ["q", "q", "q"], ["o", "s"],
                     q_num_heads=2, update_rule="linear"),
], [value("q", F, [1, 1, 8])], [value("o", F, None), value("s", F, None)],
   opset=27, check=False)

# LINEAR-DECAY: linear-decay.onnx: error: node #0 (op LinearAttention, domain ai.onnx, opset 27): cannot convert to 'ds.linear_attention': 'ds.linear_attention' op update_rule "gated" requires decay
save(out_path(".linear-decay.onnx"), [
    helper.make_node("LinearAttention", ["q", "q", "q"], ["o", "s"],
                     q_num_heads=2, kv_num_heads=2, update_rule="gated"),
], [value("q", F, [1, 1, 8])], [value("o", F, None), value("s", F, None)],
   opset=27, check=False)
