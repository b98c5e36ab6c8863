//===- ElementwiseLowering.cpp - Elementwise ds ops to linalg ---*- C++ -*-===//
//
// Part of ds. One linalg.generic per elementwise op: broadcasting becomes
// constant-0 indices in the operands' indexing maps, and the op's scalar
// computation becomes arith and math ops in the body.
//
// Lowered: every op of ElementwiseOps.td. Arithmetic (Add, Sub, Mul, Div,
// Mod, Pow, Max, Min, Neg, Abs, Sign, Reciprocal), float math (Exp, Log,
// Sqrt, Erf, Floor, Ceil, Round, the trigonometric and hyperbolic functions
// and their inverses), activations (Relu, LeakyRelu, PRelu, Sigmoid, Tanh,
// Softplus, Softsign, Mish, HardSwish, HardSigmoid, Elu, Celu, Selu,
// ThresholdedRelu, Gelu with either approximation), comparisons, logic and
// bit ops (Not, And, Or, Xor, BitwiseNot/And/Or/Xor, BitShift), IsNaN,
// IsInf, Where, Clip, Cast and Identity.
//
// Element types. arith and math work on signless integers; the tensors of
// unsigned integers (ui8 to ui64) keep their types, and the body
// reinterprets their elements as the signless integers of the same width
// (ds::castSignedness) and picks the unsigned arith variants (divui, remui,
// maxui, cmpi ult, uitofp, extui, ...) from the op's original types. f16 and
// bf16 elements are computed in f32 and rounded once at the end (Cast
// excepted, which converts exactly as asked): the result is then at least as
// accurate as with a rounding after every step, which is what LLVM does for
// half types without native arithmetic anyway.
//
// Semantics that ONNX leaves to the reference implementation follow numpy:
// Max and Min propagate NaN; integer Div truncates; integer Mod with fmod = 0
// takes the sign of the divisor (float Mod with fmod = 0 as in opset 28,
// for when the op allows it); integer Pow multiplies exactly (wrapping), a
// negative exponent giving the truncated 1 / x^n (0 unless |x| is 1); an
// integer raised to a float power is computed in f64 and truncated; Cast
// of NaN to bool is true; Sign keeps NaN and gives +0 for -0; BitShift by
// a negative amount or by the width or more gives the sign fill alone (0,
// or -1 for a right shift of a negative signed value, as in opset 28, for
// when the op allows signed types). Integer division or remainder by zero
// is undefined, as in ONNX. f64 Erf is computed in f32 (the pipeline has no
// f64 erf). The optional `precision` attribute is not applied.
//
// Left unlowered (the pattern fails and ds-compile reports the op): unranked
// tensors, and an operand whose dynamic size may broadcast against a static
// size of the result at run time (the map would need to be chosen then).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/LowPrecisionFloats.h"
#include "passes/Conversion/DSToLinalg/LoweringUtils.h"

#include "dialects/ds/DSOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

using namespace mlir;

namespace ds {
namespace {

/// Computes the op's result element from its operands' elements `args`
/// (signless, and f32 in place of f16 and bf16) as a value of `resultType`
/// (likewise); null when the element types are not handled. `op` gives the
/// attributes and the original element types.
using ScalarFn = Value (*)(OpBuilder &b, Location loc, Operation *op,
                           ValueRange args, Type resultType);

bool isFloat(Type type) { return isa<FloatType>(type); }

bool isUnsigned(Value value) {
  return getElementTypeOrSelf(value.getType()).isUnsignedInteger();
}

/// Whether the op's operand `i` (whose elements reach the body as signless
/// integers) holds unsigned integers.
bool unsignedOperand(Operation *op, unsigned i = 0) {
  return isUnsigned(op->getOperand(i));
}

Value floatConstant(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, value));
}

Value intConstant(OpBuilder &b, Location loc, Type type, int64_t value) {
  return arith::ConstantOp::create(b, loc, type, b.getIntegerAttr(type, value));
}

Value cmpf(OpBuilder &b, Location loc, arith::CmpFPredicate predicate, Value x,
           Value y) {
  return arith::CmpFOp::create(b, loc, predicate, x, y);
}

Value cmpi(OpBuilder &b, Location loc, arith::CmpIPredicate predicate, Value x,
           Value y) {
  return arith::CmpIOp::create(b, loc, predicate, x, y);
}

Value select(OpBuilder &b, Location loc, Value condition, Value x, Value y) {
  return arith::SelectOp::create(b, loc, condition, x, y);
}

/// The float attribute `name` of `op` (an F32Attr) as a double.
double floatAttr(Operation *op, StringRef name) {
  return cast<FloatAttr>(op->getAttr(name)).getValueAsDouble();
}

//===----------------------------------------------------------------------===//
// Arithmetic
//===----------------------------------------------------------------------===//

/// Binary arithmetic: the float op, or the signed or unsigned integer op.
template <typename FloatOp, typename SignedOp, typename UnsignedOp = SignedOp>
Value arithmetic(OpBuilder &b, Location loc, Operation *op, ValueRange args,
                 Type type) {
  if (isFloat(type))
    return FloatOp::create(b, loc, args[0], args[1]);
  if (unsignedOperand(op))
    return UnsignedOp::create(b, loc, args[0], args[1]);
  return SignedOp::create(b, loc, args[0], args[1]);
}

Value neg(OpBuilder &b, Location loc, Operation *, ValueRange args, Type type) {
  if (isFloat(type))
    return arith::NegFOp::create(b, loc, args[0]);
  return arith::SubIOp::create(b, loc, intConstant(b, loc, type, 0), args[0]);
}

Value abs(OpBuilder &b, Location loc, Operation *op, ValueRange args,
          Type type) {
  if (isFloat(type))
    return math::AbsFOp::create(b, loc, args[0]);
  if (unsignedOperand(op))
    return args[0];
  return math::AbsIOp::create(b, loc, args[0]);
}

