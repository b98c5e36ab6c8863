// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// RNN, forward: X W^T for all steps in one linalg.contract, then an scf.for
// over the steps: H R^T by a linalg.matmul reading R transposed, and one
// generic over [N, H] that writes the new state in place of the old one
// and the step's row of Y.
// CHECK-DAG: #[[XMAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[WMAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[OMAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @rnn_forward
// CHECK: %[[W:.*]] = tensor.extract_slice %arg1[0, 0, 0] [1, 4, 3] [1, 1, 1] : tensor<1x4x3xf32> to tensor<4x3xf32>
// CHECK: %[[R:.*]] = tensor.extract_slice %arg2[0, 0, 0] [1, 4, 4] [1, 1, 1] : tensor<1x4x4xf32> to tensor<4x4xf32>
// CHECK: %[[XW:.*]] = linalg.contract indexing_maps = [#[[XMAP]], #[[WMAP]], #[[OMAP]]] ins(%arg0, %[[W]] : tensor<5x2x3xf32>, tensor<4x3xf32>) outs(%{{.*}} : tensor<5x2x4xf32>)
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[T:[a-z0-9_]+]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[H:[a-z0-9_]+]] = %{{.*}}, %[[Y:[a-z0-9_]+]] = %{{.*}}) -> (tensor<2x4xf32>, tensor<5x2x4xf32>)
// CHECK:   %[[XT:.*]] = tensor.extract_slice %[[XW]][%[[T]], 0, 0] [1, 2, 4] [1, 1, 1] : tensor<5x2x4xf32> to tensor<2x4xf32>
// CHECK:   %[[YT:.*]] = tensor.extract_slice %[[Y]][%[[T]], 0, 0] [1, 2, 4] [1, 1, 1] : tensor<5x2x4xf32> to tensor<2x4xf32>
// CHECK:   %[[HR:.*]] = linalg.matmul indexing_maps = [#[[A]], #[[B]], #[[C]]] ins(%[[H]], %[[R]] : tensor<2x4xf32>, tensor<4x4xf32>)
// CHECK:   %[[STEP:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%{{.*}}, %{{.*}} : tensor<2x4xf32>, tensor<2x4xf32>) outs(%[[H]], %[[YT]] : tensor<2x4xf32>, tensor<2x4xf32>)
// CHECK:     math.tanh
// CHECK:   %[[YN:.*]] = tensor.insert_slice %[[STEP]]#1 into %[[Y]][%[[T]], 0, 0] [1, 2, 4] [1, 1, 1]
// CHECK:   scf.yield %[[STEP]]#0, %[[YN]]
// CHECK: tensor.insert_slice %[[LOOP]]#1 into %{{.*}}[0, 0, 0, 0] [5, 1, 2, 4] [1, 1, 1, 1] : tensor<5x2x4xf32> into tensor<5x1x2x4xf32>
// CHECK: tensor.insert_slice %[[LOOP]]#0 into %{{.*}}[0, 0, 0] [1, 2, 4] [1, 1, 1] : tensor<2x4xf32> into tensor<1x2x4xf32>
func.func @rnn_forward(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %yh = ds.rnn %x, %w, %r {hidden_size = 4 : i64}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return %y, %yh : tensor<5x1x2x4xf32>, tensor<1x2x4xf32>
}

// -----

