// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// The sizes come from whichever operand has them: the sequence length from
// X, the batch from X, sequence_lens or the initial states, the hidden size
// from hidden_size, W, R, B, the states or P.
// CHECK-LABEL: func.func @lstm_shapes
// CHECK: ds.lstm {{.*}} -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
// CHECK: ds.lstm {{.*}} -> (tensor<?x2x7x4xf32>, tensor<2x7x4xf32>, tensor<2x7x4xf32>)
// CHECK: ds.lstm {{.*}} -> (tensor<2x5x1x4xf32>, tensor<2x1x4xf32>, tensor<2x1x4xf32>)
// CHECK: ds.lstm {{.*}} -> (tensor<?x1x?x?xf32>, tensor<1x?x?xf32>, tensor<1x?x?xf32>)
func.func @lstm_shapes(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x?x?xf32>,
                       %xd: tensor<?x?x3xf32>, %w2: tensor<2x?x3xf32>, %r2: tensor<2x?x?xf32>,
                       %lens: tensor<7xi32>, %p2: tensor<2x12xf32>, %xb: tensor<2x5x3xf32>,
                       %u: tensor<*xf32>) {
  %0:3 = ds.lstm %x, %w, %r : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x?x?xf32>)
      -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  %1:3 = ds.lstm %xd, %w2, %r2 sequence_lens %lens peepholes %p2 {direction = "bidirectional"}
      : (tensor<?x?x3xf32>, tensor<2x?x3xf32>, tensor<2x?x?xf32>, tensor<7xi32>, tensor<2x12xf32>)
      -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  %2:3 = ds.lstm %xb, %w, %r {layout = 1 : i64}
      : (tensor<2x5x3xf32>, tensor<1x16x3xf32>, tensor<1x?x?xf32>)
      -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  %3:3 = ds.lstm %u, %u, %u : (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
      -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

// CHECK-LABEL: func.func @gru_rnn_shapes
// CHECK: ds.gru {{.*}} -> (tensor<6x1x3x5xf16>, tensor<1x3x5xf16>)
// CHECK: ds.gru {{.*}} -> (tensor<3x6x2x5xf16>, tensor<3x2x5xf16>)
// CHECK: ds.rnn {{.*}} -> (tensor<6x1x3x8xf16>, tensor<1x3x8xf16>)
// CHECK: ds.rnn {{.*}} -> (tensor<3x6x1x?xf16>, tensor<3x1x?xf16>)
func.func @gru_rnn_shapes(%x: tensor<6x3x2xf16>, %w: tensor<1x15x2xf16>, %r: tensor<1x15x5xf16>,
                          %b2: tensor<2x30xf16>, %h: tensor<3x2x?xf16>, %xb: tensor<3x6x2xf16>,
                          %u: tensor<*xf16>) {
  %0:2 = ds.gru %x, %w, %r : (tensor<6x3x2xf16>, tensor<1x15x2xf16>, tensor<1x15x5xf16>)
      -> (tensor<*xf16>, tensor<*xf16>)
  %1:2 = ds.gru %xb, %u, %u bias %b2 initial_h %h {direction = "bidirectional", layout = 1 : i64}
      : (tensor<3x6x2xf16>, tensor<*xf16>, tensor<*xf16>, tensor<2x30xf16>, tensor<3x2x?xf16>)
      -> (tensor<*xf16>, tensor<*xf16>)
  %2:2 = ds.rnn %x, %u, %u {hidden_size = 8 : i64}
      : (tensor<6x3x2xf16>, tensor<*xf16>, tensor<*xf16>) -> (tensor<*xf16>, tensor<*xf16>)
  %3:2 = ds.rnn %xb, %u, %u {direction = "reverse", layout = 1 : i64}
      : (tensor<3x6x2xf16>, tensor<*xf16>, tensor<*xf16>) -> (tensor<*xf16>, tensor<*xf16>)
  return
}

// -----

// The number of iterations is the static length of any scan input; a
// scan output stacks along its axis. A state keeps its shape, so what its
// initial value and the body tell of it both hold.
// CHECK-LABEL: func.func @scan_shapes
// CHECK: ds.scan {{.*}} -> (tensor<4xf32>, tensor<10x4xf32>, tensor<4x10xf32>)
// CHECK: ds.scan {{.*}} -> (tensor<2x6xi32>, tensor<*xi32>)
func.func @scan_shapes(%init: tensor<4xf32>, %x: tensor<?x4xf32>, %y: tensor<3x10xf32>,
                       %s: tensor<2x?xi32>, %u: tensor<*xi32>) {
  %0:3 = ds.scan %init, %x, %y {num_scan_inputs = 2 : i64, scan_input_axes = array<i64: 0, 1>,
                                scan_output_axes = array<i64: 0, -1>}
      : (tensor<4xf32>, tensor<?x4xf32>, tensor<3x10xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  ^bb0(%acc: tensor<4xf32>, %row: tensor<4xf32>, %col: tensor<3xf32>):
    ds.scan_yield %acc, %row, %row : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  }
  %1:2 = ds.scan %s, %u {num_scan_inputs = 1 : i64, scan_output_axes = array<i64: 1>}
      : (tensor<2x?xi32>, tensor<*xi32>) -> (tensor<*xi32>, tensor<*xi32>) {
  ^bb0(%st: tensor<2x?xi32>, %v: tensor<*xi32>):
    %c = ds.constant dense<0> : tensor<2x6xi32>
    ds.scan_yield %c, %v : tensor<2x6xi32>, tensor<*xi32>
  }
  return
}

// -----

// CHECK-LABEL: func.func @causal_conv_shapes
// CHECK: ds.causal_conv_with_state {{.*}} -> (tensor<2x8x?xf32>, tensor<2x8x3xf32>)
// CHECK: ds.causal_conv_with_state {{.*}} -> (tensor<2x8x5xf32>, tensor<2x8x?xf32>)
func.func @causal_conv_shapes(%x: tensor<?x?x?xf32>, %w: tensor<8x1x4xf32>, %s: tensor<2x?x?xf32>,
                              %x2: tensor<2x8x5xf32>, %w2: tensor<?x?x?xf32>) {
  %0:2 = ds.causal_conv_with_state %x, %w past_state %s
      : (tensor<?x?x?xf32>, tensor<8x1x4xf32>, tensor<2x?x?xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  %1:2 = ds.causal_conv_with_state %x2, %w2
      : (tensor<2x8x5xf32>, tensor<?x?x?xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

// d_k comes from query, key, past_state or a per-key decay; d_v from value
// or past_state. Without past_state the state has the query's element type.
// CHECK-LABEL: func.func @linear_attention_shapes
// CHECK: ds.linear_attention {{.*}} -> (tensor<3x?x32xf16>, tensor<3x2x8x4xf32>)
// CHECK: ds.linear_attention {{.*}} -> (tensor<3x7x?xf16>, tensor<3x2x5x?xf16>)
func.func @linear_attention_shapes(%q: tensor<?x?x?xf16>, %k: tensor<3x?x?xf16>, %v: tensor<?x?x?xf16>,
                                   %s: tensor<?x?x8x4xf32>, %g: tensor<?x7x10xf16>) {
  %0:2 = ds.linear_attention %q, %k, %v past_state %s {kv_num_heads = 2 : i64, q_num_heads = 8 : i64, update_rule = "linear"}
      : (tensor<?x?x?xf16>, tensor<3x?x?xf16>, tensor<?x?x?xf16>, tensor<?x?x8x4xf32>)
      -> (tensor<*xf16>, tensor<*xf32>)
  %1:2 = ds.linear_attention %q, %k, %v decay %g {kv_num_heads = 2 : i64, q_num_heads = 2 : i64, update_rule = "gated"}
      : (tensor<?x?x?xf16>, tensor<3x?x?xf16>, tensor<?x?x?xf16>, tensor<?x7x10xf16>)
      -> (tensor<*xf16>, tensor<*xf16>)
  return
}
