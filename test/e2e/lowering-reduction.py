# The reductions as lowered by convert-ds-to-linalg, compiled by ds-compile
# and run through the runtime's C API, in the cases the ONNX node tests do
# not reach: axes as constant inputs (the node tests feed them as graph
# inputs, which ds takes only as constants), dynamic sizes at two batch
# sizes, reductions over empty sets, integers, f16, NaN and ties in
# ArgMax/ArgMin and TopK. References: onnxruntime, or numpy where ONNX
# specifies what onnxruntime does not (empty sets, NaN).
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: reduce over axes: ok
# CHECK: reduce over empty sets: ok
# CHECK: integer reductions: ok
# CHECK: f16 reductions: ok
# CHECK: argmax argmin: ok
# CHECK: top_k: ok
import os
import subprocess
import sys

import numpy as np
import onnxruntime as ort
from onnx import TensorProto, helper

from ds_runtime import Model
from onnx_test_models import save, tensor, value

out, bin_dir, runtime = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)


def compile_model(name, nodes, inputs, outputs, initializers=(), opset=21):
    path = os.path.join(out, name + ".onnx")
    lib = os.path.join(out, name + ".so")
    save(path, nodes, inputs, outputs, initializers, opset=opset)
    subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib],
                   check=True)
    return path, Model(lib, runtime)


def compare(what, got, want, rtol=1e-5, atol=1e-6):
    assert got.dtype == want.dtype, (what, got.dtype, want.dtype)
    assert got.shape == want.shape, (what, got.shape, want.shape)
    if want.dtype.kind == "f":
        np.testing.assert_allclose(got, want, rtol=rtol, atol=atol,
                                   equal_nan=True, err_msg=what)
    else:
        np.testing.assert_array_equal(got, want, err_msg=what)


def against_ort(path, model, names, feeds, rtol=1e-5, atol=1e-6):
    session = ort.InferenceSession(path)
    for feed in feeds:
        want = session.run(None, feed)
        got = model.run(feed, threads=2)
        for name, g, w in zip(names, got, want):
            compare(name, g, w, rtol, atol)


REDUCTIONS = ["ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd",
              "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp",
              "ReduceSumSquare"]

# Every reduction over three sets of axes (constant inputs), with and
# without keepdims, on a batch of dynamic size; LogSum on a positive input.
nodes, outputs, inits = [], [], []
axes_sets = {"a1": [1], "neg": [-1, 0], "all": None}
for key, axes in axes_sets.items():
    if axes is not None:
        inits.append(tensor("axes_" + key, np.array(axes, np.int64)))
for op in REDUCTIONS:
    source = "p" if op == "ReduceLogSum" else "x"
    for key, axes in axes_sets.items():
        for keep in (0, 1):
            name = f"{op}_{key}_{keep}"
            ins = [source] + (["axes_" + key] if axes is not None else [])
            nodes.append(helper.make_node(op, ins, [name], keepdims=keep))
            rank = 3 if keep else 3 - len(axes or [0, 1, 2])
            outputs.append(value(name, TensorProto.FLOAT, [None] * rank))
# noop_with_empty_axes with an empty axes input: the identity.
inits.append(tensor("no_axes", np.array([], np.int64)))
nodes.append(helper.make_node("ReduceSum", ["x", "no_axes"], ["noop"],
                              noop_with_empty_axes=1))
outputs.append(value("noop", TensorProto.FLOAT, [None] * 3))
inputs = [value("x", TensorProto.FLOAT, ["N", 3, 4]),
          value("p", TensorProto.FLOAT, ["N", 3, 4])]
path, model = compile_model("reduce_axes", nodes, inputs, outputs, inits)
feeds = []
for batch in (2, 5):
    x = rng.standard_normal((batch, 3, 4)).astype(np.float32)
    feeds.append({"x": x, "p": np.abs(x) + 0.1})
against_ort(path, model, [o.name for o in outputs], feeds, rtol=1e-5, atol=1e-5)
print("reduce over axes: ok")

