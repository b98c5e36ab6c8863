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

// Grouped 2-D: input, filter and init split into [G, C / G] and [G, M / G]
// for the named grouped convolution, the result collapsed back.
// CHECK-LABEL: func.func @conv_grouped_2d
// CHECK: %[[X:.*]] = tensor.expand_shape %arg0 {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 2, 5, 5] : tensor<1x4x5x5xf32> into tensor<1x2x2x5x5xf32>
// CHECK: %[[W:.*]] = tensor.expand_shape %arg1 {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3] : tensor<6x2x3x3xf32> into tensor<2x3x2x3x3xf32>
// CHECK: %[[I:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 3, 3, 3] : tensor<1x6x3x3xf32> into tensor<1x2x3x3x3xf32>
// CHECK: %[[C:.*]] = linalg.conv_2d_ngchw_gfchw {{.*}} ins(%[[X]], %[[W]] : {{.*}}) outs(%[[I]] : tensor<1x2x3x3x3xf32>)
// CHECK: tensor.collapse_shape %[[C]] {{\[}}[0], [1, 2], [3], [4]] : tensor<1x2x3x3x3xf32> into tensor<1x6x3x3xf32>
func.func @conv_grouped_2d(%x: tensor<1x4x5x5xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<1x6x3x3xf32> {
  %0 = ds.conv %x, %w {group = 2 : i64}
      : (tensor<1x4x5x5xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x3x3xf32>
  return %0 : tensor<1x6x3x3xf32>
}

// -----

// 1-D and 3-D with one group: the named convolutions of those ranks.
// CHECK-LABEL: func.func @conv_1d_3d
// CHECK: linalg.conv_1d_ncw_fcw {dilations = dense<1> : vector<1xi64>, strides = dense<1> : vector<1xi64>}
// CHECK-SAME: ins(%arg0, %arg1 : tensor<2x3x9xf32>, tensor<4x3x3xf32>) outs(%{{.*}} : tensor<2x4x7xf32>)
// CHECK: linalg.conv_3d_ncdhw_fcdhw {dilations = dense<1> : vector<3xi64>, strides = dense<1> : vector<3xi64>}
// CHECK-SAME: ins(%arg2, %arg3 : tensor<1x2x4x5x6xf32>, tensor<3x2x2x2x2xf32>) outs(%{{.*}} : tensor<1x3x3x4x5xf32>)
func.func @conv_1d_3d(%x1: tensor<2x3x9xf32>, %w1: tensor<4x3x3xf32>, %x3: tensor<1x2x4x5x6xf32>, %w3: tensor<3x2x2x2x2xf32>) -> (tensor<2x4x7xf32>, tensor<1x3x3x4x5xf32>) {
  %0 = ds.conv %x1, %w1 : (tensor<2x3x9xf32>, tensor<4x3x3xf32>) -> tensor<2x4x7xf32>
  %1 = ds.conv %x3, %w3 : (tensor<1x2x4x5x6xf32>, tensor<3x2x2x2x2xf32>) -> tensor<1x3x3x4x5xf32>
  return %0, %1 : tensor<2x4x7xf32>, tensor<1x3x3x4x5xf32>
}

// -----

// Grouped 3-D (no named op): a linalg.generic over (n, g, f, o1, o2, o3, c,
// k1, k2, k3) with the strides in the input map; dynamic batch sizes carry
// through the expand_shapes.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9) -> (d0, d1, d6, d3 * 2 + d7, d4 + d8, d5 + d9)>
// CHECK-DAG: #[[FIL:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9) -> (d1, d2, d6, d7, d8, d9)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9) -> (d0, d1, d2, d3, d4, d5)>
// CHECK-LABEL: func.func @conv_grouped_3d
// CHECK: tensor.empty(%{{.*}}) : tensor<?x6x2x3x3xf32>
// CHECK: %[[N:.*]] = tensor.dim %arg0
// CHECK: tensor.expand_shape %arg0 {{\[}}[0], [1, 2], [3], [4], [5]] output_shape [%[[N]], 2, 2, 5, 5, 5]
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[FIL]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "reduction"]}
// CHECK: %[[M:.*]] = arith.mulf
// CHECK: arith.addf %{{.*}}, %[[M]] : f32
// CHECK: tensor.collapse_shape {{.*}} : tensor<?x2x3x2x3x3xf32> into tensor<?x6x2x3x3xf32>
func.func @conv_grouped_3d(%x: tensor<?x4x5x5x5xf32>, %w: tensor<6x2x3x3x3xf32>) -> tensor<?x6x2x3x3xf32> {
  %0 = ds.conv %x, %w {group = 2 : i64, strides = array<i64: 2, 1, 1>}
      : (tensor<?x4x5x5x5xf32>, tensor<6x2x3x3x3xf32>) -> tensor<?x6x2x3x3xf32>
  return %0 : tensor<?x6x2x3x3xf32>
}

