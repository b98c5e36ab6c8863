// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// Explicit pads become a zero tensor.pad; strides and dilations go to the
// named convolution; the bias is added by a generic broadcasting it over m.
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_pad_stride_bias
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PAD:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[ZERO]]
// CHECK: } : tensor<1x3x8x8xf32> to tensor<1x3x10x10xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x4x4x4xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<1x4x4x4xf32>)
// CHECK: %[[C:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
// CHECK-SAME: ins(%[[PAD]], %arg1 : tensor<1x3x10x10xf32>, tensor<4x3x3x3xf32>) outs(%[[F]] : tensor<1x4x4x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[BIAS]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%arg2 : tensor<4xf32>) outs(%[[C]] : tensor<1x4x4x4xf32>)
// CHECK: ^bb0(%[[B:.*]]: f32, %[[O:.*]]: f32):
// CHECK: arith.addf %[[O]], %[[B]] : f32
// CHECK-NOT: ds.conv
func.func @conv_pad_stride_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = ds.conv %x, %w, %b {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// Without pads or bias: no tensor.pad, no generic; dilations are kept and a
// dynamic batch comes from the input.
// CHECK-LABEL: func.func @conv_dilated_dynamic_batch
// CHECK-NOT: tensor.pad
// CHECK: %[[N:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x2x7x7xf32>
// CHECK: tensor.empty(%[[N]]) : tensor<?x5x3x3xf32>
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<2> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
// CHECK-NOT: linalg.generic
func.func @conv_dilated_dynamic_batch(%x: tensor<?x2x7x7xf32>, %w: tensor<5x2x3x3xf32>) -> tensor<?x5x3x3xf32> {
  %0 = ds.conv %x, %w {dilations = array<i64: 2, 2>}
      : (tensor<?x2x7x7xf32>, tensor<5x2x3x3xf32>) -> tensor<?x5x3x3xf32>
  return %0 : tensor<?x5x3x3xf32>
}

// -----

// Depthwise: the [C, 1, kh, kw] filter is collapsed to [C, kh, kw].
// CHECK-LABEL: func.func @depthwise
// CHECK: %[[W:.*]] = tensor.collapse_shape %arg1 {{\[}}[0, 1], [2], [3]] : tensor<3x1x3x3xf32> into tensor<3x3x3xf32>
// CHECK: linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
// CHECK-SAME: ins(%{{.*}}, %[[W]] : tensor<1x3x7x7xf32>, tensor<3x3x3xf32>)
func.func @depthwise(%x: tensor<1x3x5x5xf32>, %w: tensor<3x1x3x3xf32>) -> tensor<1x3x5x5xf32> {
  %0 = ds.conv %x, %w {group = 3 : i64, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<1x3x5x5xf32>, tensor<3x1x3x3xf32>) -> tensor<1x3x5x5xf32>
  return %0 : tensor<1x3x5x5xf32>
}

// -----

// Grouped convolutions other than depthwise, and auto_pad other than NOTSET,
// stay.
// CHECK-LABEL: func.func @unsupported_conv
// CHECK: ds.conv {{.*}}group = 2
// CHECK: ds.conv {{.*}}auto_pad = "SAME_UPPER"
func.func @unsupported_conv(%x: tensor<1x4x5x5xf32>, %w: tensor<6x2x3x3xf32>, %x2: tensor<1x4x?x5xf32>, %w2: tensor<6x4x3x3xf32>) -> (tensor<1x6x3x3xf32>, tensor<1x6x?x5xf32>) {
  %0 = ds.conv %x, %w {group = 2 : i64}
      : (tensor<1x4x5x5xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x3x3xf32>
  %1 = ds.conv %x2, %w2 {auto_pad = "SAME_UPPER"}
      : (tensor<1x4x?x5xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x?x5xf32>
  return %0, %1 : tensor<1x6x3x3xf32>, tensor<1x6x?x5xf32>
}

// -----

// Max pool: -inf padding and init, a window tensor of the kernel's shape.
// CHECK-LABEL: func.func @max_pool
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[PAD:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[NINF]]
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3x4x4xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%[[E]] : tensor<2x3x4x4xf32>)
// CHECK: %[[WIN:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK: linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
// CHECK-SAME: ins(%[[PAD]], %[[WIN]] : tensor<2x3x10x10xf32>, tensor<3x3xf32>) outs(%[[F]] : tensor<2x3x4x4xf32>)
func.func @max_pool(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32> {
  %0 = ds.max_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<2x3x8x8xf32>) -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}

// -----

// Max pool with unused indices lowers; used indices do not.
// CHECK-LABEL: func.func @max_pool_indices
// CHECK: linalg.pooling_nchw_max
// CHECK: ds.max_pool
func.func @max_pool_indices(%x: tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) {
  %0, %1 = ds.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  %2, %3 = ds.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, storage_order = 1 : i64}
      : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  return %0, %2, %3 : tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>
}

// -----

// Integer max pool: the smallest i8 as padding and init.
// CHECK-LABEL: func.func @max_pool_i8
// CHECK: %[[MIN:.*]] = arith.constant -128 : i8
// CHECK: linalg.fill ins(%[[MIN]] : i8)
// CHECK: linalg.pooling_nchw_max
func.func @max_pool_i8(%x: tensor<1x2x4x4xi8>) -> tensor<1x2x3x3xi8> {
  %0 = ds.max_pool %x {kernel_shape = array<i64: 2, 2>}
      : (tensor<1x2x4x4xi8>) -> tensor<1x2x3x3xi8>
  return %0 : tensor<1x2x3x3xi8>
}

// -----

// Average pool: a window sum over zero padding, divided by the window size
// (padding counted).
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @average_pool
// CHECK-DAG: %[[N:.*]] = arith.constant 9.000000e+00 : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[S:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
// CHECK-SAME: outs(%{{.*}} : tensor<1x2x4x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%[[S]] : tensor<1x2x4x4xf32>)
// CHECK: arith.divf %{{.*}}, %[[N]] : f32
func.func @average_pool(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %0 = ds.average_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true}
      : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

// Padding excluded from the divisor, and ceil_mode, stay.
// CHECK-LABEL: func.func @average_pool_unsupported
// CHECK: ds.average_pool
// CHECK: ds.average_pool
func.func @average_pool_unsupported(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x2x2xf32>) {
  %0 = ds.average_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %1 = ds.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, ceil_mode = true}
      : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  return %0, %1 : tensor<1x2x4x4xf32>, tensor<1x2x2x2xf32>
}

