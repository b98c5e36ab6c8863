// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @sequences
// CHECK: ds.sequence_empty : !ds.seq<tensor<*xf32>>
// CHECK: ds.sequence_construct %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<4x3xf32>) -> !ds.seq<tensor<?x3xf32>>
// CHECK: ds.sequence_insert %{{.*}}, %{{.*}} : (!ds.seq<tensor<?x3xf32>>, tensor<2x3xf32>) -> !ds.seq<tensor<?x3xf32>>
// CHECK: ds.sequence_insert %{{.*}}, %{{.*}}, %{{.*}} : (!ds.seq<tensor<?x3xf32>>, tensor<2x3xf32>, tensor<i64>) -> !ds.seq<tensor<?x3xf32>>
// CHECK: ds.sequence_erase %{{.*}} : (!ds.seq<tensor<?x3xf32>>) -> !ds.seq<tensor<?x3xf32>>
// CHECK: ds.sequence_at %{{.*}}, %{{.*}} : (!ds.seq<tensor<?x3xf32>>, tensor<i64>) -> tensor<?x3xf32>
// CHECK: ds.sequence_length %{{.*}} : (!ds.seq<tensor<?x3xf32>>) -> tensor<i64>
// CHECK: ds.concat_from_sequence %{{.*}} {axis = 0 : i64, new_axis = true} : (!ds.seq<tensor<?x3xf32>>) -> tensor<?x?x3xf32>
// CHECK: ds.split_to_sequence %{{.*}} {axis = 1 : i64, keepdims = false} : (tensor<2x3xf32>) -> !ds.seq<tensor<2xf32>>
func.func @sequences(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>, %i: tensor<i64>)
    -> (!ds.seq<tensor<*xf32>>, tensor<?x3xf32>, tensor<i64>, tensor<?x?x3xf32>, !ds.seq<tensor<2xf32>>) {
  %e = ds.sequence_empty : !ds.seq<tensor<*xf32>>
  %s = ds.sequence_construct %a, %b : (tensor<2x3xf32>, tensor<4x3xf32>) -> !ds.seq<tensor<?x3xf32>>
  %s1 = ds.sequence_insert %s, %a : (!ds.seq<tensor<?x3xf32>>, tensor<2x3xf32>) -> !ds.seq<tensor<?x3xf32>>
  %s2 = ds.sequence_insert %s1, %a, %i : (!ds.seq<tensor<?x3xf32>>, tensor<2x3xf32>, tensor<i64>) -> !ds.seq<tensor<?x3xf32>>
  %s3 = ds.sequence_erase %s2 : (!ds.seq<tensor<?x3xf32>>) -> !ds.seq<tensor<?x3xf32>>
  %t = ds.sequence_at %s3, %i : (!ds.seq<tensor<?x3xf32>>, tensor<i64>) -> tensor<?x3xf32>
  %n = ds.sequence_length %s3 : (!ds.seq<tensor<?x3xf32>>) -> tensor<i64>
  %c = ds.concat_from_sequence %s3 {axis = 0 : i64, new_axis = true} : (!ds.seq<tensor<?x3xf32>>) -> tensor<?x?x3xf32>
  %p = ds.split_to_sequence %a {axis = 1 : i64, keepdims = false} : (tensor<2x3xf32>) -> !ds.seq<tensor<2xf32>>
  return %e, %t, %n, %c, %p : !ds.seq<tensor<*xf32>>, tensor<?x3xf32>, tensor<i64>, tensor<?x?x3xf32>, !ds.seq<tensor<2xf32>>
}

// -----

// CHECK-LABEL: func.func @optionals
// CHECK: ds.optional %{{.*}} : (tensor<2xf32>) -> !ds.opt<tensor<2xf32>>
// CHECK: ds.optional : () -> !ds.opt<!ds.seq<tensor<*xi64>>>
// CHECK: ds.optional_has_element %{{.*}} : (!ds.opt<tensor<2xf32>>) -> tensor<i1>
// CHECK: ds.optional_get_element %{{.*}} : (!ds.opt<tensor<2xf32>>) -> tensor<2xf32>
func.func @optionals(%x: tensor<2xf32>) -> (tensor<i1>, tensor<2xf32>, !ds.opt<!ds.seq<tensor<*xi64>>>) {
  %o = ds.optional %x : (tensor<2xf32>) -> !ds.opt<tensor<2xf32>>
  %e = ds.optional : () -> !ds.opt<!ds.seq<tensor<*xi64>>>
  %h = ds.optional_has_element %o : (!ds.opt<tensor<2xf32>>) -> tensor<i1>
  %v = ds.optional_get_element %o : (!ds.opt<tensor<2xf32>>) -> tensor<2xf32>
  return %h, %v, %e : tensor<i1>, tensor<2xf32>, !ds.opt<!ds.seq<tensor<*xi64>>>
}
