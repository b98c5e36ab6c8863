//===- ElementwiseLowering.cpp - Elementwise ds ops to linalg ---*- C++ -*-===//
//
// Part of ds. One linalg.generic per elementwise op: broadcasting becomes
// constant-0 indices in the operands' indexing maps, and the op's scalar
// computation becomes arith and math ops in the body.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/Matchers.h"
#include "passes/Conversion/DSToLinalg/Passes.h"

#include "dialects/ds/DSOps.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {
namespace {

/// Computes the op's result element from its operands' elements `args`;
/// null when the element types are not handled.
using ScalarFn = Value (*)(OpBuilder &b, Location loc, Operation *op,
                           ValueRange args, Type resultType);

bool isFloat(Type type) { return isa<FloatType>(type); }

Value floatConstant(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, value));
}

/// Binary arithmetic: float op or signed integer op.
template <typename FloatOp, typename IntOp>
Value arithmetic(OpBuilder &b, Location loc, Operation *, ValueRange args,
                 Type type) {
  if (isFloat(type))
    return FloatOp::create(b, loc, args[0], args[1]);
  return IntOp::create(b, loc, args[0], args[1]);
}

/// A float-only unary math op.
template <typename MathOp>
Value floatMath(OpBuilder &b, Location loc, Operation *, ValueRange args,
                Type type) {
  if (!isFloat(type))
    return {};
  return MathOp::create(b, loc, args[0]);
}

Value neg(OpBuilder &b, Location loc, Operation *, ValueRange args, Type type) {
  if (isFloat(type))
    return arith::NegFOp::create(b, loc, args[0]);
  Value zero =
      arith::ConstantOp::create(b, loc, type, b.getIntegerAttr(type, 0));
  return arith::SubIOp::create(b, loc, zero, args[0]);
}

Value abs(OpBuilder &b, Location loc, Operation *, ValueRange args, Type type) {
  if (isFloat(type))
    return math::AbsFOp::create(b, loc, args[0]);
  return math::AbsIOp::create(b, loc, args[0]);
}

Value relu(OpBuilder &b, Location loc, Operation *, ValueRange args,
           Type type) {
  if (isFloat(type))
    return arith::MaximumFOp::create(b, loc, args[0],
                                     floatConstant(b, loc, type, 0.0));
  Value zero =
      arith::ConstantOp::create(b, loc, type, b.getIntegerAttr(type, 0));
  return arith::MaxSIOp::create(b, loc, args[0], zero);
}

Value reciprocal(OpBuilder &b, Location loc, Operation *, ValueRange args,
                 Type type) {
  if (!isFloat(type))
    return {};
  return arith::DivFOp::create(b, loc, floatConstant(b, loc, type, 1.0),
                               args[0]);
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
  Value positive =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, args[0], zero);
  Value scaled = arith::MulFOp::create(b, loc, args[0],
                                       floatConstant(b, loc, type, alpha));
  return arith::SelectOp::create(b, loc, positive, args[0], scaled);
}

/// Comparisons: an ordered float predicate or a signed integer one.
template <arith::CmpFPredicate F, arith::CmpIPredicate I>
Value compare(OpBuilder &b, Location loc, Operation *, ValueRange args, Type) {
  if (isFloat(args[0].getType()))
    return arith::CmpFOp::create(b, loc, F, args[0], args[1]);
  return arith::CmpIOp::create(b, loc, I, args[0], args[1]);
}

template <typename BitOp>
Value bitwise(OpBuilder &b, Location loc, Operation *, ValueRange args, Type) {
  return BitOp::create(b, loc, args[0], args[1]);
}

Value logicalNot(OpBuilder &b, Location loc, Operation *, ValueRange args,
                 Type type) {
  Value ones =
      arith::ConstantOp::create(b, loc, type, b.getIntegerAttr(type, -1));
  return arith::XOrIOp::create(b, loc, args[0], ones);
}

Value select(OpBuilder &b, Location loc, Operation *, ValueRange args, Type) {
  return arith::SelectOp::create(b, loc, args[0], args[1], args[2]);
}