/// -1, 0 or 1; NaN stays NaN and -0 gives +0 (numpy's sign).
Value sign(OpBuilder &b, Location loc, Operation *op, ValueRange args,
           Type type) {
  Value x = args[0];
  if (isFloat(type)) {
    Value zero = floatConstant(b, loc, type, 0.0);
    Value zeroOrNaN =
        select(b, loc, cmpf(b, loc, arith::CmpFPredicate::UNO, x, x), x, zero);
    Value negative = select(b, loc, cmpf(b, loc, arith::CmpFPredicate::OLT, x,
                                         zero),
                            floatConstant(b, loc, type, -1.0), zeroOrNaN);
    return select(b, loc, cmpf(b, loc, arith::CmpFPredicate::OGT, x, zero),
                  floatConstant(b, loc, type, 1.0), negative);
  }
  Value zero = intConstant(b, loc, type, 0);
  Value one = intConstant(b, loc, type, 1);
  if (unsignedOperand(op))
    return select(b, loc, cmpi(b, loc, arith::CmpIPredicate::ne, x, zero), one,
                  zero);
  Value negative =
      select(b, loc, cmpi(b, loc, arith::CmpIPredicate::slt, x, zero),
             intConstant(b, loc, type, -1), zero);
  return select(b, loc, cmpi(b, loc, arith::CmpIPredicate::sgt, x, zero), one,
                negative);
}

Value reciprocal(OpBuilder &b, Location loc, Operation *, ValueRange args,
                 Type type) {
  if (!isFloat(type))
    return {};
  return arith::DivFOp::create(b, loc, floatConstant(b, loc, type, 1.0),
                               args[0]);
}

/// a mod b. fmod = 1: C's fmod and remainder, with the sign of a. fmod = 0:
/// with the sign of b (Python's %): a nonzero remainder whose sign differs
/// from b's gets b added; a float zero takes b's sign.
Value mod(OpBuilder &b, Location loc, Operation *op, ValueRange args,
          Type type) {
  Value x = args[0], y = args[1];
  bool fmod = cast<ModOp>(op).getFmod();
  if (isFloat(type)) {
    Value r = arith::RemFOp::create(b, loc, x, y);
    if (fmod)
      return r;
    Value zero = floatConstant(b, loc, type, 0.0);
    Value differ = arith::XOrIOp::create(
        b, loc, cmpf(b, loc, arith::CmpFPredicate::OLT, r, zero),
        cmpf(b, loc, arith::CmpFPredicate::OLT, y, zero));
    Value adjusted = select(b, loc, differ, arith::AddFOp::create(b, loc, r, y),
                            r);
    return select(b, loc, cmpf(b, loc, arith::CmpFPredicate::OEQ, r, zero),
                  math::CopySignOp::create(b, loc, r, y), adjusted);
  }
  if (unsignedOperand(op))
    return arith::RemUIOp::create(b, loc, x, y);
  Value r = arith::RemSIOp::create(b, loc, x, y);
  if (fmod)
    return r;
  Value zero = intConstant(b, loc, type, 0);
  Value differ = arith::XOrIOp::create(
      b, loc, cmpi(b, loc, arith::CmpIPredicate::slt, r, zero),
      cmpi(b, loc, arith::CmpIPredicate::slt, y, zero));
  Value adjust = arith::AndIOp::create(
      b, loc, differ, cmpi(b, loc, arith::CmpIPredicate::ne, r, zero));
  return select(b, loc, adjust, arith::AddIOp::create(b, loc, r, y), r);
}

/// base ^ exponent for an integer base and integer exponent: square and
/// multiply over the exponent's bits, unrolled (a fixed count of steps, the
/// exponent's width, so that the body stays straight-line code). A
/// negative exponent gives the truncated 1 / base^|exponent|: base^|e| when
/// |base| is 1, else 0.
Value integerPow(OpBuilder &b, Location loc, Value base, Value exponent,
                 bool unsignedBase, bool unsignedExponent) {
  Type type = base.getType();
  Type exponentType = exponent.getType();
  unsigned width = exponentType.getIntOrFloatBitWidth();
  Value zeroE = intConstant(b, loc, exponentType, 0);
  Value oneE = intConstant(b, loc, exponentType, 1);
  Value negative;
  Value magnitude = exponent;
  if (!unsignedExponent) {
    negative = cmpi(b, loc, arith::CmpIPredicate::slt, exponent, zeroE);
    magnitude = select(b, loc, negative,
                       arith::SubIOp::create(b, loc, zeroE, exponent),
                       exponent);
  }
  Value result = intConstant(b, loc, type, 1);
  Value power = base;
  for (unsigned bit = 0; bit < width; ++bit) {
    Value shifted = arith::ShRUIOp::create(
        b, loc, magnitude, intConstant(b, loc, exponentType, bit));
    Value set = cmpi(b, loc, arith::CmpIPredicate::ne,
                     arith::AndIOp::create(b, loc, shifted, oneE), zeroE);
    result = select(b, loc, set, arith::MulIOp::create(b, loc, result, power),
                    result);
    if (bit + 1 < width)
      power = arith::MulIOp::create(b, loc, power, power);
  }
  if (!negative)
    return result;
  Value unit = cmpi(b, loc, arith::CmpIPredicate::eq, base,
                    intConstant(b, loc, type, 1));
  if (!unsignedBase)
    unit = arith::OrIOp::create(
        b, loc, unit,
        cmpi(b, loc, arith::CmpIPredicate::eq, base,
             intConstant(b, loc, type, -1)));
  Value keep = arith::OrIOp::create(
      b, loc, unit, arith::XOrIOp::create(b, loc, negative,
                                          intConstant(b, loc, b.getI1Type(),
                                                      1)));
  return select(b, loc, keep, result, intConstant(b, loc, type, 0));
}

