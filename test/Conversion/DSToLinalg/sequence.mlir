// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// split_to_sequence in pieces of a constant size (the last one shorter):
// slices. The last piece, taken out, is padded: the pad sees its static
// shape rather than sequence_at's dynamic result type. The others, left
// after an erase of the last, are stacked along a new axis by writing each
// into one buffer. No ds op is left.
// CHECK-LABEL: func.func @split_concat_new_axis
// CHECK: %[[P0:.*]] = tensor.extract_slice %arg0[0, 0] [2, 3] [1, 1] : tensor<2x7xf32> to tensor<2x3xf32>
// CHECK: %[[P1:.*]] = tensor.extract_slice %arg0[0, 3] [2, 3] [1, 1] : tensor<2x7xf32> to tensor<2x3xf32>
// CHECK: %[[P2:.*]] = tensor.extract_slice %arg0[0, 6] [2, 1] [1, 1] : tensor<2x7xf32> to tensor<2x1xf32>
// CHECK: tensor.pad %[[P2]] low[0, 0] high[0, 3]
// CHECK: } : tensor<2x1xf32> to tensor<2x4xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x2x3xf32>
// CHECK: %[[S0:.*]] = tensor.insert_slice %[[P0]] into %[[E]][0, 0, 0] [2, 1, 3] [1, 1, 1] : tensor<2x3xf32> into tensor<2x2x3xf32>
// CHECK: %[[S1:.*]] = tensor.insert_slice %[[P1]] into %[[S0]][0, 1, 0] [2, 1, 3] [1, 1, 1] : tensor<2x3xf32> into tensor<2x2x3xf32>
// CHECK: tensor.cast %[[S1]] : tensor<2x2x3xf32> to tensor<2x?x3xf32>
// CHECK-NOT: ds.
func.func @split_concat_new_axis(%x: tensor<2x7xf32>) -> (tensor<2x?x3xf32>, tensor<2x4xf32>) {
  %c = ds.constant dense<3> : tensor<i64>
  %s = ds.split_to_sequence %x, %c {axis = 1 : i64} : (tensor<2x7xf32>, tensor<i64>) -> !ds.seq<tensor<2x?xf32>>
  %i = ds.constant dense<2> : tensor<i64>
  %last = ds.sequence_at %s, %i : (!ds.seq<tensor<2x?xf32>>, tensor<i64>) -> tensor<2x?xf32>
  %p = ds.constant dense<[0, 0, 0, 3]> : tensor<4xi64>
  %z = ds.constant dense<0.0> : tensor<f32>
  %padded = ds.pad %last, %p, %z : (tensor<2x?xf32>, tensor<4xi64>, tensor<f32>) -> tensor<2x4xf32>
  %e = ds.sequence_erase %s : (!ds.seq<tensor<2x?xf32>>) -> !ds.seq<tensor<2x?xf32>>
  %t = ds.concat_from_sequence %e {axis = 1 : i64, new_axis = true} : (!ds.seq<tensor<2x?xf32>>) -> tensor<2x?x?xf32>
  %tc = tensor.cast %t : tensor<2x?x?xf32> to tensor<2x?x3xf32>
  return %tc, %padded : tensor<2x?x3xf32>, tensor<2x4xf32>
}

// -----

// An empty sequence with tensors inserted (at the end, then at the front),
// its length and the tensors concatenated along axis 0. The element type of
// the sequence is unranked; the ds ops that use what comes out get their
// types inferred again from the tensors' shapes, so they lower with them.
// CHECK-LABEL: func.func @empty_insert_length_concat
// CHECK: %[[N:.*]] = arith.constant dense<2> : tensor<i64>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<5x3xf32>
// CHECK: %[[A:.*]] = tensor.insert_slice %arg1 into %[[E]][0, 0] [3, 3] [1, 1] : tensor<3x3xf32> into tensor<5x3xf32>
// CHECK: %[[B:.*]] = tensor.insert_slice %arg0 into %[[A]][3, 0] [2, 3] [1, 1] : tensor<2x3xf32> into tensor<5x3xf32>
// CHECK: %[[NEG:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<5x3xf32>) outs(%{{.*}} : tensor<5x3xf32>)
// CHECK:   arith.negf
// CHECK: %[[R:.*]] = tensor.cast %[[NEG]] : tensor<5x3xf32> to tensor<?x3xf32>
// CHECK: return %[[R]], %[[N]]
func.func @empty_insert_length_concat(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) -> (tensor<?x3xf32>, tensor<i64>) {
  %e = ds.sequence_empty : !ds.seq<tensor<*xf32>>
  %s1 = ds.sequence_insert %e, %a : (!ds.seq<tensor<*xf32>>, tensor<2x3xf32>) -> !ds.seq<tensor<*xf32>>
  %zero = ds.constant dense<0> : tensor<i32>
  %s2 = ds.sequence_insert %s1, %b, %zero : (!ds.seq<tensor<*xf32>>, tensor<3x3xf32>, tensor<i32>) -> !ds.seq<tensor<*xf32>>
  %n = ds.sequence_length %s2 : (!ds.seq<tensor<*xf32>>) -> tensor<i64>
  %c = ds.concat_from_sequence %s2 {axis = 0 : i64} : (!ds.seq<tensor<*xf32>>) -> tensor<*xf32>
  %neg = ds.neg %c : (tensor<*xf32>) -> tensor<*xf32>
  %r = tensor.cast %neg : tensor<*xf32> to tensor<?x3xf32>
  return %r, %n : tensor<?x3xf32>, tensor<i64>
}

