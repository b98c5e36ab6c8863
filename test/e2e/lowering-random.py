# The random ops compiled by ds-compile and run through the runtime's C API.
# ONNX fixes no generator, so the checks are those any correct one passes:
# shapes and dtypes (a dynamic batch included), ranges, statistics of large
# samples (mean and deviation, Bernoulli frequencies, Multinomial class
# frequencies with a class of zero probability), the same values on every
# run and at any thread count, and different values for different seeds.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: shapes: ok
# CHECK: reproducible: ok
# CHECK: statistics: ok
# CHECK: multinomial: ok
import os
import subprocess
import sys

import numpy as np
from onnx import TensorProto as T, helper

from ds_runtime import Model
from onnx_test_models import save, value

out, bin_dir, runtime = sys.argv[1:4]
os.makedirs(out, exist_ok=True)

n = 20000
nodes = [
    helper.make_node("RandomNormal", [], ["normal"], shape=[n], mean=1.5, scale=2.0,
                     seed=3.0),
    helper.make_node("RandomNormal", [], ["normal64"], shape=[2, n // 2],
                     dtype=T.DOUBLE, seed=4.0),
    helper.make_node("RandomUniform", [], ["uniform"], shape=[n], low=-2.0, high=3.0,
                     seed=3.0),
    helper.make_node("RandomUniform", [], ["uniform16"], shape=[n], dtype=T.FLOAT16),
    helper.make_node("RandomUniform", [], ["uniform16b"], shape=[n], dtype=T.FLOAT16),
    helper.make_node("RandomUniformLike", ["x"], ["like"], dtype=T.FLOAT, seed=9.0),
    helper.make_node("RandomNormalLike", ["x"], ["normal_like"], dtype=T.FLOAT16,
                     seed=9.0),
    helper.make_node("Bernoulli", ["p"], ["coin"], dtype=T.UINT8, seed=5.0),
    helper.make_node("Bernoulli", ["p"], ["coin_bool"], dtype=T.BOOL, seed=6.0),
    helper.make_node("Multinomial", ["logits"], ["classes"], sample_size=n // 4,
                     dtype=T.INT64, seed=7.0),
    helper.make_node("Multinomial", ["logits"], ["classes32"], sample_size=3),
]
path = os.path.join(out, "random.onnx")
lib = os.path.join(out, "random.so")
save(path, nodes,
     [value("x", T.INT64, ["N", 1000]), value("p", T.FLOAT, [4, 5000]),
      value("logits", T.FLOAT, ["B", 4])],
     [value("normal", T.FLOAT, [n]), value("normal64", T.DOUBLE, [2, n // 2]),
      value("uniform", T.FLOAT, [n]), value("uniform16", T.FLOAT16, [n]),
      value("uniform16b", T.FLOAT16, [n]),
      value("like", T.FLOAT, ["N", 1000]), value("normal_like", T.FLOAT16, ["N", 1000]),
      value("coin", T.UINT8, [4, 5000]), value("coin_bool", T.BOOL, [4, 5000]),
      value("classes", T.INT64, ["B", n // 4]), value("classes32", T.INT32, ["B", 3])])
subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib], check=True)
model = Model(lib, runtime)

x = np.zeros((3, 1000), np.int64)
p = np.repeat(np.array([[0.0], [0.25], [0.9], [1.0]], np.float32), 5000, axis=1)
probabilities = np.array([[0.1, 0.2, 0.3, 0.4], [0.0, 0.5, 0.25, 0.25]])
with np.errstate(divide="ignore"):
    logits = (np.log(probabilities) + 3.0).astype(np.float32)
feeds = {"x": x, "p": p, "logits": logits}
names = [name for name, _, _ in model.outputs]
runs = [model.run(feeds, threads=t) for t in (1, 2, 1)]
got = dict(zip(names, runs[0]))

expected = {"normal": (np.float32, (n,)), "normal64": (np.float64, (2, n // 2)),
            "uniform": (np.float32, (n,)), "uniform16": (np.float16, (n,)),
            "uniform16b": (np.float16, (n,)),
            "like": (np.float32, (3, 1000)), "normal_like": (np.float16, (3, 1000)),
            "coin": (np.uint8, (4, 5000)), "coin_bool": (np.bool_, (4, 5000)),
            "classes": (np.int64, (2, n // 4)), "classes32": (np.int32, (2, 3))}
for name, (dtype, shape) in expected.items():
    assert got[name].dtype == dtype and got[name].shape == shape, \
        (name, got[name].dtype, got[name].shape)
# A dynamic batch follows the input.
other = dict(zip(names, model.run({**feeds, "x": np.zeros((5, 1000), np.int64)})))
assert other["like"].shape == (5, 1000) and other["normal_like"].shape == (5, 1000)
print("shapes: ok")

# Seeded and unseeded ops give the same values on every run and at any
# thread count; different seeds, or different unseeded nodes, give
# different values.
for run in runs[1:]:
    for name, a, b in zip(names, runs[0], run):
        assert np.array_equal(a, b), name
assert np.array_equal(other["like"][:3], got["like"])
assert not np.array_equal(got["coin"].astype(bool), got["coin_bool"])
assert not np.array_equal(got["like"][0], got["like"][1])
assert np.mean(got["uniform16"] == got["uniform16b"]) < 0.01
print("reproducible: ok")


def close(what, value, want, tolerance):
    assert abs(value - want) <= tolerance, (what, value, want)


normal = got["normal"].astype(np.float64)
close("normal mean", normal.mean(), 1.5, 0.05)
close("normal std", normal.std(), 2.0, 0.05)
close("normal within 1 sigma", np.mean(np.abs(normal - 1.5) < 2.0), 0.6827, 0.015)
normal64 = got["normal64"]
close("normal64 mean", normal64.mean(), 0.0, 0.03)
close("normal64 std", normal64.std(), 1.0, 0.03)
uniform = got["uniform"]
assert uniform.min() >= -2.0 and uniform.max() < 3.0
close("uniform mean", uniform.mean(), 0.5, 0.05)
close("uniform std", uniform.std(), 5 / np.sqrt(12), 0.05)
assert np.histogram(uniform, bins=10, range=(-2, 3))[0].min() > 0.9 * n / 10
uniform16 = got["uniform16"]
assert uniform16.min() >= 0.0 and uniform16.max() < 1.0
close("uniform16 mean", uniform16.astype(np.float64).mean(), 0.5, 0.01)
like = got["like"]
assert like.min() >= 0.0 and like.max() < 1.0
close("like mean", like.mean(), 0.5, 0.02)
close("normal_like std", got["normal_like"].astype(np.float64).std(), 1.0, 0.05)
for name in ("coin", "coin_bool"):
    frequency = got[name].astype(np.float64).mean(axis=1)
    assert frequency[0] == 0.0 and frequency[3] == 1.0, (name, frequency)
    close(name + " 0.25", frequency[1], 0.25, 0.02)
    close(name + " 0.9", frequency[2], 0.9, 0.015)
print("statistics: ok")

classes = got["classes"]
assert classes.min() >= 0 and classes.max() <= 3
for row in range(2):
    frequency = np.bincount(classes[row], minlength=4) / classes.shape[1]
    np.testing.assert_allclose(frequency, probabilities[row], atol=0.025,
                               err_msg=f"row {row}")
assert not (classes[1] == 0).any()
assert ((got["classes32"] >= 0) & (got["classes32"] <= 3)).all()
print("multinomial: ok")
