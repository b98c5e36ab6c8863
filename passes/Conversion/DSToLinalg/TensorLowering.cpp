//===- TensorLowering.cpp - Tensor ds ops to linalg -------------*- C++ -*-===//
//
// Part of ds. Lowers the tensor ds ops:
//
// * Reshape: collapse_shape and expand_shape when the result type has at
//   most one dynamic size (the element count then fixes it) and the
//   grouping puts dynamic sizes only against dynamic sizes; otherwise the
//   sizes come from the shape operand at run time (0 copies an input size
//   unless allowzero, -1 takes what the others leave) and a tensor.reshape
//   applies them. Flatten, Squeeze and Unsqueeze know their grouping from
//   their attributes and are one collapse_shape or expand_shape (Flatten
//   with an empty side, both).
// * Transpose: linalg.transpose. Concat: tensor.concat.
// * ConstantOfShape: linalg.fill of a tensor.empty sized by the shape
//   operand. Range: a linalg.generic computing start + i * delta over
//   max(ceil((limit - start) / delta), 0) elements. Shape and Size:
//   tensor.from_elements of the (product of the) tensor.dim sizes.
// * Split: one tensor.extract_slice per piece (num_outputs pieces of
//   ceil(size / n), the last one smaller).
// * Slice: bounds normalized as ONNX says (from the back, then clamped);
//   one tensor.extract_slice for positive constant steps, otherwise a
//   linalg.generic extracting the element at start + i * step.
// * Pad: constant mode crops what negative pads remove (extract_slice) and
//   pads the rest with tensor.pad; edge, reflect and wrap are a
//   linalg.generic mapping each result index back into the input.
// * Expand: a linalg.generic whose input map reads index 0 along the
//   broadcast dimensions when the types tell which those are (a dynamic
//   input size may be 1 at run time and broadcast, so only where the shape
//   is a constant 1); otherwise the sizes come from the shape operand at
//   run time and the generic extracts at index 0 along input dimensions
//   whose run-time size is 1.
// * Tile: a linalg.generic broadcasting into r_0 x s_0 x r_1 x s_1 x ...,
//   collapsed pairwise.
// * Gather along an axis (an indexing op, lowered here until its own file
//   takes it): a linalg.generic extracting through the wrapped index.
//
// Sizes, bounds, pads and repeats may be constants or run-time tensors:
// the index arithmetic is built with createOrFold, so constants give static
// types. Unlowered: unranked tensors, shape, bound and pad operands of
// dynamic length, and a ConstantOfShape value that is not a dense scalar of
// the result element type.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {
namespace {

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

/// Whether collapsing (or expanding) by `reassociation` between `wide`
/// (the higher rank) and `narrow` gives the sizes a reshape gives: every
/// group holding a dynamic size of `narrow` also holds one of `wide` (and
/// the other way round), so that no dynamic size is assumed to have a
/// static product, and a dynamic size follows from the element count.
bool dynamicSizesMatch(RankedTensorType wide, RankedTensorType narrow,
                       ArrayRef<ReassociationIndices> reassociation) {
  for (auto [i, group] : llvm::enumerate(reassociation)) {
    bool wideDynamic = llvm::any_of(
        group, [&](int64_t d) { return wide.isDynamicDim(d); });
    if (wideDynamic != narrow.isDynamicDim(i))
      return false;
  }
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
      if (dynamicSizesMatch(inputType, resultType, *reassociation))
        return tensor::CollapseShapeOp::create(b, loc, resultType, input,
                                               *reassociation);
  } else if (resultType.getRank() > inputType.getRank()) {
    if (auto reassociation =
            getReassociationIndicesForReshape(resultType, inputType))
      if (expandable(resultType, *reassociation) &&
          dynamicSizesMatch(resultType, inputType, *reassociation))
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

//===----------------------------------------------------------------------===//
// Index arithmetic that folds
//===----------------------------------------------------------------------===//

// The lowerings below read sizes, bounds and pads from integer tensors that
// are constants or only known at run time. They build the arithmetic with
// createOrFold (the pass runs without folding), so that constant operands
// give constant sizes and static types, and run-time ones tensor.extract.

/// Element `i` of the 1-D integer tensor `tensor` as an i64.
Value elementI64(OpBuilder &b, Location loc, Value tensor, int64_t i) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<Value> position;
  if (type.getRank() == 1)
    position.push_back(arith::ConstantIndexOp::create(b, loc, i));
  else
    position.assign(type.getRank(), arith::ConstantIndexOp::create(b, loc, 0));
  Value element = b.createOrFold<tensor::ExtractOp>(loc, tensor, position);
  Type i64 = b.getI64Type();
  if (element.getType() == i64)
    return element;
  if (element.getType().getIntOrFloatBitWidth() < 64)
    return b.createOrFold<arith::ExtSIOp>(loc, i64, element);
  return b.createOrFold<arith::TruncIOp>(loc, i64, element);
}

Value constI64(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIntOp::create(b, loc, value, 64);
}

Value addI(OpBuilder &b, Location loc, Value x, Value y) {
  return b.createOrFold<arith::AddIOp>(loc, x, y);
}
Value subI(OpBuilder &b, Location loc, Value x, Value y) {
  return b.createOrFold<arith::SubIOp>(loc, x, y);
}
Value mulI(OpBuilder &b, Location loc, Value x, Value y) {
  return b.createOrFold<arith::MulIOp>(loc, x, y);
}
Value maxI(OpBuilder &b, Location loc, Value x, Value y) {
  return b.createOrFold<arith::MaxSIOp>(loc, x, y);
}
Value minI(OpBuilder &b, Location loc, Value x, Value y) {
  return b.createOrFold<arith::MinSIOp>(loc, x, y);
}
Value cmpI(OpBuilder &b, Location loc, arith::CmpIPredicate predicate, Value x,
           Value y) {
  return b.createOrFold<arith::CmpIOp>(loc, predicate, x, y);
}
Value selectV(OpBuilder &b, Location loc, Value condition, Value x, Value y) {
  return b.createOrFold<arith::SelectOp>(loc, condition, x, y);
}

/// The size of dimension `dim` of `value` as an i64.
Value dimI64(OpBuilder &b, Location loc, Value value, int64_t dim) {
  auto type = cast<RankedTensorType>(value.getType());
  if (!type.isDynamicDim(dim))
    return constI64(b, loc, type.getDimSize(dim));
  Value size = tensor::DimOp::create(b, loc, value, dim);
  return arith::IndexCastOp::create(b, loc, b.getI64Type(), size);
}

/// An i64 as an index: an attribute when constant.
OpFoldResult toIndex(OpBuilder &b, Location loc, Value value) {
  if (std::optional<int64_t> constant = getConstantIntValue(value))
    return b.getIndexAttr(*constant);
  // A size read by dimI64: the tensor.dim itself.
  if (auto cast = value.getDefiningOp<arith::IndexCastOp>())
    if (cast.getIn().getType().isIndex())
      return cast.getIn();
  return arith::IndexCastOp::create(b, loc, b.getIndexType(), value)
      .getResult();
}

/// An index as a Value.
Value indexValue(OpBuilder &b, Location loc, OpFoldResult size) {
  if (auto value = dyn_cast<Value>(size))
    return value;
  return arith::ConstantIndexOp::create(
      b, loc, cast<IntegerAttr>(cast<Attribute>(size)).getInt());
}

/// A tensor.empty with the given sizes.
Value emptyOfSizes(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                   Type elementType) {
  SmallVector<int64_t> shape;
  SmallVector<Value> dynamicSizes;
  for (OpFoldResult size : sizes) {
    if (std::optional<int64_t> constant = getConstantIntValue(size)) {
      shape.push_back(*constant);
      continue;
    }
    shape.push_back(ShapedType::kDynamic);
    dynamicSizes.push_back(cast<Value>(size));
  }
  return tensor::EmptyOp::create(b, loc, shape, elementType, dynamicSizes);
}

/// `value` with the type `type`: itself, or a tensor.cast to a more or less
/// refined type.
Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

/// Whether `value` is a 1-D tensor of static length (the shape, bound and
/// pad operands must be).
std::optional<int64_t> staticLength(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() != 1 || type.isDynamicDim(0))
    return std::nullopt;
  return type.getDimSize(0);
}

