// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @lstm
// CHECK: ds.lstm %{{.*}}, %{{.*}}, %{{.*}} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
// CHECK: ds.lstm %{{.*}}, %{{.*}}, %{{.*}} bias %{{.*}} sequence_lens %{{.*}} initial_h %{{.*}} initial_c %{{.*}} peepholes %{{.*}} {clip = 3.000000e+00 : f32, direction = "bidirectional", hidden_size = 4 : i64, input_forget = true, precision = #ds.precision<fp16>}
// CHECK-SAME: -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
// CHECK: ds.lstm %{{.*}}, %{{.*}}, %{{.*}} initial_c %{{.*}} {activation_alpha = array<f32: 1.000000e-01>, activations = ["LeakyRelu", "Tanh", "Softsign"], hidden_size = 4 : i64, layout = 1 : i64}
// CHECK-SAME: (tensor<2x5x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<2x1x4xf32>) -> (tensor<2x5x1x4xf32>, tensor<2x1x4xf32>, tensor<2x1x4xf32>)
func.func @lstm(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>,
                %w2: tensor<2x16x3xf32>, %r2: tensor<2x16x4xf32>, %b2: tensor<2x32xf32>,
                %lens: tensor<2xi32>, %h2: tensor<2x2x4xf32>, %p2: tensor<2x12xf32>,
                %xb: tensor<2x5x3xf32>, %cb: tensor<2x1x4xf32>) {
  %0:3 = ds.lstm %x, %w, %r : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>)
      -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  %1:3 = ds.lstm %x, %w2, %r2 bias %b2 sequence_lens %lens initial_h %h2 initial_c %h2 peepholes %p2
      {direction = "bidirectional", hidden_size = 4 : i64, clip = 3.0 : f32, input_forget = true,
       precision = #ds.precision<fp16>}
      : (tensor<5x2x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>, tensor<2x32xf32>, tensor<2xi32>,
         tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x12xf32>)
      -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
  %2:3 = ds.lstm %xb, %w, %r initial_c %cb
      {hidden_size = 4 : i64, layout = 1 : i64, activations = ["LeakyRelu", "Tanh", "Softsign"],
       activation_alpha = array<f32: 0.1>}
      : (tensor<2x5x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<2x1x4xf32>)
      -> (tensor<2x5x1x4xf32>, tensor<2x1x4xf32>, tensor<2x1x4xf32>)
  return
}

// -----

// CHECK-LABEL: func.func @gru_rnn
// CHECK: ds.gru %{{.*}}, %{{.*}}, %{{.*}} bias %{{.*}} {direction = "reverse", linear_before_reset = true} : (tensor<?x2x3xbf16>, tensor<1x12x3xbf16>, tensor<1x12x4xbf16>, tensor<1x24xbf16>) -> (tensor<?x1x2x4xbf16>, tensor<1x2x4xbf16>)
// CHECK: ds.rnn %{{.*}}, %{{.*}}, %{{.*}} sequence_lens %{{.*}} {activation_alpha = array<f32: 2.000000e+00>, activation_beta = array<f32: 5.000000e-01>, activations = ["Affine"], hidden_size = 4 : i64} : (tensor<7x2x3xf64>, tensor<1x4x3xf64>, tensor<1x4x4xf64>, tensor<2xi32>) -> (tensor<7x1x2x4xf64>, tensor<1x2x4xf64>)
// CHECK: ds.rnn %{{.*}}, %{{.*}}, %{{.*}} initial_h %{{.*}} {layout = 1 : i64} : (tensor<*xf16>, tensor<*xf16>, tensor<*xf16>, tensor<*xf16>) -> (tensor<?x?x?x?xf16>, tensor<?x?x?xf16>)
func.func @gru_rnn(%x: tensor<?x2x3xbf16>, %w: tensor<1x12x3xbf16>, %r: tensor<1x12x4xbf16>,
                   %b: tensor<1x24xbf16>, %xd: tensor<7x2x3xf64>, %wd: tensor<1x4x3xf64>,
                   %rd: tensor<1x4x4xf64>, %lens: tensor<2xi32>, %u: tensor<*xf16>) {
  %0:2 = ds.gru %x, %w, %r bias %b {direction = "reverse", linear_before_reset = true}
      : (tensor<?x2x3xbf16>, tensor<1x12x3xbf16>, tensor<1x12x4xbf16>, tensor<1x24xbf16>)
      -> (tensor<?x1x2x4xbf16>, tensor<1x2x4xbf16>)
  %1:2 = ds.rnn %xd, %wd, %rd sequence_lens %lens
      {hidden_size = 4 : i64, activations = ["Affine"], activation_alpha = array<f32: 2.0>,
       activation_beta = array<f32: 0.5>}
      : (tensor<7x2x3xf64>, tensor<1x4x3xf64>, tensor<1x4x4xf64>, tensor<2xi32>)
      -> (tensor<7x1x2x4xf64>, tensor<1x2x4xf64>)
  %2:2 = ds.rnn %u, %u, %u initial_h %u {layout = 1 : i64}
      : (tensor<*xf16>, tensor<*xf16>, tensor<*xf16>, tensor<*xf16>)
      -> (tensor<?x?x?x?xf16>, tensor<?x?x?xf16>)
  return
}

