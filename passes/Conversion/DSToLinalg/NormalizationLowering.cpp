//===- NormalizationLowering.cpp - Normalization ops to linalg -*- C++ -*-===//
//
// Part of ds. Lowers every ds normalization op:
//
// * Softmax and LogSoftmax subtract the maximum along the axis before
//   exponentiating (a linalg.reduce for the maximum, one for the sum of the
//   exponentials, and linalg.generic ops for the elementwise parts).
// * BatchNormalization in inference mode is one linalg.generic reading the
//   per-channel parameters through (d1) maps (converted to x's type when
//   theirs differs, as ONNX's T1 and T2 allow). In training mode the batch
//   statistics come first (over every axis but 1), then the same generic,
//   and a generic over the channels updates the running statistics.
// * LayerNormalization, GroupNormalization and InstanceNormalization compute
//   the mean (a linalg.reduce and a division by the count) and the variance
//   (a linalg.generic summing squared deviations from that mean) over their
//   axes, then normalize in a last linalg.generic. The statistics are
//   computed in the stash type (Layer and Group) or, for f16 and bf16
//   inputs of the others, in f32; the normalized value is rounded to the
//   input type before the scale and bias apply, as ONNX's function bodies
//   do. GroupNormalization views x as N x G x C/G x ... with a
//   tensor.expand_shape and collapses the result back. LayerNormalization's
//   optional mean and inv_std_dev results keep the normalized axes as size 1.
// * Hardmax finds the first maximum along the axis (a linalg.generic with
//   two reduction outputs, a NaN counting as the maximum like numpy's
//   argmax) and writes the one-hot in a second generic.
// * LpNormalization divides by the L1 or L2 norm along the axis, and gives
//   0 where the norm is 0 (as the ONNX reference).
//
// Unlowered: unranked tensors, stash types other than f16, bf16, f32 and
// f64, a LayerNormalization scale or bias whose dynamic size may broadcast
// at run time, and LpNormalization with p other than 1 and 2 (the verifier
// rejects those).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/LoweringUtils.h"

#include "dialects/ds/DSOps.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {
namespace {

using BodyFn = function_ref<Value(OpBuilder &, Location, ValueRange)>;

Value floatConstant(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, value));
}

/// `x` (a float) converted to the float type `type`.
Value convertFloat(OpBuilder &b, Location loc, Value x, Type type) {
  unsigned from = x.getType().getIntOrFloatBitWidth();
  unsigned to = type.getIntOrFloatBitWidth();
  if (x.getType() == type)
    return x;
  // f16 and bf16 have the same width but neither holds the other: through
  // f32.
  if (from == to) {
    x = arith::ExtFOp::create(b, loc, b.getF32Type(), x);
    return arith::TruncFOp::create(b, loc, type, x);
  }
  if (from < to)
    return arith::ExtFOp::create(b, loc, type, x);
  return arith::TruncFOp::create(b, loc, type, x);
}

/// The type statistics of `type` accumulate in when nothing says: f32 for
/// the 16-bit floats, the type itself otherwise.
Type statisticsType(Type type) {
  if (type.isF16() || type.isBF16())
    return Float32Type::get(type.getContext());
  return type;
}

/// A tensor.empty of the dimensions `dims` of `source`, of `elementType`
/// (default: the source's).
Value emptyLike(OpBuilder &b, Location loc, Value source,
                ArrayRef<int64_t> dims, Type elementType = {}) {
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<int64_t> shape;
  SmallVector<Value> dynamicSizes;
  for (int64_t d : dims) {
    shape.push_back(type.getDimSize(d));
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, source, d));
  }
  return tensor::EmptyOp::create(
      b, loc, shape, elementType ? elementType : type.getElementType(),
      dynamicSizes);
}

/// The dimensions of `rank` not in `axes`.
SmallVector<int64_t> keptDims(int64_t rank, ArrayRef<int64_t> axes) {
  SmallVector<int64_t> kept;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(axes, d))
      kept.push_back(d);
  return kept;
}

/// The map from the `rank` loop dimensions to the dimensions `dims`.
AffineMap projection(OpBuilder &b, int64_t rank, ArrayRef<int64_t> dims) {
  SmallVector<AffineExpr> exprs;
  for (int64_t d : dims)
    exprs.push_back(b.getAffineDimExpr(d));
  return AffineMap::get(rank, 0, exprs, b.getContext());
}