/// A parallel linalg.generic over a tensor of `sizes` without inputs, whose
/// body computes each element from the loop indices.
Value generateTensor(
    OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes, Type elementType,
    function_ref<Value(OpBuilder &, Location, ArrayRef<Value>)> body) {
  Value init = emptyOfSizes(b, loc, sizes, elementType);
  int64_t rank = sizes.size();
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{}, init,
             ArrayRef<AffineMap>{b.getMultiDimIdentityMap(rank)}, iterators,
             [&](OpBuilder &nested, Location l, ValueRange) {
               SmallVector<Value> indices;
               for (int64_t d = 0; d < rank; ++d)
                 indices.push_back(linalg::IndexOp::create(nested, l, d));
               linalg::YieldOp::create(nested, l, body(nested, l, indices));
             })
      .getResult(0);
}

//===----------------------------------------------------------------------===//
// Reshapes
//===----------------------------------------------------------------------===//

/// Reshape. When the result type has at most one dynamic size, the sizes
/// follow from the type and the element count: collapse_shape and
/// expand_shape (reshapeTo). Otherwise the sizes come from the shape
/// operand at run time (0 copies the input size unless allowzero, -1 takes
/// what the others leave) and a tensor.reshape applies them.
struct LowerReshape : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getData();
    auto inputType = dyn_cast<RankedTensorType>(input.getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    Location loc = op.getLoc();
    if (resultType.getNumDynamicDims() <= 1) {
      if (Value result = reshapeTo(rewriter, loc, input, resultType)) {
        rewriter.replaceOp(op, result);
        return success();
      }
    }
    std::optional<int64_t> length = staticLength(op.getShape());
    if (!length || *length != resultType.getRank())
      return rewriter.notifyMatchFailure(op, "shape of unknown length");

    SmallVector<Value> sizes;
    for (int64_t i = 0; i < *length; ++i) {
      Value size = elementI64(rewriter, loc, op.getShape(), i);
      if (!op.getAllowzero() && i < inputType.getRank()) {
        Value isZero = cmpI(rewriter, loc, arith::CmpIPredicate::eq, size,
                            constI64(rewriter, loc, 0));
        size = selectV(rewriter, loc, isZero, dimI64(rewriter, loc, input, i),
                       size);
      }
      sizes.push_back(size);
    }
    // -1: the element count divided by the product of the other sizes.
    Value minusOne = constI64(rewriter, loc, -1);
    Value one = constI64(rewriter, loc, 1);
    Value total = one, known = one;
    for (int64_t d = 0; d < inputType.getRank(); ++d)
      total = mulI(rewriter, loc, total, dimI64(rewriter, loc, input, d));
    for (Value size : sizes) {
      Value isInferred =
          cmpI(rewriter, loc, arith::CmpIPredicate::eq, size, minusOne);
      known = mulI(rewriter, loc, known,
                   selectV(rewriter, loc, isInferred, one, size));
    }
    Value inferred = rewriter.createOrFold<arith::DivSIOp>(
        loc, total, maxI(rewriter, loc, known, one));
    for (Value &size : sizes) {
      Value isInferred =
          cmpI(rewriter, loc, arith::CmpIPredicate::eq, size, minusOne);
      size = selectV(rewriter, loc, isInferred, inferred, size);
    }
    // An i64 shape: the LLVM lowering of memref.reshape reads no index
    // shape.
    Value shape = tensor::FromElementsOp::create(rewriter, loc, sizes);
    rewriter.replaceOpWithNewOp<tensor::ReshapeOp>(op, resultType, input,
                                                   shape);
    return success();
  }
};

/// Collapses `input` by `groups` (consecutive, covering every dimension)
/// into `resultType`, through a tensor.cast that makes the dimensions the
/// op removes (`unit`) static 1.
Value collapseInto(OpBuilder &b, Location loc, Value input,
                   ArrayRef<ReassociationIndices> groups,
                   ArrayRef<int64_t> unit, RankedTensorType resultType) {
  auto inputType = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape(inputType.getShape());
  for (int64_t d : unit)
    shape[d] = 1;
  input = castTo(b, loc, input, inputType.clone(shape));
  Value collapsed = tensor::CollapseShapeOp::create(b, loc, input, groups);
  return castTo(b, loc, collapsed, resultType);
}

