// Malformed ds IR is diagnosed, never crashes.
// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @unknown_op(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{custom op 'ds.bogus' is unknown}}
  %0 = ds.bogus %x : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @missing_operand(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.exp' op requires a single operand}}
  %0 = ds.exp %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @generic_form_wrong_arity(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'ds.add' op expected 2 operands, but found 1}}
  %0 = "ds.add"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @not_a_tensor(%x: memref<3xf32>) -> memref<3xf32> {
  // expected-error @+1 {{'ds.exp' op operand #0 must be tensor of}}
  %0 = ds.exp %x : (memref<3xf32>) -> memref<3xf32>
  return %0 : memref<3xf32>
}

// -----

func.func @missing_result_types(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{expected ':'}}
  %0 = ds.exp %x
  return %0 : tensor<3xf32>
}