// -----

// auto_pad SAME over a dynamic size: the padding ceil(D / 2) needs is
// computed at run time and split with the odd element at the end; static
// sizes give static pads.
// CHECK-DAG: #[[TOTAL:.*]] = affine_map<()[s0] -> ((s0 ceildiv 2 - 1) * 2 - s0 + 3, 0)>
// CHECK-DAG: #[[HALF:.*]] = affine_map<()[s0] -> (s0 floordiv 2)>
// CHECK-DAG: #[[REST:.*]] = affine_map<()[s0] -> (s0 - s0 floordiv 2)>
// CHECK-LABEL: func.func @conv_same_dynamic
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<1x3x?x8xf32>
// CHECK: %[[T:.*]] = affine.max #[[TOTAL]]()[%[[D]]]
// CHECK: %[[LO:.*]] = affine.apply #[[HALF]]()[%[[T]]]
// CHECK: %[[HI:.*]] = affine.apply #[[REST]]()[%[[T]]]
// CHECK: tensor.pad %arg0 low[0, 0, %[[LO]], 0] high[0, 0, %[[HI]], 1]
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
func.func @conv_same_dynamic(%x: tensor<1x3x?x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x?x4xf32> {
  %0 = ds.conv %x, %w {auto_pad = "SAME_UPPER", strides = array<i64: 2, 2>}
      : (tensor<1x3x?x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x?x4xf32>
  return %0 : tensor<1x4x?x4xf32>
}

// -----

// ConvTranspose: the input inserted with the strides into a zero tensor
// padded by extent - 1 - pad (+ output_padding at the end), convolved with
// stride 1 by the kernel flipped in space with its channels swapped.
// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> ((d0 floordiv 3) * 2 + d1, d0 mod 3, -d2 + 2, -d3 + 1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_transpose
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x9x8xf32>)
// CHECK: %[[S:.*]] = tensor.insert_slice %arg0 into %[[Z]][0, 0, 1, 1] [1, 2, 3, 3] [1, 1, 2, 2] : tensor<1x2x3x3xf32> into tensor<1x2x9x8xf32>
// CHECK: %[[W:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%arg1 : tensor<2x3x3x2xf32>) outs(%{{.*}} : tensor<3x2x3x2xf32>)
// CHECK: %[[C:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
// CHECK-SAME: ins(%[[S]], %[[W]] : tensor<1x2x9x8xf32>, tensor<3x2x3x2xf32>) outs(%{{.*}} : tensor<1x3x7x7xf32>)
// CHECK: linalg.generic {{.*}} ins(%arg2 : tensor<3xf32>) outs(%[[C]] : tensor<1x3x7x7xf32>)
func.func @conv_transpose(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x3x2xf32>, %b: tensor<3xf32>) -> tensor<1x3x7x7xf32> {
  %0 = ds.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 0, 0>, output_padding = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x3x3x2xf32>, tensor<3xf32>) -> tensor<1x3x7x7xf32>
  return %0 : tensor<1x3x7x7xf32>
}

// -----