/// Expands `input` by `groups` into a tensor whose dimensions are those of
/// `input` where `sourceDim[d] >= 0` and 1 elsewhere, then casts it to
/// `resultType`.
Value expandInto(OpBuilder &b, Location loc, Value input,
                 ArrayRef<ReassociationIndices> groups,
                 ArrayRef<int64_t> sourceDim, RankedTensorType resultType) {
  auto inputType = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape;
  SmallVector<OpFoldResult> sizes;
  for (int64_t d : sourceDim) {
    if (d < 0) {
      shape.push_back(1);
      sizes.push_back(b.getIndexAttr(1));
      continue;
    }
    shape.push_back(inputType.getDimSize(d));
    sizes.push_back(dimSize(b, loc, input, d));
  }
  Value expanded = tensor::ExpandShapeOp::create(
      b, loc, inputType.clone(shape), input, groups, sizes);
  return castTo(b, loc, expanded, resultType);
}

/// Flatten: the dimensions before the axis collapse into the first, the
/// others into the second; an empty side is a size-1 dimension.
struct LowerFlatten : OpRewritePattern<FlattenOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(FlattenOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInput();
    auto inputType = dyn_cast<RankedTensorType>(input.getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType || resultType.getRank() != 2)
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = inputType.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis > rank)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    Location loc = op.getLoc();
    ReassociationIndices front, back;
    for (int64_t d = 0; d < rank; ++d)
      (d < axis ? front : back).push_back(d);
    if (!front.empty() && !back.empty()) {
      SmallVector<ReassociationIndices> groups = {front, back};
      rewriter.replaceOp(
          op, collapseInto(rewriter, loc, input, groups, {}, resultType));
      return success();
    }
    // One side is empty: the other becomes one dimension (a collapse when
    // it has several) and the empty side a size-1 dimension.
    if (rank == 0) {
      Value expanded = tensor::ExpandShapeOp::create(
          rewriter, loc, RankedTensorType::get({1, 1}, inputType.getElementType()),
          input, ArrayRef<ReassociationIndices>{});
      rewriter.replaceOp(op, castTo(rewriter, loc, expanded, resultType));
      return success();
    }
    Value flat = input;
    if (rank > 1) {
      SmallVector<ReassociationIndices> all = {front.empty() ? back : front};
      flat = tensor::CollapseShapeOp::create(rewriter, loc, input, all);
    }
    SmallVector<int64_t> sourceDim =
        front.empty() ? SmallVector<int64_t>{-1, 0}
                      : SmallVector<int64_t>{0, -1};
    SmallVector<ReassociationIndices> pair = {{0, 1}};
    rewriter.replaceOp(
        op, expandInto(rewriter, loc, flat, pair, sourceDim, resultType));
    return success();
  }
};

/// The groups of an input of `rank` whose dimensions `removed` disappear:
/// each removed dimension joins the next kept one, trailing ones the last.
SmallVector<ReassociationIndices> groupsAround(int64_t rank,
                                               ArrayRef<int64_t> removed) {
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  for (int64_t d = 0; d < rank; ++d) {
    pending.push_back(d);
    if (llvm::is_contained(removed, d))
      continue;
    groups.push_back(pending);
    pending.clear();
  }
  if (!groups.empty())
    llvm::append_range(groups.back(), pending);
  return groups;
}

/// Squeeze: a collapse_shape that folds each removed dimension into a
/// neighbour.
struct LowerSqueeze : OpRewritePattern<SqueezeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SqueezeOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInput();
    auto inputType = dyn_cast<RankedTensorType>(input.getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = inputType.getRank();
    SmallVector<int64_t> removed;
    if (auto axes = op.getAxes()) {
      for (int64_t axis : *axes)
        removed.push_back(axis < 0 ? axis + rank : axis);
    } else {
      for (int64_t d = 0; d < rank; ++d)
        if (inputType.getDimSize(d) == 1)
          removed.push_back(d);
    }
    if (resultType.getRank() != rank - static_cast<int64_t>(removed.size()))
      return rewriter.notifyMatchFailure(op, "unexpected result rank");
    rewriter.replaceOp(op, collapseInto(rewriter, op.getLoc(), input,
                                        groupsAround(rank, removed), removed,
                                        resultType));
    return success();
  }
};

/// Unsqueeze: an expand_shape whose inserted dimensions join a neighbour.
struct LowerUnsqueeze : OpRewritePattern<UnsqueezeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(UnsqueezeOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInput();
    auto inputType = dyn_cast<RankedTensorType>(input.getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = resultType.getRank();
    SmallVector<int64_t> inserted;
    for (int64_t axis : op.getAxes())
      inserted.push_back(axis < 0 ? axis + rank : axis);
    if (inputType.getRank() + static_cast<int64_t>(inserted.size()) != rank)
      return rewriter.notifyMatchFailure(op, "unexpected result rank");
    SmallVector<int64_t> sourceDim;
    int64_t next = 0;
    for (int64_t d = 0; d < rank; ++d)
      sourceDim.push_back(llvm::is_contained(inserted, d) ? -1 : next++);
    rewriter.replaceOp(op, expandInto(rewriter, op.getLoc(), input,
                                      groupsAround(rank, inserted), sourceDim,
                                      resultType));
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
      rewriter.replaceOp(op, castTo(rewriter, op.getLoc(),
                                    op.getInputs().front(), resultType));
      return success();
    }
    rewriter.replaceOpWithNewOp<tensor::ConcatOp>(op, resultType, axis,
                                                  op.getInputs());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Creation
//===----------------------------------------------------------------------===//

/// ConstantOfShape: a linalg.fill of a tensor.empty whose sizes are the
/// elements of the shape operand.
struct LowerConstantOfShape : OpRewritePattern<ConstantOfShapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConstantOfShapeOp op,
                                PatternRewriter &rewriter) const override {
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    std::optional<int64_t> length = staticLength(op.getShape());
    if (!length || *length != resultType.getRank())
      return rewriter.notifyMatchFailure(op, "shape of unknown length");
    Type elementType = resultType.getElementType();
    TypedAttr value;
    if (ElementsAttr attr = op.getValueAttr()) {
      auto dense = dyn_cast<DenseElementsAttr>(attr);
      if (!dense || dense.getNumElements() != 1)
        return rewriter.notifyMatchFailure(op, "value not a dense scalar");
      value = cast<TypedAttr>(*dense.value_begin<Attribute>());
    } else {
      value = FloatAttr::get(elementType, 0.0);
    }
    if (value.getType() != elementType)
      return rewriter.notifyMatchFailure(op, "value type differs");
    Location loc = op.getLoc();
    SmallVector<OpFoldResult> sizes;
    for (int64_t i = 0; i < *length; ++i) {
      if (!resultType.isDynamicDim(i))
        sizes.push_back(rewriter.getIndexAttr(resultType.getDimSize(i)));
      else
        sizes.push_back(toIndex(rewriter, loc,
                                elementI64(rewriter, loc, op.getShape(), i)));
    }
    Value empty = emptyOfSizes(rewriter, loc, sizes, elementType);
    Value constant = arith::ConstantOp::create(rewriter, loc, value);
    Value filled =
        linalg::FillOp::create(rewriter, loc, constant, empty).getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, filled, resultType));
    return success();
  }
};