/// a ^ b. Float base: a splat constant exponent of 1, 2, 3 or 0.5 becomes
/// multiplications or a square root (what LayerNorm's and GELU's
/// decompositions use); any other exponent is math.powf in the base's type.
/// Integer base: see integerPow; with a float exponent, powf in f64 and a
/// truncation toward zero (ONNX's reference casts numpy's result).
Value pow(OpBuilder &b, Location loc, Operation *op, ValueRange args,
          Type type) {
  Value base = args[0];
  Value exponent = args[1];
  Type exponentType = exponent.getType();
  bool unsignedExponent = unsignedOperand(op, 1);
  if (auto intType = dyn_cast<IntegerType>(type)) {
    bool unsignedBase = unsignedOperand(op, 0);
    if (isa<IntegerType>(exponentType))
      return integerPow(b, loc, base, exponent, unsignedBase,
                        unsignedExponent);
    Type f64 = b.getF64Type();
    Value wideBase =
        unsignedBase ? arith::UIToFPOp::create(b, loc, f64, base).getResult()
                     : arith::SIToFPOp::create(b, loc, f64, base).getResult();
    if (exponentType != f64)
      exponent = arith::ExtFOp::create(b, loc, f64, exponent);
    Value power = math::PowFOp::create(b, loc, wideBase, exponent);
    if (unsignedBase)
      return arith::FPToUIOp::create(b, loc, type, power);
    return arith::FPToSIOp::create(b, loc, type, power);
  }
  auto floatType = cast<FloatType>(type);
  DenseElementsAttr exponentAttr;
  if (matchPattern(op->getOperand(1), m_Constant(&exponentAttr)) &&
      exponentAttr.isSplat()) {
    std::optional<double> value;
    Type elementType = exponentAttr.getElementType();
    if (isa<FloatType>(elementType))
      value = exponentAttr.getSplatValue<APFloat>().convertToDouble();
    else if (elementType.isSignlessInteger())
      value = static_cast<double>(
          exponentAttr.getSplatValue<APInt>().getSExtValue());
    if (value == 1.0)
      return base;
    if (value == 2.0)
      return arith::MulFOp::create(b, loc, base, base);
    if (value == 3.0)
      return arith::MulFOp::create(
          b, loc, arith::MulFOp::create(b, loc, base, base), base);
    if (value == 0.5)
      return math::SqrtOp::create(b, loc, base);
  }
  if (isa<IntegerType>(exponentType))
    exponent =
        unsignedExponent
            ? arith::UIToFPOp::create(b, loc, type, exponent).getResult()
            : arith::SIToFPOp::create(b, loc, type, exponent).getResult();
  else if (exponentType.getIntOrFloatBitWidth() < floatType.getWidth())
    exponent = arith::ExtFOp::create(b, loc, type, exponent);
  else if (exponentType != type)
    exponent = arith::TruncFOp::create(b, loc, type, exponent);
  return math::PowFOp::create(b, loc, base, exponent);
}

/// min(max(x, lo), hi) with whichever bounds the op has; NaN propagates.
Value clip(OpBuilder &b, Location loc, Operation *op, ValueRange args,
           Type type) {
  auto clipOp = cast<ClipOp>(op);
  Value result = args[0];
  unsigned next = 1;
  bool isFloat = isa<FloatType>(type);
  bool isUnsigned = unsignedOperand(op);
  if (clipOp.getMin()) {
    Value lo = args[next++];
    if (isFloat)
      result = arith::MaximumFOp::create(b, loc, result, lo);
    else if (isUnsigned)
      result = arith::MaxUIOp::create(b, loc, result, lo);
    else
      result = arith::MaxSIOp::create(b, loc, result, lo);
  }
  if (clipOp.getMax()) {
    Value hi = args[next++];
    if (isFloat)
      result = arith::MinimumFOp::create(b, loc, result, hi);
    else if (isUnsigned)
      result = arith::MinUIOp::create(b, loc, result, hi);
    else
      result = arith::MinSIOp::create(b, loc, result, hi);
  }
  return result;
}

//===----------------------------------------------------------------------===//
// Float math and activations
//===----------------------------------------------------------------------===//

/// log(1 + x), accurate for small x. f32 has a polynomial for math.log1p;
/// f64's lowering is log(1 + x), which loses the low digits of small x, so
/// f64 uses log(u) * x / (u - 1) with u = 1 + x (exact where u rounds to 1,
/// and the rounding of u cancels in the ratio); u = inf gives inf.
Value log1pOf(OpBuilder &b, Location loc, Value x) {
  Type type = x.getType();
  if (!type.isF64())
    return math::Log1pOp::create(b, loc, x);
  Value one = floatConstant(b, loc, type, 1.0);
  Value u = arith::AddFOp::create(b, loc, one, x);
  Value ratio = arith::DivFOp::create(b, loc, x,
                                      arith::SubFOp::create(b, loc, u, one));
  Value general = arith::MulFOp::create(b, loc, math::LogOp::create(b, loc, u),
                                        ratio);
  Value infinite = cmpf(b, loc, arith::CmpFPredicate::OEQ, u,
                        floatConstant(b, loc, type, INFINITY));
  return select(b, loc, cmpf(b, loc, arith::CmpFPredicate::OEQ, u, one), x,
                select(b, loc, infinite, u, general));
}

/// asinh(x) = sign(x) * log1p(|x| + x^2 / (1 + sqrt(1 + x^2))), accurate
/// near 0 (log of a value near 1 would not be); above 2^12, where x^2 / ...
/// is |x| to working precision and x^2 may overflow, log(|x|) + log(2).
/// math.asinh has no LLVM lowering.
Value asinh(OpBuilder &b, Location loc, Operation *, ValueRange args,
            Type type) {
  Value x = args[0];
  Value one = floatConstant(b, loc, type, 1.0);
  Value a = math::AbsFOp::create(b, loc, x);
  Value square = arith::MulFOp::create(b, loc, a, a);
  Value root = math::SqrtOp::create(b, loc,
                                    arith::AddFOp::create(b, loc, one, square));
  Value small = log1pOf(
      b, loc,
      arith::AddFOp::create(
          b, loc, a,
          arith::DivFOp::create(b, loc, square,
                                arith::AddFOp::create(b, loc, one, root))));
  Value large = arith::AddFOp::create(b, loc, math::LogOp::create(b, loc, a),
                                      floatConstant(b, loc, type, M_LN2));
  Value result =
      select(b, loc,
             cmpf(b, loc, arith::CmpFPredicate::OGT, a,
                  floatConstant(b, loc, type, 4096.0)),
             large, small);
  return math::CopySignOp::create(b, loc, result, x);
}

