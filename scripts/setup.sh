#!/usr/bin/env bash
# Installs everything ds needs on a Debian 12 machine, idempotently:
# the Debian packages (LLVM/MLIR 22, build tools, test libraries) and a
# project-local Python venv (.venv) with the pinned packages of
# scripts/requirements.txt. Run as root, or as a user with sudo.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(
  # Toolchain and build.
  clang cmake ninja-build ccache lld lld-22 git pkg-config
  # LLVM/MLIR 22, linked through libMLIR.so.
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  # Tests and benchmarks.
  libgtest-dev libgmock-dev libbenchmark-dev
  # Python for the test and model scripts.
  python3 python3-venv
  # Protocol Buffers, for the ONNX importer.
  protobuf-compiler libprotobuf-dev
  # Edge targets (docs/edge-targets.md): Debian's cross C/C++ compilers for
  # aarch64, armhf (armv7) and riscv64, each with the target's C library
  # and libstdc++ (/usr/<triple>), and qemu-user to run what they build.
  # Named explicitly: apt runs without recommends, and gcc only recommends
  # the C library.
  g++-aarch64-linux-gnu libc6-dev-arm64-cross libstdc++-12-dev-arm64-cross
  g++-arm-linux-gnueabihf libc6-dev-armhf-cross libstdc++-12-dev-armhf-cross
  g++-riscv64-linux-gnu libc6-dev-riscv64-cross libstdc++-12-dev-riscv64-cross
  qemu-user
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
fi

# The venv uses Debian's python3 so that it works the same on every machine.
venv="$root/.venv"
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ]; then
  /usr/bin/python3 -m venv "$venv"
fi
if ! cmp -s "$root/scripts/requirements.txt" "$stamp"; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check \
    -r "$root/scripts/requirements.txt"
  cp "$root/scripts/requirements.txt" "$stamp"
fi
echo "setup: done (LLVM $(/usr/lib/llvm-22/bin/llvm-config --version), venv $venv)"
