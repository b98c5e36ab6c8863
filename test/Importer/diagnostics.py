# Bad models get a clear error naming the file, the node (index and name),
# op type, domain and opset, and a non-zero exit; never a crash. All
# unsupported nodes of a model are listed in one run.
# RUN: %python %s %t
# RUN: not ds-opt %t.unsupported.onnx 2>&1 | FileCheck %s --check-prefix=UNKNOWN-OP
# RUN: not ds-opt %t.truncated.onnx 2>&1 | FileCheck %s --check-prefix=TRUNCATED
# RUN: not ds-opt %t.garbage.onnx 2>&1 | FileCheck %s --check-prefix=TRUNCATED
# RUN: not ds-opt %t.missing-external.onnx 2>&1 | FileCheck %s --check-prefix=EXTERNAL
# RUN: not ds-opt %t.string.onnx 2>&1 | FileCheck %s --check-prefix=STRING
# RUN: not ds-opt %t.undefined.onnx 2>&1 | FileCheck %s --check-prefix=UNDEFINED
# RUN: not ds-opt %t.opset.onnx 2>&1 | FileCheck %s --check-prefix=OPSET
# RUN: not ds-opt %t.shapes.onnx 2>&1 | FileCheck %s --check-prefix=SHAPES
# RUN: not ds-opt %t.does-not-exist.onnx 2>&1 | FileCheck %s --check-prefix=NOFILE
import os
from onnx_test_models import *

x = value("x", TensorProto.FLOAT, [2])
y = value("y", TensorProto.FLOAT, [2])

# UNKNOWN-OP: unsupported.onnx: error: node #0 'first' (op Frobnicate, domain ai.onnx, opset 21): op Frobnicate is not supported
# UNKNOWN-OP: unsupported.onnx: error: node #2 (op Frobnicate, domain ai.onnx, opset 21): op Frobnicate is not supported
# UNKNOWN-OP: unsupported.onnx: error: node #3 'ml' (op LinearClassifier, domain ai.onnx.ml, opset 3): domain 'ai.onnx.ml' is not supported
# UNKNOWN-OP-NOT: error
save(out_path(".unsupported.onnx"), [
    helper.make_node("Frobnicate", ["x"], ["a"], name="first"),
    helper.make_node("Relu", ["a"], ["b"]),
    helper.make_node("Frobnicate", ["b"], ["c"]),
    helper.make_node("LinearClassifier", ["c"], ["y"], domain="ai.onnx.ml",
                     name="ml"),
], [x], [y], check=False, extra_opsets=[helper.make_opsetid("ai.onnx.ml", 3)])

# TRUNCATED: error: not a valid ONNX model: the protobuf does not parse (corrupt or truncated file, or not ONNX)
data = open(out_path(".unsupported.onnx"), "rb").read()
open(out_path(".truncated.onnx"), "wb").write(data[: len(data) // 2])
open(out_path(".garbage.onnx"), "wb").write(b"\xff\xfe not a model \x00" * 8)

# EXTERNAL: missing-external.onnx: error: cannot open external data file '{{.*}}weights.bin': No such file or directory
w = tensor("w", np.ones([2], np.float32))
w.data_location = TensorProto.EXTERNAL
w.ClearField("raw_data")
entry = w.external_data.add()
entry.key, entry.value = "location", "weights.bin"
save(out_path(".missing-external.onnx"),
     [helper.make_node("Add", ["x", "w"], ["y"])], [x], [y], [w], check=False)

# STRING: string.onnx: error: graph input 's' has element type STRING, which ds does not support
save(out_path(".string.onnx"), [helper.make_node("Identity", ["s"], ["y"])],
     [value("s", TensorProto.STRING, [2])],
     [value("y", TensorProto.STRING, [2])])

# UNDEFINED: undefined.onnx: error: node #0 'n' (op Add, domain ai.onnx, opset 21): input 'ghost' is not defined in the graph
save(out_path(".undefined.onnx"),
     [helper.make_node("Add", ["x", "ghost"], ["y"], name="n")], [x], [y],
     check=False)

# OPSET: opset.onnx: error: opset 6 of domain ai.onnx is not supported (ds supports opsets 7 to 28)
save(out_path(".opset.onnx"), [helper.make_node("Relu", ["x"], ["y"])], [x],
     [y], opset=6, check=False)

# SHAPES: shapes.onnx: error: node #0 'bad' (op Add, domain ai.onnx, opset 21): cannot convert to 'ds.add': operands are not broadcastable: size 2 vs 3 in result dimension 0
save(out_path(".shapes.onnx"),
     [helper.make_node("Add", ["x", "z"], ["y"], name="bad")],
     [x, value("z", TensorProto.FLOAT, [3])], [y], check=False)

# NOFILE: cannot open input file '{{.*}}does-not-exist.onnx'
