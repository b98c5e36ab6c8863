//===- SignalOps.td - Signal ds ops ------------------------*- tablegen -*-===//
//
// Part of ds. Fourier transforms (DFT, STFT) and the mel filter bank
// (MelWeightMatrix). Complex values are real tensors whose last dimension
// holds the real and the imaginary part (size 2) or only the real part
// (size 1).
//
//===----------------------------------------------------------------------===//

#ifndef DS_SIGNAL_OPS_TD
#define DS_SIGNAL_OPS_TD

include "dialects/ds/DSBase.td"

//===----------------------------------------------------------------------===//
// DFT
//===----------------------------------------------------------------------===//

def DS_DFTOp : DS_ComputeOp<"dft", [Pure, DS_InferTypes,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Discrete Fourier transform along one axis";
  let description = [{
    Computes the discrete Fourier transform of `input` along `axis`, or with
    `inverse` its inverse (scaled by `1 / n`):

        y[k] = sum_{m < n} x[m] * exp(-2 pi i k m / n)

    The last dimension of `input` holds complex numbers: size 1 for real
    values, 2 for the real and imaginary parts. `axis` is a signal axis, in
    `[-r, -2]` or `[0, r - 2]` for an input of rank `r >= 2`. `dft_length`,
    an optional `i32` or `i64` scalar (rank 0 or one element), is the
    transform length `n`: the signal is truncated or zero-padded to it.
    Without it `n` is the size of `axis`, or twice that size less 2 for the
    inverse one-sided transform.

    The result is complex (last dimension 2) with size `n` along `axis`,
    except for the one-sided transforms (`onesided`): the forward one takes
    a real input and gives the `n / 2 + 1` (rounded down) non-redundant
    frequencies; the inverse one takes a complex input holding those
    frequencies and gives a real signal (last dimension 1) of size `n`.

    Canonical form: the axis is an attribute (an attribute in ONNX opset 17,
    an input since opset 20, where it must be a constant); it is always
    present, the importer supplying ONNX's default of each opset (1 in
    opset 17, -2 since opset 20).

    Example:

    ```mlir
    %y = ds.dft %x {axis = 1 : i64, onesided = true}
        : (tensor<?x16x1xf32>) -> tensor<?x9x2xf32>
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$input,
                            Optional<DS_IndexTensor>:$dft_length,
                            I64Attr:$axis,
                            DefaultValuedAttr<BoolAttr, "false">:$inverse,
                            DefaultValuedAttr<BoolAttr, "false">:$onesided),
                       DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
}

//===----------------------------------------------------------------------===//
// STFT
//===----------------------------------------------------------------------===//

def DS_STFTOp : DS_ComputeOp<"stft", [Pure, AttrSizedOperandSegments,
    DS_InferTypes, AllElementTypesMatch<["signal", "output"]>]> {
  let summary = "Short-time Fourier transform";
  let description = [{
    Slides a frame of `frame_length` samples over `signal` in steps of
    `frame_step` samples and computes the discrete Fourier transform of each
    frame, multiplied by `window` when given.

    `signal` has shape `[batch, signal_length, 1]` (real) or
    `[batch, signal_length, 2]` (complex). `frame_step` and `frame_length`
    are `i32` or `i64` scalars (rank 0 or one element) of the same type,
    `frame_step` positive. `window` is a 1-D tensor of the signal's element
    type. The frame length is `frame_length`, else the size of `window`,
    else `signal_length`; when both are given they must agree, and the frame
    may not be longer than the signal.

    The result has shape `[batch, frames, bins, 2]` with
    `frames = (signal_length - frame_length) / frame_step + 1` (rounded
    down) and `bins = frame_length / 2 + 1` (rounded down) with `onesided`
    (the default, which needs a real signal) or `frame_length` without.

    Example:

    ```mlir
    %s = ds.stft %x, %step window %w
        : (tensor<1x128x1xf32>, tensor<i64>, tensor<16xf32>)
        -> tensor<1x15x9x2xf32>
    ```
  }];
  let arguments = !con((ins DS_FloatTensor:$signal,
                            DS_IndexTensor:$frame_step,
                            Optional<DS_FloatTensor>:$window,
                            Optional<DS_IndexTensor>:$frame_length,
                            DefaultValuedAttr<BoolAttr, "true">:$onesided),
                       DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$output);
  let assemblyFormat = [{
    $signal `,` $frame_step (`window` $window^)?
    (`frame_length` $frame_length^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// MelWeightMatrix
//===----------------------------------------------------------------------===//

def DS_SignalNumericTypeAttr : TypeAttrOf<AnyTypeOf<
    !listconcat(DS_FloatTypes, DS_IntTypes)>>;

def DS_MelWeightMatrixOp : DS_Op<"mel_weight_matrix", [Pure, DS_InferTypes]> {
  let summary = "Triangular mel filter bank for a one-sided spectrum";
  let description = [{
    Returns the matrix of shape `[dft_length / 2 + 1, num_mel_bins]` (sizes
    rounded down) and element type `output_datatype` (any numeric type) that
    maps a one-sided linear spectrum of a `dft_length`-point DFT of a signal
    sampled at `sample_rate` hertz to `num_mel_bins` mel bands between
    `lower_edge_hertz` and `upper_edge_hertz`, as ONNX's reference defines
    it. With `mel(f) = 2595 * log10(1 + f / 700)`, the `num_mel_bins + 2`
    band edges `e_i` are equally spaced in mel, from `mel(lower)` in steps
    of `(mel(upper) - mel(lower)) / (num_mel_bins + 2)`, and mapped back to
    spectrum bins `b_i = floor((dft_length + 1) * hz(e_i) / sample_rate)`.
    Column `i` is a triangle that rises linearly from 0 at `b_i` to 1 at
    `b_{i+1}` and falls back to 0 at `b_{i+2}`. Integer output types
    truncate the weights.

    `num_mel_bins`, `dft_length` and `sample_rate` are positive `i32` or
    `i64` scalars of one type; the edges are floating-point scalars of one
    type (scalars have rank 0 or one element).

    With constant operands the op folds to the matrix, computed in double
    precision, when every band edge falls inside the spectrum.

    Example:

    ```mlir
    %m = ds.mel_weight_matrix %bins, %n, %rate, %lo, %hi {output_datatype = f32}
        : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>, tensor<f32>)
        -> tensor<257x80xf32>
    ```
  }];
  let arguments = (ins DS_IndexTensor:$num_mel_bins,
                       DS_IndexTensor:$dft_length,
                       DS_IndexTensor:$sample_rate,
                       DS_FloatTensor:$lower_edge_hertz,
                       DS_FloatTensor:$upper_edge_hertz,
                       DS_SignalNumericTypeAttr:$output_datatype);
  let results = (outs DS_NumericTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

#endif // DS_SIGNAL_OPS_TD
