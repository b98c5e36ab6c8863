//===- ConvOps.td - Convolution and pooling ds ops ----------*- tablegen -*-===//
//
// Part of ds. Conv, ConvTranspose and the windowed and global pools. Inputs
// are NCHW-like: [N, C, D1, ..., Dn] with n spatial dimensions.
//
//===----------------------------------------------------------------------===//

#ifndef DS_CONV_OPS_TD
#define DS_CONV_OPS_TD

include "dialects/ds/DSBase.td"

//===----------------------------------------------------------------------===//
// Window attributes
//===----------------------------------------------------------------------===//

/// `auto_pad`: NOTSET (the canonical form: explicit `pads`), SAME_UPPER,
/// SAME_LOWER or VALID.
defvar DS_AutoPadArg = (ins DefaultValuedAttr<StrAttr, "\"NOTSET\"">:$auto_pad);

/// Strides (default 1), pads as [begin..., end...] (default 0) and dilations
/// (default 1), one value per spatial dimension (two for pads).
defvar DS_WindowArgs = (ins OptionalAttr<DenseI64ArrayAttr>:$strides,
                            OptionalAttr<DenseI64ArrayAttr>:$pads,
                            OptionalAttr<DenseI64ArrayAttr>:$dilations);

defvar DS_PoolWindowArgs = !con(
    (ins DenseI64ArrayAttr:$kernel_shape), DS_WindowArgs,
    (ins DefaultValuedAttr<BoolAttr, "false">:$ceil_mode), DS_AutoPadArg);

defvar DS_ConvWindowArgs = !con(
    (ins OptionalAttr<DenseI64ArrayAttr>:$kernel_shape), DS_WindowArgs,
    (ins DefaultValuedAttr<I64Attr, "1">:$group), DS_AutoPadArg);

/// Element types of MaxPool (ONNX also allows 8-bit integers).
def DS_MaxPoolTensor : TensorOf<[F16, BF16, F32, F64, I8, UI8]>;

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

