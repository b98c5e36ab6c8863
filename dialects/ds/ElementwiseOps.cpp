//===- ElementwiseOps.cpp - Elementwise ds ops ------------------*- C++ -*-===//
//
// Part of ds. Verifiers, folders and canonicalizations of the elementwise
// family; result types are inferred inline (ElementwiseOps.td).
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ElementwiseOps.h"

#include "dialects/ds/Folding.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APSInt.h"

#include <cmath>

using namespace mlir;
using namespace ds;
using llvm::APFloat;
using llvm::APInt;

#define GET_OP_CLASSES
#include "dialects/ds/ElementwiseOps.cpp.inc"

void DSDialect::registerElementwiseOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/ElementwiseOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Unary folders
//===----------------------------------------------------------------------===//

static double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
static double reciprocal(double x) { return 1.0 / x; }
static double softplus(double x) { return std::log1p(std::exp(x)); }
static double softsign(double x) { return x / (1.0 + std::fabs(x)); }
static double roundEven(double x) { return std::nearbyint(x); }

#define DS_FOLD_FLOAT_MATH(OP, FN)                                             \
  OpFoldResult OP::fold(FoldAdaptor adaptor) {                                 \
    return foldFloatMath(adaptor.getInput(), getType(), FN);                   \
  }
DS_FOLD_FLOAT_MATH(ExpOp, static_cast<double (*)(double)>(std::exp))
DS_FOLD_FLOAT_MATH(LogOp, static_cast<double (*)(double)>(std::log))
DS_FOLD_FLOAT_MATH(SqrtOp, static_cast<double (*)(double)>(std::sqrt))
DS_FOLD_FLOAT_MATH(ReciprocalOp, reciprocal)
DS_FOLD_FLOAT_MATH(SigmoidOp, sigmoid)
DS_FOLD_FLOAT_MATH(TanhOp, static_cast<double (*)(double)>(std::tanh))
DS_FOLD_FLOAT_MATH(ErfOp, static_cast<double (*)(double)>(std::erf))
DS_FOLD_FLOAT_MATH(SinOp, static_cast<double (*)(double)>(std::sin))
DS_FOLD_FLOAT_MATH(CosOp, static_cast<double (*)(double)>(std::cos))
DS_FOLD_FLOAT_MATH(TanOp, static_cast<double (*)(double)>(std::tan))
DS_FOLD_FLOAT_MATH(AsinOp, static_cast<double (*)(double)>(std::asin))
DS_FOLD_FLOAT_MATH(AcosOp, static_cast<double (*)(double)>(std::acos))
DS_FOLD_FLOAT_MATH(AtanOp, static_cast<double (*)(double)>(std::atan))
DS_FOLD_FLOAT_MATH(SinhOp, static_cast<double (*)(double)>(std::sinh))
DS_FOLD_FLOAT_MATH(CoshOp, static_cast<double (*)(double)>(std::cosh))
DS_FOLD_FLOAT_MATH(AsinhOp, static_cast<double (*)(double)>(std::asinh))
DS_FOLD_FLOAT_MATH(AcoshOp, static_cast<double (*)(double)>(std::acosh))
DS_FOLD_FLOAT_MATH(AtanhOp, static_cast<double (*)(double)>(std::atanh))
DS_FOLD_FLOAT_MATH(SoftplusOp, softplus)
DS_FOLD_FLOAT_MATH(SoftsignOp, softsign)
DS_FOLD_FLOAT_MATH(FloorOp, static_cast<double (*)(double)>(std::floor))
DS_FOLD_FLOAT_MATH(CeilOp, static_cast<double (*)(double)>(std::ceil))
DS_FOLD_FLOAT_MATH(RoundOp, roundEven)
#undef DS_FOLD_FLOAT_MATH

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  // neg(neg(x)) -> x
  if (auto inner = getInput().getDefiningOp<NegOp>())
    if (inner.getInput().getType() == getType())
      return inner.getInput();
  return foldUnary(
      adaptor.getInput(), getType(),
      [](const APFloat &x) -> std::optional<APFloat> { return -x; },
      [](const APInt &x, bool) -> std::optional<APInt> { return -x; });
}

OpFoldResult AbsOp::fold(FoldAdaptor adaptor) {
  // abs(abs(x)) -> abs(x)
  if (auto inner = getInput().getDefiningOp<AbsOp>())
    if (inner.getType() == getType())
      return inner.getResult();
  return foldUnary(
      adaptor.getInput(), getType(),
      [](const APFloat &x) -> std::optional<APFloat> { return abs(x); },
      [](const APInt &x, bool isUnsigned) -> std::optional<APInt> {
        return isUnsigned ? x : x.abs();
      });
}

OpFoldResult NotOp::fold(FoldAdaptor adaptor) {
  if (auto inner = getInput().getDefiningOp<NotOp>())
    if (inner.getInput().getType() == getType())
      return inner.getInput();
  return foldUnary(
      adaptor.getInput(), getType(), nullptr,
      [](const APInt &x, bool) -> std::optional<APInt> { return ~x; });
}

