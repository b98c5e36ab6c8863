//===- TensorOpsHelpers.h - Shared by the Tensor family sources -*- C++ -*-===//
//
// Part of ds. Internal to TensorOps.cpp and TensorSlicingOps.cpp: reading
// 1-D integer operands, and the element gathering their folders share.
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_TENSOROPSHELPERS_H
#define DS_DIALECTS_DS_TENSOROPSHELPERS_H

#include "dialects/ds/Folding.h"
#include "dialects/ds/ShapeInference.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"

#include <numeric>

namespace ds::tensor_detail {
using namespace mlir;
using llvm::APFloat;
using llvm::APInt;

/// Largest number of elements a fold copies one by one (transpose, slice,
/// concat, split); reshaping folds share the buffer and use the larger
/// kMaxFoldedElements.
inline constexpr int64_t kMaxCopiedElements = int64_t(1) << 16;

/// What is known of a 1-D integer operand such as a shape, pads, repeats or
/// slice bounds: its values when constant, else its static length.
struct IntList {
  std::optional<SmallVector<int64_t>> values;
  std::optional<int64_t> length; // Set whenever `values` is.
};

inline FailureOr<IntList> readIntList(ErrorSink loc, Value value,
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

inline std::optional<ArrayRef<int64_t>> shapeOf(Type type) {
  if (auto ranked = dyn_cast<RankedTensorType>(type))
    return ranked.getShape();
  return std::nullopt;
}

inline SmallVector<int64_t> dynamicShape(int64_t rank) {
  return SmallVector<int64_t>(rank, kDynamic);
}

/// A tensor of `rank` unknown sizes, or unranked when the rank is unknown.
inline TensorType dynamicTensor(std::optional<int64_t> rank, Type elementType) {
  if (!rank)
    return UnrankedTensorType::get(elementType);
  return RankedTensorType::get(dynamicShape(*rank), elementType);
}

inline SmallVector<int64_t> iota(int64_t n) {
  SmallVector<int64_t> result(n);
  std::iota(result.begin(), result.end(), 0);
  return result;
}

/// The result type of a fold that creates a new attribute: the op's type
/// when it is static and not larger than `limit`, else null.
inline RankedTensorType foldableType(Type type,
                                     int64_t limit = kMaxFoldedElements) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape() || ranked.getNumElements() > limit)
    return nullptr;
  return ranked;
}

inline SmallVector<int64_t> rowMajorStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// The source indices `base + sum_i j_i * coeffs[i]` of every multi-index
/// `j` of `shape`, in row-major order.
inline SmallVector<int64_t> affineIndices(ArrayRef<int64_t> shape, int64_t base,
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
inline DenseElementsAttr gatherAs(ArrayRef<DenseElementsAttr> sources,
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
inline DenseElementsAttr gatherElements(ArrayRef<DenseElementsAttr> sources,
                                        RankedTensorType type,
                                        ArrayRef<int64_t> indices) {
  if (DenseElementsAttr source = sources.front();
      sources.size() == 1 && source.isSplat())
    return source.resizeSplat(type);
  if (isa<FloatType>(type.getElementType()))
    return gatherAs<APFloat>(sources, type, indices);
  return gatherAs<APInt>(sources, type, indices);
}

} // namespace ds::tensor_detail

#endif // DS_DIALECTS_DS_TENSOROPSHELPERS_H
