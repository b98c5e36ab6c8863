# The Signal family's lowerings compiled by ds-compile and run through the
# runtime's C API, against ONNX's reference implementation
# (onnx.reference.ReferenceEvaluator), where the node tests do not reach:
# DFT at opset 20 (whose node tests feed the axis as a graph input, which ds
# takes as a constant) with a run-time dft_length that truncates or pads,
# the inverse transforms, odd lengths; STFT of a complex signal, without a
# window; MelWeightMatrix into an integer type.
# (Run through ds-run: the ctypes binding passes rank-0 inputs as rank 1.)
# RUN: %python %s %t %ds_bin | FileCheck %s
# CHECK: dft: ok
# CHECK: stft: ok
# CHECK: melweightmatrix: ok
import os
import subprocess
import sys

import numpy as np
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

from onnx_test_models import save, tensor, value

out, bin_dir = sys.argv[1:3]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(5)
counter = [0]


def check(node, inputs, feeds_list, outputs, initializers=(), opset=20,
          rtol=1e-4, atol=1e-4):
    """Compiles the one-node model and compares every feed's outputs with the
    reference evaluator's."""
    counter[0] += 1
    path = os.path.join(out, f"m{counter[0]}.onnx")
    lib = os.path.join(out, f"m{counter[0]}.so")
    model = save(path, [node], inputs, outputs, initializers, opset=opset)
    subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib], check=True)
    reference = ReferenceEvaluator(model)
    for k, feeds in enumerate(feeds_list):
        want = reference.run(None, feeds)
        args = [os.path.join(bin_dir, "ds-run"), lib, "--threads", "2",
                "--output-dir", os.path.join(out, f"o{counter[0]}_{k}")]
        for name, array in feeds.items():
            file = os.path.join(out, f"m{counter[0]}_{k}_{name}.npy")
            np.save(file, array)
            args += ["--input", f"{name}={file}"]
        subprocess.run(args, check=True, capture_output=True)
        got = [np.load(os.path.join(out, f"o{counter[0]}_{k}", o.name + ".npy"))
               for o in model.graph.output]
        for g, w in zip(got, want):
            w = np.asarray(w)
            what = f"{node.op_type} {dict((a.name, helper.get_attribute_value(a)) for a in node.attribute)}"
            assert g.dtype == w.dtype, (what, g.dtype, w.dtype)
            assert g.shape == w.shape, (what, g.shape, w.shape)
            np.testing.assert_allclose(g, w, rtol=rtol, atol=atol, err_msg=what)


F, I64 = TensorProto.FLOAT, TensorProto.INT64
axis = tensor("axis", np.array(1, np.int64))

# Forward, real and complex (one-sided only for real signals, as ds
# requires), with dft_length below, equal to and above the signal length
# (given at run time), on a dynamic batch.
for components, onesided in ((1, 0), (1, 1), (2, 0)):
    node = helper.make_node("DFT", ["x", "n", "axis"], ["y"], onesided=onesided)
    x = rng.standard_normal((3, 7, components)).astype(np.float32)
    check(node, [value("x", F, ["B", 7, components]), value("n", I64, [])],
          [{"x": x, "n": np.array(n, np.int64)} for n in (5, 7, 10)],
          [value("y", F, ["B", None, 2])], [axis])
# Inverse (complex), and the inverse one-sided transform with the default
# length and an odd one.
node = helper.make_node("DFT", ["x", "", "axis"], ["y"], inverse=1)
check(node, [value("x", F, [2, 6, 2])],
      [{"x": rng.standard_normal((2, 6, 2)).astype(np.float32)}],
      [value("y", F, [2, 6, 2])], [axis])
spectrum = np.fft.rfft(rng.standard_normal((2, 9)), axis=1)
packed = np.stack([spectrum.real, spectrum.imag], -1).astype(np.float32)
node = helper.make_node("DFT", ["x", "", "axis"], ["y"], inverse=1, onesided=1)
check(node, [value("x", F, [2, 5, 2])], [{"x": packed}], [value("y", F, [2, 8, 1])],
      [axis])
node = helper.make_node("DFT", ["x", "n", "axis"], ["y"], inverse=1, onesided=1)
check(node, [value("x", F, [2, 5, 2]), value("n", I64, [])],
      [{"x": packed, "n": np.array(9, np.int64)}], [value("y", F, [2, None, 1])],
      [axis])
# An axis other than 1, on a rank-4 input.
node = helper.make_node("DFT", ["x", "", "a"], ["y"])
check(node, [value("x", F, [2, 3, 4, 2])],
      [{"x": rng.standard_normal((2, 3, 4, 2)).astype(np.float32)}],
      [value("y", F, [2, 3, 4, 2])], [tensor("a", np.array(-2, np.int64))])
print("dft: ok")

# STFT of a complex signal, two-sided, without a window; and of a real one
# with a frame length and a step that leaves a remainder.
node = helper.make_node("STFT", ["x", "step", "", "length"], ["y"], onesided=0)
check(node, [value("x", F, [2, 20, 2]), value("step", I64, []), value("length", I64, [])],
      [{"x": rng.standard_normal((2, 20, 2)).astype(np.float32),
        "step": np.array(3, np.int64), "length": np.array(6, np.int64)}],
      [value("y", F, [2, None, None, 2])], opset=17)
node = helper.make_node("STFT", ["x", "step", "w"], ["y"])
check(node, [value("x", F, [1, 33, 1]), value("step", I64, []), value("w", F, [8])],
      [{"x": rng.standard_normal((1, 33, 1)).astype(np.float32),
        "step": np.array(5, np.int64),
        "w": np.hanning(8).astype(np.float32)}],
      [value("y", F, [1, None, 5, 2])], opset=17)
print("stft: ok")

# MelWeightMatrix with run-time operands, into f32 and int32 (truncated).
for dtype, elem in ((np.float32, F), (np.int32, TensorProto.INT32)):
    node = helper.make_node("MelWeightMatrix", ["bins", "n", "rate", "lo", "hi"], ["y"],
                            output_datatype=elem)
    check(node, [value(name, I64, []) for name in ("bins", "n", "rate")]
          + [value("lo", F, []), value("hi", F, [])],
          [{"bins": np.array(12, np.int64), "n": np.array(64, np.int64),
            "rate": np.array(8000, np.int64), "lo": np.array(60.0, np.float32),
            "hi": np.array(3800.0, np.float32)}],
          [value("y", elem, [None, None])], opset=17)
print("melweightmatrix: ok")
