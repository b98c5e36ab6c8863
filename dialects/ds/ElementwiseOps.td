//===- ElementwiseOps.td - Elementwise ds ops ---------------*- tablegen -*-===//
//
// Part of ds. Unary, binary and ternary elementwise ops with numpy
// broadcasting, Clip and Cast.
//
//===----------------------------------------------------------------------===//

#ifndef DS_ELEMENTWISE_OPS_TD
#define DS_ELEMENTWISE_OPS_TD

include "dialects/ds/DSBase.td"

//===----------------------------------------------------------------------===//
// Unary ops
//===----------------------------------------------------------------------===//

/// The result has the type of the operand, or `resultElement` (a C++
/// expression of type mlir::Type, given `context`) as element type.
class DS_InferUnary<string resultElement = ""> : DS_InferTypesWith<!if(
    !empty(resultElement),
    "inferredReturnTypes.push_back(adaptor.getInput().getType());"
    " return ::mlir::success();",
    "inferredReturnTypes.push_back(::ds::withElementType("
    "adaptor.getInput().getType(), " # resultElement # "));"
    " return ::mlir::success();")>;

/// A unary elementwise op `y = formula(x)`. Float math ops are compute ops
/// and take the `precision` attribute.
class DS_UnaryBase<string mnemonic, Type operandType, Type resultType,
                   string formula, string exampleType, dag extraArgs,
                   string resultElement, list<Trait> traits>
    : DS_Op<mnemonic, traits # [Pure, DS_InferUnary<resultElement>]> {
  let summary = "Elementwise " # formula;
  let description = "Computes `" # formula # "` for each element `x` of "
    # "the input. The result has the shape of the input.\n\n"
    # "Example:\n\n```mlir\n%y = ds." # mnemonic # " %x : (tensor<2x?x"
    # exampleType # ">) -> tensor<2x?x" # !if(!empty(resultElement),
      exampleType, "i1") # ">\n```\n";
  let arguments = !con((ins operandType:$input), extraArgs);
  let results = (outs resultType:$output);
  let assemblyFormat = DS_FunctionalFormat;
}

class DS_UnaryOp<string mnemonic, Type T, string formula,
                 string exampleType = "f32", list<Trait> traits = []>
    : DS_UnaryBase<mnemonic, T, T, formula, exampleType, (ins), "", traits>;

/// A float math op: a compute op with `precision`, and `extraArgs` attributes.
class DS_FloatUnaryOp<string mnemonic, string formula,
                      dag extraArgs = (ins), list<Trait> traits = []>
    : DS_UnaryBase<mnemonic, DS_FloatTensor, DS_FloatTensor, formula, "f32",
                   !con(extraArgs, DS_PrecisionArg), "",
                   traits # [DS_ComputePrecisionOpInterface]>;

