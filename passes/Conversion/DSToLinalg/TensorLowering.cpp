//===- TensorLowering.cpp - Tensor ds ops to linalg ----------------*- C++
//-*-===//
//
// Part of ds. Shape-changing ds ops become tensor.collapse_shape and
// tensor.expand_shape; transpose becomes linalg.transpose, concat
// tensor.concat, slice tensor.extract_slice, pad tensor.pad, and expand and
// gather a linalg.generic. Bounds, pads and shapes must be constant where the
// result type does not already carry them; other cases stay unlowered.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {
namespace {

/// The values of a constant integer tensor, or nothing.
std::optional<SmallVector<int64_t>> constantInts(Value value) {
  DenseIntElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<int64_t> result;
  for (const APInt &v : attr.getValues<APInt>())
    result.push_back(v.getSExtValue());
  return result;
}

/// The size of dimension `dim` of `value`: static, or a tensor.dim.
OpFoldResult dimSize(OpBuilder &b, Location loc, Value value, int64_t dim) {
  auto type = cast<RankedTensorType>(value.getType());
  if (!type.isDynamicDim(dim))
    return b.getIndexAttr(type.getDimSize(dim));
  return tensor::DimOp::create(b, loc, value, dim).getResult();
}

/// A tensor.empty of `type` whose dynamic sizes are those of dimensions
/// `sourceDims[i]` of `source` (one entry per dimension of `type`).
Value emptyLike(OpBuilder &b, Location loc, RankedTensorType type, Value source,
                ArrayRef<int64_t> sourceDims) {
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(
          tensor::DimOp::create(b, loc, source, sourceDims[d]));
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(),
                                 dynamicSizes);
}

/// Whether each group of `reassociation` holds at most one dynamic size of
/// `type`, so that an expand_shape can infer its output sizes.
bool expandable(RankedTensorType type,
                ArrayRef<ReassociationIndices> reassociation) {
  for (const ReassociationIndices &group : reassociation)
    if (llvm::count_if(group, [&](int64_t d) { return type.isDynamicDim(d); }) >
        1)
      return false;
  return true;
}

/// Reshapes `input` to `resultType` (same element count, row-major) with
/// collapse_shape and expand_shape: one of them when the sizes group
/// into each other, a collapse to 1-D and an expand otherwise (static
/// shapes only). Null when not supported.
Value reshapeTo(OpBuilder &b, Location loc, Value input,
                RankedTensorType resultType) {
  auto inputType = cast<RankedTensorType>(input.getType());
  if (inputType == resultType)
    return input;
  if (resultType.getRank() == 0) {
    if (!inputType.hasStaticShape())
      return {};
    return tensor::CollapseShapeOp::create(b, loc, resultType, input,
                                           ArrayRef<ReassociationIndices>{});
  }
  if (inputType.getRank() == 0) {
    if (!resultType.hasStaticShape())
      return {};
    return tensor::ExpandShapeOp::create(b, loc, resultType, input,
                                         ArrayRef<ReassociationIndices>{});
  }
  if (resultType.getRank() < inputType.getRank()) {
    if (auto reassociation =
            getReassociationIndicesForReshape(inputType, resultType))
      return tensor::CollapseShapeOp::create(b, loc, resultType, input,
                                             *reassociation);
  } else if (resultType.getRank() > inputType.getRank()) {
    if (auto reassociation =
            getReassociationIndicesForReshape(resultType, inputType))
      if (expandable(resultType, *reassociation))
        return tensor::ExpandShapeOp::create(b, loc, resultType, input,
                                             *reassociation);
  }
  if (!inputType.hasStaticShape() || !resultType.hasStaticShape())
    return {};
  // Through 1-D: every dimension in one group.
  auto flatType = RankedTensorType::get({inputType.getNumElements()},
                                        inputType.getElementType());
  ReassociationIndices all;
  for (int64_t d = 0; d < inputType.getRank(); ++d)
    all.push_back(d);
  Value flat = tensor::CollapseShapeOp::create(
      b, loc, flatType, input, ArrayRef<ReassociationIndices>{all});
  all.clear();
  for (int64_t d = 0; d < resultType.getRank(); ++d)
    all.push_back(d);
  return tensor::ExpandShapeOp::create(b, loc, resultType, flat,
                                       ArrayRef<ReassociationIndices>{all});
}