// -----

// CHECK-LABEL: func.func @scan
// CHECK: ds.scan %{{.*}}, %{{.*}} {num_scan_inputs = 1 : i64, scan_output_directions = array<i64: 1>} : (tensor<4xf32>, tensor<10x4xf32>) -> (tensor<4xf32>, tensor<10x4xf32>) {
// CHECK: ^bb0(%{{.*}}: tensor<4xf32>, %{{.*}}: tensor<4xf32>):
// CHECK: ds.scan_yield %{{.*}}, %{{.*}} : tensor<4xf32>, tensor<4xf32>
// CHECK: ds.scan %{{.*}}, %{{.*}} {num_scan_inputs = 2 : i64, scan_input_axes = array<i64: 1, -1>, scan_input_directions = array<i64: 0, 1>, scan_output_axes = array<i64: -1>} : (tensor<3x?xf32>, tensor<3x?xi64>) -> tensor<3x?xi64> {
// CHECK: ^bb0(%{{.*}}: tensor<3xf32>, %{{.*}}: tensor<3xi64>):
// CHECK: ds.scan_yield %{{.*}} : tensor<3xi64>
func.func @scan(%init: tensor<4xf32>, %x: tensor<10x4xf32>, %a: tensor<3x?xf32>, %b: tensor<3x?xi64>) {
  %sum, %partials = ds.scan %init, %x {num_scan_inputs = 1 : i64, scan_output_directions = array<i64: 1>}
      : (tensor<4xf32>, tensor<10x4xf32>) -> (tensor<4xf32>, tensor<10x4xf32>) {
  ^bb0(%acc: tensor<4xf32>, %row: tensor<4xf32>):
    %next = ds.add %acc, %row : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    ds.scan_yield %next, %next : tensor<4xf32>, tensor<4xf32>
  }
  // No state; two scan inputs along their last axis, the second backward.
  %map = ds.scan %a, %b {num_scan_inputs = 2 : i64, scan_input_axes = array<i64: 1, -1>,
                         scan_input_directions = array<i64: 0, 1>, scan_output_axes = array<i64: -1>}
      : (tensor<3x?xf32>, tensor<3x?xi64>) -> tensor<3x?xi64> {
  ^bb0(%col: tensor<3xf32>, %idx: tensor<3xi64>):
    ds.scan_yield %idx : tensor<3xi64>
  }
  return
}

// -----

