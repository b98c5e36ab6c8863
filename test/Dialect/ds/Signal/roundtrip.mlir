// RUN: ds-opt %s --split-input-file | ds-opt --split-input-file | FileCheck %s
// RUN: ds-opt %s --split-input-file --mlir-print-op-generic | ds-opt --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @dft
// CHECK: ds.dft %{{.*}} {axis = 1 : i64, onesided = true} : (tensor<?x16x1xf32>) -> tensor<?x9x2xf32>
// CHECK: ds.dft %{{.*}}, %{{.*}} {axis = -2 : i64, inverse = true, precision = #ds.precision<fp16>} : (tensor<2x?x7x2xf32>, tensor<i32>) -> tensor<2x?x?x2xf32>
// CHECK: ds.dft %{{.*}} {axis = 0 : i64, inverse = true, onesided = true} : (tensor<5x2xf64>) -> tensor<8x1xf64>
func.func @dft(%x: tensor<?x16x1xf32>, %c: tensor<2x?x7x2xf32>, %n: tensor<i32>, %d: tensor<5x2xf64>) -> (tensor<?x9x2xf32>, tensor<2x?x?x2xf32>, tensor<8x1xf64>) {
  %0 = ds.dft %x {axis = 1 : i64, onesided = true} : (tensor<?x16x1xf32>) -> tensor<?x9x2xf32>
  %1 = ds.dft %c, %n {axis = -2 : i64, inverse = true, onesided = false, precision = #ds.precision<fp16>} : (tensor<2x?x7x2xf32>, tensor<i32>) -> tensor<2x?x?x2xf32>
  %2 = ds.dft %d {axis = 0 : i64, inverse = true, onesided = true} : (tensor<5x2xf64>) -> tensor<8x1xf64>
  return %0, %1, %2 : tensor<?x9x2xf32>, tensor<2x?x?x2xf32>, tensor<8x1xf64>
}

// -----

// CHECK-LABEL: func.func @stft
// CHECK: ds.stft %{{.*}}, %{{.*}} window %{{.*}} : (tensor<1x128x1xf32>, tensor<i64>, tensor<16xf32>) -> tensor<1x?x9x2xf32>
// CHECK: ds.stft %{{.*}}, %{{.*}} frame_length %{{.*}} {onesided = false} : (tensor<1x128x2xf32>, tensor<i64>, tensor<i64>) -> tensor<1x?x?x2xf32>
// CHECK: ds.stft %{{.*}}, %{{.*}} window %{{.*}} frame_length %{{.*}} : (tensor<?x?x1xf32>, tensor<i64>, tensor<16xf32>, tensor<i64>) -> tensor<?x?x9x2xf32>
// CHECK: ds.stft %{{.*}}, %{{.*}} : (tensor<2x50x1xf32>, tensor<i64>) -> tensor<2x1x26x2xf32>
func.func @stft(%s: tensor<1x128x1xf32>, %c: tensor<1x128x2xf32>, %u: tensor<?x?x1xf32>, %step: tensor<i64>, %w: tensor<16xf32>, %len: tensor<i64>, %s2: tensor<2x50x1xf32>) -> (tensor<1x?x9x2xf32>, tensor<1x?x?x2xf32>, tensor<?x?x9x2xf32>, tensor<2x1x26x2xf32>) {
  %0 = ds.stft %s, %step window %w : (tensor<1x128x1xf32>, tensor<i64>, tensor<16xf32>) -> tensor<1x?x9x2xf32>
  %1 = ds.stft %c, %step frame_length %len {onesided = false} : (tensor<1x128x2xf32>, tensor<i64>, tensor<i64>) -> tensor<1x?x?x2xf32>
  %2 = ds.stft %u, %step window %w frame_length %len : (tensor<?x?x1xf32>, tensor<i64>, tensor<16xf32>, tensor<i64>) -> tensor<?x?x9x2xf32>
  %3 = ds.stft %s2, %step : (tensor<2x50x1xf32>, tensor<i64>) -> tensor<2x1x26x2xf32>
  return %0, %1, %2, %3 : tensor<1x?x9x2xf32>, tensor<1x?x?x2xf32>, tensor<?x?x9x2xf32>, tensor<2x1x26x2xf32>
}

// -----

// CHECK-LABEL: func.func @mel
// CHECK: ds.mel_weight_matrix %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {output_datatype = f32} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<?x?xf32>
// CHECK: ds.mel_weight_matrix %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {output_datatype = i32} : (tensor<1xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xf16>, tensor<1xf16>) -> tensor<?x?xi32>
func.func @mel(%b: tensor<i64>, %n: tensor<i64>, %r: tensor<i64>, %lo: tensor<f32>, %hi: tensor<f32>, %b1: tensor<1xi32>, %lo1: tensor<1xf16>) -> (tensor<?x?xf32>, tensor<?x?xi32>) {
  %0 = ds.mel_weight_matrix %b, %n, %r, %lo, %hi {output_datatype = f32} : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>) -> tensor<?x?xf32>
  %1 = ds.mel_weight_matrix %b1, %b1, %b1, %lo1, %lo1 {output_datatype = i32} : (tensor<1xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xf16>, tensor<1xf16>) -> tensor<?x?xi32>
  return %0, %1 : tensor<?x?xf32>, tensor<?x?xi32>
}