/// The single element of a rank-0 or one-element tensor.
Value scalarOf(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<Value> position(type.getRank(),
                              arith::ConstantIndexOp::create(b, loc, 0));
  return b.createOrFold<tensor::ExtractOp>(loc, tensor, position);
}

/// Range: the count max(ceil((limit - start) / delta), 0), then a
/// linalg.generic computing start + i * delta.
struct LowerRange : OpRewritePattern<RangeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RangeOp op,
                                PatternRewriter &rewriter) const override {
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!resultType || resultType.getRank() != 1)
      return rewriter.notifyMatchFailure(op, "unranked");
    for (Value operand : op->getOperands()) {
      auto type = dyn_cast<RankedTensorType>(operand.getType());
      if (!type || !type.hasStaticShape() || type.getNumElements() != 1)
        return rewriter.notifyMatchFailure(op, "operands not scalars");
    }
    Location loc = op.getLoc();
    Type elementType = resultType.getElementType();
    Value start = scalarOf(rewriter, loc, op.getStart());
    Value limit = scalarOf(rewriter, loc, op.getLimit());
    Value delta = scalarOf(rewriter, loc, op.getDelta());
    Type i64 = rewriter.getI64Type();
    Value count;
    if (auto floatType = dyn_cast<FloatType>(elementType)) {
      // As numpy's arange: the length from the quotient in double.
      Type f64 = rewriter.getF64Type();
      auto widen = [&](Value v) -> Value {
        return floatType.isF64() ? v
                                 : rewriter.createOrFold<arith::ExtFOp>(
                                       loc, f64, v);
      };
      Value quotient = rewriter.createOrFold<arith::DivFOp>(
          loc, rewriter.createOrFold<arith::SubFOp>(loc, widen(limit),
                                                    widen(start)),
          widen(delta));
      Value ceiled = rewriter.createOrFold<math::CeilOp>(loc, quotient);
      // A zero delta (which ONNX leaves undefined) gives an infinite or NaN
      // quotient: no elements rather than an undefined conversion.
      Value finite = rewriter.createOrFold<arith::CmpFOp>(
          loc, arith::CmpFPredicate::OLT,
          rewriter.createOrFold<math::AbsFOp>(loc, ceiled),
          arith::ConstantOp::create(rewriter, loc, f64,
                                    rewriter.getF64FloatAttr(0x1p62)));
      ceiled = selectV(rewriter, loc, finite, ceiled,
                       arith::ConstantOp::create(rewriter, loc, f64,
                                                 rewriter.getF64FloatAttr(0)));
      count = rewriter.createOrFold<arith::FPToSIOp>(loc, i64, ceiled);
    } else {
      auto widen = [&](Value v) -> Value {
        return elementType == i64
                   ? v
                   : rewriter.createOrFold<arith::ExtSIOp>(loc, i64, v);
      };
      // A zero delta gives no elements rather than a division trap.
      Value step = widen(delta);
      Value zeroStep = cmpI(rewriter, loc, arith::CmpIPredicate::eq, step,
                            constI64(rewriter, loc, 0));
      count = rewriter.createOrFold<arith::CeilDivSIOp>(
          loc, subI(rewriter, loc, widen(limit), widen(start)),
          selectV(rewriter, loc, zeroStep, constI64(rewriter, loc, 1), step));
      count = selectV(rewriter, loc, zeroStep, constI64(rewriter, loc, 0),
                      count);
    }
    count = maxI(rewriter, loc, count, constI64(rewriter, loc, 0));
    OpFoldResult size = resultType.isDynamicDim(0)
                            ? toIndex(rewriter, loc, count)
                            : rewriter.getIndexAttr(resultType.getDimSize(0));
    Value result = generateTensor(
        rewriter, loc, size, elementType,
        [&](OpBuilder &b, Location l, ArrayRef<Value> indices) -> Value {
          Value i = arith::IndexCastOp::create(b, l, i64, indices[0]);
          if (isa<FloatType>(elementType)) {
            Value fi = arith::SIToFPOp::create(b, l, elementType, i);
            return arith::AddFOp::create(
                b, l, start, arith::MulFOp::create(b, l, fi, delta));
          }
          if (elementType != i64)
            i = arith::TruncIOp::create(b, l, elementType, i);
          return arith::AddIOp::create(b, l, start,
                                       arith::MulIOp::create(b, l, i, delta));
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, result, resultType));
    return success();
  }
};

