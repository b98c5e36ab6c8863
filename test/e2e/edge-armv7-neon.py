# The model families compiled with --target=armv7 --mattr=+neon (128-bit
# vectors: the vector kernels, Winograd included) and run by the
# cross-built ds-run under qemu-user, against the host's results and
# onnxruntime (test/lib/edge_check.py).
# REQUIRES: edge-armv7
# RUN: %python %s %t armv7 %ds_bin %ds_run_armv7 %qemu_armv7 | FileCheck %s
# CHECK: mlp on armv7: ok
# CHECK: resnet_block on armv7: ok
# CHECK: mobilenet_block on armv7: ok
# CHECK: transformer_encoder on armv7: ok
# CHECK: dynamic_batch on armv7: ok
# CHECK: winograd_block on armv7: ok
from edge_check import main

main(mattr="+neon")
