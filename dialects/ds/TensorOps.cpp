//===- TensorOps.cpp - Tensor ds ops ----------------------------*- C++ -*-===//
//
// Part of ds. Result-type inference, verifiers, folders and canonicalizations
// of the data-movement family. Shape operands are read with getConstantInts:
// their values refine the result when constant, and otherwise their static
// length still gives the result rank.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/TensorOps.h"

#include "dialects/ds/Folding.h"
#include "dialects/ds/TensorOpsHelpers.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace mlir;
using namespace ds;
using namespace ds::tensor_detail;
using llvm::APFloat;
using llvm::APInt;

#define GET_OP_CLASSES
#include "dialects/ds/TensorOps.cpp.inc"

void DSDialect::registerTensorOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/TensorOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::verify() {
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!type || !type.hasStaticShape())
    return emitOpError("value must have a static shape, got ") << getType();
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// ConstantOfShapeOp
//===----------------------------------------------------------------------===//

LogicalResult ConstantOfShapeOp::inferReturnTypes(
    MLIRContext *context, ErrorSink location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  Type elementType = Float32Type::get(context);
  if (ElementsAttr value = adaptor.getValueAttr())
    elementType = value.getElementType();
  FailureOr<IntList> shape = readIntList(location, adaptor.getShape(), "shape");
  if (failed(shape))
    return failure();
  if (shape->values) {
    for (int64_t size : *shape->values)
      if (size < 0)
        return emitOptionalError(location, "shape must not be negative, got ",
                                 size);
    inferredReturnTypes.push_back(
        RankedTensorType::get(*shape->values, elementType));
    return success();
  }
  inferredReturnTypes.push_back(dynamicTensor(shape->length, elementType));
  return success();
}

LogicalResult ConstantOfShapeOp::verify() {
  if (ElementsAttr value = getValueAttr(); value && value.getNumElements() != 1)
    return emitOpError("value must hold exactly one element, got ")
           << value.getNumElements();
  return success();
}

OpFoldResult ConstantOfShapeOp::fold(FoldAdaptor) {
  RankedTensorType type = foldableType(getType());
  if (!type)
    return {};
  if (ElementsAttr value = getValueAttr()) {
    auto dense = dyn_cast<DenseElementsAttr>(value);
    if (!dense)
      return {};
    return DenseElementsAttr::get(
        type, ArrayRef<Attribute>(*dense.value_begin<Attribute>()));
  }
  return DenseElementsAttr::get(
      type, ArrayRef<Attribute>(FloatAttr::get(type.getElementType(), 0.0)));
}

//===----------------------------------------------------------------------===//
// RangeOp
//===----------------------------------------------------------------------===//

/// The sole value of a one-element float constant.
static std::optional<double> floatScalar(Value value) {
  if (auto values = getConstantFloats(value); values && values->size() == 1)
    return values->front();
  return std::nullopt;
}

/// The sole value of a one-element integer constant.
static std::optional<int64_t> intScalar(Value value) {
  if (auto values = getConstantInts(value); values && values->size() == 1)
    return values->front();
  return std::nullopt;
}

/// The number of elements of a range: max(ceil((limit - start) / delta), 0)
/// when the operands are constant, else kDynamic.
static FailureOr<int64_t> rangeSize(ErrorSink loc, Value start, Value limit,
                                    Value delta) {
  if (isa<FloatType>(getElementType(start.getType()))) {
    std::optional<double> s = floatScalar(start), l = floatScalar(limit),
                          d = floatScalar(delta);
    if (d && *d == 0)
      return emitOptionalError(loc, "delta must not be zero");
    if (!s || !l || !d)
      return kDynamic;
    double count = std::ceil((*l - *s) / *d);
    if (!(count < double(int64_t(1) << 53)))
      return kDynamic;
    return std::max<int64_t>(static_cast<int64_t>(count), 0);
  }
  std::optional<int64_t> s = intScalar(start), l = intScalar(limit),
                         d = intScalar(delta);
  if (d && *d == 0)
    return emitOptionalError(loc, "delta must not be zero");
  if (!s || !l || !d)
    return kDynamic;
  // Integer ceil((l - s) / d): round the truncated quotient away from zero.
  int64_t diff = *l - *s, count = diff / *d;
  if (diff % *d != 0 && (diff > 0) == (*d > 0))
    ++count;
  return std::max<int64_t>(count, 0);
}

