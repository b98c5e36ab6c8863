// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// CHECK-LABEL: func.func @batch_norm
// CHECK: ds.batch_normalization {{.*}} -> tensor<?x3x4xf32>
// CHECK: ds.batch_normalization {{.*}} -> (tensor<?x3x4xf32>, tensor<3xf32>, tensor<3xf32>)
// Unknown channel count: the running statistics take the size of mean and var.
// CHECK: ds.batch_normalization {{.*}} -> (tensor<*xf32>, tensor<5xf32>, tensor<?xf32>)
func.func @batch_norm(%x: tensor<?x3x4xf32>, %c: tensor<3xf32>, %v: tensor<?xf32>, %u: tensor<*xf32>, %m: tensor<5xf32>, %d: tensor<?xf32>)
    -> (tensor<*xf32>, tensor<*xf32>, tensor<?xf32>, tensor<*xf32>, tensor<*xf32>, tensor<?xf32>, tensor<?xf32>) {
  %0 = ds.batch_normalization %x, %c, %c, %c, %c : (tensor<?x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<*xf32>
  %1:3 = ds.batch_normalization %x, %c, %c, %c, %v {training_mode = true}
      : (tensor<?x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<?xf32>) -> (tensor<*xf32>, tensor<?xf32>, tensor<*xf32>)
  %2:3 = ds.batch_normalization %u, %d, %d, %m, %d {training_mode = true}
      : (tensor<*xf32>, tensor<?xf32>, tensor<?xf32>, tensor<5xf32>, tensor<?xf32>) -> (tensor<*xf32>, tensor<?xf32>, tensor<?xf32>)
  return %0, %1#0, %1#1, %1#2, %2#0, %2#1, %2#2 : tensor<*xf32>, tensor<*xf32>, tensor<?xf32>, tensor<*xf32>, tensor<*xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func @layer_norm
// CHECK: ds.layer_normalization {{.*}} -> (tensor<?x8x16xf16>, tensor<?x8x1xf32>, tensor<?x8x1xf32>)
// CHECK: ds.layer_normalization {{.*}} -> (tensor<?x8x16xf16>, tensor<?x1x1xbf16>, tensor<?x1x1xbf16>)
// CHECK: ds.layer_normalization {{.*}} -> (tensor<*xf16>, tensor<*xf32>, tensor<*xf32>)
// CHECK: ds.layer_normalization {{.*}} -> (tensor<?x8x16xf16>)
func.func @layer_norm(%x: tensor<?x8x16xf16>, %s: tensor<16xf16>, %u: tensor<*xf16>)
    -> (tensor<*xf16>, tensor<*xf32>, tensor<*xf32>, tensor<?x?x?xbf16>, tensor<*xbf16>, tensor<*xf32>, tensor<?x?x?xf16>) {
  %y, %m, %i = ds.layer_normalization %x, %s : (tensor<?x8x16xf16>, tensor<16xf16>) -> (tensor<*xf16>, tensor<*xf32>, tensor<*xf32>)
  %y1, %m1, %i1 = ds.layer_normalization %x, %s, %s {axis = 1 : i64, stash_type = 16 : i64}
      : (tensor<?x8x16xf16>, tensor<16xf16>, tensor<16xf16>) -> (tensor<?x?x?xf16>, tensor<?x?x?xbf16>, tensor<*xbf16>)
  %y2, %m2, %i2 = ds.layer_normalization %u, %s : (tensor<*xf16>, tensor<16xf16>) -> (tensor<*xf16>, tensor<*xf32>, tensor<*xf32>)
  %y3 = ds.layer_normalization %x, %s : (tensor<?x8x16xf16>, tensor<16xf16>) -> (tensor<?x?x?xf16>)
  return %y, %m, %i, %m1, %i1, %m2, %y3 : tensor<*xf16>, tensor<*xf32>, tensor<*xf32>, tensor<?x?x?xbf16>, tensor<*xbf16>, tensor<*xf32>, tensor<?x?x?xf16>
}

// -----

// CHECK-LABEL: func.func @group_and_instance
// CHECK: ds.group_normalization {{.*}} -> tensor<?x32x?x7xf32>
// CHECK: ds.instance_normalization {{.*}} -> tensor<?x32x?x7xf32>
// CHECK: return {{.*}} : tensor<?x32x?x7xf32>, tensor<?x32x?x7xf32>
func.func @group_and_instance(%x: tensor<?x32x?x7xf32>, %c: tensor<32xf32>) -> (tensor<*xf32>, tensor<?x?x?x?xf32>) {
  %0 = ds.group_normalization %x, %c, %c {num_groups = 4 : i64} : (tensor<?x32x?x7xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<*xf32>
  %1 = ds.instance_normalization %x, %c, %c : (tensor<?x32x?x7xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<?x?x?x?xf32>
  return %0, %1 : tensor<*xf32>, tensor<?x?x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @axis_ops
// CHECK: ds.softmax {{.*}} -> tensor<?x10xf32>
// CHECK: ds.log_softmax {{.*}} -> tensor<?x10xf32>
// CHECK: ds.hardmax {{.*}} -> tensor<?x10xf32>
// CHECK: ds.lp_normalization {{.*}} -> tensor<?x10xf32>
// CHECK: ds.softmax {{.*}} : (tensor<*xf32>) -> tensor<*xf32>
func.func @axis_ops(%x: tensor<?x10xf32>, %u: tensor<*xf32>) -> (tensor<*xf32>, tensor<?x?xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = ds.softmax %x : (tensor<?x10xf32>) -> tensor<*xf32>
  %1 = ds.log_softmax %x : (tensor<?x10xf32>) -> tensor<?x?xf32>
  %2 = ds.hardmax %x : (tensor<?x10xf32>) -> tensor<*xf32>
  %3 = ds.lp_normalization %x : (tensor<?x10xf32>) -> tensor<*xf32>
  %4 = ds.softmax %u : (tensor<*xf32>) -> tensor<*xf32>
  return %0, %1, %2, %3, %4 : tensor<*xf32>, tensor<?x?xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}