/// acosh(x) = log1p(t + sqrt(t * (x + 1))) with t = x - 1 (accurate near
/// 1); above 2^12, log(x) + log(2). NaN below 1, as sqrt gives.
Value acosh(OpBuilder &b, Location loc, Operation *, ValueRange args,
            Type type) {
  Value x = args[0];
  Value one = floatConstant(b, loc, type, 1.0);
  Value t = arith::SubFOp::create(b, loc, x, one);
  Value root = math::SqrtOp::create(
      b, loc,
      arith::MulFOp::create(b, loc, t, arith::AddFOp::create(b, loc, x, one)));
  Value small =
      log1pOf(b, loc, arith::AddFOp::create(b, loc, t, root));
  Value large = arith::AddFOp::create(b, loc, math::LogOp::create(b, loc, x),
                                      floatConstant(b, loc, type, M_LN2));
  return select(b, loc,
                cmpf(b, loc, arith::CmpFPredicate::OGT, x,
                     floatConstant(b, loc, type, 4096.0)),
                large, small);
}

/// atanh(x) = sign(x) * log1p(2|x| / (1 - |x|)) / 2: on |x| the argument
/// of log1p is non-negative, where log1p is well-conditioned (on x itself
/// it would approach -1 as x does); ±inf at ±1, NaN beyond.
Value atanh(OpBuilder &b, Location loc, Operation *, ValueRange args,
            Type type) {
  Value x = args[0];
  Value a = math::AbsFOp::create(b, loc, x);
  Value ratio = arith::DivFOp::create(
      b, loc, arith::AddFOp::create(b, loc, a, a),
      arith::SubFOp::create(b, loc, floatConstant(b, loc, type, 1.0), a));
  Value result = arith::MulFOp::create(b, loc, floatConstant(b, loc, type, 0.5),
                                       log1pOf(b, loc, ratio));
  return math::CopySignOp::create(b, loc, result, x);
}

/// erf(x). The pipeline has an f32 polynomial for math.erf but no f64
/// lowering (LLVM has no erf intrinsic and libm calls cannot be declared
/// from here), so f64 goes through f32: about 1e-7 relative error.
Value erfOf(OpBuilder &b, Location loc, Value x) {
  if (!x.getType().isF64())
    return math::ErfOp::create(b, loc, x);
  Value narrow = arith::TruncFOp::create(b, loc, b.getF32Type(), x);
  return arith::ExtFOp::create(b, loc, x.getType(),
                               math::ErfOp::create(b, loc, narrow).getResult());
}

Value erf(OpBuilder &b, Location loc, Operation *, ValueRange args, Type) {
  return erfOf(b, loc, args[0]);
}

/// A float-only unary math op.
template <typename MathOp>
Value floatMath(OpBuilder &b, Location loc, Operation *, ValueRange args,
                Type type) {
  if (!isFloat(type))
    return {};
  return MathOp::create(b, loc, args[0]);
}

Value relu(OpBuilder &b, Location loc, Operation *, ValueRange args,
           Type type) {
  if (isFloat(type))
    return arith::MaximumFOp::create(b, loc, args[0],
                                     floatConstant(b, loc, type, 0.0));
  return arith::MaxSIOp::create(b, loc, args[0], intConstant(b, loc, type, 0));
}

/// 1 / (1 + exp(-x)).
Value sigmoid(OpBuilder &b, Location loc, Operation *, ValueRange args,
              Type type) {
  if (!isFloat(type))
    return {};
  Value negated = arith::NegFOp::create(b, loc, args[0]);
  Value exp = math::ExpOp::create(b, loc, negated);
  Value one = floatConstant(b, loc, type, 1.0);
  return arith::DivFOp::create(b, loc, one,
                               arith::AddFOp::create(b, loc, one, exp));
}

/// x >= 0 ? x : alpha * x.
Value leakyRelu(OpBuilder &b, Location loc, Operation *op, ValueRange args,
                Type type) {
  if (!isFloat(type))
    return {};
  double alpha = cast<LeakyReluOp>(op).getAlpha().convertToDouble();
  Value zero = floatConstant(b, loc, type, 0.0);
  Value positive = cmpf(b, loc, arith::CmpFPredicate::OGE, args[0], zero);
  Value scaled = arith::MulFOp::create(b, loc, args[0],
                                       floatConstant(b, loc, type, alpha));
  return select(b, loc, positive, args[0], scaled);
}

/// a < 0 ? slope * a : a, the slope broadcast like any operand.
Value prelu(OpBuilder &b, Location loc, Operation *, ValueRange args,
            Type type) {
  Value x = args[0];
  Value scaled = isFloat(type)
                     ? arith::MulFOp::create(b, loc, x, args[1]).getResult()
                     : arith::MulIOp::create(b, loc, x, args[1]).getResult();
  Value negative =
      isFloat(type)
          ? cmpf(b, loc, arith::CmpFPredicate::OLT, x,
                 floatConstant(b, loc, type, 0.0))
          : cmpi(b, loc, arith::CmpIPredicate::slt, x,
                 intConstant(b, loc, type, 0));
  return select(b, loc, negative, scaled, x);
}

/// log(1 + exp(x)) as max(x, 0) + log1p(exp(-|x|)), which neither overflows
/// for large x nor loses the small values for very negative x.
Value softplusOf(OpBuilder &b, Location loc, Value x, Type type) {
  Value negAbs =
      arith::NegFOp::create(b, loc, math::AbsFOp::create(b, loc, x));
  Value tail =
      log1pOf(b, loc, math::ExpOp::create(b, loc, negAbs));
  Value positive = arith::MaximumFOp::create(b, loc, x,
                                             floatConstant(b, loc, type, 0.0));
  return arith::AddFOp::create(b, loc, positive, tail);
}

Value softplus(OpBuilder &b, Location loc, Operation *, ValueRange args,
               Type type) {
  return softplusOf(b, loc, args[0], type);
}

