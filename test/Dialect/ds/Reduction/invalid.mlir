// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @sum_axis_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.reduce_sum' op axis 2 is out of range for rank 2 (expected in [-2, 2))}}
  %0 = ds.reduce_sum %x {axes = array<i64: 2>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @mean_repeated_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.reduce_mean' op axes contain axis -1 twice}}
  %0 = ds.reduce_mean %x {axes = array<i64: 1, -1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @max_empty_axes(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.reduce_max' op axes must be non-empty when present (omit it to reduce every axis)}}
  %0 = ds.reduce_max %x {axes = array<i64>} : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return
}

// -----

func.func @min_result_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.reduce_min' op result #0 type 'tensor<2xf32>' is incompatible with the inferred type 'tensor<2x1xf32>'}}
  %0 = ds.reduce_min %x {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @prod_result_shape(%x: tensor<2x3xi32>) {
  // expected-error @+1 {{'ds.reduce_prod' op result #0 type 'tensor<2xi32>' is incompatible with the inferred type 'tensor<3xi32>'}}
  %0 = ds.reduce_prod %x {axes = array<i64: 0>, keepdims = false} : (tensor<2x3xi32>) -> tensor<2xi32>
  return
}

// -----

func.func @l1_axis_range(%x: tensor<2x3xi32>) {
  // expected-error @+1 {{'ds.reduce_l1' op axis -3 is out of range for rank 2 (expected in [-2, 2))}}
  %0 = ds.reduce_l1 %x {axes = array<i64: -3>} : (tensor<2x3xi32>) -> tensor<2x3xi32>
  return
}

// -----

func.func @l2_integer(%x: tensor<2x3xi32>) {
  // expected-error @+1 {{'ds.reduce_l2' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.reduce_l2 %x : (tensor<2x3xi32>) -> tensor<1x1xi32>
  return
}

// -----

func.func @log_sum_noop_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.reduce_log_sum' op result #0 type 'tensor<1x1xf32>' is incompatible with the inferred type 'tensor<2x3xf32>'}}
  %0 = ds.reduce_log_sum %x {noop_with_empty_axes = true} : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return
}

// -----

func.func @log_sum_exp_bool(%x: tensor<2x3xi1>) {
  // expected-error @+1 {{'ds.reduce_log_sum_exp' op operand #0 must be tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %0 = ds.reduce_log_sum_exp %x : (tensor<2x3xi1>) -> tensor<1x1xi1>
  return
}

// -----

func.func @sum_square_precision(%x: tensor<2x3xi32>) {
  // expected-error @+1 {{'ds.reduce_sum_square' op precision 'fp16' requires a floating-point operand, got 'i32'}}
  %0 = ds.reduce_sum_square %x {precision = #ds.precision<fp16>} : (tensor<2x3xi32>) -> tensor<1x1xi32>
  return
}

// -----

func.func @arg_max_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.arg_max' op axis 2 is out of range for rank 2 (expected in [-2, 2))}}
  %0 = ds.arg_max %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x1xi64>
  return
}

// -----

func.func @arg_min_result_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.arg_min' op result #0 must be tensor of 64-bit signless integer values}}
  %0 = ds.arg_min %x : (tensor<2x3xf32>) -> tensor<1x3xi32>
  return
}

// -----

func.func @arg_min_result_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.arg_min' op result #0 type 'tensor<2xi64>' is incompatible with the inferred type 'tensor<3xi64>'}}
  %0 = ds.arg_min %x {keepdims = false} : (tensor<2x3xf32>) -> tensor<2xi64>
  return
}

// -----

func.func @top_k_too_large(%x: tensor<2x3xf32>) {
  %k = ds.constant dense<4> : tensor<1xi64>
  // expected-error @+1 {{'ds.top_k' op k = 4 exceeds the size 3 of axis -1}}
  %v, %i = ds.top_k %x, %k : (tensor<2x3xf32>, tensor<1xi64>) -> (tensor<2x4xf32>, tensor<2x4xi64>)
  return
}

// -----

func.func @top_k_negative(%x: tensor<2x?xf32>) {
  %k = ds.constant dense<-1> : tensor<1xi64>
  // expected-error @+1 {{'ds.top_k' op k must be non-negative, got -1}}
  %v, %i = ds.top_k %x, %k : (tensor<2x?xf32>, tensor<1xi64>) -> (tensor<2x?xf32>, tensor<2x?xi64>)
  return
}

// -----

func.func @top_k_k_shape(%x: tensor<2x3xf32>, %k: tensor<2xi64>) {
  // expected-error @+1 {{'ds.top_k' op operand k must hold one element, got 2}}
  %v, %i = ds.top_k %x, %k : (tensor<2x3xf32>, tensor<2xi64>) -> (tensor<2x?xf32>, tensor<2x?xi64>)
  return
}

// -----

func.func @top_k_k_rank(%x: tensor<2x3xf32>, %k: tensor<i64>) {
  // expected-error @+1 {{'ds.top_k' op operand k must have rank 1, got 0}}
  %v, %i = ds.top_k %x, %k : (tensor<2x3xf32>, tensor<i64>) -> (tensor<2x?xf32>, tensor<2x?xi64>)
  return
}

// -----

func.func @top_k_axis(%x: tensor<2x3xf32>, %k: tensor<1xi64>) {
  // expected-error @+1 {{'ds.top_k' op axis 2 is out of range for rank 2 (expected in [-2, 2))}}
  %v, %i = ds.top_k %x, %k {axis = 2 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> (tensor<2x?xf32>, tensor<2x?xi64>)
  return
}

// -----

func.func @top_k_values_type(%x: tensor<2x3xf32>, %k: tensor<1xi64>) {
  // expected-error @+1 {{'ds.top_k' op failed to verify that all of {input, values} have same element type}}
  %v, %i = ds.top_k %x, %k : (tensor<2x3xf32>, tensor<1xi64>) -> (tensor<2x?xf16>, tensor<2x?xi64>)
  return
}

// -----

func.func @top_k_result_shape(%x: tensor<2x3xf32>) {
  %k = ds.constant dense<2> : tensor<1xi64>
  // expected-error @+1 {{'ds.top_k' op result #0 type 'tensor<2x3xf32>' is incompatible with the inferred type 'tensor<2x2xf32>'}}
  %v, %i = ds.top_k %x, %k : (tensor<2x3xf32>, tensor<1xi64>) -> (tensor<2x3xf32>, tensor<2x?xi64>)
  return
}
