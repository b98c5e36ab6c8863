//===- RecurrentOps.td - Recurrent ds ops ------------------*- tablegen -*-===//
//
// Part of ds. The recurrent layers of ONNX (LSTM, GRU, RNN); Scan, a region
// op that iterates a body over slices of its inputs, with its terminator;
// and the stateful sequence ops of opset 27, CausalConvWithState and
// LinearAttention.
//
//===----------------------------------------------------------------------===//

#ifndef DS_RECURRENT_OPS_TD
#define DS_RECURRENT_OPS_TD

include "dialects/ds/DSBase.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

//===----------------------------------------------------------------------===//
// LSTM, GRU, RNN
//===----------------------------------------------------------------------===//

/// The text shared by the descriptions of the recurrent layers.
defvar DS_RecurrentCommonDoc = [{

    Shapes, with `D` the number of directions (2 when `direction` is
    `bidirectional`, 1 for `forward` and `reverse`), `S` the sequence
    length, `N` the batch size, `I` the input size and `H` the hidden size:

    | operand / result | `layout = 0` (default) | `layout = 1` |
    |---|---|---|
    | `X` | `[S, N, I]` | `[N, S, I]` |
    | `initial_h`, `Y_h` (and `initial_c`, `Y_c`) | `[D, N, H]` | `[N, D, H]` |
    | `Y` | `[S, D, N, H]` | `[N, S, D, H]` |

    The weights do not depend on the layout: `W` is `[D, G*H, I]`, `R` is
    `[D, G*H, H]` and `B` (the input and recurrence biases, concatenated) is
    `[D, 2*G*H]`, with `G` gates per direction. `sequence_lens` (`i32`,
    `[N]`) gives the length of each sequence of the batch (all `S` when
    absent); the outputs past a sequence's end are zero. Absent `B`,
    `initial_h` (and `initial_c`, `P`) are zero. Every float operand and the
    results have one element type.

    Attributes, as in ONNX:

    * `direction`: `forward` (default), `reverse` or `bidirectional`;
    * `hidden_size`: `H`, at least 1; the importer sets it from the shape of
      `R` when the model leaves it out and that shape is static;
    * `activations`: the activation functions, one list per direction
      (concatenated, forward first). Each is one of `Relu`, `Tanh`,
      `Sigmoid`, `Affine`, `LeakyRelu`, `ThresholdedRelu`, `ScaledTanh`,
      `HardSigmoid`, `Elu`, `Softsign` or `Softplus`;
    * `activation_alpha`, `activation_beta`: the parameters of the listed
      activations that take one, consumed in order by those activations
      (`Affine`, `LeakyRelu`, `ThresholdedRelu`, `ScaledTanh`, `HardSigmoid`,
      `Elu` take an alpha; `Affine`, `ScaledTanh`, `HardSigmoid` a beta); an
      activation left without one uses the default of the ONNX op of that
      name. There may be no more values than activations that take them;
    * `clip`: when present, the pre-activation values are clipped to
      `[-clip, clip]`; it must be positive;
    * `layout`: 0 or 1, see above (ONNX opset 14; 0 before).

    The results are always all present (unused ones are simply unused); in
    ONNX every output is optional.

    Canonical form (the importer's): absent optional inputs (an empty name
    in ONNX) are absent operands; `activations` is left out when it lists the
    defaults without parameters, and activation names are spelled as in the
    ONNX specification (the importer accepts any case); empty
    `activation_alpha` or `activation_beta` lists are left out.
}];

/// The operands and attributes shared by LSTM, GRU and RNN, after X, W, R,
/// B, sequence_lens and initial_h.
defvar DS_RecurrentAttrs = (ins
    DefaultValuedAttr<StrAttr, "\"forward\"">:$direction,
    OptionalAttr<I64Attr>:$hidden_size,
    OptionalAttr<StrArrayAttr>:$activations,
    OptionalAttr<DenseF32ArrayAttr>:$activation_alpha,
    OptionalAttr<DenseF32ArrayAttr>:$activation_beta,
    OptionalAttr<F32Attr>:$clip,
    DefaultValuedAttr<I64Attr, "0">:$layout);

defvar DS_RecurrentInputs = (ins
    DS_FloatTensor:$X, DS_FloatTensor:$W, DS_FloatTensor:$R,
    Optional<DS_FloatTensor>:$B,
    Optional<TensorOf<[I32]>>:$sequence_lens,
    Optional<DS_FloatTensor>:$initial_h);