// Float math without attributes; constant operands fold.
let hasFolder = 1 in {
def DS_ExpOp : DS_FloatUnaryOp<"exp", "exp(x)">;
def DS_LogOp : DS_FloatUnaryOp<"log", "log(x)">;
def DS_SqrtOp : DS_FloatUnaryOp<"sqrt", "sqrt(x)">;
def DS_ReciprocalOp : DS_FloatUnaryOp<"reciprocal", "1 / x">;
def DS_SigmoidOp : DS_FloatUnaryOp<"sigmoid", "1 / (1 + exp(-x))">;
def DS_TanhOp : DS_FloatUnaryOp<"tanh", "tanh(x)">;
def DS_ErfOp : DS_FloatUnaryOp<"erf", "erf(x)">;
def DS_SinOp : DS_FloatUnaryOp<"sin", "sin(x)">;
def DS_CosOp : DS_FloatUnaryOp<"cos", "cos(x)">;
def DS_TanOp : DS_FloatUnaryOp<"tan", "tan(x)">;
def DS_AsinOp : DS_FloatUnaryOp<"asin", "asin(x)">;
def DS_AcosOp : DS_FloatUnaryOp<"acos", "acos(x)">;
def DS_AtanOp : DS_FloatUnaryOp<"atan", "atan(x)">;
def DS_SinhOp : DS_FloatUnaryOp<"sinh", "sinh(x)">;
def DS_CoshOp : DS_FloatUnaryOp<"cosh", "cosh(x)">;
def DS_AsinhOp : DS_FloatUnaryOp<"asinh", "asinh(x)">;
def DS_AcoshOp : DS_FloatUnaryOp<"acosh", "acosh(x)">;
def DS_AtanhOp : DS_FloatUnaryOp<"atanh", "atanh(x)">;
def DS_SoftplusOp : DS_FloatUnaryOp<"softplus", "log(1 + exp(x))">;
def DS_SoftsignOp : DS_FloatUnaryOp<"softsign", "x / (1 + |x|)">;
def DS_FloorOp : DS_FloatUnaryOp<"floor", "floor(x)">;
def DS_CeilOp : DS_FloatUnaryOp<"ceil", "ceil(x)">;
def DS_RoundOp : DS_FloatUnaryOp<"round", "round(x), halves to even">;
}
def DS_MishOp : DS_FloatUnaryOp<"mish", "x * tanh(softplus(x))">;
def DS_HardSwishOp : DS_FloatUnaryOp<"hard_swish", "x * max(0, min(1, x / 6 + 1 / 2))">;

// Parameterized activations.
def DS_LeakyReluOp : DS_FloatUnaryOp<"leaky_relu", "x >= 0 ? x : alpha * x",
    (ins DefaultValuedAttr<F32Attr, "0.01">:$alpha)>;
def DS_EluOp : DS_FloatUnaryOp<"elu", "x >= 0 ? x : alpha * (exp(x) - 1)",
    (ins DefaultValuedAttr<F32Attr, "1.0">:$alpha)>;
def DS_CeluOp : DS_FloatUnaryOp<"celu",
    "max(0, x) + min(0, alpha * (exp(x / alpha) - 1))",
    (ins DefaultValuedAttr<F32Attr, "1.0">:$alpha)> {
  let hasVerifier = 1;
}
def DS_SeluOp : DS_FloatUnaryOp<"selu",
    "gamma * (x > 0 ? x : alpha * (exp(x) - 1))",
    (ins DefaultValuedAttr<F32Attr, "1.67326319217681884765625">:$alpha,
         DefaultValuedAttr<F32Attr, "1.05070102214813232421875">:$gamma)>;
def DS_HardSigmoidOp : DS_FloatUnaryOp<"hard_sigmoid",
    "max(0, min(1, alpha * x + beta))",
    (ins DefaultValuedAttr<F32Attr, "0.2">:$alpha,
         DefaultValuedAttr<F32Attr, "0.5">:$beta)>;
def DS_ThresholdedReluOp : DS_FloatUnaryOp<"thresholded_relu",
    "x > alpha ? x : 0", (ins DefaultValuedAttr<F32Attr, "1.0">:$alpha)>;
def DS_GeluOp : DS_FloatUnaryOp<"gelu",
    "x / 2 * (1 + erf(x / sqrt(2))), or its tanh approximation",
    (ins DefaultValuedAttr<StrAttr, "\"none\"">:$approximate)> {
  let hasVerifier = 1;
}

// Ops over signed numbers; Neg and Abs fold constants.
def DS_NegOp : DS_UnaryBase<"neg", DS_SignedNumericTensor,
    DS_SignedNumericTensor, "-x", "f32", DS_PrecisionArg, "",
    [DS_ComputePrecisionOpInterface]> {
  let hasFolder = 1;
}
def DS_AbsOp : DS_UnaryBase<"abs", DS_NumericTensor, DS_NumericTensor, "|x|",
    "f32", DS_PrecisionArg, "", [DS_ComputePrecisionOpInterface]> {
  let hasFolder = 1;
}
def DS_ReluOp : DS_UnaryBase<"relu", DS_SignedNumericTensor,
    DS_SignedNumericTensor, "max(x, 0)", "f32", DS_PrecisionArg, "",
    [DS_ComputePrecisionOpInterface]>;
