"""End-to-end checks of single-op models for the lowering tests: build an
ONNX model, compile it with ds-compile, run it through the runtime's C API
and compare each output with onnxruntime or the ONNX reference evaluator.

    checker = Checker(out_dir, bin_dir, runtime_library)
    checker.check("name", nodes, inputs, outputs, feeds, initializers,
                  oracle="ort" | "reference" | callable(feed) -> outputs)
"""
import os
import subprocess

import numpy as np
import onnx
import onnxruntime as ort
from onnx import helper
from onnx.reference import ReferenceEvaluator

from ds_runtime import Model
from onnx_test_models import save

__all__ = ["Checker", "node"]


def node(op, inputs, outputs, **attrs):
    return helper.make_node(op, inputs, outputs, **attrs)


class Checker:
    def __init__(self, out, bin_dir, runtime):
        self.out, self.bin_dir, self.runtime = out, bin_dir, runtime
        os.makedirs(out, exist_ok=True)

    def check(self, name, nodes, inputs, outputs, feeds, initializers=(),
              oracle="ort", opset=21, rtol=1e-4, atol=1e-5, compile_args=()):
        """Compiles the model (ds-compile with `compile_args` added), runs
        it on each feed, compares every output (shape, dtype, values) and
        that the inputs were left unchanged."""
        path = os.path.join(self.out, name + ".onnx")
        lib = os.path.join(self.out, name + ".so")
        # Outputs given without a shape take the type ONNX shape inference
        # gives them (the checker wants shapes).
        model = save(path, nodes, inputs, outputs, initializers, opset=opset,
                     check=False)
        inferred = onnx.shape_inference.infer_shapes(model).graph.output
        outputs = [given if given.type.tensor_type.HasField("shape") else found
                   for given, found in zip(outputs, inferred)]
        save(path, nodes, inputs, outputs, initializers, opset=opset)
        subprocess.run([os.path.join(self.bin_dir, "ds-compile"), path, "-o",
                        lib, *compile_args], check=True)
        compiled = Model(lib, self.runtime)
        if callable(oracle):
            reference = oracle
        elif oracle == "ort":
            session = ort.InferenceSession(path)
            reference = lambda feed: session.run(None, feed)
        else:
            evaluator = ReferenceEvaluator(path)
            reference = lambda feed: evaluator.run(None, feed)
        for feed in feeds:
            original = {k: v.copy() for k, v in feed.items()}
            got = compiled.run(feed)
            # The inputs are the caller's: the model must not write into them.
            for k, v in feed.items():
                np.testing.assert_array_equal(v, original[k],
                                              err_msg=f"{name}: {k}")
            want = reference(feed)
            for o, g, w in zip(outputs, got, want):
                w = np.asarray(w)
                assert g.shape == w.shape, (name, o.name, g.shape, w.shape)
                assert g.dtype == w.dtype, (name, o.name, g.dtype, w.dtype)
                np.testing.assert_allclose(g, w, rtol=rtol, atol=atol,
                                           err_msg=f"{name}: {o.name}")
        print(f"{name}: ok")