defvar DS_RecurrentInputsFormat = [{
    $X `,` $W `,` $R (`bias` $B^)? (`sequence_lens` $sequence_lens^)?
    (`initial_h` $initial_h^)?
}];

class DS_RecurrentOp<string mnemonic> : DS_ComputeOp<mnemonic, [Pure,
    AttrSizedOperandSegments, DS_InferTypes]> {
  let hasVerifier = 1;
}

def DS_LSTMOp : DS_RecurrentOp<"lstm"> {
  let summary = "ONNX LSTM: a one-layer long short-term memory network";
  let description = [{
    Runs an LSTM over the sequences of `X` (ONNX LSTM, opset 14 form). Per
    direction and time step `t`, with the gates in the order `i, o, f, c`
    along the `4*H` dimension of `W`, `R` and each half of `B`, and the
    peephole weights `P` (`[D, 3*H]`) in the order `i, o, f`:

    ```
    i = f(X[t] W_i^T + H[t-1] R_i^T + P_i * C[t-1] + Wb_i + Rb_i)
    f = f(X[t] W_f^T + H[t-1] R_f^T + P_f * C[t-1] + Wb_f + Rb_f)
    c = g(X[t] W_c^T + H[t-1] R_c^T + Wb_c + Rb_c)
    C[t] = f * C[t-1] + i * c
    o = f(X[t] W_o^T + H[t-1] R_o^T + P_o * C[t] + Wb_o + Rb_o)
    H[t] = o * h(C[t])
    ```

    The activations `f, g, h` default to `Sigmoid, Tanh, Tanh` (3 per
    direction). With `input_forget` the forget gate is coupled to the input
    gate (`f = 1 - i`). `Y` stacks `H[t]` over the time steps; `Y_h` and
    `Y_c` are the last hidden and cell states.
  }] # DS_RecurrentCommonDoc # [{
    Example, a bidirectional LSTM with a bias and an initial state:

    ```mlir
    %y, %y_h, %y_c = ds.lstm %x, %w, %r bias %b initial_h %h0
        {direction = "bidirectional", hidden_size = 16 : i64}
        : (tensor<?x4x8xf32>, tensor<2x64x8xf32>, tensor<2x64x16xf32>,
           tensor<2x128xf32>, tensor<2x4x16xf32>)
        -> (tensor<?x2x4x16xf32>, tensor<2x4x16xf32>, tensor<2x4x16xf32>)
    ```
  }];
  let arguments = !con(DS_RecurrentInputs,
      (ins Optional<DS_FloatTensor>:$initial_c, Optional<DS_FloatTensor>:$P),
      DS_RecurrentAttrs,
      (ins DefaultValuedAttr<BoolAttr, "false">:$input_forget),
      DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$Y, DS_FloatTensor:$Y_h,
                      DS_FloatTensor:$Y_c);
  let assemblyFormat = DS_RecurrentInputsFormat # [{
    (`initial_c` $initial_c^)? (`peepholes` $P^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def DS_GRUOp : DS_RecurrentOp<"gru"> {
  let summary = "ONNX GRU: a one-layer gated recurrent unit network";
  let description = [{
    Runs a GRU over the sequences of `X` (ONNX GRU, opset 14 form). Per
    direction and time step `t`, with the gates in the order `z, r, h` along
    the `3*H` dimension of `W`, `R` and each half of `B`:

    ```
    z = f(X[t] W_z^T + H[t-1] R_z^T + Wb_z + Rb_z)
    r = f(X[t] W_r^T + H[t-1] R_r^T + Wb_r + Rb_r)
    h = g(X[t] W_h^T + (r * H[t-1]) R_h^T + Rb_h + Wb_h)      // default
    h = g(X[t] W_h^T + r * (H[t-1] R_h^T + Rb_h) + Wb_h)      // linear_before_reset
    H[t] = (1 - z) * h + z * H[t-1]
    ```

    The activations `f, g` default to `Sigmoid, Tanh` (2 per direction).
    `Y` stacks `H[t]` over the time steps; `Y_h` is the last hidden state.
  }] # DS_RecurrentCommonDoc # [{
    Example:

    ```mlir
    %y, %y_h = ds.gru %x, %w, %r {hidden_size = 16 : i64, layout = 1 : i64,
                                  linear_before_reset = true}
        : (tensor<4x?x8xf32>, tensor<1x48x8xf32>, tensor<1x48x16xf32>)
        -> (tensor<4x?x1x16xf32>, tensor<4x1x16xf32>)
    ```
  }];
  let arguments = !con(DS_RecurrentInputs, DS_RecurrentAttrs,
      (ins DefaultValuedAttr<BoolAttr, "false">:$linear_before_reset),
      DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$Y, DS_FloatTensor:$Y_h);
  let assemblyFormat = DS_RecurrentInputsFormat # [{
    attr-dict `:` functional-type(operands, results)
  }];
}

