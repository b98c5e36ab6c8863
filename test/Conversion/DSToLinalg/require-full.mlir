// With require-full, an op that is not lowered is an error.
// RUN: ds-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg{require-full}))'

func.func @not_lowered(%x: tensor<4x5xf32>) -> tensor<2x?xi64> {
  // expected-error @+1 {{'ds.non_zero' op is not lowered to linalg yet}}
  %0 = ds.non_zero %x : (tensor<4x5xf32>) -> tensor<2x?xi64>
  return %0 : tensor<2x?xi64>
}