/// x / (1 + |x|).
Value softsign(OpBuilder &b, Location loc, Operation *, ValueRange args,
               Type type) {
  Value denominator =
      arith::AddFOp::create(b, loc, floatConstant(b, loc, type, 1.0),
                            math::AbsFOp::create(b, loc, args[0]));
  return arith::DivFOp::create(b, loc, args[0], denominator);
}

/// x * tanh(softplus(x)).
Value mish(OpBuilder &b, Location loc, Operation *, ValueRange args,
           Type type) {
  Value t = math::TanhOp::create(b, loc, softplusOf(b, loc, args[0], type));
  return arith::MulFOp::create(b, loc, args[0], t);
}

/// max(0, min(1, alpha * x + beta)), NaN propagating.
Value hardSigmoidOf(OpBuilder &b, Location loc, Value x, double alpha,
                    double beta, Type type) {
  Value linear = arith::AddFOp::create(
      b, loc,
      arith::MulFOp::create(b, loc, x, floatConstant(b, loc, type, alpha)),
      floatConstant(b, loc, type, beta));
  Value upper = arith::MinimumFOp::create(b, loc, linear,
                                          floatConstant(b, loc, type, 1.0));
  return arith::MaximumFOp::create(b, loc, upper,
                                   floatConstant(b, loc, type, 0.0));
}

Value hardSigmoid(OpBuilder &b, Location loc, Operation *op, ValueRange args,
                  Type type) {
  return hardSigmoidOf(b, loc, args[0], floatAttr(op, "alpha"),
                       floatAttr(op, "beta"), type);
}

/// x * hard_sigmoid(x) with alpha 1/6 and beta 1/2.
Value hardSwish(OpBuilder &b, Location loc, Operation *, ValueRange args,
                Type type) {
  return arith::MulFOp::create(
      b, loc, args[0], hardSigmoidOf(b, loc, args[0], 1.0 / 6.0, 0.5, type));
}

/// alpha * (exp(x) - 1), through expm1 for accuracy near 0.
Value scaledExpm1(OpBuilder &b, Location loc, Value x, double alpha,
                  Type type) {
  return arith::MulFOp::create(b, loc, floatConstant(b, loc, type, alpha),
                               math::ExpM1Op::create(b, loc, x));
}

/// x < 0 ? alpha * (exp(x) - 1) : x.
Value elu(OpBuilder &b, Location loc, Operation *op, ValueRange args,
          Type type) {
  Value x = args[0];
  Value negative =
      cmpf(b, loc, arith::CmpFPredicate::OLT, x, floatConstant(b, loc, type, 0));
  return select(b, loc, negative,
                scaledExpm1(b, loc, x, floatAttr(op, "alpha"), type), x);
}

/// max(0, x) + min(0, alpha * (exp(x / alpha) - 1)).
Value celu(OpBuilder &b, Location loc, Operation *op, ValueRange args,
           Type type) {
  Value x = args[0];
  double alpha = floatAttr(op, "alpha");
  Value zero = floatConstant(b, loc, type, 0.0);
  Value scaled =
      arith::MulFOp::create(b, loc, x, floatConstant(b, loc, type, 1 / alpha));
  Value negativePart = arith::MinimumFOp::create(
      b, loc, zero, scaledExpm1(b, loc, scaled, alpha, type));
  return arith::AddFOp::create(b, loc,
                               arith::MaximumFOp::create(b, loc, zero, x),
                               negativePart);
}

/// gamma * (x > 0 ? x : alpha * (exp(x) - 1)).
Value selu(OpBuilder &b, Location loc, Operation *op, ValueRange args,
           Type type) {
  Value x = args[0];
  Value positive =
      cmpf(b, loc, arith::CmpFPredicate::OGT, x, floatConstant(b, loc, type, 0));
  Value inner = select(b, loc, positive, x,
                       scaledExpm1(b, loc, x, floatAttr(op, "alpha"), type));
  return arith::MulFOp::create(
      b, loc, floatConstant(b, loc, type, floatAttr(op, "gamma")), inner);
}

/// x > alpha ? x : 0.
Value thresholdedRelu(OpBuilder &b, Location loc, Operation *op,
                      ValueRange args, Type type) {
  Value x = args[0];
  Value above = cmpf(b, loc, arith::CmpFPredicate::OGT, x,
                     floatConstant(b, loc, type, floatAttr(op, "alpha")));
  return select(b, loc, above, x, floatConstant(b, loc, type, 0.0));
}

/// x / 2 * (1 + erf(x / sqrt(2))), or with "tanh":
/// x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 x^3))).
Value gelu(OpBuilder &b, Location loc, Operation *op, ValueRange args,
           Type type) {
  Value x = args[0];
  Value inner;
  if (cast<GeluOp>(op).getApproximate() == "tanh") {
    Value cube = arith::MulFOp::create(
        b, loc, arith::MulFOp::create(b, loc, x, x), x);
    Value sum = arith::AddFOp::create(
        b, loc, x,
        arith::MulFOp::create(b, loc, floatConstant(b, loc, type, 0.044715),
                              cube));
    inner = math::TanhOp::create(
        b, loc,
        arith::MulFOp::create(
            b, loc, floatConstant(b, loc, type, std::sqrt(2.0 / M_PI)), sum));
  } else {
    inner = erfOf(
        b, loc,
        arith::MulFOp::create(b, loc, x, floatConstant(b, loc, type, M_SQRT1_2)));
  }
  Value half = arith::MulFOp::create(b, loc, x, floatConstant(b, loc, type, 0.5));
  return arith::MulFOp::create(
      b, loc, half,
      arith::AddFOp::create(b, loc, floatConstant(b, loc, type, 1.0), inner));
}

Value isNaN(OpBuilder &b, Location loc, Operation *, ValueRange args, Type) {
  return cmpf(b, loc, arith::CmpFPredicate::UNO, args[0], args[0]);
}