// -----

// The ds ops after a sequence_at see the element's shape, also those the
// greedy driver reaches before the sequence_at: the sequence is resolved
// first and their types are inferred again from the element's.
// CHECK-LABEL: func.func @users_see_the_element_shape
// CHECK: %[[E:.*]] = linalg.generic {{.*}} ins(%arg0 : tensor<2x4xf32>) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK: %[[U:.*]] = tensor.expand_shape %[[E]] {{\[}}[0], [1, 2]] output_shape [2, 4, 1] : tensor<2x4xf32> into tensor<2x4x1xf32>
// CHECK: %[[R:.*]] = tensor.cast %[[U]] {ds.refine} : tensor<2x4x1xf32> to tensor<?x?x1xf32>
// CHECK: return %[[R]]
func.func @users_see_the_element_shape(%a: tensor<2x4xf32>) -> tensor<?x?x1xf32> {
  %s = ds.sequence_construct %a : (tensor<2x4xf32>) -> !ds.seq<tensor<?x?xf32>>
  %i = ds.constant dense<0> : tensor<i64>
  %c = ds.sequence_at %s, %i : (!ds.seq<tensor<?x?xf32>>, tensor<i64>) -> tensor<?x?xf32>
  %e = ds.exp %c : (tensor<?x?xf32>) -> tensor<?x?xf32>
  %u = ds.unsqueeze %e {axes = array<i64: -1>} : (tensor<?x?xf32>) -> tensor<?x?x1xf32>
  return %u : tensor<?x?x1xf32>
}

// -----

// A position known at run time: scf.index_switch over the elements.
// CHECK-LABEL: func.func @at_runtime_position
// CHECK: %[[P:.*]] = tensor.extract %arg2[] : tensor<i64>
// CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[P]], %{{.*}} : i64
// CHECK: %[[WRAPPED:.*]] = arith.addi %[[P]], %{{.*}} : i64
// CHECK: %[[SEL:.*]] = arith.select %[[NEG]], %[[WRAPPED]], %[[P]] : i64
// CHECK: %[[IDX:.*]] = arith.index_cast %[[SEL]] : i64 to index
// CHECK: %[[R:.*]] = scf.index_switch %[[IDX]] -> tensor<?xf32>
// CHECK: case 0 {
// CHECK:   tensor.cast %arg0 : tensor<3xf32> to tensor<?xf32>
// CHECK: case 1 {
// CHECK:   tensor.cast %arg1 : tensor<4xf32> to tensor<?xf32>
// CHECK: default {
// CHECK: return %[[R]]
func.func @at_runtime_position(%a: tensor<3xf32>, %b: tensor<4xf32>, %i: tensor<i64>) -> tensor<?xf32> {
  %s = ds.sequence_construct %a, %b : (tensor<3xf32>, tensor<4xf32>) -> !ds.seq<tensor<?xf32>>
  %x = ds.sequence_at %s, %i : (!ds.seq<tensor<?xf32>>, tensor<i64>) -> tensor<?xf32>
  return %x : tensor<?xf32>
}

// -----

// split_to_sequence of a dynamic input into rows without the axis, with a
// dynamic size elsewhere; the first row taken.
// CHECK-LABEL: func.func @split_rows_dynamic
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<2x?xf32>
// CHECK: %[[R:.*]] = tensor.extract_slice %arg0[0, 0] [1, %[[D]]] [1, 1] : tensor<2x?xf32> to tensor<?xf32>
// CHECK: return %[[R]]
func.func @split_rows_dynamic(%x: tensor<2x?xf32>) -> tensor<?xf32> {
  %s = ds.split_to_sequence %x {axis = 0 : i64, keepdims = false} : (tensor<2x?xf32>) -> !ds.seq<tensor<?xf32>>
  %i = ds.constant dense<0> : tensor<i64>
  %r = ds.sequence_at %s, %i : (!ds.seq<tensor<?xf32>>, tensor<i64>) -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// Optionals: a present value and an empty one.
// CHECK-LABEL: func.func @optionals
// CHECK-DAG: %[[TRUE:.*]] = arith.constant dense<true> : tensor<i1>
// CHECK-DAG: %[[FALSE:.*]] = arith.constant dense<false> : tensor<i1>
// CHECK: return %arg0, %[[TRUE]], %[[FALSE]]
func.func @optionals(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<i1>, tensor<i1>) {
  %o = ds.optional %x : (tensor<2xf32>) -> !ds.opt<tensor<2xf32>>
  %v = ds.optional_get_element %o : (!ds.opt<tensor<2xf32>>) -> tensor<2xf32>
  %h = ds.optional_has_element %o : (!ds.opt<tensor<2xf32>>) -> tensor<i1>
  %e = ds.optional : () -> !ds.opt<tensor<2xf32>>
  %he = ds.optional_has_element %e : (!ds.opt<tensor<2xf32>>) -> tensor<i1>
  return %v, %h, %he : tensor<2xf32>, tensor<i1>, tensor<i1>
}

// -----

// A sequence whose elements are not known (a function argument) stays.
// CHECK-LABEL: func.func @unknown_elements_stay
// CHECK: ds.sequence_length
func.func @unknown_elements_stay(%s: !ds.seq<tensor<?xf32>>) -> tensor<i64> {
  %n = ds.sequence_length %s : (!ds.seq<tensor<?xf32>>) -> tensor<i64>
  return %n : tensor<i64>
}
