//===- NormalizationLowering.cpp - Normalization ops to linalg -*- C++ -*-===//
//
// Part of ds. Softmax and LogSoftmax subtract the maximum along the axis
// before exponentiating (a linalg.reduce for the maximum, one for the sum of
// the exponentials, and linalg.generic ops for the elementwise parts).
// BatchNormalization in inference mode is one linalg.generic reading the
// per-channel parameters through (d1) maps. LayerNormalization without its
// statistics results reduces the mean, then the variance around it, and
// normalizes in a last linalg.generic.
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

/// A tensor.empty of the dimensions `dims` of `source`.
Value emptyLike(OpBuilder &b, Location loc, Value source,
                ArrayRef<int64_t> dims) {
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<int64_t> shape;
  SmallVector<Value> dynamicSizes;
  for (int64_t d : dims) {
    shape.push_back(type.getDimSize(d));
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, source, d));
  }
  return tensor::EmptyOp::create(b, loc, shape, type.getElementType(),
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
/// accumulator)`; the result drops the axes.
template <typename CombineOp>
Value reduceAlong(OpBuilder &b, Location loc, Value input,
                  ArrayRef<int64_t> axes, double init) {
  auto type = cast<RankedTensorType>(input.getType());
  Value empty = emptyLike(b, loc, input, keptDims(type.getRank(), axes));
  Value initValue = floatConstant(b, loc, type.getElementType(), init);
  Value filled = linalg::FillOp::create(b, loc, initValue, empty).getResult(0);
  return linalg::ReduceOp::create(
             b, loc, input, filled, axes,
             [&](OpBuilder &nested, Location bodyLoc, ValueRange args) {
               linalg::YieldOp::create(
                   nested, bodyLoc,
                   CombineOp::create(nested, bodyLoc, args[0], args[1])
                       .getResult());
             })
      .getResult(0);
}

/// A parallel linalg.generic over the shape of `like` (all of its
/// dimensions), reading `inputs` through `maps`.
Value parallelGeneric(OpBuilder &b, Location loc, Value like, ValueRange inputs,
                      ArrayRef<AffineMap> maps, BodyFn body) {
  auto type = cast<RankedTensorType>(like.getType());
  int64_t rank = type.getRank();
  Value empty = emptyLike(b, loc, like, llvm::to_vector(llvm::seq(rank)));
  SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, inputs, empty, allMaps, iterators,
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
    double negInf = -std::numeric_limits<double>::infinity();
    Value max = reduceAlong<arith::MaximumFOp>(rewriter, loc, x, axis, negInf);
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap row = projection(rewriter, rank, keptDims(rank, axis));
    // exp(x - max): every term is at most 1.
    Value exps =
        parallelGeneric(rewriter, loc, x, {x, max}, {id, row},
                        [](OpBuilder &b, Location l, ValueRange args) -> Value {
                          Value shifted =
                              arith::SubFOp::create(b, l, args[0], args[1]);
                          return math::ExpOp::create(b, l, shifted);
                        });
    Value sum = reduceAlong<arith::AddFOp>(rewriter, loc, exps, axis, 0.0);
    Value result;
    if (log) {
      // (x - max) - log(sum(exp(x - max))).
      result = parallelGeneric(
          rewriter, loc, x, {x, max, sum}, {id, row, row},
          [](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value shifted = arith::SubFOp::create(b, l, args[0], args[1]);
            Value logSum = math::LogOp::create(b, l, args[2]);
            return arith::SubFOp::create(b, l, shifted, logSum);
          });
    } else {
      result = parallelGeneric(
          rewriter, loc, x, {exps, sum}, {id, row},
          [](OpBuilder &b, Location l, ValueRange args) -> Value {
            return arith::DivFOp::create(b, l, args[0], args[1]);
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// (x - mean) / sqrt(var + epsilon) * scale (+ bias when given).
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

/// BatchNormalization in inference mode.
struct LowerBatchNormalization : OpRewritePattern<BatchNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getTrainingMode() || !op.getRunningStats().empty())
      return rewriter.notifyMatchFailure(op, "training mode");
    RankedTensorType type = floatTensor(op.getX());
    if (!type || type.getRank() < 2 || type != op.getY().getType())
      return rewriter.notifyMatchFailure(op, "unsupported input");
    SmallVector<Value> params = {op.getScale(), op.getBias(), op.getMean(),
                                 op.getVar()};
    for (Value param : params) {
      auto paramType = dyn_cast<RankedTensorType>(param.getType());
      if (!paramType || paramType.getRank() != 1 ||
          paramType.getElementType() != type.getElementType())
        return rewriter.notifyMatchFailure(op, "unsupported parameters");
    }
    int64_t rank = type.getRank();
    AffineMap channel = projection(rewriter, rank, {1});
    SmallVector<Value> inputs = {op.getX()};
    llvm::append_range(inputs, params);
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank)};
    maps.append(4, channel);
    double epsilon = op.getEpsilon().convertToDouble();
    Value y =
        parallelGeneric(rewriter, op.getLoc(), op.getX(), inputs, maps,
                        [&](OpBuilder &b, Location l, ValueRange args) {
                          return normalize(b, l, args[0], args[3], args[4],
                                           epsilon, args[1], args[2]);
                        });
    rewriter.replaceOp(op, y);
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

/// LayerNormalization without the mean and inv_std_dev results, when the
/// stash type is the element type.
struct LowerLayerNormalization : OpRewritePattern<LayerNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LayerNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getMean() || op.getInvStdDev())
      return rewriter.notifyMatchFailure(op, "statistics results");
    RankedTensorType type = floatTensor(op.getX());
    if (!type || type != op.getY().getType())
      return rewriter.notifyMatchFailure(op, "unsupported input");
    if (stashElementType(op.getContext(), op.getStashType()) !=
        type.getElementType())
      return rewriter.notifyMatchFailure(op, "stash type differs");
    int64_t rank = type.getRank();
    // I64Attr accessors return uint64_t: read the axis as signed.
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank)
      return rewriter.notifyMatchFailure(op, "axis out of range");

    // scale and bias align with the trailing dimensions of x; their size-1
    // dimensions broadcast.
    SmallVector<AffineMap> paramMaps;
    SmallVector<Value> params = {op.getScale()};
    if (op.getBias())
      params.push_back(op.getBias());
    for (Value param : params) {
      auto paramType = dyn_cast<RankedTensorType>(param.getType());
      if (!paramType || paramType.getElementType() != type.getElementType() ||
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
    Type elementType = type.getElementType();
    SmallVector<int64_t> axes = llvm::to_vector(llvm::seq(axis, rank));
    SmallVector<int64_t> outer = llvm::to_vector(llvm::seq<int64_t>(0, axis));
    Value count = countAlong(rewriter, loc, x, axes, elementType);
    auto divideByCount = [&](Value sum) {
      AffineMap id = rewriter.getMultiDimIdentityMap(axis);
      return parallelGeneric(
          rewriter, loc, sum, sum, id,
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            return arith::DivFOp::create(b, l, args[0], count);
          });
    };
    Value mean =
        divideByCount(reduceAlong<arith::AddFOp>(rewriter, loc, x, axes, 0.0));

    // The variance: the mean of the squared deviations from the mean.
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap outerMap = projection(rewriter, rank, outer);
    Value zero = floatConstant(rewriter, loc, elementType, 0.0);
    Value squaresInit =
        linalg::FillOp::create(rewriter, loc, zero,
                               emptyLike(rewriter, loc, x, outer))
            .getResult(0);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    for (int64_t d : axes)
      iterators[d] = utils::IteratorType::reduction;
    Value squares =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{squaresInit.getType()},
            ValueRange{x, mean}, squaresInit,
            ArrayRef<AffineMap>{id, outerMap, outerMap}, iterators,
            [](OpBuilder &b, Location l, ValueRange args) {
              Value deviation = arith::SubFOp::create(b, l, args[0], args[1]);
              Value square = arith::MulFOp::create(b, l, deviation, deviation);
              linalg::YieldOp::create(
                  b, l,
                  arith::AddFOp::create(b, l, square, args[2]).getResult());
            })
            .getResult(0);
    Value var = divideByCount(squares);

    SmallVector<Value> inputs = {x, mean, var};
    llvm::append_range(inputs, params);
    SmallVector<AffineMap> maps = {id, outerMap, outerMap};
    llvm::append_range(maps, paramMaps);
    double epsilon = op.getEpsilon().convertToDouble();
    bool hasBias = static_cast<bool>(op.getBias());
    Value y = parallelGeneric(rewriter, loc, x, inputs, maps,
                              [&](OpBuilder &b, Location l, ValueRange args) {
                                return normalize(b, l, args[0], args[1],
                                                 args[2], epsilon, args[3],
                                                 hasBias ? args[4] : Value());
                              });
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

void populateNormalizationToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerSoftmax<SoftmaxOp, false>, LowerSoftmax<LogSoftmaxOp, true>,
               LowerBatchNormalization, LowerLayerNormalization>(
      patterns.getContext());
}

} // namespace ds