// Reverse with sequence lengths and dynamic sizes: the projected inputs are
// gathered per batch entry at len - 1 - t before the loop and Y the same
// way after it; past an entry's length the step keeps the state and writes
// zeros.
// CHECK-LABEL: func.func @rnn_reverse_lens_dynamic
// CHECK: %[[XW:.*]] = linalg.contract
// CHECK: %[[REV:.*]] = linalg.generic {{.*}} ins(%arg3 : tensor<?xi32>) outs(%{{.*}} : tensor<?x?x4xf32>)
// CHECK:   linalg.index 0
// CHECK:   arith.cmpi slt
// CHECK:   tensor.extract %[[XW]]
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[T:[a-z0-9_]+]] = {{.*}} -> (tensor<?x4xf32>, tensor<?x?x4xf32>)
// CHECK:   tensor.extract_slice %[[REV]][%[[T]], 0, 0]
// CHECK:   linalg.matmul
// CHECK:   linalg.generic
// CHECK:     arith.maximumf
// CHECK:     %[[LEN:.*]] = arith.index_cast %{{.*}} : i32 to index
// CHECK:     %[[VALID:.*]] = arith.cmpi slt, %[[T]], %[[LEN]] : index
// CHECK:     arith.select %[[VALID]]
// CHECK: linalg.generic {{.*}} ins(%arg3 : tensor<?xi32>) outs(%{{.*}} : tensor<?x?x4xf32>)
// CHECK:   tensor.extract %[[LOOP]]#1
func.func @rnn_reverse_lens_dynamic(%x: tensor<?x?x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>, %lens: tensor<?xi32>) -> (tensor<?x1x?x4xf32>, tensor<1x?x4xf32>) {
  %y, %yh = ds.rnn %x, %w, %r sequence_lens %lens {activations = ["Relu"], direction = "reverse", hidden_size = 4 : i64}
      : (tensor<?x?x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<?xi32>) -> (tensor<?x1x?x4xf32>, tensor<1x?x4xf32>)
  return %y, %yh : tensor<?x1x?x4xf32>, tensor<1x?x4xf32>
}

// -----