OpFoldResult IdentityOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// Unary verifiers
//===----------------------------------------------------------------------===//

LogicalResult CeluOp::verify() {
  if (getAlpha().isZero())
    return emitOpError("alpha must be non-zero");
  return success();
}

LogicalResult GeluOp::verify() {
  if (getApproximate() != "none" && getApproximate() != "tanh")
    return emitOpError("approximate must be \"none\" or \"tanh\", got \"")
           << getApproximate() << "\"";
  return success();
}

//===----------------------------------------------------------------------===//
// Binary folders
//===----------------------------------------------------------------------===//

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  // x + 0 -> x for integers; x + (-0.0) -> x for floats (x + 0.0 is not x
  // when x is -0.0).
  bool isFloat = isa<FloatType>(getElementType(getType()));
  if (auto rhs = dyn_cast_or_null<DenseElementsAttr>(adaptor.getRhs());
      rhs && rhs.isSplat() && isSplatOf(rhs, 0.0) &&
      (!isFloat || rhs.getSplatValue<APFloat>().isNegZero()))
    return sameTypeOrNull(getLhs(), getType());
  return foldBinary(adaptor.getLhs(), adaptor.getRhs(), getType(),
                    combine::addF, combine::addI);
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (isSplatOf(adaptor.getRhs(), 0.0))
    if (auto rhs = cast<DenseElementsAttr>(adaptor.getRhs());
        !isa<FloatType>(rhs.getElementType()) ||
        !rhs.getSplatValue<APFloat>().isNegZero())
      return sameTypeOrNull(getLhs(), getType());
  return foldBinary(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a - b;
      },
      [](const APInt &a, const APInt &b, bool) -> std::optional<APInt> {
        return a - b;
      });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (isSplatOf(adaptor.getRhs(), 1.0))
    return sameTypeOrNull(getLhs(), getType());
  if (isSplatOf(adaptor.getLhs(), 1.0))
    return sameTypeOrNull(getRhs(), getType());
  return foldBinary(adaptor.getLhs(), adaptor.getRhs(), getType(),
                    combine::mulF, combine::mulI);
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (isSplatOf(adaptor.getRhs(), 1.0))
    return sameTypeOrNull(getLhs(), getType());
  return foldBinary(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a / b;
      },
      [](const APInt &a, const APInt &b,
         bool isUnsigned) -> std::optional<APInt> {
        if (b.isZero())
          return std::nullopt; // Undefined: leave it to run time.
        return isUnsigned ? a.udiv(b) : a.sdiv(b);
      });
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return sameTypeOrNull(getLhs(), getType());
  return foldBinary(adaptor.getLhs(), adaptor.getRhs(), getType(),
                    combine::maxF, combine::maxI);
}

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs())
    return sameTypeOrNull(getLhs(), getType());
  return foldBinary(adaptor.getLhs(), adaptor.getRhs(), getType(),
                    combine::minF, combine::minI);
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  // x ^ 1 -> x
  if (isSplatOf(adaptor.getRhs(), 1.0))
    return sameTypeOrNull(getLhs(), getType());
  return {};
}

//===----------------------------------------------------------------------===//
// Binary canonicalizations
//===----------------------------------------------------------------------===//

namespace {
/// a + neg(b) -> a - b, and neg(a) + b -> b - a.
struct AddOfNeg : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AddOp op,
                                PatternRewriter &rewriter) const override {
    Value a = op.getLhs(), b = op.getRhs();
    if (auto neg = b.getDefiningOp<NegOp>()) {
      b = neg.getInput();
    } else if (auto neg = a.getDefiningOp<NegOp>()) {
      a = b;
      b = neg.getInput();
    } else {
      return failure();
    }
    rewriter.replaceOpWithNewOp<SubOp>(op, op.getType(), a, b,
                                       op.getPrecisionAttr());
    return success();
  }
};

/// neg(a) * neg(b) -> a * b.
struct MulOfNegs : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    auto lhs = op.getLhs().getDefiningOp<NegOp>();
    auto rhs = op.getRhs().getDefiningOp<NegOp>();
    if (!lhs || !rhs)
      return failure();
    rewriter.replaceOpWithNewOp<MulOp>(op, op.getType(), lhs.getInput(),
                                       rhs.getInput(), op.getPrecisionAttr());
    return success();
  }
};
} // namespace

void AddOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                        MLIRContext *context) {
  patterns.add<AddOfNeg>(context);
}

void MulOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                        MLIRContext *context) {
  patterns.add<MulOfNegs>(context);
}

//===----------------------------------------------------------------------===//
// Binary verifiers
//===----------------------------------------------------------------------===//

LogicalResult BitShiftOp::verify() {
  if (getDirection() != "LEFT" && getDirection() != "RIGHT")
    return emitOpError("direction must be \"LEFT\" or \"RIGHT\", got \"")
           << getDirection() << "\"";
  return success();
}