/// Reduces `input` along `axes` starting from `init` with `combine(element,
/// accumulator)`; the result drops the axes. The elements are converted to
/// `accType` (default: the input's element type) first.
template <typename CombineOp>
Value reduceAlong(OpBuilder &b, Location loc, Value input,
                  ArrayRef<int64_t> axes, double init, Type accType = {}) {
  auto type = cast<RankedTensorType>(input.getType());
  if (!accType)
    accType = type.getElementType();
  Value empty =
      emptyLike(b, loc, input, keptDims(type.getRank(), axes), accType);
  Value initValue = floatConstant(b, loc, accType, init);
  Value filled = linalg::FillOp::create(b, loc, initValue, empty).getResult(0);
  return linalg::ReduceOp::create(
             b, loc, input, filled, axes,
             [&](OpBuilder &nested, Location bodyLoc, ValueRange args) {
               Value element = convertFloat(nested, bodyLoc, args[0], accType);
               linalg::YieldOp::create(
                   nested, bodyLoc,
                   CombineOp::create(nested, bodyLoc, element, args[1])
                       .getResult());
             })
      .getResult(0);
}

/// A parallel linalg.generic over the shape of `like` (all of its
/// dimensions), reading `inputs` through `maps`, giving elements of
/// `elementType` (default: those of `like`).
Value parallelGeneric(OpBuilder &b, Location loc, Value like, ValueRange inputs,
                      ArrayRef<AffineMap> maps, BodyFn body,
                      Type elementType = {}) {
  auto type = cast<RankedTensorType>(like.getType());
  int64_t rank = type.getRank();
  Value empty =
      emptyLike(b, loc, like, llvm::to_vector(llvm::seq(rank)), elementType);
  SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{empty.getType()}, inputs, empty, allMaps,
             iterators,
             [&](OpBuilder &nested, Location bodyLoc, ValueRange args) {
               linalg::YieldOp::create(nested, bodyLoc,
                                       body(nested, bodyLoc, args));
             })
      .getResult(0);
}

/// The float input type of a normalization, or null.
RankedTensorType floatTensor(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !isa<FloatType>(type.getElementType()))
    return {};
  return type;
}

/// `value` with the type `type`: itself, or a tensor.cast to a more or less
/// refined type.
Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

/// Reinserts the sorted `axes` of `input` as size-1 dimensions of `reduced`
/// (which has the other dimensions of `input`).
Value reinsertAxes(OpBuilder &b, Location loc, Value reduced, Value input,
                   ArrayRef<int64_t> axes) {
  auto inputType = cast<RankedTensorType>(input.getType());
  int64_t rank = inputType.getRank();
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
  auto type = RankedTensorType::get(
      shape, cast<RankedTensorType>(reduced.getType()).getElementType());
  return tensor::ExpandShapeOp::create(b, loc, type, reduced, groups,
                                       outputShape);
}

/// The mean and the (population) variance of `x` over `axes`, in `statType`,
/// as tensors of the other dimensions: the sum divided by the count, then
/// the sum of squared deviations from that mean divided by the count.
std::pair<Value, Value> meanAndVariance(OpBuilder &b, Location loc, Value x,
                                        ArrayRef<int64_t> axes,
                                        Type statType) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> outer = keptDims(rank, axes);
  Value count = countAlong(b, loc, x, axes, statType);
  auto divideByCount = [&](Value sum) {
    int64_t sumRank = cast<RankedTensorType>(sum.getType()).getRank();
    return parallelGeneric(
        b, loc, sum, sum, b.getMultiDimIdentityMap(sumRank),
        [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
          return arith::DivFOp::create(nb, l, args[0], count);
        });
  };
  Value mean = divideByCount(
      reduceAlong<arith::AddFOp>(b, loc, x, axes, 0.0, statType));

  AffineMap id = b.getMultiDimIdentityMap(rank);
  AffineMap outerMap = projection(b, rank, outer);
  Value zero = floatConstant(b, loc, statType, 0.0);
  Value squaresInit =
      linalg::FillOp::create(b, loc, zero,
                             emptyLike(b, loc, x, outer, statType))
          .getResult(0);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  for (int64_t d : axes)
    iterators[d] = utils::IteratorType::reduction;
  Value squares =
      linalg::GenericOp::create(
          b, loc, TypeRange{squaresInit.getType()}, ValueRange{x, mean},
          squaresInit, ArrayRef<AffineMap>{id, outerMap, outerMap}, iterators,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            Value element = convertFloat(nb, l, args[0], statType);
            Value deviation = arith::SubFOp::create(nb, l, element, args[1]);
            Value square = arith::MulFOp::create(nb, l, deviation, deviation);
            linalg::YieldOp::create(
                nb, l,
                arith::AddFOp::create(nb, l, square, args[2]).getResult());
          })
          .getResult(0);
  return {mean, divideByCount(squares)};
}

