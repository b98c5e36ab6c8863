// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @lstm_direction(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op direction must be "forward", "reverse" or "bidirectional", got "backward"}}
  %0:3 = ds.lstm %x, %w, %r {direction = "backward"} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_w_rows(%x: tensor<5x2x3xf32>, %w: tensor<1x12x3xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op W dimension 1 is 12, expected 4 * hidden_size = 16}}
  %0:3 = ds.lstm %x, %w, %r {hidden_size = 4 : i64} : (tensor<5x2x3xf32>, tensor<1x12x3xf32>, tensor<1x16x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_bias_multiple(%x: tensor<5x2x3xf32>, %w: tensor<1x?x3xf32>, %r: tensor<1x?x?xf32>, %b: tensor<1x10xf32>) {
  // expected-error @+1 {{'ds.lstm' op B dimension 1 is 10, not a multiple of 8 (8 * hidden_size)}}
  %0:3 = ds.lstm %x, %w, %r bias %b : (tensor<5x2x3xf32>, tensor<1x?x3xf32>, tensor<1x?x?xf32>, tensor<1x10xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_x_rank(%x: tensor<5x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op X must have rank 3, got 'tensor<5x3xf32>'}}
  %0:3 = ds.lstm %x, %w, %r : (tensor<5x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_input_size(%x: tensor<5x2x3xf32>, %w: tensor<1x16x2xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op W dimension 2 is 2, expected input_size = 3}}
  %0:3 = ds.lstm %x, %w, %r : (tensor<5x2x3xf32>, tensor<1x16x2xf32>, tensor<1x16x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_directions(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op W dimension 0 is 1, expected num_directions = 2}}
  %0:3 = ds.lstm %x, %w, %r {direction = "bidirectional"} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_initial_c_batch(%x: tensor<2x5x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>, %c: tensor<1x2x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op initial_c dimension 0 is 1, expected batch_size = 2}}
  %0:3 = ds.lstm %x, %w, %r initial_c %c {layout = 1 : i64} : (tensor<2x5x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x2x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_peepholes(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>, %p: tensor<1x16xf32>) {
  // expected-error @+1 {{'ds.lstm' op P dimension 1 is 16, not a multiple of 3 (3 * hidden_size)}}
  %0:3 = ds.lstm %x, %w, %r peepholes %p : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x16xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_layout(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op layout must be 0 or 1, got 2}}
  %0:3 = ds.lstm %x, %w, %r {layout = 2 : i64} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_hidden_size(%x: tensor<5x2x3xf32>, %w: tensor<1x0x3xf32>, %r: tensor<1x0x0xf32>) {
  // expected-error @+1 {{'ds.lstm' op hidden_size must be at least 1, got 0}}
  %0:3 = ds.lstm %x, %w, %r {hidden_size = 0 : i64} : (tensor<5x2x3xf32>, tensor<1x0x3xf32>, tensor<1x0x0xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_activation_count(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op expected 3 activations (3 per direction), got 2}}
  %0:3 = ds.lstm %x, %w, %r {activations = ["Sigmoid", "Tanh"]} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_activation_name(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op activation #1 "Gelu" is not one of Relu, Tanh, Sigmoid, Affine, LeakyRelu, ThresholdedRelu, ScaledTanh, HardSigmoid, Elu, Softsign, Softplus}}
  %0:3 = ds.lstm %x, %w, %r {activations = ["Sigmoid", "Gelu", "Tanh"]} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_alpha(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op activation_alpha has 1 values but only 0 of the activations take an alpha}}
  %0:3 = ds.lstm %x, %w, %r {activation_alpha = array<f32: 0.5>} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_beta(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op activation_beta has 1 values but only 0 of the activations take a beta}}
  %0:3 = ds.lstm %x, %w, %r {activations = ["LeakyRelu", "Tanh", "Tanh"], activation_alpha = array<f32: 0.5>, activation_beta = array<f32: 1.0>} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_clip(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op clip must be positive, got -1.000000e+00}}
  %0:3 = ds.lstm %x, %w, %r {clip = -1.0 : f32} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_element_type(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf16>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op operands must have the element type of X ('f32'), got 'tensor<1x16x3xf16>'}}
  %0:3 = ds.lstm %x, %w, %r : (tensor<5x2x3xf32>, tensor<1x16x3xf16>, tensor<1x16x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_result_shape(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{'ds.lstm' op result #0 type 'tensor<5x2x1x4xf32>' is incompatible with the inferred type 'tensor<5x1x2x4xf32>'}}
  %0:3 = ds.lstm %x, %w, %r : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<5x2x1x4xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @lstm_seq_lens_type(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>, %s: tensor<2xi64>) {
  // expected-error @+1 {{'ds.lstm' op operand #3 must be tensor of 32-bit signless integer values, but got 'tensor<2xi64>'}}
  %0:3 = ds.lstm %x, %w, %r sequence_lens %s : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<2xi64>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @gru_r_cols(%x: tensor<5x2x3xf32>, %w: tensor<1x12x3xf32>, %r: tensor<1x12x5xf32>) {
  // expected-error @+1 {{'ds.gru' op R dimension 2 is 5, expected hidden_size = 4}}
  %0:2 = ds.gru %x, %w, %r : (tensor<5x2x3xf32>, tensor<1x12x3xf32>, tensor<1x12x5xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @gru_activation_count(%x: tensor<5x2x3xf32>, %w: tensor<2x12x3xf32>, %r: tensor<2x12x4xf32>) {
  // expected-error @+1 {{'ds.gru' op expected 4 activations (2 per direction), got 2}}
  %0:2 = ds.gru %x, %w, %r {direction = "bidirectional", activations = ["Sigmoid", "Tanh"]} : (tensor<5x2x3xf32>, tensor<2x12x3xf32>, tensor<2x12x4xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @rnn_sequence_lens(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>, %s: tensor<3xi32>) {
  // expected-error @+1 {{'ds.rnn' op sequence_lens dimension 0 is 3, expected batch_size = 2}}
  %0:2 = ds.rnn %x, %w, %r sequence_lens %s : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<3xi32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @rnn_integer(%x: tensor<5x2x3xi32>, %w: tensor<1x4x3xi32>, %r: tensor<1x4x4xi32>) {
  // expected-error @+1 {{'ds.rnn' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<5x2x3xi32>'}}
  %0:2 = ds.rnn %x, %w, %r : (tensor<5x2x3xi32>, tensor<1x4x3xi32>, tensor<1x4x4xi32>) -> (tensor<*xi32>, tensor<*xi32>)
  return
}

// -----

func.func @scan_num_scan_inputs(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{'ds.scan' op num_scan_inputs must be in [1, 1] (the number of operands), got 2}}
  %0 = ds.scan %x {num_scan_inputs = 2 : i64} : (tensor<3x4xf32>) -> tensor<3x4xf32> {
  ^bb0(%row: tensor<4xf32>):
    ds.scan_yield %row : tensor<4xf32>
  }
  return
}

// -----

func.func @scan_lengths(%x: tensor<3x4xf32>, %y: tensor<5x4xf32>) {
  // expected-error @+1 {{'ds.scan' op scan input #1 has 5 slices along its scan axis, but scan input #0 has 3}}
  %0 = ds.scan %x, %y {num_scan_inputs = 2 : i64} : (tensor<3x4xf32>, tensor<5x4xf32>) -> tensor<3x4xf32> {
  ^bb0(%a: tensor<4xf32>, %b: tensor<4xf32>):
    ds.scan_yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @scan_body_arguments(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{'ds.scan' op body must have 1 arguments (0 states and 1 scan input slices), got 2}}
  %0 = ds.scan %x {num_scan_inputs = 1 : i64} : (tensor<3x4xf32>) -> tensor<3x4xf32> {
  ^bb0(%a: tensor<4xf32>, %b: tensor<4xf32>):
    ds.scan_yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @scan_slice_type(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{'ds.scan' op body argument #0 of type 'tensor<3xf32>' is incompatible with the slices of scan input #0, of type 'tensor<4xf32>'}}
  %0 = ds.scan %x {num_scan_inputs = 1 : i64} : (tensor<3x4xf32>) -> tensor<3x3xf32> {
  ^bb0(%a: tensor<3xf32>):
    ds.scan_yield %a : tensor<3xf32>
  }
  return
}

// -----

func.func @scan_rank0(%s: tensor<f32>) {
  // expected-error @+1 {{'ds.scan' op scan input #0 must have rank at least 1, got 'tensor<f32>'}}
  %0 = ds.scan %s {num_scan_inputs = 1 : i64} : (tensor<f32>) -> tensor<*xf32> {
  ^bb0(%a: tensor<f32>):
    ds.scan_yield %a : tensor<f32>
  }
  return
}

// -----

func.func @scan_input_axis(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{'ds.scan' op scan_input_axes[0] 2 is out of range for rank 2 (expected in [-2, 2))}}
  %0 = ds.scan %x {num_scan_inputs = 1 : i64, scan_input_axes = array<i64: 2>} : (tensor<3x4xf32>) -> tensor<*xf32> {
  ^bb0(%a: tensor<4xf32>):
    ds.scan_yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @scan_output_axis(%x: tensor<3x4xf32>) {
  %0 = ds.scan %x {num_scan_inputs = 1 : i64, scan_output_axes = array<i64: -3>} : (tensor<3x4xf32>) -> tensor<*xf32> {
  ^bb0(%a: tensor<4xf32>):
    // expected-error @+1 {{'ds.scan_yield' op scan_output_axes[0] -3 is out of range for rank 2 (expected in [-2, 2))}}
    ds.scan_yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @scan_direction(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{'ds.scan' op scan_input_directions[0] must be 0 (forward) or 1 (reverse), got 2}}
  %0 = ds.scan %x {num_scan_inputs = 1 : i64, scan_input_directions = array<i64: 2>} : (tensor<3x4xf32>) -> tensor<3x4xf32> {
  ^bb0(%a: tensor<4xf32>):
    ds.scan_yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @scan_list_length(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{'ds.scan' op scan_output_directions has 2 entries, expected 1 (one per scan output)}}
  %0 = ds.scan %x {num_scan_inputs = 1 : i64, scan_output_directions = array<i64: 0, 1>} : (tensor<3x4xf32>) -> tensor<3x4xf32> {
  ^bb0(%a: tensor<4xf32>):
    ds.scan_yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @scan_yield_count(%init: tensor<4xf32>, %x: tensor<3x4xf32>) {
  %0:2 = ds.scan %init, %x {num_scan_inputs = 1 : i64} : (tensor<4xf32>, tensor<3x4xf32>) -> (tensor<4xf32>, tensor<3x4xf32>) {
  ^bb0(%s: tensor<4xf32>, %a: tensor<4xf32>):
    // expected-error @+1 {{'ds.scan_yield' op scan body must yield 2 values (1 states and 1 scan output values), got 1}}
    ds.scan_yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @scan_state_type(%init: tensor<4xf32>, %x: tensor<3x4xf32>) {
  %0 = ds.scan %init, %x {num_scan_inputs = 1 : i64} : (tensor<4xf32>, tensor<3x4xf32>) -> tensor<4xf32> {
  ^bb0(%s: tensor<4xf32>, %a: tensor<4xf32>):
    %c = ds.constant dense<0.0> : tensor<5xf32>
    // expected-error @+1 {{'ds.scan_yield' op scan body yields 'tensor<5xf32>' for state #0, incompatible with its body argument type 'tensor<4xf32>' or result type 'tensor<4xf32>'}}
    ds.scan_yield %c : tensor<5xf32>
  }
  return
}

// -----

func.func @scan_initial_state(%init: tensor<4xf32>, %x: tensor<3x4xf32>) {
  // expected-error @+1 {{'ds.scan' op initial state #0 of type 'tensor<4xf32>' is incompatible with its body argument type 'tensor<5xf32>'}}
  %0 = ds.scan %init, %x {num_scan_inputs = 1 : i64} : (tensor<4xf32>, tensor<3x4xf32>) -> tensor<4xf32> {
  ^bb0(%s: tensor<5xf32>, %a: tensor<4xf32>):
    ds.scan_yield %init : tensor<4xf32>
  }
  return
}

// -----

func.func @scan_output_type(%x: tensor<3x4xf32>) {
  %0 = ds.scan %x {num_scan_inputs = 1 : i64} : (tensor<3x4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    // expected-error @+1 {{'ds.scan_yield' op scan body yields 'tensor<4xf32>' for scan output #0, which cannot stack into the result type 'tensor<4xf32>' (expected one more dimension, at the scan output axis)}}
    ds.scan_yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @scan_terminator(%x: tensor<3x4xf32>) {
  %0 = ds.scan %x {num_scan_inputs = 1 : i64} : (tensor<3x4xf32>) -> tensor<3x4xf32> {
  ^bb0(%a: tensor<4xf32>):
    // expected-error @+1 {{'ds.yield' op expects parent op to be one of 'ds.if, ds.loop'}}
    ds.yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @scan_yield_parent(%x: tensor<4xf32>) {
  // expected-error @+1 {{'ds.scan_yield' op expects parent op 'ds.scan'}}
  ds.scan_yield %x : tensor<4xf32>
}

// -----

func.func @causal_conv_depthwise(%x: tensor<1x8x5xf32>, %w: tensor<8x2x4xf32>) {
  // expected-error @+1 {{'ds.causal_conv_with_state' op weight dimension 1 is 2, expected 1 (a depthwise weight is [channels, 1, kernel_size])}}
  %0:2 = ds.causal_conv_with_state %x, %w : (tensor<1x8x5xf32>, tensor<8x2x4xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @causal_conv_channels(%x: tensor<1x8x5xf32>, %w: tensor<4x1x4xf32>) {
  // expected-error @+1 {{'ds.causal_conv_with_state' op weight dimension 0 is 4, expected channels = 8}}
  %0:2 = ds.causal_conv_with_state %x, %w : (tensor<1x8x5xf32>, tensor<4x1x4xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @causal_conv_state(%x: tensor<1x8x5xf32>, %w: tensor<8x1x4xf32>, %s: tensor<1x8x4xf32>) {
  // expected-error @+1 {{'ds.causal_conv_with_state' op past_state dimension 2 is 4, expected kernel_size - 1 = 3}}
  %0:2 = ds.causal_conv_with_state %x, %w past_state %s : (tensor<1x8x5xf32>, tensor<8x1x4xf32>, tensor<1x8x4xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @causal_conv_kernel(%x: tensor<1x8x5xf32>, %w: tensor<8x1x0xf32>) {
  // expected-error @+1 {{'ds.causal_conv_with_state' op weight must have a kernel of size at least 1}}
  %0:2 = ds.causal_conv_with_state %x, %w : (tensor<1x8x5xf32>, tensor<8x1x0xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @causal_conv_activation(%x: tensor<1x8x5xf32>, %w: tensor<8x1x4xf32>) {
  // expected-error @+1 {{'ds.causal_conv_with_state' op activation must be "none", "silu" or "swish", got "relu"}}
  %0:2 = ds.causal_conv_with_state %x, %w {activation = "relu"} : (tensor<1x8x5xf32>, tensor<8x1x4xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @causal_conv_element_type(%x: tensor<1x8x5xf32>, %w: tensor<8x1x4xf16>) {
  // expected-error @+1 {{'ds.causal_conv_with_state' op operands must have the element type of input ('f32'), got 'tensor<8x1x4xf16>'}}
  %0:2 = ds.causal_conv_with_state %x, %w : (tensor<1x8x5xf32>, tensor<8x1x4xf16>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @linear_attention_heads(%q: tensor<1x1x24xf32>, %k: tensor<1x1x16xf32>, %v: tensor<1x1x16xf32>) {
  // expected-error @+1 {{'ds.linear_attention' op q_num_heads (3) must be a multiple of kv_num_heads (2)}}
  %0:2 = ds.linear_attention %q, %k, %v {kv_num_heads = 2 : i64, q_num_heads = 3 : i64, update_rule = "linear"} : (tensor<1x1x24xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @linear_attention_key(%q: tensor<1x1x32xf32>, %k: tensor<1x1x12xf32>, %v: tensor<1x1x16xf32>) {
  // expected-error @+1 {{'ds.linear_attention' op key dimension 2 is 12, expected 2 * d_k = 16}}
  %0:2 = ds.linear_attention %q, %k, %v {kv_num_heads = 2 : i64, q_num_heads = 4 : i64, update_rule = "linear"} : (tensor<1x1x32xf32>, tensor<1x1x12xf32>, tensor<1x1x16xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @linear_attention_state(%q: tensor<1x1x32xf32>, %k: tensor<1x1x16xf32>, %v: tensor<1x1x16xf32>, %s: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'ds.linear_attention' op past_state dimension 1 is 4, expected kv_num_heads = 2}}
  %0:2 = ds.linear_attention %q, %k, %v past_state %s {kv_num_heads = 2 : i64, q_num_heads = 4 : i64, update_rule = "linear"} : (tensor<1x1x32xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x4x8x8xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @linear_attention_decay(%q: tensor<1x1x32xf32>, %k: tensor<1x1x16xf32>, %v: tensor<1x1x16xf32>, %g: tensor<1x1x6xf32>) {
  // expected-error @+1 {{'ds.linear_attention' op decay dimension 2 is 6, expected kv_num_heads = 2 or kv_num_heads * d_k = 16}}
  %0:2 = ds.linear_attention %q, %k, %v decay %g {kv_num_heads = 2 : i64, q_num_heads = 4 : i64, update_rule = "gated"} : (tensor<1x1x32xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x6xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @linear_attention_beta(%q: tensor<1x1x32xf32>, %k: tensor<1x1x16xf32>, %v: tensor<1x1x16xf32>, %b: tensor<1x1x4xf32>) {
  // expected-error @+1 {{'ds.linear_attention' op beta dimension 2 is 4, expected kv_num_heads = 2 or 1}}
  %0:2 = ds.linear_attention %q, %k, %v beta %b {kv_num_heads = 2 : i64, q_num_heads = 4 : i64, update_rule = "delta"} : (tensor<1x1x32xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x4xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @linear_attention_needs_decay(%q: tensor<1x1x32xf32>, %k: tensor<1x1x16xf32>, %v: tensor<1x1x16xf32>, %b: tensor<1x1x2xf32>) {
  // expected-error @+1 {{'ds.linear_attention' op update_rule "gated_delta" requires decay}}
  %0:2 = ds.linear_attention %q, %k, %v beta %b {kv_num_heads = 2 : i64, q_num_heads = 4 : i64} : (tensor<1x1x32xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x2xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @linear_attention_rule(%q: tensor<1x1x32xf32>, %k: tensor<1x1x16xf32>, %v: tensor<1x1x16xf32>) {
  // expected-error @+1 {{'ds.linear_attention' op update_rule must be "linear", "gated", "delta" or "gated_delta", got "softmax"}}
  %0:2 = ds.linear_attention %q, %k, %v {kv_num_heads = 2 : i64, q_num_heads = 4 : i64, update_rule = "softmax"} : (tensor<1x1x32xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @linear_attention_state_type(%q: tensor<1x1x32xf32>, %k: tensor<1x1x16xf32>, %v: tensor<1x1x16xf32>, %s: tensor<1x2x8x8xf16>) {
  // expected-error @+1 {{'ds.linear_attention' op past_state and present_state must have one element type, got 'tensor<1x2x8x8xf16>' and 'tensor<*xf32>'}}
  %0:2 = ds.linear_attention %q, %k, %v past_state %s {kv_num_heads = 2 : i64, q_num_heads = 4 : i64, update_rule = "linear"} : (tensor<1x1x32xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x2x8x8xf16>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @linear_attention_chunk(%q: tensor<1x1x32xf32>, %k: tensor<1x1x16xf32>, %v: tensor<1x1x16xf32>) {
  // expected-error @+1 {{'ds.linear_attention' op chunk_size must be positive, got 0}}
  %0:2 = ds.linear_attention %q, %k, %v {chunk_size = 0 : i64, kv_num_heads = 2 : i64, q_num_heads = 4 : i64, update_rule = "linear"} : (tensor<1x1x32xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

