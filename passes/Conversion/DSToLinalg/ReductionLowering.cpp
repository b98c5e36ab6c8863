//===- ReductionLowering.cpp - Reduction ds ops to linalg -------*- C++ -*-===//
//
// Part of ds. ReduceSum, ReduceMean, ReduceMax and ReduceMin on floats become
// a linalg.reduce over the reduced axes into a linalg.fill of the identity of
// the combining op (0 for sums, -inf for max, +inf for min); the mean then
// divides by the number of reduced elements, and `keepdims` reinserts the
// reduced axes as size-1 dimensions with a tensor.expand_shape.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/LoweringUtils.h"

#include "dialects/ds/DSOps.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {
namespace {

enum class ReduceKind { Sum, Mean, Max, Min };

/// The identity of the combining op of `kind` in the float type `type`.
TypedAttr identityAttr(ReduceKind kind, FloatType type) {
  const llvm::fltSemantics &semantics = type.getFloatSemantics();
  switch (kind) {
  case ReduceKind::Sum:
  case ReduceKind::Mean:
    return FloatAttr::get(type, APFloat::getZero(semantics));
  case ReduceKind::Max:
    return FloatAttr::get(type, APFloat::getInf(semantics, /*Negative=*/true));
  case ReduceKind::Min:
    return FloatAttr::get(type, APFloat::getInf(semantics, /*Negative=*/false));
  }
  llvm_unreachable("unknown reduction");
}

Value combine(OpBuilder &b, Location loc, ReduceKind kind, Value element,
              Value accumulator) {
  switch (kind) {
  case ReduceKind::Sum:
  case ReduceKind::Mean:
    return arith::AddFOp::create(b, loc, element, accumulator);
  case ReduceKind::Max:
    return arith::MaximumFOp::create(b, loc, element, accumulator);
  case ReduceKind::Min:
    return arith::MinimumFOp::create(b, loc, element, accumulator);
  }
  llvm_unreachable("unknown reduction");
}

/// The size of dimension `dim` of `value`: an attribute when static.
OpFoldResult dimSize(OpBuilder &b, Location loc, Value value, int64_t dim) {
  auto type = cast<RankedTensorType>(value.getType());
  if (!type.isDynamicDim(dim))
    return b.getIndexAttr(type.getDimSize(dim));
  return tensor::DimOp::create(b, loc, value, dim).getResult();
}

/// Reduces `input` along the sorted, distinct `axes`; the result drops them.
Value buildReduce(OpBuilder &b, Location loc, ReduceKind kind, Value input,
                  ArrayRef<int64_t> axes) {
  auto inputType = cast<RankedTensorType>(input.getType());
  auto elementType = cast<FloatType>(inputType.getElementType());
  SmallVector<int64_t> shape;
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < inputType.getRank(); ++d) {
    if (llvm::is_contained(axes, d))
      continue;
    shape.push_back(inputType.getDimSize(d));
    if (inputType.isDynamicDim(d))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, input, d));
  }
  Value empty =
      tensor::EmptyOp::create(b, loc, shape, elementType, dynamicSizes);
  Value identity = arith::ConstantOp::create(b, loc, elementType,
                                             identityAttr(kind, elementType));
  Value init = linalg::FillOp::create(b, loc, identity, empty).getResult(0);
  auto reduce = linalg::ReduceOp::create(
      b, loc, input, init, axes,
      [&](OpBuilder &nested, Location bodyLoc, ValueRange args) {
        linalg::YieldOp::create(
            nested, bodyLoc, combine(nested, bodyLoc, kind, args[0], args[1]));
      });
  return reduce.getResult(0);
}

/// Divides every element of `value` by the scalar `divisor`.
Value divideBy(OpBuilder &b, Location loc, Value value, Value divisor) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, value, d));
  Value empty = tensor::EmptyOp::create(b, loc, type.getShape(),
                                        type.getElementType(), dynamicSizes);
  AffineMap id = b.getMultiDimIdentityMap(type.getRank());
  SmallVector<utils::IteratorType> iterators(type.getRank(),
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, value, empty, ArrayRef<AffineMap>{id, id},
             iterators,
             [&](OpBuilder &nested, Location bodyLoc, ValueRange args) {
               linalg::YieldOp::create(
                   nested, bodyLoc,
                   arith::DivFOp::create(nested, bodyLoc, args[0], divisor)
                       .getResult());
             })
      .getResult(0);
}

/// Lowers a float ds.reduce_* op of `kind`.
template <typename OpTy, ReduceKind kind>
struct LowerReduce : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked tensors");
    if (!isa<FloatType>(inputType.getElementType()))
      return rewriter.notifyMatchFailure(op, "non-float element type");
    int64_t rank = inputType.getRank();

    std::optional<ArrayRef<int64_t>> axesAttr = op.getAxes();
    if (!axesAttr && op.getNoopWithEmptyAxes()) {
      if (resultType != inputType)
        return rewriter.notifyMatchFailure(op, "identity with a type change");
      rewriter.replaceOp(op, op.getData());
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

    // The result type must be the input's with the axes dropped or kept as 1.
    SmallVector<int64_t> expected;
    for (int64_t d = 0; d < rank; ++d) {
      if (!llvm::is_contained(axes, d))
        expected.push_back(inputType.getDimSize(d));
      else if (op.getKeepdims())
        expected.push_back(1);
    }
    if (resultType != inputType.clone(expected))
      return rewriter.notifyMatchFailure(op, "unexpected result type");

    Location loc = op.getLoc();
    Value reduced = buildReduce(rewriter, loc, kind, op.getData(), axes);
    if (kind == ReduceKind::Mean) {
      Value count = countAlong(rewriter, loc, op.getData(), axes,
                               cast<FloatType>(inputType.getElementType()));
      reduced = divideBy(rewriter, loc, reduced, count);
    }
    if (op.getKeepdims()) {
      // Each reduced axis joins the group of the next kept axis; trailing
      // reduced axes join the last group.
      SmallVector<ReassociationIndices> groups;
      ReassociationIndices pending;
      SmallVector<OpFoldResult> outputShape;
      for (int64_t d = 0; d < rank; ++d) {
        pending.push_back(d);
        if (llvm::is_contained(axes, d)) {
          outputShape.push_back(rewriter.getIndexAttr(1));
          continue;
        }
        outputShape.push_back(dimSize(rewriter, loc, op.getData(), d));
        groups.push_back(pending);
        pending.clear();
      }
      if (!groups.empty())
        llvm::append_range(groups.back(), pending);
      reduced = tensor::ExpandShapeOp::create(rewriter, loc, resultType,
                                              reduced, groups, outputShape);
    }
    rewriter.replaceOp(op, reduced);
    return success();
  }
};

} // namespace

void populateReductionToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<LowerReduce<ReduceSumOp, ReduceKind::Sum>,
               LowerReduce<ReduceMeanOp, ReduceKind::Mean>,
               LowerReduce<ReduceMaxOp, ReduceKind::Max>,
               LowerReduce<ReduceMinOp, ReduceKind::Min>>(context);
}

} // namespace ds
