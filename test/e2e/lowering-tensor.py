# The tensor ops as lowered by convert-ds-to-linalg, compiled by ds-compile
# and run through the runtime's C API, in the cases the ONNX node tests do
# not reach: data whose sizes are known only at run time together with
# shapes, bounds, pads and repeats fed as run-time inputs, and axes given as
# constant inputs (the node tests feed them as graph inputs, which ds takes
# only as constants). Each model runs at several shapes. References:
# onnxruntime, and numpy for Pad (numpy's modes are ONNX's).
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: reshape: ok
# CHECK: flatten squeeze unsqueeze: ok
# CHECK: slice: ok
# CHECK: pad: ok
# CHECK: expand tile: ok
# CHECK: constant_of_shape range: ok
# CHECK: shape size split concat transpose: ok
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
rng = np.random.default_rng(3)
F, I64 = TensorProto.FLOAT, TensorProto.INT64


def compile_model(name, nodes, inputs, outputs, initializers=(), opset=21):
    path = os.path.join(out, name + ".onnx")
    lib = os.path.join(out, name + ".so")
    save(path, nodes, inputs, outputs, initializers, opset=opset)
    subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib],
                   check=True)
    return path, Model(lib, runtime)


def compare(what, got, want):
    assert got.dtype == want.dtype, (what, got.dtype, want.dtype)
    assert got.shape == want.shape, (what, got.shape, want.shape)
    np.testing.assert_array_equal(got, want, err_msg=what)


def run_cli(name, feed):
    """Runs the compiled model with ds-run, which takes rank-0 inputs (the
    ctypes binding's np.ascontiguousarray makes them 1-D)."""
    args = [os.path.join(bin_dir, "ds-run"), os.path.join(out, name + ".so"),
            "--output-dir", os.path.join(out, name + ".out")]
    for key, array in feed.items():
        file = os.path.join(out, f"{name}.{key}.npy")
        np.save(file, array)
        args += ["--input", f"{key}={file}"]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return lambda output: np.load(os.path.join(out, name + ".out", output + ".npy"))


def check(name, nodes, inputs, outputs, feeds, initializers=()):
    """Compiles the model and compares every output with onnxruntime."""
    path, model = compile_model(name, nodes, inputs, outputs, initializers)
    session = ort.InferenceSession(path)
    for feed in feeds:
        if any(a.ndim == 0 for a in feed.values()):
            read = run_cli(name, feed)
            got = [read(o.name) for o in outputs]
        else:
            got = model.run(feed)
        for o, g, w in zip(outputs, got, session.run(None, feed)):
            compare(f"{name} {o.name} {[a.shape for a in feed.values()]}", g, w)


def data(*shape):
    return rng.standard_normal(shape).astype(np.float32)


def ints(*values):
    return np.array(values, np.int64)


# Reshape to a shape fed at run time (0 copies, -1 infers), of data whose
# sizes are dynamic; a constant shape that needs the run-time sizes; and
# allowzero with an empty tensor.
check("reshape_runtime",
      [helper.make_node("Reshape", ["x", "s"], ["y"])],
      [value("x", F, ["N", "M", 4]), value("s", I64, [3])],
      [value("y", F, [None, None, None])],
      [{"x": data(2, 3, 4), "s": ints(0, -1, 2)},
       {"x": data(5, 1, 4), "s": ints(-1, 0, 1)},
       {"x": data(3, 2, 4), "s": ints(4, 3, 2)}])
check("reshape_constant",
      [helper.make_node("Reshape", ["x", "s"], ["y"])],
      [value("x", F, ["N", "M", 6])], [value("y", F, [None, None])],
      [{"x": data(2, 3, 6)}, {"x": data(1, 5, 6)}],
      [tensor("s", ints(0, -1))])
# Collapsing a dynamic size into a static one would assume its size: the
# sizes come from the shape then.
check("reshape_regroup",
      [helper.make_node("Reshape", ["x", "s"], ["y"])],
      [value("x", F, ["N", "M", "K"])], [value("y", F, [None, 6])],
      [{"x": data(2, 3, 6)}, {"x": data(4, 6, 1)}],
      [tensor("s", ints(-1, 6))])
