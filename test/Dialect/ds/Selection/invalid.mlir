// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @cum_sum_axis_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.cum_sum' op axis 2 is out of range for rank 2}}
  %0 = ds.cum_sum %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @cum_sum_rank0(%x: tensor<f32>) {
  // expected-error @+1 {{'ds.cum_sum' op input must have rank at least 1}}
  %0 = ds.cum_sum %x {axis = 0 : i64} : (tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @cum_sum_no_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ds.cum_sum' op requires attribute 'axis'}}
  %0 = ds.cum_sum %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @cum_prod_type(%x: tensor<2x3xi8>) {
  // expected-error @+1 {{'ds.cum_prod' op operand #0 must be tensor of}}
  %0 = ds.cum_prod %x {axis = 0 : i64} : (tensor<2x3xi8>) -> tensor<2x3xi8>
  return
}

// -----

func.func @cum_prod_result(%x: tensor<2x3xi32>) {
  // expected-error @+1 {{'ds.cum_prod' op result #0 type 'tensor<3x3xi32>' is incompatible with the inferred type 'tensor<2x3xi32>'}}
  %0 = ds.cum_prod %x {axis = -1 : i64} : (tensor<2x3xi32>) -> tensor<3x3xi32>
  return
}

// -----

func.func @cum_prod_precision(%x: tensor<2x3xi32>) {
  // expected-error @+1 {{'ds.cum_prod' op precision 'fp16' requires a floating-point operand, got 'i32'}}
  %0 = ds.cum_prod %x {axis = 0 : i64, precision = #ds.precision<fp16>} : (tensor<2x3xi32>) -> tensor<2x3xi32>
  return
}

// -----

func.func @reverse_sequence_axes(%x: tensor<4x5xf32>, %l: tensor<4xi64>) {
  // expected-error @+1 {{'ds.reverse_sequence' op batch_axis and time_axis must differ, both are 0}}
  %0 = ds.reverse_sequence %x, %l {batch_axis = 0 : i64, time_axis = 0 : i64} : (tensor<4x5xf32>, tensor<4xi64>) -> tensor<4x5xf32>
  return
}

// -----

func.func @reverse_sequence_batch_axis(%x: tensor<4x5x6xf32>, %l: tensor<6xi64>) {
  // expected-error @+1 {{'ds.reverse_sequence' op batch_axis must be 0 or 1, got 2}}
  %0 = ds.reverse_sequence %x, %l {batch_axis = 2 : i64} : (tensor<4x5x6xf32>, tensor<6xi64>) -> tensor<4x5x6xf32>
  return
}

// -----

func.func @reverse_sequence_rank(%x: tensor<4xf32>, %l: tensor<4xi64>) {
  // expected-error @+1 {{'ds.reverse_sequence' op input must have rank at least 2, got 1}}
  %0 = ds.reverse_sequence %x, %l : (tensor<4xf32>, tensor<4xi64>) -> tensor<4xf32>
  return
}

// -----

func.func @reverse_sequence_batch(%x: tensor<4x5xf32>, %l: tensor<4xi64>) {
  // expected-error @+1 {{'ds.reverse_sequence' op sequence_lens has 4 lengths for a batch of 5}}
  %0 = ds.reverse_sequence %x, %l : (tensor<4x5xf32>, tensor<4xi64>) -> tensor<4x5xf32>
  return
}

// -----

func.func @reverse_sequence_length(%x: tensor<3x2xf32>) {
  %l = ds.constant dense<[1, 4]> : tensor<2xi64>
  // expected-error @+1 {{'ds.reverse_sequence' op sequence length 4 is out of range for a time axis of size 3}}
  %0 = ds.reverse_sequence %x, %l : (tensor<3x2xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  return
}

// -----

func.func @reverse_sequence_lens_type(%x: tensor<3x2xf32>, %l: tensor<2xi32>) {
  // expected-error @+1 {{'ds.reverse_sequence' op operand #1 must be tensor of 64-bit signless integer values}}
  %0 = ds.reverse_sequence %x, %l : (tensor<3x2xf32>, tensor<2xi32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @non_zero_rank(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{'ds.non_zero' op result #0 type 'tensor<3x?xi64>' is incompatible with the inferred type 'tensor<2x?xi64>'}}
  %0 = ds.non_zero %x : (tensor<3x4xf32>) -> tensor<3x?xi64>
  return
}

// -----

func.func @unique_axis(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{'ds.unique' op axis 2 is out of range for rank 2}}
  %0:4 = ds.unique %x {axis = 2 : i64} : (tensor<3x4xf32>) -> (tensor<3x?xf32>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>)
  return
}

// -----

func.func @unique_scalar_axis(%x: tensor<f32>) {
  // expected-error @+1 {{'ds.unique' op an axis needs an input of rank at least 1}}
  %0:4 = ds.unique %x {axis = 0 : i64} : (tensor<f32>) -> (tensor<?xf32>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>)
  return
}

// -----

func.func @unique_inverse(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{'ds.unique' op result #2 type 'tensor<4xi64>' is incompatible with the inferred type 'tensor<3xi64>'}}
  %0:4 = ds.unique %x {axis = 0 : i64} : (tensor<3x4xf32>) -> (tensor<?x4xf32>, tensor<?xi64>, tensor<4xi64>, tensor<?xi64>)
  return
}

// -----

func.func @tensor_scatter_mode(%c: tensor<2x8x4xf32>, %u: tensor<2x1x4xf32>) {
  // expected-error @+1 {{'ds.tensor_scatter' op mode must be "linear" or "circular", got "wrap"}}
  %0 = ds.tensor_scatter %c, %u {mode = "wrap"} : (tensor<2x8x4xf32>, tensor<2x1x4xf32>) -> tensor<2x8x4xf32>
  return
}

// -----

func.func @tensor_scatter_batch_axis(%c: tensor<2x8x4xf32>, %u: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'ds.tensor_scatter' op axis must not be the batch axis 0}}
  %0 = ds.tensor_scatter %c, %u {axis = -3 : i64} : (tensor<2x8x4xf32>, tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
  return
}

// -----

func.func @tensor_scatter_shape(%c: tensor<2x8x4xf32>, %u: tensor<2x1x3xf32>) {
  // expected-error @+1 {{'ds.tensor_scatter' op update size 3 differs from past_cache size 4 in dimension 2}}
  %0 = ds.tensor_scatter %c, %u : (tensor<2x8x4xf32>, tensor<2x1x3xf32>) -> tensor<2x8x4xf32>
  return
}

// -----

func.func @tensor_scatter_steps(%c: tensor<2x8x4xf32>, %u: tensor<2x9x4xf32>) {
  // expected-error @+1 {{'ds.tensor_scatter' op update has 9 steps along axis 1, more than the cache's 8}}
  %0 = ds.tensor_scatter %c, %u : (tensor<2x8x4xf32>, tensor<2x9x4xf32>) -> tensor<2x8x4xf32>
  return
}

// -----

func.func @tensor_scatter_linear_overflow(%c: tensor<2x8x4xf32>, %u: tensor<2x2x4xf32>) {
  %i = ds.constant dense<[0, 7]> : tensor<2xi64>
  // expected-error @+1 {{'ds.tensor_scatter' op linear write of 2 steps at index 7 runs past the cache length 8}}
  %0 = ds.tensor_scatter %c, %u, %i : (tensor<2x8x4xf32>, tensor<2x2x4xf32>, tensor<2xi64>) -> tensor<2x8x4xf32>
  return
}

// -----

func.func @tensor_scatter_indices(%c: tensor<2x8x4xf32>, %u: tensor<2x2x4xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{'ds.tensor_scatter' op write_indices has 3 indices for a batch of 2}}
  %0 = ds.tensor_scatter %c, %u, %i {mode = "circular"} : (tensor<2x8x4xf32>, tensor<2x2x4xf32>, tensor<3xi64>) -> tensor<2x8x4xf32>
  return
}

// -----

func.func @tensor_scatter_element_type(%c: tensor<2x8x4xf32>, %u: tensor<2x2x4xf16>) {
  // expected-error @+1 {{'ds.tensor_scatter' op failed to verify that all of {past_cache, update, present_cache} have same element type}}
  %0 = ds.tensor_scatter %c, %u : (tensor<2x8x4xf32>, tensor<2x2x4xf16>) -> tensor<2x8x4xf32>
  return
}

// -----

func.func @bit_cast_width(%x: tensor<4xf32>) {
  // expected-error @+1 {{'ds.bit_cast' op element types 'f32' and 'i64' differ in width (32 vs 64 bits)}}
  %0 = ds.bit_cast %x : (tensor<4xf32>) -> tensor<4xi64>
  return
}

// -----

func.func @bit_cast_shape(%x: tensor<4xf32>) {
  // expected-error @+1 {{'ds.bit_cast' op result shape 'tensor<5xi32>' is incompatible with input shape 'tensor<4xf32>'}}
  %0 = ds.bit_cast %x : (tensor<4xf32>) -> tensor<5xi32>
  return
}

// -----

func.func @det_square(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'ds.det' op matrices must be square, got 3x4}}
  %0 = ds.det %x : (tensor<2x3x4xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @det_rank(%x: tensor<3xf32>) {
  // expected-error @+1 {{'ds.det' op input must have rank at least 2 (a batch of square matrices), got 1}}
  %0 = ds.det %x : (tensor<3xf32>) -> tensor<f32>
  return
}

// -----

func.func @det_integer(%x: tensor<3x3xi32>) {
  // expected-error @+1 {{'ds.det' op operand #0 must be tensor of}}
  %0 = ds.det %x : (tensor<3x3xi32>) -> tensor<i32>
  return
}

// -----

func.func @nms_boxes(%b: tensor<1x5x3xf32>, %s: tensor<1x2x5xf32>, %m: tensor<i64>, %t: tensor<f32>) {
  // expected-error @+1 {{'ds.non_max_suppression' op boxes must hold 4 coordinates per box, got 3}}
  %0 = ds.non_max_suppression %b, %s, %m, %t : (tensor<1x5x3xf32>, tensor<1x2x5xf32>, tensor<i64>, tensor<f32>) -> tensor<?x3xi64>
  return
}

// -----

func.func @nms_box_count(%b: tensor<1x5x4xf32>, %s: tensor<1x2x6xf32>, %m: tensor<i64>, %t: tensor<f32>) {
  // expected-error @+1 {{'ds.non_max_suppression' op boxes have 5 boxes per batch, scores 6}}
  %0 = ds.non_max_suppression %b, %s, %m, %t : (tensor<1x5x4xf32>, tensor<1x2x6xf32>, tensor<i64>, tensor<f32>) -> tensor<?x3xi64>
  return
}

// -----

func.func @nms_batches(%b: tensor<2x5x4xf32>, %s: tensor<1x2x5xf32>, %m: tensor<i64>, %t: tensor<f32>) {
  // expected-error @+1 {{'ds.non_max_suppression' op boxes have 2 batches, scores 1}}
  %0 = ds.non_max_suppression %b, %s, %m, %t : (tensor<2x5x4xf32>, tensor<1x2x5xf32>, tensor<i64>, tensor<f32>) -> tensor<?x3xi64>
  return
}

// -----

func.func @nms_scalar(%b: tensor<1x5x4xf32>, %s: tensor<1x2x5xf32>, %m: tensor<2xi64>, %t: tensor<f32>) {
  // expected-error @+1 {{'ds.non_max_suppression' op operand max_output_boxes_per_class must be a scalar or hold one element, got 'tensor<2xi64>'}}
  %0 = ds.non_max_suppression %b, %s, %m, %t : (tensor<1x5x4xf32>, tensor<1x2x5xf32>, tensor<2xi64>, tensor<f32>) -> tensor<?x3xi64>
  return
}

// -----

func.func @nms_iou(%b: tensor<1x5x4xf32>, %s: tensor<1x2x5xf32>, %m: tensor<i64>) {
  %t = ds.constant dense<1.5> : tensor<f32>
  // expected-error @+1 {{'ds.non_max_suppression' op iou_threshold must be in [0, 1], got 1.5}}
  %0 = ds.non_max_suppression %b, %s, %m, %t : (tensor<1x5x4xf32>, tensor<1x2x5xf32>, tensor<i64>, tensor<f32>) -> tensor<?x3xi64>
  return
}

// -----

func.func @nms_result(%b: tensor<1x5x4xf32>, %s: tensor<1x2x5xf32>, %m: tensor<i64>, %t: tensor<f32>) {
  // expected-error @+1 {{'ds.non_max_suppression' op result #0 type 'tensor<?x2xi64>' is incompatible with the inferred type 'tensor<?x3xi64>'}}
  %0 = ds.non_max_suppression %b, %s, %m, %t : (tensor<1x5x4xf32>, tensor<1x2x5xf32>, tensor<i64>, tensor<f32>) -> tensor<?x2xi64>
  return
}