/// (x - mean) / sqrt(var + epsilon), computed in the type of `mean` and
/// rounded to `elementType`, then times `scale` plus `bias` (when given).
/// With `reciprocal`, multiplies by 1 / sqrt(var + epsilon) instead (ONNX's
/// LayerNormalization does).
Value normalizeWithStats(OpBuilder &b, Location loc, Value x, Value mean,
                         Value var, double epsilon, Value scale, Value bias,
                         Type elementType, bool reciprocal = false) {
  Type statType = mean.getType();
  Value eps = floatConstant(b, loc, statType, epsilon);
  Value centered =
      arith::SubFOp::create(b, loc, convertFloat(b, loc, x, statType), mean);
  Value stdDev =
      math::SqrtOp::create(b, loc, arith::AddFOp::create(b, loc, var, eps));
  Value normalized;
  if (reciprocal) {
    Value one = floatConstant(b, loc, statType, 1.0);
    Value inverse = arith::DivFOp::create(b, loc, one, stdDev);
    normalized = arith::MulFOp::create(b, loc, centered, inverse);
  } else {
    normalized = arith::DivFOp::create(b, loc, centered, stdDev);
  }
  normalized = convertFloat(b, loc, normalized, elementType);
  Value scaled = arith::MulFOp::create(b, loc, normalized, scale);
  return bias ? arith::AddFOp::create(b, loc, scaled, bias).getResult()
              : scaled;
}