/// a ^ b on floats. A splat constant exponent of 1, 2, 3 or 0.5 becomes
/// multiplications or a square root (what LayerNorm's and GELU's
/// decompositions use); any other exponent is math.powf.
Value pow(OpBuilder &b, Location loc, Operation *op, ValueRange args,
          Type type) {
  auto floatType = dyn_cast<FloatType>(type);
  if (!floatType)
    return nullptr;
  Value base = args[0];
  DenseElementsAttr exponentAttr;
  if (matchPattern(op->getOperand(1), m_Constant(&exponentAttr)) &&
      exponentAttr.isSplat()) {
    std::optional<double> exponent;
    Type elementType = exponentAttr.getElementType();
    if (isa<FloatType>(elementType))
      exponent = exponentAttr.getSplatValue<APFloat>().convertToDouble();
    else if (elementType.isSignlessInteger())
      exponent = static_cast<double>(
          exponentAttr.getSplatValue<APInt>().getSExtValue());
    if (exponent == 1.0)
      return base;
    if (exponent == 2.0)
      return arith::MulFOp::create(b, loc, base, base);
    if (exponent == 3.0)
      return arith::MulFOp::create(
          b, loc, arith::MulFOp::create(b, loc, base, base), base);
    if (exponent == 0.5)
      return math::SqrtOp::create(b, loc, base);
  }
  Value exponent = args[1];
  Type exponentType = exponent.getType();
  if (isa<IntegerType>(exponentType) && !exponentType.isSignlessInteger())
    return nullptr;
  if (exponentType.isSignlessInteger())
    exponent = arith::SIToFPOp::create(b, loc, type, exponent);
  else if (exponentType.getIntOrFloatBitWidth() < floatType.getWidth())
    exponent = arith::ExtFOp::create(b, loc, type, exponent);
  else if (exponentType != type)
    exponent = arith::TruncFOp::create(b, loc, type, exponent);
  return math::PowFOp::create(b, loc, base, exponent);
}

/// Element type conversion, ONNX's Cast: floats widen or round to nearest
/// even, float to integer truncates toward zero, bool is `x != 0` one way
/// and 0 or 1 the other, integers sign-extend or truncate.
Value convert(OpBuilder &b, Location loc, Operation *, ValueRange args,
           Type type) {
  Value x = args[0];
  Type from = x.getType();
  if (from == type)
    return x;
  auto fromInt = dyn_cast<IntegerType>(from);
  auto toInt = dyn_cast<IntegerType>(type);
  if ((fromInt && !fromInt.isSignless()) || (toInt && !toInt.isSignless()))
    return nullptr;
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(type);
  bool toBool = toInt && toInt.getWidth() == 1;
  bool fromBool = fromInt && fromInt.getWidth() == 1;
  if (fromFloat && toFloat)
    return fromFloat.getWidth() < toFloat.getWidth()
               ? arith::ExtFOp::create(b, loc, type, x).getResult()
               : arith::TruncFOp::create(b, loc, type, x).getResult();
  if (fromFloat && toBool)
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, x,
                                 floatConstant(b, loc, from, 0.0));
  if (fromFloat && toInt)
    return arith::FPToSIOp::create(b, loc, type, x);
  if (fromBool && toFloat)
    return arith::UIToFPOp::create(b, loc, type, x);
  if (fromInt && toFloat)
    return arith::SIToFPOp::create(b, loc, type, x);
  if (fromInt && toBool) {
    Value zero =
        arith::ConstantOp::create(b, loc, from, b.getIntegerAttr(from, 0));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x, zero);
  }
  if (fromBool && toInt)
    return arith::ExtUIOp::create(b, loc, type, x);
  if (fromInt && toInt)
    return fromInt.getWidth() < toInt.getWidth()
               ? arith::ExtSIOp::create(b, loc, type, x).getResult()
               : arith::TruncIOp::create(b, loc, type, x).getResult();
  return nullptr;
}

/// min(max(x, lo), hi) with whichever bounds the op has; NaN propagates.
Value clip(OpBuilder &b, Location loc, Operation *op, ValueRange args,
           Type type) {
  auto clipOp = cast<ClipOp>(op);
  Value result = args[0];
  unsigned next = 1;
  bool isFloat = isa<FloatType>(type);
  if (!isFloat && !isa<IntegerType>(type))
    return nullptr;
  if (clipOp.getMin()) {
    Value lo = args[next++];
    result = isFloat ? arith::MaximumFOp::create(b, loc, result, lo).getResult()
                     : arith::MaxSIOp::create(b, loc, result, lo).getResult();
  }
  if (clipOp.getMax()) {
    Value hi = args[next++];
    result = isFloat ? arith::MinimumFOp::create(b, loc, result, hi).getResult()
                     : arith::MinSIOp::create(b, loc, result, hi).getResult();
  }
  return result;
}

Value identity(OpBuilder &, Location, Operation *, ValueRange args, Type) {
  return args[0];
}