def DS_SignOp : DS_UnaryOp<"sign", DS_NumericTensor, "-1, 0 or 1 by the sign of x">;

// Logic and bits; Not(Not(x)) folds.
def DS_NotOp : DS_UnaryOp<"not", DS_BoolTensor, "!x", "i1"> {
  let hasFolder = 1;
}
def DS_BitwiseNotOp : DS_UnaryOp<"bitwise_not", DS_IntTensor, "~x", "i32">;

// Classification: boolean results.
def DS_IsNaNOp : DS_UnaryBase<"is_nan", DS_FloatTensor, DS_BoolTensor,
    "isnan(x)", "f32", (ins), "::mlir::IntegerType::get(context, 1)", []>;
def DS_IsInfOp : DS_UnaryBase<"is_inf", DS_FloatTensor, DS_BoolTensor,
    "isinf(x), for the signs selected by detect_negative and detect_positive",
    "f32", (ins DefaultValuedAttr<BoolAttr, "true">:$detect_negative,
                DefaultValuedAttr<BoolAttr, "true">:$detect_positive),
    "::mlir::IntegerType::get(context, 1)", []>;

def DS_IdentityOp : DS_UnaryOp<"identity", DS_DataTensor, "x"> {
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Binary ops
//===----------------------------------------------------------------------===//

/// Broadcast inference; `resultElement` as in DS_InferUnary.
class DS_InferBroadcast<string resultElement = "::mlir::Type()">
    : DS_InferTypesWith<"return ::ds::inferBroadcast(location, "
        "adaptor.getOperands().getTypes(), " # resultElement # ", "
        "inferredReturnTypes);">;

class DS_BinaryBase<string mnemonic, Type operandType, Type resultType,
                    string formula, string exampleType, dag extraArgs,
                    string resultElement, list<Trait> traits>
    : DS_Op<mnemonic, traits # [Pure, DS_InferBroadcast<resultElement>]> {
  let summary = "Elementwise " # formula # " with numpy broadcasting";
  let description = "Computes `" # formula # "` for each pair of elements "
    # "`a`, `b` of the operands broadcast against each other as numpy does "
    # "(sizes are aligned from the right; a size of 1 stretches). The "
    # "operands have the same element type.\n\n"
    # "Example:\n\n```mlir\n%c = ds." # mnemonic # " %a, %b : (tensor<4x?x"
    # exampleType # ">, tensor<1x3x" # exampleType # ">) -> tensor<4x3x"
    # !if(!eq(resultElement, "::mlir::Type()"), exampleType, "i1")
    # ">\n```\n";
  let arguments = !con((ins operandType:$lhs, operandType:$rhs), extraArgs);
  let results = (outs resultType:$output);
  let assemblyFormat = DS_FunctionalFormat;
}

/// Arithmetic: compute ops; same-shaped or splat constants fold.
class DS_ArithOp<string mnemonic, Type T, string formula,
                 dag extraArgs = (ins)>
    : DS_BinaryBase<mnemonic, T, T, formula, "f32",
                    !con(extraArgs, DS_PrecisionArg), "::mlir::Type()",
                    [SameOperandsElementType, DS_ComputePrecisionOpInterface]> {
  let hasFolder = 1;
}

def DS_AddOp : DS_ArithOp<"add", DS_NumericTensor, "a + b"> {
  let hasCanonicalizer = 1;
}
def DS_SubOp : DS_ArithOp<"sub", DS_NumericTensor, "a - b">;
def DS_MulOp : DS_ArithOp<"mul", DS_NumericTensor, "a * b"> {
  let hasCanonicalizer = 1;
}
def DS_DivOp : DS_ArithOp<"div", DS_NumericTensor,
    "a / b (integer division truncates)">;
