#!/usr/bin/env bash
# Sets up the machine, builds ds and runs ds-opt on the bundled example
# model: shape inference and canonicalization of a small MLP in the ds
# dialect, printed to stdout.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${DS_BUILD_DIR:-$root/build}"

bash "$root/scripts/setup.sh" >&2
bash "$root/scripts/build.sh" ds-opt >&2
"$build/bin/ds-opt" "$root/examples/mlp.mlir" \
  --pass-pipeline='builtin.module(func.func(ds-infer-shapes,canonicalize))' \
  --mlir-elide-resource-strings-if-larger=64