/// Shape: the sizes of the selected dimensions in a tensor.from_elements.
struct LowerShape : OpRewritePattern<ShapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ShapeOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = inputType.getRank();
    auto clampBound = [&](std::optional<uint64_t> bound, int64_t fallback) {
      if (!bound)
        return fallback;
      int64_t value = static_cast<int64_t>(*bound);
      if (value < 0)
        value += rank;
      return std::clamp<int64_t>(value, 0, rank);
    };
    int64_t start = clampBound(op.getStart(), 0);
    int64_t end = clampBound(op.getEnd(), rank);
    Location loc = op.getLoc();
    SmallVector<Value> sizes;
    for (int64_t d = start; d < end; ++d)
      sizes.push_back(dimI64(rewriter, loc, op.getInput(), d));
    Value result;
    if (sizes.empty()) {
      auto emptyType = RankedTensorType::get({0}, rewriter.getI64Type());
      result = arith::ConstantOp::create(
          rewriter, loc, DenseElementsAttr::get(emptyType, ArrayRef<int64_t>{}));
    } else {
      result = tensor::FromElementsOp::create(rewriter, loc, sizes);
    }
    rewriter.replaceOp(op, castTo(rewriter, loc, result, resultType));
    return success();
  }
};

/// Size: the product of the sizes, as a rank-0 tensor.
struct LowerSize : OpRewritePattern<SizeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SizeOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    if (!inputType)
      return rewriter.notifyMatchFailure(op, "unranked");
    Location loc = op.getLoc();
    Value count = constI64(rewriter, loc, 1);
    for (int64_t d = 0; d < inputType.getRank(); ++d)
      count = mulI(rewriter, loc, count, dimI64(rewriter, loc, op.getInput(), d));
    Value result = tensor::FromElementsOp::create(
        rewriter, loc, RankedTensorType::get({}, rewriter.getI64Type()),
        ValueRange{count});
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Split, slice, pad, expand, tile
//===----------------------------------------------------------------------===//