check("reshape_allowzero",
      [helper.make_node("Reshape", ["x", "s"], ["y"], allowzero=1)],
      [value("x", F, ["N", 3]), value("s", I64, [2])], [value("y", F, [None, None])],
      [{"x": data(0, 3), "s": ints(3, 0)}, {"x": data(2, 3), "s": ints(3, 2)}])
print("reshape: ok")

check("flatten_squeeze_unsqueeze",
      [helper.make_node("Flatten", ["x"], ["f0"], axis=0),
       helper.make_node("Flatten", ["x"], ["f2"], axis=2),
       helper.make_node("Flatten", ["x"], ["f4"], axis=4),
       helper.make_node("Squeeze", ["x", "sq"], ["s"]),
       helper.make_node("Unsqueeze", ["x", "uq"], ["u"])],
      [value("x", F, ["A", 1, "B", 1])],
      [value("f0", F, [1, None]), value("f2", F, [None, None]),
       value("f4", F, [None, 1]), value("s", F, [None, None]),
       value("u", F, [1, None, 1, 1, None, 1, 1])],
      [{"x": data(2, 1, 3, 1)}, {"x": data(1, 1, 5, 1)}],
      [tensor("sq", ints(1, -1)), tensor("uq", ints(0, -1, 3))])
print("flatten squeeze unsqueeze: ok")

# Slice with bounds and steps fed at run time (negative, out of range, huge)
# and constant axes.
slice_feeds = []
for shape, st, en, sp in (((4, 7), (1, -1), (100, 0), (2, -2)),
                          ((5, 9), (-100, 8), (4, -100), (1, -3)),
                          ((3, 2), (2, 0), (0, 2), (-1, 1)),
                          ((6, 6), (9223372036854775807, 2), (-9223372036854775807, 5),
                           (-1, 1)),
                          ((2, 3), (0, 5), (2, 6), (1, 1))):
    slice_feeds.append({"x": data(*shape), "st": ints(*st), "en": ints(*en),
                        "sp": ints(*sp)})
check("slice_runtime",
      [helper.make_node("Slice", ["x", "st", "en", "ax", "sp"], ["y"])],
      [value("x", F, ["N", "M"]), value("st", I64, [2]), value("en", I64, [2]),
       value("sp", I64, [2])],
      [value("y", F, [None, None])], slice_feeds, [tensor("ax", ints(-1, 0))])
print("slice: ok")


# Pad in every mode with pads fed at run time and constant axes; negative
# pads crop in constant mode. numpy's np.pad gives the reference.
def numpy_pad(x, pads, mode, axes, value=0.0):
    n = len(axes)
    widths = [(0, 0)] * x.ndim
    for i, axis in enumerate(axes):
        widths[axis] = (pads[i], pads[n + i])
    crop = tuple(slice(max(-b, 0), x.shape[d] - max(-e, 0))
                 for d, (b, e) in enumerate(widths))
    x = x[crop]
    widths = [(max(b, 0), max(e, 0)) for b, e in widths]
    if mode == "constant":
        return np.pad(x, widths, mode, constant_values=value)
    return np.pad(x, widths, {"reflect": "reflect", "edge": "edge",
                              "wrap": "wrap"}[mode])


for mode, cases in (("constant", [((3, 4), (1, -1, 2, 0)), ((2, 5), (-2, 3, 0, -4))]),
                    ("reflect", [((3, 4), (2, 3, 1, 0)), ((5, 2), (0, 1, 4, 1))]),
                    ("edge", [((3, 4), (2, 5, 0, 1)), ((1, 3), (3, 0, 2, 2))]),
                    ("wrap", [((3, 4), (2, 5, 1, 3)), ((2, 2), (4, 1, 0, 3))])):
    inputs = [value("x", F, ["N", "M"]), value("p", I64, [4])]
    names = ["x", "p", "", "ax"]
    if mode == "constant":
        inputs.append(value("c", F, []))
        names[2] = "c"
    _, model = compile_model(f"pad_{mode}",
                             [helper.make_node("Pad", names, ["y"], mode=mode)],
                             inputs, [value("y", F, [None, None])],
                             [tensor("ax", ints(1, 0))])
    for shape, pads in cases:
        x = data(*shape)
        feed = {"x": x, "p": ints(*pads)}
        if mode == "constant":
            feed["c"] = np.array(2.5, np.float32)
        got = (run_cli(f"pad_{mode}", feed)("y") if mode == "constant"
               else model.run(feed)[0])
        compare(f"Pad {mode} {shape} {pads}", got,
                numpy_pad(x, pads, mode, [1, 0], 2.5))