LogicalResult
RangeOp::inferReturnTypes(MLIRContext *, ErrorSink location, Adaptor adaptor,
                          SmallVectorImpl<Type> &inferredReturnTypes) {
  FailureOr<int64_t> size = rangeSize(location, adaptor.getStart(),
                                      adaptor.getLimit(), adaptor.getDelta());
  if (failed(size))
    return failure();
  inferredReturnTypes.push_back(RankedTensorType::get(
      {*size}, getElementType(adaptor.getStart().getType())));
  return success();
}

LogicalResult RangeOp::verify() {
  for (auto [name, value] : {std::pair<StringRef, Value>{"start", getStart()},
                             {"limit", getLimit()},
                             {"delta", getDelta()}}) {
    auto type = cast<ShapedType>(value.getType());
    if (!type.hasRank())
      continue;
    if (type.getRank() > 1 ||
        (type.getRank() == 1 && !compatibleSizes(type.getDimSize(0), 1)))
      return emitOpError(name)
             << " must be a scalar (rank 0, or rank 1 with one element), got "
             << type;
  }
  return success();
}

OpFoldResult RangeOp::fold(FoldAdaptor) {
  RankedTensorType type = foldableType(getType());
  if (!type)
    return {};
  Type elementType = type.getElementType();
  int64_t count = type.getDimSize(0);
  if (auto floatType = dyn_cast<FloatType>(elementType)) {
    std::optional<double> s = floatScalar(getStart()),
                          d = floatScalar(getDelta());
    if (!s || !d)
      return {};
    SmallVector<APFloat> values;
    for (int64_t i = 0; i < count; ++i) {
      APFloat value(*s + static_cast<double>(i) * *d);
      bool losesInfo;
      value.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                    &losesInfo);
      values.push_back(value);
    }
    return DenseElementsAttr::get(type, values);
  }
  std::optional<int64_t> s = intScalar(getStart()), d = intScalar(getDelta());
  if (!s || !d)
    return {};
  unsigned width = elementType.getIntOrFloatBitWidth();
  SmallVector<APInt> values;
  for (int64_t i = 0; i < count; ++i)
    values.emplace_back(width, *s + i * *d, /*isSigned=*/true);
  return DenseElementsAttr::get(type, values);
}

//===----------------------------------------------------------------------===//
// ShapeOp, SizeOp
//===----------------------------------------------------------------------===//

/// The dimensions [start, end) a ds.shape selects from a tensor of `rank`.
static std::pair<int64_t, int64_t> shapeRange(ShapeOp::Adaptor adaptor,
                                              int64_t rank) {
  auto clampBound = [&](int64_t bound) {
    return std::clamp<int64_t>(bound < 0 ? bound + rank : bound, 0, rank);
  };
  // I64Attr getters return uint64_t; the values are signed.
  int64_t start =
      clampBound(static_cast<int64_t>(adaptor.getStart().value_or(0)));
  int64_t end = clampBound(
      adaptor.getEnd() ? static_cast<int64_t>(*adaptor.getEnd()) : rank);
  return {start, std::max(start, end)};
}

LogicalResult
ShapeOp::inferReturnTypes(MLIRContext *context, ErrorSink, Adaptor adaptor,
                          SmallVectorImpl<Type> &inferredReturnTypes) {
  int64_t length = kDynamic;
  if (auto shape = shapeOf(adaptor.getInput().getType())) {
    auto [start, end] = shapeRange(adaptor, shape->size());
    length = end - start;
  }
  inferredReturnTypes.push_back(
      RankedTensorType::get({length}, IntegerType::get(context, 64)));
  return success();
}

OpFoldResult ShapeOp::fold(FoldAdaptor) {
  auto shape = shapeOf(getInput().getType());
  RankedTensorType type = foldableType(getType());
  if (!shape || !type)
    return {};
  auto [start, end] = shapeRange(Adaptor(*this), shape->size());
  ArrayRef<int64_t> selected = shape->slice(start, end - start);
  if (llvm::any_of(selected, ShapedType::isDynamic))
    return {};
  return DenseElementsAttr::get(type, selected);
}

