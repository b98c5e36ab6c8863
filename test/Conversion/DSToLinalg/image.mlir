// RUN: ds-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(convert-ds-to-linalg))' | FileCheck %s

// ConvInteger: the operands centered and widened to i32 (the unsigned input
// through a signless reinterpretation; the weight zero point per output
// channel), zero padding, the named convolution in i32.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0, d1, d2, d3) -> ()>
// CHECK-DAG: #[[CHANNEL:.*]] = affine_map<(d0, d1, d2, d3) -> (d0)>
// CHECK-LABEL: func.func @conv_integer
// CHECK: %[[X:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[SCALAR]], #[[ID]]], {{.*}}} ins(%arg0, %arg2 : tensor<1x3x5x5xui8>, tensor<ui8>) outs(%{{.*}} : tensor<1x3x5x5xi32>)
// CHECK: %[[XS:.*]] = builtin.unrealized_conversion_cast %{{.*}} : ui8 to i8
// CHECK: %[[XW:.*]] = arith.extui %[[XS]] : i8 to i32
// CHECK: %[[ZS:.*]] = builtin.unrealized_conversion_cast %{{.*}} : ui8 to i8
// CHECK: %[[ZW:.*]] = arith.extui %[[ZS]] : i8 to i32
// CHECK: arith.subi %[[XW]], %[[ZW]] : i32
// CHECK: %[[W:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[CHANNEL]], #[[ID]]], {{.*}}} ins(%arg1, %arg3 : tensor<4x3x3x3xi8>, tensor<4xi8>) outs(%{{.*}} : tensor<4x3x3x3xi32>)
// CHECK: arith.extsi
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: linalg.conv_2d_nchw_fchw {{.*}} ins(%[[P]], %[[W]] : tensor<1x3x7x7xi32>, tensor<4x3x3x3xi32>) outs(%{{.*}} : tensor<1x4x5x5xi32>)
func.func @conv_integer(%x: tensor<1x3x5x5xui8>, %w: tensor<4x3x3x3xi8>, %xz: tensor<ui8>, %wz: tensor<4xi8>) -> tensor<1x4x5x5xi32> {
  %0 = ds.conv_integer %x, %w x_zero_point %xz w_zero_point %wz {pads = array<i64: 1, 1, 1, 1>}
      : (tensor<1x3x5x5xui8>, tensor<4x3x3x3xi8>, tensor<ui8>, tensor<4xi8>) -> tensor<1x4x5x5xi32>
  return %0 : tensor<1x4x5x5xi32>
}

// -----

// Col2Im as a gather: a generic over the image (parallel) and the block taps
// (reduction) reads the column entry of the block covering each pixel.
// CHECK-DAG: #[[TAPS:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[IMAGE:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @col2im
// CHECK: %[[N:.*]] = tensor.dim %arg0
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x3x5x5xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[TAPS]], #[[IMAGE]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%{{.*}} : tensor<2x2xf32>) outs(%[[F]] : tensor<?x3x5x5xf32>)
// CHECK: arith.remsi
// CHECK: %[[V:.*]] = tensor.extract %arg0[%{{.*}}, %{{.*}}, %{{.*}}] : tensor<?x12x16xf32>
// CHECK: %[[S:.*]] = arith.select %{{.*}}, %[[V]], %{{.*}} : f32
// CHECK: arith.addf %{{.*}}, %[[S]] : f32
func.func @col2im(%x: tensor<?x12x16xf32>) -> tensor<?x3x5x5xf32> {
  %0 = ds.col2_im %x {block_shape = array<i64: 2, 2>, image_shape = array<i64: 5, 5>} : (tensor<?x12x16xf32>) -> tensor<?x3x5x5xf32>
  return %0 : tensor<?x3x5x5xf32>
}

// -----

// MaxUnpool: an scf.for over the flattened input inserting each value at
// the position of its flat index (when inside the output).
// CHECK-LABEL: func.func @max_unpool
// CHECK: %[[D:.*]] = tensor.dim %arg0
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x3x?x8xf32>)
// CHECK: %[[X:.*]] = tensor.collapse_shape %arg0 {{\[}}[0, 1, 2, 3]] : tensor<1x3x?x4xf32> into tensor<?xf32>
// CHECK: %[[I:.*]] = tensor.collapse_shape %arg1 {{\[}}[0, 1, 2, 3]] : tensor<1x3x?x4xi64> into tensor<?xi64>
// CHECK: scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[OUT:.*]] = %[[F]]) -> (tensor<1x3x?x8xf32>)
// CHECK: %[[V:.*]] = tensor.extract %[[X]][%[[K]]]
// CHECK: tensor.extract %[[I]][%[[K]]]
// CHECK: scf.if %{{.*}} -> (tensor<1x3x?x8xf32>)
// CHECK: arith.remui
// CHECK: arith.divui
// CHECK: tensor.insert %[[V]] into %[[OUT]]
// CHECK: } else {
// CHECK: scf.yield %[[OUT]]
func.func @max_unpool(%x: tensor<1x3x?x4xf32>, %i: tensor<1x3x?x4xi64>) -> tensor<1x3x?x8xf32> {
  %0 = ds.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : (tensor<1x3x?x4xf32>, tensor<1x3x?x4xi64>) -> tensor<1x3x?x8xf32>
  return %0 : tensor<1x3x?x8xf32>
}

// -----