/// x == +inf when detect_positive, x == -inf when detect_negative.
Value isInf(OpBuilder &b, Location loc, Operation *op, ValueRange args,
            Type resultType) {
  auto isInfOp = cast<IsInfOp>(op);
  Value x = args[0];
  Type type = x.getType();
  auto infinity = [&](bool negative) {
    return arith::ConstantOp::create(
        b, loc, type,
        b.getFloatAttr(type, APFloat::getInf(
                                 cast<FloatType>(type).getFloatSemantics(),
                                 negative)));
  };
  Value result;
  if (isInfOp.getDetectPositive())
    result = cmpf(b, loc, arith::CmpFPredicate::OEQ, x, infinity(false));
  if (isInfOp.getDetectNegative()) {
    Value negative = cmpf(b, loc, arith::CmpFPredicate::OEQ, x, infinity(true));
    result = result ? arith::OrIOp::create(b, loc, result, negative).getResult()
                    : negative;
  }
  return result ? result : intConstant(b, loc, resultType, 0);
}

//===----------------------------------------------------------------------===//
// Comparisons, logic and bits
//===----------------------------------------------------------------------===//

/// Comparisons: an ordered float predicate (false with NaN), or the signed
/// or unsigned integer predicate (bool compares as unsigned).
template <arith::CmpFPredicate F, arith::CmpIPredicate S,
          arith::CmpIPredicate U = S>
Value compare(OpBuilder &b, Location loc, Operation *op, ValueRange args,
              Type) {
  if (isFloat(args[0].getType()))
    return cmpf(b, loc, F, args[0], args[1]);
  bool isUnsigned = unsignedOperand(op) || args[0].getType().isInteger(1);
  return cmpi(b, loc, isUnsigned ? U : S, args[0], args[1]);
}

template <typename BitOp>
Value bitwise(OpBuilder &b, Location loc, Operation *, ValueRange args, Type) {
  return BitOp::create(b, loc, args[0], args[1]);
}

/// ~x, and !x on bool.
Value bitwiseNot(OpBuilder &b, Location loc, Operation *, ValueRange args,
                 Type type) {
  return arith::XOrIOp::create(b, loc, args[0], intConstant(b, loc, type, -1));
}

/// a << b or a >> b. The right shift is logical on unsigned and arithmetic
/// on signed integers. A shift by a negative amount or by the width or more
/// gives what the sign fill alone gives (ONNX's BitShift): 0, or -1 for a
/// right shift of a negative signed value; arith's shifts are undefined
/// there.
Value bitShift(OpBuilder &b, Location loc, Operation *op, ValueRange args,
               Type type) {
  Value x = args[0], amount = args[1];
  bool isUnsigned = unsignedOperand(op);
  bool left = cast<BitShiftOp>(op).getDirection() == "LEFT";
  unsigned width = type.getIntOrFloatBitWidth();
  Value shifted, fill = intConstant(b, loc, type, 0);
  if (left) {
    shifted = arith::ShLIOp::create(b, loc, x, amount);
  } else if (isUnsigned) {
    shifted = arith::ShRUIOp::create(b, loc, x, amount);
  } else {
    shifted = arith::ShRSIOp::create(b, loc, x, amount);
    fill = arith::ShRSIOp::create(b, loc, x,
                                  intConstant(b, loc, type, width - 1));
  }
  // Unsigned, a negative amount is out of range too.
  Value inRange = cmpi(b, loc, arith::CmpIPredicate::ult, amount,
                       intConstant(b, loc, type, width));
  return select(b, loc, inRange, shifted, fill);
}

Value where(OpBuilder &b, Location loc, Operation *, ValueRange args, Type) {
  return select(b, loc, args[0], args[1], args[2]);
}

Value identity(OpBuilder &, Location, Operation *, ValueRange args, Type) {
  return args[0];
}

//===----------------------------------------------------------------------===//
// Cast
//===----------------------------------------------------------------------===//

/// Element type conversion, ONNX's Cast (here the halves arrive unchanged):
/// floats widen exactly or round to nearest even (f16 and bf16, of the same
/// width, through f32); float to integer truncates toward zero; bool is
/// `x != 0` one way and 0 or 1 the other; integers extend by the source's
/// signedness or truncate. Float to an unsigned type narrower than 64 bits
/// goes through i64, so that a negative value wraps as in C and numpy
/// instead of being undefined.
Value convert(OpBuilder &b, Location loc, Operation *op, ValueRange args,
              Type type) {
  Value x = args[0];
  Type from = x.getType();
  if (from == type)
    return x;
  bool fromUnsigned = unsignedOperand(op);
  bool toUnsigned = isUnsigned(op->getResult(0));
  auto fromInt = dyn_cast<IntegerType>(from);
  auto toInt = dyn_cast<IntegerType>(type);
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(type);
  bool toBool = toInt && toInt.getWidth() == 1;
  bool fromBool = fromInt && fromInt.getWidth() == 1;
  if (isLowPrecisionFloat(from) || isLowPrecisionFloat(type)) {
    // float8, float4 and e8m0 (LowPrecisionFloats.h): to them directly, from
    // them through their exact f32.
    auto castOp = dyn_cast<CastOp>(op);
    if (isLowPrecisionFloat(type))
      return convertToLowPrecisionFloat(b, loc, x, fromUnsigned, type,
                                        !castOp || castOp.getSaturate(),
                                        castOp ? castOp.getRoundMode() : "up");
    x = extendLowPrecisionFloat(b, loc, x);
    from = x.getType();
    fromFloat = cast<FloatType>(from);
    if (from == type)
      return x;
  }
  if (fromFloat && toFloat) {
    if (fromFloat.getWidth() == toFloat.getWidth())
      x = arith::ExtFOp::create(b, loc, b.getF32Type(), x);
    if (cast<FloatType>(x.getType()).getWidth() < toFloat.getWidth())
      return arith::ExtFOp::create(b, loc, type, x);
    return arith::TruncFOp::create(b, loc, type, x);
  }
  if (fromFloat && toBool)
    return cmpf(b, loc, arith::CmpFPredicate::UNE, x,
                floatConstant(b, loc, from, 0.0));
  if (fromFloat && toInt) {
    if (toUnsigned && toInt.getWidth() == 64)
      return arith::FPToUIOp::create(b, loc, type, x);
    if (toUnsigned)
      return arith::TruncIOp::create(
          b, loc, type, arith::FPToSIOp::create(b, loc, b.getI64Type(), x));
    return arith::FPToSIOp::create(b, loc, type, x);
  }
  if (fromInt && toFloat) {
    if (fromBool || fromUnsigned)
      return arith::UIToFPOp::create(b, loc, type, x);
    return arith::SIToFPOp::create(b, loc, type, x);
  }
  if (fromInt && toBool)
    return cmpi(b, loc, arith::CmpIPredicate::ne, x, intConstant(b, loc, from, 0));
  if (fromInt && toInt) {
    if (fromInt.getWidth() > toInt.getWidth())
      return arith::TruncIOp::create(b, loc, type, x);
    if (fromBool || fromUnsigned)
      return arith::ExtUIOp::create(b, loc, type, x);
    return arith::ExtSIOp::create(b, loc, type, x);
  }
  return nullptr;
}

