// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @batch_norm_inference
// CHECK: ds.batch_normalization %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 1.000000e-03 : f32, precision = #ds.precision<fp16>}
// CHECK-SAME: : (tensor<?x64x?x?xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<?x64x?x?xf32>
func.func @batch_norm_inference(%x: tensor<?x64x?x?xf32>, %c: tensor<64xf32>) -> tensor<?x64x?x?xf32> {
  %y = ds.batch_normalization %x, %c, %c, %c, %c {epsilon = 1.0e-3 : f32, precision = #ds.precision<fp16>}
      : (tensor<?x64x?x?xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<?x64x?x?xf32>
  return %y : tensor<?x64x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @batch_norm_training
// CHECK: %{{.*}}, %{{.*}}:2 = ds.batch_normalization %{{.*}} {momentum = 8.000000e-01 : f32, training_mode = true}
// CHECK-SAME: -> (tensor<8x3x4xf16>, tensor<3xf32>, tensor<3xf32>)
func.func @batch_norm_training(%x: tensor<8x3x4xf16>, %s: tensor<3xf16>, %m: tensor<3xf32>) -> (tensor<8x3x4xf16>, tensor<3xf32>, tensor<3xf32>) {
  %y, %rm, %rv = ds.batch_normalization %x, %s, %s, %m, %m {momentum = 0.8 : f32, training_mode = true}
      : (tensor<8x3x4xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf32>, tensor<3xf32>) -> (tensor<8x3x4xf16>, tensor<3xf32>, tensor<3xf32>)
  return %y, %rm, %rv : tensor<8x3x4xf16>, tensor<3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @layer_norm_with_bias
// CHECK: ds.layer_normalization %{{.*}}, %{{.*}}, %{{.*}} : (tensor<?x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> (tensor<?x128x768xf32>)
func.func @layer_norm_with_bias(%x: tensor<?x128x768xf32>, %s: tensor<768xf32>, %b: tensor<768xf32>) -> tensor<?x128x768xf32> {
  %y = ds.layer_normalization %x, %s, %b : (tensor<?x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> (tensor<?x128x768xf32>)
  return %y : tensor<?x128x768xf32>
}

// -----

// CHECK-LABEL: func.func @layer_norm_stats
// CHECK: %{{.*}}, %{{.*}}, %{{.*}} = ds.layer_normalization %{{.*}}, %{{.*}} {axis = 1 : i64, stash_type = 11 : i64}
// CHECK-SAME: : (tensor<2x3x4xf16>, tensor<3x1xf16>) -> (tensor<2x3x4xf16>, tensor<2x1x1xf64>, tensor<2x1x1xf64>)
func.func @layer_norm_stats(%x: tensor<2x3x4xf16>, %s: tensor<3x1xf16>) -> (tensor<2x3x4xf16>, tensor<2x1x1xf64>, tensor<2x1x1xf64>) {
  %y, %m, %i = ds.layer_normalization %x, %s {axis = 1 : i64, epsilon = 1.0e-5 : f32, stash_type = 11 : i64}
      : (tensor<2x3x4xf16>, tensor<3x1xf16>) -> (tensor<2x3x4xf16>, tensor<2x1x1xf64>, tensor<2x1x1xf64>)
  return %y, %m, %i : tensor<2x3x4xf16>, tensor<2x1x1xf64>, tensor<2x1x1xf64>
}

// -----

// CHECK-LABEL: func.func @group_norm
// CHECK: ds.group_normalization %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 9.99999997E-7 : f32, num_groups = 8 : i64}
// CHECK-SAME: : (tensor<?x32x?x?xbf16>, tensor<32xbf16>, tensor<32xbf16>) -> tensor<?x32x?x?xbf16>
func.func @group_norm(%x: tensor<?x32x?x?xbf16>, %c: tensor<32xbf16>) -> tensor<?x32x?x?xbf16> {
  %y = ds.group_normalization %x, %c, %c {num_groups = 8 : i64, epsilon = 1.0e-6 : f32}
      : (tensor<?x32x?x?xbf16>, tensor<32xbf16>, tensor<32xbf16>) -> tensor<?x32x?x?xbf16>
  return %y : tensor<?x32x?x?xbf16>
}

// -----

// CHECK-LABEL: func.func @instance_norm
// CHECK: ds.instance_normalization %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x3x?x?xf32>, tensor<3xf32>, tensor<?xf32>) -> tensor<1x3x?x?xf32>
func.func @instance_norm(%x: tensor<1x3x?x?xf32>, %s: tensor<3xf32>, %b: tensor<?xf32>) -> tensor<1x3x?x?xf32> {
  %y = ds.instance_normalization %x, %s, %b : (tensor<1x3x?x?xf32>, tensor<3xf32>, tensor<?xf32>) -> tensor<1x3x?x?xf32>
  return %y : tensor<1x3x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @softmax_family
// CHECK: ds.softmax %{{.*}} : (tensor<?x10xf32>) -> tensor<?x10xf32>
// CHECK: ds.log_softmax %{{.*}} {axis = 0 : i64, precision = #ds.precision<fp32>} : (tensor<?x10xf32>) -> tensor<?x10xf32>
// CHECK: ds.hardmax %{{.*}} {axis = 1 : i64} : (tensor<?x10xf32>) -> tensor<?x10xf32>
// CHECK: ds.lp_normalization %{{.*}} {p = 1 : i64} : (tensor<*xf64>) -> tensor<*xf64>
func.func @softmax_family(%x: tensor<?x10xf32>, %u: tensor<*xf64>) -> (tensor<?x10xf32>, tensor<?x10xf32>, tensor<?x10xf32>, tensor<*xf64>) {
  %0 = ds.softmax %x {axis = -1 : i64} : (tensor<?x10xf32>) -> tensor<?x10xf32>
  %1 = ds.log_softmax %x {axis = 0 : i64, precision = #ds.precision<fp32>} : (tensor<?x10xf32>) -> tensor<?x10xf32>
  %2 = ds.hardmax %x {axis = 1 : i64} : (tensor<?x10xf32>) -> tensor<?x10xf32>
  %3 = ds.lp_normalization %u {p = 1 : i64} : (tensor<*xf64>) -> tensor<*xf64>
  return %0, %1, %2, %3 : tensor<?x10xf32>, tensor<?x10xf32>, tensor<?x10xf32>, tensor<*xf64>
}
