// RUN: ds-opt %s --split-input-file --canonicalize | FileCheck %s

// ONNX's reference filter bank: 4 bands over the 9 bins of a 16-point DFT
// at 8 kHz between 0 and 4 kHz, whose edges fall on bins 0, 0, 1, 2, 3 and
// 5 (the first band has a zero-width rising side). Integer types truncate.
// CHECK-LABEL: func.func @mel_fold
// CHECK: %[[M:.*]] = ds.constant dense<{{\[}}[1.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 5.000000e-01], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]]> : tensor<9x4xf32>
// CHECK: %[[I:.*]] = ds.constant dense<{{\[}}[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]> : tensor<9x4xui8>
// CHECK: return %[[M]], %[[I]]
func.func @mel_fold() -> (tensor<9x4xf32>, tensor<9x4xui8>) {
  %bins = ds.constant dense<4> : tensor<i64>
  %len = ds.constant dense<16> : tensor<i64>
  %rate = ds.constant dense<8000> : tensor<i64>
  %lo = ds.constant dense<0.0> : tensor<f32>
  %hi = ds.constant dense<4000.0> : tensor<f32>
  %0 = ds.mel_weight_matrix %bins, %len, %rate, %lo, %hi {output_datatype = f32} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<9x4xf32>
  %1 = ds.mel_weight_matrix %bins, %len, %rate, %lo, %hi {output_datatype = ui8} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<9x4xui8>
  return %0, %1 : tensor<9x4xf32>, tensor<9x4xui8>
}

// -----

// Not folded: a band edge beyond the spectrum (upper edge above the Nyquist
// frequency), or operands that are not constants.
// CHECK-LABEL: func.func @mel_no_fold
// CHECK: ds.mel_weight_matrix
// CHECK: ds.mel_weight_matrix
func.func @mel_no_fold(%lo: tensor<f32>) -> (tensor<9x4xf32>, tensor<9x4xf32>) {
  %bins = ds.constant dense<4> : tensor<i64>
  %len = ds.constant dense<16> : tensor<i64>
  %rate = ds.constant dense<8000> : tensor<i64>
  %zero = ds.constant dense<0.0> : tensor<f32>
  %hi = ds.constant dense<20000.0> : tensor<f32>
  %0 = ds.mel_weight_matrix %bins, %len, %rate, %zero, %hi {output_datatype = f32} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<9x4xf32>
  %1 = ds.mel_weight_matrix %bins, %len, %rate, %lo, %hi {output_datatype = f32} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<9x4xf32>
  return %0, %1 : tensor<9x4xf32>, tensor<9x4xf32>
}