def DS_RNNOp : DS_RecurrentOp<"rnn"> {
  let summary = "ONNX RNN: a one-layer simple recurrent network";
  let description = [{
    Runs a simple recurrent network over the sequences of `X` (ONNX RNN,
    opset 14 form). Per direction and time step `t`:

    ```
    H[t] = f(X[t] W^T + H[t-1] R^T + Wb + Rb)
    ```

    The activation `f` defaults to `Tanh` (one per direction). `Y` stacks
    `H[t]` over the time steps; `Y_h` is the last hidden state.
  }] # DS_RecurrentCommonDoc # [{
    Example, a reverse RNN over variable-length sequences:

    ```mlir
    %y, %y_h = ds.rnn %x, %w, %r sequence_lens %lens
        {activations = ["Relu"], direction = "reverse", hidden_size = 8 : i64}
        : (tensor<10x4x3xf32>, tensor<1x8x3xf32>, tensor<1x8x8xf32>, tensor<4xi32>)
        -> (tensor<10x1x4x8xf32>, tensor<1x4x8xf32>)
    ```
  }];
  let arguments = !con(DS_RecurrentInputs, DS_RecurrentAttrs,
                       DS_PrecisionArg);
  let results = (outs DS_FloatTensor:$Y, DS_FloatTensor:$Y_h);
  let assemblyFormat = DS_RecurrentInputsFormat # [{
    attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// ScanYieldOp
//===----------------------------------------------------------------------===//