/// Split: one tensor.extract_slice per piece.
struct LowerSplit : OpRewritePattern<SplitOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SplitOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInput();
    auto inputType = dyn_cast<RankedTensorType>(input.getType());
    if (!inputType)
      return rewriter.notifyMatchFailure(op, "unranked");
    for (Type type : op.getResultTypes())
      if (!isa<RankedTensorType>(type))
        return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = inputType.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t pieces = op.getNumResults();
    Location loc = op.getLoc();
    Value size = dimI64(rewriter, loc, input, axis);
    SmallVector<Value> offsets, lengths;
    if (auto split = op.getSplit()) {
      if (static_cast<int64_t>(split->size()) != pieces)
        return rewriter.notifyMatchFailure(op, "split length");
      int64_t offset = 0;
      for (int64_t length : *split) {
        offsets.push_back(constI64(rewriter, loc, offset));
        lengths.push_back(constI64(rewriter, loc, length));
        offset += length;
      }
    } else {
      // ceil(size / n) elements each, the last piece what remains.
      Value chunk = rewriter.createOrFold<arith::CeilDivSIOp>(
          loc, size, constI64(rewriter, loc, pieces));
      for (int64_t i = 0; i < pieces; ++i) {
        Value offset = minI(rewriter, loc,
                            mulI(rewriter, loc, constI64(rewriter, loc, i),
                                 chunk),
                            size);
        offsets.push_back(offset);
        lengths.push_back(
            minI(rewriter, loc, chunk, subI(rewriter, loc, size, offset)));
      }
    }
    SmallVector<Value> results;
    for (int64_t i = 0; i < pieces; ++i) {
      SmallVector<OpFoldResult> sliceOffsets(rank, rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes;
      for (int64_t d = 0; d < rank; ++d)
        sizes.push_back(dimSize(rewriter, loc, input, d));
      sliceOffsets[axis] = toIndex(rewriter, loc, offsets[i]);
      sizes[axis] = toIndex(rewriter, loc, lengths[i]);
      SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
      Value slice = tensor::ExtractSliceOp::create(
          rewriter, loc, input, sliceOffsets, sizes, strides);
      results.push_back(
          castTo(rewriter, loc, slice, op.getResult(i).getType()));
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// Slice. The bounds of each sliced axis are normalized as ONNX says, in
/// i64 (folded when constant). Positive constant steps give one
/// tensor.extract_slice; other steps a linalg.generic that extracts the
/// element at start + i * step along each sliced axis.
struct LowerSlice : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SliceOp op,
                                PatternRewriter &rewriter) const override {
    Value data = op.getData();
    auto inputType = dyn_cast<RankedTensorType>(data.getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    std::optional<int64_t> n = staticLength(op.getStarts());
    if (!n || staticLength(op.getEnds()) != n ||
        (op.getSteps() && staticLength(op.getSteps()) != n))
      return rewriter.notifyMatchFailure(op, "bounds of unknown length");
    int64_t rank = inputType.getRank();
    SmallVector<int64_t> axes;
    if (auto attr = op.getAxes())
      for (int64_t axis : *attr)
        axes.push_back(axis < 0 ? axis + rank : axis);
    else
      axes = llvm::to_vector(llvm::seq<int64_t>(0, *n));
    if (static_cast<int64_t>(axes.size()) != *n ||
        llvm::any_of(axes, [&](int64_t a) { return a < 0 || a >= rank; }))
      return rewriter.notifyMatchFailure(op, "axes");

    Location loc = op.getLoc();
    Value zero = constI64(rewriter, loc, 0);
    Value one = constI64(rewriter, loc, 1);
    Value minusOne = constI64(rewriter, loc, -1);
    // Per dimension: the first element, the count and the step, as i64.
    SmallVector<Value> starts, counts, steps;
    for (int64_t d = 0; d < rank; ++d) {
      starts.push_back(zero);
      counts.push_back(dimI64(rewriter, loc, data, d));
      steps.push_back(one);
    }
    bool positiveSteps = true;
    for (auto [i, axis] : llvm::enumerate(axes)) {
      Value size = dimI64(rewriter, loc, data, axis);
      Value start = elementI64(rewriter, loc, op.getStarts(), i);
      Value end = elementI64(rewriter, loc, op.getEnds(), i);
      Value step = op.getSteps() ? elementI64(rewriter, loc, op.getSteps(), i)
                                 : one;
      std::optional<int64_t> constantStep = getConstantIntValue(step);
      if (constantStep == 0)
        return rewriter.notifyMatchFailure(op, "zero step");
      if (!constantStep || *constantStep < 0)
        positiveSteps = false;
      // Negative bounds count from the back.
      auto fromBack = [&](Value bound) {
        Value negative =
            cmpI(rewriter, loc, arith::CmpIPredicate::slt, bound, zero);
        return selectV(rewriter, loc, negative, addI(rewriter, loc, bound, size),
                       bound);
      };
      start = fromBack(start);
      end = fromBack(end);
      // Clamped to [0, size] for positive steps; for negative ones start to
      // [0, size - 1] and end to [-1, size - 1].
      Value last = subI(rewriter, loc, size, one);
      Value up = cmpI(rewriter, loc, arith::CmpIPredicate::sgt, step, zero);
      Value startHigh = selectV(rewriter, loc, up, size, last);
      Value endLow = selectV(rewriter, loc, up, zero, minusOne);
      Value endHigh = selectV(rewriter, loc, up, size, last);
      start = minI(rewriter, loc, maxI(rewriter, loc, start, zero), startHigh);
      end = minI(rewriter, loc, maxI(rewriter, loc, end, endLow), endHigh);
      // count = max(ceil((end - start) / step), 0); a zero step (invalid)
      // takes nothing rather than trapping in the division.
      Value zeroStep = cmpI(rewriter, loc, arith::CmpIPredicate::eq, step,
                            zero);
      Value count = rewriter.createOrFold<arith::CeilDivSIOp>(
          loc, subI(rewriter, loc, end, start),
          selectV(rewriter, loc, zeroStep, one, step));
      count = selectV(rewriter, loc, zeroStep, zero,
                      maxI(rewriter, loc, count, zero));
      // An empty slice starts at 0 (its start may be the size).
      Value empty = cmpI(rewriter, loc, arith::CmpIPredicate::eq, count, zero);
      starts[axis] = selectV(rewriter, loc, empty, zero, start);
      counts[axis] = count;
      steps[axis] = step;
    }

    SmallVector<OpFoldResult> sizes;
    for (int64_t d = 0; d < rank; ++d)
      sizes.push_back(toIndex(rewriter, loc, counts[d]));
    Value result;
    if (positiveSteps) {
      SmallVector<OpFoldResult> offsets, strides;
      for (int64_t d = 0; d < rank; ++d) {
        offsets.push_back(toIndex(rewriter, loc, starts[d]));
        strides.push_back(toIndex(rewriter, loc, steps[d]));
      }
      result = tensor::ExtractSliceOp::create(rewriter, loc, data, offsets,
                                              sizes, strides);
    } else {
      SmallVector<Value> startIndices, stepIndices;
      for (int64_t d = 0; d < rank; ++d) {
        startIndices.push_back(
            indexValue(rewriter, loc, toIndex(rewriter, loc, starts[d])));
        stepIndices.push_back(
            indexValue(rewriter, loc, toIndex(rewriter, loc, steps[d])));
      }
      result = generateTensor(
          rewriter, loc, sizes, inputType.getElementType(),
          [&](OpBuilder &b, Location l, ArrayRef<Value> indices) -> Value {
            SmallVector<Value> position;
            for (int64_t d = 0; d < rank; ++d) {
              if (getConstantIntValue(starts[d]) == 0 &&
                  getConstantIntValue(steps[d]) == 1) {
                position.push_back(indices[d]);
                continue;
              }
              position.push_back(arith::AddIOp::create(
                  b, l, startIndices[d],
                  arith::MulIOp::create(b, l, indices[d], stepIndices[d])));
            }
            return tensor::ExtractOp::create(b, l, data, position);
          });
    }
    rewriter.replaceOp(op, castTo(rewriter, loc, result, resultType));
    return success();
  }
};

/// Pad. Constant mode: a tensor.extract_slice drops what negative pads
/// remove, then a tensor.pad adds the rest (static when the pads are
/// constant). Edge, reflect and wrap: a linalg.generic over the result that
/// maps each index back into the input (clamped, mirrored without
/// repeating the border, or modulo the size) and extracts the element.
struct LowerPad : OpRewritePattern<PadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PadOp op,
                                PatternRewriter &rewriter) const override {
    Value data = op.getData();
    auto inputType = dyn_cast<RankedTensorType>(data.getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    StringRef mode = op.getMode();
    if (mode != "constant" && mode != "edge" && mode != "reflect" &&
        mode != "wrap")
      return rewriter.notifyMatchFailure(op, "unknown mode");
    int64_t rank = inputType.getRank();
    SmallVector<int64_t> axes;
    if (auto attr = op.getAxes())
      for (int64_t axis : *attr)
        axes.push_back(axis < 0 ? axis + rank : axis);
    else
      axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
    int64_t n = axes.size();
    if (staticLength(op.getPads()) != 2 * n)
      return rewriter.notifyMatchFailure(op, "pads length");
    if (llvm::any_of(axes, [&](int64_t a) { return a < 0 || a >= rank; }))
      return rewriter.notifyMatchFailure(op, "axes");

    Location loc = op.getLoc();
    Value zero = constI64(rewriter, loc, 0);
    SmallVector<Value> low(rank, zero), high(rank, zero);
    for (auto [i, axis] : llvm::enumerate(axes)) {
      low[axis] = elementI64(rewriter, loc, op.getPads(), i);
      high[axis] = elementI64(rewriter, loc, op.getPads(), n + i);
    }
    Type elementType = inputType.getElementType();

    if (mode == "constant") {
      Value padValue;
      if (Value constant = op.getConstantValue()) {
        auto type = dyn_cast<RankedTensorType>(constant.getType());
        if (!type || !type.hasStaticShape() || type.getNumElements() != 1)
          return rewriter.notifyMatchFailure(op, "pad value not a scalar");
        Value zeroIndex = arith::ConstantIndexOp::create(rewriter, loc, 0);
        SmallVector<Value> indices(type.getRank(), zeroIndex);
        padValue = tensor::ExtractOp::create(rewriter, loc, constant, indices);
      } else {
        padValue = arith::ConstantOp::create(
            rewriter, loc, elementType, rewriter.getZeroAttr(elementType));
      }
      // Crop what negative pads remove.
      bool crops = false;
      SmallVector<OpFoldResult> offsets, sizes, lowSizes, highSizes;
      for (int64_t d = 0; d < rank; ++d) {
        Value size = dimI64(rewriter, loc, data, d);
        Value cutLow = maxI(rewriter, loc,
                            subI(rewriter, loc, zero, low[d]), zero);
        Value cutHigh = maxI(rewriter, loc,
                             subI(rewriter, loc, zero, high[d]), zero);
        Value kept = maxI(rewriter, loc,
                          subI(rewriter, loc,
                               subI(rewriter, loc, size, cutLow), cutHigh),
                          zero);
        cutLow = minI(rewriter, loc, cutLow, size);
        if (getConstantIntValue(cutLow) != 0 ||
            getConstantIntValue(cutHigh) != 0)
          crops = true;
        offsets.push_back(toIndex(rewriter, loc, cutLow));
        sizes.push_back(toIndex(rewriter, loc, kept));
        lowSizes.push_back(
            toIndex(rewriter, loc, maxI(rewriter, loc, low[d], zero)));
        highSizes.push_back(
            toIndex(rewriter, loc, maxI(rewriter, loc, high[d], zero)));
      }
      Value source = data;
      if (crops) {
        SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
        source = tensor::ExtractSliceOp::create(rewriter, loc, data, offsets,
                                                sizes, strides);
      }
      auto padded = tensor::PadOp::create(rewriter, loc, Type(), source,
                                          lowSizes, highSizes, padValue);
      rewriter.replaceOp(op, castTo(rewriter, loc, padded, resultType));
      return success();
    }

    // Edge, reflect, wrap. Per dimension, outside the loops: the input size,
    // its last index and the reflection period 2 * (size - 1) (at least 1,
    // so that a size of 1 reflects onto index 0).
    Value one = constI64(rewriter, loc, 1);
    SmallVector<OpFoldResult> sizes;
    SmallVector<Value> inputSizes, lasts, periods;
    for (int64_t d = 0; d < rank; ++d) {
      Value size = dimI64(rewriter, loc, data, d);
      Value total = addI(rewriter, loc, addI(rewriter, loc, size, low[d]),
                         high[d]);
      sizes.push_back(toIndex(rewriter, loc, maxI(rewriter, loc, total, zero)));
      Value last = subI(rewriter, loc, size, one);
      // Wrap divides by the size: at least 1, so that an empty input (an
      // invalid model) does not trap.
      inputSizes.push_back(maxI(rewriter, loc, size, one));
      lasts.push_back(last);
      periods.push_back(maxI(rewriter, loc, addI(rewriter, loc, last, last),
                             one));
    }
    Value result = generateTensor(
        rewriter, loc, sizes, elementType,
        [&](OpBuilder &b, Location l, ArrayRef<Value> indices) -> Value {
          Type i64 = b.getI64Type();
          SmallVector<Value> position;
          for (int64_t d = 0; d < rank; ++d) {
            if (getConstantIntValue(low[d]) == 0 &&
                getConstantIntValue(high[d]) == 0) {
              position.push_back(indices[d]);
              continue;
            }
            Value i = arith::SubIOp::create(
                b, l, arith::IndexCastOp::create(b, l, i64, indices[d]),
                low[d]);
            Value last = lasts[d];
            Value source;
            if (mode == "edge") {
              source = arith::MinSIOp::create(
                  b, l, arith::MaxSIOp::create(b, l, i, zero), last);
            } else {
              // The non-negative remainder modulo the size (wrap) or the
              // period (reflect).
              Value modulus = mode == "wrap" ? inputSizes[d] : periods[d];
              Value r = arith::RemSIOp::create(b, l, i, modulus);
              Value negative = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::slt, r, zero);
              r = arith::SelectOp::create(
                  b, l, negative, arith::AddIOp::create(b, l, r, modulus), r);
              source = r;
              if (mode == "reflect") {
                // The second half of a period runs back down.
                Value inside = arith::CmpIOp::create(
                    b, l, arith::CmpIPredicate::sle, r, last);
                Value mirrored = arith::SubIOp::create(b, l, modulus, r);
                source = arith::MinSIOp::create(
                    b, l, arith::SelectOp::create(b, l, inside, r, mirrored),
                    last);
              }
            }
            position.push_back(
                arith::IndexCastOp::create(b, l, b.getIndexType(), source));
          }
          return tensor::ExtractOp::create(b, l, data, position);
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, result, resultType));
    return success();
  }
};

