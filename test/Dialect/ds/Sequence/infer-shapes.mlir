// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// CHECK-LABEL: func.func @refine
// CHECK: ds.sequence_construct {{.*}} -> !ds.seq<tensor<?x3xf32>>
// CHECK: ds.sequence_insert {{.*}} -> !ds.seq<tensor<?x3xf32>>
// CHECK: ds.sequence_at {{.*}} -> tensor<?x3xf32>
// CHECK: ds.concat_from_sequence {{.*}} -> tensor<?x3xf32>
// CHECK: ds.split_to_sequence {{.*}} -> !ds.seq<tensor<4x1xf32>>
// CHECK: ds.split_to_sequence {{.*}} -> !ds.seq<tensor<4x?xf32>>
// CHECK: ds.optional_get_element {{.*}} -> tensor<2x3xf32>
func.func @refine(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>, %i: tensor<i64>, %x: tensor<4x6xf32>, %sp: tensor<2xi64>, %o: !ds.opt<tensor<2x3xf32>>)
    -> (tensor<*xf32>, tensor<*xf32>, !ds.seq<tensor<*xf32>>, !ds.seq<tensor<*xf32>>, tensor<*xf32>) {
  %s = ds.sequence_construct %a, %b : (tensor<2x3xf32>, tensor<4x3xf32>) -> !ds.seq<tensor<*xf32>>
  %s1 = ds.sequence_insert %s, %a : (!ds.seq<tensor<*xf32>>, tensor<2x3xf32>) -> !ds.seq<tensor<*xf32>>
  %t = ds.sequence_at %s1, %i : (!ds.seq<tensor<*xf32>>, tensor<i64>) -> tensor<*xf32>
  %c = ds.concat_from_sequence %s1 {axis = 0 : i64} : (!ds.seq<tensor<*xf32>>) -> tensor<*xf32>
  %p = ds.split_to_sequence %x {axis = 1 : i64} : (tensor<4x6xf32>) -> !ds.seq<tensor<*xf32>>
  %q = ds.split_to_sequence %x, %sp {axis = 1 : i64} : (tensor<4x6xf32>, tensor<2xi64>) -> !ds.seq<tensor<*xf32>>
  %v = ds.optional_get_element %o : (!ds.opt<tensor<2x3xf32>>) -> tensor<*xf32>
  return %t, %c, %p, %q, %v : tensor<*xf32>, tensor<*xf32>, !ds.seq<tensor<*xf32>>, !ds.seq<tensor<*xf32>>, tensor<*xf32>
}
