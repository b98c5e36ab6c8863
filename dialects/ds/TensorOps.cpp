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
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace mlir;
using namespace ds;
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
// Helpers
//===----------------------------------------------------------------------===//

/// Largest number of elements a fold copies one by one (transpose, slice,
/// concat, split); reshaping folds share the buffer and use the larger
/// kMaxFoldedElements.
static constexpr int64_t kMaxCopiedElements = int64_t(1) << 16;

/// What is known of a 1-D integer operand such as a shape, pads, repeats or
/// slice bounds: its values when constant, else its static length.
namespace {
struct IntList {
  std::optional<SmallVector<int64_t>> values;
  std::optional<int64_t> length; // Set whenever `values` is.
};
} // namespace

static FailureOr<IntList> readIntList(OptLoc loc, Value value,
                                      StringRef name) {
  auto type = cast<ShapedType>(value.getType());
  if (type.hasRank() && type.getRank() != 1)
    return emitOptionalError(loc, name, " must be 1-D, got rank ",
                             type.getRank());
  IntList list;
  list.values = getConstantInts(value);
  if (list.values)
    list.length = list.values->size();
  else if (type.hasRank() && !type.isDynamicDim(0))
    list.length = type.getDimSize(0);
  return list;
}

static std::optional<ArrayRef<int64_t>> shapeOf(Type type) {
  if (auto ranked = dyn_cast<RankedTensorType>(type))
    return ranked.getShape();
  return std::nullopt;
}

static SmallVector<int64_t> dynamicShape(int64_t rank) {
  return SmallVector<int64_t>(rank, kDynamic);
}

/// A tensor of `rank` unknown sizes, or unranked when the rank is unknown.
static TensorType dynamicTensor(std::optional<int64_t> rank, Type elementType) {
  if (!rank)
    return UnrankedTensorType::get(elementType);
  return RankedTensorType::get(dynamicShape(*rank), elementType);
}

static SmallVector<int64_t> iota(int64_t n) {
  SmallVector<int64_t> result(n);
  std::iota(result.begin(), result.end(), 0);
  return result;
}

/// The result type of a fold that creates a new attribute: the op's type
/// when it is static and not larger than `limit`, else null.
static RankedTensorType foldableType(Type type,
                                     int64_t limit = kMaxFoldedElements) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape() || ranked.getNumElements() > limit)
    return nullptr;
  return ranked;
}

/// `value` when its type is `resultType`: folds must not change types.
static OpFoldResult sameTypeOrNull(Value value, Type resultType) {
  if (value.getType() == resultType)
    return value;
  return {};
}

static SmallVector<int64_t> rowMajorStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// The source indices `base + sum_i j_i * coeffs[i]` of every multi-index
/// `j` of `shape`, in row-major order.
static SmallVector<int64_t> affineIndices(ArrayRef<int64_t> shape, int64_t base,
                                          ArrayRef<int64_t> coeffs) {
  int64_t count = productOrDynamic(shape);
  SmallVector<int64_t> indices;
  indices.reserve(count);
  SmallVector<int64_t> j(shape.size(), 0);
  int64_t offset = base;
  for (int64_t k = 0; k < count; ++k) {
    indices.push_back(offset);
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      if (++j[d] < shape[d]) {
        offset += coeffs[d];
        break;
      }
      offset -= coeffs[d] * (shape[d] - 1);
      j[d] = 0;
    }
  }
  return indices;
}

template <typename T>
static DenseElementsAttr gatherAs(ArrayRef<DenseElementsAttr> sources,
                                  RankedTensorType type,
                                  ArrayRef<int64_t> indices) {
  using Iterator = decltype(sources.front().getValues<T>().begin());
  SmallVector<Iterator> begins;
  SmallVector<int64_t> ends;
  int64_t total = 0;
  for (DenseElementsAttr source : sources) {
    begins.push_back(source.getValues<T>().begin());
    total += source.getNumElements();
    ends.push_back(total);
  }
  SmallVector<T> values;
  values.reserve(indices.size());
  for (int64_t index : indices) {
    size_t s = llvm::upper_bound(ends, index) - ends.begin();
    values.push_back(*(begins[s] + (index - (s ? ends[s - 1] : 0))));
  }
  return DenseElementsAttr::get(type, values);
}

