# Sequence (opset 11+) and optional (15+) ops import onto !ds.seq / !ds.opt
# values and their ops, and round-trip through ds-export with the outputs
# of onnxruntime unchanged.
# RUN: %python %s %t %ds_bin/ds-export > %t.log && FileCheck %s --check-prefix=RT < %t.log
# RUN: ds-opt %t.seq.onnx | FileCheck %s --check-prefix=SEQ
# RUN: ds-opt %t.opt.onnx | FileCheck %s --check-prefix=OPT
# RUN: not ds-opt %t.empty-opt.onnx 2>&1 | FileCheck %s --check-prefix=NOTYPE
import subprocess
import sys

import onnxruntime as ort
from onnx_test_models import *

out, export = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(1)

# SEQ-LABEL: func.func @main
# SEQ: %[[S:.*]] = ds.split_to_sequence %arg0 {axis = 1 : i64, keepdims = false} : (tensor<3x4xf32>) -> !ds.seq<tensor<3xf32>>
# SEQ: ds.sequence_construct %arg0, %arg0 : (tensor<3x4xf32>, tensor<3x4xf32>) -> !ds.seq<tensor<3x4xf32>>
# SEQ: ds.sequence_insert
# SEQ: ds.sequence_erase
# SEQ: ds.sequence_at %[[S]], %{{.*}} : (!ds.seq<tensor<3xf32>>, tensor<i64>) -> tensor<3xf32>
# SEQ: ds.sequence_length %[[S]] : (!ds.seq<tensor<3xf32>>) -> tensor<i64>
# SEQ: ds.concat_from_sequence %[[S]] {axis = 0 : i64, new_axis = true} : (!ds.seq<tensor<3xf32>>) -> tensor<4x3xf32>
# SEQ: ds.sequence_empty : !ds.seq<tensor<*xi64>>
seq_nodes = [
    helper.make_node("SplitToSequence", ["x"], ["s"], axis=1, keepdims=0),
    helper.make_node("SequenceConstruct", ["x", "x"], ["c"]),
    helper.make_node("SequenceInsert", ["c", "x"], ["c2"]),
    helper.make_node("SequenceErase", ["c2", "zero"], ["c3"]),
    helper.make_node("SequenceAt", ["s", "one"], ["at"]),
    helper.make_node("SequenceLength", ["s"], ["n"]),
    helper.make_node("ConcatFromSequence", ["s"], ["stack"], axis=0, new_axis=1),
    helper.make_node("ConcatFromSequence", ["c3"], ["cat"], axis=0),
    helper.make_node("SequenceEmpty", [], ["e"], dtype=TensorProto.INT64),
    helper.make_node("SequenceLength", ["e"], ["en"]),
]
save(out + ".seq.onnx", seq_nodes, [value("x", TensorProto.FLOAT, [3, 4])],
     [value("at", TensorProto.FLOAT, [3]), value("n", TensorProto.INT64, []),
      value("stack", TensorProto.FLOAT, [4, 3]), value("cat", TensorProto.FLOAT, [6, 4]),
      value("en", TensorProto.INT64, [])],
     [tensor("zero", np.array(0, np.int64)), tensor("one", np.array(1, np.int64))],
     opset=17)

# OPT-LABEL: func.func @main
# OPT: %[[O:.*]] = ds.optional %arg0 : (tensor<2xf32>) -> !ds.opt<tensor<2xf32>>
# OPT: ds.optional_has_element %[[O]] : (!ds.opt<tensor<2xf32>>) -> tensor<i1>
# OPT: ds.optional_get_element %[[O]] : (!ds.opt<tensor<2xf32>>) -> tensor<2xf32>
# OPT: ds.optional : () -> !ds.opt<tensor<*xf32>>
save(out + ".opt.onnx", [
    helper.make_node("Optional", ["x"], ["o"]),
    helper.make_node("OptionalHasElement", ["o"], ["has"]),
    helper.make_node("OptionalGetElement", ["o"], ["v"]),
    helper.make_node("Optional", [], ["empty"],
                     type=helper.make_tensor_type_proto(TensorProto.FLOAT, None)),
    helper.make_node("OptionalHasElement", ["empty"], ["has_empty"]),
], [value("x", TensorProto.FLOAT, [2])],
   [value("has", TensorProto.BOOL, []), value("v", TensorProto.FLOAT, [2]),
    value("has_empty", TensorProto.BOOL, [])], opset=18)

# NOTYPE: error: node #0 (op Optional, domain ai.onnx, opset 18): an Optional without input needs the 'type' attribute
save(out + ".empty-opt.onnx", [helper.make_node("Optional", [], ["o"]),
                               helper.make_node("OptionalHasElement", ["o"], ["h"])],
     [], [value("h", TensorProto.BOOL, [])], opset=18, check=False)

# Round trips through ds-export, compared in onnxruntime.
# RT: seq: ok
# RT: opt: ok
for name, feed in (("seq", {"x": rng.standard_normal([3, 4]).astype(np.float32)}),
                   ("opt", {"x": rng.standard_normal([2]).astype(np.float32)})):
    src, dst = f"{out}.{name}.onnx", f"{out}.{name}.rt.onnx"
    subprocess.run([export, src, "-o", dst], check=True)
    onnx.checker.check_model(dst, full_check=True)
    want = ort.InferenceSession(src).run(None, feed)
    got = ort.InferenceSession(dst).run(None, feed)
    for a, b in zip(want, got):
        np.testing.assert_allclose(b, a, rtol=1e-6, atol=1e-6)
    print(f"{name}: ok")