/// Expand: a linalg.generic copying the input, whose indexing map reads
/// index 0 along broadcast dimensions, when the types tell which dimensions
/// broadcast. Otherwise the result sizes come from the shape operand at
/// run time (a size 1 on either side takes the other) and a
/// linalg.generic extracts from the input at index 0 along the input
/// dimensions of size 1.
struct LowerExpand : OpRewritePattern<ExpandOp> {
  using OpRewritePattern::OpRewritePattern;

  /// The static form, or null when a size is only known at run time.
  static Value staticForm(OpBuilder &b, Location loc, Value input,
                          RankedTensorType inputType,
                          RankedTensorType resultType,
                          ArrayRef<std::optional<int64_t>> wanted) {
    int64_t rank = resultType.getRank();
    int64_t offset = rank - inputType.getRank();
    MLIRContext *context = b.getContext();
    SmallVector<AffineExpr> exprs;
    SmallVector<int64_t> sourceDims(rank, 0);
    for (int64_t i = 0; i < inputType.getRank(); ++i) {
      int64_t size = inputType.getDimSize(i);
      int64_t resultSize = resultType.getDimSize(offset + i);
      if (size == 1 && resultSize != 1) {
        if (ShapedType::isDynamic(resultSize))
          return {};
        exprs.push_back(getAffineConstantExpr(0, context));
        continue;
      }
      // A dynamic size may be 1 at run time and broadcast, unless the shape
      // asks for 1 there.
      if (ShapedType::isDynamic(size) && wanted[offset + i] != 1)
        return {};
      exprs.push_back(getAffineDimExpr(offset + i, context));
      sourceDims[offset + i] = i;
    }
    for (int64_t d = 0; d < offset; ++d)
      if (resultType.isDynamicDim(d))
        return {};
    Value init = emptyLike(b, loc, resultType, input, sourceDims);
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank, 0, exprs, context),
        AffineMap::getMultiDimIdentityMap(rank, context)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    return linalg::GenericOp::create(
               b, loc, TypeRange{resultType}, input, init, maps, iterators,
               [](OpBuilder &nested, Location bodyLoc, ValueRange args) {
                 linalg::YieldOp::create(nested, bodyLoc, args[0]);
               })
        .getResult(0);
  }

  LogicalResult matchAndRewrite(ExpandOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInput();
    auto inputType = dyn_cast<RankedTensorType>(input.getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = resultType.getRank();
    int64_t offset = rank - inputType.getRank();
    if (offset < 0)
      return rewriter.notifyMatchFailure(op, "result rank below input rank");
    Location loc = op.getLoc();
    std::optional<int64_t> length = staticLength(op.getShape());
    if (!length || *length > rank)
      return rewriter.notifyMatchFailure(op, "shape of unknown length");
    int64_t shapeOffset = rank - *length;
    // The constant entries of the shape, by result dimension (1 before it).
    SmallVector<std::optional<int64_t>> wanted(rank, 1);
    DenseIntElementsAttr shapeAttr;
    bool constantShape =
        matchPattern(op.getShape(), m_Constant(&shapeAttr));
    for (int64_t d = shapeOffset; d < rank; ++d)
      wanted[d] = constantShape
                      ? std::optional<int64_t>(
                            shapeAttr.getValues<APInt>()[d - shapeOffset]
                                .getSExtValue())
                      : std::nullopt;
    if (Value result =
            staticForm(rewriter, loc, input, inputType, resultType, wanted)) {
      rewriter.replaceOp(op, result);
      return success();
    }
    Value one = constI64(rewriter, loc, 1);
    SmallVector<OpFoldResult> sizes;
    SmallVector<Value> inputIsOne;
    for (int64_t d = 0; d < rank; ++d) {
      Value size;
      Value wanted = d >= shapeOffset
                         ? elementI64(rewriter, loc, op.getShape(),
                                      d - shapeOffset)
                         : one;
      if (d >= offset) {
        Value in = dimI64(rewriter, loc, input, d - offset);
        Value isOne = cmpI(rewriter, loc, arith::CmpIPredicate::eq, in, one);
        inputIsOne.push_back(isOne);
        size = selectV(rewriter, loc, isOne, wanted, in);
      } else {
        size = wanted;
      }
      sizes.push_back(resultType.isDynamicDim(d)
                          ? toIndex(rewriter, loc, size)
                          : rewriter.getIndexAttr(resultType.getDimSize(d)));
    }
    Value result = generateTensor(
        rewriter, loc, sizes, inputType.getElementType(),
        [&](OpBuilder &b, Location l, ArrayRef<Value> indices) -> Value {
          SmallVector<Value> position;
          Value zeroIndex = arith::ConstantIndexOp::create(b, l, 0);
          for (int64_t i = 0; i < inputType.getRank(); ++i) {
            int64_t size = inputType.getDimSize(i);
            if (size == 1) {
              position.push_back(zeroIndex);
              continue;
            }
            if (!ShapedType::isDynamic(size)) {
              position.push_back(indices[offset + i]);
              continue;
            }
            position.push_back(arith::SelectOp::create(
                b, l, inputIsOne[i], zeroIndex, indices[offset + i]));
          }
          return tensor::ExtractOp::create(b, l, input, position);
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, result, resultType));
    return success();
  }
};

