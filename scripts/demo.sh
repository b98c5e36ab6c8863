#!/usr/bin/env bash
# Sets up the machine, builds ds, and does the main job on the bundled
# example model: ds-compile turns examples/mlp.onnx (a small MLP classifier
# with a dynamic batch) into a native shared library for this CPU, and
# ds-run runs it on a batch of two 8x8 images (examples/mlp-input.npy),
# printing the class probabilities and a latency benchmark.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${DS_BUILD_DIR:-$root/build}"

bash "$root/scripts/setup.sh" >&2
bash "$root/scripts/build.sh" ds-compile ds-run >&2
out="$build/demo"
mkdir -p "$out"
set -x
"$build/bin/ds-compile" "$root/examples/mlp.onnx" -o "$out/mlp.so"
cat "$out/mlp.json"
"$build/bin/ds-run" "$out/mlp.so" --input image="$root/examples/mlp-input.npy"
"$build/bin/ds-run" "$out/mlp.so" --input image="$root/examples/mlp-input.npy" \
  --bench 1000 --threads 2