/// Softmax (`log` false) or LogSoftmax (`log` true) along the op's axis.
template <typename OpTy, bool log>
struct LowerSoftmax : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = floatTensor(op.getInput());
    if (!type || type != op.getType())
      return rewriter.notifyMatchFailure(op, "unranked or non-float tensors");
    int64_t rank = type.getRank();
    // I64Attr accessors return uint64_t: read the axis as signed.
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank)
      return rewriter.notifyMatchFailure(op, "axis out of range");

    Location loc = op.getLoc();
    Value x = op.getInput();
    Type elementType = type.getElementType();
    // f16 and bf16 exponentiate and sum in f32 and round once at the end.
    Type computeType = statisticsType(elementType);
    double negInf = -std::numeric_limits<double>::infinity();
    Value max = reduceAlong<arith::MaximumFOp>(rewriter, loc, x, axis, negInf);
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap row = projection(rewriter, rank, keptDims(rank, axis));
    auto shifted = [computeType](OpBuilder &b, Location l, Value v,
                                 Value m) -> Value {
      return arith::SubFOp::create(b, l, convertFloat(b, l, v, computeType),
                                   convertFloat(b, l, m, computeType));
    };
    // exp(x - max): every term is at most 1.
    Value exps = parallelGeneric(
        rewriter, loc, x, {x, max}, {id, row},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          return math::ExpOp::create(b, l, shifted(b, l, args[0], args[1]));
        },
        computeType);
    Value sum = reduceAlong<arith::AddFOp>(rewriter, loc, exps, axis, 0.0);
    Value result;
    if (log) {
      // (x - max) - log(sum(exp(x - max))).
      result = parallelGeneric(
          rewriter, loc, x, {x, max, sum}, {id, row, row},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value centered = shifted(b, l, args[0], args[1]);
            Value logSum = math::LogOp::create(b, l, args[2]);
            Value r = arith::SubFOp::create(b, l, centered, logSum);
            return convertFloat(b, l, r, elementType);
          });
    } else {
      result = parallelGeneric(
          rewriter, loc, x, {exps, sum}, {id, row},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value r = arith::DivFOp::create(b, l, args[0], args[1]);
            return convertFloat(b, l, r, elementType);
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// (x - mean) / sqrt(var + epsilon) * scale (+ bias when given), all in the
/// type of x.
Value normalize(OpBuilder &b, Location loc, Value x, Value mean, Value var,
                double epsilon, Value scale, Value bias) {
  Value eps = floatConstant(b, loc, x.getType(), epsilon);
  Value centered = arith::SubFOp::create(b, loc, x, mean);
  Value stdDev =
      math::SqrtOp::create(b, loc, arith::AddFOp::create(b, loc, var, eps));
  Value normalized = arith::DivFOp::create(b, loc, centered, stdDev);
  Value scaled = arith::MulFOp::create(b, loc, normalized, scale);
  return bias ? arith::AddFOp::create(b, loc, scaled, bias).getResult()
              : scaled;
}

/// Whether `param` is a ranked 1-D float tensor.
bool isVector(Value param) {
  auto type = dyn_cast<RankedTensorType>(param.getType());
  return type && type.getRank() == 1 && isa<FloatType>(type.getElementType());
}

/// BatchNormalization, inference and training mode.
struct LowerBatchNormalization : OpRewritePattern<BatchNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = floatTensor(op.getX());
    if (!type || type.getRank() < 2)
      return rewriter.notifyMatchFailure(op, "unsupported input");
    SmallVector<Value> params = {op.getScale(), op.getBias(), op.getMean(),
                                 op.getVar()};
    for (Value param : params)
      if (!isVector(param))
        return rewriter.notifyMatchFailure(op, "unsupported parameters");
    bool training = op.getTrainingMode();
    if (training != (op.getRunningStats().size() == 2))
      return rewriter.notifyMatchFailure(op, "unexpected results");
    Type elementType = type.getElementType();
    int64_t rank = type.getRank();
    Location loc = op.getLoc();
    AffineMap channel = projection(rewriter, rank, {1});
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    double epsilon = op.getEpsilon().convertToDouble();

    if (!training) {
      // The parameters may have other float types than x (ONNX's T1 and
      // T2): they are converted to x's.
      SmallVector<Value> inputs = {op.getX()};
      llvm::append_range(inputs, params);
      SmallVector<AffineMap> maps = {id};
      maps.append(4, channel);
      Value y = parallelGeneric(
          rewriter, loc, op.getX(), inputs, maps,
          [&](OpBuilder &b, Location l, ValueRange args) {
            auto param = [&](int i) {
              return convertFloat(b, l, args[i], elementType);
            };
            return normalize(b, l, args[0], param(3), param(4), epsilon,
                             param(1), param(2));
          });
      rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getY().getType()));
      return success();
    }

    // Training: the statistics of the batch, over every axis but 1.
    Type statType = statisticsType(elementType);
    SmallVector<int64_t> axes = keptDims(rank, 1);
    auto [mean, var] =
        meanAndVariance(rewriter, loc, op.getX(), axes, statType);
    Value y = parallelGeneric(
        rewriter, loc, op.getX(), {op.getX(), mean, var, params[0], params[1]},
        {id, channel, channel, channel, channel},
        [&](OpBuilder &b, Location l, ValueRange args) {
          return normalizeWithStats(
              b, l, args[0], args[1], args[2], epsilon,
              convertFloat(b, l, args[3], elementType),
              convertFloat(b, l, args[4], elementType), elementType);
        });

    // running = previous * momentum + batch * (1 - momentum), in the type of
    // the previous statistic.
    double momentum = op.getMomentum().convertToDouble();
    AffineMap vector = rewriter.getMultiDimIdentityMap(1);
    auto update = [&](Value previous, Value batch) {
      Type paramType = getElementTypeOrSelf(previous.getType());
      return parallelGeneric(
          rewriter, loc, previous, {previous, batch}, {vector, vector},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value m = floatConstant(b, l, paramType, momentum);
            Value rest = floatConstant(b, l, paramType, 1.0 - momentum);
            Value kept = arith::MulFOp::create(b, l, args[0], m);
            Value added = arith::MulFOp::create(
                b, l, convertFloat(b, l, args[1], paramType), rest);
            return arith::AddFOp::create(b, l, kept, added);
          });
    };
    Value runningMean = update(op.getMean(), mean);
    Value runningVar = update(op.getVar(), var);
    rewriter.replaceOp(
        op, {castTo(rewriter, loc, y, op.getY().getType()),
             castTo(rewriter, loc, runningMean,
                    op.getRunningMean().getType()),
             castTo(rewriter, loc, runningVar, op.getRunningVar().getType())});
    return success();
  }
};

