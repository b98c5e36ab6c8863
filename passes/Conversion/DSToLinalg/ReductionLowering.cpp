//===- ReductionLowering.cpp - Reduction ds ops to linalg -------*- C++ -*-===//
//
// Part of ds. Lowers every ds reduction:
//
// * ReduceSum, ReduceMean, ReduceMax, ReduceMin, ReduceProd, ReduceL1,
//   ReduceL2, ReduceLogSum, ReduceSumSquare: a linalg.reduce over the reduced
//   axes into a linalg.fill of the identity of the combining op (0 for sums,
//   1 for products, -inf or the smallest integer for max, +inf or the largest
//   integer for min, so that an empty set reduces to that identity as in the
//   ONNX reference). The body first maps the element (|x| for L1, x * x for
//   L2 and SumSquare); a linalg.generic then finishes (the division by the
//   count for the mean, sqrt for L2, log for LogSum). f16 and bf16 sums
//   accumulate in f32 and round once at the end.
// * ReduceLogSumExp: the maximum first, then log(sum(exp(x - max))) + max in
//   a linalg.generic with reduction iterators (an infinite or NaN maximum
//   shifts by 0, so that -inf, +inf and NaN come out as in the reference).
// * ArgMax, ArgMin: one linalg.generic with two reduction outputs, the best
//   value and its index. As numpy's argmax and argmin, a NaN counts as the
//   best value (the first NaN, or the last with select_last_index).
// * TopK: k passes of an scf.for (k is a run-time operand); pass t is a
//   linalg.generic that picks, in every slice at once, the best element
//   after the one picked by pass t - 1 in the order of the ONNX reference
//   (by value, NaN above everything; equal values by increasing index), and
//   a tensor.insert_slice writes it at position t. That is O(k * n) per
//   slice with all slices in parallel; the output is always sorted, which
//   `sorted = false` allows.
//
// `keepdims` reinserts the reduced axes as size-1 dimensions with a
// tensor.expand_shape. Unlowered: unsigned integer element types (arith
// computes on signless integers only, and tensor.bitcast to them does not
// bufferize; the elementwise lowering leaves them too) and unranked
// tensors. TopK creates scf ops, a dialect convert-ds-to-linalg does not
// declare (Passes.td is not this file's): the pattern checks that it is
// loaded (ds-opt's and ds-compile's registries load it along with linalg)
// and otherwise leaves the op.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/LoweringUtils.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {
namespace {

enum class ReduceKind {
  Sum,
  Mean,
  Max,
  Min,
  Prod,
  L1,
  L2,
  LogSum,
  LogSumExp,
  SumSquare
};

/// How the elements combine: the accumulation of every kind is a sum but for
/// these three.
enum class Combiner { Add, Mul, Max, Min };

Combiner combinerOf(ReduceKind kind) {
  switch (kind) {
  case ReduceKind::Max:
    return Combiner::Max;
  case ReduceKind::Min:
    return Combiner::Min;
  case ReduceKind::Prod:
    return Combiner::Mul;
  default:
    return Combiner::Add;
  }
}

/// The identity of `combiner` in `type` (a float or signless integer).
TypedAttr identityAttr(Combiner combiner, Type type) {
  if (auto floatType = dyn_cast<FloatType>(type)) {
    const llvm::fltSemantics &semantics = floatType.getFloatSemantics();
    switch (combiner) {
    case Combiner::Add:
      return FloatAttr::get(type, APFloat::getZero(semantics));
    case Combiner::Mul:
      return FloatAttr::get(type, APFloat::getOne(semantics));
    case Combiner::Max:
      return FloatAttr::get(type, APFloat::getInf(semantics, true));
    case Combiner::Min:
      return FloatAttr::get(type, APFloat::getInf(semantics, false));
    }
  }
  unsigned width = type.getIntOrFloatBitWidth();
  switch (combiner) {
  case Combiner::Add:
    return IntegerAttr::get(type, APInt::getZero(width));
  case Combiner::Mul:
    return IntegerAttr::get(type, APInt(width, 1));
  case Combiner::Max:
    return IntegerAttr::get(type, APInt::getSignedMinValue(width));
  case Combiner::Min:
    return IntegerAttr::get(type, APInt::getSignedMaxValue(width));
  }
  llvm_unreachable("unknown combiner");
}

Value combine(OpBuilder &b, Location loc, Combiner combiner, Value element,
              Value accumulator) {
  bool isFloat = isa<FloatType>(element.getType());
  switch (combiner) {
  case Combiner::Add:
    return isFloat ? arith::AddFOp::create(b, loc, element, accumulator)
                         .getResult()
                   : arith::AddIOp::create(b, loc, element, accumulator)
                         .getResult();
  case Combiner::Mul:
    return isFloat ? arith::MulFOp::create(b, loc, element, accumulator)
                         .getResult()
                   : arith::MulIOp::create(b, loc, element, accumulator)
                         .getResult();
  case Combiner::Max:
    return isFloat ? arith::MaximumFOp::create(b, loc, element, accumulator)
                         .getResult()
                   : arith::MaxSIOp::create(b, loc, element, accumulator)
                         .getResult();
  case Combiner::Min:
    return isFloat ? arith::MinimumFOp::create(b, loc, element, accumulator)
                         .getResult()
                   : arith::MinSIOp::create(b, loc, element, accumulator)
                         .getResult();
  }
  llvm_unreachable("unknown combiner");
}

/// The element as it enters the accumulation of `kind` (in the accumulator
/// type `accType`).
Value mapElement(OpBuilder &b, Location loc, ReduceKind kind, Value x,
                 Type accType) {
  bool isFloat = isa<FloatType>(x.getType());
  if (x.getType() != accType)
    x = arith::ExtFOp::create(b, loc, accType, x);
  switch (kind) {
  case ReduceKind::L1:
    return isFloat ? math::AbsFOp::create(b, loc, x).getResult()
                   : math::AbsIOp::create(b, loc, x).getResult();
  case ReduceKind::L2:
  case ReduceKind::SumSquare:
    return isFloat ? arith::MulFOp::create(b, loc, x, x).getResult()
                   : arith::MulIOp::create(b, loc, x, x).getResult();
  default:
    return x;
  }
}

/// The accumulator type of `kind` on elements of `type`: f32 for sums of
/// f16 and bf16 (their 11 and 8 bit mantissas lose a sum of many terms),
/// the element type otherwise.
Type accumulatorType(ReduceKind kind, Type type) {
  Combiner combiner = combinerOf(kind);
  if ((combiner == Combiner::Add || combiner == Combiner::Mul) &&
      (type.isF16() || type.isBF16()))
    return Float32Type::get(type.getContext());
  return type;
}

/// A tensor.empty of the dimensions `dims` of `source`, of `elementType`.
Value emptyOf(OpBuilder &b, Location loc, Value source, ArrayRef<int64_t> dims,
              Type elementType) {
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<int64_t> shape;
  SmallVector<Value> dynamicSizes;
  for (int64_t d : dims) {
    shape.push_back(type.getDimSize(d));
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, source, d));
  }
  return tensor::EmptyOp::create(b, loc, shape, elementType, dynamicSizes);
}

