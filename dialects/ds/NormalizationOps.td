//===- NormalizationOps.td - Normalization ds ops ----------*- tablegen -*-===//
//
// Part of ds. Batch, layer, group, instance and Lp normalization, and the
// softmax family over one axis.
//
//===----------------------------------------------------------------------===//

#ifndef DS_NORMALIZATION_OPS_TD
#define DS_NORMALIZATION_OPS_TD

include "dialects/ds/DSBase.td"

/// The stash type of LayerNormalization and GroupNormalization: an ONNX
/// TensorProto data type (1 = float, 10 = float16, 11 = double,
/// 16 = bfloat16).
defvar DS_NormStashTypeArg =
    (ins DefaultValuedAttr<I64Attr, "1">:$stash_type);
defvar DS_NormEpsilonArg =
    (ins DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon);

//===----------------------------------------------------------------------===//
// Normalizations with learned scale and bias
//===----------------------------------------------------------------------===//

def DS_BatchNormalizationOp : DS_ComputeOp<"batch_normalization",
    [Pure, DS_InferTypes]> {
  let summary = "Batch normalization with per-channel statistics";
  let description = [{
    Normalizes `x` (shape `N x C x D1 x ... x Dk`) per channel:
    `y = scale * (x - mean) / sqrt(var + epsilon) + bias`, where `scale`,
    `bias`, `mean` and `var` are 1-D tensors of size `C`.

    The canonical form is ONNX opset 15. In inference mode
    (`training_mode = false`, the default) the op has the single result `y`
    and `mean` and `var` are the running statistics. In training mode it
    normalizes with the statistics of the batch (over every axis but 1) and
    has two more results, the updated running statistics
    `running_mean = mean * momentum + batch_mean * (1 - momentum)` and
    `running_var = var * momentum + batch_var * (1 - momentum)`, with the
    types of `mean` and `var`. The importer turns the saved-statistics outputs
    of older opsets into this form.

    Example:

    ```mlir
    %y = ds.batch_normalization %x, %scale, %bias, %mean, %var {epsilon = 1.0e-03 : f32}
        : (tensor<?x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>,
           tensor<64xf32>) -> tensor<?x64x56x56xf32>
    %t:3 = ds.batch_normalization %x, %scale, %bias, %mean, %var {training_mode = true}
        : (tensor<8x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
           tensor<3xf32>) -> (tensor<8x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>)
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$x, DS_FloatTensor:$scale,
                            DS_FloatTensor:$bias, DS_FloatTensor:$mean,
                            DS_FloatTensor:$var),
                       DS_NormEpsilonArg,
                       (ins DefaultValuedAttr<F32Attr, "0.9">:$momentum,
                        DefaultValuedAttr<BoolAttr, "false">:$training_mode),
                       DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$y,
                      Variadic<DS_FloatTensor>:$running_stats);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The updated running mean (training mode only; null otherwise).
    ::mlir::Value getRunningMean() {
      return getRunningStats().empty() ? ::mlir::Value() : getRunningStats()[0];
    }
    /// The updated running variance (training mode only; null otherwise).
    ::mlir::Value getRunningVar() {
      return getRunningStats().empty() ? ::mlir::Value() : getRunningStats()[1];
    }
  }];
}

def DS_LayerNormalizationOp : DS_ComputeOp<"layer_normalization",
    [Pure, DS_InferTypes, AttrSizedResultSegments]> {
  let summary = "Layer normalization over the trailing axes";
  let description = [{
    Normalizes `x` over the axes from `axis` on:
    `y = (x - mean) * inv_std_dev * scale + bias`, with
    `inv_std_dev = 1 / sqrt(var + epsilon)`, the statistics computed in the
    precision given by `stash_type` (an ONNX data type: 1 = f32, 10 = f16,
    11 = f64, 16 = bf16). `scale` and the optional `bias` broadcast
    unidirectionally to `x.shape[axis:]`. The canonical form is ONNX opset 17.

    The statistics `mean` and `inv_std_dev` are optional results, present
    together or not at all; their shape is that of `x` with the dimensions
    from `axis` on set to 1, and their element type is `stash_type`'s.

    Example:

    ```mlir
    %y = ds.layer_normalization %x, %scale, %bias
        : (tensor<?x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> (tensor<?x128x768xf32>)
    %z, %mean, %isd = ds.layer_normalization %x, %scale {axis = 1 : i64}
        : (tensor<2x3x4xf16>, tensor<3x4xf16>)
        -> (tensor<2x3x4xf16>, tensor<2x1x1xf32>, tensor<2x1x1xf32>)
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$x, DS_FloatTensor:$scale,
                            Optional<DS_FloatTensor>:$bias,
                            DefaultValuedAttr<I64Attr, "-1">:$axis),
                       DS_NormEpsilonArg, DS_NormStashTypeArg,
                       DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$y, Optional<DS_FloatTensor>:$mean,
                      Optional<DS_FloatTensor>:$inv_std_dev);
  let assemblyFormat = [{
    $x `,` $scale (`,` $bias^)? attr-dict `:` `(` type(operands) `)`
    `->` `(` type($y) (`,` type($mean)^)? (`,` type($inv_std_dev)^)? `)`
  }];
  let hasVerifier = 1;
}

def DS_GroupNormalizationOp : DS_ComputeOp<"group_normalization",
    [Pure, DS_InferTypes]> {
  let summary = "Group normalization with per-channel scale and bias";
  let description = [{
    Splits the `C` channels of `x` (shape `N x C x D1 x ... x Dk`) into
    `num_groups` groups of consecutive channels, normalizes each group of
    each sample over its channels and spatial positions, and applies the
    per-channel `scale` and `bias` (1-D of size `C`):
    `y = scale * (x - mean) / sqrt(var + epsilon) + bias`. The statistics are
    computed in the precision given by `stash_type` (as for
    `ds.layer_normalization`). `C` must be divisible by `num_groups`.

    The canonical form is ONNX opset 21; the importer expands the per-group
    scale and bias of opset 18 to per-channel ones.

    Example:

    ```mlir
    %y = ds.group_normalization %x, %scale, %bias {num_groups = 8 : i64}
        : (tensor<?x32x?x?xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<?x32x?x?xf32>
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$x, DS_FloatTensor:$scale,
                            DS_FloatTensor:$bias, I64Attr:$num_groups),
                       DS_NormEpsilonArg, DS_NormStashTypeArg,
                       DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$y);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
}

def DS_InstanceNormalizationOp : DS_ComputeOp<"instance_normalization",
    [Pure, DS_InferTypes]> {
  let summary = "Instance normalization over the spatial axes";
  let description = [{
    Normalizes each channel of each sample of `x` (shape
    `N x C x D1 x ... x Dk`, k >= 1) over its spatial positions and applies
    the per-channel `scale` and `bias` (1-D of size `C`):
    `y = scale * (x - mean) / sqrt(var + epsilon) + bias`.

    Example:

    ```mlir
    %y = ds.instance_normalization %x, %scale, %bias {epsilon = 1.0e-03 : f32}
        : (tensor<1x3x?x?xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x?x?xf32>
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$x, DS_FloatTensor:$scale,
                            DS_FloatTensor:$bias),
                       DS_NormEpsilonArg, DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$y);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Normalizations along one axis
//===----------------------------------------------------------------------===//

/// An op normalizing its input along `axis`; the result has the input's type.
class DS_AxisNormOp<string mnemonic, string summaryText, string body,
                    dag extraArgs, list<Trait> traits>
    : DS_Op<mnemonic, traits # [Pure, DS_InferTypesWith<
        "inferredReturnTypes.push_back(adaptor.getInput().getType());"
        " return ::mlir::success();">]> {
  let summary = summaryText;
  let description = body # [{

    Example:

    ```mlir
    %y = ds.}] # mnemonic # [{ %x {axis = 1 : i64}
        : (tensor<?x10xf32>) -> tensor<?x10xf32>
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$input,
                            DefaultValuedAttr<I64Attr, "-1">:$axis),
                       extraArgs);
  let results = (outs DS_FloatTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
}

def DS_SoftmaxOp : DS_AxisNormOp<"softmax", "Softmax along one axis", [{
    `output = exp(x) / sum(exp(x))`, the sum taken along `axis` (in
    `[-r, r)` for an input of rank `r`). The canonical form is ONNX opset
    13's; the importer rewrites the coerce-to-2-D form of older opsets.
  }], DS_PrecisionArg, [DS_ComputePrecisionOpInterface]>;

def DS_LogSoftmaxOp : DS_AxisNormOp<"log_softmax",
    "Logarithm of the softmax along one axis", [{
    `output = x - log(sum(exp(x)))`, the sum taken along `axis` (in
    `[-r, r)` for an input of rank `r`). The canonical form is ONNX opset
    13's; the importer rewrites the coerce-to-2-D form of older opsets.
  }], DS_PrecisionArg, [DS_ComputePrecisionOpInterface]>;

def DS_HardmaxOp : DS_AxisNormOp<"hardmax",
    "One-hot of the first maximum along one axis", [{
    `output` is 1 at the first maximal element of each slice along `axis`
    and 0 elsewhere. The canonical form is ONNX opset 13's; the importer
    rewrites the coerce-to-2-D form of older opsets. The op only compares, so
    it takes no `precision`. Over an axis of size 1 it folds to a constant 1
    when the shape is static.
  }], (ins), []> {
  let hasFolder = 1;
}

def DS_LpNormalizationOp : DS_AxisNormOp<"lp_normalization",
    "Lp normalization along one axis", [{
    `output = x / norm_p(x)`, the L1 (`p = 1`) or L2 (`p = 2`, the default)
    norm taken along `axis`.
  }], !con((ins DefaultValuedAttr<I64Attr, "2">:$p), DS_PrecisionArg),
  [DS_ComputePrecisionOpInterface]>;

#endif // DS_NORMALIZATION_OPS_TD