// Pads beyond the dilated kernel crop the input (with stride 1 there is
// nothing to spread); two groups of two input channels in 1-D take the
// generic grouped form.
// CHECK-LABEL: func.func @conv_transpose_crop
// CHECK: %[[X:.*]] = tensor.extract_slice %arg0[0, 0, 1] [1, 4, 3] [1, 1, 1] : tensor<1x4x5xf32> to tensor<1x4x3xf32>
// CHECK: tensor.expand_shape %[[X]] {{\[}}[0], [1, 2], [3]] output_shape [1, 2, 2, 3]
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
func.func @conv_transpose_crop(%x: tensor<1x4x5xf32>, %w: tensor<4x1x2xf32>) -> tensor<1x2x2xf32> {
  %0 = ds.conv_transpose %x, %w {group = 2 : i64, pads = array<i64: 2, 2>}
      : (tensor<1x4x5xf32>, tensor<4x1x2xf32>) -> tensor<1x2x2xf32>
  return %0 : tensor<1x2x2xf32>
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

// Max pool with indices: one generic with two outputs keeps the first
// maximum of each window (padding skipped) and its flat index, here
// column-major (storage_order 1): (n * C + c) * H * W + w * H + h.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)>
// CHECK-DAG: #[[WIN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @max_pool_indices
// CHECK-DAG: %[[NONE:.*]] = arith.constant -1 : i64
// CHECK-DAG: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[PAD:.*]] = tensor.pad %arg0 low[0, 0, 1, 0] high[0, 0, 0, 0]
// CHECK: %[[V:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.*}} : tensor<1x1x2x2xf32>)
// CHECK: %[[I:.*]] = linalg.fill ins(%[[NONE]] : i64) outs(%{{.*}} : tensor<1x1x2x2xi64>)
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[WIN]], #[[OUT]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[PAD]], %{{.*}} : tensor<1x1x5x4xf32>, tensor<2x2xf32>) outs(%[[V]], %[[I]] : tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32, %[[CUR:.*]]: f32, %[[CURI:.*]]: i64):
// CHECK: linalg.index 2
// CHECK: linalg.index 4
// CHECK: arith.cmpi sge
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[X]], %[[CUR]] : f32
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %[[CURI]], %{{.*}} : i64
// CHECK: %[[EITHER:.*]] = arith.ori %[[FIRST]], %[[GT]] : i1
// CHECK: %[[TAKE:.*]] = arith.andi %{{.*}}, %[[EITHER]] : i1
// CHECK: %[[IDX:.*]] = arith.index_cast %{{.*}} : index to i64
// CHECK: %[[NV:.*]] = arith.select %[[TAKE]], %[[X]], %[[CUR]] : f32
// CHECK: %[[NI:.*]] = arith.select %[[TAKE]], %[[IDX]], %[[CURI]] : i64
// CHECK: linalg.yield %[[NV]], %[[NI]] : f32, i64
func.func @max_pool_indices(%x: tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) {
  %0, %1 = ds.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, storage_order = 1 : i64, pads = array<i64: 1, 0, 0, 0>}
      : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  return %0, %1 : tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>
}

// -----

// Max pool with unused indices: the named op.
// CHECK-LABEL: func.func @max_pool_unused_indices
// CHECK: linalg.pooling_nchw_max
// CHECK-NOT: linalg.generic
func.func @max_pool_unused_indices(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  %0, %1 = ds.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  return %0 : tensor<1x1x2x2xf32>
}

// -----