/// A constant of `type` whose element `i` is element `indices[i]` of the
/// concatenation of the (flattened) `sources`.
static DenseElementsAttr gatherElements(ArrayRef<DenseElementsAttr> sources,
                                        RankedTensorType type,
                                        ArrayRef<int64_t> indices) {
  if (DenseElementsAttr source = sources.front();
      sources.size() == 1 && source.isSplat())
    return source.resizeSplat(type);
  if (isa<FloatType>(type.getElementType()))
    return gatherAs<APFloat>(sources, type, indices);
  return gatherAs<APInt>(sources, type, indices);
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
    MLIRContext *context, OptLoc location, Adaptor adaptor,
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
static FailureOr<int64_t> rangeSize(OptLoc loc, Value start, Value limit,
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
RangeOp::inferReturnTypes(MLIRContext *, OptLoc location, Adaptor adaptor,
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
      value.convert(floatType.getFloatSemantics(),
                    APFloat::rmNearestTiesToEven, &losesInfo);
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
ShapeOp::inferReturnTypes(MLIRContext *context, OptLoc, Adaptor adaptor,
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
static LogicalResult inferReshapeSize(OptLoc loc, ArrayRef<int64_t> in,
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
ReshapeOp::inferReturnTypes(MLIRContext *, OptLoc location, Adaptor adaptor,
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
FlattenOp::inferReturnTypes(MLIRContext *, OptLoc location, Adaptor adaptor,
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
  inferredReturnTypes.push_back(RankedTensorType::get(
      {productOrDynamic(shape->take_front(axis)),
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
SqueezeOp::inferReturnTypes(MLIRContext *, OptLoc location, Adaptor adaptor,
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
UnsqueezeOp::inferReturnTypes(MLIRContext *, OptLoc location, Adaptor adaptor,
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
TransposeOp::inferReturnTypes(MLIRContext *, OptLoc location, Adaptor adaptor,
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
  return gatherElements(dense, type,
                        affineIndices(type.getShape(), 0, coeffs));
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

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

LogicalResult
ConcatOp::inferReturnTypes(MLIRContext *, OptLoc location, Adaptor adaptor,
                           SmallVectorImpl<Type> &inferredReturnTypes) {
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return emitOptionalError(location, "requires at least one operand");
  Type elementType = getElementType(inputs.front().getType());
  auto firstRanked = llvm::find_if(inputs, [](Value v) {
    return isa<RankedTensorType>(v.getType());
  });
  if (firstRanked == inputs.end()) {
    inferredReturnTypes.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  SmallVector<int64_t> result(*shapeOf((*firstRanked).getType()));
  int64_t rank = result.size();
  FailureOr<int64_t> axis = normalizeAxis(location, adaptor.getAxis(), rank);
  if (failed(axis))
    return failure();
  int64_t axisSize = 0;
  for (auto [i, input] : llvm::enumerate(inputs)) {
    auto shape = shapeOf(input.getType());
    if (!shape) {
      axisSize = kDynamic;
      continue;
    }
    if (static_cast<int64_t>(shape->size()) != rank)
      return emitOptionalError(location, "operand ", i, " has rank ",
                               shape->size(), ", expected ", rank);
    for (int64_t d = 0; d < rank; ++d) {
      if (d == *axis)
        continue;
      if (!compatibleSizes(result[d], (*shape)[d]))
        return emitOptionalError(location, "operand ", i, " has size ",
                                 (*shape)[d], " in dimension ", d,
                                 ", expected ", result[d]);
      result[d] = refineSize(result[d], (*shape)[d]);
    }
    int64_t size = (*shape)[*axis];
    axisSize = ShapedType::isDynamic(axisSize) || ShapedType::isDynamic(size)
                   ? kDynamic
                   : axisSize + size;
  }
  result[*axis] = axisSize;
  inferredReturnTypes.push_back(RankedTensorType::get(result, elementType));
  return success();
}

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1)
    return sameTypeOrNull(getInputs().front(), getType());
  RankedTensorType type = foldableType(getType(), kMaxCopiedElements);
  if (!type)
    return {};
  SmallVector<DenseElementsAttr> sources;
  for (Attribute attr : adaptor.getInputs()) {
    auto dense = dyn_cast_or_null<DenseElementsAttr>(attr);
    if (!dense)
      return {};
    sources.push_back(dense);
  }
  int64_t rank = type.getRank();
  auto axis = static_cast<int64_t>(getAxis());
  if (axis < 0)
    axis += rank;
  int64_t outer = productOrDynamic(type.getShape().take_front(axis));
  int64_t inner = productOrDynamic(type.getShape().drop_front(axis + 1));
  SmallVector<int64_t> indices;
  indices.reserve(type.getNumElements());
  for (int64_t o = 0; o < outer; ++o) {
    int64_t base = 0;
    for (DenseElementsAttr source : sources) {
      int64_t chunk = source.getType().getDimSize(axis) * inner;
      for (int64_t k = 0; k < chunk; ++k)
        indices.push_back(base + o * chunk + k);
      base += source.getNumElements();
    }
  }
  return gatherElements(sources, type, indices);
}

//===----------------------------------------------------------------------===//
// SplitOp
//===----------------------------------------------------------------------===//

LogicalResult
SplitOp::inferReturnTypes(MLIRContext *, OptLoc location, Adaptor adaptor,
                          SmallVectorImpl<Type> &inferredReturnTypes) {
  std::optional<ArrayRef<int64_t>> split = adaptor.getSplit();
  std::optional<uint64_t> numOutputs = adaptor.getNumOutputs();
  if (!split && !numOutputs)
    return emitOptionalError(location, "requires split or num_outputs");
  int64_t count = split ? split->size() : static_cast<int64_t>(*numOutputs);
  if (count < 1)
    return emitOptionalError(location,
                             "requires at least one output, got ", count);
  Type type = adaptor.getInput().getType();
  auto shape = shapeOf(type);
  if (!shape) {
    inferredReturnTypes.append(count, type);
    return success();
  }
  FailureOr<int64_t> axis =
      normalizeAxis(location, adaptor.getAxis(), shape->size());
  if (failed(axis))
    return failure();
  int64_t size = (*shape)[*axis];
  SmallVector<int64_t> sizes;
  if (split) {
    if (llvm::any_of(*split, [](int64_t s) { return s < 0; }))
      return emitOptionalError(location, "split sizes must not be negative, "
                                         "got [",
                               *split, "]");
    int64_t sum = std::accumulate(split->begin(), split->end(), int64_t(0));
    if (!ShapedType::isDynamic(size) && sum != size)
      return emitOptionalError(location, "split sizes sum to ", sum,
                               " but dimension ", *axis, " has size ", size);
    sizes.assign(split->begin(), split->end());
  } else if (ShapedType::isDynamic(size)) {
    sizes.assign(count, kDynamic);
  } else {
    int64_t piece = (size + count - 1) / count;
    int64_t last = size - piece * (count - 1);
    if (last < 0)
      return emitOptionalError(location, "cannot split size ", size, " into ",
                               count, " pieces of at most ", piece);
    sizes.assign(count - 1, piece);
    sizes.push_back(last);
  }
  for (int64_t s : sizes) {
    SmallVector<int64_t> result(*shape);
    result[*axis] = s;
    inferredReturnTypes.push_back(
        RankedTensorType::get(result, getElementType(type)));
  }
  return success();
}

LogicalResult SplitOp::verify() {
  if (getSplit() && getNumOutputs())
    return emitOpError("split and num_outputs are mutually exclusive");
  return success();
}

LogicalResult SplitOp::fold(FoldAdaptor adaptor,
                            SmallVectorImpl<OpFoldResult> &results) {
  if (getNumResults() == 1) {
    OpFoldResult same = sameTypeOrNull(getInput(), getResult(0).getType());
    if (!same)
      return failure();
    results.push_back(same);
    return success();
  }
  auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput());
  if (!dense)
    return failure();
  ArrayRef<int64_t> shape = dense.getType().getShape();
  auto axis = static_cast<int64_t>(getAxis());
  if (axis < 0)
    axis += shape.size();
  SmallVector<int64_t> strides = rowMajorStrides(shape);
  int64_t offset = 0;
  SmallVector<OpFoldResult> folded;
  for (Value result : getResults()) {
    RankedTensorType type = foldableType(result.getType(), kMaxCopiedElements);
    if (!type)
      return failure();
    folded.push_back(gatherElements(
        dense, type,
        affineIndices(type.getShape(), offset * strides[axis], strides)));
    offset += type.getDimSize(axis);
  }
  results.append(folded.begin(), folded.end());
  return success();
}

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

/// The first index and the size of a slice of a dimension of `size` from
/// `start` towards `end` by `step` (non-zero), with ONNX clamping.
static std::pair<int64_t, int64_t> sliceBounds(int64_t size, int64_t start,
                                               int64_t end, int64_t step) {
  if (size == 0)
    return {0, 0};
  if (start < 0)
    start += size;
  if (end < 0)
    end += size;
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, size);
    end = std::clamp<int64_t>(end, 0, size);
    return {start, end > start ? (end - start + step - 1) / step : 0};
  }
  start = std::clamp<int64_t>(start, 0, size - 1);
  end = std::clamp<int64_t>(end, -1, size - 1);
  return {start, start > end ? (start - end - step - 1) / -step : 0};
}

namespace {
/// What inference knows of a slice: the normalized axes and, per axis, the
/// constant bounds.
struct SliceInfo {
  std::optional<SmallVector<int64_t>> axes;
  std::optional<SmallVector<int64_t>> starts, ends, steps;
};
} // namespace

static FailureOr<SliceInfo> readSlice(OptLoc loc, SliceOp::Adaptor adaptor,
                                      std::optional<int64_t> rank) {
  FailureOr<IntList> starts = readIntList(loc, adaptor.getStarts(), "starts");
  FailureOr<IntList> ends = readIntList(loc, adaptor.getEnds(), "ends");
  FailureOr<IntList> steps = IntList();
  if (adaptor.getSteps())
    steps = readIntList(loc, adaptor.getSteps(), "steps");
  if (failed(starts) || failed(ends) || failed(steps))
    return failure();
  std::optional<int64_t> length;
  std::optional<ArrayRef<int64_t>> axes = adaptor.getAxes();
  if (axes)
    length = axes->size();
  for (auto [name, list] : {std::pair<StringRef, IntList *>{"starts", &*starts},
                            {"ends", &*ends},
                            {"steps", &*steps}}) {
    if (!list->length)
      continue;
    if (length && *length != *list->length)
      return emitOptionalError(loc, name, " has ", *list->length,
                               " entries, expected ", *length,
                               " (axes, starts, ends and steps have equal "
                               "lengths)");
    length = list->length;
  }
  if (steps->values && llvm::is_contained(*steps->values, 0))
    return emitOptionalError(loc, "steps must not be zero");
  SliceInfo info;
  if (!rank) {
    // Unranked data: the operands are checked, the axes cannot be.
  } else if (axes) {
    FailureOr<SmallVector<int64_t>> normalized =
        normalizeAxes(loc, *axes, *rank);
    if (failed(normalized))
      return failure();
    info.axes = std::move(*normalized);
  } else if (length) {
    if (*length > *rank)
      return emitOptionalError(loc, "slices ", *length,
                               " axes of an input of rank ", *rank);
    info.axes = iota(*length);
  }
  info.starts = starts->values;
  info.ends = ends->values;
  info.steps = adaptor.getSteps()
                   ? steps->values
                   : SmallVector<int64_t>(info.axes ? info.axes->size() : 0, 1);
  return info;
}

LogicalResult
SliceOp::inferReturnTypes(MLIRContext *, OptLoc location, Adaptor adaptor,
                          SmallVectorImpl<Type> &inferredReturnTypes) {
  Type type = adaptor.getData().getType();
  auto shape = shapeOf(type);
  FailureOr<SliceInfo> info = readSlice(
      location, adaptor,
      shape ? std::optional<int64_t>(shape->size()) : std::nullopt);
  if (failed(info))
    return failure();
  if (!shape) {
    inferredReturnTypes.push_back(type);
    return success();
  }
  SmallVector<int64_t> result(*shape);
  if (!info->axes) {
    result = dynamicShape(shape->size());
  } else {
    bool known = info->starts && info->ends && info->steps;
    for (auto [k, axis] : llvm::enumerate(*info->axes)) {
      int64_t size = result[axis];
      result[axis] =
          known && !ShapedType::isDynamic(size)
              ? sliceBounds(size, (*info->starts)[k], (*info->ends)[k],
                            (*info->steps)[k])
                    .second
              : kDynamic;
    }
  }
  inferredReturnTypes.push_back(
      RankedTensorType::get(result, getElementType(type)));
  return success();
}

LogicalResult SliceOp::verify() {
  Type indexType = getElementType(getStarts().getType());
  if (getElementType(getEnds().getType()) != indexType ||
      (getSteps() && getElementType(getSteps().getType()) != indexType))
    return emitOpError("starts, ends and steps must have the same element "
                       "type");
  return success();
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  auto dataType = dyn_cast<RankedTensorType>(getData().getType());
  if (!dataType || !dataType.hasStaticShape())
    return {};
  FailureOr<SliceInfo> info =
      readSlice(std::nullopt, Adaptor(*this), dataType.getRank());
  if (failed(info) || !info->axes || !info->starts || !info->ends ||
      !info->steps)
    return {};
  ArrayRef<int64_t> shape = dataType.getShape();
  SmallVector<int64_t> strides = rowMajorStrides(shape), coeffs(strides);
  int64_t base = 0;
  bool identity = true;
  for (auto [k, axis] : llvm::enumerate(*info->axes)) {
    int64_t step = (*info->steps)[k];
    auto [start, size] = sliceBounds(shape[axis], (*info->starts)[k],
                                     (*info->ends)[k], step);
    identity &= start == 0 && step == 1 && size == shape[axis];
    base += start * strides[axis];
    coeffs[axis] = step * strides[axis];
  }
  if (identity)
    return sameTypeOrNull(getData(), getType());
  auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getData());
  RankedTensorType type = foldableType(getType(), kMaxCopiedElements);
  if (!dense || !type)
    return {};
  return gatherElements(dense, type,
                        affineIndices(type.getShape(), base, coeffs));
}

//===----------------------------------------------------------------------===//
// PadOp
//===----------------------------------------------------------------------===//

LogicalResult
PadOp::inferReturnTypes(MLIRContext *, OptLoc location, Adaptor adaptor,
                        SmallVectorImpl<Type> &inferredReturnTypes) {
  Type type = adaptor.getData().getType();
  FailureOr<IntList> pads = readIntList(location, adaptor.getPads(), "pads");
  if (failed(pads))
    return failure();
  std::optional<ArrayRef<int64_t>> axesAttr = adaptor.getAxes();
  auto shape = shapeOf(type);
  if (!shape) {
    // Without axes, pads gives the rank.
    if (axesAttr || !pads->length || *pads->length % 2 != 0) {
      inferredReturnTypes.push_back(type);
    } else {
      inferredReturnTypes.push_back(RankedTensorType::get(
          dynamicShape(*pads->length / 2), getElementType(type)));
    }
    return success();
  }
  SmallVector<int64_t> axes = iota(shape->size());
  if (axesAttr) {
    FailureOr<SmallVector<int64_t>> normalized =
        normalizeAxes(location, *axesAttr, shape->size());
    if (failed(normalized))
      return failure();
    axes = std::move(*normalized);
  }
  int64_t n = axes.size();
  if (pads->length && *pads->length != 2 * n)
    return emitOptionalError(location, "pads has ", *pads->length,
                             " entries, expected ", 2 * n,
                             " (two per padded axis)");
  SmallVector<int64_t> result(*shape);
  for (auto [k, axis] : llvm::enumerate(axes)) {
    int64_t size = result[axis];
    if (!pads->values || ShapedType::isDynamic(size)) {
      result[axis] = kDynamic;
      continue;
    }
    int64_t before = (*pads->values)[k], after = (*pads->values)[k + n];
    result[axis] = size + before + after;
    if (result[axis] < 0)
      return emitOptionalError(location, "padding dimension ", axis,
                               " of size ", size, " by (", before, ", ", after,
                               ") gives a negative size");
  }
  inferredReturnTypes.push_back(
      RankedTensorType::get(result, getElementType(type)));
  return success();
}

LogicalResult PadOp::verify() {
  StringRef mode = getMode();
  if (mode != "constant" && mode != "reflect" && mode != "edge" &&
      mode != "wrap")
    return emitOpError("mode must be \"constant\", \"reflect\", \"edge\" or "
                       "\"wrap\", got \"")
           << mode << "\"";
  if (Value value = getConstantValue()) {
    auto type = cast<ShapedType>(value.getType());
    if (type.getElementType() != getElementType(getData().getType()))
      return emitOpError("constant_value element type ")
             << type.getElementType() << " differs from the data's "
             << getElementType(getData().getType());
    if (type.hasRank() && (type.getRank() > 1 || (type.hasStaticShape() &&
                                                  type.getNumElements() != 1)))
      return emitOpError("constant_value must be a scalar (rank 0, or rank 1 "
                         "with one element), got ")
             << type;
  }
  return success();
}

OpFoldResult PadOp::fold(FoldAdaptor) {
  std::optional<SmallVector<int64_t>> pads = getConstantInts(getPads());
  if (pads && llvm::all_of(*pads, [](int64_t p) { return p == 0; }))
    return sameTypeOrNull(getData(), getType());
  return {};
}

//===----------------------------------------------------------------------===//
// ExpandOp, TileOp
//===----------------------------------------------------------------------===//

LogicalResult
ExpandOp::inferReturnTypes(MLIRContext *, OptLoc location, Adaptor adaptor,
                           SmallVectorImpl<Type> &inferredReturnTypes) {
  Type type = adaptor.getInput().getType();
  FailureOr<IntList> list = readIntList(location, adaptor.getShape(), "shape");
  if (failed(list))
    return failure();
  auto shape = shapeOf(type);
  if (list->values && llvm::any_of(*list->values, [](int64_t s) {
        return s < 0;
      }))
    return emitOptionalError(location, "shape must not be negative, got [",
                             *list->values, "]");
  if (!shape || !list->length) {
    inferredReturnTypes.push_back(
        UnrankedTensorType::get(getElementType(type)));
    return success();
  }
  if (list->values) {
    FailureOr<SmallVector<int64_t>> result =
        broadcastShapes(location, *shape, *list->values);
    if (failed(result))
      return failure();
    inferredReturnTypes.push_back(
        RankedTensorType::get(*result, getElementType(type)));
    return success();
  }
  // Unknown target sizes: an input size other than 1 survives broadcasting.
  int64_t rank = std::max<int64_t>(shape->size(), *list->length);
  SmallVector<int64_t> result = dynamicShape(rank);
  for (auto [i, size] : llvm::enumerate(*shape))
    if (size != 1 && !ShapedType::isDynamic(size))
      result[rank - shape->size() + i] = size;
  inferredReturnTypes.push_back(
      RankedTensorType::get(result, getElementType(type)));
  return success();
}

OpFoldResult ExpandOp::fold(FoldAdaptor) {
  if (auto type = dyn_cast<RankedTensorType>(getType());
      type && type.hasStaticShape())
    return sameTypeOrNull(getInput(), type);
  return {};
}

LogicalResult
TileOp::inferReturnTypes(MLIRContext *, OptLoc location, Adaptor adaptor,
                         SmallVectorImpl<Type> &inferredReturnTypes) {
  Type type = adaptor.getInput().getType();
  FailureOr<IntList> repeats =
      readIntList(location, adaptor.getRepeats(), "repeats");
  if (failed(repeats))
    return failure();
  if (repeats->values && llvm::any_of(*repeats->values, [](int64_t r) {
        return r < 0;
      }))
    return emitOptionalError(location, "repeats must not be negative, got [",
                             *repeats->values, "]");
  auto shape = shapeOf(type);
  if (!shape) {
    if (!repeats->length) {
      inferredReturnTypes.push_back(type);
    } else {
      inferredReturnTypes.push_back(RankedTensorType::get(
          dynamicShape(*repeats->length), getElementType(type)));
    }
    return success();
  }
  if (repeats->length &&
      *repeats->length != static_cast<int64_t>(shape->size()))
    return emitOptionalError(location, "repeats has ", *repeats->length,
                             " entries for an input of rank ", shape->size());
  SmallVector<int64_t> result(*shape);
  for (auto [i, size] : llvm::enumerate(result)) {
    if (size == 0)
      continue;
    if (!repeats->values || ShapedType::isDynamic(size))
      size = repeats->values && (*repeats->values)[i] == 0 ? 0 : kDynamic;
    else
      size *= (*repeats->values)[i];
  }
  inferredReturnTypes.push_back(
      RankedTensorType::get(result, getElementType(type)));
  return success();
}

OpFoldResult TileOp::fold(FoldAdaptor) {
  std::optional<SmallVector<int64_t>> repeats = getConstantInts(getRepeats());
  if (repeats && llvm::all_of(*repeats, [](int64_t r) { return r == 1; }))
    return sameTypeOrNull(getInput(), getType());
  return {};
}