def DS_MaxOp : DS_ArithOp<"max", DS_NumericTensor, "max(a, b)">;
def DS_MinOp : DS_ArithOp<"min", DS_NumericTensor, "min(a, b)">;
def DS_ModOp : DS_ArithOp<"mod", DS_NumericTensor,
    "a mod b: with the sign of b when fmod is false (floor division's "
    "remainder, numpy.mod), of a when true (truncating division's, fmod)",
    (ins DefaultValuedAttr<BoolAttr, "false">:$fmod)> {
  let hasFolder = 0;
}
def DS_PReluOp : DS_ArithOp<"prelu", DS_SignedNumericTensor,
    "a >= 0 ? a : b * a"> {
  let hasFolder = 0;
  let summary = "Parametric ReLU with a broadcast slope";
}

def DS_PowOp : DS_BinaryBase<"pow", DS_NumericTensor, DS_NumericTensor,
    "a ^ b (the exponent may have another element type)", "f32",
    DS_PrecisionArg, "::mlir::Type()", [DS_ComputePrecisionOpInterface]> {
  let hasFolder = 1;
}

/// Comparisons: boolean results.
class DS_CompareOp<string mnemonic, Type T, string formula>
    : DS_BinaryBase<mnemonic, T, DS_BoolTensor, formula, "f32", (ins),
                    "::mlir::IntegerType::get(context, 1)",
                    [SameOperandsElementType]>;

def DS_EqualOp : DS_CompareOp<"equal", DS_Tensor, "a == b">;
def DS_LessOp : DS_CompareOp<"less", DS_NumericTensor, "a < b">;
def DS_LessOrEqualOp : DS_CompareOp<"less_or_equal", DS_NumericTensor, "a <= b">;
def DS_GreaterOp : DS_CompareOp<"greater", DS_NumericTensor, "a > b">;
def DS_GreaterOrEqualOp : DS_CompareOp<"greater_or_equal", DS_NumericTensor,
                                       "a >= b">;

/// Logic and bit ops.
class DS_BitOp<string mnemonic, Type T, string formula, string exampleType,
               dag extraArgs = (ins)>
    : DS_BinaryBase<mnemonic, T, T, formula, exampleType, extraArgs,
                    "::mlir::Type()", [SameOperandsElementType]>;