/// The dimensions of `rank` not in `axes`.
SmallVector<int64_t> keptDims(int64_t rank, ArrayRef<int64_t> axes) {
  SmallVector<int64_t> kept;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(axes, d))
      kept.push_back(d);
  return kept;
}

/// The map from `rank` loop dimensions to the dimensions `dims`.
AffineMap projection(MLIRContext *context, int64_t rank,
                     ArrayRef<int64_t> dims) {
  SmallVector<AffineExpr> exprs;
  for (int64_t d : dims)
    exprs.push_back(getAffineDimExpr(d, context));
  return AffineMap::get(rank, 0, exprs, context);
}

/// A tensor of the kept dimensions of `input` filled with `value`.
Value filledKept(OpBuilder &b, Location loc, Value input,
                 ArrayRef<int64_t> axes, TypedAttr value) {
  int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
  Value empty =
      emptyOf(b, loc, input, keptDims(rank, axes), value.getType());
  Value constant = arith::ConstantOp::create(b, loc, value);
  return linalg::FillOp::create(b, loc, constant, empty).getResult(0);
}

/// Reduces `input` along the sorted, distinct `axes` with `kind`'s element
/// map and combiner, in the accumulator type; the result drops the axes.
Value buildReduce(OpBuilder &b, Location loc, ReduceKind kind, Value input,
                  ArrayRef<int64_t> axes, Type accType) {
  Combiner combiner = combinerOf(kind);
  Value init =
      filledKept(b, loc, input, axes, identityAttr(combiner, accType));
  auto reduce = linalg::ReduceOp::create(
      b, loc, input, init, axes,
      [&](OpBuilder &nested, Location bodyLoc, ValueRange args) {
        Value element = mapElement(nested, bodyLoc, kind, args[0], accType);
        linalg::YieldOp::create(
            nested, bodyLoc,
            combine(nested, bodyLoc, combiner, element, args[1]));
      });
  return reduce.getResult(0);
}

