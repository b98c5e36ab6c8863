//===- ShapeInference.cpp - Helpers for result-type inference ---*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ShapeInference.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;

namespace ds {

TensorType makeTensorType(std::optional<ArrayRef<int64_t>> shape,
                          Type elementType) {
  if (!shape)
    return UnrankedTensorType::get(elementType);
  return RankedTensorType::get(*shape, elementType);
}

TensorType withElementType(Type type, Type elementType) {
  return cast<TensorType>(type).clone(elementType);
}

Type getElementType(Type type) {
  return cast<ShapedType>(type).getElementType();
}

FailureOr<SmallVector<int64_t>>
broadcastShapes(ErrorSink sink, ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t x = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t y = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (x == 1) {
      result[i] = y;
    } else if (y == 1) {
      result[i] = x;
    } else if (ShapedType::isDynamic(x)) {
      result[i] = y;
    } else if (ShapedType::isDynamic(y) || x == y) {
      result[i] = x;
    } else {
      return emitOptionalError(sink, "operands are not broadcastable: size ", x,
                               " vs ", y, " in result dimension ", i);
    }
  }
  return result;
}

LogicalResult inferBroadcast(ErrorSink sink, TypeRange operandTypes,
                             Type elementType, SmallVectorImpl<Type> &results) {
  if (!elementType)
    elementType = getElementType(operandTypes.front());
  SmallVector<int64_t> shape;
  for (Type type : operandTypes) {
    auto ranked = dyn_cast<RankedTensorType>(type);
    if (!ranked) {
      results.push_back(UnrankedTensorType::get(elementType));
      return success();
    }
    FailureOr<SmallVector<int64_t>> next =
        broadcastShapes(sink, shape, ranked.getShape());
    if (failed(next))
      return failure();
    shape = std::move(*next);
  }
  results.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

FailureOr<int64_t> normalizeAxis(ErrorSink sink, int64_t axis, int64_t rank,
                                 StringRef what) {
  if (axis < -rank || axis >= rank)
    return emitOptionalError(sink, what, " ", axis,
                             " is out of range for rank ", rank,
                             " (expected in [", -rank, ", ", rank, "))");
  return axis < 0 ? axis + rank : axis;
}

FailureOr<SmallVector<int64_t>> normalizeAxes(ErrorSink sink,
                                              ArrayRef<int64_t> axes,
                                              int64_t rank, StringRef what) {
  SmallVector<int64_t> result;
  llvm::SmallSet<int64_t, 8> seen;
  for (int64_t axis : axes) {
    FailureOr<int64_t> normalized = normalizeAxis(sink, axis, rank, what);
    if (failed(normalized))
      return failure();
    if (!seen.insert(*normalized).second)
      return emitOptionalError(sink, what, " contain axis ", axis, " twice");
    result.push_back(*normalized);
  }
  return result;
}

std::optional<SmallVector<int64_t>> getConstantInts(Value value) {
  DenseIntElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return toInts(attr);
}

SmallVector<int64_t> toInts(DenseIntElementsAttr attr) {
  SmallVector<int64_t> result;
  result.reserve(attr.getNumElements());
  bool isUnsigned = attr.getElementType().isUnsignedInteger();
  for (const APInt &v : attr.getValues<APInt>())
    result.push_back(isUnsigned ? static_cast<int64_t>(v.getZExtValue())
                                : v.getSExtValue());
  return result;
}

std::optional<SmallVector<double>> getConstantFloats(Value value) {
  DenseFPElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<double> result;
  result.reserve(attr.getNumElements());
  for (const APFloat &v : attr.getValues<APFloat>())
    result.push_back(v.convertToDouble());
  return result;
}

LogicalResult readSpatialList(ErrorSink report, StringRef name,
                              std::optional<ArrayRef<int64_t>> list, size_t n,
                              size_t perDim, int64_t min, int64_t fill,
                              SmallVectorImpl<int64_t> &out) {
  if (!list) {
    out.assign(n * perDim, fill);
    return success();
  }
  if (list->size() != n * perDim)
    return emitOptionalError(report, name, " must have ", n * perDim,
                             " values for ", n, " spatial dimensions, got ",
                             list->size());
  for (int64_t value : *list)
    if (value < min)
      return emitOptionalError(report, name, " must be ",
                               min > 0 ? "positive" : "non-negative", ", got ",
                               value);
  out.assign(list->begin(), list->end());
  return success();
}

int64_t productOrDynamic(ArrayRef<int64_t> sizes) {
  int64_t product = 1;
  for (int64_t size : sizes) {
    if (ShapedType::isDynamic(size))
      return kDynamic;
    product *= size;
  }
  return product;
}

} // namespace ds