// CHECK-LABEL: func.func @causal_conv_with_state
// CHECK: ds.causal_conv_with_state %{{.*}}, %{{.*}} bias %{{.*}} past_state %{{.*}} {activation = "silu"} : (tensor<1x64x1xf16>, tensor<64x1x4xf16>, tensor<64xf16>, tensor<1x64x3xf16>) -> (tensor<1x64x1xf16>, tensor<1x64x3xf16>)
// CHECK: ds.causal_conv_with_state %{{.*}}, %{{.*}} past_state %{{.*}} {precision = #ds.precision<fp32>} : (tensor<?x8x?xbf16>, tensor<8x1x2xbf16>, tensor<?x8x1xbf16>) -> (tensor<?x8x?xbf16>, tensor<?x8x1xbf16>)
func.func @causal_conv_with_state(%x: tensor<1x64x1xf16>, %w: tensor<64x1x4xf16>, %b: tensor<64xf16>,
                                  %s: tensor<1x64x3xf16>, %xd: tensor<?x8x?xbf16>,
                                  %wd: tensor<8x1x2xbf16>, %sd: tensor<?x8x1xbf16>) {
  %y, %state = ds.causal_conv_with_state %x, %w bias %b past_state %s {activation = "silu"}
      : (tensor<1x64x1xf16>, tensor<64x1x4xf16>, tensor<64xf16>, tensor<1x64x3xf16>)
      -> (tensor<1x64x1xf16>, tensor<1x64x3xf16>)
  %0:2 = ds.causal_conv_with_state %xd, %wd past_state %sd {precision = #ds.precision<fp32>}
      : (tensor<?x8x?xbf16>, tensor<8x1x2xbf16>, tensor<?x8x1xbf16>)
      -> (tensor<?x8x?xbf16>, tensor<?x8x1xbf16>)
  return
}

// -----

// CHECK-LABEL: func.func @linear_attention
// CHECK: ds.linear_attention %{{.*}}, %{{.*}}, %{{.*}} past_state %{{.*}} decay %{{.*}} beta %{{.*}} {kv_num_heads = 2 : i64, q_num_heads = 8 : i64} : (tensor<1x1x512xf16>, tensor<1x1x128xf16>, tensor<1x1x128xf16>, tensor<1x2x64x64xf32>, tensor<1x1x2xf16>, tensor<1x1x2xf16>) -> (tensor<1x1x512xf16>, tensor<1x2x64x64xf32>)
// CHECK: ds.linear_attention %{{.*}}, %{{.*}}, %{{.*}} {chunk_size = 16 : i64, kv_num_heads = 1 : i64, q_num_heads = 1 : i64, scale = 5.000000e-01 : f32, update_rule = "linear"} : (tensor<2x?x4xf32>, tensor<2x?x4xf32>, tensor<2x?x6xf32>) -> (tensor<2x?x6xf32>, tensor<2x1x4x6xf32>)
func.func @linear_attention(%q: tensor<1x1x512xf16>, %k: tensor<1x1x128xf16>, %v: tensor<1x1x128xf16>,
                            %s: tensor<1x2x64x64xf32>, %g: tensor<1x1x2xf16>, %b: tensor<1x1x2xf16>,
                            %q2: tensor<2x?x4xf32>, %v2: tensor<2x?x6xf32>) {
  %o, %state = ds.linear_attention %q, %k, %v past_state %s decay %g beta %b
      {kv_num_heads = 2 : i64, q_num_heads = 8 : i64}
      : (tensor<1x1x512xf16>, tensor<1x1x128xf16>, tensor<1x1x128xf16>,
         tensor<1x2x64x64xf32>, tensor<1x1x2xf16>, tensor<1x1x2xf16>)
      -> (tensor<1x1x512xf16>, tensor<1x2x64x64xf32>)
  %0:2 = ds.linear_attention %q2, %q2, %v2
      {kv_num_heads = 1 : i64, q_num_heads = 1 : i64, update_rule = "linear", scale = 0.5 : f32,
       chunk_size = 16 : i64}
      : (tensor<2x?x4xf32>, tensor<2x?x4xf32>, tensor<2x?x6xf32>)
      -> (tensor<2x?x6xf32>, tensor<2x1x4x6xf32>)
  return
}