/// sum(exp(x - shift)) along `axes`, `shift` being `max` where it is finite
/// and 0 elsewhere; accumulated in `accType`.
Value buildSumExp(OpBuilder &b, Location loc, Value input,
                  ArrayRef<int64_t> axes, Value max, Type accType) {
  int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
  MLIRContext *context = b.getContext();
  AffineMap kept = projection(context, rank, keptDims(rank, axes));
  Value init = filledKept(b, loc, input, axes,
                          identityAttr(Combiner::Add, accType));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  for (int64_t d : axes)
    iterators[d] = utils::IteratorType::reduction;
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{input, max}, init,
             ArrayRef<AffineMap>{b.getMultiDimIdentityMap(rank), kept, kept},
             iterators,
             [&](OpBuilder &nested, Location l, ValueRange args) {
               Value x = args[0], m = args[1];
               if (x.getType() != accType) {
                 x = arith::ExtFOp::create(nested, l, accType, x);
                 m = arith::ExtFOp::create(nested, l, accType, m);
               }
               Value inf = arith::ConstantOp::create(
                   nested, l, accType,
                   FloatAttr::get(accType,
                                  APFloat::getInf(cast<FloatType>(accType)
                                                      .getFloatSemantics())));
               Value zero = arith::ConstantOp::create(
                   nested, l, accType, nested.getZeroAttr(accType));
               Value finite = arith::CmpFOp::create(
                   nested, l, arith::CmpFPredicate::ONE,
                   math::AbsFOp::create(nested, l, m), inf);
               Value shift =
                   arith::SelectOp::create(nested, l, finite, m, zero);
               Value e = math::ExpOp::create(
                   nested, l, arith::SubFOp::create(nested, l, x, shift));
               linalg::YieldOp::create(
                   nested, l,
                   arith::AddFOp::create(nested, l, e, args[2]).getResult());
             })
      .getResult(0);
}

/// The number of elements of `input` along `axes`, as an index.
Value countIndex(OpBuilder &b, Location loc, Value input,
                 ArrayRef<int64_t> axes) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t staticCount = 1;
  Value count;
  for (int64_t axis : axes) {
    if (!type.isDynamicDim(axis)) {
      staticCount *= type.getDimSize(axis);
      continue;
    }
    Value size = tensor::DimOp::create(b, loc, input, axis);
    count = count ? arith::MulIOp::create(b, loc, count, size) : size;
  }
  Value constant = arith::ConstantIndexOp::create(b, loc, staticCount);
  return count ? arith::MulIOp::create(b, loc, count, constant).getResult()
               : constant;
}

/// A parallel linalg.generic applying `fn` to every element of `value`
/// (and of `extra`, of the same shape, when given), giving elements of
/// `resultElement`.
Value mapTensor(OpBuilder &b, Location loc, ValueRange inputs,
                Type resultElement,
                function_ref<Value(OpBuilder &, Location, ValueRange)> fn) {
  Value value = inputs.front();
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  Value empty = emptyOf(b, loc, value, llvm::to_vector(llvm::seq(rank)),
                        resultElement);
  SmallVector<AffineMap> maps(inputs.size() + 1,
                              b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{empty.getType()}, inputs, empty, maps,
             iterators,
             [&](OpBuilder &nested, Location l, ValueRange args) {
               linalg::YieldOp::create(nested, l,
                                       fn(nested, l, args.drop_back()));
             })
      .getResult(0);
}