// -----

// Dynamic spatial sizes: the output size is computed from the padded input.
// CHECK-LABEL: func.func @average_pool_dynamic
// CHECK: %[[P:.*]] = tensor.pad
// CHECK: %[[D:.*]] = tensor.dim %[[P]], %{{.*}} : tensor<1x2x?x6xf32>
// CHECK: %[[SPAN:.*]] = arith.subi %[[D]], %{{.*}} : index
// CHECK: %[[STEPS:.*]] = arith.divui %[[SPAN]], %{{.*}} : index
// CHECK: %[[O:.*]] = arith.addi %[[STEPS]], %{{.*}} : index
// CHECK: tensor.empty(%[[O]]) : tensor<1x2x?x3xf32>
// CHECK: linalg.pooling_nchw_sum
func.func @average_pool_dynamic(%x: tensor<1x2x?x4xf32>) -> tensor<1x2x?x3xf32> {
  %0 = ds.average_pool %x {kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>, count_include_pad = true}
      : (tensor<1x2x?x4xf32>) -> tensor<1x2x?x3xf32>
  return %0 : tensor<1x2x?x3xf32>
}

// -----

// Global pools: a reduce over the spatial dimensions, expanded back.
// CHECK-LABEL: func.func @global_pools
// CHECK-DAG: %[[N:.*]] = arith.constant 2.000000e+01 : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: %[[R:.*]] = linalg.reduce ins(%arg0 : tensor<2x3x4x5xf32>) outs(%[[F]] : tensor<2x3xf32>) dimensions = [2, 3]
// CHECK: arith.maximumf
// CHECK: tensor.expand_shape %[[R]] {{\[}}[0], [1, 2, 3]] output_shape [2, 3, 1, 1] : tensor<2x3xf32> into tensor<2x3x1x1xf32>
// CHECK: %[[F2:.*]] = linalg.fill ins(%[[ZERO]] : f32)
// CHECK: %[[R2:.*]] = linalg.reduce ins(%arg0 : tensor<2x3x4x5xf32>) outs(%[[F2]] : tensor<2x3xf32>)
// CHECK: arith.addf
// CHECK: %[[M:.*]] = linalg.generic {{.*}} outs(%[[R2]] : tensor<2x3xf32>)
// CHECK: arith.divf %{{.*}}, %[[N]]
// CHECK: tensor.expand_shape %[[M]]
func.func @global_pools(%x: tensor<2x3x4x5xf32>) -> (tensor<2x3x1x1xf32>, tensor<2x3x1x1xf32>) {
  %0 = ds.global_max_pool %x : (tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32>
  %1 = ds.global_average_pool %x : (tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32>
  return %0, %1 : tensor<2x3x1x1xf32>, tensor<2x3x1x1xf32>
}

// -----

// A dynamic global average: the count is the product of the spatial dims.
// CHECK-LABEL: func.func @global_average_dynamic
// CHECK: %[[N:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x8x?xf32>
// CHECK: tensor.empty(%[[N]]) : tensor<?x8xf32>
// CHECK: linalg.reduce {{.*}} dimensions = [2]
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x8x?xf32>
// CHECK: %[[I:.*]] = arith.index_castui %[[D]] : index to i64
// CHECK: arith.uitofp
// CHECK: tensor.expand_shape {{.*}} {{\[}}[0], [1, 2]] output_shape [%{{.*}}, 8, 1] : tensor<?x8xf32> into tensor<?x8x1xf32>
func.func @global_average_dynamic(%x: tensor<?x8x?xf32>) -> tensor<?x8x1xf32> {
  %0 = ds.global_average_pool %x : (tensor<?x8x?xf32>) -> tensor<?x8x1xf32>
  return %0 : tensor<?x8x1xf32>
}
