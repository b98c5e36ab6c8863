//===- SelectionOps.td - Selection ds ops ------------------*- tablegen -*-===//
//
// Part of ds. Ops that select, count or rearrange elements, several with
// data-dependent result sizes: cumulative sums and products,
// ReverseSequence, NonZero, Unique, TensorScatter, BitCast, Det and
// NonMaxSuppression. (ONNX Compress is imported as ds.non_zero and
// ds.gather.)
//
//===----------------------------------------------------------------------===//

#ifndef DS_SELECTION_OPS_TD
#define DS_SELECTION_OPS_TD

include "dialects/ds/DSBase.td"

/// The element types of ONNX CumSum and CumProd.
def DS_CumulativeTensor : TensorOf<[UI32, UI64, I32, I64, F16, BF16, F32, F64]>;

/// The result has the type of operand `name`.
class DS_InferSameAs<string getter> : DS_InferTypesWith<
    "inferredReturnTypes.push_back(adaptor." # getter # "().getType());"
    " return ::mlir::success();">;

//===----------------------------------------------------------------------===//
// CumSum, CumProd
//===----------------------------------------------------------------------===//

class DS_CumulativeOp<string mnemonic, string onnxName, string what,
                      string identity, string example>
    : DS_ComputeOp<mnemonic, [Pure, DS_InferSameAs<"getX">]> {
  let summary = "Cumulative " # what # " along an axis";
  let description = "ONNX " # onnxName # ". Element `j` along `axis` (in "
    # "`[-r, r)`) of the result is the " # what # " of the elements `0..j` "
    # "of the input along that axis, or with `exclusive` of `0..j-1` (the "
    # "first element is then " # identity # "). With `reverse` the "
    # "accumulation runs from the end of the axis instead: elements `j..n-1` "
    # "(`j+1..n-1` with `exclusive`). The result has the input's type.\n\n"
    # "The canonical form is ONNX's with the axis, a constant input there, "
    # "as an attribute.\n\n"
    # "Folds: an inclusive op over an axis of size 1 is its input; small "
    # "dense constants fold.\n\n"
    # "Example:\n\n```mlir\n" # example # "\n```\n";
  let arguments = !con((ins DS_CumulativeTensor:$x, I64Attr:$axis,
                            DefaultValuedAttr<BoolAttr, "false">:$exclusive,
                            DefaultValuedAttr<BoolAttr, "false">:$reverse),
                       DS_PrecisionArg);
  let results = (outs DS_CumulativeTensor:$y);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

def DS_CumSumOp : DS_CumulativeOp<"cum_sum", "CumSum (opsets 11, 14)", "sum",
    "0", "%y = ds.cum_sum %x {axis = 1 : i64, exclusive = true}\n"
    "    : (tensor<?x16xf32>) -> tensor<?x16xf32>">;
def DS_CumProdOp : DS_CumulativeOp<"cum_prod", "CumProd (opset 26)",
    "product", "1", "%y = ds.cum_prod %x {axis = -1 : i64, reverse = true}\n"
    "    : (tensor<4x?xi64>) -> tensor<4x?xi64>">;

//===----------------------------------------------------------------------===//
// ReverseSequence
//===----------------------------------------------------------------------===//

def DS_ReverseSequenceOp : DS_Op<"reverse_sequence", [Pure,
    DS_InferSameAs<"getInput">]> {
  let summary = "Reverses the leading elements of each sequence of a batch";
  let description = [{
    ONNX ReverseSequence (opsets 10, 28). `input` has rank at least 2; of its
    first two axes one is the batch axis and the other the time axis
    (`batch_axis` and `time_axis`, each 0 or 1 and distinct). For batch entry
    `b`, the first `sequence_lens[b]` elements along the time axis are
    reversed and the others copied:

    ```
    output[b, t, ...] = input[b, sequence_lens[b] - 1 - t, ...]  if t < sequence_lens[b]
                        input[b, t, ...]                          otherwise
    ```

    (for `batch_axis = 0, time_axis = 1`). `sequence_lens` is a 1-D `i64`
    tensor with one length in `[0, time size]` per batch entry. The result
    has the input's type. The canonical form is ONNX's.

    Folds: to the input when `sequence_lens` is a constant of lengths at
    most 1 (nothing to reverse).

    Example:

    ```mlir
    %y = ds.reverse_sequence %x, %lens {batch_axis = 0 : i64, time_axis = 1 : i64}
        : (tensor<4x?x8xf32>, tensor<4xi64>) -> tensor<4x?x8xf32>
    ```
  }];
  let arguments = (ins DS_Tensor:$input, DS_I64Tensor:$sequence_lens,
                       DefaultValuedAttr<I64Attr, "1">:$batch_axis,
                       DefaultValuedAttr<I64Attr, "0">:$time_axis);
  let results = (outs DS_Tensor:$Y);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// NonZero
//===----------------------------------------------------------------------===//

def DS_NonZeroOp : DS_Op<"non_zero", [Pure, DS_InferTypes]> {
  let summary = "Indices of the non-zero elements";
  let description = [{
    ONNX NonZero (opsets 9, 13). For an input of rank `r`, the result is an
    `i64` tensor of shape `[r, n]` whose column `k` is the index of the
    `k`-th non-zero (for `i1`: true) element in row-major order; `n` is
    data-dependent, hence dynamic, unless the input has no elements (`n =
    0`). A rank-0 input gives `[0, n]` with `n` 0 or 1 (not numpy's
    `[1, n]`). A float element is non-zero unless it is `+0` or `-0`; NaN is
    non-zero. The canonical form is ONNX's.

    Folds: a dense constant input of a static shape folds.

    Example:

    ```mlir
    %i = ds.non_zero %mask : (tensor<?x16xi1>) -> tensor<2x?xi64>
    ```
  }];
  let arguments = (ins DS_Tensor:$X);
  let results = (outs DS_I64Tensor:$Y);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Unique
//===----------------------------------------------------------------------===//

def DS_UniqueOp : DS_Op<"unique", [Pure, DS_InferTypes,
    AllElementTypesMatch<["X", "Y"]>]> {
  let summary = "The distinct elements or slices of a tensor";
  let description = [{
    ONNX Unique (opsets 11, 28). Without `axis`, finds the distinct elements
    of the flattened `X`; with `axis` (in `[-r, r)`), the distinct slices of
    `X` along that axis. Results:

    * `Y`: the distinct elements (1-D), or slices (the shape of `X` but along
      `axis`), in ascending order with `sorted` (the default; slices compare
      lexicographically), in the order of their first occurrence otherwise;
    * `indices`: for each entry of `Y`, the index of its first occurrence in
      (the flattened) `X`, or along `axis`;
    * `inverse_indices`: for each element (slice) of `X`, the index of its
      value in `Y`;
    * `counts`: for each entry of `Y`, its number of occurrences.

    The number of distinct entries is data-dependent: `Y`, `indices` and
    `counts` are dynamic along it (static only for at most one element or
    slice). `inverse_indices` has one entry per element or slice of `X`.
    Every result is always defined; the importer binds those the node names.
    The canonical form is ONNX's.

    Example:

    ```mlir
    %y, %first, %inverse, %counts = ds.unique %x {sorted = false}
        : (tensor<2x3xi64>) -> (tensor<?xi64>, tensor<?xi64>, tensor<6xi64>, tensor<?xi64>)
    %rows, %i, %inv, %n = ds.unique %m {axis = 0 : i64}
        : (tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>)
    ```
  }];
  let arguments = (ins DS_Tensor:$X, OptionalAttr<I64Attr>:$axis,
                       DefaultValuedAttr<BoolAttr, "true">:$sorted);
  let results = (outs DS_Tensor:$Y, DS_I64Tensor:$indices,
                      DS_I64Tensor:$inverse_indices, DS_I64Tensor:$counts);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// TensorScatter
//===----------------------------------------------------------------------===//

def DS_TensorScatterOp : DS_Op<"tensor_scatter", [Pure,
    DS_InferSameAs<"getPastCache">,
    AllElementTypesMatch<["past_cache", "update", "present_cache"]>]> {
  let summary = "Writes a block of sequence steps into a cache tensor";
  let description = [{
    ONNX TensorScatter (opset 24), a functional KV-cache update.
    `past_cache` and `update` have the same rank `r >= 2` and shape except
    along `axis` (in `[-r, r)`, not the batch axis 0), where `update` has
    `s` steps and the cache `m >= s`. The result is `past_cache` with,
    for every batch entry `b` and step `i < s`, the steps
    `write_indices[b] + i` along `axis` replaced by step `i` of `update`;
    in `mode = "circular"` the position wraps around modulo `m`, in
    `"linear"` (the default) it must be below `m`. `write_indices` is a 1-D
    `i64` tensor with one non-negative index per batch entry, all zeros when
    absent. The result has the type of `past_cache`. The canonical form is
    ONNX's.

    Folds: without `write_indices`, an update of the cache's full static
    length replaces the whole cache and the op folds to `update` (when the
    types agree).

    Example:

    ```mlir
    %present = ds.tensor_scatter %past, %new, %pos {mode = "circular"}
        : (tensor<2x8x128x64xf16>, tensor<2x8x1x64xf16>, tensor<2xi64>)
        -> tensor<2x8x128x64xf16>
    ```
  }];
  let arguments = (ins DS_Tensor:$past_cache, DS_Tensor:$update,
                       Optional<DS_I64Tensor>:$write_indices,
                       DefaultValuedAttr<StrAttr, "\"linear\"">:$mode,
                       DefaultValuedAttr<I64Attr, "-2">:$axis);
  let results = (outs DS_Tensor:$present_cache);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// BitCast
//===----------------------------------------------------------------------===//

def DS_BitCastOp : DS_Op<"bit_cast", [Pure]> {
  let summary = "Reinterprets the bits of each element as another type";
  let description = [{
    ONNX BitCast (opset 26). Each element's bit pattern (little endian) is
    read as an element of the result's element type, which has the same
    width; the shape is kept. `i1` counts as 8 bits, as ONNX stores a bool
    in a byte: a byte other than 0 and 1 read as `i1` is not a valid bool.
    The canonical form is ONNX's with the target type (ONNX `to`) given by
    the result type, as for `ds.cast`.

    Folds: to the input when the types are equal; a bit_cast of a bit_cast
    reads the original; dense constants of types other than `i1` fold.

    Example:

    ```mlir
    %bits = ds.bit_cast %x : (tensor<?x4xf32>) -> tensor<?x4xi32>
    ```
  }];
  let arguments = (ins DS_Tensor:$input);
  let results = (outs DS_Tensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Det
//===----------------------------------------------------------------------===//

def DS_DetOp : DS_ComputeOp<"det", [Pure, DS_InferTypes,
    AllElementTypesMatch<["X", "Y"]>]> {
  let summary = "Determinants of square matrices";
  let description = [{
    ONNX Det (opsets 11, 22). `X` has shape `[*, M, M]` with zero or more
    batch dimensions `*`; the result has shape `[*]` and holds the
    determinant of each `M x M` matrix (a rank-0 tensor for a rank-2 input).
    The canonical form is ONNX's.

    Folds: dense constants fold (computed in double precision by Gaussian
    elimination with partial pivoting, then rounded to the element type).

    Example:

    ```mlir
    %d = ds.det %x : (tensor<?x3x3xf32>) -> tensor<?xf32>
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$X), DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$Y);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// NonMaxSuppression
//===----------------------------------------------------------------------===//

def DS_NonMaxSuppressionOp : DS_Op<"non_max_suppression", [Pure,
    DS_InferTypes]> {
  let summary = "Selects boxes by score, suppressing overlapping ones";
  let description = [{
    ONNX NonMaxSuppression (opsets 10, 11). `boxes` is `[B, N, 4]` and
    `scores` `[B, C, N]` (`B` batches, `C` classes, `N` boxes). For each
    batch and class, boxes whose score is not greater than `score_threshold`
    (when given) are dropped; the others are taken by decreasing score (the
    lower index first among equal scores), each selected unless its
    intersection over union with an already selected box of that batch and
    class is greater than `iou_threshold`, until
    `max_output_boxes_per_class` are selected. The result `[n, 3]` (`i64`)
    lists the selections as `[batch, class, box]`, by batch, then class,
    then selection order; `n` is data-dependent.

    A box is `[y1, x1, y2, x2]` (any two opposite corners) or, with
    `center_point_box`, `[x_center, y_center, width, height]`.

    The canonical form is ONNX's with the defaults made explicit:
    `max_output_boxes_per_class` (`i64`) and `iou_threshold` (`f32`), each a
    scalar or a one-element 1-D tensor, are required (ONNX's defaults are 0
    and 0.0); `score_threshold` stays optional, as its absence (no score
    filter) has no equivalent value. `center_point_box` is ONNX's 0 or 1 as a
    bool.

    Result type: `[0, 3]` when `max_output_boxes_per_class` is a constant
    at most 0 or there are statically no boxes, classes or batches;
    `[?, 3]` otherwise. Folds to an empty constant when the result type is
    `[0, 3]`.

    Example:

    ```mlir
    %sel = ds.non_max_suppression %boxes, %scores, %max, %iou, %score
        {center_point_box = true}
        : (tensor<1x?x4xf32>, tensor<1x80x?xf32>, tensor<1xi64>, tensor<1xf32>,
           tensor<1xf32>) -> tensor<?x3xi64>
    ```
  }];
  let arguments = (ins TensorOf<[F32]>:$boxes, TensorOf<[F32]>:$scores,
                       DS_I64Tensor:$max_output_boxes_per_class,
                       TensorOf<[F32]>:$iou_threshold,
                       Optional<TensorOf<[F32]>>:$score_threshold,
                       DefaultValuedAttr<BoolAttr, "false">:$center_point_box);
  let results = (outs DS_I64Tensor:$selected_indices);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // DS_SELECTION_OPS_TD