//===----------------------------------------------------------------------===//
// The pattern
//===----------------------------------------------------------------------===//

bool isHalf(Type type) { return type.isF16() || type.isBF16(); }

/// Lowers an elementwise op with `scalar` as its body.
struct LowerElementwise : RewritePattern {
  LowerElementwise(StringRef opName, ScalarFn scalar, bool promoteHalves,
                   MLIRContext *context)
      : RewritePattern(opName, /*benefit=*/1, context), scalar(scalar),
        promoteHalves(promoteHalves) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    auto writtenType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!writtenType)
      return rewriter.notifyMatchFailure(op, "unranked result");
    int64_t rank = writtenType.getRank();
    MLIRContext *context = op->getContext();
    Location loc = op->getLoc();
    for (Value operand : op->getOperands())
      if (!isa<RankedTensorType>(operand.getType()))
        return rewriter.notifyMatchFailure(op, "unranked operand");

    // Sizes the operands settle where the written result type does not: 1
    // where every operand's size is 1, or an operand's static size above 1
    // (the others broadcast to it).
    SmallVector<int64_t> shape(writtenType.getShape());
    for (int64_t d = 0; d < rank; ++d) {
      if (!ShapedType::isDynamic(shape[d]))
        continue;
      bool allOne = true;
      int64_t known = ShapedType::kDynamic;
      for (Value operand : op->getOperands()) {
        auto type = cast<RankedTensorType>(operand.getType());
        int64_t i = d - (rank - type.getRank());
        if (i < 0 || type.getDimSize(i) == 1)
          continue;
        allOne = false;
        if (!type.isDynamicDim(i))
          known = type.getDimSize(i);
      }
      if (!ShapedType::isDynamic(known))
        shape[d] = known;
      else if (allOne)
        shape[d] = 1;
    }
    auto resultType =
        RankedTensorType::get(shape, writtenType.getElementType());

    // An operand size that is dynamic where the result's is static and
    // above 1 is that size or 1, which only the run time knows: such
    // operands are broadcast to the result's sizes first.
    SmallVector<Value> operands;
    for (Value operand : op->getOperands()) {
      auto type = cast<RankedTensorType>(operand.getType());
      int64_t offset = rank - type.getRank();
      bool atRunTime = false;
      SmallVector<OpFoldResult> sizes;
      for (int64_t i = 0; i < type.getRank(); ++i) {
        int64_t resultSize = shape[offset + i];
        if (type.isDynamicDim(i) && !ShapedType::isDynamic(resultSize) &&
            resultSize > 1) {
          atRunTime = true;
          sizes.push_back(rewriter.getIndexAttr(resultSize));
        } else {
          sizes.push_back(tensor::getMixedSize(rewriter, loc, operand, i));
        }
      }
      operands.push_back(atRunTime ? ds::broadcastAtRunTime(rewriter, loc,
                                                           operand, sizes)
                                   : operand);
    }

    // Indexing maps: operand dimension i reads result dimension
    // rank - operandRank + i, or index 0 where it broadcasts.
    SmallVector<AffineMap> maps;
    SmallVector<Value> sizeSources(rank);
    SmallVector<int64_t> sizeDims(rank);
    for (Value operand : operands) {
      auto type = cast<RankedTensorType>(operand.getType());
      int64_t offset = rank - type.getRank();
      SmallVector<AffineExpr> exprs;
      for (int64_t i = 0; i < type.getRank(); ++i) {
        int64_t size = type.getDimSize(i);
        int64_t resultSize = resultType.getDimSize(offset + i);
        if (size == 1 && resultSize != 1) {
          exprs.push_back(getAffineConstantExpr(0, context));
          continue;
        }
        if (ShapedType::isDynamic(size) && !ShapedType::isDynamic(resultSize) &&
            resultSize > 1)
          return rewriter.notifyMatchFailure(
              op, "a dynamic size may broadcast at run time");
        exprs.push_back(getAffineDimExpr(offset + i, context));
        if (!sizeSources[offset + i]) {
          sizeSources[offset + i] = operand;
          sizeDims[offset + i] = i;
        }
      }
      maps.push_back(AffineMap::get(rank, 0, exprs, context));
    }
    maps.push_back(AffineMap::getMultiDimIdentityMap(rank, context));

    SmallVector<Value> dynamicSizes;
    for (int64_t d = 0; d < rank; ++d) {
      if (!resultType.isDynamicDim(d))
        continue;
      if (!sizeSources[d])
        return rewriter.notifyMatchFailure(op, "no operand gives a size");
      dynamicSizes.push_back(
          tensor::DimOp::create(rewriter, loc, sizeSources[d], sizeDims[d]));
    }
    Type elementType = resultType.getElementType();
    Value init = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                         elementType, dynamicSizes);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    bool failedBody = false;
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, operands, init, maps,
        iterators, [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
          Value result = buildBody(b, bodyLoc, op, args.drop_back(),
                                   elementType);
          if (!result) {
            failedBody = true;
            result = args.back();
          }
          linalg::YieldOp::create(b, bodyLoc, result);
        });
    if (failedBody) {
      rewriter.eraseOp(generic);
      return rewriter.notifyMatchFailure(op, "element type not handled");
    }
    Value result = generic.getResult(0);
    if (resultType != writtenType)
      result = tensor::CastOp::create(rewriter, loc, writtenType, result);
    rewriter.replaceOp(op, result);
    return success();
  }

  /// The scalar computation on signless (and promoted) elements, converted
  /// back to `elementType`.
  Value buildBody(OpBuilder &b, Location loc, Operation *op, ValueRange args,
                  Type elementType) const {
    Type f32 = b.getF32Type();
    SmallVector<Value> elements;
    for (Value arg : args) {
      Value element = castSignedness(b, loc, arg, toSignless(arg.getType()));
      if (promoteHalves && isHalf(element.getType()))
        element = arith::ExtFOp::create(b, loc, f32, element);
      elements.push_back(element);
    }
    Type computeType = toSignless(elementType);
    bool promoted = promoteHalves && isHalf(computeType);
    Value result = scalar(b, loc, op, elements, promoted ? f32 : computeType);
    if (!result)
      return nullptr;
    if (promoted)
      result = arith::TruncFOp::create(b, loc, computeType, result);
    return castSignedness(b, loc, result, elementType);
  }

  ScalarFn scalar;
  bool promoteHalves;
};

