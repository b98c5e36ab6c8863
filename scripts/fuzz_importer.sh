#!/usr/bin/env bash
# Fuzzes the ONNX importer with libFuzzer for a bounded time.
#
#   scripts/fuzz_importer.sh [seconds=300] [jobs=1]
#
# Builds an instrumented (libFuzzer + AddressSanitizer) importer in
# build-fuzz/, seeds the corpus with the models the importer tests write,
# and runs. The corpus persists in build-fuzz/corpus; crashing inputs land in
# build-fuzz/crashes/ and must become regression tests (test/Importer/).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-300}
jobs=${2:-1}
build="$root/build-fuzz"
python="$root/.venv/bin/python"

bash "$root/scripts/setup.sh" >&2
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
    -DPython3_EXECUTABLE="$python" -DDS_ENABLE_FUZZER=ON \
    -DDS_ENABLE_UNIT_TESTS=OFF >&2
fi
ninja -C "$build" ds-onnx-import-fuzzer >&2

corpus="$build/corpus"
mkdir -p "$corpus" "$build/crashes" "$build/seeds"
# Seeds: every model the importer tests write.
for test in "$root"/test/Importer/*.py; do
  PYTHONPATH="$root/test/Importer/lib" "$python" "$test" \
    "$build/seeds/$(basename "$test" .py)" >/dev/null 2>&1 || true
done
cp "$build"/seeds/*.onnx "$corpus"/ 2>/dev/null || true

cd "$build/crashes"
"$build/bin/ds-onnx-import-fuzzer" "$corpus" -max_total_time="$seconds" \
  -jobs="$jobs" -workers="$jobs" -rss_limit_mb=4096 -timeout=20 \
  -max_len=65536 -print_final_stats=1 2>&1 | tee "$build/fuzz.log" | tail -25
