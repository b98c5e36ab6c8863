// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @matmul_scalar(%a: tensor<f32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'ds.matmul' op operand A must have rank at least 1, got 0}}
  %y = ds.matmul %a, %b : (tensor<f32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @matmul_contracted_mismatch(%a: tensor<2x4x8xf32>, %b: tensor<7x16xf32>) {
  // expected-error @+1 {{'ds.matmul' op contracted dimensions differ: 8 in operand A 'tensor<2x4x8xf32>' vs 7 in operand B 'tensor<7x16xf32>'}}
  %y = ds.matmul %a, %b : (tensor<2x4x8xf32>, tensor<7x16xf32>) -> tensor<2x4x16xf32>
  return
}

// -----

func.func @matmul_vector_mismatch(%a: tensor<8xf32>, %b: tensor<3x9x2xf32>) {
  // expected-error @+1 {{contracted dimensions differ: 8 in operand A}}
  %y = ds.matmul %a, %b : (tensor<8xf32>, tensor<3x9x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @matmul_batch_mismatch(%a: tensor<2x4x8xf32>, %b: tensor<3x8x16xf32>) {
  // expected-error @+1 {{'ds.matmul' op batch dimensions of operand A 'tensor<2x4x8xf32>' and operand B 'tensor<3x8x16xf32>' are not broadcastable}}
  %y = ds.matmul %a, %b : (tensor<2x4x8xf32>, tensor<3x8x16xf32>) -> tensor<?x4x16xf32>
  return
}

// -----

func.func @matmul_wrong_result(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) {
  // expected-error @+1 {{'ds.matmul' op result #0 type 'tensor<16x4xf32>' is incompatible with the inferred type 'tensor<4x16xf32>'}}
  %y = ds.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<16x4xf32>
  return
}

// -----

func.func @matmul_vector_result_rank(%a: tensor<8xf32>, %b: tensor<8x16xf32>) {
  // expected-error @+1 {{'ds.matmul' op result #0 type 'tensor<1x16xf32>' is incompatible with the inferred type 'tensor<16xf32>'}}
  %y = ds.matmul %a, %b : (tensor<8xf32>, tensor<8x16xf32>) -> tensor<1x16xf32>
  return
}

// -----

func.func @matmul_mixed_types(%a: tensor<4x8xf32>, %b: tensor<8x16xf16>) {
  // expected-error @+1 {{'ds.matmul' op requires the same element type for all operands and results}}
  %y = ds.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf16>) -> tensor<4x16xf32>
  return
}

// -----

func.func @matmul_int_precision(%a: tensor<4x8xi32>, %b: tensor<8x16xi32>) {
  // expected-error @+1 {{'ds.matmul' op precision 'bf16' requires a floating-point operand, got 'i32'}}
  %y = ds.matmul %a, %b {precision = #ds.precision<bf16>} : (tensor<4x8xi32>, tensor<8x16xi32>) -> tensor<4x16xi32>
  return
}

// -----

func.func @gemm_rank_a(%a: tensor<2x4x8xf32>, %b: tensor<8x16xf32>) {
  // expected-error @+1 {{'ds.gemm' op operand A must have rank 2, got 3}}
  %y = ds.gemm %a, %b : (tensor<2x4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return
}

// -----

func.func @gemm_rank_b(%a: tensor<4x8xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{'ds.gemm' op operand B must have rank 2, got 1}}
  %y = ds.gemm %a, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x1xf32>
  return
}

// -----

func.func @gemm_transposed_mismatch(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) {
  // expected-error @+1 {{'ds.gemm' op contracted dimensions differ: A' is 8x4 but B' is 8x16}}
  %y = ds.gemm %a, %b {trans_a = true} : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<8x16xf32>
  return
}

// -----

func.func @gemm_c_rank(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<1x4x16xf32>) {
  // expected-error @+1 {{'ds.gemm' op operand C must have rank at most 2, got 3}}
  %y = ds.gemm %a, %b, %c : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<1x4x16xf32>) -> tensor<4x16xf32>
  return
}

// -----

func.func @gemm_c_not_broadcastable(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4xf32>) {
  // expected-error @+1 {{'ds.gemm' op operand C 'tensor<4xf32>' is not unidirectionally broadcastable to the result's 4x16}}
  %y = ds.gemm %a, %b, %c : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<4xf32>) -> tensor<4x16xf32>
  return
}

// -----

func.func @gemm_c_element_type(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<16xf16>) {
  // expected-error @+1 {{'ds.gemm' op requires the same element type for all operands and results}}
  %y = ds.gemm %a, %b, %c : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf16>) -> tensor<4x16xf32>
  return
}

// -----

func.func @gemm_wrong_result(%a: tensor<4x8xf32>, %b: tensor<16x8xf32>) {
  // expected-error @+1 {{'ds.gemm' op result #0 type 'tensor<4x8xf32>' is incompatible with the inferred type 'tensor<4x16xf32>'}}
  %y = ds.gemm %a, %b {trans_b = true} : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x8xf32>
  return
}
