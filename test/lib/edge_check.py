"""The edge-target end-to-end check (test/e2e/edge-<target>.py).

    edge_check.py OUT TARGET BIN_DIR CROSS_DS_RUN QEMU...

Compiles every model family (model_families.py) for the host and for
TARGET with ds-compile (with `mattr`, e.g. "+neon", where the caller gives
features to add: QEMU must then run a CPU that has them), runs the host library with the host's ds-run and
the target's library with the target's cross-built ds-run under qemu-user
(2 threads), and compares each output with the host's and with
onnxruntime at the family's tolerances. Prints one line per family with the
max abs and rel differences against onnxruntime.
"""
import os
import subprocess
import sys

import numpy as np
import onnxruntime as ort

from model_families import families
from onnx_test_models import save


def run_ds(command, lib, feed, out_dir):
    args = list(command) + [lib, "--threads", "2", "--output-dir", out_dir]
    for name, array in feed.items():
        file = os.path.join(out_dir, name + ".in.npy")
        np.save(file, array)
        args += ["--input", f"{name}={file}"]
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr}")


def main(mattr=None):
    out, target, bin_dir, cross_ds_run = sys.argv[1:5]
    qemu = sys.argv[5:]
    os.makedirs(out, exist_ok=True)
    compile_ = os.path.join(bin_dir, "ds-compile")
    for family in families():
        path = os.path.join(out, family.name + ".onnx")
        save(path, family.nodes, family.inputs, family.outputs,
             family.initializers, opset=family.opset)
        host_lib = os.path.join(out, family.name + ".host.so")
        edge_lib = os.path.join(out, f"{family.name}.{target}.so")
        subprocess.run([compile_, path, "-o", host_lib], check=True)
        subprocess.run([compile_, path, "-o", edge_lib, f"--target={target}"]
                       + ([f"--mattr={mattr}"] if mattr else []), check=True)
        session = ort.InferenceSession(path)
        worst_abs = worst_rel = 0.0
        for i, feed in enumerate(family.feeds):
            host_dir = os.path.join(out, f"{family.name}.{i}.host")
            edge_dir = os.path.join(out, f"{family.name}.{i}.{target}")
            os.makedirs(host_dir, exist_ok=True)
            os.makedirs(edge_dir, exist_ok=True)
            run_ds([os.path.join(bin_dir, "ds-run")], host_lib, feed, host_dir)
            run_ds(qemu + [cross_ds_run], edge_lib, feed, edge_dir)
            for output, want in zip(family.outputs, session.run(None, feed)):
                host = np.load(os.path.join(host_dir, output.name + ".npy"))
                edge = np.load(os.path.join(edge_dir, output.name + ".npy"))
                what = f"{family.name} {output.name} on {target}"
                np.testing.assert_allclose(edge, host, rtol=family.rtol,
                                           atol=family.atol, err_msg=what + " vs host")
                np.testing.assert_allclose(edge, want, rtol=family.rtol,
                                           atol=family.atol, err_msg=what + " vs onnxruntime")
                diff = np.abs(edge.astype(np.float64) - want)
                worst_abs = max(worst_abs, float(diff.max()))
                worst_rel = max(worst_rel, float((diff / np.maximum(np.abs(want), 1e-3)).max()))
        print(f"{family.name} on {target}: ok (vs onnxruntime: max abs {worst_abs:.3g}, "
              f"max rel {worst_rel:.3g})")


if __name__ == "__main__":
    main()
