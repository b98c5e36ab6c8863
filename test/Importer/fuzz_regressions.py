# Inputs on which the importer fuzzer (scripts/fuzz_importer.sh) found a
# crash: each must import or be diagnosed (exit code 0 or 1), never crash.
# RUN: %python %s %ds_bin/ds-opt %S/Inputs/fuzz | FileCheck %s
# CHECK: gather-elements-arity.onnx: diagnosed
# CHECK: if-branch-types.onnx: diagnosed
# CHECK: all inputs handled
import os
import subprocess
import sys

opt, folder = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(folder)):
    result = subprocess.run([opt, os.path.join(folder, name), "-o", os.devnull],
                            capture_output=True, text=True)
    if result.returncode not in (0, 1) or "Stack dump" in result.stderr:
        sys.exit(f"{name}: ds-opt died ({result.returncode}):\n{result.stderr}")
    print(f"{name}: {'imported' if result.returncode == 0 else 'diagnosed'}")
print("all inputs handled")