// LSTM, both directions, layout 1: transposes around the computation, one
// loop per direction carrying H, C and Y; the second runs backwards
// (t = S - 1 - s) without sequence lengths.
// CHECK-LABEL: func.func @lstm_bidirectional_layout1
// CHECK: %[[X:.*]] = linalg.transpose ins(%arg0 : tensor<2x5x3xf32>) outs(%{{.*}} : tensor<5x2x3xf32>) permutation = [1, 0, 2]
// CHECK: linalg.contract {{.*}} ins(%[[X]],
// CHECK: scf.for {{.*}} -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<5x2x4xf32>)
// CHECK:   linalg.matmul
// CHECK:   %{{.*}}:3 = linalg.generic
// CHECK: linalg.contract {{.*}} ins(%[[X]],
// CHECK: scf.for %[[S:[a-z0-9_]+]] = {{.*}} -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<5x2x4xf32>)
// CHECK:   %[[T:.*]] = arith.subi %{{.*}}, %[[S]] : index
// CHECK:   tensor.extract_slice %{{.*}}[%[[T]], 0, 0]
// CHECK: linalg.transpose ins(%{{.*}} : tensor<5x2x2x4xf32>) outs(%{{.*}} : tensor<2x5x2x4xf32>) permutation = [2, 0, 1, 3]
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x2x4xf32>) outs(%{{.*}} : tensor<2x2x4xf32>) permutation = [1, 0, 2]
func.func @lstm_bidirectional_layout1(%x: tensor<2x5x3xf32>, %w: tensor<2x16x3xf32>, %r: tensor<2x16x4xf32>) -> (tensor<2x5x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>) {
  %y, %yh, %yc = ds.lstm %x, %w, %r {direction = "bidirectional", hidden_size = 4 : i64, layout = 1 : i64}
      : (tensor<2x5x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>) -> (tensor<2x5x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
  return %y, %yh, %yc : tensor<2x5x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>
}

// -----

// GRU resetting before the product: r * H by a generic, then (r * H) R_h^T,
// before the step's generic.
// CHECK-LABEL: func.func @gru_default
// CHECK: %[[RZR:.*]] = tensor.extract_slice %{{.*}}[0, 0] [8, 4] [1, 1] : tensor<12x4xf32> to tensor<8x4xf32>
// CHECK: %[[RH:.*]] = tensor.extract_slice %{{.*}}[8, 0] [4, 4] [1, 1] : tensor<12x4xf32> to tensor<4x4xf32>
// CHECK: scf.for
// CHECK:   linalg.matmul {{.*}} ins(%{{.*}}, %[[RZR]] : tensor<2x4xf32>, tensor<8x4xf32>)
// CHECK:   %[[RTH:.*]] = linalg.generic
// CHECK:   linalg.matmul {{.*}} ins(%[[RTH]], %[[RH]] : tensor<2x4xf32>, tensor<4x4xf32>)
// CHECK:   linalg.generic
// CHECK:     math.tanh
func.func @gru_default(%x: tensor<5x2x3xf32>, %w: tensor<1x12x3xf32>, %r: tensor<1x12x4xf32>, %b: tensor<1x24xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>) {
  %y, %yh = ds.gru %x, %w, %r bias %b {hidden_size = 4 : i64}
      : (tensor<5x2x3xf32>, tensor<1x12x3xf32>, tensor<1x12x4xf32>, tensor<1x24xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return %y, %yh : tensor<5x1x2x4xf32>, tensor<1x2x4xf32>
}

// -----

// Scan: an scf.for over the scan axis; the body's ds ops are lowered in
// place, the scan input is sliced (backwards here) and the scan output
// buffer, allocated before the loop, gets each value along its axis 1.
// CHECK-LABEL: func.func @scan
// CHECK: %[[BUF:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[I:[a-z0-9_]+]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:[a-z0-9_]+]] = %arg0, %[[OUT:[a-z0-9_]+]] = %[[BUF]]) -> (tensor<2xf32>, tensor<2x3xf32>)
// CHECK:   %[[BACK:.*]] = arith.subi %{{.*}}, %[[I]] : index
// CHECK:   %[[ROW:.*]] = tensor.extract_slice %arg1[%[[BACK]], 0] [1, 2] [1, 1] : tensor<3x2xf32> to tensor<2xf32>
// CHECK:   %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[ACC]], %[[ROW]]
// CHECK:   %[[INS:.*]] = tensor.insert_slice %[[SUM]] into %[[OUT]][0, %[[I]]] [2, 1] [1, 1] : tensor<2xf32> into tensor<2x3xf32>
// CHECK:   %[[NEW:.*]] = linalg.copy ins(%[[SUM]] : tensor<2xf32>) outs(%[[ACC]] : tensor<2xf32>)
// CHECK:   scf.yield %[[NEW]], %[[INS]]
// CHECK: return %[[LOOP]]#0, %[[LOOP]]#1
func.func @scan(%init: tensor<2xf32>, %x: tensor<3x2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>) {
  %sum, %partials = ds.scan %init, %x {num_scan_inputs = 1 : i64, scan_input_directions = array<i64: 1>, scan_output_axes = array<i64: -1>}
      : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>) {
  ^bb0(%acc: tensor<2xf32>, %row: tensor<2xf32>):
    %next = ds.add %acc, %row : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    ds.scan_yield %next, %next : tensor<2xf32>, tensor<2xf32>
  }
  return %sum, %partials : tensor<2xf32>, tensor<2x3xf32>
}

// -----

// Scan values of dynamic sizes: the buffer comes at the first iteration.
// CHECK-LABEL: func.func @scan_dynamic
// CHECK: %[[L:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x?xf32>
// CHECK: scf.for %[[I:[a-z0-9_]+]] = %{{.*}} to %[[L]]
// CHECK:   %[[FIRST:.*]] = arith.cmpi eq, %[[I]], %{{.*}} : index
// CHECK:   scf.if %[[FIRST]] -> (tensor<?x?xf32>)
// CHECK:     tensor.empty(%[[L]], %{{.*}}) : tensor<?x?xf32>
func.func @scan_dynamic(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %ys = ds.scan %x {num_scan_inputs = 1 : i64}
      : (tensor<?x?xf32>) -> tensor<?x?xf32> {
  ^bb0(%row: tensor<?xf32>):
    %n = ds.neg %row : (tensor<?xf32>) -> tensor<?xf32>
    ds.scan_yield %n : tensor<?xf32>
  }
  return %ys : tensor<?x?xf32>
}

// -----

// CausalConvWithState: the past state and the input in one buffer, a
// depthwise generic with the kernel as a reduction (bias as the initial
// value), SiLU, and the last K - 1 positions as the present state.
// CHECK-DAG: #[[PAD:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 + d3)>
// CHECK-DAG: #[[WGT:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, 0, d3)>
// CHECK-LABEL: func.func @causal_conv
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<1x4x?xf32>
// CHECK: %[[P:.*]] = tensor.insert_slice %arg3 into %[[E]][0, 0, 0] [1, 4, 2] [1, 1, 1]
// CHECK: %[[PI:.*]] = tensor.insert_slice %arg0 into %[[P]][0, 0, 2] [1, 4, %{{.*}}] [1, 1, 1]
// CHECK: %[[ACC:.*]] = linalg.generic {{.*}} ins(%arg2 : tensor<4xf32>)
// CHECK: %[[CONV:.*]] = linalg.generic {indexing_maps = [#[[PAD]], #[[WGT]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[PI]], %arg1 : tensor<1x4x?xf32>, tensor<4x1x3xf32>) outs(%[[ACC]] : tensor<1x4x?xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[CONV]] : tensor<1x4x?xf32>)
// CHECK:   math.exp
// CHECK:   arith.mulf
// CHECK: tensor.extract_slice %[[PI]][0, 0, %{{.*}}] [1, 4, 2] [1, 1, 1] : tensor<1x4x?xf32> to tensor<1x4x2xf32>
func.func @causal_conv(%x: tensor<1x4x?xf32>, %w: tensor<4x1x3xf32>, %b: tensor<4xf32>, %s: tensor<1x4x2xf32>) -> (tensor<1x4x?xf32>, tensor<1x4x2xf32>) {
  %y, %state = ds.causal_conv_with_state %x, %w bias %b past_state %s {activation = "silu"}
      : (tensor<1x4x?xf32>, tensor<4x1x3xf32>, tensor<4xf32>, tensor<1x4x2xf32>) -> (tensor<1x4x?xf32>, tensor<1x4x2xf32>)
  return %y, %state : tensor<1x4x?xf32>, tensor<1x4x2xf32>
}

// -----

// f16 without a past state: zeros before the input, sums in f32.
// CHECK-LABEL: func.func @causal_conv_f16
// CHECK: linalg.fill ins(%{{.*}} : f16) outs(%{{.*}} : tensor<2x3x6xf16>)
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x3x4xf32>)
// CHECK: linalg.generic
// CHECK:   arith.extf %{{.*}} : f16 to f32
// CHECK: linalg.generic
// CHECK:   arith.truncf %{{.*}} : f32 to f16
func.func @causal_conv_f16(%x: tensor<2x3x4xf16>, %w: tensor<3x1x3xf16>) -> (tensor<2x3x4xf16>, tensor<2x3x2xf16>) {
  %y, %state = ds.causal_conv_with_state %x, %w
      : (tensor<2x3x4xf16>, tensor<3x1x3xf16>) -> (tensor<2x3x4xf16>, tensor<2x3x2xf16>)
  return %y, %state : tensor<2x3x4xf16>, tensor<2x3x2xf16>
}