print("pad: ok")

# Expand to a shape fed at run time, from data whose sizes are dynamic (a
# run-time size of 1 broadcasts); Tile by run-time repeats.
check("expand_runtime",
      [helper.make_node("Expand", ["x", "s"], ["y"])],
      [value("x", F, ["A", "B"]), value("s", I64, [3])], [value("y", F, [None] * 3)],
      [{"x": data(3, 1), "s": ints(2, 1, 4)}, {"x": data(1, 4), "s": ints(1, 3, 1)},
       {"x": data(2, 3), "s": ints(2, 1, 1)}, {"x": data(1, 1), "s": ints(1, 1, 1)}])
check("expand_same_rank",
      [helper.make_node("Expand", ["x", "s"], ["y"])],
      [value("x", F, ["A", "B"]), value("s", I64, [2])], [value("y", F, [None] * 2)],
      [{"x": data(1, 4), "s": ints(3, 4)}, {"x": data(2, 1), "s": ints(2, 5)},
       {"x": data(2, 3), "s": ints(1, 1)}])
check("tile_runtime",
      [helper.make_node("Tile", ["x", "r"], ["y"])],
      [value("x", F, ["A", "B"]), value("r", I64, [2])], [value("y", F, [None] * 2)],
      [{"x": data(2, 3), "r": ints(2, 3)}, {"x": data(1, 4), "r": ints(3, 1)},
       {"x": data(2, 2), "r": ints(0, 2)}])
print("expand tile: ok")

check("constant_of_shape_range",
      [helper.make_node("ConstantOfShape", ["s"], ["c"],
                        value=helper.make_tensor("v", TensorProto.INT32, [1], [7])),
       helper.make_node("Range", ["a", "b", "d"], ["r"]),
       helper.make_node("Range", ["ia", "ib", "id"], ["ir"])],
      [value("s", I64, [3]), value("a", F, []), value("b", F, []), value("d", F, []),
       value("ia", I64, []), value("ib", I64, []), value("id", I64, [])],
      [value("c", TensorProto.INT32, [None] * 3), value("r", F, [None]),
       value("ir", I64, [None])],
      [{"s": ints(2, 3, 1), "a": np.array(1.5, np.float32),
        "b": np.array(-2.0, np.float32), "d": np.array(-0.75, np.float32),
        "ia": np.array(10, np.int64), "ib": np.array(-3, np.int64),
        "id": np.array(-4, np.int64)},
       {"s": ints(0, 2, 2), "a": np.array(0.0, np.float32),
        "b": np.array(1.0, np.float32), "d": np.array(0.25, np.float32),
        "ia": np.array(3, np.int64), "ib": np.array(3, np.int64),
        "id": np.array(1, np.int64)}])
print("constant_of_shape range: ok")

check("shape_size_split_concat_transpose",
      [helper.make_node("Shape", ["x"], ["sh"], start=-2),
       helper.make_node("Shape", ["x"], ["sh2"], end=-1),
       helper.make_node("Size", ["x"], ["n"]),
       helper.make_node("Split", ["x", "sp"], ["a", "b"], axis=1),
       helper.make_node("Split", ["x"], ["c", "d", "e"], axis=2, num_outputs=3),
       helper.make_node("Concat", ["x", "x"], ["cat"], axis=0),
       helper.make_node("Transpose", ["x"], ["t"])],
      [value("x", F, ["N", 5, "M"])],
      [value("sh", I64, [2]), value("sh2", I64, [2]), value("n", I64, []),
       value("a", F, [None, 2, None]), value("b", F, [None, 3, None]),
       value("c", F, [None, 5, None]), value("d", F, [None, 5, None]),
       value("e", F, [None, 5, None]), value("cat", F, [None, 5, None]),
       value("t", F, [None, 5, None])],
      [{"x": data(2, 5, 7)}, {"x": data(1, 5, 3)}, {"x": data(3, 5, 8)}],
      [tensor("sp", ints(2, 3))])
print("shape size split concat transpose: ok")