def DS_ConvOp : DS_ComputeOp<"conv", [Pure, SameOperandsAndResultElementType,
                                      DS_InferTypes]> {
  let summary = "1-D, 2-D or 3-D convolution (cross-correlation)";
  let description = [{
    Convolves `input` X ([N, C, D1, ..., Dn], n = 1, 2 or 3) with `weight`
    W ([M, C / group, k1, ..., kn]) and adds the optional `bias` B ([M]),
    giving [N, M, O1, ..., On]. The channels are split into `group` groups
    convolved separately: C = W.shape[1] * group and M is a multiple of
    `group`.

    `kernel_shape`, when given, equals W's spatial sizes. `strides` and
    `dilations` (default 1) have n positive values, `pads` (default 0) 2n
    non-negative values [begin_1, ..., begin_n, end_1, ..., end_n]. The
    output size of spatial dimension i is

        O = floor((D + pad_begin + pad_end - dilation * (k - 1) - 1) / stride) + 1

    With `auto_pad` SAME_UPPER or SAME_LOWER, O = ceil(D / stride) and the
    padding is split evenly, the odd element going to the end (UPPER) or the
    beginning (LOWER); with VALID there is no padding. `pads` must not be
    given with another `auto_pad` than NOTSET.

    Canonical form: `auto_pad` NOTSET with explicit `pads`. The canonicalizer
    rewrites the other `auto_pad` values into `pads` when the spatial input
    sizes and the kernel sizes are static.

    Example:

    ```mlir
    %y = ds.conv %x, %w, %b {pads = array<i64: 1, 1, 1, 1>,
                             strides = array<i64: 2, 2>}
        : (tensor<?x3x224x224xf32>, tensor<64x3x3x3xf32>, tensor<64xf32>)
        -> tensor<?x64x112x112xf32>
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$input, DS_FloatTensor:$weight,
                            Optional<DS_FloatTensor>:$bias),
                       DS_ConvWindowArgs, DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def DS_ConvTransposeOp : DS_ComputeOp<"conv_transpose", [Pure,
    SameOperandsAndResultElementType, DS_InferTypes]> {
  let summary = "1-D, 2-D or 3-D transposed convolution";
  let description = [{
    The gradient of `ds.conv` with respect to its input: `input` X
    ([N, C, D1, ..., Dn], n = 1, 2 or 3), `weight` W
    ([C, M / group, k1, ..., kn]) and the optional `bias` B ([M]) give
    [N, M, O1, ..., On]. C is a multiple of `group`.

    `kernel_shape`, `strides`, `dilations`, `pads` and `group` are as for
    `ds.conv`. `output_padding` (n non-negative values, default 0, each below
    the stride or the dilation) is added to the end of each output
    dimension. The output size of spatial dimension i is

        O = stride * (D - 1) + output_padding + dilation * (k - 1) + 1
            - pad_begin - pad_end

    `output_shape` (n positive values) sets O instead; the padding is then
    derived from it: total = stride * (D - 1) + output_padding +
    dilation * (k - 1) + 1 - O, split evenly with the odd element at the end
    for SAME_UPPER and at the beginning otherwise. With SAME_UPPER or
    SAME_LOWER and no `output_shape`, O = D * stride. `pads` must not be
    given with `output_shape` or another `auto_pad` than NOTSET.

    Canonical form: `auto_pad` NOTSET, explicit `pads`, no `output_shape`.
    The canonicalizer rewrites `auto_pad` and `output_shape` into `pads` when
    the spatial input and kernel sizes are static and the derived padding is
    not negative.

    Example:

    ```mlir
    %y = ds.conv_transpose %x, %w {strides = array<i64: 2, 2>,
                                   pads = array<i64: 1, 1, 1, 1>,
                                   output_padding = array<i64: 1, 1>}
        : (tensor<1x64x?x16xf32>, tensor<64x32x3x3xf32>)
        -> tensor<1x32x?x32xf32>
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$input, DS_FloatTensor:$weight,
                            Optional<DS_FloatTensor>:$bias),
                       DS_ConvWindowArgs,
                       (ins OptionalAttr<DenseI64ArrayAttr>:$output_padding,
                            OptionalAttr<DenseI64ArrayAttr>:$output_shape),
                       DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Windowed pools
//===----------------------------------------------------------------------===//

defvar DS_PoolShapeDoc = [{
    The input X is [N, C, D1, ..., Dn] (n >= 1) and the output
    [N, C, O1, ..., On]. `kernel_shape` has n positive values; `strides` and
    `dilations` (default 1) n positive values, `pads` (default 0) 2n
    non-negative values [begin_1, ..., begin_n, end_1, ..., end_n]. Padded
    elements never win a max nor count in a p-norm. The output size of
    spatial dimension i is

        O = floor((D + pad_begin + pad_end - dilation * (k - 1) - 1) / stride) + 1

    rounding up instead when `ceil_mode` is set, except that a window may not
    start in the end padding. With `auto_pad` SAME_UPPER or SAME_LOWER,
    O = ceil(D / stride) and the padding is split evenly, the odd element
    going to the end (UPPER) or the beginning (LOWER); with VALID there is no
    padding; `ceil_mode` does not apply to either. `pads` must not be given
    with another `auto_pad` than NOTSET.

    Canonical form: `auto_pad` NOTSET with explicit `pads`. The canonicalizer
    rewrites the other `auto_pad` values into `pads` (with `ceil_mode` false)
    when the spatial input sizes are static.
}];

def DS_MaxPoolOp : DS_ComputeOp<"max_pool", [Pure,
    AllElementTypesMatch<["input", "output"]>,
    DeclareOpInterfaceMethods<InferTypeOpInterface>]> {
  let summary = "Maximum over sliding windows, optionally with indices";
  let description = !strconcat([{
    Takes the maximum of each window of `input`.
  }], DS_PoolShapeDoc, [{

    The optional second result `indices` (i64, the shape of the output) holds
    the flat index of each maximum in the input: row-major when
    `storage_order` is 0, column-major (over the spatial dimensions) when 1.
    Result-type inference gives both results; an op without `indices` takes
    the first.

    Example:

    ```mlir
    %y, %i = ds.max_pool %x {kernel_shape = array<i64: 3, 3>,
                             strides = array<i64: 2, 2>,
                             pads = array<i64: 1, 1, 1, 1>}
        : (tensor<?x64x112x112xf32>)
        -> (tensor<?x64x56x56xf32>, tensor<?x64x56x56xi64>)
    ```
  }]);
  let arguments = !con((ins DS_MaxPoolTensor:$input), DS_PoolWindowArgs,
                       (ins DefaultValuedAttr<I64Attr, "0">:$storage_order),
                       DS_PrecisionArg);
  let results = (outs DS_MaxPoolTensor:$output,
                      Optional<DS_I64Tensor>:$indices);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// Whether the inferred types (output and indices) agree with the
    /// results, which may omit the indices.
    static bool isCompatibleReturnTypes(::mlir::TypeRange inferred,
                                        ::mlir::TypeRange actual);
  }];
}

