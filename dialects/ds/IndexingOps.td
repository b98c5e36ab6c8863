//===- IndexingOps.td - Indexing ds ops --------------------*- tablegen -*-===//
//
// Part of ds. Gathers and scatters by index tensors, and Resize.
//
//===----------------------------------------------------------------------===//

#ifndef DS_INDEXING_OPS_TD
#define DS_INDEXING_OPS_TD

include "dialects/ds/DSBase.td"

/// The reduction a scatter applies where it writes: ONNX `reduction`.
defvar DS_ScatterReduction =
    DefaultValuedAttr<StrAttr, "\"none\"">;

//===----------------------------------------------------------------------===//
// Gathers
//===----------------------------------------------------------------------===//

def DS_GatherOp : DS_Op<"gather", [Pure, DS_InferTypes,
    AllElementTypesMatch<["data", "output"]>]> {
  let summary = "Gathers slices of `data` along `axis` by an index tensor";
  let description = [{
    ONNX Gather. For `data` of rank r and `indices` of rank q, the result has
    rank `q + r - 1` and shape
    `data.shape[:axis] + indices.shape + data.shape[axis+1:]`:

    ```
    output[i..., j..., k...] = data[i..., indices[j...], k...]
    ```

    where `i...` spans the `axis` leading dimensions of `data`, `j...` the
    q dimensions of `indices` and `k...` the trailing dimensions of `data`.

    `axis` is in `[-r, r)`; an index is in `[-s, s)` for `s = data.shape[axis]`
    (a negative index counts from the end). Constant indices are checked
    against a static `s`.

    Folding: when `data` and `indices` are both dense constants (not resource
    blobs) and the result type is static, the op folds to a constant. This
    is what resolves shape arithmetic such as taking one dimension out of a
    constant shape vector.

    Example:

    ```mlir
    %d1 = ds.gather %shape, %one {axis = 0 : i64}
        : (tensor<4xi64>, tensor<i64>) -> tensor<i64>
    %emb = ds.gather %table, %ids
        : (tensor<30522x768xf32>, tensor<?x128xi64>) -> tensor<?x128x768xf32>
    ```
  }];
  let arguments = (ins DS_Tensor:$data, DS_IndexTensor:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs DS_Tensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

def DS_GatherElementsOp : DS_Op<"gather_elements", [Pure, DS_InferTypes,
    AllElementTypesMatch<["data", "output"]>]> {
  let summary = "Gathers single elements of `data` along `axis`";
  let description = [{
    ONNX GatherElements. `data` and `indices` have the same rank r; the
    result has the shape of `indices`, and for `axis = 1` of a rank-3 input

    ```
    output[i][j][k] = data[i][indices[i][j][k]][k]
    ```

    `axis` is in `[-r, r)`; outside `axis`, a static size of `indices` may
    not exceed that of `data`; indices are in `[-s, s)` for
    `s = data.shape[axis]`.

    Example:

    ```mlir
    %y = ds.gather_elements %x, %idx {axis = 1 : i64}
        : (tensor<2x5xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins DS_Tensor:$data, DS_IndexTensor:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs DS_Tensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
}

def DS_GatherNDOp : DS_Op<"gather_nd", [Pure, DS_InferTypes,
    AllElementTypesMatch<["data", "output"]>]> {
  let summary = "Gathers slices of `data` by tuples of leading indices";
  let description = [{
    ONNX GatherND. The last dimension of `indices` (of size `k`) holds index
    tuples into the dimensions `b .. b+k-1` of `data`, where `b` is
    `batch_dims`; the first `b` dimensions of `data` and `indices` are batch
    dimensions and must match. For `data` of rank r and `indices` of rank q:

    * `r >= 1`, `q >= 1`, `0 <= b < min(q, r)` and `1 <= k <= r - b`;
    * the result shape is `indices.shape[:-1] + data.shape[b+k:]`, of rank
      `q + r - k - 1 - b` (unranked while `k` is unknown).

    Example:

    ```mlir
    %y = ds.gather_nd %x, %idx {batch_dims = 1 : i64}
        : (tensor<2x3x4xf32>, tensor<2x5x1xi64>) -> tensor<2x5x4xf32>
    ```
  }];
  let arguments = (ins DS_Tensor:$data, DS_I64Tensor:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$batch_dims);
  let results = (outs DS_Tensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  }

//===----------------------------------------------------------------------===//
// Scatters
//===----------------------------------------------------------------------===//

/// The result of a scatter is a copy of `data` with some elements replaced:
/// it has the type of `data`.
defvar DS_InferDataType = DS_InferTypesWith<[{
      inferredReturnTypes.push_back(adaptor.getData().getType());
      return ::mlir::success();
}]>;

def DS_ScatterNDOp : DS_Op<"scatter_nd", [Pure, DS_InferDataType,
    AllElementTypesMatch<["data", "updates", "output"]>]> {
  let summary = "Writes slices of `updates` into `data` at index tuples";
  let description = [{
    ONNX ScatterND (opset 18 form). The last dimension of `indices` (of size
    `k <= rank(data)`) holds index tuples into the leading `k` dimensions of
    `data`; each tuple selects a slice `data[tuple]` of shape
    `data.shape[k:]` that is replaced by (or, with a `reduction`, combined
    with) the matching slice of `updates`. Hence

    ```
    updates.shape == indices.shape[:-1] + data.shape[k:]
    ```

    `reduction` is one of `none` (duplicate tuples are undefined), `add`,
    `mul`, `max` and `min`. The result has the type of `data`.

    Example:

    ```mlir
    %y = ds.scatter_nd %x, %idx, %upd {reduction = "add"}
        : (tensor<4x4x4xf32>, tensor<2x1xi64>, tensor<2x4x4xf32>) -> tensor<4x4x4xf32>
    ```
  }];
  let arguments = (ins DS_Tensor:$data, DS_I64Tensor:$indices,
                       DS_Tensor:$updates,
                       DS_ScatterReduction:$reduction);
  let results = (outs DS_Tensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
}

def DS_ScatterElementsOp : DS_Op<"scatter_elements", [Pure, DS_InferDataType,
    AllElementTypesMatch<["data", "updates", "output"]>]> {
  let summary = "Writes single elements of `updates` into a copy of `data`";
  let description = [{
    ONNX ScatterElements (opset 18 form), the inverse of `ds.gather_elements`.
    `data`, `indices` and `updates` have the same rank r, and `indices` and
    `updates` the same shape; for `axis = 1` of a rank-2 input

    ```
    output[i][indices[i][j]] = updates[i][j]
    ```

    `axis` is in `[-r, r)`; outside `axis` a static size of `indices` may not
    exceed that of `data`. `reduction` is one of `none`, `add`, `mul`, `max`
    and `min`. The result has the type of `data`.

    Example:

    ```mlir
    %y = ds.scatter_elements %x, %idx, %upd {axis = 1 : i64, reduction = "max"}
        : (tensor<2x5xf32>, tensor<2x3xi32>, tensor<2x3xf32>) -> tensor<2x5xf32>
    ```
  }];
  let arguments = (ins DS_Tensor:$data, DS_IndexTensor:$indices,
                       DS_Tensor:$updates,
                       DefaultValuedAttr<I64Attr, "0">:$axis,
                       DS_ScatterReduction:$reduction);
  let results = (outs DS_Tensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Resize
//===----------------------------------------------------------------------===//

def DS_ResizeOp : DS_ComputeOp<"resize", [Pure, AttrSizedOperandSegments,
    DS_InferTypes, AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Resamples a tensor by interpolation";
  let description = [{
    ONNX Resize (opset 19 form). The dimensions listed in `axes` (all of them
    by default) are resampled to an output size given either by `scales`
    (one f32 factor per axis; the size is `floor(in * scale)`, or
    `floor(in * (roi_end - roi_start) * scale)` under `tf_crop_and_resize`)
    or by `sizes` (one i64 size per axis). Exactly one of `scales` and
    `sizes` is present: the canonical form drops the empty operands that
    older opsets required. `roi` (`[starts..., ends...]`, normalized
    coordinates, 2 per axis) is required by, and only used with,
    `coordinate_transformation_mode = "tf_crop_and_resize"`.

    Attributes, with their defaults:

    * `mode`: `nearest` (default), `linear` or `cubic`;
    * `coordinate_transformation_mode`: `half_pixel` (default),
      `half_pixel_symmetric`, `pytorch_half_pixel`, `align_corners`,
      `asymmetric` or `tf_crop_and_resize`;
    * `nearest_mode`: `round_prefer_floor` (default), `round_prefer_ceil`,
      `floor` or `ceil`;
    * `cubic_coeff_a` (-0.75), `exclude_outside` (false),
      `extrapolation_value` (0.0) and `antialias` (false);
    * `keep_aspect_ratio_policy`: `stretch` (default), `not_larger` or
      `not_smaller`; with `sizes`, the latter two scale every axis by the
      same factor (the smallest or largest of `sizes[i] / in[i]`), so that
      `out[i] = round(factor * in[i])`.

    The result shape is inferred from constant `scales` or `sizes`; resized
    dimensions are `?` otherwise.

    Example:

    ```mlir
    %up = ds.resize %x scales %s {mode = "linear"}
        : (tensor<1x3x32x32xf32>, tensor<4xf32>) -> tensor<1x3x64x64xf32>
    %crop = ds.resize %x roi %roi sizes %hw
        {axes = array<i64: 2, 3>, coordinate_transformation_mode = "tf_crop_and_resize"}
        : (tensor<1x3x?x?xf32>, tensor<4xf32>, tensor<2xi64>) -> tensor<1x3x?x?xf32>
    ```
  }];
  let arguments = !con((ins
      DS_NumericTensor:$input,
      Optional<DS_FloatTensor>:$roi,
      Optional<TensorOf<[F32]>>:$scales,
      Optional<DS_I64Tensor>:$sizes,
      DefaultValuedAttr<StrAttr, "\"nearest\"">:$mode,
      DefaultValuedAttr<StrAttr, "\"half_pixel\"">:
          $coordinate_transformation_mode,
      DefaultValuedAttr<StrAttr, "\"round_prefer_floor\"">:$nearest_mode,
      DefaultValuedAttr<F32Attr, "-0.75">:$cubic_coeff_a,
      DefaultValuedAttr<BoolAttr, "false">:$exclude_outside,
      DefaultValuedAttr<F32Attr, "0.0">:$extrapolation_value,
      DefaultValuedAttr<BoolAttr, "false">:$antialias,
      OptionalAttr<DenseI64ArrayAttr>:$axes,
      DefaultValuedAttr<StrAttr, "\"stretch\"">:$keep_aspect_ratio_policy),
    DS_PrecisionArg);
  let results = (outs DS_NumericTensor:$output);
  let assemblyFormat = [{
    $input (`roi` $roi^)? (`scales` $scales^)? (`sizes` $sizes^)? attr-dict
    `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // DS_INDEXING_OPS_TD