# Reductions over an empty axis give the identity of their combining op, as
# ONNX's node tests expect.
empty = {"ReduceSum": 0.0, "ReduceProd": 1.0, "ReduceMax": -np.inf,
         "ReduceMin": np.inf, "ReduceL1": 0.0, "ReduceL2": 0.0,
         "ReduceLogSum": -np.inf, "ReduceLogSumExp": -np.inf,
         "ReduceSumSquare": 0.0}
nodes = [helper.make_node(op, ["x", "axes"], [op], keepdims=1) for op in empty]
outputs = [value(op, TensorProto.FLOAT, [2, 1, 3]) for op in empty]
_, model = compile_model("reduce_empty", nodes,
                         [value("x", TensorProto.FLOAT, [2, 0, 3])], outputs,
                         [tensor("axes", np.array([1], np.int64))])
got = model.run({"x": np.zeros((2, 0, 3), np.float32)})
for (op, identity), g in zip(empty.items(), got):
    compare(op, g, np.full((2, 1, 3), identity, np.float32))
print("reduce over empty sets: ok")

# Integers: sums and products wrap, max and min start from the extreme
# integers, the mean truncates toward zero (numpy's mean cast back).
int_ops = ["ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
           "ReduceSumSquare", "ReduceMean"]
nodes = [helper.make_node(op, ["x", "axes"], [op], keepdims=0) for op in int_ops]
outputs = [value(op, TensorProto.INT32, ["N"]) for op in int_ops]
_, model = compile_model("reduce_int", nodes,
                         [value("x", TensorProto.INT32, ["N", 5])], outputs,
                         [tensor("axes", np.array([1], np.int64))])
for batch in (1, 4):
    x = rng.integers(-9, 10, (batch, 5)).astype(np.int32)
    want = {"ReduceSum": x.sum(1), "ReduceMax": x.max(1), "ReduceMin": x.min(1),
            "ReduceProd": x.prod(1), "ReduceL1": np.abs(x).sum(1),
            "ReduceSumSquare": (x * x).sum(1),
            "ReduceMean": np.trunc(x.mean(1))}
    for op, g in zip(int_ops, model.run({"x": x})):
        compare(op, g, want[op].astype(np.int32))
print("integer reductions: ok")

# f16: sums accumulate in f32 and round once, so 256 terms stay within an
# f16 rounding of the exact result.
half_ops = ["ReduceSum", "ReduceMean", "ReduceL2", "ReduceLogSumExp", "ReduceMax"]
nodes = [helper.make_node(op, ["x", "axes"], [op], keepdims=0) for op in half_ops]
outputs = [value(op, TensorProto.FLOAT16, ["N"]) for op in half_ops]
_, model = compile_model("reduce_f16", nodes,
                         [value("x", TensorProto.FLOAT16, ["N", 256])], outputs,
                         [tensor("axes", np.array([-1], np.int64))])
x = rng.standard_normal((3, 256)).astype(np.float16)
w = x.astype(np.float64)
want = {"ReduceSum": w.sum(1), "ReduceMean": w.mean(1),
        "ReduceL2": np.sqrt((w * w).sum(1)),
        "ReduceLogSumExp": np.log(np.exp(w).sum(1)), "ReduceMax": w.max(1)}
for op, g in zip(half_ops, model.run({"x": x})):
    compare(op, g, want[op].astype(np.float16), rtol=1e-3, atol=2e-3)
print("f16 reductions: ok")


# ArgMax and ArgMin: the first (or last) extreme index; a NaN counts as
# the extreme, as numpy's argmax and argmin say.
def arg_reference(x, axis, largest, last):
    if last:
        flipped = np.flip(x, axis)
        found = np.argmax(flipped, axis) if largest else np.argmin(flipped, axis)
        return (x.shape[axis] - 1 - found).astype(np.int64)
    return (np.argmax(x, axis) if largest else np.argmin(x, axis)).astype(np.int64)


