// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @gather_axis_out_of_range(%x: tensor<2x3xf32>, %i: tensor<4xi64>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2 (expected in [-2, 2))}}
  %0 = ds.gather %x, %i {axis = 2 : i64} : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @gather_scalar_data(%x: tensor<f32>, %i: tensor<4xi64>) {
  // expected-error @+1 {{operand data must have rank >= 1, got 0}}
  %0 = ds.gather %x, %i : (tensor<f32>, tensor<4xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @gather_wrong_result(%x: tensor<2x3xf32>, %i: tensor<4xi64>) {
  // expected-error @+1 {{'ds.gather' op result #0 type 'tensor<2x5xf32>' is incompatible with the inferred type 'tensor<2x4xf32>'}}
  %0 = ds.gather %x, %i {axis = 1 : i64} : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<2x5xf32>
  return
}

// -----

func.func @gather_constant_index_out_of_range(%x: tensor<4xi64>) {
  %i = ds.constant dense<[0, -5]> : tensor<2xi64>
  // expected-error @+1 {{index -5 is out of range for a dimension of size 4 (expected in [-4, 4))}}
  %0 = ds.gather %x, %i : (tensor<4xi64>, tensor<2xi64>) -> tensor<2xi64>
  return
}

// -----

func.func @gather_float_indices(%x: tensor<4xf32>, %i: tensor<2xf32>) {
  // expected-error @+1 {{operand #1 must be tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = ds.gather %x, %i : (tensor<4xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @gather_elements_rank_mismatch(%x: tensor<2x3xf32>, %i: tensor<2xi64>) {
  // expected-error @+1 {{operand indices must have the rank of data (2), got 1}}
  %0 = ds.gather_elements %x, %i : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2xf32>
  return
}

// -----

func.func @gather_elements_too_large(%x: tensor<2x3xf32>, %i: tensor<3x7xi64>) {
  // expected-error @+1 {{indices size 3 exceeds data size 2 in dimension 0}}
  %0 = ds.gather_elements %x, %i {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3x7xi64>) -> tensor<3x7xf32>
  return
}

// -----

func.func @gather_elements_axis(%x: tensor<2x3xf32>, %i: tensor<2x3xi64>) {
  // expected-error @+1 {{axis -3 is out of range for rank 2}}
  %0 = ds.gather_elements %x, %i {axis = -3 : i64} : (tensor<2x3xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return
}

// -----

func.func @gather_nd_depth(%x: tensor<2x3xf32>, %i: tensor<4x3xi64>) {
  // expected-error @+1 {{the last dimension of indices (3) must be in [1, 2]: rank of data minus batch_dims}}
  %0 = ds.gather_nd %x, %i : (tensor<2x3xf32>, tensor<4x3xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @gather_nd_batch_dims(%x: tensor<2x3x4xf32>, %i: tensor<2x1xi64>) {
  // expected-error @+1 {{operand indices must have rank > batch_dims (2), got 2}}
  %0 = ds.gather_nd %x, %i {batch_dims = 2 : i64} : (tensor<2x3x4xf32>, tensor<2x1xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @gather_nd_batch_mismatch(%x: tensor<2x3x4xf32>, %i: tensor<5x1xi64>) {
  // expected-error @+1 {{batch dimension 0 differs between data (2) and indices (5)}}
  %0 = ds.gather_nd %x, %i {batch_dims = 1 : i64} : (tensor<2x3x4xf32>, tensor<5x1xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @gather_nd_i32_indices(%x: tensor<2x3xf32>, %i: tensor<4x1xi32>) {
  // expected-error @+1 {{operand #1 must be tensor of 64-bit signless integer values}}
  %0 = ds.gather_nd %x, %i : (tensor<2x3xf32>, tensor<4x1xi32>) -> tensor<*xf32>
  return
}

// -----

func.func @scatter_nd_updates_shape(%x: tensor<4x4x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x4xf32>) {
  // expected-error @+1 {{operand updates must have shape indices.shape[:-1] + data.shape[1:] = 'tensor<2x4x4xf32>', got 'tensor<2x4xf32>'}}
  %0 = ds.scatter_nd %x, %i, %u : (tensor<4x4x4xf32>, tensor<2x1xi64>, tensor<2x4xf32>) -> tensor<4x4x4xf32>
  return
}

// -----

func.func @scatter_nd_depth(%x: tensor<4x4xf32>, %i: tensor<2x3xi64>, %u: tensor<2xf32>) {
  // expected-error @+1 {{the last dimension of indices (3) must be in [1, 2]: the rank of data}}
  %0 = ds.scatter_nd %x, %i, %u : (tensor<4x4xf32>, tensor<2x3xi64>, tensor<2xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @scatter_nd_reduction(%x: tensor<4xf32>, %i: tensor<2x1xi64>, %u: tensor<2xf32>) {
  // expected-error @+1 {{reduction must be one of "none", "add", "mul", "max", "min", got "sum"}}
  %0 = ds.scatter_nd %x, %i, %u {reduction = "sum"} : (tensor<4xf32>, tensor<2x1xi64>, tensor<2xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @scatter_nd_result_type(%x: tensor<4xf32>, %i: tensor<2x1xi64>, %u: tensor<2xf32>) {
  // expected-error @+1 {{'ds.scatter_nd' op result #0 type 'tensor<5xf32>' is incompatible with the inferred type 'tensor<4xf32>'}}
  %0 = ds.scatter_nd %x, %i, %u : (tensor<4xf32>, tensor<2x1xi64>, tensor<2xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @scatter_elements_shapes(%x: tensor<4x4xf32>, %i: tensor<2x3xi64>, %u: tensor<2x2xf32>) {
  // expected-error @+1 {{operand updates must have the shape of indices 'tensor<2x3xi64>', got 'tensor<2x2xf32>'}}
  %0 = ds.scatter_elements %x, %i, %u : (tensor<4x4xf32>, tensor<2x3xi64>, tensor<2x2xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @scatter_elements_rank(%x: tensor<4x4xf32>, %i: tensor<3xi64>, %u: tensor<3xf32>) {
  // expected-error @+1 {{operand indices must have the rank of data (2), got 1}}
  %0 = ds.scatter_elements %x, %i, %u : (tensor<4x4xf32>, tensor<3xi64>, tensor<3xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @scatter_elements_reduction(%x: tensor<4xf32>, %i: tensor<2xi64>, %u: tensor<2xf32>) {
  // expected-error @+1 {{reduction must be one of "none", "add", "mul", "max", "min", got "mean"}}
  %0 = ds.scatter_elements %x, %i, %u {reduction = "mean"} : (tensor<4xf32>, tensor<2xi64>, tensor<2xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @scatter_elements_element_type(%x: tensor<4xf32>, %i: tensor<2xi64>, %u: tensor<2xf16>) {
  // expected-error @+1 {{failed to verify that all of {data, updates, output} have same element type}}
  %0 = ds.scatter_elements %x, %i, %u : (tensor<4xf32>, tensor<2xi64>, tensor<2xf16>) -> tensor<4xf32>
  return
}

// -----

func.func @resize_both(%x: tensor<1x3x8x8xf32>, %s: tensor<4xf32>, %n: tensor<4xi64>) {
  // expected-error @+1 {{exactly one of scales and sizes must be given}}
  %0 = ds.resize %x scales %s sizes %n : (tensor<1x3x8x8xf32>, tensor<4xf32>, tensor<4xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @resize_neither(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{exactly one of scales and sizes must be given}}
  %0 = ds.resize %x : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @resize_scales_length(%x: tensor<1x3x8x8xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{operand scales must have 4 elements (one per input dimension), got 3}}
  %0 = ds.resize %x scales %s : (tensor<1x3x8x8xf32>, tensor<3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @resize_sizes_length_with_axes(%x: tensor<1x3x8x8xf32>, %n: tensor<4xi64>) {
  // expected-error @+1 {{operand sizes must have 2 elements (one per axis in axes), got 4}}
  %0 = ds.resize %x sizes %n {axes = array<i64: 2, 3>} : (tensor<1x3x8x8xf32>, tensor<4xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @resize_repeated_axes(%x: tensor<1x3x8x8xf32>, %n: tensor<2xi64>) {
  // expected-error @+1 {{axes contain axis -1 twice}}
  %0 = ds.resize %x sizes %n {axes = array<i64: 3, -1>} : (tensor<1x3x8x8xf32>, tensor<2xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @resize_crop_without_roi(%x: tensor<1x3x8x8xf32>, %s: tensor<4xf32>) {
  // expected-error @+1 {{coordinate_transformation_mode "tf_crop_and_resize" requires roi}}
  %0 = ds.resize %x scales %s {coordinate_transformation_mode = "tf_crop_and_resize"} : (tensor<1x3x8x8xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @resize_roi_length(%x: tensor<1x3x8x8xf32>, %roi: tensor<4xf32>, %s: tensor<4xf32>) {
  // expected-error @+1 {{operand roi must have 8 elements (a start and an end per resized axis), got 4}}
  %0 = ds.resize %x roi %roi scales %s {coordinate_transformation_mode = "tf_crop_and_resize"} : (tensor<1x3x8x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @resize_mode(%x: tensor<1x3x8x8xf32>, %s: tensor<4xf32>) {
  // expected-error @+1 {{mode must be one of "nearest", "linear", "cubic", got "bilinear"}}
  %0 = ds.resize %x scales %s {mode = "bilinear"} : (tensor<1x3x8x8xf32>, tensor<4xf32>) -> tensor<1x3x?x?xf32>
  return
}

// -----

func.func @resize_nearest_mode(%x: tensor<1x3x8x8xf32>, %s: tensor<4xf32>) {
  // expected-error @+1 {{nearest_mode must be one of "round_prefer_floor", "round_prefer_ceil", "floor", "ceil", got "round"}}
  %0 = ds.resize %x scales %s {nearest_mode = "round"} : (tensor<1x3x8x8xf32>, tensor<4xf32>) -> tensor<1x3x?x?xf32>
  return
}

// -----

func.func @resize_coordinate_mode(%x: tensor<1x3x8x8xf32>, %s: tensor<4xf32>) {
  // expected-error @+1 {{coordinate_transformation_mode must be one of "half_pixel", "half_pixel_symmetric", "pytorch_half_pixel", "align_corners", "asymmetric", "tf_crop_and_resize", got "tf_half_pixel_for_nn"}}
  %0 = ds.resize %x scales %s {coordinate_transformation_mode = "tf_half_pixel_for_nn"} : (tensor<1x3x8x8xf32>, tensor<4xf32>) -> tensor<1x3x?x?xf32>
  return
}

// -----

func.func @resize_policy(%x: tensor<1x3x8x8xf32>, %n: tensor<4xi64>) {
  // expected-error @+1 {{keep_aspect_ratio_policy must be one of "stretch", "not_larger", "not_smaller", got "fit"}}
  %0 = ds.resize %x sizes %n {keep_aspect_ratio_policy = "fit"} : (tensor<1x3x8x8xf32>, tensor<4xi64>) -> tensor<1x3x?x?xf32>
  return
}

// -----

func.func @resize_negative_scale(%x: tensor<1x3x8x8xf32>) {
  %s = ds.constant dense<[1.0, 1.0, -2.0, 2.0]> : tensor<4xf32>
  // expected-error @+1 {{scales must be positive, got -2}}
  %0 = ds.resize %x scales %s : (tensor<1x3x8x8xf32>, tensor<4xf32>) -> tensor<1x3x?x?xf32>
  return
}

// -----

func.func @resize_wrong_result(%x: tensor<1x3x8x8xf32>) {
  %s = ds.constant dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
  // expected-error @+1 {{'ds.resize' op result #0 type 'tensor<1x3x16x8xf32>' is incompatible with the inferred type 'tensor<1x3x16x16xf32>'}}
  %0 = ds.resize %x scales %s : (tensor<1x3x8x8xf32>, tensor<4xf32>) -> tensor<1x3x16x8xf32>
  return
}

// -----

func.func @resize_tf32_on_f16(%x: tensor<1x3x8x8xf16>, %s: tensor<4xf32>) {
  // expected-error @+1 {{precision 'tf32' requires f32 operands, got 'f16'}}
  %0 = ds.resize %x scales %s {precision = #ds.precision<tf32>} : (tensor<1x3x8x8xf16>, tensor<4xf32>) -> tensor<1x3x?x?xf16>
  return
}
