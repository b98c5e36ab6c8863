// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @dft_rank(%x: tensor<8xf32>) {
  // expected-error @+1 {{'ds.dft' op operand input must have rank at least 2 (signal axes and a last axis of size 1 or 2), got 1}}
  %0 = ds.dft %x {axis = 0 : i64} : (tensor<8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @dft_complex_dim(%x: tensor<4x8x3xf32>) {
  // expected-error @+1 {{'ds.dft' op the last dimension of input must have size 1 (real) or 2 (complex), got 3}}
  %0 = ds.dft %x {axis = 1 : i64} : (tensor<4x8x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @dft_axis_last(%x: tensor<4x8x2xf32>) {
  // expected-error @+1 {{'ds.dft' op axis -1 is out of range for rank 3 (expected in [-3, -2] or [0, 1])}}
  %0 = ds.dft %x {axis = -1 : i64} : (tensor<4x8x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @dft_axis_range(%x: tensor<4x8x2xf32>) {
  // expected-error @+1 {{'ds.dft' op axis 2 is out of range for rank 3 (expected in [-3, -2] or [0, 1])}}
  %0 = ds.dft %x {axis = 2 : i64} : (tensor<4x8x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @rfft_complex(%x: tensor<4x8x2xf32>) {
  // expected-error @+1 {{'ds.dft' op a one-sided forward DFT needs a real input (last dimension 1)}}
  %0 = ds.dft %x {axis = 1 : i64, onesided = true} : (tensor<4x8x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @irfft_real(%x: tensor<4x8x1xf32>) {
  // expected-error @+1 {{'ds.dft' op a one-sided inverse DFT needs a complex input (last dimension 2)}}
  %0 = ds.dft %x {axis = 1 : i64, inverse = true, onesided = true} : (tensor<4x8x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @irfft_default_length(%x: tensor<4x1x2xf32>) {
  // expected-error @+1 {{'ds.dft' op the default dft_length of a one-sided inverse DFT, 2 * (1 - 1), must be positive}}
  %0 = ds.dft %x {axis = 1 : i64, inverse = true, onesided = true} : (tensor<4x1x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @dft_length_value(%x: tensor<4x8x1xf32>) {
  %n = ds.constant dense<0> : tensor<i64>
  // expected-error @+1 {{'ds.dft' op dft_length must be positive, got 0}}
  %0 = ds.dft %x, %n {axis = 1 : i64} : (tensor<4x8x1xf32>, tensor<i64>) -> tensor<*xf32>
  return
}

// -----

func.func @dft_length_rank(%x: tensor<4x8x1xf32>, %n: tensor<2xi64>) {
  // expected-error @+1 {{'ds.dft' op operand dft_length must be a scalar (rank 0 or one element), got 'tensor<2xi64>'}}
  %0 = ds.dft %x, %n {axis = 1 : i64} : (tensor<4x8x1xf32>, tensor<2xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @dft_result(%x: tensor<4x8x1xf32>) {
  // expected-error @+1 {{'ds.dft' op result #0 type 'tensor<4x8x1xf32>' is incompatible with the inferred type 'tensor<4x8x2xf32>'}}
  %0 = ds.dft %x {axis = 1 : i64} : (tensor<4x8x1xf32>) -> tensor<4x8x1xf32>
  return
}

// -----

func.func @dft_no_axis(%x: tensor<4x8x1xf32>) {
  // expected-error @+1 {{'ds.dft' op requires attribute 'axis'}}
  %0 = ds.dft %x : (tensor<4x8x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @stft_rank(%s: tensor<128x1xf32>, %step: tensor<i64>) {
  // expected-error @+1 {{'ds.stft' op operand signal must have rank 3 ([batch, signal_length, 1 or 2]), got 2}}
  %0 = ds.stft %s, %step : (tensor<128x1xf32>, tensor<i64>) -> tensor<*xf32>
  return
}

// -----

func.func @stft_onesided_complex(%s: tensor<1x128x2xf32>, %step: tensor<i64>) {
  // expected-error @+1 {{'ds.stft' op a one-sided STFT needs a real signal (last dimension 1)}}
  %0 = ds.stft %s, %step : (tensor<1x128x2xf32>, tensor<i64>) -> tensor<*xf32>
  return
}

// -----

func.func @stft_step(%s: tensor<1x128x1xf32>) {
  %step = ds.constant dense<0> : tensor<i64>
  // expected-error @+1 {{'ds.stft' op frame_step must be positive, got 0}}
  %0 = ds.stft %s, %step : (tensor<1x128x1xf32>, tensor<i64>) -> tensor<*xf32>
  return
}

// -----

func.func @stft_window_length(%s: tensor<1x128x1xf32>, %step: tensor<i64>, %w: tensor<16xf32>) {
  %len = ds.constant dense<32> : tensor<i64>
  // expected-error @+1 {{'ds.stft' op the window has 16 elements but frame_length is 32}}
  %0 = ds.stft %s, %step window %w frame_length %len : (tensor<1x128x1xf32>, tensor<i64>, tensor<16xf32>, tensor<i64>) -> tensor<*xf32>
  return
}

// -----

func.func @stft_window_rank(%s: tensor<1x128x1xf32>, %step: tensor<i64>, %w: tensor<4x4xf32>) {
  // expected-error @+1 {{'ds.stft' op operand window must have rank 1, got 2}}
  %0 = ds.stft %s, %step window %w : (tensor<1x128x1xf32>, tensor<i64>, tensor<4x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @stft_window_type(%s: tensor<1x128x1xf32>, %step: tensor<i64>, %w: tensor<16xf16>) {
  // expected-error @+1 {{'ds.stft' op operand window must have the element type of the signal, 'f32'}}
  %0 = ds.stft %s, %step window %w : (tensor<1x128x1xf32>, tensor<i64>, tensor<16xf16>) -> tensor<*xf32>
  return
}

// -----

func.func @stft_long_frame(%s: tensor<1x12x1xf32>, %step: tensor<i64>, %w: tensor<16xf32>) {
  // expected-error @+1 {{'ds.stft' op the frame length 16 exceeds the signal length 12}}
  %0 = ds.stft %s, %step window %w : (tensor<1x12x1xf32>, tensor<i64>, tensor<16xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @stft_length_type(%s: tensor<1x128x1xf32>, %step: tensor<i64>, %len: tensor<i32>) {
  // expected-error @+1 {{'ds.stft' op operands frame_step and frame_length must have the same element type}}
  %0 = ds.stft %s, %step frame_length %len : (tensor<1x128x1xf32>, tensor<i64>, tensor<i32>) -> tensor<*xf32>
  return
}

// -----

func.func @mel_types(%a: tensor<i64>, %b: tensor<i32>, %lo: tensor<f32>) {
  // expected-error @+1 {{'ds.mel_weight_matrix' op operands num_mel_bins, dft_length and sample_rate must have the same element type}}
  %0 = ds.mel_weight_matrix %a, %b, %a, %lo, %lo {output_datatype = f32} : (tensor<i64>, tensor<i32>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<*xf32>
  return
}

// -----

func.func @mel_edge_types(%a: tensor<i64>, %lo: tensor<f32>, %hi: tensor<f16>) {
  // expected-error @+1 {{'ds.mel_weight_matrix' op operands lower_edge_hertz and upper_edge_hertz must have the same element type}}
  %0 = ds.mel_weight_matrix %a, %a, %a, %lo, %hi {output_datatype = f32} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f16>) -> tensor<*xf32>
  return
}

// -----

func.func @mel_bins(%a: tensor<i64>, %lo: tensor<f32>) {
  %zero = ds.constant dense<0> : tensor<i64>
  // expected-error @+1 {{'ds.mel_weight_matrix' op num_mel_bins must be positive, got 0}}
  %0 = ds.mel_weight_matrix %zero, %a, %a, %lo, %lo {output_datatype = f32} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<*xf32>
  return
}

// -----

func.func @mel_scalar(%a: tensor<i64>, %v: tensor<3xi64>, %lo: tensor<f32>) {
  // expected-error @+1 {{'ds.mel_weight_matrix' op operand sample_rate must be a scalar (rank 0 or one element), got 'tensor<3xi64>'}}
  %0 = ds.mel_weight_matrix %a, %a, %v, %lo, %lo {output_datatype = f32} : (tensor<i64>, tensor<i64>, tensor<3xi64>, tensor<f32>, tensor<f32>) -> tensor<*xf32>
  return
}

// -----

func.func @mel_bool(%a: tensor<i64>, %lo: tensor<f32>) {
  // expected-error @+1 {{'ds.mel_weight_matrix' op attribute 'output_datatype' failed to satisfy constraint}}
  %0 = ds.mel_weight_matrix %a, %a, %a, %lo, %lo {output_datatype = i1} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<*xi1>
  return
}
