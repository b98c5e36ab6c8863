// With require-full, an op that is not lowered is an error (a gather_nd
// whose index tuple length is unknown is left by its lowering).
// RUN: ds-opt %s --verify-diagnostics --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg{require-full}))'

func.func @not_lowered(%x: tensor<4x5xf32>, %i: tensor<2x?xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{'ds.gather_nd' op is not lowered to linalg yet}}
  %0 = ds.gather_nd %x, %i : (tensor<4x5xf32>, tensor<2x?xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}