// 3-D unsigned max pool: the input reinterpreted as signless, a pooling
// generic with arith.maxui over a zero init, the result reinterpreted back.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2 + d5, d3 + d6, d4 + d7)>
// CHECK-DAG: #[[WIN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d5, d6, d7)>
// CHECK-LABEL: func.func @max_pool_u8_3d
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK: %[[S:.*]] = linalg.generic {{.*}} ins(%arg0 : tensor<1x2x4x4x4xui8>) outs(%{{.*}} : tensor<1x2x4x4x4xi8>)
// CHECK: builtin.unrealized_conversion_cast %{{.*}} : ui8 to i8
// CHECK: %[[F:.*]] = linalg.fill ins(%[[ZERO]] : i8)
// CHECK: %[[M:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[WIN]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[S]], %{{.*}} : tensor<1x2x4x4x4xi8>, tensor<2x2x2xi8>) outs(%[[F]] : tensor<1x2x3x3x3xi8>)
// CHECK: arith.maxui
// CHECK: linalg.generic {{.*}} ins(%[[M]] : tensor<1x2x3x3x3xi8>) outs(%{{.*}} : tensor<1x2x3x3x3xui8>)
// CHECK: builtin.unrealized_conversion_cast %{{.*}} : i8 to ui8
func.func @max_pool_u8_3d(%x: tensor<1x2x4x4x4xui8>) -> tensor<1x2x3x3x3xui8> {
  %0 = ds.max_pool %x {kernel_shape = array<i64: 2, 2, 2>}
      : (tensor<1x2x4x4x4xui8>) -> tensor<1x2x3x3x3xui8>
  return %0 : tensor<1x2x3x3x3xui8>
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

// Padding excluded from the divisor, with ceil_mode: the end is padded
// further for the last window, and the divisor at each position is the
// number of taps inside the input, computed per dimension from the output
// index (first and last tap by ceil and floor division).
// CHECK-LABEL: func.func @average_pool_exclude_ceil
// CHECK: tensor.pad %arg0 low[0, 0, 1, 0] high[0, 0, 1, 1]
// CHECK: %[[S:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
// CHECK-SAME: outs(%{{.*}} : tensor<1x2x3x2xf32>)
// CHECK: linalg.generic {{.*}} outs(%[[S]] : tensor<1x2x3x2xf32>)
// CHECK: linalg.index 2
// CHECK: arith.ceildivsi
// CHECK: arith.floordivsi
// CHECK: linalg.index 3
// CHECK: %[[C64:.*]] = arith.index_cast %{{.*}} : index to i64
// CHECK: %[[CF:.*]] = arith.sitofp %[[C64]] : i64 to f32
// CHECK: arith.divf %{{.*}}, %[[CF]] : f32
func.func @average_pool_exclude_ceil(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x2xf32> {
  %0 = ds.average_pool %x {kernel_shape = array<i64: 2, 3>, pads = array<i64: 1, 0, 0, 0>, strides = array<i64: 2, 2>, ceil_mode = true}
      : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x2xf32>
  return %0 : tensor<1x2x3x2xf32>
}

// -----

// Dynamic spatial sizes: the output size (P - 2) / 2 + 1 is computed from
// the padded input.
// CHECK-DAG: #[[SIZE:.*]] = affine_map<()[s0] -> (s0 floordiv 2)>
// CHECK-LABEL: func.func @average_pool_dynamic
// CHECK: %[[P:.*]] = tensor.pad
// CHECK: %[[D:.*]] = tensor.dim %[[P]], %{{.*}} : tensor<1x2x?x6xf32>
// CHECK: %[[O:.*]] = affine.apply #[[SIZE]]()[%[[D]]]
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
// CHECK: %[[I:.*]] = arith.index_cast %[[D]] : index to i64
// CHECK: arith.uitofp %[[I]] : i64 to f32
// CHECK: tensor.expand_shape {{.*}} {{\[}}[0], [1, 2]] output_shape [%{{.*}}, 8, 1] : tensor<?x8xf32> into tensor<?x8x1xf32>
func.func @global_average_dynamic(%x: tensor<?x8x?xf32>) -> tensor<?x8x1xf32> {
  %0 = ds.global_average_pool %x : (tensor<?x8x?xf32>) -> tensor<?x8x1xf32>
  return %0 : tensor<?x8x1xf32>
}

// -----

// Lp pools: |x|^p elementwise into a new tensor (products for small p), a
// sum pool, the p-th root in place (powf by 1/p; sqrt for p = 2, where
// x * x needs no abs).
// CHECK-LABEL: func.func @lp_pools
// CHECK-DAG: %[[THIRD:.*]] = arith.constant 0.333333343 : f32
// CHECK: %[[P:.*]] = linalg.generic {{.*}} ins(%arg0 : tensor<2x3x8xf32>) outs(%{{.*}} : tensor<2x3x8xf32>)
// CHECK: %[[A:.*]] = math.absf
// CHECK: %[[A2:.*]] = arith.mulf %[[A]], %[[A]]
// CHECK: arith.mulf %[[A2]], %[[A]]
// CHECK: %[[S:.*]] = linalg.pooling_ncw_sum {{.*}} ins(%[[P]], %{{.*}} : tensor<2x3x8xf32>, tensor<3xf32>)
// CHECK: linalg.generic {{.*}} outs(%[[S]] : tensor<2x3x6xf32>)
// CHECK: math.powf %{{.*}}, %[[THIRD]] : f32
// CHECK: %[[R:.*]] = linalg.reduce ins(%arg1 : tensor<2x3x4x5xf32>) outs(%{{.*}} : tensor<2x3xf32>) dimensions = [2, 3]
// CHECK: %[[SQ:.*]] = arith.mulf %[[IN:.*]], %[[IN]] : f32
// CHECK: arith.addf %[[SQ]], %{{.*}} : f32
// CHECK: %[[ROOT:.*]] = linalg.generic {{.*}} outs(%[[R]] : tensor<2x3xf32>)
// CHECK: math.sqrt
// CHECK: tensor.expand_shape %[[ROOT]] {{\[}}[0], [1, 2, 3]] output_shape [2, 3, 1, 1]
func.func @lp_pools(%x: tensor<2x3x8xf32>, %y: tensor<2x3x4x5xf32>) -> (tensor<2x3x6xf32>, tensor<2x3x1x1xf32>) {
  %0 = ds.lp_pool %x {kernel_shape = array<i64: 3>, p = 3 : i64} : (tensor<2x3x8xf32>) -> tensor<2x3x6xf32>
  %1 = ds.global_lp_pool %y : (tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32>
  return %0, %1 : tensor<2x3x6xf32>, tensor<2x3x1x1xf32>
}
