# The sequence and optional ops resolved into their element tensors
# (SequenceLowering.cpp) inside models whose inputs and outputs are tensors
# (the ONNX node tests of these ops all have sequences or optionals at the
# model boundary), compiled and run against onnxruntime.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: split_at_concat: ok
# CHECK: empty_insert_erase_length: ok
# CHECK: construct_at_runtime_position: ok
# CHECK: optionals: ok
import os
import subprocess
import sys

import numpy as np
import onnxruntime as ort

from ds_runtime import Model
from onnx_test_models import TensorProto, helper, save, tensor, value

out, bin_dir, runtime = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(3)
F, I64 = TensorProto.FLOAT, TensorProto.INT64


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
        assert len(got) == len(want), name
        for g, w in zip(got, want):
            assert g.dtype == w.dtype and g.shape == w.shape, (name, g.shape, w.shape)
            np.testing.assert_allclose(g, w, rtol=1e-6, atol=1e-6, err_msg=name)
    print(f"{name}: ok")


# SplitToSequence in uneven pieces (a scalar split), one taken by a negative
# position, the pieces of another split stacked along a new last axis.
check("split_at_concat",
      [helper.make_node("SplitToSequence", ["x", "three"], ["pieces"], axis=1),
       helper.make_node("SequenceAt", ["pieces", "minus_one"], ["last"]),
       helper.make_node("SplitToSequence", ["x"], ["rows"], axis=0, keepdims=0),
       helper.make_node("ConcatFromSequence", ["rows"], ["stacked"], axis=-1,
                        new_axis=1),
       helper.make_node("Relu", ["stacked"], ["y"])],
      [value("x", F, [2, 7])],
      [value("last", F, [2, 1]), value("y", F, [7, 2])],
      [{"x": rng.standard_normal((2, 7)).astype(np.float32)}],
      initializers=[tensor("three", np.array(3, np.int64)),
                    tensor("minus_one", np.array(-1, np.int64))])

# An empty sequence (no shapes in its type) filled by SequenceInsert (at
# the end and at a position), one element erased, its length, the rest
# concatenated and used by an elementwise op.
check("empty_insert_erase_length",
      [helper.make_node("SequenceEmpty", [], ["s0"], dtype=F),
       helper.make_node("SequenceInsert", ["s0", "a"], ["s1"]),
       helper.make_node("SequenceInsert", ["s1", "b"], ["s2"]),
       helper.make_node("SequenceInsert", ["s2", "c", "zero"], ["s3"]),
       helper.make_node("SequenceErase", ["s3", "one"], ["s4"]),
       helper.make_node("SequenceLength", ["s4"], ["n"]),
       helper.make_node("ConcatFromSequence", ["s4"], ["cat"], axis=0),
       helper.make_node("Mul", ["cat", "cat"], ["y"])],
      [value("a", F, [2, 3]), value("b", F, [1, 3]), value("c", F, [4, 3])],
      [value("n", I64, []), value("y", F, [None, 3])],
      [{"a": rng.standard_normal((2, 3)).astype(np.float32),
        "b": rng.standard_normal((1, 3)).astype(np.float32),
        "c": rng.standard_normal((4, 3)).astype(np.float32)}],
      initializers=[tensor("zero", np.array(0, np.int64)),
                    tensor("one", np.array(1, np.int64))])

# SequenceAt with a position known at run time only (negative ones count
# from the end). The position comes in as a 1-element vector reshaped to a
# scalar: the ctypes binding passes 0-d arrays as 1-d.
check("construct_at_runtime_position",
      [helper.make_node("SequenceConstruct", ["a", "b", "c"], ["s"]),
       helper.make_node("Reshape", ["i1", "scalar"], ["i"]),
       helper.make_node("SequenceAt", ["s", "i"], ["y"])],
      [value("a", F, [3]), value("b", F, [3]), value("c", F, [3]),
       value("i1", I64, [1])],
      [value("y", F, [3])],
      [{"a": np.array([1, 2, 3], np.float32), "b": np.array([4, 5, 6], np.float32),
        "c": np.array([7, 8, 9], np.float32), "i1": np.array([i], np.int64)}
       for i in (0, 2, -1, -3)],
      initializers=[tensor("scalar", np.zeros((0,), np.int64))])

# Optional of a tensor and of a sequence, an empty optional, and what
# OptionalHasElement and OptionalGetElement make of them.
seq_type = helper.make_sequence_type_proto(
    helper.make_tensor_type_proto(F, None))
check("optionals",
      [helper.make_node("Optional", ["x"], ["ox"]),
       helper.make_node("OptionalHasElement", ["ox"], ["has_x"]),
       helper.make_node("OptionalGetElement", ["ox"], ["x2"]),
       helper.make_node("Optional", [], ["none"],
                        type=helper.make_tensor_type_proto(F, [2])),
       helper.make_node("OptionalHasElement", ["none"], ["has_none"]),
       helper.make_node("SequenceConstruct", ["x", "x2"], ["s"]),
       helper.make_node("Optional", ["s"], ["os"]),
       helper.make_node("OptionalGetElement", ["os"], ["s2"]),
       helper.make_node("ConcatFromSequence", ["s2"], ["y"], axis=0)],
      [value("x", F, [2])],
      [value("has_x", TensorProto.BOOL, []), value("has_none", TensorProto.BOOL, []),
       value("y", F, [4])],
      [{"x": np.array([1.5, -2], np.float32)}])