/// Reshape, flatten, squeeze and unsqueeze: the result type says it all.
template <typename OpTy> struct LowerReshapeLike : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Value input = op->getOperand(0);
    auto inputType = dyn_cast<RankedTensorType>(input.getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    Value result = reshapeTo(rewriter, op.getLoc(), input, resultType);
    if (!result)
      return rewriter.notifyMatchFailure(
          op, "dynamic sizes without an obvious grouping");
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct LowerTranspose : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = inputType.getRank();
    SmallVector<int64_t> perm;
    if (auto attr = op.getPerm())
      perm.assign(attr->begin(), attr->end());
    else
      for (int64_t d = rank - 1; d >= 0; --d)
        perm.push_back(d);
    Value init =
        emptyLike(rewriter, op.getLoc(), resultType, op.getData(), perm);
    auto transpose = linalg::TransposeOp::create(rewriter, op.getLoc(),
                                                 op.getData(), init, perm);
    rewriter.replaceOp(op, transpose.getResult());
    return success();
  }
};

struct LowerConcat : OpRewritePattern<ConcatOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConcatOp op,
                                PatternRewriter &rewriter) const override {
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!resultType || !llvm::all_of(op.getInputs().getTypes(), [](Type t) {
          return isa<RankedTensorType>(t);
        }))
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = resultType.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    if (op.getInputs().size() == 1) {
      Value input = op.getInputs().front();
      if (input.getType() != resultType)
        input =
            tensor::CastOp::create(rewriter, op.getLoc(), resultType, input);
      rewriter.replaceOp(op, input);
      return success();
    }
    rewriter.replaceOpWithNewOp<tensor::ConcatOp>(op, resultType, axis,
                                                  op.getInputs());
    return success();
  }
};

/// Slice with constant starts, ends and positive steps, on static sizes for
/// the sliced dimensions: one tensor.extract_slice.
struct LowerSlice : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SliceOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    auto starts = constantInts(op.getStarts());
    auto ends = constantInts(op.getEnds());
    if (!starts || !ends)
      return rewriter.notifyMatchFailure(op, "non-constant bounds");
    SmallVector<int64_t> steps(starts->size(), 1);
    if (op.getSteps()) {
      auto constSteps = constantInts(op.getSteps());
      if (!constSteps)
        return rewriter.notifyMatchFailure(op, "non-constant steps");
      steps = *constSteps;
    }
    int64_t rank = inputType.getRank();
    SmallVector<int64_t> axes;
    if (auto attr = op.getAxes())
      axes.assign(attr->begin(), attr->end());
    else
      for (int64_t i = 0; i < static_cast<int64_t>(starts->size()); ++i)
        axes.push_back(i);
    if (axes.size() != starts->size() || ends->size() != starts->size() ||
        steps.size() != starts->size())
      return rewriter.notifyMatchFailure(op, "mismatched bound lengths");

    Location loc = op.getLoc();
    SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    SmallVector<OpFoldResult> sizes;
    for (int64_t d = 0; d < rank; ++d)
      sizes.push_back(dimSize(rewriter, loc, op.getData(), d));
    for (auto [i, axis] : llvm::enumerate(axes)) {
      if (axis < 0)
        axis += rank;
      int64_t size = inputType.getDimSize(axis);
      int64_t step = steps[i];
      if (ShapedType::isDynamic(size))
        return rewriter.notifyMatchFailure(op, "dynamic sliced dimension");
      if (step <= 0)
        return rewriter.notifyMatchFailure(op, "non-positive step");
      int64_t start = (*starts)[i], end = (*ends)[i];
      if (start < 0)
        start += size;
      if (end < 0)
        end += size;
      start = std::clamp<int64_t>(start, 0, size);
      end = std::clamp<int64_t>(end, 0, size);
      int64_t count = std::max<int64_t>((end - start + step - 1) / step, 0);
      offsets[axis] = rewriter.getIndexAttr(count ? start : 0);
      sizes[axis] = rewriter.getIndexAttr(count);
      strides[axis] = rewriter.getIndexAttr(step);
    }
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, resultType, op.getData(), offsets, sizes, strides);
    return success();
  }
};

