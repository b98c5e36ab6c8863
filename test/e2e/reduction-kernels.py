# The vector loops of ds-lower-reductions against onnxruntime: reductions
# over trailing dims whose lengths leave masked tails (169, 77, 100 and a
# dynamic length at two sizes), a body before the sum (squares, the
# variance of a normalization), maxima with NaN, and softmax.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: global_pools: ok
# CHECK: global_max_nan: ok
# CHECK: reduce_trailing: ok
# CHECK: reduce_dynamic: ok
# CHECK: softmax_layernorm: ok
import sys

import numpy as np
from onnx import TensorProto

from lowering_check import Checker, node
from onnx_test_models import tensor, value

check = Checker(*sys.argv[1:4]).check
rng = np.random.default_rng(3)
F32 = TensorProto.FLOAT


def randn(*shape):
    return rng.standard_normal(shape).astype(np.float32)


check("global_pools", [
    node("GlobalAveragePool", ["x"], ["a"]),
    node("GlobalMaxPool", ["x"], ["m"]),
], [value("x", F32, [2, 24, 13, 13])],
   [value("a", F32, None), value("m", F32, None)],
   [{"x": randn(2, 24, 13, 13)}], atol=1e-5)


# A NaN makes its channel's maximum NaN (ReduceMax propagates it).
def max_with_nan(feed):
    return [np.max(feed["x"], axis=(2, 3), keepdims=True)]


x = randn(1, 4, 9, 9)
x[0, 1, 8, 8] = np.nan
x[0, 2, 0, 0] = np.nan
check("global_max_nan", [node("ReduceMax", ["x", "axes"], ["m"])],
      [value("x", F32, [1, 4, 9, 9])], [value("m", F32, None)], [{"x": x}],
      initializers=[tensor("axes", np.array([2, 3], np.int64))],
      oracle=max_with_nan)

check("reduce_trailing", [
    node("ReduceSumSquare", ["x", "axes"], ["s"], keepdims=0),
    node("ReduceMean", ["x", "last"], ["m"]),
    node("ReduceMin", ["x", "last"], ["n"]),
], [value("x", F32, [3, 5, 7, 11])],
   [value("s", F32, None), value("m", F32, None), value("n", F32, None)],
   [{"x": randn(3, 5, 7, 11)}],
   initializers=[tensor("axes", np.array([2, 3], np.int64)),
                 tensor("last", np.array([3], np.int64))], atol=1e-4)

check("reduce_dynamic", [node("ReduceSum", ["x", "last"], ["s"])],
      [value("x", F32, ["N", "L"])], [value("s", F32, None)],
      [{"x": randn(3, 5)}, {"x": randn(7, 131)}],
      initializers=[tensor("last", np.array([1], np.int64))], atol=1e-4)

check("softmax_layernorm", [
    node("Softmax", ["x"], ["p"], axis=-1),
    node("LayerNormalization", ["y", "g", "b"], ["l"], axis=-1),
], [value("x", F32, [6, 77]), value("y", F32, [4, 100])],
   [value("p", F32, None), value("l", F32, None)],
   [{"x": randn(6, 77), "y": randn(4, 100)}],
   initializers=[tensor("g", randn(100)), tensor("b", randn(100))],
   atol=1e-5)