/// The float type of an ONNX TensorProto data type, or null.
Type stashElementType(MLIRContext *context, int64_t stashType) {
  switch (stashType) {
  case 1:
    return Float32Type::get(context);
  case 10:
    return Float16Type::get(context);
  case 11:
    return Float64Type::get(context);
  case 16:
    return BFloat16Type::get(context);
  default:
    return {};
  }
}

/// LayerNormalization, with or without its statistics results.
struct LowerLayerNormalization : OpRewritePattern<LayerNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LayerNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = floatTensor(op.getX());
    if (!type)
      return rewriter.notifyMatchFailure(op, "unsupported input");
    Type statType = stashElementType(op.getContext(), op.getStashType());
    if (!statType)
      return rewriter.notifyMatchFailure(op, "unknown stash type");
    if (static_cast<bool>(op.getMean()) != static_cast<bool>(op.getInvStdDev()))
      return rewriter.notifyMatchFailure(op, "one statistics result");
    int64_t rank = type.getRank();
    // I64Attr accessors return uint64_t: read the axis as signed.
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    Type elementType = type.getElementType();

    // scale and bias align with the trailing dimensions of x; their size-1
    // dimensions broadcast.
    SmallVector<AffineMap> paramMaps;
    SmallVector<Value> params = {op.getScale()};
    if (op.getBias())
      params.push_back(op.getBias());
    for (Value param : params) {
      auto paramType = dyn_cast<RankedTensorType>(param.getType());
      if (!paramType || !isa<FloatType>(paramType.getElementType()) ||
          paramType.getRank() > rank - axis)
        return rewriter.notifyMatchFailure(op, "unsupported scale or bias");
      int64_t offset = rank - paramType.getRank();
      SmallVector<AffineExpr> exprs;
      for (int64_t i = 0; i < paramType.getRank(); ++i) {
        int64_t size = paramType.getDimSize(i);
        int64_t xSize = type.getDimSize(offset + i);
        if (size == 1 && xSize != 1) {
          exprs.push_back(rewriter.getAffineConstantExpr(0));
          continue;
        }
        if (ShapedType::isDynamic(size) && xSize != size)
          return rewriter.notifyMatchFailure(op, "size may broadcast");
        exprs.push_back(rewriter.getAffineDimExpr(offset + i));
      }
      paramMaps.push_back(
          AffineMap::get(rank, 0, exprs, rewriter.getContext()));
    }

    Location loc = op.getLoc();
    Value x = op.getX();
    SmallVector<int64_t> axes = llvm::to_vector(llvm::seq(axis, rank));
    SmallVector<int64_t> outer = llvm::to_vector(llvm::seq<int64_t>(0, axis));
    auto [mean, var] = meanAndVariance(rewriter, loc, x, axes, statType);

    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap outerMap = projection(rewriter, rank, outer);
    SmallVector<Value> inputs = {x, mean, var};
    llvm::append_range(inputs, params);
    SmallVector<AffineMap> maps = {id, outerMap, outerMap};
    llvm::append_range(maps, paramMaps);
    double epsilon = op.getEpsilon().convertToDouble();
    bool hasBias = static_cast<bool>(op.getBias());
    Value y = parallelGeneric(
        rewriter, loc, x, inputs, maps,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value scale = convertFloat(b, l, args[3], elementType);
          Value bias =
              hasBias ? convertFloat(b, l, args[4], elementType) : Value();
          return normalizeWithStats(b, l, args[0], args[1], args[2], epsilon,
                                    scale, bias, elementType,
                                    /*reciprocal=*/true);
        });
    SmallVector<Value> results = {castTo(rewriter, loc, y, op.getY().getType())};
    if (op.getMean()) {
      // mean and 1 / sqrt(var + epsilon), with the normalized axes as 1.
      Type meanElement = getElementTypeOrSelf(op.getMean().getType());
      Type invElement = getElementTypeOrSelf(op.getInvStdDev().getType());
      AffineMap outerId = rewriter.getMultiDimIdentityMap(axis);
      Value meanOut = mean;
      if (meanElement != statType)
        meanOut = parallelGeneric(
            rewriter, loc, mean, mean, outerId,
            [&](OpBuilder &b, Location l, ValueRange args) {
              return convertFloat(b, l, args[0], meanElement);
            },
            meanElement);
      Value invOut = parallelGeneric(
          rewriter, loc, var, var, outerId,
          [&](OpBuilder &b, Location l, ValueRange args) {
            Value eps = floatConstant(b, l, statType, epsilon);
            Value one = floatConstant(b, l, statType, 1.0);
            Value stdDev = math::SqrtOp::create(
                b, l, arith::AddFOp::create(b, l, args[0], eps));
            return convertFloat(b, l, arith::DivFOp::create(b, l, one, stdDev),
                                invElement);
          },
          invElement);
      results.push_back(castTo(rewriter, loc,
                               reinsertAxes(rewriter, loc, meanOut, x, axes),
                               op.getMean().getType()));
      results.push_back(castTo(rewriter, loc,
                               reinsertAxes(rewriter, loc, invOut, x, axes),
                               op.getInvStdDev().getType()));
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// GroupNormalization: x viewed as N x G x C/G x D1 x ... x Dk.
struct LowerGroupNormalization : OpRewritePattern<GroupNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GroupNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = floatTensor(op.getX());
    if (!type || type.getRank() < 2)
      return rewriter.notifyMatchFailure(op, "unsupported input");
    if (!isVector(op.getScale()) || !isVector(op.getBias()))
      return rewriter.notifyMatchFailure(op, "unsupported parameters");
    Type statType = stashElementType(op.getContext(), op.getStashType());
    if (!statType)
      return rewriter.notifyMatchFailure(op, "unknown stash type");
    int64_t groups = static_cast<int64_t>(op.getNumGroups());
    int64_t channels = type.getDimSize(1);
    if (groups <= 0 ||
        (!ShapedType::isDynamic(channels) && channels % groups != 0))
      return rewriter.notifyMatchFailure(op, "channels not divisible");
    Type elementType = type.getElementType();
    int64_t rank = type.getRank();
    Location loc = op.getLoc();
    Value x = op.getX();

    // The channels of a group are consecutive: C splits into G x C/G.
    int64_t perGroup =
        ShapedType::isDynamic(channels) ? ShapedType::kDynamic
                                        : channels / groups;
    OpFoldResult perGroupSize;
    if (ShapedType::isDynamic(perGroup)) {
      Value c = tensor::DimOp::create(rewriter, loc, x, 1);
      perGroupSize =
          arith::DivUIOp::create(
              rewriter, loc, c,
              arith::ConstantIndexOp::create(rewriter, loc, groups))
              .getResult();
    } else {
      perGroupSize = rewriter.getIndexAttr(perGroup);
    }
    SmallVector<int64_t> shape = {type.getDimSize(0), groups, perGroup};
    SmallVector<OpFoldResult> sizes = {
        type.isDynamicDim(0)
            ? OpFoldResult(tensor::DimOp::create(rewriter, loc, x, 0)
                               .getResult())
            : rewriter.getIndexAttr(type.getDimSize(0)),
        rewriter.getIndexAttr(groups), perGroupSize};
    SmallVector<ReassociationIndices> reassociation = {{0}, {1, 2}};
    for (int64_t d = 2; d < rank; ++d) {
      shape.push_back(type.getDimSize(d));
      sizes.push_back(type.isDynamicDim(d)
                          ? OpFoldResult(tensor::DimOp::create(rewriter, loc,
                                                               x, d)
                                             .getResult())
                          : rewriter.getIndexAttr(type.getDimSize(d)));
      reassociation.push_back({d + 1});
    }
    auto groupedType = RankedTensorType::get(shape, elementType);
    Value grouped = tensor::ExpandShapeOp::create(
        rewriter, loc, groupedType, x, reassociation, sizes);
    auto expandParam = [&](Value param) -> Value {
      auto paramType = cast<RankedTensorType>(param.getType());
      auto expanded = RankedTensorType::get({groups, perGroup},
                                            paramType.getElementType());
      return tensor::ExpandShapeOp::create(
          rewriter, loc, expanded, param,
          ArrayRef<ReassociationIndices>{{0, 1}},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(groups),
                                 perGroupSize});
    };
    Value scale = expandParam(op.getScale());
    Value bias = expandParam(op.getBias());

    int64_t groupedRank = rank + 1;
    SmallVector<int64_t> axes =
        llvm::to_vector(llvm::seq<int64_t>(2, groupedRank));
    auto [mean, var] = meanAndVariance(rewriter, loc, grouped, axes, statType);
    AffineMap id = rewriter.getMultiDimIdentityMap(groupedRank);
    AffineMap sample = projection(rewriter, groupedRank, {0, 1});
    AffineMap channel = projection(rewriter, groupedRank, {1, 2});
    double epsilon = op.getEpsilon().convertToDouble();
    Value y = parallelGeneric(
        rewriter, loc, grouped, {grouped, mean, var, scale, bias},
        {id, sample, sample, channel, channel},
        [&](OpBuilder &b, Location l, ValueRange args) {
          return normalizeWithStats(
              b, l, args[0], args[1], args[2], epsilon,
              convertFloat(b, l, args[3], elementType),
              convertFloat(b, l, args[4], elementType), elementType);
        });
    Value collapsed =
        tensor::CollapseShapeOp::create(rewriter, loc, y, reassociation);
    rewriter.replaceOp(op, castTo(rewriter, loc, collapsed, op.getType()));
    return success();
  }
};