/// Reinserts the sorted `axes` of a rank-`rank` shape as size-1 dimensions
/// of `reduced` (which has the other dimensions of `input`), giving
/// `resultType`.
Value keepDims(OpBuilder &b, Location loc, Value reduced, Value input,
               ArrayRef<int64_t> axes, RankedTensorType resultType) {
  int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
  // Each reduced axis joins the group of the next kept axis; trailing
  // reduced axes join the last group.
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  SmallVector<OpFoldResult> outputShape;
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    pending.push_back(d);
    if (llvm::is_contained(axes, d)) {
      outputShape.push_back(b.getIndexAttr(1));
      shape.push_back(1);
      continue;
    }
    auto inputType = cast<RankedTensorType>(input.getType());
    shape.push_back(inputType.getDimSize(d));
    if (inputType.isDynamicDim(d))
      outputShape.push_back(
          tensor::DimOp::create(b, loc, input, d).getResult());
    else
      outputShape.push_back(b.getIndexAttr(inputType.getDimSize(d)));
    groups.push_back(pending);
    pending.clear();
  }
  if (!groups.empty())
    llvm::append_range(groups.back(), pending);
  auto expandedType = RankedTensorType::get(
      shape, cast<RankedTensorType>(reduced.getType()).getElementType());
  Value expanded = tensor::ExpandShapeOp::create(b, loc, expandedType, reduced,
                                                 groups, outputShape);
  if (expandedType != resultType)
    expanded = tensor::CastOp::create(b, loc, resultType, expanded);
  return expanded;
}

/// Whether `type` is a float or a signless integer other than i1.
bool isLowerableElement(Type type) {
  if (isa<FloatType>(type))
    return true;
  auto intType = dyn_cast<IntegerType>(type);
  return intType && intType.isSignless() && intType.getWidth() > 1;
}

