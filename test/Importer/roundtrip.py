# ONNX -> ds -> ONNX round trips: ds-export's models pass onnx.checker and
# give the outputs of the originals in onnxruntime (max abs error 1e-5 with
# rtol 1e-5 on random inputs) for the model families of the importer issue.
# RUN: %python %s %t %ds_bin/ds-export | FileCheck %s
# CHECK: mlp: ok
# CHECK: resnet_block: ok
# CHECK: mobilenet_block: ok
# CHECK: transformer_encoder: ok
# CHECK: dynamic_batch: ok
# CHECK: winograd_block: ok
# CHECK: external_data: ok
import os
import subprocess
import sys

import onnxruntime as ort
from model_families import families
from onnx_test_models import *

rng = np.random.default_rng(0)
out, export = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def w(name, shape, scale=0.2):
    return tensor(name, (rng.standard_normal(shape) * scale).astype(np.float32))


def check(name, nodes, inputs, outputs, inits, feeds, external=False, opset=17):
    src = os.path.join(out, name + ".onnx")
    dst = os.path.join(out, name + ".rt.onnx")
    model = save(src, nodes, inputs, outputs, inits, opset=opset)
    if external:
        onnx.save(model, src, save_as_external_data=True,
                  location=name + ".data", size_threshold=16)
    args = [export, src, "-o", dst]
    if external:
        args.append("--external-data=" + name + ".rt.data")
    subprocess.run(args, check=True)
    onnx.checker.check_model(dst, full_check=True)
    if external:
        assert any(t.data_location == TensorProto.EXTERNAL
                   for t in onnx.load(dst, load_external_data=False).graph.initializer)
    for feed in feeds:
        want = ort.InferenceSession(src).run(None, feed)
        got = ort.InferenceSession(dst).run(None, feed)
        for a, b in zip(want, got):
            np.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-5)
    print(name + ": ok")


def x(shape):
    return rng.standard_normal(shape).astype(np.float32)


# The model families (test/lib/model_families.py), with a symbolic batch.
for family in families():
    check(family.name, family.nodes, family.inputs, family.outputs,
          family.initializers, family.feeds, opset=family.opset)

# Weights in a side file, read through external data and written back the
# same way.
check("external_data", [
    helper.make_node("MatMul", ["x", "w"], ["m"]),
    helper.make_node("Tanh", ["m"], ["y"]),
], [value("x", TensorProto.FLOAT, [2, 64])], [value("y", TensorProto.FLOAT, [2, 32])],
    [w("w", [64, 32])], [{"x": x([2, 64])}], external=True)
