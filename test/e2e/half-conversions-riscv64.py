# half-conversions.py for the riscv64 target, under qemu-user.
# REQUIRES: edge-riscv64
# RUN: %python %S/half-conversions.py %t %ds_bin riscv64 %qemu_riscv64 %ds_run_riscv64 | FileCheck %s
# CHECK: riscv64: ok