/// Lowers a ds.reduce_* op of `kind`.
template <typename OpTy, ReduceKind kind>
struct LowerReduce : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked tensors");
    Type elementType = inputType.getElementType();
    if (!isLowerableElement(elementType))
      return rewriter.notifyMatchFailure(op, "unsigned or bool elements");
    int64_t rank = inputType.getRank();
    Location loc = op.getLoc();

    std::optional<ArrayRef<int64_t>> axesAttr = op.getAxes();
    if (!axesAttr && op.getNoopWithEmptyAxes()) {
      Value data = op.getData();
      if (data.getType() != resultType)
        data = tensor::CastOp::create(rewriter, loc, resultType, data);
      rewriter.replaceOp(op, data);
      return success();
    }
    SmallVector<int64_t> axes;
    if (axesAttr) {
      for (int64_t axis : *axesAttr)
        axes.push_back(axis < 0 ? axis + rank : axis);
    } else {
      axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
    }
    llvm::sort(axes);
    if (llvm::any_of(axes, [&](int64_t a) { return a < 0 || a >= rank; }) ||
        std::adjacent_find(axes.begin(), axes.end()) != axes.end())
      return rewriter.notifyMatchFailure(op, "invalid axes");
    if (resultType.getRank() !=
        (op.getKeepdims() ? rank : rank - static_cast<int64_t>(axes.size())))
      return rewriter.notifyMatchFailure(op, "unexpected result rank");

    Value data = op.getData();
    Type accType = accumulatorType(kind, elementType);
    Value reduced;
    if (kind == ReduceKind::LogSumExp) {
      Value max = buildReduce(rewriter, loc, ReduceKind::Max, data, axes,
                              elementType);
      Value sum = buildSumExp(rewriter, loc, data, axes, max, accType);
      // log(sum) + the shift that buildSumExp subtracted.
      reduced = mapTensor(
          rewriter, loc, {sum, max}, elementType,
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value m = args[1];
            if (m.getType() != accType)
              m = arith::ExtFOp::create(b, l, accType, m);
            Value inf = arith::ConstantOp::create(
                b, l, accType,
                FloatAttr::get(accType,
                               APFloat::getInf(cast<FloatType>(accType)
                                                   .getFloatSemantics())));
            Value zero = arith::ConstantOp::create(b, l, accType,
                                                   b.getZeroAttr(accType));
            Value finite =
                arith::CmpFOp::create(b, l, arith::CmpFPredicate::ONE,
                                      math::AbsFOp::create(b, l, m), inf);
            Value shift = arith::SelectOp::create(b, l, finite, m, zero);
            Value r = arith::AddFOp::create(
                b, l, math::LogOp::create(b, l, args[0]), shift);
            if (accType != elementType)
              r = arith::TruncFOp::create(b, l, elementType, r);
            return r;
          });
    } else {
      reduced = buildReduce(rewriter, loc, kind, data, axes, accType);
      // The mean's divisor: a float (a constant for static sizes) or, for
      // integers, an integer of the element type.
      Value count;
      if (kind == ReduceKind::Mean && isa<FloatType>(accType))
        count = countAlong(rewriter, loc, data, axes, accType);
      else if (kind == ReduceKind::Mean)
        // At least 1: the mean of an empty set has no integer value, and
        // a division by zero would trap.
        count = arith::IndexCastOp::create(
            rewriter, loc, accType,
            arith::MaxUIOp::create(
                rewriter, loc, countIndex(rewriter, loc, data, axes),
                arith::ConstantIndexOp::create(rewriter, loc, 1)));
      bool needsFinish = kind == ReduceKind::Mean || kind == ReduceKind::L2 ||
                         kind == ReduceKind::LogSum || accType != elementType;
      if (needsFinish)
        reduced = mapTensor(
            rewriter, loc, reduced, elementType,
            [&](OpBuilder &b, Location l, ValueRange args) -> Value {
              Value r = args[0];
              bool isFloat = isa<FloatType>(accType);
              if (kind == ReduceKind::Mean) {
                // Integers: numpy's mean then a cast to the integer type,
                // the quotient truncated toward zero.
                r = isFloat ? arith::DivFOp::create(b, l, r, count).getResult()
                            : arith::DivSIOp::create(b, l, r, count)
                                  .getResult();
              } else if (kind == ReduceKind::L2) {
                r = math::SqrtOp::create(b, l, r);
              } else if (kind == ReduceKind::LogSum) {
                r = math::LogOp::create(b, l, r);
              }
              if (accType != elementType)
                r = arith::TruncFOp::create(b, l, elementType, r);
              return r;
            });
    }

    if (op.getKeepdims()) {
      reduced = keepDims(rewriter, loc, reduced, data, axes, resultType);
    } else if (reduced.getType() != resultType) {
      reduced = tensor::CastOp::create(rewriter, loc, resultType, reduced);
    }
    rewriter.replaceOp(op, reduced);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ArgMax, ArgMin, TopK: orders with NaN as the largest value
//===----------------------------------------------------------------------===//

Value isNaN(OpBuilder &b, Location loc, Value x) {
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
}

/// Whether `a` is strictly greater (`greater`) or strictly smaller than `b`,
/// NaN being larger than every number and equal to itself.
Value strictlyBeyond(OpBuilder &b, Location loc, Value x, Value y,
                     bool greater) {
  if (!isa<FloatType>(x.getType()))
    return arith::CmpIOp::create(b, loc,
                                 greater ? arith::CmpIPredicate::sgt
                                         : arith::CmpIPredicate::slt,
                                 x, y);
  Value ordered = arith::CmpFOp::create(
      b, loc, greater ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT,
      x, y);
  // greater: x is NaN and y is not; smaller: y is NaN and x is not.
  Value nanX = isNaN(b, loc, x), nanY = isNaN(b, loc, y);
  Value trueValue = arith::ConstantIntOp::create(b, loc, 1, 1);
  Value notNanY = arith::XOrIOp::create(b, loc, nanY, trueValue);
  Value notNanX = arith::XOrIOp::create(b, loc, nanX, trueValue);
  Value nanCase = greater ? arith::AndIOp::create(b, loc, nanX, notNanY)
                          : arith::AndIOp::create(b, loc, nanY, notNanX);
  return arith::OrIOp::create(b, loc, ordered, nanCase);
}

/// Whether `x` and `y` are equal, NaN being equal to NaN.
Value sameValue(OpBuilder &b, Location loc, Value x, Value y) {
  if (!isa<FloatType>(x.getType()))
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, y);
  Value equal =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, x, y);
  Value bothNaN = arith::AndIOp::create(b, loc, isNaN(b, loc, x),
                                        isNaN(b, loc, y));
  return arith::OrIOp::create(b, loc, equal, bothNaN);
}

