// With require-full, an op that is not lowered is an error.
// RUN: ds-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg{require-full}))'

func.func @not_lowered(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'ds.conv' op is not lowered to linalg yet}}
  %0 = ds.conv %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}
