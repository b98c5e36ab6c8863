# If and Loop lowered to scf (ControlFlowLowering.cpp), compiled and run
# against onnxruntime: branches yielding different shapes, a counted loop
# with a scan output and an If in its body, a loop whose condition the body
# computes (a while loop), and one that stops before its trip count.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: if_shapes: ok
# CHECK: counted_loop_scan_nested_if: ok
# CHECK: while_loop: ok
# CHECK: loop_cond_and_trip_count: ok
import os
import subprocess
import sys

import numpy as np
import onnxruntime as ort

from ds_runtime import Model
from onnx_test_models import TensorProto, helper, save, tensor, value

out, bin_dir, runtime = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
F, I64, B = TensorProto.FLOAT, TensorProto.INT64, TensorProto.BOOL


def check(name, nodes, inputs, outputs, feeds, initializers=(), opset=18):
    path = os.path.join(out, name + ".onnx")
    lib = os.path.join(out, name + ".so")
    save(path, nodes, inputs, outputs, initializers, opset=opset)
    subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib], check=True)
    model = Model(lib, runtime)
    session = ort.InferenceSession(path)
    for feed in feeds:
        want = session.run(None, feed)
        got = model.run(feed)
        for g, w in zip(got, want):
            assert g.dtype == w.dtype and g.shape == w.shape, (name, g.shape, w.shape)
            np.testing.assert_allclose(g, w, rtol=1e-6, atol=1e-6, err_msg=name)
    print(f"{name}: ok")


# The 0-d inputs of these models come in as 1-element vectors reshaped to
# scalars: the ctypes binding passes 0-d arrays as 1-d.
def scalar(name, source):
    return helper.make_node("Reshape", [source, "scalar_shape"], [name])


SCALAR = tensor("scalar_shape", np.zeros((0,), np.int64))

# If: the then branch yields 2 elements, the else branch 3.
then_branch = helper.make_graph(
    [helper.make_node("Neg", ["a"], ["ta"])], "then", [], [value("ta", F, [2])])
else_branch = helper.make_graph(
    [helper.make_node("Add", ["b", "b"], ["eb"])], "else", [], [value("eb", F, [3])])
check("if_shapes",
      [scalar("c", "c1"),
       helper.make_node("If", ["c"], ["y"], then_branch=then_branch,
                        else_branch=else_branch)],
      [value("c1", B, [1]), value("a", F, [2]), value("b", F, [3])],
      [value("y", F, [None])],
      [{"c1": np.array([flag]), "a": np.array([1, -2], np.float32),
        "b": np.array([0.5, 1, 2], np.float32)} for flag in (True, False)],
      initializers=[SCALAR])

# Loop with a trip count only: acc += x each iteration, and each
# iteration's acc (doubled from the third iteration on, through an If)
# stacked into a scan output.
late_then = helper.make_graph(
    [helper.make_node("Add", ["acc_out", "acc_out"], ["doubled"])], "late", [],
    [value("doubled", F, [3])])
late_else = helper.make_graph(
    [helper.make_node("Identity", ["acc_out"], ["same"])], "early", [],
    [value("same", F, [3])])
body = helper.make_graph(
    [helper.make_node("Add", ["acc_in", "x"], ["acc_out"]),
     helper.make_node("Greater", ["i", "one"], ["late"]),
     helper.make_node("If", ["late"], ["row"], then_branch=late_then,
                      else_branch=late_else),
     helper.make_node("Identity", ["cond_in"], ["cond_out"])],
    "body",
    [value("i", I64, []), value("cond_in", B, []), value("acc_in", F, [3])],
    [value("cond_out", B, []), value("acc_out", F, [3]), value("row", F, [3])])
check("counted_loop_scan_nested_if",
      [scalar("n", "n1"),
       helper.make_node("Loop", ["n", "", "init"], ["acc", "rows"], body=body)],
      [value("n1", I64, [1]), value("init", F, [3]), value("x", F, [3])],
      [value("acc", F, [3]), value("rows", F, [None, 3])],
      [{"n1": np.array([n], np.int64), "init": np.array([1, 2, 3], np.float32),
        "x": np.array([0.5, -1, 2], np.float32)} for n in (4, 1)],
      initializers=[SCALAR, tensor("one", np.array(1, np.int64))])

# A while loop: no trip count; the body doubles v while its sum stays below
# the limit.
while_body = helper.make_graph(
    [helper.make_node("Add", ["v_in", "v_in"], ["v_out"]),
     helper.make_node("ReduceSum", ["v_out"], ["total"], keepdims=0),
     helper.make_node("Less", ["total", "limit"], ["cond_out"])],
    "body",
    [value("i", I64, []), value("cond_in", B, []), value("v_in", F, [2])],
    [value("cond_out", B, []), value("v_out", F, [2])])
check("while_loop",
      [helper.make_node("Loop", ["", "go", "v"], ["v_final"], body=while_body)],
      [value("v", F, [2])],
      [value("v_final", F, [2])],
      [{"v": np.array([1, 2], np.float32)}, {"v": np.array([30, 40], np.float32)}],
      initializers=[tensor("go", np.array(True)),
                    tensor("limit", np.array(50, np.float32))])

# A trip count and a condition the body computes: the loop ends at
# whichever comes first.
count_body = helper.make_graph(
    [helper.make_node("Add", ["v_in", "step"], ["v_out"]),
     helper.make_node("Less", ["v_out", "limit"], ["cond_out"])],
    "body",
    [value("i", I64, []), value("cond_in", B, []), value("v_in", F, [])],
    [value("cond_out", B, []), value("v_out", F, [])])
check("loop_cond_and_trip_count",
      [scalar("n", "n1"),
       helper.make_node("Loop", ["n", "go", "v0"], ["v"], body=count_body),
       helper.make_node("Reshape", ["v", "one_shape"], ["v1"])],
      [value("n1", I64, [1])],
      [value("v1", F, [1])],
      [{"n1": np.array([n], np.int64)} for n in (2, 10, 0)],
      initializers=[SCALAR, tensor("one_shape", np.array([1], np.int64)),
                    tensor("go", np.array(True)),
                    tensor("v0", np.array(0, np.float32)),
                    tensor("step", np.array(1.5, np.float32)),
                    tensor("limit", np.array(6, np.float32))])