//===----------------------------------------------------------------------===//
// Where, Clip, Cast
//===----------------------------------------------------------------------===//

OpFoldResult WhereOp::fold(FoldAdaptor adaptor) {
  auto cond = dyn_cast_or_null<DenseElementsAttr>(adaptor.getCondition());
  if (!cond || !cond.isSplat())
    return {};
  Value chosen = cond.getSplatValue<bool>() ? getX() : getY();
  return sameTypeOrNull(chosen, getType());
}

LogicalResult ClipOp::verify() {
  for (Value bound : {getMin(), getMax()}) {
    if (!bound)
      continue;
    auto type = cast<ShapedType>(bound.getType());
    if (type.getElementType() != getElementType(getInput().getType()))
      return emitOpError("bound element type ")
             << type.getElementType() << " differs from the input's "
             << getElementType(getInput().getType());
    if (type.hasRank() && type.getRank() > 1)
      return emitOpError("bounds must be scalars (rank 0 or 1), got rank ")
             << type.getRank();
    if (type.hasStaticShape() && type.getNumElements() != 1)
      return emitOpError("bounds must hold one element, got ")
             << type.getNumElements();
  }
  return success();
}

OpFoldResult ClipOp::fold(FoldAdaptor) {
  if (!getMin() && !getMax())
    return sameTypeOrNull(getInput(), getType());
  return {};
}

/// ONNX's float8, float4 and e8m0 formats, which ds only stores and
/// converts.
static bool isStorageFloat(Type type) {
  return isa<Float8E4M3FNType, Float8E4M3FNUZType, Float8E5M2Type,
             Float8E5M2FNUZType, Float4E2M1FNType, Float8E8M0FNUType>(type);
}

LogicalResult CastOp::verify() {
  StringRef roundMode = getRoundMode();
  if (roundMode != "up" && roundMode != "down" && roundMode != "nearest")
    return emitOpError("round_mode must be 'up', 'down' or 'nearest', got '")
           << roundMode << "'";
  auto in = cast<ShapedType>(getInput().getType());
  auto out = cast<ShapedType>(getType());
  if (in.hasRank() && out.hasRank()) {
    if (in.getRank() != out.getRank())
      return emitOpError("result rank ")
             << out.getRank() << " differs from input rank " << in.getRank();
    for (auto [i, o] : llvm::zip_equal(in.getShape(), out.getShape()))
      if (!compatibleSizes(i, o))
        return emitOpError("result shape ")
               << out << " is incompatible with input shape " << in;
  }
  return success();
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!dense || !type || !type.hasStaticShape() ||
      type.getNumElements() > kMaxFoldedElements)
    return {};
  Type from = dense.getElementType(), to = type.getElementType();
  // APFloat's conversions to the storage-only formats do not follow ONNX
  // (saturation, NaN, e8m0's rounding); from them, only the conversion to
  // the other floats (exact, or rounded once) does.
  if (isStorageFloat(to) || (isStorageFloat(from) && !isa<FloatType>(to)))
    return {};
  bool fromUnsigned = from.isUnsignedInteger() || from.isInteger(1);
  auto toAPFloat = [&](const APFloat &x) {
    APFloat y = x;
    bool losesInfo;
    y.convert(cast<FloatType>(to).getFloatSemantics(),
              APFloat::rmNearestTiesToEven, &losesInfo);
    return y;
  };
  if (isa<FloatType>(from) && isa<FloatType>(to))
    return dense.mapValues(
        to, [&](const APFloat &x) { return toAPFloat(x).bitcastToAPInt(); });
  if (isa<FloatType>(from) && to.isInteger(1))
    return dense.mapValues(
        to, [&](const APFloat &x) { return APInt(1, x.isZero() ? 0 : 1); });
  if (isa<FloatType>(from)) {
    unsigned width = to.getIntOrFloatBitWidth();
    bool toUnsigned = to.isUnsignedInteger();
    return dense.mapValues(to, [&](const APFloat &x) {
      llvm::APSInt result(width, toUnsigned);
      bool exact;
      x.convertToInteger(result, APFloat::rmTowardZero, &exact);
      return static_cast<APInt>(result);
    });
  }
  if (isa<FloatType>(to))
    return dense.mapValues(to, [&](const APInt &x) {
      APFloat y(cast<FloatType>(to).getFloatSemantics());
      y.convertFromAPInt(x, /*IsSigned=*/!fromUnsigned,
                         APFloat::rmNearestTiesToEven);
      return y.bitcastToAPInt();
    });
  unsigned width = to.getIntOrFloatBitWidth();
  if (to.isInteger(1))
    return dense.mapValues(
        to, [&](const APInt &x) { return APInt(1, x.isZero() ? 0 : 1); });
  return dense.mapValues(to, [&](const APInt &x) {
    return fromUnsigned ? x.zextOrTrunc(width) : x.sextOrTrunc(width);
  });
}