// -----

// LinearAttention, gated delta rule, two query heads per key/value head:
// an scf.for over the tokens carrying the f32 state; per token the decay,
// the retrieval S^T k (a reduction), the rank-1 update and the readout with
// the query head h reading the state of head h floordiv 2.
// CHECK-DAG: #[[GQA:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 floordiv 2, d3, d2)>
// CHECK-LABEL: func.func @linear_attention
// CHECK: tensor.expand_shape %arg0 {{\[}}[0], [1], [2, 3]] output_shape [1, %{{.*}}, 4, 8] : tensor<1x?x32xf32> into tensor<1x?x4x8xf32>
// CHECK: scf.for %[[T:[a-z0-9_]+]] = {{.*}} iter_args(%[[S:[a-z0-9_]+]] = %{{.*}}, %[[O:[a-z0-9_]+]] = %{{.*}}) -> (tensor<1x2x8x8xf32>, tensor<1x?x4x8xf32>)
// CHECK:   %[[DECAYED:.*]] = linalg.generic {{.*}} outs(%[[S]] : tensor<1x2x8x8xf32>)
// CHECK:     math.exp
// CHECK:   linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[DECAYED]],
// CHECK:   linalg.generic
// CHECK:     arith.subf
// CHECK:   %[[UPDATED:.*]] = linalg.generic {{.*}} outs(%[[DECAYED]] : tensor<1x2x8x8xf32>)
// CHECK:   linalg.generic {indexing_maps = [#{{.*}}, #[[GQA]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%{{.*}}, %[[UPDATED]]
// CHECK:   tensor.insert_slice %{{.*}} into %[[O]][0, %[[T]], 0, 0]
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3]] : tensor<1x?x4x8xf32> into tensor<1x?x32xf32>
func.func @linear_attention(%q: tensor<1x?x32xf32>, %k: tensor<1x?x16xf32>, %v: tensor<1x?x16xf32>, %g: tensor<1x?x2xf32>, %b: tensor<1x?x2xf32>) -> (tensor<1x?x32xf32>, tensor<1x2x8x8xf32>) {
  %o, %s = ds.linear_attention %q, %k, %v decay %g beta %b {kv_num_heads = 2 : i64, q_num_heads = 4 : i64}
      : (tensor<1x?x32xf32>, tensor<1x?x16xf32>, tensor<1x?x16xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>) -> (tensor<1x?x32xf32>, tensor<1x2x8x8xf32>)
  return %o, %s : tensor<1x?x32xf32>, tensor<1x2x8x8xf32>
}

