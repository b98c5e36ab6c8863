// The stock mlir-opt of the LLVM installation loads ds as a dialect plugin and
// a pass plugin, parses ds IR and runs a ds pass through --pass-pipeline.
// RUN: %mlir_opt %s --load-dialect-plugin=%ds_lib/libDSPlugin.so \
// RUN:   --load-pass-plugin=%ds_lib/libDSPlugin.so \
// RUN:   --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// Without the plugin, ds IR does not parse.
// RUN: not %mlir_opt %s 2>&1 | FileCheck %s --check-prefix=NOPLUGIN
// NOPLUGIN: Dialect `ds' not found

// CHECK-LABEL: func.func @refine
// CHECK-SAME: -> tensor<4x3xf32>
// CHECK: ds.add %{{.*}}, %{{.*}} : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
// CHECK: ds.relu %{{.*}} {precision = #ds.precision<bf16>} : (tensor<4x3xf32>) -> tensor<4x3xf32>
func.func @refine(%a: tensor<4x1xf32>, %b: tensor<3xf32>) -> tensor<?x3xf32> {
  %0 = ds.add %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %1 = ds.relu %0 {precision = #ds.precision<bf16>} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %1 : tensor<?x3xf32>
}