OpFoldResult SizeOp::fold(FoldAdaptor) {
  auto input = dyn_cast<RankedTensorType>(getInput().getType());
  RankedTensorType type = foldableType(getType());
  if (!input || !input.hasStaticShape() || !type)
    return {};
  return DenseElementsAttr::get(
      type, ArrayRef<Attribute>(IntegerAttr::get(type.getElementType(),
                                                 input.getNumElements())));
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

/// Sets the size `out[inferred]` that a -1 in `values` stands for, when the
/// other sizes determine it. Sizes copied from the input (`copied`) are equal
/// on both sides and cancel out, even when they are dynamic.
static LogicalResult inferReshapeSize(ErrorSink loc, ArrayRef<int64_t> in,
                                      ArrayRef<int64_t> values,
                                      const llvm::SmallBitVector &copied,
                                      size_t inferred,
                                      SmallVectorImpl<int64_t> &out) {
  int64_t inCount = 1, outCount = 1;
  for (auto [i, size] : llvm::enumerate(in)) {
    if (i < copied.size() && copied.test(i))
      continue;
    if (ShapedType::isDynamic(size))
      return success();
    inCount *= size;
  }
  for (auto [i, size] : llvm::enumerate(out)) {
    if (i == inferred || copied.test(i))
      continue;
    if (ShapedType::isDynamic(size))
      return success();
    outCount *= size;
  }
  if (outCount == 0)
    return success();
  if (inCount % outCount != 0)
    return emitOptionalError(
        loc, "cannot infer the -1 size of shape [", values, "]: ", inCount,
        " input elements (not counting copied sizes) are not a multiple of ",
        outCount);
  out[inferred] = inCount / outCount;
  return success();
}

LogicalResult
ReshapeOp::inferReturnTypes(MLIRContext *, ErrorSink location, Adaptor adaptor,
                            SmallVectorImpl<Type> &inferredReturnTypes) {
  Type elementType = getElementType(adaptor.getData().getType());
  FailureOr<IntList> list = readIntList(location, adaptor.getShape(), "shape");
  if (failed(list))
    return failure();
  if (!list->values) {
    inferredReturnTypes.push_back(dynamicTensor(list->length, elementType));
    return success();
  }
  ArrayRef<int64_t> values = *list->values;
  std::optional<ArrayRef<int64_t>> in = shapeOf(adaptor.getData().getType());
  bool allowZero = adaptor.getAllowzero();
  SmallVector<int64_t> out;
  llvm::SmallBitVector copied(values.size());
  std::optional<size_t> inferred;
  bool hasZero = false;
  for (auto [i, v] : llvm::enumerate(values)) {
    if (v == -1) {
      if (inferred)
        return emitOptionalError(location, "shape may contain -1 only once");
      inferred = i;
      out.push_back(kDynamic);
    } else if (v < -1) {
      return emitOptionalError(location, "shape entry ", i, " is ", v,
                               " (expected -1 or a size >= 0)");
    } else if (v == 0 && !allowZero) {
      if (in && i >= in->size())
        return emitOptionalError(location, "shape entry ", i,
                                 " is 0 (copy the input size) but the input "
                                 "has rank ",
                                 in->size());
      copied.set(i);
      out.push_back(in ? (*in)[i] : kDynamic);
    } else {
      hasZero |= v == 0;
      out.push_back(v);
    }
  }
  if (allowZero && hasZero && inferred)
    return emitOptionalError(location,
                             "shape may not contain both 0 and -1 when "
                             "allowzero is set");
  if (inferred && in &&
      failed(inferReshapeSize(location, *in, values, copied, *inferred, out)))
    return failure();
  inferredReturnTypes.push_back(RankedTensorType::get(out, elementType));
  return success();
}

LogicalResult ReshapeOp::verify() {
  auto in = cast<ShapedType>(getData().getType());
  auto out = cast<ShapedType>(getType());
  if (in.hasStaticShape() && out.hasStaticShape() &&
      in.getNumElements() != out.getNumElements())
    return emitOpError("input has ")
           << in.getNumElements() << " elements but the result has "
           << out.getNumElements();
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  // Same type, with at most one unknown size: the element count fixes it
  // (unless a static size is 0).
  if (auto type = dyn_cast<RankedTensorType>(getType());
      type && getData().getType() == type && type.getNumDynamicDims() <= 1 &&
      !llvm::is_contained(type.getShape(), 0))
    return getData();
  auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getData());
  if (RankedTensorType type = foldableType(getType()); dense && type)
    return dense.reshape(type);
  return {};
}

