//===- ReductionOps.td - Reduction ds ops ------------------*- tablegen -*-===//
//
// Part of ds. Reductions over a set of axes, ArgMax/ArgMin and TopK.
//
//===----------------------------------------------------------------------===//

#ifndef DS_REDUCTION_OPS_TD
#define DS_REDUCTION_OPS_TD

include "dialects/ds/DSBase.td"

//===----------------------------------------------------------------------===//
// Reductions over axes
//===----------------------------------------------------------------------===//

/// `reduce_<name>`: reduces `data` over `axes` with `formula` (a function of
/// the reduced elements `x`). `foldText` documents the op's folds.
class DS_ReduceOp<string name, Type T, string formula, string foldText>
    : DS_ComputeOp<"reduce_" # name, [Pure, DS_InferTypes]> {
  let summary = "Reduction by " # formula # " over a set of axes";
  let description = "Computes `" # formula # "` over the elements `x` of "
    # "`data` along `axes`.\n\n"
    # "The canonical form is ONNX opset 18's with the axes as an attribute: "
    # "`axes` lists distinct axes in `[-r, r)` for an input of rank `r` and "
    # "is non-empty when present. Without `axes` the op reduces every axis, "
    # "or, when `noop_with_empty_axes` is set, none (it is then the "
    # "identity). With `keepdims` (the default) the reduced axes stay with "
    # "size 1; otherwise they are removed. The importer moves a constant "
    # "`axes` input (or the attribute of older opsets) into the attribute "
    # "and drops an empty one.\n\n"
    # "Folds: " # foldText # "\n\n"
    # "Example:\n\n```mlir\n%r = ds.reduce_" # name # " %x {axes = array<i64: "
    # "1>, keepdims = false} : (tensor<?x8x4xf32>) -> tensor<?x4xf32>\n```\n";
  let arguments = !con(
      (ins T:$data, OptionalAttr<DenseI64ArrayAttr>:$axes,
           DefaultValuedAttr<BoolAttr, "true">:$keepdims,
           DefaultValuedAttr<BoolAttr, "false">:$noop_with_empty_axes),
                       DS_PrecisionArg);
  let results = (outs T:$reduced);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

defvar DS_ReduceNoopFold = "without `axes`, `noop_with_empty_axes` makes the "
  # "op its input.";
defvar DS_ReduceUnitFold = DS_ReduceNoopFold # " Reducing only axes of size "
  # "1 with `keepdims` gives the input.";
defvar DS_ReduceConstFold = DS_ReduceUnitFold # " Small dense constants "
  # "fold.";

def DS_ReduceSumOp : DS_ReduceOp<"sum", DS_NumericTensor, "sum(x)",
                                 DS_ReduceConstFold>;
def DS_ReduceMeanOp : DS_ReduceOp<"mean", DS_NumericTensor,
                                  "sum(x) / count(x)", DS_ReduceUnitFold>;
def DS_ReduceMaxOp : DS_ReduceOp<"max", DS_NumericTensor, "max(x)",
                                 DS_ReduceConstFold>;
def DS_ReduceMinOp : DS_ReduceOp<"min", DS_NumericTensor, "min(x)",
                                 DS_ReduceConstFold>;
def DS_ReduceProdOp : DS_ReduceOp<"prod", DS_NumericTensor, "prod(x)",
                                  DS_ReduceConstFold>;
def DS_ReduceL1Op : DS_ReduceOp<"l1", DS_NumericTensor, "sum(|x|)",
                                DS_ReduceNoopFold>;
def DS_ReduceL2Op : DS_ReduceOp<"l2", DS_FloatTensor, "sqrt(sum(x * x))",
                                DS_ReduceNoopFold>;
def DS_ReduceLogSumOp : DS_ReduceOp<"log_sum", DS_FloatTensor, "log(sum(x))",
                                    DS_ReduceNoopFold>;
def DS_ReduceLogSumExpOp : DS_ReduceOp<"log_sum_exp", DS_FloatTensor,
                                       "log(sum(exp(x)))", DS_ReduceNoopFold>;
def DS_ReduceSumSquareOp : DS_ReduceOp<"sum_square", DS_NumericTensor,
                                       "sum(x * x)", DS_ReduceNoopFold>;

//===----------------------------------------------------------------------===//
// ArgMax, ArgMin
//===----------------------------------------------------------------------===//

class DS_ArgReduceOp<string name, string what>
    : DS_Op<"arg_" # name, [Pure, DS_InferTypes]> {
  let summary = "Indices of the " # what # " elements along an axis";
  let description = "Computes the index (`i64`) of the " # what # " element "
    # "of each slice of `data` along `axis` (in `[-r, r)`), the first one or, "
    # "with `select_last_index`, the last one among equal values. With "
    # "`keepdims` (the default) the axis stays with size 1; otherwise it is "
    # "removed. Over an axis of size 1 the op folds to a constant 0 when the "
    # "result shape is static.\n\n"
    # "Example:\n\n```mlir\n%i = ds.arg_" # name # " %x {axis = 1 : i64, "
    # "keepdims = false} : (tensor<?x10xf32>) -> tensor<?xi64>\n```\n";
  let arguments = (ins DS_NumericTensor:$data,
                       DefaultValuedAttr<I64Attr, "0">:$axis,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims,
                       DefaultValuedAttr<BoolAttr, "false">:$select_last_index);
  let results = (outs DS_I64Tensor:$indices);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

def DS_ArgMaxOp : DS_ArgReduceOp<"max", "largest">;
def DS_ArgMinOp : DS_ArgReduceOp<"min", "smallest">;

//===----------------------------------------------------------------------===//
// TopK
//===----------------------------------------------------------------------===//

def DS_TopKOp : DS_Op<"top_k", [Pure, DS_InferTypes,
    AllElementTypesMatch<["input", "values"]>]> {
  let summary = "The k largest or smallest elements along an axis";
  let description = [{
    Returns the `k` largest (or, with `largest = false`, smallest) elements of
    each slice of `input` along `axis` and their `i64` indices; `k` is a
    one-element `i64` tensor (ONNX opset 11 form). With `sorted` (the
    default) they come in order, largest first (smallest first when
    `largest = false`). Both results have the input's shape except along
    `axis`, where the size is `k` when `k` is a constant and dynamic
    otherwise. `k` must be at least 0 and at most the size of the axis.

    Example:

    ```mlir
    %k = ds.constant dense<5> : tensor<1xi64>
    %values, %indices = ds.top_k %x, %k {axis = 1 : i64}
        : (tensor<?x100xf32>, tensor<1xi64>) -> (tensor<?x5xf32>, tensor<?x5xi64>)
    ```
  }];
  let arguments = (ins DS_NumericTensor:$input, DS_I64Tensor:$k,
                       DefaultValuedAttr<I64Attr, "-1">:$axis,
                       DefaultValuedAttr<BoolAttr, "true">:$largest,
                       DefaultValuedAttr<BoolAttr, "true">:$sorted);
  let results = (outs DS_NumericTensor:$values, DS_I64Tensor:$indices);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
}

#endif // DS_REDUCTION_OPS_TD
