# half-conversions.py for the armv7 target, under qemu-user.
# REQUIRES: edge-armv7
# RUN: %python %S/half-conversions.py %t %ds_bin armv7 %qemu_armv7 %ds_run_armv7 | FileCheck %s
# CHECK: armv7: ok
