#!/usr/bin/env bash
# usage: qemu-run.sh TARGET PROGRAM [ARGS...]
# Runs PROGRAM, cross-built for the edge target TARGET (aarch64, armv7,
# riscv64, or its Debian triple), under qemu-user. -L points qemu at the
# target's Debian tree (/usr/<triple>), where the program's dynamic loader
# and libraries are; paths that do not exist under it (the program, its
# model libraries, its inputs) are used as they are.
set -euo pipefail

usage() {
  echo "usage: $(basename "$0") TARGET PROGRAM [ARGS...]" >&2
  echo "  TARGET: aarch64, armv7 or riscv64 (or aarch64-linux-gnu," \
       "arm-linux-gnueabihf, riscv64-linux-gnu)" >&2
  exit 2
}
(($# >= 2)) || usage

case "$1" in
  aarch64 | aarch64-linux-gnu) triple=aarch64-linux-gnu qemu=qemu-aarch64 ;;
  armv7 | arm-linux-gnueabihf) triple=arm-linux-gnueabihf qemu=qemu-arm ;;
  riscv64 | riscv64-linux-gnu) triple=riscv64-linux-gnu qemu=qemu-riscv64 ;;
  *) echo "qemu-run: unknown target '$1'" >&2; usage ;;
esac
shift

if ! command -v "$qemu" >/dev/null; then
  echo "qemu-run: $qemu not found; install qemu-user (scripts/setup.sh)" >&2
  exit 127
fi
if [ ! -d "/usr/$triple/lib" ]; then
  echo "qemu-run: no /usr/$triple/lib; install the $triple cross libraries" \
       "(scripts/setup.sh)" >&2
  exit 127
fi
exec "$qemu" -L "/usr/$triple" "$@"