def DS_AveragePoolOp : DS_ComputeOp<"average_pool", [Pure,
    SameOperandsAndResultElementType, DS_InferTypes]> {
  let summary = "Mean over sliding windows";
  let description = !strconcat([{
    Takes the mean of each window of `input`. Padded elements count in the
    divisor when `count_include_pad` is set and not otherwise.
  }], DS_PoolShapeDoc, [{

    Example:

    ```mlir
    %y = ds.average_pool %x {kernel_shape = array<i64: 2, 2>,
                             strides = array<i64: 2, 2>}
        : (tensor<1x64x?x56xf32>) -> tensor<1x64x?x28xf32>
    ```
  }]);
  let arguments = !con((ins DS_FloatTensor:$input), DS_PoolWindowArgs,
      (ins DefaultValuedAttr<BoolAttr, "false">:$count_include_pad),
      DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def DS_LpPoolOp : DS_ComputeOp<"lp_pool", [Pure,
    SameOperandsAndResultElementType, DS_InferTypes]> {
  let summary = "Lp norm over sliding windows";
  let description = !strconcat([{
    Takes the Lp norm `(sum |x|^p)^(1/p)` of each window of `input`; `p` is
    a positive integer (default 2).
  }], DS_PoolShapeDoc, [{

    Example:

    ```mlir
    %y = ds.lp_pool %x {kernel_shape = array<i64: 3>, p = 3 : i64}
        : (tensor<2x8x10xf32>) -> tensor<2x8x8xf32>
    ```
  }]);
  let arguments = !con((ins DS_FloatTensor:$input), DS_PoolWindowArgs,
      (ins DefaultValuedAttr<I64Attr, "2">:$p), DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Global pools
//===----------------------------------------------------------------------===//

/// A pool over all spatial dimensions: [N, C, D1, ..., Dn] -> [N, C, 1, ...].
class DS_GlobalPoolOp<string mnemonic, string what, dag extraArgs = (ins)>
    : DS_ComputeOp<mnemonic, [Pure, SameOperandsAndResultElementType,
                              DS_InferTypes]> {
  let summary = "The " # what # " over all spatial dimensions";
  let description = "Takes the " # what # " of each [N, C] slice of `input` "
    # "over its spatial dimensions. The input X is [N, C, D1, ..., Dn] "
    # "(n >= 1) and the output [N, C, 1, ..., 1].\n\n"
    # "Example:\n\n```mlir\n%y = ds." # mnemonic
    # " %x : (tensor<?x512x7x7xf32>) -> tensor<?x512x1x1xf32>\n```\n";
  let arguments = !con((ins DS_FloatTensor:$input), extraArgs,
                       DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
}

def DS_GlobalMaxPoolOp : DS_GlobalPoolOp<"global_max_pool", "maximum">;
def DS_GlobalAveragePoolOp : DS_GlobalPoolOp<"global_average_pool", "mean">;
def DS_GlobalLpPoolOp : DS_GlobalPoolOp<"global_lp_pool",
    "Lp norm `(sum |x|^p)^(1/p)` (p a positive integer, default 2)",
    (ins DefaultValuedAttr<I64Attr, "2">:$p)>;

#endif // DS_CONV_OPS_TD