def DS_AndOp : DS_BitOp<"and", DS_BoolTensor, "a && b", "i1">;
def DS_OrOp : DS_BitOp<"or", DS_BoolTensor, "a || b", "i1">;
def DS_XorOp : DS_BitOp<"xor", DS_BoolTensor, "a != b", "i1">;
def DS_BitwiseAndOp : DS_BitOp<"bitwise_and", DS_IntTensor, "a & b", "i32">;
def DS_BitwiseOrOp : DS_BitOp<"bitwise_or", DS_IntTensor, "a | b", "i32">;
def DS_BitwiseXorOp : DS_BitOp<"bitwise_xor", DS_IntTensor, "a ^ b", "i32">;
def DS_BitShiftOp : DS_BitOp<"bit_shift", DS_IntTensor,
    "a << b or a >> b by `direction` (\"LEFT\" or \"RIGHT\"); signed "
    "values shift right arithmetically (ONNX opset 28); a shift by a negative "
    "amount or by the bit width or more gives 0, or -1 for a negative value "
    "shifted right", "ui32",
    (ins StrAttr:$direction)> {
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Ternary and other elementwise ops
//===----------------------------------------------------------------------===//

def DS_WhereOp : DS_Op<"where", [Pure, DS_InferBroadcast<
    "::ds::getElementType(adaptor.getX().getType())">,
    AllElementTypesMatch<["x", "y", "output"]>]> {
  let summary = "Elementwise select with numpy broadcasting";
  let description = [{
    `output = condition ? x : y`, with the three operands broadcast against
    each other as numpy does. A constant splat condition folds to `x` or `y`.

    Example:

    ```mlir
    %r = ds.where %c, %x, %y
        : (tensor<4x1xi1>, tensor<4x3xf32>, tensor<f32>) -> tensor<4x3xf32>
    ```
  }];
  let arguments = (ins DS_BoolTensor:$condition, DS_Tensor:$x, DS_Tensor:$y);
  let results = (outs DS_Tensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasFolder = 1;
}

def DS_ClipOp : DS_Op<"clip", [Pure, AttrSizedOperandSegments,
    DS_InferTypesWith<"inferredReturnTypes.push_back(adaptor.getInput()"
                      ".getType()); return ::mlir::success();">,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "Elementwise clamp to optional scalar bounds";
  let description = [{
    `output = min(max(input, min), max)`; an absent bound does not clamp.
    The bounds are scalar (rank 0 or a single element) tensors of the input's
    element type. Without bounds the op folds to its input.

    Example:

    ```mlir
    %y = ds.clip %x min %lo max %hi
        : (tensor<1x32x?x?xf32>, tensor<f32>, tensor<f32>) -> tensor<1x32x?x?xf32>
    ```
  }];
  let arguments = (ins DS_NumericTensor:$input,
                       Optional<DS_NumericTensor>:$min,
                       Optional<DS_NumericTensor>:$max);
  let results = (outs DS_NumericTensor:$output);
  let assemblyFormat = [{
    $input (`min` $min^)? (`max` $max^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def DS_CastOp : DS_Op<"cast", [Pure]> {
  let summary = "Elementwise conversion to another element type";
  let description = [{
    Converts each element to the result's element type: float to integer
    truncates toward zero, integer to bool is `x != 0`, bool to number gives
    0 or 1, and float narrowing rounds to nearest even. The shape is kept.
    A cast to the same type folds away; constants fold (but for the
    storage-only float formats).

    The storage-only float formats (float8, float4, e8m0) follow ONNX's Cast:

    - To `f8E4M3FN`, `f8E4M3FNUZ`, `f8E5M2` and `f8E5M2FNUZ`: round to
      nearest even. With `saturate` (the default) an infinity or a value
      that rounds beyond the largest finite value becomes that value (with
      the sign); without, it becomes NaN (infinity for `f8E5M2`). NaN stays
      NaN. The FNUZ formats have one NaN (0x80) and no negative zero: -0 and
      a negative value that rounds to zero give +0.
    - To `f4E2M1FN` (no infinity, no NaN): round to nearest even, saturating
      whatever `saturate` says; NaN gives a zero of the opposite sign, as
      ONNX's reference (ml_dtypes) does.
    - To `f8E8M0FNU` (a power of two 2^(e - 127), e in 0..254; 0xFF is NaN):
      the exponent of the f32 value, the sign ignored, rounded by
      `round_mode`: `up` (the default) to the next power of two when any
      mantissa bit is set, `down` truncating, `nearest` rounding up when the
      first mantissa bit is set and any other bit or the exponent is not
      zero. `saturate` keeps a rounding from 2^127 at 2^127; without it the
      rounding gives NaN. Infinities and NaN give NaN (as ONNX's reference
      does).
    - From these formats: exactly, to any float type (rounding once where
      the target is narrower, as from `f8E8M0FNU` to `f16`), and through
      f32 to integers and bool.

    f16, bf16 and f64 sources convert through f32; an f64 value is first
    rounded to f32 to odd (its inexactness kept in the last bit), so that
    the value is rounded only once. An integer source goes through f64.

    Example:

    ```mlir
    %y = ds.cast %x : (tensor<2x?xf32>) -> tensor<2x?xf16>
    %z = ds.cast %x {saturate = false} : (tensor<2x?xf32>) -> tensor<2x?xf8E4M3FN>
    ```
  }];
  let arguments = (ins DS_DataTensor:$input,
                       DefaultValuedAttr<BoolAttr, "true">:$saturate,
                       DefaultValuedAttr<StrAttr, "\"up\"">:$round_mode);
  let results = (outs DS_DataTensor:$output);
  let assemblyFormat = DS_FunctionalFormat;
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // DS_ELEMENTWISE_OPS_TD