template <typename OpTy>
void add(RewritePatternSet &patterns, ScalarFn fn, bool promoteHalves = true) {
  patterns.add<LowerElementwise>(OpTy::getOperationName(), fn, promoteHalves,
                                 patterns.getContext());
}

} // namespace

void populateElementwiseToLinalgPatterns(RewritePatternSet &patterns) {
  using namespace arith;
  using P = CmpIPredicate;
  using F = CmpFPredicate;
  // Arithmetic.
  add<AddOp>(patterns, arithmetic<AddFOp, AddIOp>);
  add<SubOp>(patterns, arithmetic<SubFOp, SubIOp>);
  add<MulOp>(patterns, arithmetic<MulFOp, MulIOp>);
  add<DivOp>(patterns, arithmetic<DivFOp, DivSIOp, DivUIOp>);
  add<MaxOp>(patterns, arithmetic<MaximumFOp, MaxSIOp, MaxUIOp>);
  add<MinOp>(patterns, arithmetic<MinimumFOp, MinSIOp, MinUIOp>);
  add<ModOp>(patterns, mod);
  add<PowOp>(patterns, pow);
  add<NegOp>(patterns, neg);
  add<AbsOp>(patterns, abs);
  add<SignOp>(patterns, sign);
  add<ReciprocalOp>(patterns, reciprocal);
  add<ClipOp>(patterns, clip);
  // Float math.
  add<ExpOp>(patterns, floatMath<math::ExpOp>);
  add<LogOp>(patterns, floatMath<math::LogOp>);
  add<SqrtOp>(patterns, floatMath<math::SqrtOp>);
  add<ErfOp>(patterns, erf);
  add<FloorOp>(patterns, floatMath<math::FloorOp>);
  add<CeilOp>(patterns, floatMath<math::CeilOp>);
  add<RoundOp>(patterns, floatMath<math::RoundEvenOp>);
  add<SinOp>(patterns, floatMath<math::SinOp>);
  add<CosOp>(patterns, floatMath<math::CosOp>);
  add<TanOp>(patterns, floatMath<math::TanOp>);
  add<AsinOp>(patterns, floatMath<math::AsinOp>);
  add<AcosOp>(patterns, floatMath<math::AcosOp>);
  add<AtanOp>(patterns, floatMath<math::AtanOp>);
  add<SinhOp>(patterns, floatMath<math::SinhOp>);
  add<CoshOp>(patterns, floatMath<math::CoshOp>);
  add<TanhOp>(patterns, floatMath<math::TanhOp>);
  add<AsinhOp>(patterns, asinh);
  add<AcoshOp>(patterns, acosh);
  add<AtanhOp>(patterns, atanh);
  // Activations.
  add<ReluOp>(patterns, relu);
  add<LeakyReluOp>(patterns, leakyRelu);
  add<PReluOp>(patterns, prelu);
  add<SigmoidOp>(patterns, sigmoid);
  add<SoftplusOp>(patterns, softplus);
  add<SoftsignOp>(patterns, softsign);
  add<MishOp>(patterns, mish);
  add<HardSigmoidOp>(patterns, hardSigmoid);
  add<HardSwishOp>(patterns, hardSwish);
  add<EluOp>(patterns, elu);
  add<CeluOp>(patterns, celu);
  add<SeluOp>(patterns, selu);
  add<ThresholdedReluOp>(patterns, thresholdedRelu);
  add<GeluOp>(patterns, gelu);
  add<IsNaNOp>(patterns, isNaN);
  add<IsInfOp>(patterns, isInf);
  // Comparisons, logic and bits.
  add<EqualOp>(patterns, compare<F::OEQ, P::eq>);
  add<LessOp>(patterns, compare<F::OLT, P::slt, P::ult>);
  add<LessOrEqualOp>(patterns, compare<F::OLE, P::sle, P::ule>);
  add<GreaterOp>(patterns, compare<F::OGT, P::sgt, P::ugt>);
  add<GreaterOrEqualOp>(patterns, compare<F::OGE, P::sge, P::uge>);
  add<AndOp>(patterns, bitwise<AndIOp>);
  add<OrOp>(patterns, bitwise<OrIOp>);
  add<XorOp>(patterns, bitwise<XOrIOp>);
  add<NotOp>(patterns, bitwiseNot);
  add<BitwiseAndOp>(patterns, bitwise<AndIOp>);
  add<BitwiseOrOp>(patterns, bitwise<OrIOp>);
  add<BitwiseXorOp>(patterns, bitwise<XOrIOp>);
  add<BitwiseNotOp>(patterns, bitwiseNot);
  add<BitShiftOp>(patterns, bitShift);
  // Selection, conversion.
  add<WhereOp>(patterns, where);
  add<IdentityOp>(patterns, identity);
  add<CastOp>(patterns, convert, /*promoteHalves=*/false);
}

} // namespace ds
