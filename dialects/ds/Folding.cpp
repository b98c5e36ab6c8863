//===- Folding.cpp - Constant-folding helpers for ds ops --------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/Folding.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using llvm::APFloat;
using llvm::APInt;

namespace ds {

static bool isFoldableResult(Type type) {
  auto shaped = dyn_cast<RankedTensorType>(type);
  return shaped && shaped.hasStaticShape() &&
         shaped.getNumElements() <= kMaxFoldedElements;
}

Attribute foldUnary(Attribute operand, Type resultType, FloatFn floatFn,
                    IntFn intFn) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(operand);
  if (!dense || !isFoldableResult(resultType))
    return {};
  auto type = cast<RankedTensorType>(resultType);
  if (type.getShape() != dense.getType().getShape() ||
      type.getElementType() != dense.getElementType())
    return {};
  if (isa<FloatType>(type.getElementType())) {
    if (!floatFn)
      return {};
    SmallVector<APFloat> values;
    if (dense.isSplat()) {
      std::optional<APFloat> v = floatFn(dense.getSplatValue<APFloat>());
      if (!v)
        return {};
      return DenseElementsAttr::get(type, *v);
    }
    for (const APFloat &x : dense.getValues<APFloat>()) {
      std::optional<APFloat> v = floatFn(x);
      if (!v)
        return {};
      values.push_back(*v);
    }
    return DenseElementsAttr::get(type, values);
  }
  if (!intFn)
    return {};
  bool isUnsigned = type.getElementType().isUnsignedInteger();
  if (dense.isSplat()) {
    std::optional<APInt> v = intFn(dense.getSplatValue<APInt>(), isUnsigned);
    if (!v)
      return {};
    return DenseElementsAttr::get(type, *v);
  }
  SmallVector<APInt> values;
  for (const APInt &x : dense.getValues<APInt>()) {
    std::optional<APInt> v = intFn(x, isUnsigned);
    if (!v)
      return {};
    values.push_back(*v);
  }
  return DenseElementsAttr::get(type, values);
}

Attribute foldFloatMath(Attribute operand, Type resultType,
                        double (*fn)(double)) {
  return foldUnary(
      operand, resultType,
      [&](const APFloat &x) -> std::optional<APFloat> {
        APFloat result(fn(x.convertToDouble()));
        bool losesInfo = false;
        result.convert(x.getSemantics(), APFloat::rmNearestTiesToEven,
                       &losesInfo);
        return result;
      },
      nullptr);
}

/// Row-major strides of `shape` aligned to a result of rank `rank`, with 0
/// for broadcast dimensions.
static SmallVector<int64_t> broadcastStrides(ArrayRef<int64_t> shape,
                                             int64_t rank) {
  SmallVector<int64_t> strides(rank, 0);
  int64_t stride = 1;
  for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) {
    int64_t r = rank - static_cast<int64_t>(shape.size()) + i;
    strides[r] = shape[i] == 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

template <typename T, typename Fn>
static Attribute foldBinaryImpl(DenseElementsAttr a, DenseElementsAttr b,
                                RankedTensorType type, Fn fn) {
  ArrayRef<int64_t> shape = type.getShape();
  int64_t rank = type.getRank();
  SmallVector<int64_t> sa = broadcastStrides(a.getType().getShape(), rank);
  SmallVector<int64_t> sb = broadcastStrides(b.getType().getShape(), rank);
  auto av = a.getValues<T>(), bv = b.getValues<T>();
  SmallVector<T> values;
  values.reserve(type.getNumElements());
  SmallVector<int64_t> index(rank, 0);
  for (int64_t n = 0, e = type.getNumElements(); n < e; ++n) {
    int64_t ia = 0, ib = 0;
    for (int64_t d = 0; d < rank; ++d) {
      ia += index[d] * sa[d];
      ib += index[d] * sb[d];
    }
    std::optional<T> v = fn(av[a.isSplat() ? 0 : ia], bv[b.isSplat() ? 0 : ib]);
    if (!v)
      return {};
    values.push_back(*v);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return DenseElementsAttr::get(type, values);
}

Attribute foldBinary(Attribute lhs, Attribute rhs, Type resultType,
                     FloatFn2 floatFn, IntFn2 intFn) {
  auto a = dyn_cast_or_null<DenseElementsAttr>(lhs);
  auto b = dyn_cast_or_null<DenseElementsAttr>(rhs);
  if (!a || !b || !isFoldableResult(resultType))
    return {};
  auto type = cast<RankedTensorType>(resultType);
  Type elementType = type.getElementType();
  if (a.getElementType() != elementType || b.getElementType() != elementType)
    return {};
  if (isa<FloatType>(elementType)) {
    if (!floatFn)
      return {};
    return foldBinaryImpl<APFloat>(a, b, type, floatFn);
  }
  if (!intFn)
    return {};
  bool isUnsigned = elementType.isUnsignedInteger();
  return foldBinaryImpl<APInt>(a, b, type, [&](const APInt &x, const APInt &y) {
    return intFn(x, y, isUnsigned);
  });
}

bool isSplatOf(Attribute attr, double value) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(attr);
  if (!dense || !dense.isSplat())
    return false;
  if (isa<FloatType>(dense.getElementType()))
    return dense.getSplatValue<APFloat>().convertToDouble() == value;
  if (isa<IntegerType>(dense.getElementType())) {
    APInt v = dense.getSplatValue<APInt>();
    if (dense.getElementType().isUnsignedInteger() ||
        dense.getElementType().isInteger(1))
      return static_cast<double>(v.getZExtValue()) == value;
    return static_cast<double>(v.getSExtValue()) == value;
  }
  return false;
}

namespace combine {
std::optional<APFloat> addF(const APFloat &a, const APFloat &b) {
  return a + b;
}
std::optional<APInt> addI(const APInt &a, const APInt &b, bool) {
  return a + b;
}
std::optional<APFloat> mulF(const APFloat &a, const APFloat &b) {
  return a * b;
}
std::optional<APInt> mulI(const APInt &a, const APInt &b, bool) {
  return a * b;
}
std::optional<APFloat> maxF(const APFloat &a, const APFloat &b) {
  return llvm::maximum(a, b);
}
std::optional<APInt> maxI(const APInt &a, const APInt &b, bool isUnsigned) {
  return isUnsigned ? llvm::APIntOps::umax(a, b) : llvm::APIntOps::smax(a, b);
}
std::optional<APFloat> minF(const APFloat &a, const APFloat &b) {
  return llvm::minimum(a, b);
}
std::optional<APInt> minI(const APInt &a, const APInt &b, bool isUnsigned) {
  return isUnsigned ? llvm::APIntOps::umin(a, b) : llvm::APIntOps::smin(a, b);
}
} // namespace combine

} // namespace ds