cases = []
for op, largest in (("ArgMax", True), ("ArgMin", False)):
    for axis in (1, -2):
        for last in (0, 1):
            cases.append((op, largest, axis, last))
for elem, dtype in ((TensorProto.FLOAT, np.float32), (TensorProto.INT32, np.int32)):
    nodes, outputs = [], []
    for op, largest, axis, last in cases:
        name = f"{op}_{axis}_{last}"
        nodes.append(helper.make_node(op, ["x"], [name], axis=axis, keepdims=0,
                                      select_last_index=last))
        outputs.append(value(name, TensorProto.INT64, [None]))
    nodes.append(helper.make_node("ArgMax", ["x"], ["keep"], axis=0))
    outputs.append(value("keep", TensorProto.INT64, [1, 6]))
    _, model = compile_model(f"arg_{dtype.__name__}", nodes,
                             [value("x", elem, ["N", 6])], outputs)
    for batch in (3, 6):
        x = rng.integers(-3, 4, (batch, 6)).astype(dtype)  # many ties
        if dtype == np.float32:
            x[0, 2] = x[0, 4] = np.nan
            x[1, 0] = np.inf
            x[2, :] = -np.inf
        got = model.run({"x": x})
        for (op, largest, axis, last), g in zip(cases, got):
            compare(f"{op} axis={axis} last={last}", g,
                    arg_reference(x, axis, largest, last))
        compare("ArgMax keepdims", got[-1], arg_reference(x, 0, True, 0)[None])
print("argmax argmin: ok")


# TopK: by value (NaN above every number), equal values by increasing
# index; k and the axis size known at run time.
def top_k_reference(x, k, axis, largest):
    moved = np.moveaxis(x, axis, -1)
    values = np.empty(moved.shape[:-1] + (k,), x.dtype)
    indices = np.empty(moved.shape[:-1] + (k,), np.int64)
    for pos in np.ndindex(moved.shape[:-1]):
        row = moved[pos]

        def key(i):
            v = row[i]
            nan = bool(np.isnan(v)) if row.dtype.kind == "f" else False
            if largest:
                return (0 if nan else 1, 0 if nan else -v, i)
            return (1 if nan else 0, 0 if nan else v, i)

        order = sorted(range(row.shape[0]), key=key)[:k]
        values[pos] = row[order]
        indices[pos] = order
    return np.moveaxis(values, -1, axis), np.moveaxis(indices, -1, axis)


for elem, dtype in ((TensorProto.FLOAT, np.float32), (TensorProto.INT32, np.int32)):
    nodes = [helper.make_node("TopK", ["x", "k"], ["v1", "i1"], axis=-1),
             helper.make_node("TopK", ["x", "k"], ["v2", "i2"], axis=0, largest=0)]
    outputs = [value("v1", elem, [None, None]),
               value("i1", TensorProto.INT64, [None, None]),
               value("v2", elem, [None, None]),
               value("i2", TensorProto.INT64, [None, None])]
    _, model = compile_model(f"top_k_{dtype.__name__}", nodes,
                             [value("x", elem, ["N", "M"]),
                              value("k", TensorProto.INT64, [1])], outputs)
    for shape, k in (((4, 7), 3), ((5, 5), 5), ((3, 4), 0), ((6, 9), 1)):
        x = rng.integers(-4, 5, shape).astype(dtype)
        if dtype == np.float32:
            x[0, 1] = x[0, 3] = np.nan
            x[1, 2] = -np.inf
        got = model.run({"x": x, "k": np.array([k], np.int64)})
        for axis, largest, (gv, gi) in ((-1, True, got[0:2]), (0, False, got[2:4])):
            if k > x.shape[axis]:
                continue
            wv, wi = top_k_reference(x, k, axis, largest)
            compare(f"TopK values {shape} k={k} axis={axis}", gv, wv)
            compare(f"TopK indices {shape} k={k} axis={axis}", gi, wi)
print("top_k: ok")
