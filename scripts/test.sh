#!/usr/bin/env bash
# Sets up the machine, builds ds and runs every test (lit and unit) with
# ctest. Ends with ctest's count of passed and failed tests.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${DS_BUILD_DIR:-$root/build}"

bash "$root/scripts/setup.sh"
bash "$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure -j "$(nproc)"