def DS_ScanYieldOp : DS_Op<"scan_yield", [Pure, Terminator,
    HasParent<"ScanOp">,
    DeclareOpInterfaceMethods<RegionBranchTerminatorOpInterface>]> {
  let summary = "Yields the state and scan values of a `ds.scan` body";
  let description = [{
    Terminates the body of `ds.scan`: it yields the new values of the state
    variables, then one value per scan output, `(states..., scans...)`, as
    the ONNX Scan body graph does. The states flow back into the body (or
    out to the results); the scan values are concatenated into the scan
    outputs.

    Example:

    ```mlir
    ds.scan_yield %h, %h : tensor<4xf32>, tensor<4xf32>
    ```
  }];
  let arguments = (ins Variadic<DS_DataTensor>:$operands);
  let assemblyFormat = "attr-dict ($operands^ `:` type($operands))?";
  let builders = [
    OpBuilder<(ins), [{ build($_builder, $_state, ::mlir::ValueRange()); }]>
  ];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// ScanOp
//===----------------------------------------------------------------------===//

def DS_ScanOp : DS_Op<"scan", [
    DeclareOpInterfaceMethods<RegionBranchOpInterface, [
        "getEntrySuccessorOperands", "areTypesCompatible"]>,
    SingleBlock, DS_InferTypes, RecursiveMemoryEffects]> {
  let summary = "ONNX Scan: iterates a body over slices of its scan inputs";
  let description = [{
    ONNX Scan (opset 9 and later). The operands are the initial values of
    `N` state variables followed by `M = num_scan_inputs` (at least 1) scan
    inputs. The body runs once per slice of the scan inputs along their scan
    axis (all scan inputs have the same length there, the number of
    iterations). Its block takes `(states..., slices...)`, where each slice
    is the scan input without its scan axis, and it ends in
    `ds.scan_yield %states..., %scans...`: the new states and one value per
    scan output.

    The results are the final states followed by the `K` scan outputs; each
    scan output stacks the values yielded for it along its scan axis, so it
    has one more dimension than the yielded value, of the size of the number
    of iterations.

    Attributes, lists of `M` (inputs) or `K` (outputs) integers, all zeros
    when absent:

    * `scan_input_axes`: the scan axis of each scan input, in `[-r, r)` for
      an input of rank `r`;
    * `scan_input_directions`: 0 to scan the input forward, 1 backward;
    * `scan_output_axes`: the axis of each scan output along which the
      values are stacked, in `[-r, r)` for an output of rank `r`;
    * `scan_output_directions`: 0 to append each iteration's value, 1 to
      prepend it.

    As ONNX requires, a state keeps its shape over the iterations: the types
    of an initial value, its body argument, the yielded value and the result
    must be pairwise compatible. The body may use values defined above the
    op.

    Canonical form (the importer's): a list of the attributes above that
    holds only zeros is left out. Negative axes are kept (the importer
    rejects them before ONNX opset 11, which introduced them).

    Example, a running sum over the rows of `%x` that also stacks the
    partial sums in reverse order:

    ```mlir
    %sum, %partials = ds.scan %init, %x
        {num_scan_inputs = 1 : i64, scan_output_directions = array<i64: 1>}
        : (tensor<4xf32>, tensor<10x4xf32>) -> (tensor<4xf32>, tensor<10x4xf32>) {
    ^bb0(%acc: tensor<4xf32>, %row: tensor<4xf32>):
      %next = ds.add %acc, %row : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      ds.scan_yield %next, %next : tensor<4xf32>, tensor<4xf32>
    }
    ```

    The body block arguments are always printed.
  }];
  let arguments = (ins Variadic<DS_DataTensor>:$inputs,
                       I64Attr:$num_scan_inputs,
                       OptionalAttr<DenseI64ArrayAttr>:$scan_input_axes,
                       OptionalAttr<DenseI64ArrayAttr>:$scan_input_directions,
                       OptionalAttr<DenseI64ArrayAttr>:$scan_output_axes,
                       OptionalAttr<DenseI64ArrayAttr>:$scan_output_directions);
  let results = (outs Variadic<DS_DataTensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, $results) $body
  }];
  let extraClassDeclaration = [{
    /// The body's terminator.
    ::ds::ScanYieldOp bodyYield();
    /// Number of state variables (N).
    unsigned getNumStates() {
      int64_t scans = static_cast<int64_t>(getNumScanInputs());
      int64_t inputs = getInputs().size();
      return scans >= 0 && scans <= inputs ? inputs - scans : 0;
    }
    /// The initial values of the states.
    ::mlir::OperandRange getInitialStates() {
      return getInputs().take_front(getNumStates());
    }
    /// The scan inputs.
    ::mlir::OperandRange getScanInputs() {
      return getInputs().drop_front(getNumStates());
    }
    /// The body arguments that receive the states.
    ::mlir::Block::BlockArgListType getRegionIterArgs() {
      return getBody().getArguments().take_front(getNumStates());
    }
    /// The results that are scan outputs.
    ::mlir::ResultRange getScanOutputs() {
      return getResults().drop_front(
          std::min<unsigned>(getNumStates(), getNumResults()));
    }
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// CausalConvWithState
//===----------------------------------------------------------------------===//

defvar DS_StateFloatTensor = TensorOf<[F16, BF16, F32]>;

def DS_CausalConvWithStateOp : DS_ComputeOp<"causal_conv_with_state", [Pure,
    AttrSizedOperandSegments, DS_InferTypes]> {
  let summary = "ONNX CausalConvWithState: a stateful causal depthwise 1-D "
                "convolution";
  let description = [{
    ONNX CausalConvWithState (opset 27), the convolution step of Mamba and
    Gated DeltaNet blocks. `input` is `[N, C, L]` and `weight` is
    `[C, 1, K]` (a depthwise `Conv` weight, `K >= 1`). The sequence
    `past_state ++ input` (concatenated along the last axis; `past_state`,
    `[N, C, K - 1]`, is zeros when absent) is convolved channel by channel
    with `weight`, without padding, so that each output position sees the
    current and the `K - 1` previous positions; `bias` (`[C]`) is added and,
    with `activation = "silu"` or `"swish"` (the same function,
    `x * sigmoid(x)`), the activation applied. `output` has the shape of
    `input`; `present_state` (`[N, C, K - 1]`) holds the last `K - 1`
    positions of the concatenated sequence, the state of the next step.

    `activation` is `none` (default), `silu` or `swish`. Every operand and
    result has one element type (`f16`, `bf16` or `f32`).

    Canonical form (the importer's): absent optional inputs are absent
    operands.

    Example, one decoding step:

    ```mlir
    %y, %state = ds.causal_conv_with_state %x, %w bias %b past_state %s
        {activation = "silu"}
        : (tensor<1x64x1xf16>, tensor<64x1x4xf16>, tensor<64xf16>, tensor<1x64x3xf16>)
        -> (tensor<1x64x1xf16>, tensor<1x64x3xf16>)
    ```
  }];
  let arguments = !con((ins
      DS_StateFloatTensor:$input, DS_StateFloatTensor:$weight,
      Optional<DS_StateFloatTensor>:$bias,
      Optional<DS_StateFloatTensor>:$past_state,
      DefaultValuedAttr<StrAttr, "\"none\"">:$activation), DS_PrecisionArg);
  let results = (outs DS_StateFloatTensor:$output,
                      DS_StateFloatTensor:$present_state);
  let assemblyFormat = [{
    $input `,` $weight (`bias` $bias^)? (`past_state` $past_state^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// LinearAttention
//===----------------------------------------------------------------------===//

def DS_LinearAttentionOp : DS_ComputeOp<"linear_attention", [Pure,
    AttrSizedOperandSegments, DS_InferTypes]> {
  let summary = "ONNX LinearAttention: recurrent linear attention";
  let description = [{
    ONNX LinearAttention (opset 27): linear attention with a recurrent state
    `S` (`[d_k, d_v]` per key/value head), for decoding (`T = 1`) and
    prefill (`T > 1`). `query` is `[N, T, H_q * d_k]`, `key` is
    `[N, T, H_kv * d_k]` and `value` is `[N, T, H_kv * d_v]`, with the heads
    packed into the last dimension; `H_q = q_num_heads` must be a multiple
    of `H_kv = kv_num_heads` (each key/value head serves `H_q / H_kv` query
    heads). Per token `t`, with `g` the log-space `decay` and `b` the update
    rate `beta`:

    * `linear`: `S = S + k v^T`;
    * `gated`: `S = exp(g) S + k v^T`;
    * `delta`: `S = S + b k (v - S^T k)^T`;
    * `gated_delta` (default): `S = exp(g) S + b k (v - exp(g) S^T k)^T`;

    and `o = scale * S^T q`. `output` is `[N, T, H_q * d_v]` and
    `present_state`, the state after the last token, `[N, H_kv, d_k, d_v]`,
    like `past_state` (zeros when absent).

    `decay` is `[N, T, H_kv * d_k]` (a decay per key dimension) or
    `[N, T, H_kv]` (per head), required by `gated` and `gated_delta`;
    `beta` is `[N, T, H_kv]` or `[N, T, 1]`, required by `delta` and
    `gated_delta`. The rules that do not use them ignore them. `scale = 0`
    (the default) means `1 / sqrt(d_k)`. `chunk_size` (default 64, positive)
    is a hint for chunked implementations of prefill and does not change
    the result.

    `query`, `key`, `value`, `decay`, `beta` and `output` have one element
    type, `past_state` and `present_state` another (each `f16`, `bf16` or
    `f32`).

    Canonical form (the importer's): absent optional inputs are absent
    operands.

    Example, one decoding step with 8 query heads sharing 2 key/value
    heads:

    ```mlir
    %o, %s = ds.linear_attention %q, %k, %v past_state %s0 decay %g beta %b
        {kv_num_heads = 2 : i64, q_num_heads = 8 : i64}
        : (tensor<1x1x512xf16>, tensor<1x1x128xf16>, tensor<1x1x128xf16>,
           tensor<1x2x64x64xf32>, tensor<1x1x2xf16>, tensor<1x1x2xf16>)
        -> (tensor<1x1x512xf16>, tensor<1x2x64x64xf32>)
    ```
  }];
  let arguments = !con((ins
      DS_StateFloatTensor:$query, DS_StateFloatTensor:$key,
      DS_StateFloatTensor:$value,
      Optional<DS_StateFloatTensor>:$past_state,
      Optional<DS_StateFloatTensor>:$decay,
      Optional<DS_StateFloatTensor>:$beta,
      DefaultValuedAttr<I64Attr, "64">:$chunk_size,
      I64Attr:$kv_num_heads, I64Attr:$q_num_heads,
      DefaultValuedAttr<F32Attr, "0.0">:$scale,
      DefaultValuedAttr<StrAttr, "\"gated_delta\"">:$update_rule),
      DS_PrecisionArg);
  let results = (outs DS_StateFloatTensor:$output,
                      DS_StateFloatTensor:$present_state);
  let assemblyFormat = [{
    $query `,` $key `,` $value (`past_state` $past_state^)?
    (`decay` $decay^)? (`beta` $beta^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // DS_RECURRENT_OPS_TD
