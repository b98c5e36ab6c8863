# The model families (test/lib/model_families.py) compiled for the host by
# ds-compile, run through the runtime's C API (at 1 and 2 threads, each
# family at two batch sizes from one library) and through ds-run (.npy and
# .pb inputs), against onnxruntime at each family's tolerance (rtol 1e-4,
# atol 1e-5).
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: mlp: ok
# CHECK: resnet_block: ok
# CHECK: mobilenet_block: ok
# CHECK: transformer_encoder: ok
# CHECK: dynamic_batch: ok
# CHECK: winograd_block: ok
# CHECK: ds-run: ok
import json
import os
import subprocess
import sys

import numpy as np
import onnx
import onnxruntime as ort
from onnx import numpy_helper

from ds_runtime import Model
from model_families import families
from onnx_test_models import save

out, bin_dir, runtime = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(1)


def with_batch(feed, batch):
    """The feed with every input's first dim changed to `batch` (new data)."""
    result = {}
    for name, a in feed.items():
        shape = (batch,) + a.shape[1:]
        if a.dtype == np.int64:
            result[name] = rng.integers(0, 50, shape).astype(np.int64)
        else:
            result[name] = rng.standard_normal(shape).astype(a.dtype)
    return result


def compare(what, got, want, family):
    assert got.shape == want.shape, (what, got.shape, want.shape)
    np.testing.assert_allclose(got, want, rtol=family.rtol, atol=family.atol,
                               err_msg=what)
    return float(np.abs(got - want).max())


for family in families():
    path = os.path.join(out, family.name + ".onnx")
    lib = os.path.join(out, family.name + ".so")
    save(path, family.nodes, family.inputs, family.outputs, family.initializers,
         opset=family.opset)
    subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib], check=True)
    signature = json.load(open(os.path.join(out, family.name + ".json")))
    assert [i["name"] for i in signature["inputs"]] == [i.name for i in family.inputs]
    assert signature["inputs"][0]["shape"][0] == "N"

    model = Model(lib, runtime)
    session = ort.InferenceSession(path)
    worst = 0.0
    for feed in family.feeds + [with_batch(family.feeds[0], 3)]:
        want = session.run(None, feed)
        for threads in (1, 2):
            got = model.run(feed, threads=threads)
            for g, w in zip(got, want):
                worst = max(worst, compare(f"{family.name} threads={threads}", g, w, family))
    print(f"{family.name}: ok (max abs error {worst:.3g})")

# ds-run on one family: .npy and .pb inputs, .npy outputs.
family = families()[1]
feed = family.feeds[0]
lib = os.path.join(out, family.name + ".so")
want = ort.InferenceSession(os.path.join(out, family.name + ".onnx")).run(None, feed)
for kind in ("npy", "pb"):
    args = [os.path.join(bin_dir, "ds-run"), lib, "--threads", "2",
            "--output-dir", os.path.join(out, kind)]
    for name, a in feed.items():
        file = os.path.join(out, f"{name}.{kind}")
        if kind == "npy":
            np.save(file, a)
        else:
            open(file, "wb").write(numpy_helper.from_array(a, name).SerializeToString())
        args += ["--input", f"{name}={file}"]
    subprocess.run(args, check=True)
    for output, w in zip(family.outputs, want):
        compare(f"ds-run {kind}", np.load(os.path.join(out, kind, output.name + ".npy")),
                w, family)
print("ds-run: ok")

# Concurrent runs of one compiled model from 4 threads, with different
# batch sizes and thread counts (ctypes releases the GIL during the calls).
# CHECK: concurrent runs: ok
import threading

family = families()[3]
model = Model(os.path.join(out, family.name + ".so"), runtime)
session = ort.InferenceSession(os.path.join(out, family.name + ".onnx"))
cases = [with_batch(family.feeds[0], b) for b in (1, 2, 3, 4)]
wants = [session.run(None, feed) for feed in cases]
errors = []


def worker(index):
    try:
        for _ in range(10):
            got = model.run(cases[index], threads=1 + index % 2)
            compare(f"concurrent {index}", got[0], wants[index][0], family)
    except Exception as error:  # reported below, on the main thread
        errors.append(error)


threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not errors, errors
print("concurrent runs: ok")

# The families with a static batch: their temporaries live in a workspace
# (ds-plan-memory), one per concurrent run. Each is run from 4 threads at
# once against onnxruntime.
# CHECK: static batch: ok
static_dir = os.path.join(out, "static")
os.makedirs(static_dir, exist_ok=True)
planned = 0
for family in families(seed=2, batch=2):
    path = os.path.join(static_dir, family.name + ".onnx")
    lib = os.path.join(static_dir, family.name + ".so")
    save(path, family.nodes, family.inputs, family.outputs, family.initializers,
         opset=family.opset)
    subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib], check=True)
    signature = json.load(open(os.path.join(static_dir, family.name + ".json")))
    planned += signature["workspace_bytes"] > 0
    model = Model(lib, runtime)
    feed = with_batch(family.feeds[0], 2)
    want = ort.InferenceSession(path).run(None, feed)
    errors = []

    def static_worker(index):
        try:
            for _ in range(5):
                got = model.run(feed, threads=1 + index % 2)
                for g, w in zip(got, want):
                    compare(f"static {family.name} {index}", g, w, family)
        except Exception as error:  # reported below, on the main thread
            errors.append(error)

    threads = [threading.Thread(target=static_worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
assert planned >= 3, planned
print("static batch: ok")

# Bad inputs to a compiled model: each is a clear error, never a crash.
# CHECK: bad inputs: ok
from ds_runtime import DsError

model = Model(os.path.join(out, "resnet_block.so"), runtime)
x = families()[1].feeds[0]["x"]
for arrays, message in [
        ([], "takes 1 inputs, got 0"),
        ([x.astype(np.float64)], "dtype"),
        ([x[0]], "rank is 3, the model expects 4"),
        ([x[:, :4]], "dim 1 is 4, the model expects 8"),
]:
    try:
        model.run(None, arrays=arrays)
    except DsError as error:
        assert message in str(error), (message, str(error))
        assert error.code == "invalid argument", error.code
    else:
        raise AssertionError("no error for " + message)
bad = subprocess.run([os.path.join(bin_dir, "ds-run"), os.path.join(out, "resnet_block.so"),
                      "--input", "x=" + os.path.join(out, "missing.npy")],
                     capture_output=True, text=True)
assert bad.returncode != 0 and "missing.npy" in bad.stderr, bad.stderr
print("bad inputs: ok")