/// InstanceNormalization: statistics over the spatial axes.
struct LowerInstanceNormalization
    : OpRewritePattern<InstanceNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(InstanceNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = floatTensor(op.getX());
    if (!type || type.getRank() < 3)
      return rewriter.notifyMatchFailure(op, "unsupported input");
    if (!isVector(op.getScale()) || !isVector(op.getBias()))
      return rewriter.notifyMatchFailure(op, "unsupported parameters");
    Type elementType = type.getElementType();
    int64_t rank = type.getRank();
    Location loc = op.getLoc();
    Value x = op.getX();
    SmallVector<int64_t> axes = llvm::to_vector(llvm::seq<int64_t>(2, rank));
    auto [mean, var] = meanAndVariance(rewriter, loc, x, axes,
                                       statisticsType(elementType));
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap sample = projection(rewriter, rank, {0, 1});
    AffineMap channel = projection(rewriter, rank, {1});
    double epsilon = op.getEpsilon().convertToDouble();
    Value y = parallelGeneric(
        rewriter, loc, x, {x, mean, var, op.getScale(), op.getBias()},
        {id, sample, sample, channel, channel},
        [&](OpBuilder &b, Location l, ValueRange args) {
          return normalizeWithStats(
              b, l, args[0], args[1], args[2], epsilon,
              convertFloat(b, l, args[3], elementType),
              convertFloat(b, l, args[4], elementType), elementType);
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

/// Reads a normalization's axis as signed and in range, or fails.
template <typename OpTy> std::optional<int64_t> normalizedAxis(OpTy op) {
  auto type = cast<RankedTensorType>(op.getInput().getType());
  int64_t axis = static_cast<int64_t>(op.getAxis());
  if (axis < 0)
    axis += type.getRank();
  if (axis < 0 || axis >= type.getRank())
    return std::nullopt;
  return axis;
}

/// Hardmax: 1 at the first maximum along the axis.
struct LowerHardmax : OpRewritePattern<HardmaxOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(HardmaxOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = floatTensor(op.getInput());
    if (!type)
      return rewriter.notifyMatchFailure(op, "unranked or non-float tensors");
    std::optional<int64_t> axis = normalizedAxis(op);
    if (!axis)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    Location loc = op.getLoc();
    Value x = op.getInput();
    Type elementType = type.getElementType();
    int64_t rank = type.getRank();
    SmallVector<int64_t> outer = keptDims(rank, *axis);
    Type i64 = rewriter.getI64Type();

    // The first maximum: a NaN beats every number and nothing beats a NaN.
    Value negInf = floatConstant(rewriter, loc, elementType,
                                 -std::numeric_limits<double>::infinity());
    Value best = linalg::FillOp::create(
                     rewriter, loc, negInf, emptyLike(rewriter, loc, x, outer))
                     .getResult(0);
    Value zero = arith::ConstantOp::create(rewriter, loc, i64,
                                           rewriter.getI64IntegerAttr(0));
    Value bestIndex =
        linalg::FillOp::create(rewriter, loc, zero,
                               emptyLike(rewriter, loc, x, outer, i64))
            .getResult(0);
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap outerMap = projection(rewriter, rank, outer);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators[*axis] = utils::IteratorType::reduction;
    int64_t axisDim = *axis;
    auto argmax = linalg::GenericOp::create(
        rewriter, loc, TypeRange{best.getType(), bestIndex.getType()}, x,
        ValueRange{best, bestIndex},
        ArrayRef<AffineMap>{id, outerMap, outerMap}, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value v = args[0], m = args[1];
          Value greater =
              arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGT, v, m);
          Value nanV =
              arith::CmpFOp::create(b, l, arith::CmpFPredicate::UNO, v, v);
          Value numberM =
              arith::CmpFOp::create(b, l, arith::CmpFPredicate::ORD, m, m);
          Value take = arith::AndIOp::create(
              b, l, numberM, arith::OrIOp::create(b, l, nanV, greater));
          Value index = arith::IndexCastOp::create(
              b, l, i64, linalg::IndexOp::create(b, l, axisDim));
          linalg::YieldOp::create(
              b, l,
              ValueRange{arith::SelectOp::create(b, l, take, v, m),
                         arith::SelectOp::create(b, l, take, index,
                                                 args[2])});
        });
    Value y = parallelGeneric(
        rewriter, loc, x, argmax.getResult(1), outerMap,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value index = arith::IndexCastOp::create(
              b, l, i64, linalg::IndexOp::create(b, l, axisDim));
          Value hit = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                            index, args[0]);
          return arith::SelectOp::create(
              b, l, hit, floatConstant(b, l, elementType, 1.0),
              floatConstant(b, l, elementType, 0.0));
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

/// LpNormalization: x / norm, 0 where the norm is 0.
struct LowerLpNormalization : OpRewritePattern<LpNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LpNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = floatTensor(op.getInput());
    if (!type)
      return rewriter.notifyMatchFailure(op, "unranked or non-float tensors");
    std::optional<int64_t> axis = normalizedAxis(op);
    if (!axis)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t p = static_cast<int64_t>(op.getP());
    if (p != 1 && p != 2)
      return rewriter.notifyMatchFailure(op, "p is neither 1 nor 2");
    Location loc = op.getLoc();
    Value x = op.getInput();
    Type elementType = type.getElementType();
    Type accType = statisticsType(elementType);
    int64_t rank = type.getRank();
    SmallVector<int64_t> outer = keptDims(rank, *axis);

    Value zero = floatConstant(rewriter, loc, accType, 0.0);
    Value init = linalg::FillOp::create(
                     rewriter, loc, zero,
                     emptyLike(rewriter, loc, x, outer, accType))
                     .getResult(0);
    Value sum = linalg::ReduceOp::create(
                    rewriter, loc, x, init, SmallVector<int64_t>{*axis},
                    [&](OpBuilder &b, Location l, ValueRange args) {
                      Value v = convertFloat(b, l, args[0], accType);
                      Value term =
                          p == 1 ? math::AbsFOp::create(b, l, v).getResult()
                                 : arith::MulFOp::create(b, l, v, v)
                                       .getResult();
                      linalg::YieldOp::create(
                          b, l,
                          arith::AddFOp::create(b, l, term, args[1])
                              .getResult());
                    })
                    .getResult(0);
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap outerMap = projection(rewriter, rank, outer);
    Value y = parallelGeneric(
        rewriter, loc, x, {x, sum}, {id, outerMap},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value norm = args[1];
          if (p == 2)
            norm = math::SqrtOp::create(b, l, norm);
          Value accZero = floatConstant(b, l, accType, 0.0);
          Value isZero = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ,
                                               norm, accZero);
          Value quotient = arith::DivFOp::create(
              b, l, convertFloat(b, l, args[0], accType), norm);
          Value r = arith::SelectOp::create(b, l, isZero, accZero, quotient);
          return convertFloat(b, l, r, elementType);
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, y, op.getType()));
    return success();
  }
};

} // namespace

void populateNormalizationToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerSoftmax<SoftmaxOp, false>, LowerSoftmax<LogSoftmaxOp, true>,
               LowerBatchNormalization, LowerLayerNormalization,
               LowerGroupNormalization, LowerInstanceNormalization,
               LowerHardmax, LowerLpNormalization>(patterns.getContext());
}

} // namespace ds
