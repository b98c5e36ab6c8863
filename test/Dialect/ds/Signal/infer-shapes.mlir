// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(ds-infer-shapes))' | FileCheck %s

// CHECK-LABEL: func.func @dft_shapes
// CHECK: ds.dft %arg0 {{.*}} -> tensor<?x16x2xf32>
// CHECK: ds.dft %arg0 {{.*}} -> tensor<?x9x2xf32>
// CHECK: ds.dft %arg0, %{{.*}} {{.*}} -> tensor<?x10x2xf32>
// CHECK: ds.dft %arg0, %{{.*}} {{.*}} -> tensor<?x6x2xf32>
// CHECK: ds.dft %arg1 {{.*}} -> tensor<2x?x12x1xf32>
// CHECK: ds.dft %arg1, %{{.*}} {{.*}} -> tensor<2x?x10x1xf32>
// CHECK: ds.dft %arg1 {{.*}} -> tensor<2x?x7x2xf32>
// CHECK: ds.dft %arg2 {{.*}} -> tensor<?x4x2xf32>
// CHECK: ds.dft %arg3 {{.*}} -> tensor<*xf32>
// CHECK: ds.dft %arg0, %arg4 {{.*}} -> tensor<?x?x2xf32>
func.func @dft_shapes(%x: tensor<?x16x1xf32>, %c: tensor<2x?x7x2xf32>, %d: tensor<?x4x?xf32>, %u: tensor<*xf32>, %len: tensor<i64>) {
  %ten = ds.constant dense<10> : tensor<i64>
  %0 = ds.dft %x {axis = 1 : i64} : (tensor<?x16x1xf32>) -> tensor<*xf32>
  %1 = ds.dft %x {axis = -2 : i64, onesided = true} : (tensor<?x16x1xf32>) -> tensor<*xf32>
  %2 = ds.dft %x, %ten {axis = 1 : i64} : (tensor<?x16x1xf32>, tensor<i64>) -> tensor<*xf32>
  %3 = ds.dft %x, %ten {axis = 1 : i64, onesided = true} : (tensor<?x16x1xf32>, tensor<i64>) -> tensor<*xf32>
  %4 = ds.dft %c {axis = 2 : i64, inverse = true, onesided = true} : (tensor<2x?x7x2xf32>) -> tensor<*xf32>
  %5 = ds.dft %c, %ten {axis = -2 : i64, inverse = true, onesided = true} : (tensor<2x?x7x2xf32>, tensor<i64>) -> tensor<*xf32>
  %6 = ds.dft %c {axis = -2 : i64, inverse = true} : (tensor<2x?x7x2xf32>) -> tensor<*xf32>
  %7 = ds.dft %d {axis = 0 : i64} : (tensor<?x4x?xf32>) -> tensor<*xf32>
  %8 = ds.dft %u {axis = 1 : i64} : (tensor<*xf32>) -> tensor<*xf32>
  %9 = ds.dft %x, %len {axis = 1 : i64} : (tensor<?x16x1xf32>, tensor<i64>) -> tensor<*xf32>
  return
}

// -----

// Frames: (signal_length - frame_length) / frame_step + 1.
// CHECK-LABEL: func.func @stft_shapes
// CHECK: ds.stft {{.*}} -> tensor<1x15x9x2xf32>
// CHECK: ds.stft {{.*}} -> tensor<1x15x16x2xf32>
// CHECK: ds.stft {{.*}} -> tensor<1x16x5x2xf32>
// CHECK: ds.stft {{.*}} -> tensor<1x1x65x2xf32>
// CHECK: ds.stft {{.*}} -> tensor<?x1x?x2xf32>
// CHECK: ds.stft {{.*}} -> tensor<1x?x9x2xf32>
// CHECK: ds.stft {{.*}} -> tensor<?x?x?x2xf32>
func.func @stft_shapes(%s: tensor<1x128x1xf32>, %w: tensor<16xf32>, %u: tensor<*xf32>, %step: tensor<i64>, %len: tensor<i64>) {
  %eight = ds.constant dense<8> : tensor<i64>
  %0 = ds.stft %s, %eight window %w : (tensor<1x128x1xf32>, tensor<i64>, tensor<16xf32>) -> tensor<*xf32>
  %1 = ds.stft %s, %eight window %w {onesided = false} : (tensor<1x128x1xf32>, tensor<i64>, tensor<16xf32>) -> tensor<*xf32>
  %2 = ds.stft %s, %eight frame_length %eight : (tensor<1x128x1xf32>, tensor<i64>, tensor<i64>) -> tensor<*xf32>
  %3 = ds.stft %s, %eight : (tensor<1x128x1xf32>, tensor<i64>) -> tensor<*xf32>
  %4 = ds.stft %u, %eight : (tensor<*xf32>, tensor<i64>) -> tensor<*xf32>
  %5 = ds.stft %s, %step window %w : (tensor<1x128x1xf32>, tensor<i64>, tensor<16xf32>) -> tensor<*xf32>
  %6 = ds.stft %u, %eight frame_length %len : (tensor<*xf32>, tensor<i64>, tensor<i64>) -> tensor<*xf32>
  return
}

// -----

// CHECK-LABEL: func.func @mel_shapes
// CHECK: ds.mel_weight_matrix {{.*}} -> tensor<257x80xf32>
// CHECK: ds.mel_weight_matrix {{.*}} -> tensor<?x80xf16>
// CHECK: ds.mel_weight_matrix {{.*}} -> tensor<257x?xi64>
func.func @mel_shapes(%n: tensor<i64>, %lo: tensor<f32>, %hi: tensor<f32>) {
  %bins = ds.constant dense<80> : tensor<i64>
  %len = ds.constant dense<512> : tensor<i64>
  %rate = ds.constant dense<16000> : tensor<i64>
  %0 = ds.mel_weight_matrix %bins, %len, %rate, %lo, %hi {output_datatype = f32} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<*xf32>
  %1 = ds.mel_weight_matrix %bins, %n, %rate, %lo, %hi {output_datatype = f16} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<*xf16>
  %2 = ds.mel_weight_matrix %n, %len, %rate, %lo, %hi {output_datatype = i64} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<*xi64>
  return
}
