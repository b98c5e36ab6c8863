// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @grid_sample_mode(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x4x2xf32>) {
  // expected-error @+1 {{'ds.grid_sample' op mode must be 'linear', 'nearest' or 'cubic', got 'bilinear'}}
  %0 = ds.grid_sample %x, %g {mode = "bilinear"} : (tensor<1x3x8x8xf32>, tensor<1x4x4x2xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @grid_sample_padding(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x4x2xf32>) {
  // expected-error @+1 {{'ds.grid_sample' op padding_mode must be 'zeros', 'border' or 'reflection', got 'wrap'}}
  %0 = ds.grid_sample %x, %g {padding_mode = "wrap"} : (tensor<1x3x8x8xf32>, tensor<1x4x4x2xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @grid_sample_rank(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x4x4x3xf32>) {
  // expected-error @+1 {{'ds.grid_sample' op operand grid must have the rank of X (4), got 5}}
  %0 = ds.grid_sample %x, %g : (tensor<1x3x8x8xf32>, tensor<1x4x4x4x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @grid_sample_coordinates(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x4x3xf32>) {
  // expected-error @+1 {{'ds.grid_sample' op operand grid must have one coordinate per spatial dimension (2) in its last dimension, got 3}}
  %0 = ds.grid_sample %x, %g : (tensor<1x3x8x8xf32>, tensor<1x4x4x3xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @grid_sample_batch(%x: tensor<2x3x8x8xf32>, %g: tensor<3x4x4x2xf32>) {
  // expected-error @+1 {{'ds.grid_sample' op operand grid must have the batch size of X (2), got 3}}
  %0 = ds.grid_sample %x, %g : (tensor<2x3x8x8xf32>, tensor<3x4x4x2xf32>) -> tensor<2x3x4x4xf32>
  return
}

// -----

func.func @grid_sample_image_rank(%x: tensor<1x3xf32>, %g: tensor<1x3xf32>) {
  // expected-error @+1 {{'ds.grid_sample' op operand X must have rank at least 3 (N, C and a spatial dimension), got 2}}
  %0 = ds.grid_sample %x, %g : (tensor<1x3xf32>, tensor<1x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @grid_sample_element_type(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x4x2xf32>) {
  // expected-error @+1 {{'ds.grid_sample' op failed to verify that all of {input, output} have same element type}}
  %0 = ds.grid_sample %x, %g : (tensor<1x3x8x8xf32>, tensor<1x4x4x2xf32>) -> tensor<1x3x4x4xf16>
  return
}

// -----

func.func @affine_grid_theta(%t: tensor<2x2x4xf32>, %s: tensor<4xi64>) {
  // expected-error @+1 {{'ds.affine_grid' op operand theta must be [N, 2, 3] (2-D) or [N, 3, 4] (3-D), got 'tensor<2x2x4xf32>'}}
  %0 = ds.affine_grid %t, %s : (tensor<2x2x4xf32>, tensor<4xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @affine_grid_size_length(%t: tensor<2x2x3xf32>, %s: tensor<5xi64>) {
  // expected-error @+1 {{'ds.affine_grid' op operand size implies 3 spatial dimensions, but theta has 2}}
  %0 = ds.affine_grid %t, %s : (tensor<2x2x3xf32>, tensor<5xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @affine_grid_batch(%t: tensor<2x2x3xf32>) {
  %s = ds.constant dense<[3, 1, 4, 4]> : tensor<4xi64>
  // expected-error @+1 {{'ds.affine_grid' op operand size must have the batch size of theta (2), got 3}}
  %0 = ds.affine_grid %t, %s : (tensor<2x2x3xf32>, tensor<4xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @affine_grid_negative(%t: tensor<2x2x3xf32>) {
  %s = ds.constant dense<[2, 1, -4, 4]> : tensor<4xi64>
  // expected-error @+1 {{'ds.affine_grid' op size must be non-negative, got -4}}
  %0 = ds.affine_grid %t, %s : (tensor<2x2x3xf32>, tensor<4xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @roi_align_mode(%x: tensor<1x3x8x8xf32>, %r: tensor<2x4xf32>, %b: tensor<2xi64>) {
  // expected-error @+1 {{'ds.roi_align' op mode must be 'avg' or 'max', got 'min'}}
  %0 = ds.roi_align %x, %r, %b {mode = "min"} : (tensor<1x3x8x8xf32>, tensor<2x4xf32>, tensor<2xi64>) -> tensor<2x3x1x1xf32>
  return
}

// -----

func.func @roi_align_transform(%x: tensor<1x3x8x8xf32>, %r: tensor<2x4xf32>, %b: tensor<2xi64>) {
  // expected-error @+1 {{'ds.roi_align' op coordinate_transformation_mode must be 'half_pixel' or 'output_half_pixel', got 'asymmetric'}}
  %0 = ds.roi_align %x, %r, %b {coordinate_transformation_mode = "asymmetric"} : (tensor<1x3x8x8xf32>, tensor<2x4xf32>, tensor<2xi64>) -> tensor<2x3x1x1xf32>
  return
}

// -----

func.func @roi_align_output_size(%x: tensor<1x3x8x8xf32>, %r: tensor<2x4xf32>, %b: tensor<2xi64>) {
  // expected-error @+1 {{'ds.roi_align' op output_height must be positive, got 0}}
  %0 = ds.roi_align %x, %r, %b {output_height = 0 : i64} : (tensor<1x3x8x8xf32>, tensor<2x4xf32>, tensor<2xi64>) -> tensor<2x3x0x1xf32>
  return
}

// -----

func.func @roi_align_sampling_ratio(%x: tensor<1x3x8x8xf32>, %r: tensor<2x4xf32>, %b: tensor<2xi64>) {
  // expected-error @+1 {{'ds.roi_align' op sampling_ratio must be non-negative, got -1}}
  %0 = ds.roi_align %x, %r, %b {sampling_ratio = -1 : i64} : (tensor<1x3x8x8xf32>, tensor<2x4xf32>, tensor<2xi64>) -> tensor<2x3x1x1xf32>
  return
}

// -----

func.func @roi_align_rois(%x: tensor<1x3x8x8xf32>, %r: tensor<2x5xf32>, %b: tensor<2xi64>) {
  // expected-error @+1 {{'ds.roi_align' op operand rois must have 4 values per region, got 5}}
  %0 = ds.roi_align %x, %r, %b : (tensor<1x3x8x8xf32>, tensor<2x5xf32>, tensor<2xi64>) -> tensor<2x3x1x1xf32>
  return
}

// -----

func.func @roi_align_batch_indices(%x: tensor<1x3x8x8xf32>, %r: tensor<2x4xf32>, %b: tensor<3xi64>) {
  // expected-error @+1 {{'ds.roi_align' op operand batch_indices must have one element per region (2), got 3}}
  %0 = ds.roi_align %x, %r, %b : (tensor<1x3x8x8xf32>, tensor<2x4xf32>, tensor<3xi64>) -> tensor<2x3x1x1xf32>
  return
}

// -----

func.func @roi_align_result(%x: tensor<1x3x8x8xf32>, %r: tensor<2x4xf32>, %b: tensor<2xi64>) {
  // expected-error @+1 {{'ds.roi_align' op result #0 type 'tensor<2x3x2x2xf32>' is incompatible with the inferred type 'tensor<2x3x1x1xf32>'}}
  %0 = ds.roi_align %x, %r, %b : (tensor<1x3x8x8xf32>, tensor<2x4xf32>, tensor<2xi64>) -> tensor<2x3x2x2xf32>
  return
}

// -----

func.func @max_roi_pool_pooled_shape(%x: tensor<1x3x8x8xf32>, %r: tensor<2x5xf32>) {
  // expected-error @+1 {{'ds.max_roi_pool' op pooled_shape must have 2 values (height, width), got 3}}
  %0 = ds.max_roi_pool %x, %r {pooled_shape = array<i64: 2, 2, 2>} : (tensor<1x3x8x8xf32>, tensor<2x5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @max_roi_pool_rois(%x: tensor<1x3x8x8xf32>, %r: tensor<2x4xf32>) {
  // expected-error @+1 {{'ds.max_roi_pool' op operand rois must have 5 values per region, got 4}}
  %0 = ds.max_roi_pool %x, %r {pooled_shape = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<2x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @max_roi_pool_input_rank(%x: tensor<1x3x8xf32>, %r: tensor<2x5xf32>) {
  // expected-error @+1 {{'ds.max_roi_pool' op operand X must have rank 4, got 3}}
  %0 = ds.max_roi_pool %x, %r {pooled_shape = array<i64: 2, 2>} : (tensor<1x3x8xf32>, tensor<2x5xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @max_unpool_rank(%x: tensor<1x3x4x4xf32>, %i: tensor<1x3x4x4xi64>) {
  // expected-error @+1 {{'ds.max_unpool' op operand X must have rank 3, got 4}}
  %0 = ds.max_unpool %x, %i {kernel_shape = array<i64: 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @max_unpool_indices(%x: tensor<1x3x4x4xf32>, %i: tensor<1x3x4x5xi64>) {
  // expected-error @+1 {{'ds.max_unpool' op operand I must have the shape of X ('tensor<1x3x4x4xf32>'), got 'tensor<1x3x4x5xi64>'}}
  %0 = ds.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x5xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @max_unpool_strides(%x: tensor<1x3x4x4xf32>, %i: tensor<1x3x4x4xi64>) {
  // expected-error @+1 {{'ds.max_unpool' op strides must be positive, got 0}}
  %0 = ds.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 0, 1>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @max_unpool_pads(%x: tensor<1x3x1x1xf32>, %i: tensor<1x3x1x1xi64>) {
  // expected-error @+1 {{'ds.max_unpool' op spatial dimension 0 of the output would have size -1; the pads are too large}}
  %0 = ds.max_unpool %x, %i {kernel_shape = array<i64: 1, 1>, pads = array<i64: 1, 0, 1, 0>} : (tensor<1x3x1x1xf32>, tensor<1x3x1x1xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @max_unpool_output_shape_small(%x: tensor<1x3x4x4xf32>, %i: tensor<1x3x4x4xi64>) {
  %s = ds.constant dense<[1, 3, 7, 8]> : tensor<4xi64>
  // expected-error @+1 {{'ds.max_unpool' op output_shape[2] = 7 is smaller than the unpooled size 8}}
  %0 = ds.max_unpool %x, %i, %s {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>, tensor<4xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @max_unpool_output_shape_channels(%x: tensor<1x3x4x4xf32>, %i: tensor<1x3x4x4xi64>) {
  %s = ds.constant dense<[1, 4, 8, 8]> : tensor<4xi64>
  // expected-error @+1 {{'ds.max_unpool' op output_shape[1] = 4 differs from X's size 3}}
  %0 = ds.max_unpool %x, %i, %s {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>, tensor<4xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @max_unpool_output_shape_length(%x: tensor<1x3x4x4xf32>, %i: tensor<1x3x4x4xi64>, %s: tensor<3xi64>) {
  // expected-error @+1 {{'ds.max_unpool' op operand output_shape must have one element per dimension of X (4), got 3}}
  %0 = ds.max_unpool %x, %i, %s {kernel_shape = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>, tensor<3xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @col2_im_block_shape(%x: tensor<1x12x16xf32>) {
  // expected-error @+1 {{'ds.col2_im' op block_shape must have 2 values for 2 spatial dimensions, got 1}}
  %0 = ds.col2_im %x {block_shape = array<i64: 2>, image_shape = array<i64: 5, 5>} : (tensor<1x12x16xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @col2_im_blocks(%x: tensor<1x12x15xf32>) {
  // expected-error @+1 {{'ds.col2_im' op operand input must have one column per block (16), got 15}}
  %0 = ds.col2_im %x {block_shape = array<i64: 2, 2>, image_shape = array<i64: 5, 5>} : (tensor<1x12x15xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @col2_im_channels(%x: tensor<1x10x16xf32>) {
  // expected-error @+1 {{'ds.col2_im' op operand input must have a multiple of the block size (4) as its dimension 1, got 10}}
  %0 = ds.col2_im %x {block_shape = array<i64: 2, 2>, image_shape = array<i64: 5, 5>} : (tensor<1x10x16xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @col2_im_too_large_block(%x: tensor<1x12x16xf32>) {
  // expected-error @+1 {{'ds.col2_im' op spatial dimension 1 has padded size 5, smaller than the dilated kernel size 7}}
  %0 = ds.col2_im %x {block_shape = array<i64: 2, 2>, dilations = array<i64: 1, 6>, image_shape = array<i64: 5, 5>} : (tensor<1x12x16xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @deform_conv_offset(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %o: tensor<1x9x8x8xf32>) {
  // expected-error @+1 {{'ds.deform_conv' op operand offset must have offset_group * prod(kernel) * n = 18 channels, got 9}}
  %0 = ds.deform_conv %x, %w, %o {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x9x8x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @deform_conv_mask(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %o: tensor<1x18x8x8xf32>, %m: tensor<1x18x8x8xf32>) {
  // expected-error @+1 {{'ds.deform_conv' op operand mask must have offset_group * prod(kernel) = 9 channels, got 18}}
  %0 = ds.deform_conv %x, %w, %o mask %m {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x18x8x8xf32>, tensor<1x18x8x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @deform_conv_offset_size(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %o: tensor<1x18x6x6xf32>) {
  // expected-error @+1 {{'ds.deform_conv' op operand offset must have the output's spatial size (8), got 6}}
  %0 = ds.deform_conv %x, %w, %o {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x18x6x6xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @deform_conv_group(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %o: tensor<1x18x6x6xf32>) {
  // expected-error @+1 {{'ds.deform_conv' op input channels (4) must equal W.shape[1] * group = 4 * 2}}
  %0 = ds.deform_conv %x, %w, %o {group = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x18x6x6xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @deform_conv_offset_group(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %o: tensor<1x18x6x6xf32>) {
  // expected-error @+1 {{'ds.deform_conv' op offset_group must be positive, got 0}}
  %0 = ds.deform_conv %x, %w, %o {offset_group = 0 : i64} : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x18x6x6xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @deform_conv_bias(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %o: tensor<1x18x6x6xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'ds.deform_conv' op operand B must have one element per output channel (6), got 4}}
  %0 = ds.deform_conv %x, %w, %o bias %b : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x18x6x6xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_integer_auto_pad(%x: tensor<1x3x8x8xui8>, %w: tensor<4x3x3x3xi8>) {
  // expected-error @+1 {{'ds.conv_integer' op auto_pad must be 'NOTSET', 'SAME_UPPER', 'SAME_LOWER' or 'VALID', got 'SAME'}}
  %0 = ds.conv_integer %x, %w {auto_pad = "SAME"} : (tensor<1x3x8x8xui8>, tensor<4x3x3x3xi8>) -> tensor<*xi32>
  return
}

// -----

func.func @conv_integer_pads_with_auto_pad(%x: tensor<1x3x8x8xui8>, %w: tensor<4x3x3x3xi8>) {
  // expected-error @+1 {{'ds.conv_integer' op pads must not be given with auto_pad = VALID}}
  %0 = ds.conv_integer %x, %w {auto_pad = "VALID", pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xui8>, tensor<4x3x3x3xi8>) -> tensor<*xi32>
  return
}

// -----

func.func @conv_integer_zero_point_type(%x: tensor<1x3x8x8xui8>, %w: tensor<4x3x3x3xi8>, %z: tensor<i8>) {
  // expected-error @+1 {{'ds.conv_integer' op operand x_zero_point must have the element type of x ('ui8'), got 'i8'}}
  %0 = ds.conv_integer %x, %w x_zero_point %z : (tensor<1x3x8x8xui8>, tensor<4x3x3x3xi8>, tensor<i8>) -> tensor<*xi32>
  return
}

// -----

func.func @conv_integer_x_zero_point_shape(%x: tensor<1x3x8x8xui8>, %w: tensor<4x3x3x3xi8>, %z: tensor<3xui8>) {
  // expected-error @+1 {{'ds.conv_integer' op operand x_zero_point must be a scalar, got 'tensor<3xui8>'}}
  %0 = ds.conv_integer %x, %w x_zero_point %z : (tensor<1x3x8x8xui8>, tensor<4x3x3x3xi8>, tensor<3xui8>) -> tensor<*xi32>
  return
}

// -----

func.func @conv_integer_w_zero_point_shape(%x: tensor<1x3x8x8xui8>, %w: tensor<4x3x3x3xi8>, %z: tensor<3xi8>) {
  // expected-error @+1 {{'ds.conv_integer' op operand w_zero_point must be a scalar or have one element per output channel (4), got 'tensor<3xi8>'}}
  %0 = ds.conv_integer %x, %w w_zero_point %z : (tensor<1x3x8x8xui8>, tensor<4x3x3x3xi8>, tensor<3xi8>) -> tensor<*xi32>
  return
}

// -----

func.func @conv_integer_kernel(%x: tensor<1x3x8x8xui8>, %w: tensor<4x3x3x3xi8>) {
  // expected-error @+1 {{'ds.conv_integer' op kernel_shape[1] = 2 differs from W's spatial size 3}}
  %0 = ds.conv_integer %x, %w {kernel_shape = array<i64: 3, 2>} : (tensor<1x3x8x8xui8>, tensor<4x3x3x3xi8>) -> tensor<*xi32>
  return
}

// -----

func.func @conv_integer_float(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xi8>) {
  // expected-error @+1 {{'ds.conv_integer' op operand #0 must be tensor of 8-bit signless integer or 8-bit unsigned integer values}}
  %0 = ds.conv_integer %x, %w : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xi8>) -> tensor<*xi32>
  return
}

// -----

func.func @conv_integer_result(%x: tensor<1x3x8x8xui8>, %w: tensor<4x3x3x3xi8>) {
  // expected-error @+1 {{'ds.conv_integer' op result #0 must be tensor of 32-bit signless integer values}}
  %0 = ds.conv_integer %x, %w : (tensor<1x3x8x8xui8>, tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi64>
  return
}