// AffineGrid: the output sizes from the size operand; each element is
// theta's row times the homogeneous base position, in f64.
// CHECK-LABEL: func.func @affine_grid
// CHECK: %[[H:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<4xi64>
// CHECK: %[[W:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<4xi64>
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<2x?x?x2xf32>
// CHECK: linalg.generic {{.*}} outs(%[[E]] : tensor<2x?x?x2xf32>)
// CHECK: %[[T0:.*]] = tensor.extract %arg0[%{{.*}}, %{{.*}}, %{{.*}}] : tensor<2x2x3xf32>
// CHECK: arith.extf %[[T0]] : f32 to f64
// CHECK: arith.mulf {{.*}} : f64
// CHECK: arith.addf {{.*}} : f64
// CHECK: arith.truncf %{{.*}} : f64 to f32
func.func @affine_grid(%theta: tensor<2x2x3xf32>, %size: tensor<4xi64>) -> tensor<2x?x?x2xf32> {
  %0 = ds.affine_grid %theta, %size {align_corners = true} : (tensor<2x2x3xf32>, tensor<4xi64>) -> tensor<2x?x?x2xf32>
  return %0 : tensor<2x?x?x2xf32>
}

// -----

// GridSample (bilinear, zeros): the grid coordinates innermost first, four
// taps read with tensor.extract.
// CHECK-LABEL: func.func @grid_sample
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<?x3x4x4xf32>)
// CHECK: tensor.extract %arg1[%{{.*}}, %{{.*}}, %{{.*}}, %c1] : tensor<?x4x4x2xf32>
// CHECK: tensor.extract %arg1[%{{.*}}, %{{.*}}, %{{.*}}, %c0] : tensor<?x4x4x2xf32>
// CHECK: math.floor
// CHECK: math.floor
// CHECK-COUNT-4: tensor.extract %arg0
func.func @grid_sample(%x: tensor<?x3x8x8xf32>, %grid: tensor<?x4x4x2xf32>) -> tensor<?x3x4x4xf32> {
  %0 = ds.grid_sample %x, %grid : (tensor<?x3x8x8xf32>, tensor<?x4x4x2xf32>) -> tensor<?x3x4x4xf32>
  return %0 : tensor<?x3x4x4xf32>
}

// -----

// RoiAlign: per output element, two scf.for loops over the sampling grid,
// whose size (ceil(roi size / bins)) is known only at run time.
// CHECK-LABEL: func.func @roi_align
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<?x4x2x2xf32>)
// CHECK: tensor.extract %arg2
// CHECK: math.ceil
// CHECK: math.ceil
// CHECK: scf.for {{.*}} -> (f32, i1)
// CHECK: scf.for {{.*}} -> (f32, i1)
// CHECK-COUNT-4: tensor.extract %arg0
// CHECK: arith.divf
func.func @roi_align(%x: tensor<1x4x8x8xf32>, %rois: tensor<?x4xf32>, %b: tensor<?xi64>) -> tensor<?x4x2x2xf32> {
  %0 = ds.roi_align %x, %rois, %b {output_height = 2 : i64, output_width = 2 : i64}
      : (tensor<1x4x8x8xf32>, tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x4x2x2xf32>
  return %0 : tensor<?x4x2x2xf32>
}

// -----

// MaxRoiPool: rounded region corners, the bin bounds by floor and ceil,
// the maximum over the bin in two scf.for loops.
// CHECK-LABEL: func.func @max_roi_pool
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<?x4x2x3xf32>)
// CHECK-COUNT-4: math.round
// CHECK: math.floor
// CHECK: math.ceil
// CHECK: scf.for
// CHECK: scf.for
// CHECK: tensor.extract %arg0
// CHECK: arith.maximumf
// CHECK: arith.select
func.func @max_roi_pool(%x: tensor<1x4x8x8xf32>, %rois: tensor<?x5xf32>) -> tensor<?x4x2x3xf32> {
  %0 = ds.max_roi_pool %x, %rois {pooled_shape = array<i64: 2, 3>} : (tensor<1x4x8x8xf32>, tensor<?x5xf32>) -> tensor<?x4x2x3xf32>
  return %0 : tensor<?x4x2x3xf32>
}

// -----

// DeformConv: the sampled input [N, C, kh, kw, oh, ow] (offsets read per
// tap, four bilinear taps), then a grouped contraction over (c, kh, kw).
// CHECK-DAG: #[[S:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d5, d6, d7, d3, d4)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2, d5, d6, d7)>
// CHECK-DAG: #[[O:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @deform_conv
// CHECK: %[[SAMPLED:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x4x2x2x4x4xf32>)
// CHECK-COUNT-2: tensor.extract %arg2
// CHECK-COUNT-4: tensor.extract %arg0
// CHECK: %[[GS:.*]] = tensor.expand_shape %[[SAMPLED]] {{\[}}[0], [1, 2], [3], [4], [5], [6]] output_shape [1, 2, 2, 2, 2, 4, 4]
// CHECK: %[[GW:.*]] = tensor.expand_shape %arg1 {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 1, 2, 2, 2]
// CHECK: linalg.generic {indexing_maps = [#[[S]], #[[W]], #[[O]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[GS]], %[[GW]] : {{.*}})
// CHECK: tensor.collapse_shape {{.*}} : tensor<1x2x1x4x4xf32> into tensor<1x2x4x4xf32>
func.func @deform_conv(%x: tensor<1x4x5x5xf32>, %w: tensor<2x2x2x2xf32>, %o: tensor<1x8x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %0 = ds.deform_conv %x, %w, %o {group = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<2x2x2x2xf32>, tensor<1x8x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}