/// The smallest (`largest`) or largest value of `type`: where a search for
/// the maximum (minimum) starts.
TypedAttr worstValue(Type type, bool largest) {
  return identityAttr(largest ? Combiner::Max : Combiner::Min, type);
}

/// Whether ArgMax (`largest`) or ArgMin replaces the best value so far with
/// `x`, scanning in increasing index. As numpy's argmax and argmin, a NaN
/// beats every number: the first NaN wins, or with `last` the last one;
/// among numbers, the first (`last`: the last) extreme one wins.
Value argTake(OpBuilder &b, Location loc, Value x, Value best, bool largest,
              bool last) {
  if (!isa<FloatType>(x.getType())) {
    arith::CmpIPredicate predicate =
        largest ? (last ? arith::CmpIPredicate::sge : arith::CmpIPredicate::sgt)
                : (last ? arith::CmpIPredicate::sle
                        : arith::CmpIPredicate::slt);
    return arith::CmpIOp::create(b, loc, predicate, x, best);
  }
  arith::CmpFPredicate predicate =
      largest ? (last ? arith::CmpFPredicate::OGE : arith::CmpFPredicate::OGT)
              : (last ? arith::CmpFPredicate::OLE : arith::CmpFPredicate::OLT);
  Value better = arith::CmpFOp::create(b, loc, predicate, x, best);
  Value nanX = isNaN(b, loc, x), nanBest = isNaN(b, loc, best);
  Value trueValue = arith::ConstantIntOp::create(b, loc, 1, 1);
  Value numberBest = arith::XOrIOp::create(b, loc, nanBest, trueValue);
  if (last) {
    // A NaN always; a number only over a number.
    return arith::OrIOp::create(
        b, loc, nanX, arith::AndIOp::create(b, loc, numberBest, better));
  }
  // Nothing replaces a NaN; a NaN or a better number replaces a number.
  return arith::AndIOp::create(b, loc, numberBest,
                               arith::OrIOp::create(b, loc, nanX, better));
}

/// Lowers ArgMax (`largest`) and ArgMin.
template <typename OpTy, bool largest>
struct LowerArgReduce : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked tensors");
    Type elementType = inputType.getElementType();
    if (!isLowerableElement(elementType))
      return rewriter.notifyMatchFailure(op, "unsigned or bool elements");
    int64_t rank = inputType.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    if (resultType.getRank() != (op.getKeepdims() ? rank : rank - 1))
      return rewriter.notifyMatchFailure(op, "unexpected result rank");

    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    Value data = op.getData();
    Type i64 = rewriter.getI64Type();
    SmallVector<int64_t> axes = {axis};
    Value bestInit =
        filledKept(rewriter, loc, data, axes, worstValue(elementType, largest));
    Value indexInit =
        filledKept(rewriter, loc, data, axes, rewriter.getI64IntegerAttr(0));
    AffineMap kept = projection(context, rank, keptDims(rank, axes));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators[axis] = utils::IteratorType::reduction;
    bool last = op.getSelectLastIndex();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{bestInit.getType(), indexInit.getType()},
        data, ValueRange{bestInit, indexInit},
        ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(rank), kept, kept},
        iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], best = args[1], bestIndex = args[2];
          Value take = argTake(b, l, x, best, largest, last);
          Value index = arith::IndexCastOp::create(
              b, l, i64, linalg::IndexOp::create(b, l, axis));
          linalg::YieldOp::create(
              b, l,
              ValueRange{arith::SelectOp::create(b, l, take, x, best),
                         arith::SelectOp::create(b, l, take, index,
                                                 bestIndex)});
        });
    Value indices = generic.getResult(1);
    if (op.getKeepdims())
      indices = keepDims(rewriter, loc, indices, data, axes, resultType);
    else if (indices.getType() != resultType)
      indices = tensor::CastOp::create(rewriter, loc, resultType, indices);
    rewriter.replaceOp(op, indices);
    return success();
  }
};

