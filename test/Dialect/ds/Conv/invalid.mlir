// RUN: ds-opt %s --split-input-file --verify-diagnostics

func.func @conv_rank_too_low(%x: tensor<3x10xf32>, %w: tensor<8x3xf32>) {
  // expected-error @+1 {{'ds.conv' op operand X must have rank at least 3 (N, C and a spatial dimension), got 2}}
  %y = ds.conv %x, %w : (tensor<3x10xf32>, tensor<8x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_rank_too_high(%x: tensor<1x1x2x2x2x2xf32>, %w: tensor<1x1x1x1x1x1xf32>) {
  // expected-error @+1 {{'ds.conv' op operand X must have rank at most 5 (3 spatial dimensions), got 6}}
  %y = ds.conv %x, %w : (tensor<1x1x2x2x2x2xf32>, tensor<1x1x1x1x1x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_weight_rank(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op operand W must have the rank of X (4), got 3}}
  %y = ds.conv %x, %w : (tensor<1x3x10x10xf32>, tensor<8x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<1x6x10x10xf32>, %w: tensor<8x2x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op input channels (6) must equal W.shape[1] * group = 2 * 2}}
  %y = ds.conv %x, %w {group = 2 : i64} : (tensor<1x6x10x10xf32>, tensor<8x2x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_output_channels_group(%x: tensor<1x4x10x10xf32>, %w: tensor<9x2x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op output channels (9) must be divisible by group (2)}}
  %y = ds.conv %x, %w {group = 2 : i64} : (tensor<1x4x10x10xf32>, tensor<9x2x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_group_negative(%x: tensor<1x4x10x10xf32>, %w: tensor<8x4x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op group must be positive, got -2}}
  %y = ds.conv %x, %w {group = -2 : i64} : (tensor<1x4x10x10xf32>, tensor<8x4x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_bias_rank(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<1x8xf32>) {
  // expected-error @+1 {{'ds.conv' op operand B must have rank 1, got 2}}
  %y = ds.conv %x, %w, %b : (tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>, tensor<1x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_bias_size(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'ds.conv' op operand B must have one element per output channel (8), got 4}}
  %y = ds.conv %x, %w, %b : (tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_kernel_shape(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op kernel_shape[1] = 5 differs from W's spatial size 3}}
  %y = ds.conv %x, %w {kernel_shape = array<i64: 3, 5>} : (tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_strides_length(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op strides must have 2 values for 2 spatial dimensions, got 1}}
  %y = ds.conv %x, %w {strides = array<i64: 2>} : (tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_pads_length(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op pads must have 4 values for 2 spatial dimensions, got 2}}
  %y = ds.conv %x, %w {pads = array<i64: 1, 1>} : (tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_zero_stride(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op strides must be positive, got 0}}
  %y = ds.conv %x, %w {strides = array<i64: 1, 0>} : (tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_negative_pad(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op pads must be non-negative, got -1}}
  %y = ds.conv %x, %w {pads = array<i64: 0, -1, 0, 0>} : (tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_bad_auto_pad(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op auto_pad must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, got "SAME"}}
  %y = ds.conv %x, %w {auto_pad = "SAME"} : (tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_pads_with_auto_pad(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op pads must not be given with auto_pad = SAME_UPPER}}
  %y = ds.conv %x, %w {auto_pad = "SAME_UPPER", pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_kernel_too_large(%x: tensor<1x3x4x10xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op spatial dimension 0 has padded size 4, smaller than the dilated kernel size 5}}
  %y = ds.conv %x, %w {dilations = array<i64: 2, 1>} : (tensor<1x3x4x10xf32>, tensor<8x3x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_wrong_result(%x: tensor<1x3x10x10xf32>, %w: tensor<8x3x3x3xf32>) {
  // expected-error @+1 {{'ds.conv' op result #0 type 'tensor<1x8x10x10xf32>' is incompatible with the inferred type 'tensor<1x8x8x8xf32>'}}
  %y = ds.conv %x, %w : (tensor<1x3x10x10xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x10x10xf32>
  return
}

// -----

func.func @conv_integer(%x: tensor<1x3x10x10xi32>, %w: tensor<8x3x3x3xi32>) {
  // expected-error @+1 {{'ds.conv' op operand #0 must be tensor of}}
  %y = ds.conv %x, %w : (tensor<1x3x10x10xi32>, tensor<8x3x3x3xi32>) -> tensor<*xi32>
  return
}

// -----

func.func @conv_transpose_channels(%x: tensor<1x64x8x8xf32>, %w: tensor<32x32x3x3xf32>) {
  // expected-error @+1 {{'ds.conv_transpose' op input channels (64) must equal W.shape[0] (32)}}
  %y = ds.conv_transpose %x, %w : (tensor<1x64x8x8xf32>, tensor<32x32x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_group(%x: tensor<1x6x8x8xf32>, %w: tensor<6x2x3x3xf32>) {
  // expected-error @+1 {{'ds.conv_transpose' op input channels (6) must be divisible by group (4)}}
  %y = ds.conv_transpose %x, %w {group = 4 : i64} : (tensor<1x6x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_output_padding(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{'ds.conv_transpose' op output_padding[1] = 2 must be smaller than the stride or the dilation}}
  %y = ds.conv_transpose %x, %w {strides = array<i64: 2, 2>, output_padding = array<i64: 1, 2>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_pads_and_output_shape(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{'ds.conv_transpose' op pads must not be given with output_shape}}
  %y = ds.conv_transpose %x, %w {pads = array<i64: 0, 0, 0, 0>, output_shape = array<i64: 10, 10>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_output_shape_length(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{'ds.conv_transpose' op output_shape must have 2 values for 2 spatial dimensions, got 4}}
  %y = ds.conv_transpose %x, %w {output_shape = array<i64: 1, 2, 10, 10>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_empty_output(%x: tensor<1x4x1xf32>, %w: tensor<4x2x1xf32>) {
  // expected-error @+1 {{'ds.conv_transpose' op spatial dimension 0 of the output would have size -1; the pads are too large}}
  %y = ds.conv_transpose %x, %w {pads = array<i64: 1, 1>} : (tensor<1x4x1xf32>, tensor<4x2x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_wrong_result(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{'ds.conv_transpose' op result #0 type 'tensor<1x2x10x10xf32>' is incompatible with the inferred type 'tensor<1x4x10x10xf32>'}}
  %y = ds.conv_transpose %x, %w {group = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return
}

// -----

func.func @max_pool_storage_order(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'ds.max_pool' op storage_order must be 0 (row major) or 1 (column major), got 2}}
  %y = ds.max_pool %x {kernel_shape = array<i64: 2, 2>, storage_order = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @max_pool_kernel_length(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'ds.max_pool' op kernel_shape must have 2 values for 2 spatial dimensions, got 3}}
  %y = ds.max_pool %x {kernel_shape = array<i64: 2, 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @max_pool_empty_kernel(%x: tensor<*xf32>) {
  // expected-error @+1 {{'ds.max_pool' op kernel_shape must not be empty}}
  %y = ds.max_pool %x {kernel_shape = array<i64>} : (tensor<*xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @max_pool_indices_shape(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'ds.max_pool' op result #1 type 'tensor<1x3x8x8xi64>' is incompatible with the inferred type 'tensor<1x3x4x4xi64>'}}
  %y, %i = ds.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x8x8xi64>)
  return
}

// -----

func.func @max_pool_indices_type(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'ds.max_pool' op result #1 must be tensor of 64-bit signless integer values, but got 'tensor<1x3x7x7xi32>'}}
  %y, %i = ds.max_pool %x {kernel_shape = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x7x7xf32>, tensor<1x3x7x7xi32>)
  return
}

// -----

func.func @average_pool_zero_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'ds.average_pool' op kernel_shape must be positive, got 0}}
  %y = ds.average_pool %x {kernel_shape = array<i64: 0, 2>} : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @average_pool_dilations(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'ds.average_pool' op dilations must have 2 values for 2 spatial dimensions, got 1}}
  %y = ds.average_pool %x {kernel_shape = array<i64: 2, 2>, dilations = array<i64: 2>} : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @average_pool_wrong_result(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'ds.average_pool' op result #0 type 'tensor<1x3x5x5xf32>' is incompatible with the inferred type 'tensor<1x3x4x4xf32>'}}
  %y = ds.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x3x8x8xf32>) -> tensor<1x3x5x5xf32>
  return
}

// -----

func.func @lp_pool_p(%x: tensor<1x3x8xf32>) {
  // expected-error @+1 {{'ds.lp_pool' op p must be positive, got 0}}
  %y = ds.lp_pool %x {kernel_shape = array<i64: 2>, p = 0 : i64} : (tensor<1x3x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @lp_pool_rank(%x: tensor<3x8xf32>) {
  // expected-error @+1 {{'ds.lp_pool' op operand X must have rank at least 3 (N, C and a spatial dimension), got 2}}
  %y = ds.lp_pool %x {kernel_shape = array<i64: 2>} : (tensor<3x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @global_max_pool_rank(%x: tensor<3x8xf32>) {
  // expected-error @+1 {{'ds.global_max_pool' op operand X must have rank at least 3 (N, C and a spatial dimension), got 2}}
  %y = ds.global_max_pool %x : (tensor<3x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @global_average_pool_wrong_result(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'ds.global_average_pool' op result #0 type 'tensor<1x3xf32>' is incompatible with the inferred type 'tensor<1x3x1x1xf32>'}}
  %y = ds.global_average_pool %x : (tensor<1x3x8x8xf32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @global_lp_pool_p(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'ds.global_lp_pool' op p must be positive, got -1}}
  %y = ds.global_lp_pool %x {p = -1 : i64} : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  return
}
