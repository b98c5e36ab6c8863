# half-conversions.py for the aarch64 target, under qemu-user.
# REQUIRES: edge-aarch64
# RUN: %python %S/half-conversions.py %t %ds_bin aarch64 %qemu_aarch64 %ds_run_aarch64 | FileCheck %s
# CHECK: aarch64: ok
