# The recurrent family lowered (RecurrentLowering.cpp) and run, against
# onnxruntime, in the cases the ONNX node tests leave out: sequence_lens
# (forward, reverse, bidirectional), non-default activations with alpha and
# beta, clip, input_forget, peepholes, layout 1, dynamic batch and sequence
# sizes, linear_before_reset, and Scan along other axes and backwards.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: lstm_bidirectional_lens: ok
# CHECK: lstm_activations_clip_forget: ok
# CHECK: gru_reverse_lens_layout1: ok
# CHECK: gru_bidirectional_bias_h0: ok
# CHECK: rnn_leaky_clip_dynamic: ok
# CHECK: scan_axes_directions: ok
import os
import subprocess
import sys

import numpy as np
import onnxruntime as ort

from ds_runtime import Model
from onnx_test_models import TensorProto, helper, save, value

out, bin_dir, runtime = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)
F = TensorProto.FLOAT


def check(name, nodes, inputs, outputs, feeds, opset=14, rtol=1e-4, atol=1e-5,
          reference=None):
    """Compiles the model and compares with onnxruntime on each feed.
    `reference` (nodes, inputs, outputs, feed map, output map) is another
    model for onnxruntime, with functions mapping the feeds to it and its
    outputs back (onnxruntime runs no recurrent op with layout 1)."""
    path = os.path.join(out, name + ".onnx")
    lib = os.path.join(out, name + ".so")
    save(path, nodes, inputs, outputs, opset=opset)
    subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib], check=True)
    model = Model(lib, runtime)
    to_feed, from_outputs = (lambda f: f), (lambda o: o)
    if reference:
        ref_nodes, ref_inputs, ref_outputs, to_feed, from_outputs = reference
        path = os.path.join(out, name + "-reference.onnx")
        save(path, ref_nodes, ref_inputs, ref_outputs, opset=opset)
    session = ort.InferenceSession(path)
    for feed in feeds:
        want = from_outputs(session.run(None, to_feed(feed)))
        got = model.run(feed)
        for g, w in zip(got, want):
            assert g.shape == w.shape, (name, g.shape, w.shape)
            np.testing.assert_allclose(g, w, rtol=rtol, atol=atol, err_msg=name)
    print(f"{name}: ok")


def randn(*shape, scale=1.0):
    return (scale * rng.standard_normal(shape)).astype(np.float32)


# LSTM, both directions, sequence lengths shorter than S (and one 0), bias,
# initial states and peepholes.
S, N, I, H = 5, 4, 3, 6
check("lstm_bidirectional_lens",
      [helper.make_node("LSTM", ["X", "W", "R", "B", "lens", "h0", "c0", "P"],
                        ["Y", "Y_h", "Y_c"], hidden_size=H,
                        direction="bidirectional")],
      [value("X", F, [S, N, I]), value("W", F, [2, 4 * H, I]),
       value("R", F, [2, 4 * H, H]), value("B", F, [2, 8 * H]),
       value("lens", TensorProto.INT32, [N]), value("h0", F, [2, N, H]),
       value("c0", F, [2, N, H]), value("P", F, [2, 3 * H])],
      [value("Y", F, [S, 2, N, H]), value("Y_h", F, [2, N, H]),
       value("Y_c", F, [2, N, H])],
      [{"X": randn(S, N, I), "W": randn(2, 4 * H, I, scale=0.5),
        "R": randn(2, 4 * H, H, scale=0.5), "B": randn(2, 8 * H, scale=0.5),
        "lens": np.array([5, 3, 1, 4], np.int32), "h0": randn(2, N, H),
        "c0": randn(2, N, H), "P": randn(2, 3 * H, scale=0.5)}])

# LSTM with other activations (parameters consumed in order), clip and the
# coupled input/forget gate.
check("lstm_activations_clip_forget",
      [helper.make_node("LSTM", ["X", "W", "R", "B"], ["Y", "Y_h", "Y_c"],
                        hidden_size=H, input_forget=1, clip=1.5,
                        activations=["HardSigmoid", "LeakyRelu", "ScaledTanh"],
                        activation_alpha=[0.3, 0.2, 0.9],
                        activation_beta=[0.4, 1.1])],
      [value("X", F, [S, N, I]), value("W", F, [1, 4 * H, I]),
       value("R", F, [1, 4 * H, H]), value("B", F, [1, 8 * H])],
      [value("Y", F, [S, 1, N, H]), value("Y_h", F, [1, N, H]),
       value("Y_c", F, [1, N, H])],
      [{"X": randn(S, N, I), "W": randn(1, 4 * H, I), "R": randn(1, 4 * H, H),
        "B": randn(1, 8 * H)}])

# GRU, reverse, sequence lengths, layout 1 (batch first), linear before
# reset, dynamic batch and sequence sizes: two shapes from one library.
def gru_reverse(layout):
    return helper.make_node("GRU", ["X", "W", "R", "B", "lens", "h0"],
                            ["Y", "Y_h"], hidden_size=H, direction="reverse",
                            layout=layout, linear_before_reset=1)