/// Tile: a linalg.generic broadcasting the input of sizes s_i into
/// r_0 x s_0 x r_1 x s_1 x ..., collapsed pairwise into the result.
struct LowerTile : OpRewritePattern<TileOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TileOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInput();
    auto inputType = dyn_cast<RankedTensorType>(input.getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = inputType.getRank();
    if (staticLength(op.getRepeats()) != rank ||
        resultType.getRank() != rank)
      return rewriter.notifyMatchFailure(op, "repeats of unknown length");
    Location loc = op.getLoc();
    if (rank == 0) {
      rewriter.replaceOp(op, castTo(rewriter, loc, input, resultType));
      return success();
    }
    SmallVector<OpFoldResult> sizes;
    SmallVector<AffineExpr> exprs;
    SmallVector<ReassociationIndices> groups;
    for (int64_t d = 0; d < rank; ++d) {
      Value repeats = elementI64(rewriter, loc, op.getRepeats(), d);
      sizes.push_back(toIndex(rewriter, loc, repeats));
      sizes.push_back(dimSize(rewriter, loc, input, d));
      exprs.push_back(rewriter.getAffineDimExpr(2 * d + 1));
      groups.push_back({2 * d, 2 * d + 1});
    }
    Value init = emptyOfSizes(rewriter, loc, sizes, inputType.getElementType());
    SmallVector<utils::IteratorType> iterators(2 * rank,
                                               utils::IteratorType::parallel);
    Value tiled =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{init.getType()}, input, init,
            ArrayRef<AffineMap>{
                AffineMap::get(2 * rank, 0, exprs, rewriter.getContext()),
                rewriter.getMultiDimIdentityMap(2 * rank)},
            iterators,
            [](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(b, l, args[0]);
            })
            .getResult(0);
    Value collapsed =
        tensor::CollapseShapeOp::create(rewriter, loc, tiled, groups);
    rewriter.replaceOp(op, castTo(rewriter, loc, collapsed, resultType));
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
  patterns.add<LowerReshape, LowerFlatten, LowerSqueeze, LowerUnsqueeze,
               LowerTranspose, LowerConcat, LowerConstantOfShape, LowerRange,
               LowerShape, LowerSize, LowerSplit, LowerSlice, LowerPad,
               LowerExpand, LowerTile, LowerGather>(context);
}

} // namespace ds