/// Lowers an elementwise op with `scalar` as its body.
struct LowerElementwise : RewritePattern {
  LowerElementwise(StringRef opName, ScalarFn scalar, MLIRContext *context)
      : RewritePattern(opName, /*benefit=*/1, context), scalar(scalar) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    auto resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!resultType || !isSupportedElement(resultType.getElementType()))
      return rewriter.notifyMatchFailure(op, "unranked or unsigned result");
    int64_t rank = resultType.getRank();
    MLIRContext *context = op->getContext();

    // Indexing maps: operand dimension i reads result dimension
    // rank - operandRank + i, or index 0 where it broadcasts.
    SmallVector<AffineMap> maps;
    SmallVector<Value> sizeSources(rank);
    SmallVector<int64_t> sizeDims(rank);
    for (Value operand : op->getOperands()) {
      auto type = dyn_cast<RankedTensorType>(operand.getType());
      if (!type || !isSupportedElement(type.getElementType()))
        return rewriter.notifyMatchFailure(op, "unranked or unsigned operand");
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

    Location loc = op->getLoc();
    SmallVector<Value> dynamicSizes;
    for (int64_t d = 0; d < rank; ++d) {
      if (!resultType.isDynamicDim(d))
        continue;
      if (!sizeSources[d])
        return rewriter.notifyMatchFailure(op, "no operand gives a size");
      dynamicSizes.push_back(
          tensor::DimOp::create(rewriter, loc, sizeSources[d], sizeDims[d]));
    }
    Value init =
        tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                resultType.getElementType(), dynamicSizes);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    bool failedBody = false;
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, op->getOperands(), init, maps,
        iterators, [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
          Value result = scalar(b, bodyLoc, op, args.drop_back(),
                                resultType.getElementType());
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
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }

  static bool isSupportedElement(Type type) {
    return !type.isUnsignedInteger();
  }

  ScalarFn scalar;
};

template <typename OpTy> void add(RewritePatternSet &patterns, ScalarFn fn) {
  patterns.add<LowerElementwise>(OpTy::getOperationName(), fn,
                                 patterns.getContext());
}

} // namespace

void populateElementwiseToLinalgPatterns(RewritePatternSet &patterns) {
  using namespace arith;
  add<AddOp>(patterns, arithmetic<AddFOp, AddIOp>);
  add<SubOp>(patterns, arithmetic<SubFOp, SubIOp>);
  add<MulOp>(patterns, arithmetic<MulFOp, MulIOp>);
  add<DivOp>(patterns, arithmetic<DivFOp, DivSIOp>);
  add<MaxOp>(patterns, arithmetic<MaximumFOp, MaxSIOp>);
  add<MinOp>(patterns, arithmetic<MinimumFOp, MinSIOp>);
  add<NegOp>(patterns, neg);
  add<AbsOp>(patterns, abs);
  add<ReluOp>(patterns, relu);
  add<LeakyReluOp>(patterns, leakyRelu);
  add<ClipOp>(patterns, clip);
  add<PowOp>(patterns, pow);
  add<CastOp>(patterns, convert);
  add<ReciprocalOp>(patterns, reciprocal);
  add<SigmoidOp>(patterns, sigmoid);
  add<ExpOp>(patterns, floatMath<math::ExpOp>);
  add<LogOp>(patterns, floatMath<math::LogOp>);
  add<SqrtOp>(patterns, floatMath<math::SqrtOp>);
  add<TanhOp>(patterns, floatMath<math::TanhOp>);
  add<ErfOp>(patterns, floatMath<math::ErfOp>);
  add<SinOp>(patterns, floatMath<math::SinOp>);
  add<CosOp>(patterns, floatMath<math::CosOp>);
  add<FloorOp>(patterns, floatMath<math::FloorOp>);
  add<CeilOp>(patterns, floatMath<math::CeilOp>);
  add<RoundOp>(patterns, floatMath<math::RoundEvenOp>);
  add<EqualOp>(patterns, compare<CmpFPredicate::OEQ, CmpIPredicate::eq>);
  add<LessOp>(patterns, compare<CmpFPredicate::OLT, CmpIPredicate::slt>);
  add<LessOrEqualOp>(patterns, compare<CmpFPredicate::OLE, CmpIPredicate::sle>);
  add<GreaterOp>(patterns, compare<CmpFPredicate::OGT, CmpIPredicate::sgt>);
  add<GreaterOrEqualOp>(patterns,
                        compare<CmpFPredicate::OGE, CmpIPredicate::sge>);
  add<AndOp>(patterns, bitwise<AndIOp>);
  add<OrOp>(patterns, bitwise<OrIOp>);
  add<XorOp>(patterns, bitwise<XOrIOp>);
  add<NotOp>(patterns, logicalNot);
  add<WhereOp>(patterns, select);
  add<IdentityOp>(patterns, identity);
}

} // namespace ds