/// Constant-mode pad with constant non-negative amounts: tensor.pad.
struct LowerPad : OpRewritePattern<PadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PadOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    if (op.getMode() != "constant")
      return rewriter.notifyMatchFailure(op, "only constant mode");
    auto pads = constantInts(op.getPads());
    if (!pads)
      return rewriter.notifyMatchFailure(op, "non-constant pads");
    int64_t rank = inputType.getRank();
    SmallVector<int64_t> axes;
    if (auto attr = op.getAxes())
      axes.assign(attr->begin(), attr->end());
    else
      for (int64_t d = 0; d < rank; ++d)
        axes.push_back(d);
    int64_t n = axes.size();
    if (static_cast<int64_t>(pads->size()) != 2 * n)
      return rewriter.notifyMatchFailure(op, "pads length");
    SmallVector<int64_t> low(rank, 0), high(rank, 0);
    for (auto [i, axis] : llvm::enumerate(axes)) {
      if (axis < 0)
        axis += rank;
      low[axis] = (*pads)[i];
      high[axis] = (*pads)[n + i];
      if (low[axis] < 0 || high[axis] < 0)
        return rewriter.notifyMatchFailure(op, "negative pads");
    }

    Location loc = op.getLoc();
    Type elementType = inputType.getElementType();
    Value padValue;
    if (Value constant = op.getConstantValue()) {
      auto type = dyn_cast<RankedTensorType>(constant.getType());
      if (!type || !type.hasStaticShape() || type.getNumElements() != 1)
        return rewriter.notifyMatchFailure(op, "pad value not a scalar");
      Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
      SmallVector<Value> indices(type.getRank(), zero);
      padValue = tensor::ExtractOp::create(rewriter, loc, constant, indices);
    } else {
      padValue = arith::ConstantOp::create(rewriter, loc, elementType,
                                           rewriter.getZeroAttr(elementType));
    }
    SmallVector<OpFoldResult> lowSizes, highSizes;
    for (int64_t d = 0; d < rank; ++d) {
      lowSizes.push_back(rewriter.getIndexAttr(low[d]));
      highSizes.push_back(rewriter.getIndexAttr(high[d]));
    }
    rewriter.replaceOpWithNewOp<tensor::PadOp>(op, resultType, op.getData(),
                                               lowSizes, highSizes, padValue);
    return success();
  }
};

