//===- ImageOps.td - Image ds ops ---------------------------*- tablegen -*-===//
//
// Part of ds. Spatial sampling (GridSample, AffineGrid), region-of-interest
// pooling (RoiAlign, MaxRoiPool), the inverses of pooling and of im2col
// (MaxUnpool, Col2Im), deformable convolution and the integer convolution.
// Image tensors are NCHW-like: [N, C, D1, ..., Dn] with n spatial
// dimensions.
//
//===----------------------------------------------------------------------===//

#ifndef DS_IMAGE_OPS_TD
#define DS_IMAGE_OPS_TD

include "dialects/ds/DSBase.td"

/// The 8-bit integers of the quantized ops.
def DS_QuantizedConvTensor : TensorOf<[I8, UI8]>;

//===----------------------------------------------------------------------===//
// Sampling
//===----------------------------------------------------------------------===//

def DS_GridSampleOp : DS_ComputeOp<"grid_sample", [Pure, DS_InferTypes,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Samples an image at the positions of a flow field";
  let description = [{
    Interpolates `input` X ([N, C, D1, ..., Dr], r >= 1) at the normalized
    positions of `grid` ([N, O1, ..., Or, r]), giving [N, C, O1, ..., Or].
    The r coordinates of a position are listed innermost dimension first
    (x, y, ...), each in [-1, 1] from one edge of X to the other.

    Attributes, with their defaults (ONNX opset 20 names):

    * `mode`: `linear` (default; bilinear, trilinear, ... by the rank),
      `nearest` (halfway points round to the even index) or `cubic`;
    * `padding_mode`: `zeros` (default), `border` (the nearest edge value) or
      `reflection` (positions are reflected at the edges until inside);
    * `align_corners` (false): whether -1 and 1 are the centers of the corner
      pixels (true) or their outer edges (false).

    Canonical form: opset 20's mode names; the importer renames opset 16's
    `bilinear` and `bicubic` to `linear` and `cubic`.

    Example:

    ```mlir
    %y = ds.grid_sample %x, %grid {align_corners = true, mode = "nearest"}
        : (tensor<?x3x32x32xf32>, tensor<?x8x8x2xf32>) -> tensor<?x3x8x8xf32>
    ```
  }];
  let arguments = !con((ins DS_Tensor:$input, DS_FloatTensor:$grid,
                       DefaultValuedAttr<StrAttr, "\"linear\"">:$mode,
                       DefaultValuedAttr<StrAttr, "\"zeros\"">:$padding_mode,
                       DefaultValuedAttr<BoolAttr, "false">:$align_corners),
                       DS_PrecisionArg);
  let results = (outs DS_Tensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
}

def DS_AffineGridOp : DS_ComputeOp<"affine_grid", [Pure, DS_InferTypes,
    AllElementTypesMatch<["theta", "grid"]>]> {
  let summary = "The flow field of a batch of affine transforms";
  let description = [{
    Generates the sampling grid of `ds.grid_sample` for a batch of affine
    matrices `theta` ([N, 2, 3] in 2-D, [N, 3, 4] in 3-D) over an output
    image of `size` (an i64 tensor [N, C, H, W] or [N, C, D, H, W]): the
    positions evenly spaced in [-1, 1] along each spatial dimension, in
    homogeneous coordinates, multiplied by theta. The grid is [N, H, W, 2]
    or [N, D, H, W, 3], coordinates listed innermost dimension first.
    `align_corners` (default false) says whether -1 and 1 are the centers of
    the corner pixels or their outer edges.

    `size` stays an operand (the canonical form is ONNX's): the spatial
    sizes of the result are known when it is a constant and `?` otherwise.
    Its N must equal theta's.

    Example:

    ```mlir
    %size = ds.constant dense<[2, 3, 16, 24]> : tensor<4xi64>
    %grid = ds.affine_grid %theta, %size {align_corners = true}
        : (tensor<2x2x3xf32>, tensor<4xi64>) -> tensor<2x16x24x2xf32>
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$theta, DS_I64Tensor:$size,
                       DefaultValuedAttr<BoolAttr, "false">:$align_corners),
                       DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$grid);
  let assemblyFormat = DS_FunctionalFormat;
}

//===----------------------------------------------------------------------===//
// Region-of-interest pooling
//===----------------------------------------------------------------------===//

def DS_RoiAlignOp : DS_ComputeOp<"roi_align", [Pure, DS_InferTypes,
    AllElementTypesMatch<["input", "rois", "output"]>]> {
  let summary = "Pools regions of interest by bilinear sampling (Mask R-CNN)";
  let description = [{
    For each of the `rois` ([R, 4], [x1, y1, x2, y2] in the coordinates of
    the image, scaled by `spatial_scale` to those of `input` X [N, C, H, W])
    and the image `batch_indices[r]` (i64 [R]) of X it lies in, divides the
    region into `output_height` x `output_width` bins and pools each bin
    over a grid of bilinearly interpolated samples, giving
    [R, C, output_height, output_width].

    Attributes, with their defaults:

    * `mode`: `avg` (default) or `max`;
    * `output_height`, `output_width` (1): positive;
    * `sampling_ratio` (0): the samples per bin along each axis, or with 0
      `ceil(roi_size / output_size)`;
    * `spatial_scale` (1.0);
    * `coordinate_transformation_mode`: `half_pixel` (default; the scaled
      coordinates are shifted by -0.5) or `output_half_pixel` (no shift).

    Canonical form: opset 16's. Opset 10 had no
    `coordinate_transformation_mode` and behaved as `output_half_pixel`,
    which the importer sets on its nodes.

    Example:

    ```mlir
    %y = ds.roi_align %x, %rois, %batch {output_height = 7 : i64,
                                         output_width = 7 : i64,
                                         sampling_ratio = 2 : i64,
                                         spatial_scale = 6.250000e-02 : f32}
        : (tensor<1x256x50x50xf32>, tensor<?x4xf32>, tensor<?xi64>)
        -> tensor<?x256x7x7xf32>
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$input, DS_FloatTensor:$rois,
      DS_I64Tensor:$batch_indices,
      DefaultValuedAttr<StrAttr, "\"avg\"">:$mode,
      DefaultValuedAttr<I64Attr, "1">:$output_height,
      DefaultValuedAttr<I64Attr, "1">:$output_width,
      DefaultValuedAttr<I64Attr, "0">:$sampling_ratio,
      DefaultValuedAttr<F32Attr, "1.0">:$spatial_scale,
      DefaultValuedAttr<StrAttr, "\"half_pixel\"">:
          $coordinate_transformation_mode),
      DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
}

def DS_MaxRoiPoolOp : DS_ComputeOp<"max_roi_pool", [Pure, DS_InferTypes,
    AllElementTypesMatch<["input", "rois", "output"]>]> {
  let summary = "Max-pools regions of interest (Fast R-CNN)";
  let description = [{
    For each of the `rois` ([R, 5], [batch_index, x1, y1, x2, y2] in the
    coordinates of the image, scaled by `spatial_scale` (default 1.0) and
    rounded to those of `input` X [N, C, H, W]), divides the region into
    `pooled_shape` = [PH, PW] (positive) bins and takes the maximum of each,
    giving [R, C, PH, PW].

    Example:

    ```mlir
    %y = ds.max_roi_pool %x, %rois {pooled_shape = array<i64: 6, 6>,
                                    spatial_scale = 6.250000e-02 : f32}
        : (tensor<1x256x38x50xf32>, tensor<?x5xf32>) -> tensor<?x256x6x6xf32>
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$input, DS_FloatTensor:$rois,
                       DenseI64ArrayAttr:$pooled_shape,
                       DefaultValuedAttr<F32Attr, "1.0">:$spatial_scale),
                       DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
}

//===----------------------------------------------------------------------===//
// Unpooling and col2im
//===----------------------------------------------------------------------===//

def DS_MaxUnpoolOp : DS_Op<"max_unpool", [Pure, DS_InferTypes,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Partial inverse of a max pool";
  let description = [{
    Scatters `input` X ([N, C, D1, ..., Dn]) to the flat positions `indices`
    (i64, X's shape; row-major indices into the output, as the second result
    of `ds.max_pool` gives them) of a zero tensor [N, C, O1, ..., On] with

        O = (D - 1) * stride + kernel - pad_begin - pad_end

    `kernel_shape` has n positive values, `strides` (default 1) n positive
    values, `pads` (default 0) 2n non-negative values [begin..., end...].

    The optional `output_shape` (i64 [n + 2]) sets the output shape instead;
    the unpooled values then fill its leading corner, so each of its spatial
    sizes is at least O. The result shape is known when `output_shape` is a
    constant.

    Canonicalization drops a constant `output_shape` equal to the shape
    without it.

    Example:

    ```mlir
    %y = ds.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>,
                               strides = array<i64: 2, 2>}
        : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>) -> tensor<1x3x8x8xf32>
    ```
  }];
  let arguments = (ins DS_FloatTensor:$input, DS_I64Tensor:$indices,
                       Optional<DS_I64Tensor>:$output_shape,
                       DenseI64ArrayAttr:$kernel_shape,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$pads);
  let results = (outs DS_FloatTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasCanonicalizer = 1;
}

def DS_Col2ImOp : DS_Op<"col2_im", [Pure, DS_InferTypes,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Sums column blocks back into an image";
  let description = [{
    The inverse of im2col (PyTorch's fold): `input` [N, C * prod(B), L]
    holds L blocks of shape B = `block_shape` (before dilation) of an image
    [N, C, I1, ..., In] with I = `image_shape`; the blocks are summed into
    the positions they came from, giving [N, C, I1, ..., In]. The blocks
    are enumerated in row-major order of their positions; L is the product
    over the spatial dimensions of

        (I + pad_begin + pad_end - (dilation * (B - 1) + 1)) / stride + 1

    `image_shape` and `block_shape` have n >= 1 positive values, `strides`
    and `dilations` (default 1) n positive values, `pads` (default 0) 2n
    non-negative values [begin..., end...].

    Canonical form: ONNX takes `image_shape` and `block_shape` as inputs;
    ds requires them constant and holds them as attributes, so that the
    result shape is static.

    Example:

    ```mlir
    %y = ds.col2_im %x {block_shape = array<i64: 2, 2>,
                        image_shape = array<i64: 5, 5>}
        : (tensor<1x12x16xf32>) -> tensor<1x3x5x5xf32>
    ```
  }];
  let arguments = (ins DS_Tensor:$input, DenseI64ArrayAttr:$image_shape,
                       DenseI64ArrayAttr:$block_shape,
                       OptionalAttr<DenseI64ArrayAttr>:$dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       OptionalAttr<DenseI64ArrayAttr>:$strides);
  let results = (outs DS_Tensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
}

//===----------------------------------------------------------------------===//
// Deformable and integer convolutions
//===----------------------------------------------------------------------===//

def DS_DeformConvOp : DS_ComputeOp<"deform_conv", [Pure, DS_InferTypes,
    AttrSizedOperandSegments, SameOperandsAndResultElementType]> {
  let summary = "Deformable convolution";
  let description = [{
    A convolution of `input` X ([N, C, D1, ..., Dn], n >= 1) with `weight`
    W ([M, C / group, k1, ..., kn]) whose kernel taps are moved, at each
    output position, by the learned `offset`
    ([N, offset_group * k1 * ... * kn * n, O1, ..., On]) and, with the
    optional `mask` ([N, offset_group * k1 * ... * kn, O1, ..., On]),
    scaled; fractional positions are interpolated bilinearly and positions
    outside the padded input read zero. The optional `bias` ([M]) is added.
    The result is [N, M, O1, ..., On].

    `kernel_shape` (W's spatial sizes when given), `strides`, `pads`,
    `dilations` and `group` are as for `ds.conv`; the input channels are
    also split into `offset_group` (default 1) groups, each with its own
    offsets. C must be divisible by both groups and M by `group`. The output
    size of spatial dimension i is

        O = floor((D + pad_begin + pad_end - dilation * (k - 1) - 1) / stride) + 1

    Example:

    ```mlir
    %y = ds.deform_conv %x, %w, %offset bias %b {pads = array<i64: 1, 1, 1, 1>}
        : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x18x8x8xf32>,
           tensor<6xf32>) -> tensor<1x6x8x8xf32>
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$input, DS_FloatTensor:$weight,
      DS_FloatTensor:$offset, Optional<DS_FloatTensor>:$bias,
      Optional<DS_FloatTensor>:$mask,
      OptionalAttr<DenseI64ArrayAttr>:$kernel_shape,
      OptionalAttr<DenseI64ArrayAttr>:$strides,
      OptionalAttr<DenseI64ArrayAttr>:$pads,
      OptionalAttr<DenseI64ArrayAttr>:$dilations,
      DefaultValuedAttr<I64Attr, "1">:$group,
      DefaultValuedAttr<I64Attr, "1">:$offset_group),
      DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight `,` $offset (`bias` $bias^)? (`mask` $mask^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

def DS_ConvIntegerOp : DS_Op<"conv_integer", [Pure, DS_InferTypes,
    AttrSizedOperandSegments]> {
  let summary = "Convolution of 8-bit integers, accumulated in i32";
  let description = [{
    `ds.conv` of the 8-bit integers (`i8` or `ui8`) `input` and `weight`
    less their zero points, computed exactly in i32:

        output = conv(input - x_zero_point, weight - w_zero_point)

    `x_zero_point` (default 0) is a scalar of input's type (rank 0 or one
    element); `w_zero_point` (default 0) of weight's type is a scalar or has
    one value per output channel ([M]). The shapes and the attributes
    (`kernel_shape`, `strides`, `pads`, `dilations`, `group`, `auto_pad`) are
    those of `ds.conv`, without a bias.

    Canonical form: `auto_pad` NOTSET with explicit `pads`, rewritten as for
    `ds.conv`; zero points that are constant zeros are dropped.

    Example:

    ```mlir
    %y = ds.conv_integer %x, %w x_zero_point %xz {pads = array<i64: 1, 1, 1, 1>}
        : (tensor<1x3x8x8xui8>, tensor<4x3x3x3xi8>, tensor<ui8>)
        -> tensor<1x4x8x8xi32>
    ```
  }];
  let arguments = (ins DS_QuantizedConvTensor:$input,
      DS_QuantizedConvTensor:$weight,
      Optional<DS_QuantizedConvTensor>:$x_zero_point,
      Optional<DS_QuantizedConvTensor>:$w_zero_point,
      OptionalAttr<DenseI64ArrayAttr>:$kernel_shape,
      OptionalAttr<DenseI64ArrayAttr>:$strides,
      OptionalAttr<DenseI64ArrayAttr>:$pads,
      OptionalAttr<DenseI64ArrayAttr>:$dilations,
      DefaultValuedAttr<I64Attr, "1">:$group,
      DefaultValuedAttr<StrAttr, "\"NOTSET\"">:$auto_pad);
  let results = (outs TensorOf<[I32]>:$output);
  let assemblyFormat = [{
    $input `,` $weight (`x_zero_point` $x_zero_point^)?
    (`w_zero_point` $w_zero_point^)? attr-dict
    `:` functional-type(operands, results)
  }];
  let hasCanonicalizer = 1;
}

#endif // DS_IMAGE_OPS_TD
