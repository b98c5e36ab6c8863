// RUN: ds-opt %s --split-input-file --verify-diagnostics | FileCheck %s

// The precision attribute round-trips on compute ops.
// CHECK-LABEL: func.func @precisions
// CHECK: ds.mul {{.*}} {precision = #ds.precision<fp32>}
// CHECK: ds.mul {{.*}} {precision = #ds.precision<fp16>}
// CHECK: ds.mul {{.*}} {precision = #ds.precision<bf16>}
// CHECK: ds.mul {{.*}} {precision = #ds.precision<tf32>}
func.func @precisions(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = ds.mul %a, %a {precision = #ds.precision<fp32>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = ds.mul %a, %a {precision = #ds.precision<fp16>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = ds.mul %a, %a {precision = #ds.precision<bf16>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = ds.mul %a, %a {precision = #ds.precision<tf32>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

func.func @tf32_needs_f32(%a: tensor<4xf16>) -> tensor<4xf16> {
  // expected-error @+1 {{'ds.mul' op precision 'tf32' requires f32 operands, got 'f16'}}
  %0 = ds.mul %a, %a {precision = #ds.precision<tf32>} : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @precision_needs_float(%a: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'ds.add' op precision 'bf16' requires a floating-point operand, got 'i32'}}
  %0 = ds.add %a, %a {precision = #ds.precision<bf16>} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @unknown_precision(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{expected ::ds::Precision to be one of: fp32, fp16, bf16, tf32}}
  // expected-error @+1 {{failed to parse DS_PrecisionAttr parameter 'value'}}
  %0 = ds.mul %a, %a {precision = #ds.precision<fp8>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
