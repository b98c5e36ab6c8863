# The model families compiled with --target=aarch64 and run by the cross-built
# ds-run under qemu-user, against the host's results and onnxruntime
# (test/lib/edge_check.py).
# REQUIRES: edge-aarch64
# RUN: %python %s %t aarch64 %ds_bin %ds_run_aarch64 %qemu_aarch64 | FileCheck %s
# CHECK: mlp on aarch64: ok
# CHECK: resnet_block on aarch64: ok
# CHECK: mobilenet_block on aarch64: ok
# CHECK: transformer_encoder on aarch64: ok
# CHECK: dynamic_batch on aarch64: ok
# CHECK: winograd_block on aarch64: ok
from edge_check import main

main()
