//===- RandomOps.td - Random ds ops ------------------------*- tablegen -*-===//
//
// Part of ds. Tensors of random values: RandomNormal, RandomUniform, their
// *Like forms, Bernoulli and Multinomial.
//
//===----------------------------------------------------------------------===//

#ifndef DS_RANDOM_OPS_TD
#define DS_RANDOM_OPS_TD

include "dialects/ds/DSBase.td"

//===----------------------------------------------------------------------===//
// Shared pieces
//===----------------------------------------------------------------------===//

/// The element type of the result, as a type attribute.
def DS_RandomFloatTypeAttr : TypeAttrOf<DS_Float>;
def DS_RandomElementTypeAttr : TypeAttrOf<AnyTypeOf<DS_AllTypes>>;
def DS_RandomIndexTypeAttr : TypeAttrOf<AnyTypeOf<[I32, I64]>>;

/// The result of a random op. Each op draws fresh values: it allocates its
/// result (a memory effect on the result value), so that two identical ops
/// are never merged by CSE nor hoisted, while an unused one is still dead.
class DS_RandomResult<Type T> : Res<T, "", [MemAlloc]>;

defvar DS_RandomSemantics = [{

    **Side effects.** Every execution of the op draws new values, so two ops
    with the same operands and attributes are not equivalent. The op has a
    memory effect (it allocates its result): CSE does not merge two of them
    and they are not hoisted or speculated, but an op whose result is unused
    is dead and may be erased.

    **Seed.** `seed` (an `f32`, as in ONNX) seeds the op's generator: with a
    seed, an implementation gives the same sequence of values on every run
    of the compiled model; without one it chooses a seed of its own. ONNX
    does not fix the generator, so seeded values are reproducible within one
    implementation but not across implementations; ops with equal seeds are
    still distinct ops.
}];