def batch_second(feed):
    return dict(feed, X=feed["X"].transpose(1, 0, 2),
                h0=feed["h0"].transpose(1, 0, 2))


check("gru_reverse_lens_layout1",
      [gru_reverse(1)],
      [value("X", F, ["N", "S", I]), value("W", F, [1, 3 * H, I]),
       value("R", F, [1, 3 * H, H]), value("B", F, [1, 6 * H]),
       value("lens", TensorProto.INT32, ["N"]), value("h0", F, ["N", 1, H])],
      [value("Y", F, ["N", "S", 1, H]), value("Y_h", F, ["N", 1, H])],
      [{"X": randn(n, s, I), "W": randn(1, 3 * H, I, scale=0.5),
        "R": randn(1, 3 * H, H, scale=0.5), "B": randn(1, 6 * H),
        "lens": lens, "h0": randn(n, 1, H)}
       for n, s, lens in ((4, 5, np.array([5, 2, 3, 1], np.int32)),
                          (2, 7, np.array([7, 4], np.int32)))],
      reference=(
          [gru_reverse(0)],
          [value("X", F, ["S", "N", I]), value("W", F, [1, 3 * H, I]),
           value("R", F, [1, 3 * H, H]), value("B", F, [1, 6 * H]),
           value("lens", TensorProto.INT32, ["N"]), value("h0", F, [1, "N", H])],
          [value("Y", F, ["S", 1, "N", H]), value("Y_h", F, [1, "N", H])],
          batch_second,
          lambda o: [o[0].transpose(2, 0, 1, 3), o[1].transpose(1, 0, 2)]))

# GRU, both directions, the default (reset before the product), bias and
# initial state.
check("gru_bidirectional_bias_h0",
      [helper.make_node("GRU", ["X", "W", "R", "B", "", "h0"], ["Y", "Y_h"],
                        hidden_size=H, direction="bidirectional")],
      [value("X", F, [S, N, I]), value("W", F, [2, 3 * H, I]),
       value("R", F, [2, 3 * H, H]), value("B", F, [2, 6 * H]),
       value("h0", F, [2, N, H])],
      [value("Y", F, [S, 2, N, H]), value("Y_h", F, [2, N, H])],
      [{"X": randn(S, N, I), "W": randn(2, 3 * H, I, scale=0.5),
        "R": randn(2, 3 * H, H, scale=0.5), "B": randn(2, 6 * H),
        "h0": randn(2, N, H)}])

# RNN with LeakyRelu and Softsign per direction, clip, dynamic sizes.
check("rnn_leaky_clip_dynamic",
      [helper.make_node("RNN", ["X", "W", "R", "B", "lens"], ["Y", "Y_h"],
                        hidden_size=H, direction="bidirectional", clip=2.0,
                        activations=["LeakyRelu", "Softsign"],
                        activation_alpha=[0.1])],
      [value("X", F, ["S", "N", I]), value("W", F, [2, H, I]),
       value("R", F, [2, H, H]), value("B", F, [2, 2 * H]),
       value("lens", TensorProto.INT32, ["N"])],
      [value("Y", F, ["S", 2, "N", H]), value("Y_h", F, [2, "N", H])],
      [{"X": randn(s, n, I), "W": randn(2, H, I), "R": randn(2, H, H, scale=0.5),
        "B": randn(2, 2 * H), "lens": lens}
       for s, n, lens in ((4, 3, np.array([4, 2, 3], np.int32)),
                          (6, 2, np.array([1, 6], np.int32)))])

# Scan (opset 16) with a state, a scan input along axis 1 read backwards
# and two scan outputs: one along axis 1 prepended, one along axis -1.
body = helper.make_graph(
    [helper.make_node("Add", ["acc_in", "col"], ["acc_out"]),
     helper.make_node("Mul", ["acc_out", "col"], ["prod"]),
     helper.make_node("Identity", ["acc_out"], ["scan_a"])],
    "body",
    [value("acc_in", F, [2, 3]), value("col", F, [2, 3])],
    [value("acc_out", F, [2, 3]), value("scan_a", F, [2, 3]),
     value("prod", F, [2, 3])])
check("scan_axes_directions",
      [helper.make_node("Scan", ["init", "x"], ["final", "ya", "yb"], body=body,
                        num_scan_inputs=1, scan_input_axes=[1],
                        scan_input_directions=[1], scan_output_axes=[1, -1],
                        scan_output_directions=[1, 0])],
      [value("init", F, [2, 3]), value("x", F, [2, 4, 3])],
      [value("final", F, [2, 3]), value("ya", F, [2, 4, 3]),
       value("yb", F, [2, 3, 4])],
      [{"init": randn(2, 3), "x": randn(2, 4, 3)}], opset=16)