namespace {
/// reshape(reshape(x, s1), s2) -> reshape(x, s2) when s2 copies no size.
struct ReshapeOfReshape : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getData().getDefiningOp<ReshapeOp>();
    if (!inner)
      return failure();
    if (!op.getAllowzero()) {
      std::optional<SmallVector<int64_t>> shape =
          getConstantInts(op.getShape());
      if (!shape || llvm::is_contained(*shape, 0))
        return failure();
    }
    rewriter.modifyOpInPlace(
        op, [&] { op.getDataMutable().assign(inner.getData()); });
    return success();
  }
};
} // namespace

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                            MLIRContext *context) {
  patterns.add<ReshapeOfReshape>(context);
}

//===----------------------------------------------------------------------===//
// FlattenOp, SqueezeOp, UnsqueezeOp
//===----------------------------------------------------------------------===//

/// Folds of the ops that only change the shape: their input when `identity`
/// (the op keeps the shape) and the type is unchanged, and a reshaped
/// constant.
static OpFoldResult foldShapeChange(Value input, Attribute constant,
                                    Type resultType, bool identity) {
  if (identity && input.getType() == resultType)
    return input;
  auto dense = dyn_cast_or_null<DenseElementsAttr>(constant);
  if (RankedTensorType type = foldableType(resultType); dense && type)
    return dense.reshape(type);
  return {};
}

LogicalResult
FlattenOp::inferReturnTypes(MLIRContext *, ErrorSink location, Adaptor adaptor,
                            SmallVectorImpl<Type> &inferredReturnTypes) {
  Type type = adaptor.getInput().getType();
  auto shape = shapeOf(type);
  if (!shape) {
    inferredReturnTypes.push_back(
        RankedTensorType::get({kDynamic, kDynamic}, getElementType(type)));
    return success();
  }
  auto rank = static_cast<int64_t>(shape->size());
  auto axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < -rank || axis > rank)
    return emitOptionalError(location, "axis ", axis,
                             " is out of range for rank ", rank,
                             " (expected in [", -rank, ", ", rank, "])");
  if (axis < 0)
    axis += rank;
  inferredReturnTypes.push_back(
      RankedTensorType::get({productOrDynamic(shape->take_front(axis)),
                             productOrDynamic(shape->drop_front(axis))},
                            getElementType(type)));
  return success();
}

OpFoldResult FlattenOp::fold(FoldAdaptor adaptor) {
  // A 2-D input flattened at 1 keeps its shape; so does any static input
  // whose result type is its own.
  auto type = dyn_cast<RankedTensorType>(getInput().getType());
  auto axis = static_cast<int64_t>(getAxis());
  bool identity = type && (type.hasStaticShape() ||
                           (type.getRank() == 2 && (axis == 1 || axis == -1)));
  return foldShapeChange(getInput(), adaptor.getInput(), getType(), identity);
}

LogicalResult
SqueezeOp::inferReturnTypes(MLIRContext *, ErrorSink location, Adaptor adaptor,
                            SmallVectorImpl<Type> &inferredReturnTypes) {
  Type type = adaptor.getInput().getType();
  auto shape = shapeOf(type);
  if (!shape) {
    inferredReturnTypes.push_back(type);
    return success();
  }
  llvm::SmallBitVector removed(shape->size());
  if (std::optional<ArrayRef<int64_t>> axes = adaptor.getAxes()) {
    FailureOr<SmallVector<int64_t>> normalized =
        normalizeAxes(location, *axes, shape->size());
    if (failed(normalized))
      return failure();
    for (int64_t axis : *normalized) {
      if (!compatibleSizes((*shape)[axis], 1))
        return emitOptionalError(location, "cannot squeeze dimension ", axis,
                                 " of size ", (*shape)[axis],
                                 " (expected size 1)");
      removed.set(axis);
    }
  } else {
    if (llvm::any_of(*shape, ShapedType::isDynamic))
      return emitOptionalError(location,
                               "squeeze without axes requires a static input "
                               "shape, got ",
                               type);
    for (auto [i, size] : llvm::enumerate(*shape))
      if (size == 1)
        removed.set(i);
  }
  SmallVector<int64_t> result;
  for (auto [i, size] : llvm::enumerate(*shape))
    if (!removed.test(i))
      result.push_back(size);
  inferredReturnTypes.push_back(
      RankedTensorType::get(result, getElementType(type)));
  return success();
}

OpFoldResult SqueezeOp::fold(FoldAdaptor adaptor) {
  // A ranked result of the input's rank removed nothing.
  return foldShapeChange(getInput(), adaptor.getInput(), getType(),
                         isa<RankedTensorType>(getType()));
}