/// The ops whose result element type is `dtype` or, when it is absent, that
/// of the input; `dtype` is dropped when it equals the input's (the
/// canonical form).
class DS_RandomLikeOp<string mnemonic, string dist, string what,
                      dag distArgs, string exampleAttrs, string foldText>
    : DS_Op<mnemonic, [DS_InferTypes]> {
  let summary = "Random values from a " # dist # " distribution, shaped like "
    # "the input";
  let description = !strconcat([{
    Returns a tensor with the shape of `input` whose elements are drawn
    independently from the }], what, [{. The element type is `dtype` (a
    floating-point type) or, without it, that of `input`, which must then
    be floating-point. The input's values are not read.

    Canonical form: `dtype` is absent when it equals the input's element
    type (the folder drops it). }], foldText, DS_RandomSemantics, [{

    Example:

    ```mlir
    %r = ds.}], mnemonic, [{ %x {dtype = f16, }], exampleAttrs, [{}
        : (tensor<?x8xi64>) -> tensor<?x8xf16>
    ```
  }]);
  let arguments = !con((ins DS_Tensor:$input,
                            OptionalAttr<DS_RandomFloatTypeAttr>:$dtype),
                       distArgs, (ins OptionalAttr<F32Attr>:$seed));
  let results = (outs DS_RandomResult<DS_FloatTensor>:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

defvar DS_RandomNormalArgs = (ins DefaultValuedAttr<F32Attr, "0.0">:$mean,
                                  DefaultValuedAttr<F32Attr, "1.0">:$scale);
defvar DS_RandomUniformArgs = (ins DefaultValuedAttr<F32Attr, "0.0">:$low,
                                   DefaultValuedAttr<F32Attr, "1.0">:$high);

//===----------------------------------------------------------------------===//
// RandomNormal, RandomUniform
//===----------------------------------------------------------------------===//

def DS_RandomNormalOp : DS_Op<"random_normal", [DS_InferTypes]> {
  let summary = "Random values from a normal distribution";
  let description = !strconcat([{
    Returns a tensor of shape `shape` (non-negative sizes) and element type
    `dtype` (a floating-point type) whose elements are drawn independently
    from the normal distribution of mean `mean` and standard deviation
    `scale`. When `scale` is 0 and the shape is static, the op folds to a
    constant splat of `mean`.
  }], DS_RandomSemantics, [{

    Example:

    ```mlir
    %r = ds.random_normal {dtype = f32, mean = 0.0 : f32, scale = 2.0 : f32,
                           seed = 7.0 : f32, shape = array<i64: 2, 3>}
        : () -> tensor<2x3xf32>
    ```
  }]);
  let arguments = !con((ins DenseI64ArrayAttr:$shape,
                            DS_RandomFloatTypeAttr:$dtype),
                       DS_RandomNormalArgs, (ins OptionalAttr<F32Attr>:$seed));
  let results = (outs DS_RandomResult<DS_FloatTensor>:$output);
  let assemblyFormat = "attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def DS_RandomUniformOp : DS_Op<"random_uniform", [DS_InferTypes]> {
  let summary = "Random values from a uniform distribution";
  let description = !strconcat([{
    Returns a tensor of shape `shape` (non-negative sizes) and element type
    `dtype` (a floating-point type) whose elements are drawn independently
    from the uniform distribution on `[low, high)`; `low` must not exceed
    `high`. When `low` equals `high` and the shape is static, the op folds
    to a constant splat of `low`.
  }], DS_RandomSemantics, [{

    Example:

    ```mlir
    %r = ds.random_uniform {dtype = f16, high = 1.0 : f32, low = -1.0 : f32,
                            shape = array<i64: 4>}
        : () -> tensor<4xf16>
    ```
  }]);
  let arguments = !con((ins DenseI64ArrayAttr:$shape,
                            DS_RandomFloatTypeAttr:$dtype),
                       DS_RandomUniformArgs, (ins OptionalAttr<F32Attr>:$seed));
  let results = (outs DS_RandomResult<DS_FloatTensor>:$output);
  let assemblyFormat = "attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def DS_RandomNormalLikeOp : DS_RandomLikeOp<"random_normal_like", "normal",
    "normal distribution of mean `mean` and standard deviation `scale`",
    DS_RandomNormalArgs, "scale = 0.5 : f32",
    "When `scale` is 0 and the shape is static, the op folds to a constant "
    # "splat of `mean`.">;

def DS_RandomUniformLikeOp : DS_RandomLikeOp<"random_uniform_like", "uniform",
    "uniform distribution on `[low, high)` (`low` must not exceed `high`)",
    DS_RandomUniformArgs, "low = -1.0 : f32",
    "When `low` equals `high` and the shape is static, the op folds to a "
    # "constant splat of `low`.">;

//===----------------------------------------------------------------------===//
// Bernoulli, Multinomial
//===----------------------------------------------------------------------===//

def DS_BernoulliOp : DS_Op<"bernoulli", [DS_InferTypes]> {
  let summary = "Random 0 or 1 with the given probabilities";
  let description = !strconcat([{
    Returns a tensor with the shape of `input` whose elements are 1 with the
    probability given by the corresponding element of `input` (in `[0, 1]`)
    and 0 otherwise. The element type is `dtype` (any ds element type, `i1`
    included) or, without it, that of `input`.

    Canonical form: `dtype` is absent when it equals the input's element
    type (the folder drops it). A constant splat input of 0 or 1 folds to a
    constant when the shape is static.
  }], DS_RandomSemantics, [{

    Example:

    ```mlir
    %b = ds.bernoulli %p {dtype = i1, seed = 1.0 : f32}
        : (tensor<?x16xf32>) -> tensor<?x16xi1>
    ```
  }]);
  let arguments = (ins DS_FloatTensor:$input,
                       OptionalAttr<DS_RandomElementTypeAttr>:$dtype,
                       OptionalAttr<F32Attr>:$seed);
  let results = (outs DS_RandomResult<DS_Tensor>:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

def DS_MultinomialOp : DS_Op<"multinomial", [DS_InferTypes]> {
  let summary = "Samples of class indices from categorical distributions";
  let description = !strconcat([{
    `input` has shape `[batch, classes]` and holds, for each batch row, the
    unnormalized log-probabilities of the classes: class `c` of row `b` is
    drawn with probability `exp(input[b, c]) / sum_k exp(input[b, k])`. The
    result, of shape `[batch, sample_size]` and element type `dtype` (`i32`
    or `i64`, ONNX's default being `i32`), holds `sample_size` (at least 1)
    independent draws per row. With a single class and a static result shape
    the op folds to a constant 0.
  }], DS_RandomSemantics, [{

    Example:

    ```mlir
    %s = ds.multinomial %logits {dtype = i64, sample_size = 5 : i64}
        : (tensor<?x10xf32>) -> tensor<?x5xi64>
    ```
  }]);
  let arguments = (ins DS_FloatTensor:$input, DS_RandomIndexTypeAttr:$dtype,
                       DefaultValuedAttr<I64Attr, "1">:$sample_size,
                       OptionalAttr<F32Attr>:$seed);
  let results = (outs DS_RandomResult<DS_IndexTensor>:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

#endif // DS_RANDOM_OPS_TD
