# Every model the importer tests write that imports is exported back with
# ds-export; the export must pass onnx.checker, and where onnxruntime runs
# the original on random inputs, the export must give the same outputs
# (rtol 1e-4, atol 1e-4). Models with random ops are not compared.
# RUN: %python %s %t %ds_bin | FileCheck %s
# CHECK: export failures: 0
# CHECK: checker failures: 0
# CHECK: mismatches: 0
import glob
import os
import subprocess
import sys

import numpy as np
import onnx
import onnxruntime as ort

def compare(src, dst):
    """Child mode: runs both models on the same random inputs."""
    model = onnx.load(src)
    feeds = feed_for(model)
    if feeds is None:
        return 0
    try:
        want = ort.InferenceSession(src).run(None, feeds)
    except Exception:  # noqa: BLE001
        return 0
    print("original ran", flush=True)
    try:
        got = ort.InferenceSession(dst).run(None, feeds)
    except Exception as error:  # noqa: BLE001
        if "not supported" in str(error) or "NOT_IMPLEMENTED" in str(error):
            print("export not run by onnxruntime:", str(error)[-200:])
            return 0
        raise
    for a, b in zip(want, got):
        # Half precision: a few units in the last place.
        tol = 2e-3 if np.asarray(a).dtype == np.float16 else 1e-4
        np.testing.assert_allclose(np.asarray(b, dtype=np.float64),
                                   np.asarray(a, dtype=np.float64),
                                   rtol=tol, atol=tol, equal_nan=True)
    print("match")
    return 0


# Models whose original onnxruntime does not run as the ONNX spec says.
NOT_COMPARED = {
    # onnxruntime computes Y of an opset-9 BatchNormalization from the given
    # mean and variance even when the training outputs are requested; the
    # spec (and ds) use the batch statistics then.
    "normalization.batchnorm9.onnx",
}
RANDOM = {"RandomNormal", "RandomUniform", "RandomNormalLike",
          "RandomUniformLike", "Bernoulli", "Multinomial"}
DTYPES = {1: np.float32, 10: np.float16, 11: np.float64, 6: np.int32,
          7: np.int64, 9: np.bool_, 2: np.uint8, 3: np.int8}
rng = np.random.default_rng(7)
counts = {"imported": 0, "exported": 0, "compared": 0,
          "not run by onnxruntime": 0}
failures = {"export failures": [], "checker failures": [], "mismatches": []}


def feed_for(model):
    feeds = {}
    inits = {t.name for t in model.graph.initializer}
    for inp in model.graph.input:
        if inp.name in inits:
            continue
        t = inp.type.tensor_type
        if not inp.type.HasField("tensor_type") or t.elem_type not in DTYPES:
            return None
        shape = [d.dim_value if d.HasField("dim_value") else 2
                 for d in t.shape.dim]
        dtype = DTYPES[t.elem_type]
        if dtype == np.bool_:
            feeds[inp.name] = rng.random(shape) > 0.5
        elif np.issubdtype(dtype, np.integer):
            feeds[inp.name] = np.zeros(shape, dtype)
        else:
            feeds[inp.name] = rng.standard_normal(shape).astype(dtype)
    return feeds


if sys.argv[1] == "--compare":
    ort.set_default_logger_severity(3)
    sys.exit(compare(sys.argv[2], sys.argv[3]))

out, bin_dir = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)
skip_scripts = {"export_all.py", "roundtrip.py", "sequence.py",
                "fuzz_regressions.py", "diagnostics.py"}
for script in sorted(glob.glob(os.path.join(here, "*.py"))):
    name = os.path.basename(script)
    if name in skip_scripts:
        continue
    env = dict(os.environ, PYTHONPATH=os.path.join(here, "lib"))
    subprocess.run([sys.executable, script, os.path.join(out, name[:-3])],
                   capture_output=True, env=env)

for path in sorted(glob.glob(os.path.join(out, "*.onnx"))):
    if path.endswith(".rt.onnx"):
        continue
    if subprocess.run([os.path.join(bin_dir, "ds-opt"), path, "-o", os.devnull],
                      capture_output=True).returncode != 0:
        continue
    counts["imported"] += 1
    exported = path[:-5] + ".rt.onnx"
    result = subprocess.run([os.path.join(bin_dir, "ds-export"), path, "-o",
                             exported], capture_output=True, text=True)
    if result.returncode != 0:
        failures["export failures"].append(f"{path}: {result.stderr.strip()}")
        continue
    counts["exported"] += 1
    try:
        onnx.checker.check_model(exported)
    except Exception as error:  # noqa: BLE001
        try:
            onnx.checker.check_model(path)
        except Exception:  # noqa: BLE001
            continue  # The original is not valid either (a negative test).
        failures["checker failures"].append(f"{path}: {error}")
        continue
    model = onnx.load(path)
    if any(n.op_type in RANDOM for n in model.graph.node) or \
            os.path.basename(path) in NOT_COMPARED:
        continue
    # onnxruntime runs in a child: some models crash it.
    child = subprocess.run([sys.executable, __file__, "--compare", path,
                            exported], capture_output=True, text=True)
    if "original ran" not in child.stdout:
        continue  # onnxruntime does not run the original: nothing to compare.
    if child.returncode == 0 and "export not run" in child.stdout:
        counts["not run by onnxruntime"] += 1
    elif child.returncode == 0 and "match" in child.stdout:
        counts["compared"] += 1
    else:
        failures["mismatches"].append(
            f"{path}: {(child.stdout + child.stderr).strip()[-300:]}")

print(", ".join(f"{k} {v}" for k, v in counts.items()))
if counts["imported"] < 100 or counts["compared"] < 30:
    sys.exit("too few models imported or compared: the test scripts failed")
for kind, items in failures.items():
    print(f"{kind}: {len(items)}")
    for item in items:
        print("  " + item)
