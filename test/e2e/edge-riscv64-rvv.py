# The model families compiled with --target=riscv64 --mattr=+v (RVV, 128-bit
# vectors: the vector kernels, Winograd included) and run by the
# cross-built ds-run under qemu-user with the V extension, against the
# host's results and onnxruntime (test/lib/edge_check.py).
# REQUIRES: edge-riscv64
# RUN: %python %s %t riscv64 %ds_bin %ds_run_riscv64 %qemu_riscv64 -cpu rv64,v=true,vlen=128 2>&1 | FileCheck %s
# CHECK: mlp on riscv64: ok
# CHECK: resnet_block on riscv64: ok
# CHECK: mobilenet_block on riscv64: ok
# CHECK: transformer_encoder on riscv64: ok
# CHECK: dynamic_batch on riscv64: ok
# CHECK: winograd_block on riscv64: ok
from edge_check import main

main(mattr="+v")
