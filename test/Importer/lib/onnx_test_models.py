"""Helpers for the importer tests: build small ONNX models and save them."""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

__all__ = ["TensorProto", "helper", "np", "numpy_helper", "onnx", "out_path", "save",
           "tensor", "value"]


def value(name, elem_type, shape):
    """A ValueInfoProto; shape entries are ints, names (symbolic) or None."""
    return helper.make_tensor_value_info(name, elem_type, shape)


def tensor(name, array):
    """An initializer from a numpy array."""
    return numpy_helper.from_array(np.asarray(array), name)


def save(path, nodes, inputs, outputs, initializers=(), opset=21, name="main",
         value_info=(), functions=(), ir_version=None, check=True,
         extra_opsets=()):
    """Saves a single-graph model; checks it with onnx.checker unless told."""
    graph = helper.make_graph(list(nodes), name, list(inputs), list(outputs),
                              list(initializers), value_info=list(value_info))
    opsets = [helper.make_opsetid("", opset)] + list(extra_opsets)
    # The IR version that goes with the opset, so that onnxruntime loads it.
    model = helper.make_model_gen_version(graph, opset_imports=opsets,
                                          functions=list(functions))
    # IR 7 or later: initializers need not be graph inputs (IR < 4 rule).
    model.ir_version = ir_version if ir_version is not None else max(
        model.ir_version, 7)
    if check:
        onnx.checker.check_model(model)
    onnx.save(model, path)
    return model


def out_path(suffix=""):
    """The output path given on the command line, with `suffix` appended."""
    return sys.argv[1] + suffix
