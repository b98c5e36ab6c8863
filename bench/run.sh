#!/usr/bin/env bash
# The CPU benchmark (bench/run.py) with the project's venv: ds against
# onnxruntime on the models of bench/models. Arguments go to run.py, e.g.
#   bench/run.sh --models resnet18,mlp --threads 1,2 --report docs/benchmarks.md
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.venv/bin/python" \
  "$(dirname "${BASH_SOURCE[0]}")/run.py" "$@"
