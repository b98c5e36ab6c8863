// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @normal_negative_size() {
  // expected-error @+1 {{'ds.random_normal' op shape must have non-negative sizes, got -1}}
  %0 = ds.random_normal {dtype = f32, shape = array<i64: 2, -1>} : () -> tensor<2x?xf32>
  return
}

// -----

func.func @normal_int_dtype() {
  // expected-error @+1 {{'ds.random_normal' op attribute 'dtype' failed to satisfy constraint: type attribute of floating-point}}
  %0 = ds.random_normal {dtype = i32, shape = array<i64: 2>} : () -> tensor<2xi32>
  return
}

// -----

func.func @normal_result_type() {
  // expected-error @+1 {{'ds.random_normal' op result #0 type 'tensor<2xf16>' is incompatible with the inferred type 'tensor<2xf32>'}}
  %0 = ds.random_normal {dtype = f32, shape = array<i64: 2>} : () -> tensor<2xf16>
  return
}

// -----

func.func @uniform_bounds() {
  // expected-error @+1 {{'ds.random_uniform' op low (2.000000e+00) must not exceed high (1.000000e+00)}}
  %0 = ds.random_uniform {dtype = f32, low = 2.0 : f32, shape = array<i64: 2>} : () -> tensor<2xf32>
  return
}

// -----

func.func @uniform_missing_shape() {
  // expected-error @+1 {{'ds.random_uniform' op requires attribute 'shape'}}
  %0 = ds.random_uniform {dtype = f32} : () -> tensor<2xf32>
  return
}

// -----

func.func @normal_like_int_input(%x: tensor<3xi32>) {
  // expected-error @+1 {{'ds.random_normal_like' op dtype is required when the input's element type 'i32' is not floating-point}}
  %0 = ds.random_normal_like %x : (tensor<3xi32>) -> tensor<3xf32>
  return
}

// -----

func.func @uniform_like_shape(%x: tensor<3xf32>) {
  // expected-error @+1 {{'ds.random_uniform_like' op result #0 type 'tensor<4xf32>' is incompatible with the inferred type 'tensor<3xf32>'}}
  %0 = ds.random_uniform_like %x : (tensor<3xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @uniform_like_bounds(%x: tensor<3xf32>) {
  // expected-error @+1 {{'ds.random_uniform_like' op low (1.000000e+00) must not exceed high (0.000000e+00)}}
  %0 = ds.random_uniform_like %x {low = 1.0 : f32, high = 0.0 : f32} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @bernoulli_int_input(%x: tensor<3xi32>) {
  // expected-error @+1 {{'ds.bernoulli' op operand #0 must be tensor of}}
  %0 = ds.bernoulli %x : (tensor<3xi32>) -> tensor<3xi32>
  return
}

// -----

func.func @bernoulli_dtype(%x: tensor<3xf32>) {
  // expected-error @+1 {{'ds.bernoulli' op result #0 type 'tensor<3xf32>' is incompatible with the inferred type 'tensor<3xi8>'}}
  %0 = ds.bernoulli %x {dtype = i8} : (tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @multinomial_rank(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'ds.multinomial' op operand input must have rank 2 ([batch, classes]), got 3}}
  %0 = ds.multinomial %x {dtype = i32} : (tensor<2x3x4xf32>) -> tensor<2x1xi32>
  return
}

// -----

func.func @multinomial_sample_size(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.multinomial' op sample_size must be at least 1, got 0}}
  %0 = ds.multinomial %x {dtype = i32, sample_size = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x0xi32>
  return
}

// -----

func.func @multinomial_no_class(%x: tensor<2x0xf32>) {
  // expected-error @+1 {{'ds.multinomial' op operand input must have at least one class}}
  %0 = ds.multinomial %x {dtype = i32} : (tensor<2x0xf32>) -> tensor<2x1xi32>
  return
}

// -----

func.func @multinomial_dtype(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.multinomial' op attribute 'dtype' failed to satisfy constraint}}
  %0 = ds.multinomial %x {dtype = i16} : (tensor<2x3xf32>) -> tensor<2x1xi16>
  return
}
