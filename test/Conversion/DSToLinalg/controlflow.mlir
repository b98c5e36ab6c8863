// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// ds.if is scf.if on the extracted condition; the branches' ops are lowered
// in place and each yielded value is cast to the result type.
// CHECK-LABEL: func.func @if_shapes
// CHECK: %[[C:.*]] = tensor.extract %arg0[] : tensor<i1>
// CHECK: %[[R:[a-z0-9_]+]] = scf.if %[[C]] -> (tensor<?xf32>) {
// CHECK:   %[[N:.*]] = linalg.generic
// CHECK:     arith.negf
// CHECK:   %[[CN:[a-z0-9_]+]] = tensor.cast %[[N]] : tensor<2xf32> to tensor<?xf32>
// CHECK:   scf.yield %[[CN]] : tensor<?xf32>
// CHECK: } else {
// CHECK:   %[[CB:.*]] = tensor.cast %arg2 : tensor<3xf32> to tensor<?xf32>
// CHECK:   scf.yield %[[CB]] : tensor<?xf32>
// CHECK: }
// CHECK: return %[[R]]
// CHECK-NOT: ds.
func.func @if_shapes(%c: tensor<i1>, %a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<?xf32> {
  %r = ds.if %c : tensor<i1> -> (tensor<?xf32>) {
    %n = ds.neg %a : (tensor<2xf32>) -> tensor<2xf32>
    ds.yield %n : tensor<2xf32>
  } else {
    ds.yield %b : tensor<3xf32>
  }
  return %r : tensor<?xf32>
}

// -----

// An unranked result with branches of one rank: the scf.if yields their
// join.
// CHECK-LABEL: func.func @if_unranked_result
// CHECK: scf.if %{{.*}} -> (tensor<?x4xf32>)
// CHECK: tensor.cast %{{.*}} : tensor<?x4xf32> to tensor<*xf32>
func.func @if_unranked_result(%c: tensor<1xi1>, %a: tensor<2x4xf32>, %b: tensor<3x4xf32>) -> tensor<*xf32> {
  %r = ds.if %c : tensor<1xi1> -> (tensor<*xf32>) {
    ds.yield %a : tensor<2x4xf32>
  } else {
    ds.yield %b : tensor<3x4xf32>
  }
  return %r : tensor<*xf32>
}

// -----

// A trip count without a condition: scf.for over [0, max(n, 0)) carrying the
// condition, the accumulator (written back into its iteration argument) and
// the scan buffer, allocated before the loop (its rows are static) and
// filled one row per iteration. (The iteration number is unused here, so
// its tensor is dead and gone.)
// CHECK-LABEL: func.func @loop_counted
// CHECK-DAG: %[[TRUE:.*]] = arith.constant true
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : index
// CHECK: %[[N:.*]] = tensor.extract %arg0[] : tensor<i64>
// CHECK: %[[NI:[a-z0-9_]+]] = arith.index_cast %[[N]] : i64 to index
// CHECK: %[[TRIPS:[a-z0-9_]+]] = arith.maxsi %[[NI]], %[[ZERO]] : index
// CHECK: %[[BUF:[a-z0-9_]+]] = tensor.empty(%[[TRIPS]]) : tensor<?x4xf32>
// CHECK: %[[FOR:[a-z0-9_]+]]:3 = scf.for %[[IV:[a-z0-9_]+]] = %[[ZERO]] to %[[TRIPS]] step %[[ONE]] iter_args(%[[COND:[a-z0-9_]+]] = %[[TRUE]], %[[ACC:[a-z0-9_]+]] = %arg1, %[[ROWS:[a-z0-9_]+]] = %[[BUF]]) -> (i1, tensor<4xf32>, tensor<?x4xf32>) {
// CHECK:   tensor.from_elements %[[COND]] : tensor<i1>
// CHECK:   %[[NEXT:.*]] = linalg.generic
// CHECK:     arith.addf
// CHECK:   %[[ROW:[a-z0-9_]+]] = tensor.insert_slice %[[NEXT]] into %[[ROWS]][%[[IV]], 0] [1, 4] [1, 1] : tensor<4xf32> into tensor<?x4xf32>
// CHECK:   %[[BACK:[a-z0-9_]+]] = linalg.copy ins(%[[NEXT]] : tensor<4xf32>) outs(%[[ACC]] : tensor<4xf32>)
// CHECK:   scf.yield %{{.*}}, %[[BACK]], %[[ROW]] : i1, tensor<4xf32>, tensor<?x4xf32>
// CHECK: return %[[FOR]]#1, %[[FOR]]#2
func.func @loop_counted(%n: tensor<i64>, %init: tensor<4xf32>, %x: tensor<4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>) {
  %sum, %partials = ds.loop max %n iter_args(%init)
      : (tensor<i64>, tensor<4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %acc: tensor<4xf32>):
    %next = ds.add %acc, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    ds.yield %c, %next, %next : tensor<i1>, tensor<4xf32>, tensor<4xf32>
  }
  return %sum, %partials : tensor<4xf32>, tensor<?x4xf32>
}

// -----