/// Expand: a linalg.generic copying the input, whose indexing map reads
/// index 0 along broadcast dimensions.
struct LowerExpand : OpRewritePattern<ExpandOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ExpandOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = resultType.getRank();
    int64_t offset = rank - inputType.getRank();
    if (offset < 0)
      return rewriter.notifyMatchFailure(op, "result rank below input rank");
    MLIRContext *context = op.getContext();
    SmallVector<AffineExpr> exprs;
    SmallVector<int64_t> sourceDims(rank, 0);
    for (int64_t i = 0; i < inputType.getRank(); ++i) {
      int64_t size = inputType.getDimSize(i);
      int64_t resultSize = resultType.getDimSize(offset + i);
      if (size == 1 && resultSize != 1) {
        if (ShapedType::isDynamic(resultSize))
          return rewriter.notifyMatchFailure(op, "unknown broadcast size");
        exprs.push_back(getAffineConstantExpr(0, context));
        continue;
      }
      if (ShapedType::isDynamic(size) && resultSize != size)
        return rewriter.notifyMatchFailure(
            op, "a dynamic size may broadcast at run time");
      exprs.push_back(getAffineDimExpr(offset + i, context));
      sourceDims[offset + i] = i;
    }
    for (int64_t d = 0; d < offset; ++d)
      if (resultType.isDynamicDim(d))
        return rewriter.notifyMatchFailure(op, "unknown leading size");

    Location loc = op.getLoc();
    Value init =
        emptyLike(rewriter, loc, resultType, op.getInput(), sourceDims);
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank, 0, exprs, context),
        AffineMap::getMultiDimIdentityMap(rank, context)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, op.getInput(), init, maps,
        iterators, [](OpBuilder &b, Location bodyLoc, ValueRange args) {
          linalg::YieldOp::create(b, bodyLoc, args[0]);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// Gather along an axis: a linalg.generic over the result that reads the
/// index, wraps a negative one around the axis size, and extracts the
/// element of `data`.
struct LowerGather : OpRewritePattern<GatherOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GatherOp op,
                                PatternRewriter &rewriter) const override {
    auto dataType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto indicesType = dyn_cast<RankedTensorType>(op.getIndices().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!dataType || !indicesType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    if (!isa<IntegerType>(indicesType.getElementType()))
      return rewriter.notifyMatchFailure(op, "indices not integers");
    int64_t r = dataType.getRank(), q = indicesType.getRank();
    int64_t rank = resultType.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += r;
    if (rank != q + r - 1)
      return rewriter.notifyMatchFailure(op, "unexpected result rank");

    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    // Dynamic result sizes come from data (outside the indices range) or
    // from the indices.
    SmallVector<Value> dynamicSizes;
    for (int64_t d = 0; d < rank; ++d) {
      if (!resultType.isDynamicDim(d))
        continue;
      if (d < axis)
        dynamicSizes.push_back(
            tensor::DimOp::create(rewriter, loc, op.getData(), d));
      else if (d < axis + q)
        dynamicSizes.push_back(
            tensor::DimOp::create(rewriter, loc, op.getIndices(), d - axis));
      else
        dynamicSizes.push_back(
            tensor::DimOp::create(rewriter, loc, op.getData(), d - q + 1));
    }
    Value init =
        tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                resultType.getElementType(), dynamicSizes);
    Value axisSize =
        dataType.isDynamicDim(axis)
            ? tensor::DimOp::create(rewriter, loc, op.getData(), axis)
                  .getResult()
            : arith::ConstantIndexOp::create(rewriter, loc,
                                             dataType.getDimSize(axis))
                  .getResult();
    SmallVector<AffineExpr> indexExprs;
    for (int64_t j = 0; j < q; ++j)
      indexExprs.push_back(getAffineDimExpr(axis + j, context));
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank, 0, indexExprs, context),
        AffineMap::getMultiDimIdentityMap(rank, context)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Value data = op.getData();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, op.getIndices(), init, maps,
        iterators, [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
          Value index =
              arith::IndexCastOp::create(b, bodyLoc, b.getIndexType(), args[0]);
          Value zero = arith::ConstantIndexOp::create(b, bodyLoc, 0);
          Value negative = arith::CmpIOp::create(
              b, bodyLoc, arith::CmpIPredicate::slt, index, zero);
          Value wrapped = arith::AddIOp::create(b, bodyLoc, index, axisSize);
          index = arith::SelectOp::create(b, bodyLoc, negative, wrapped, index);
          SmallVector<Value> position;
          for (int64_t d = 0; d < axis; ++d)
            position.push_back(linalg::IndexOp::create(b, bodyLoc, d));
          position.push_back(index);
          for (int64_t d = axis + q; d < rank; ++d)
            position.push_back(linalg::IndexOp::create(b, bodyLoc, d));
          Value element = tensor::ExtractOp::create(b, bodyLoc, data, position);
          linalg::YieldOp::create(b, bodyLoc, element);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

} // namespace

void populateTensorToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<LowerReshapeLike<ReshapeOp>, LowerReshapeLike<FlattenOp>,
               LowerReshapeLike<SqueezeOp>, LowerReshapeLike<UnsqueezeOp>,
               LowerTranspose, LowerConcat, LowerSlice, LowerPad, LowerExpand,
               LowerGather>(context);
}

} // namespace ds