// -----

// A body written without shapes (as ONNX graphs often are) gets them: the
// scan is lowered before its body, its slices and states reach the body's
// ds ops, whose types are inferred again, so they lower to static IR.
// CHECK-LABEL: func.func @scan_body_without_shapes
// CHECK: scf.for {{.*}} iter_args(%[[ACC:[a-z0-9_]+]] = %arg0) -> (tensor<2x4xf32>)
// CHECK:   %[[ROW:.*]] = tensor.extract_slice %arg1[%{{.*}}, 0, 0] [1, 2, 4] [1, 1, 1] : tensor<3x2x4xf32> to tensor<2x4xf32>
// CHECK:   %[[E:.*]] = linalg.generic {{.*}} ins(%[[ROW]] : tensor<2x4xf32>) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK:   tensor.expand_shape %[[E]] {{\[}}[0], [1, 2]] output_shape [2, 4, 1] : tensor<2x4xf32> into tensor<2x4x1xf32>
// CHECK:   linalg.generic {{.*}} ins(%[[ACC]], %{{.*}} : tensor<2x4xf32>, tensor<2x4xf32>) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK-NOT: tensor<?x?
func.func @scan_body_without_shapes(%init: tensor<2x4xf32>, %x: tensor<3x2x4xf32>) -> tensor<2x4xf32> {
  %s = ds.scan %init, %x {num_scan_inputs = 1 : i64} : (tensor<2x4xf32>, tensor<3x2x4xf32>) -> tensor<2x4xf32> {
  ^bb0(%acc: tensor<?x?xf32>, %row: tensor<?x?xf32>):
    %e = ds.exp %row : (tensor<?x?xf32>) -> tensor<?x?xf32>
    %u = ds.unsqueeze %e {axes = array<i64: -1>} : (tensor<?x?xf32>) -> tensor<?x?x1xf32>
    %q = ds.squeeze %u {axes = array<i64: -1>} : (tensor<?x?x1xf32>) -> tensor<?x?xf32>
    %m = ds.mul %acc, %q : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
    ds.scan_yield %m : tensor<?x?xf32>
  }
  return %s : tensor<2x4xf32>
}
