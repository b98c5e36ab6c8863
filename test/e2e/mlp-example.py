# The bundled example (examples/mlp.mlir) through ds-lower-to-llvm and
# mlir-runner, against numpy on the same weights (read from the file's
# resource blobs) and input: softmax(relu(x @ W1 + b1) @ W2 + b2) for a
# batch of 2 (max abs error 1e-5).
# RUN: %python %s %S/../../examples/mlp.mlir %ds_bin/ds-opt %mlir_runner_path %runner_utils_lib %c_runner_utils_lib | FileCheck %s
# CHECK: mlp example: max abs error {{[0-9.e-]+}} <= 1e-05
import re
import subprocess
import sys

import numpy as np

example, ds_opt, runner, utils, c_utils = sys.argv[1:6]
text = open(example).read()
blobs = {name: np.frombuffer(bytes.fromhex(hexdata[8:]), np.float32)
         for name, hexdata in re.findall(r'(\w+): "0x([0-9A-F]+)"', text)}
w1 = blobs["fc1_weight"].reshape(64, 32)
b1, w2, b2 = blobs["fc1_bias"], blobs["fc2_weight"].reshape(32, 10), blobs["fc2_bias"]
x = (np.arange(2 * 64, dtype=np.float32).reshape(2, 1, 8, 8) % 7 - 3) / 4

h = np.maximum(x.reshape(2, 64) @ w1 + b1, 0)
logits = h @ w2 + b2
e = np.exp(logits - logits.max(axis=1, keepdims=True))
want = e / e.sum(axis=1, keepdims=True)

values = ", ".join(f"{v:.8e}" for v in x.ravel())
driver = f"""
func.func private @printMemrefF32(tensor<*xf32>)
func.func @main() {{
  %x = ds.constant dense<[{values}]> : tensor<128xf32>
  %s = ds.constant dense<[2, 1, 8, 8]> : tensor<4xi64>
  %xr = ds.reshape %x, %s : (tensor<128xf32>, tensor<4xi64>) -> tensor<2x1x8x8xf32>
  %d = tensor.cast %xr : tensor<2x1x8x8xf32> to tensor<?x1x8x8xf32>
  %r = call @mlp(%d) : (tensor<?x1x8x8xf32>) -> tensor<?x?xf32>
  %u = tensor.cast %r : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}}
"""
# The example, simplified alone first (ds-infer-shapes refines its
# signature to tensor<?x10xf32>, which the driver's call then uses), then
# with the driver, lowered without a second simplification.
simplified = subprocess.run(
    [ds_opt, example, "--pass-pipeline=builtin.module(func.func(ds-infer-shapes),"
     "canonicalize,func.func(ds-infer-shapes))"],
    capture_output=True, text=True, check=True).stdout
assert "-> tensor<?x10xf32>" in simplified
body, resources = simplified.rsplit("\n}", 1)[0], ""
if "{-#" in simplified:
    body, resources = simplified.split("{-#", 1)
    body = body.rstrip().rstrip("}")
    resources = "{-#" + resources
module = body + driver.replace("tensor<?x?xf32>", "tensor<?x10xf32>") + "}\n" + resources
lowered = subprocess.run(
    [ds_opt, "-", "--pass-pipeline=builtin.module(ds-lower-to-llvm{simplify=false})"],
    input=module, capture_output=True, text=True, check=True).stdout
out = subprocess.run([runner, "-e", "main", "-entry-point-result=void",
                      f"-shared-libs={utils},{c_utils}"], input=lowered,
                     capture_output=True, text=True, check=True).stdout
got = np.array([float(v) for v in re.findall(r"[-+]?\d+\.?\d*(?:e[-+]?\d+)?",
                                             out.split("data =", 1)[1])],
               np.float32).reshape(2, 10)
error = float(np.abs(got - want).max())
assert error <= 1e-5, (got, want)
print(f"mlp example: max abs error {error:.3g} <= 1e-05")