// A condition the body passes through (as ONNX's Range expansion has): a
// counted loop of max_trip_count iterations, none if the condition is
// false. Scan rows of dynamic sizes: the buffer is allocated at the first
// iteration from the first row's sizes.
// CHECK-LABEL: func.func @loop_passthrough_condition
// CHECK: %[[C:.*]] = tensor.extract %arg1[] : tensor<i1>
// CHECK: %[[TRIPS:[a-z0-9_]+]] = arith.select %[[C]], %{{.*}}, %{{.*}} : index
// CHECK: scf.for %[[IV:[a-z0-9_]+]] = %{{.*}} to %[[TRIPS]] step %{{.*}} iter_args(%{{.*}} = %[[C]], %{{.*}} = %arg2, %[[ROWS:[a-z0-9_]+]] = %{{.*}}) -> (i1, tensor<?xf32>, tensor<?x?xf32>)
// CHECK:   %[[FIRST:[a-z0-9_]+]] = arith.cmpi eq, %[[IV]], %{{.*}} : index
// CHECK:   %[[BUF:[a-z0-9_]+]] = scf.if %[[FIRST]] -> (tensor<?x?xf32>) {
// CHECK:     tensor.empty(%[[TRIPS]], %{{.*}}) : tensor<?x?xf32>
// CHECK:   } else {
// CHECK:     scf.yield %[[ROWS]] : tensor<?x?xf32>
// CHECK:   tensor.insert_slice %{{.*}} into %[[BUF]][%[[IV]], 0] [1, %{{.*}}] [1, 1] : tensor<?xf32> into tensor<?x?xf32>
// CHECK-NOT: scf.while
func.func @loop_passthrough_condition(%n: tensor<i64>, %go: tensor<i1>, %init: tensor<?xf32>) -> (tensor<?xf32>, tensor<?x?xf32>) {
  %last, %all = ds.loop max %n cond %go iter_args(%init)
      : (tensor<i64>, tensor<i1>, tensor<?xf32>) -> (tensor<?xf32>, tensor<?x?xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<?xf32>):
    %c2 = ds.identity %c : (tensor<i1>) -> tensor<i1>
    %next = ds.add %v, %v : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
    ds.yield %c2, %next, %v : tensor<i1>, tensor<?xf32>, tensor<?xf32>
  }
  return %last, %all : tensor<?xf32>, tensor<?x?xf32>
}

// -----

// A condition the body computes: scf.while. The "before" region checks the
// condition and the trip count; the "after" region is the body, growing the
// scan buffer by one row per iteration.
// CHECK-LABEL: func.func @loop_while
// CHECK: %[[MAX:.*]] = tensor.extract %arg0[] : tensor<i64>
// CHECK: %[[C0:.*]] = tensor.extract %arg1[] : tensor<i1>
// CHECK: scf.while (%[[I:[a-z0-9_]+]] = %{{.*}}, %[[C:[a-z0-9_]+]] = %[[C0]], %{{.*}} = %arg2, %{{.*}} = %{{.*}}) : (i64, i1, tensor<2xf32>, tensor<?x2xf32>) -> (i64, i1, tensor<2xf32>, tensor<?x2xf32>) {
// CHECK:   %[[IN:[a-z0-9_]+]] = arith.cmpi slt, %[[I]], %[[MAX]] : i64
// CHECK:   %[[GO:[a-z0-9_]+]] = arith.andi %[[C]], %[[IN]] : i1
// CHECK:   scf.condition(%[[GO]])
// CHECK: } do {
// CHECK: ^bb0(%[[J:[a-z0-9_]+]]: i64, %{{.*}}: i1, %[[V:[a-z0-9_]+]]: tensor<2xf32>, %[[ROWS:[a-z0-9_]+]]: tensor<?x2xf32>):
// CHECK:   linalg.reduce
// CHECK:   arith.cmpf olt
// CHECK:   %[[GROWN:.*]] = tensor.empty(%{{.*}}) : tensor<?x2xf32>
// CHECK:   %[[OLD:[a-z0-9_]+]] = tensor.insert_slice %[[ROWS]] into %[[GROWN]]
// CHECK:   %[[NEW:[a-z0-9_]+]] = tensor.insert_slice %[[V]] into %[[OLD]]
// CHECK:   %[[NEXTI:[a-z0-9_]+]] = arith.addi %[[J]], %{{.*}} : i64
// CHECK:   %[[BACK:.*]] = linalg.copy
// CHECK:   scf.yield %[[NEXTI]], %{{.*}}, %[[BACK]], %[[NEW]]
func.func @loop_while(%n: tensor<i64>, %go: tensor<i1>, %init: tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>) {
  %limit = ds.constant dense<100.0> : tensor<f32>
  %last, %all = ds.loop max %n cond %go iter_args(%init)
      : (tensor<i64>, tensor<i1>, tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<2xf32>):
    %next = ds.add %v, %v : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %s = ds.reduce_sum %next {keepdims = false} : (tensor<2xf32>) -> tensor<f32>
    %more = ds.less %s, %limit : (tensor<f32>, tensor<f32>) -> tensor<i1>
    ds.yield %more, %next, %v : tensor<i1>, tensor<2xf32>, tensor<2xf32>
  }
  return %last, %all : tensor<2xf32>, tensor<?x2xf32>
}

// -----

// An unranked carried value whose body argument is unranked too stays.
// CHECK-LABEL: func.func @loop_unranked_stays
// CHECK: ds.loop
func.func @loop_unranked_stays(%n: tensor<i64>, %init: tensor<*xf32>) -> tensor<*xf32> {
  %r = ds.loop max %n iter_args(%init) : (tensor<i64>, tensor<*xf32>) -> tensor<*xf32> {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<*xf32>):
    ds.yield %c, %v : tensor<i1>, tensor<*xf32>
  }
  return %r : tensor<*xf32>
}
