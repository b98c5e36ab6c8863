# The model families compiled with --target=riscv64 and run by the cross-built
# ds-run under qemu-user, against the host's results and onnxruntime
# (test/lib/edge_check.py).
# REQUIRES: edge-riscv64
# RUN: %python %s %t riscv64 %ds_bin %ds_run_riscv64 %qemu_riscv64 | FileCheck %s
# CHECK: mlp on riscv64: ok
# CHECK: resnet_block on riscv64: ok
# CHECK: mobilenet_block on riscv64: ok
# CHECK: transformer_encoder on riscv64: ok
# CHECK: dynamic_batch on riscv64: ok
# CHECK: winograd_block on riscv64: ok
from edge_check import main

main()