/// TopK by k selection passes (see the file comment).
struct LowerTopK : OpRewritePattern<TopKOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(TopKOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getContext()->getLoadedDialect<scf::SCFDialect>())
      return rewriter.notifyMatchFailure(op, "the scf dialect is not loaded");
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto valuesType = dyn_cast<RankedTensorType>(op.getValues().getType());
    auto indicesType = dyn_cast<RankedTensorType>(op.getIndices().getType());
    auto kType = dyn_cast<RankedTensorType>(op.getK().getType());
    if (!inputType || !valuesType || !indicesType || !kType)
      return rewriter.notifyMatchFailure(op, "unranked tensors");
    Type elementType = inputType.getElementType();
    if (!isLowerableElement(elementType))
      return rewriter.notifyMatchFailure(op, "unsigned or bool elements");
    if (!kType.hasStaticShape() || kType.getNumElements() != 1)
      return rewriter.notifyMatchFailure(op, "k is not one element");
    int64_t rank = inputType.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank || valuesType.getRank() != rank ||
        indicesType.getRank() != rank)
      return rewriter.notifyMatchFailure(op, "axis or ranks");

    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    Value input = op.getInput();
    bool largest = op.getLargest();
    Type i64 = rewriter.getI64Type();
    Type indexType = rewriter.getIndexType();

    // k as an index.
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    SmallVector<Value> kPosition(kType.getRank(), zero);
    Value k = tensor::ExtractOp::create(rewriter, loc, op.getK(), kPosition);
    k = arith::IndexCastOp::create(rewriter, loc, indexType, k);

    // The outputs: the input's shape with k along the axis.
    SmallVector<int64_t> shape(inputType.getShape());
    shape[axis] = valuesType.getDimSize(axis);
    SmallVector<Value> dynamicSizes;
    for (int64_t d = 0; d < rank; ++d) {
      if (!ShapedType::isDynamic(shape[d]))
        continue;
      dynamicSizes.push_back(
          d == axis ? k : tensor::DimOp::create(rewriter, loc, input, d));
    }
    Value values = tensor::EmptyOp::create(rewriter, loc, shape, elementType,
                                           dynamicSizes);
    Value indices =
        tensor::EmptyOp::create(rewriter, loc, shape, i64, dynamicSizes);

    SmallVector<int64_t> axes = {axis};
    SmallVector<int64_t> outer = keptDims(rank, axes);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    AffineMap keptMap = projection(context, rank, outer);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators[axis] = utils::IteratorType::reduction;

    // The slices of the outputs at position `at` along the axis.
    auto sliceAt = [&](OpBuilder &b, Location l, OpFoldResult at) {
      SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes;
      offsets[axis] = at;
      for (int64_t d = 0; d < rank; ++d) {
        if (d == axis)
          sizes.push_back(b.getIndexAttr(1));
        else if (inputType.isDynamicDim(d))
          sizes.push_back(tensor::DimOp::create(b, l, input, d).getResult());
        else
          sizes.push_back(b.getIndexAttr(inputType.getDimSize(d)));
      }
      return std::make_pair(offsets, sizes);
    };
    auto keptType = [&](Type element) {
      SmallVector<int64_t> keptShape;
      for (int64_t d : outer)
        keptShape.push_back(inputType.getDimSize(d));
      return RankedTensorType::get(keptShape, element);
    };

    // The loop carries only the outputs, updated in place; pass t reads the
    // pick of pass t - 1 back from them (at t = 0 it reads the unwritten
    // slice 0 and ignores it).
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, k, one, ValueRange{values, indices},
        [&](OpBuilder &b, Location l, Value t, ValueRange iterArgs) {
          SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
          Value first = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                              t, zero);
          Value previous = arith::SelectOp::create(
              b, l, first, zero, arith::SubIOp::create(b, l, t, one));
          auto [prevOffsets, prevSizes] = sliceAt(b, l, previous);
          Value prevV = tensor::ExtractSliceOp::create(
              b, l, keptType(elementType), iterArgs[0], prevOffsets,
              prevSizes, strides);
          Value prevI = tensor::ExtractSliceOp::create(
              b, l, keptType(i64), iterArgs[1], prevOffsets, prevSizes,
              strides);
          Value bestInit = filledKept(b, l, input, axes,
                                      worstValue(elementType, largest));
          Value bestIndexInit =
              filledKept(b, l, input, axes, b.getI64IntegerAttr(-1));
          auto pick = linalg::GenericOp::create(
              b, l, TypeRange{bestInit.getType(), bestIndexInit.getType()},
              ValueRange{input, prevV, prevI},
              ValueRange{bestInit, bestIndexInit},
              ArrayRef<AffineMap>{b.getMultiDimIdentityMap(rank), keptMap,
                                  keptMap, keptMap, keptMap},
              iterators, [&](OpBuilder &nb, Location bl, ValueRange args) {
                Value x = args[0], pv = args[1], pi = args[2];
                Value best = args[3], bestIndex = args[4];
                Value i = arith::IndexCastOp::create(
                    nb, bl, i64, linalg::IndexOp::create(nb, bl, axis));
                // `before(v, i, w, j)`: (v, i) comes before (w, j) in the
                // output order.
                auto before = [&](Value v, Value vi, Value w, Value wi) {
                  Value beyond = strictlyBeyond(nb, bl, v, w, largest);
                  Value tie = arith::AndIOp::create(
                      nb, bl, sameValue(nb, bl, v, w),
                      arith::CmpIOp::create(nb, bl, arith::CmpIPredicate::slt,
                                            vi, wi));
                  return arith::OrIOp::create(nb, bl, beyond, tie)
                      .getResult();
                };
                Value zero64 = arith::ConstantIntOp::create(nb, bl, 0, 64);
                // Eligible: after the previous pick (anything in pass 0).
                Value eligible = arith::OrIOp::create(
                    nb, bl, first, before(pv, pi, x, i));
                Value noBest = arith::CmpIOp::create(
                    nb, bl, arith::CmpIPredicate::slt, bestIndex, zero64);
                Value better = arith::OrIOp::create(
                    nb, bl, noBest, before(x, i, best, bestIndex));
                Value take = arith::AndIOp::create(nb, bl, eligible, better);
                linalg::YieldOp::create(
                    nb, bl,
                    ValueRange{
                        arith::SelectOp::create(nb, bl, take, x, best),
                        arith::SelectOp::create(nb, bl, take, i, bestIndex)});
              });
          // Write the picks at position t along the axis.
          auto [offsets, sizes] = sliceAt(b, l, t);
          Value newValues = tensor::InsertSliceOp::create(
              b, l, pick.getResult(0), iterArgs[0], offsets, sizes, strides);
          Value newIndices = tensor::InsertSliceOp::create(
              b, l, pick.getResult(1), iterArgs[1], offsets, sizes, strides);
          scf::YieldOp::create(b, l, ValueRange{newValues, newIndices});
        });
    Value resultValues = loop.getResult(0), resultIndices = loop.getResult(1);
    if (resultValues.getType() != valuesType)
      resultValues =
          tensor::CastOp::create(rewriter, loc, valuesType, resultValues);
    if (resultIndices.getType() != indicesType)
      resultIndices =
          tensor::CastOp::create(rewriter, loc, indicesType, resultIndices);
    rewriter.replaceOp(op, ValueRange{resultValues, resultIndices});
    return success();
  }
};

} // namespace

void populateReductionToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<LowerReduce<ReduceSumOp, ReduceKind::Sum>,
               LowerReduce<ReduceMeanOp, ReduceKind::Mean>,
               LowerReduce<ReduceMaxOp, ReduceKind::Max>,
               LowerReduce<ReduceMinOp, ReduceKind::Min>,
               LowerReduce<ReduceProdOp, ReduceKind::Prod>,
               LowerReduce<ReduceL1Op, ReduceKind::L1>,
               LowerReduce<ReduceL2Op, ReduceKind::L2>,
               LowerReduce<ReduceLogSumOp, ReduceKind::LogSum>,
               LowerReduce<ReduceLogSumExpOp, ReduceKind::LogSumExp>,
               LowerReduce<ReduceSumSquareOp, ReduceKind::SumSquare>,
               LowerArgReduce<ArgMaxOp, true>, LowerArgReduce<ArgMinOp, false>,
               LowerTopK>(context);
}

} // namespace ds