LogicalResult
UnsqueezeOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                              Adaptor adaptor,
                              SmallVectorImpl<Type> &inferredReturnTypes) {
  Type type = adaptor.getInput().getType();
  auto shape = shapeOf(type);
  if (!shape) {
    inferredReturnTypes.push_back(type);
    return success();
  }
  ArrayRef<int64_t> axes = adaptor.getAxes();
  int64_t rank = shape->size() + axes.size();
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(location, axes, rank);
  if (failed(normalized))
    return failure();
  SmallVector<int64_t> result(rank, 1);
  llvm::SmallBitVector inserted(rank);
  for (int64_t axis : *normalized)
    inserted.set(axis);
  const int64_t *next = shape->begin();
  for (int64_t i = 0; i < rank; ++i)
    if (!inserted.test(i))
      result[i] = *next++;
  inferredReturnTypes.push_back(
      RankedTensorType::get(result, getElementType(type)));
  return success();
}

OpFoldResult UnsqueezeOp::fold(FoldAdaptor adaptor) {
  return foldShapeChange(getInput(), adaptor.getInput(), getType(),
                         getAxes().empty());
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

/// The permutation of a transpose of a tensor of `rank`: `perm` or the
/// reversal.
static SmallVector<int64_t> permutation(std::optional<ArrayRef<int64_t>> perm,
                                        int64_t rank) {
  if (perm)
    return SmallVector<int64_t>(*perm);
  SmallVector<int64_t> reversed = iota(rank);
  std::reverse(reversed.begin(), reversed.end());
  return reversed;
}

LogicalResult
TransposeOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                              Adaptor adaptor,
                              SmallVectorImpl<Type> &inferredReturnTypes) {
  Type type = adaptor.getData().getType();
  std::optional<ArrayRef<int64_t>> perm = adaptor.getPerm();
  auto shape = shapeOf(type);
  if (!shape && !perm) {
    inferredReturnTypes.push_back(type);
    return success();
  }
  int64_t rank = shape ? shape->size() : perm->size();
  if (perm && static_cast<int64_t>(perm->size()) != rank)
    return emitOptionalError(location, "perm has ", perm->size(),
                             " entries for an input of rank ", rank);
  SmallVector<int64_t> order = permutation(perm, rank);
  llvm::SmallBitVector seen(rank);
  SmallVector<int64_t> result;
  for (int64_t p : order) {
    if (p < 0 || p >= rank || seen.test(p))
      return emitOptionalError(location, "perm must be a permutation of [0, ",
                               rank, "), got [", order, "]");
    seen.set(p);
    result.push_back(shape ? (*shape)[p] : kDynamic);
  }
  inferredReturnTypes.push_back(
      RankedTensorType::get(result, getElementType(type)));
  return success();
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  auto shape = shapeOf(getData().getType());
  if (!shape)
    return {};
  SmallVector<int64_t> perm = permutation(getPerm(), shape->size());
  if (llvm::equal(perm, iota(perm.size())))
    return sameTypeOrNull(getData(), getType());
  auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getData());
  RankedTensorType type = foldableType(getType(), kMaxCopiedElements);
  if (!dense || !type)
    return {};
  SmallVector<int64_t> strides = rowMajorStrides(*shape), coeffs;
  for (int64_t p : perm)
    coeffs.push_back(strides[p]);
  return gatherElements(dense, type, affineIndices(type.getShape(), 0, coeffs));
}

namespace {
/// transpose(transpose(x, p), q) -> transpose(x, r) with r[i] = p[q[i]].
struct TransposeOfTranspose : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getData().getDefiningOp<TransposeOp>();
    if (!inner)
      return failure();
    auto shape = shapeOf(inner.getData().getType());
    if (!shape)
      return failure();
    SmallVector<int64_t> p = permutation(inner.getPerm(), shape->size());
    SmallVector<int64_t> q = permutation(op.getPerm(), shape->size());
    SmallVector<int64_t> composed;
    for (int64_t i : q)
      composed.push_back(p[i]);
    rewriter.replaceOpWithNewOp<TransposeOp>(
        op, op.getType(), inner.getData(),
        rewriter.getDenseI64ArrayAttr(composed));
    return success();
  }
};
} // namespace

void TransposeOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                              MLIRContext *context) {
  patterns.add<TransposeOfTranspose>(context);
}
