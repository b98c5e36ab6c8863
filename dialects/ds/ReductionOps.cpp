//===- ReductionOps.cpp - Reduction ds ops ----------------------*- C++ -*-===//
//
// Part of ds. Result-type inference, verifiers and folders of the reductions
// over axes, ArgMax/ArgMin and TopK. Every reduction derives its result shape
// from inferReducedType.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ReductionOps.h"

#include "dialects/ds/Folding.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace ds;
using llvm::APFloat;
using llvm::APInt;

#define GET_OP_CLASSES
#include "dialects/ds/ReductionOps.cpp.inc"

void DSDialect::registerReductionOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/ReductionOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

/// The mask of the axes of a rank-`rank` tensor that `axes` reduces
/// (std::nullopt: every axis). Fails, reporting on `loc`, on an axis out of
/// range or repeated.
static FailureOr<llvm::SmallBitVector>
getReducedAxes(ErrorSink loc, int64_t rank,
               std::optional<ArrayRef<int64_t>> axes) {
  llvm::SmallBitVector mask(rank, !axes.has_value());
  if (!axes)
    return mask;
  FailureOr<SmallVector<int64_t>> normalized = normalizeAxes(loc, *axes, rank);
  if (failed(normalized))
    return failure();
  for (int64_t axis : *normalized)
    mask.set(axis);
  return mask;
}

/// The type of `inputType` reduced over `axes` (std::nullopt: every axis, or
/// none when `noopWithEmptyAxes`), with `elementType`. Reduced axes become 1
/// with `keepdims` and disappear without it. An unranked input gives an
/// unranked result unless every axis is removed (a rank-0 result).
static FailureOr<Type> inferReducedType(ErrorSink loc, Type inputType,
                                        std::optional<ArrayRef<int64_t>> axes,
                                        bool keepdims, bool noopWithEmptyAxes,
                                        Type elementType) {
  if (!axes && noopWithEmptyAxes)
    return Type(withElementType(inputType, elementType));
  auto ranked = dyn_cast<RankedTensorType>(inputType);
  if (!ranked) {
    if (!axes && !keepdims)
      return Type(RankedTensorType::get({}, elementType));
    return Type(UnrankedTensorType::get(elementType));
  }
  FailureOr<llvm::SmallBitVector> mask =
      getReducedAxes(loc, ranked.getRank(), axes);
  if (failed(mask))
    return failure();
  SmallVector<int64_t> shape;
  for (auto [i, size] : llvm::enumerate(ranked.getShape())) {
    if (!(*mask)[i])
      shape.push_back(size);
    else if (keepdims)
      shape.push_back(1);
  }
  return Type(RankedTensorType::get(shape, elementType));
}

/// Checks `axis` against `rank` with an op diagnostic naming `what`.
static LogicalResult verifyAxisInRange(Operation *op, int64_t axis,
                                       int64_t rank, StringRef what) {
  if (axis < -rank || axis >= rank)
    return op->emitOpError()
           << what << " " << axis << " is out of range for rank " << rank
           << " (expected in [" << -rank << ", " << rank << "))";
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions over axes
//===----------------------------------------------------------------------===//

/// The constraints shared by every reduction over `axes`.
static LogicalResult verifyReduction(Operation *op, Type dataType,
                                     std::optional<ArrayRef<int64_t>> axes) {
  if (!axes)
    return success();
  if (axes->empty())
    return op->emitOpError("axes must be non-empty when present (omit it to "
                           "reduce every axis)");
  auto ranked = dyn_cast<RankedTensorType>(dataType);
  if (!ranked)
    return success();
  llvm::SmallBitVector seen(ranked.getRank());
  for (int64_t axis : *axes) {
    if (failed(verifyAxisInRange(op, axis, ranked.getRank(), "axis")))
      return failure();
    int64_t normalized = axis < 0 ? axis + ranked.getRank() : axis;
    if (seen.test(normalized))
      return op->emitOpError("axes contain axis ") << axis << " twice";
    seen.set(normalized);
  }
  return success();
}

/// Folds a reduction that leaves its input unchanged: without axes and with
/// `noop_with_empty_axes`, or (when `unitAxesFold`) over only axes of size 1
/// with `keepdims`.
template <typename OpTy>
static OpFoldResult foldIdentityReduction(OpTy op, bool unitAxesFold) {
  Value data = op.getData();
  if (data.getType() != op.getType())
    return {};
  if (!op.getAxes() && op.getNoopWithEmptyAxes())
    return data;
  auto ranked = dyn_cast<RankedTensorType>(data.getType());
  if (!unitAxesFold || !op.getKeepdims() || !ranked)
    return {};
  FailureOr<llvm::SmallBitVector> mask =
      getReducedAxes(std::nullopt, ranked.getRank(), op.getAxes());
  if (failed(mask))
    return {};
  for (int64_t axis : mask->set_bits())
    if (ranked.getDimSize(axis) != 1)
      return {};
  return data;
}

/// Reduces the dense constant `data` over the axes in `mask` into the static
/// `resultType`, combining the elements of each output position in order
/// with `floatFn` or `intFn`. Null if `data` is not a dense constant, is
/// empty, or either side is too large.
static Attribute foldConstantReduction(Attribute data, Type resultType,
                                       const llvm::SmallBitVector &mask,
                                       FloatFn2 floatFn, IntFn2 intFn) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(data);
  auto result = dyn_cast<RankedTensorType>(resultType);
  if (!dense || !result || !result.hasStaticShape() ||
      dense.getNumElements() == 0 ||
      dense.getNumElements() > kMaxFoldedElements)
    return {};
  ArrayRef<int64_t> shape = dense.getType().getShape();
  // Strides into the output for each input axis (0 along reduced axes).
  SmallVector<int64_t> outStrides(shape.size(), 0);
  int64_t stride = 1;
  for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) {
    if (mask[i])
      continue;
    outStrides[i] = stride;
    stride *= shape[i];
  }
  if (stride != result.getNumElements())
    return {};

  // Visits the input in row-major order with the output index of each element.
  auto forEachElement = [&](auto &&visit) {
    SmallVector<int64_t> index(shape.size(), 0);
    int64_t out = 0;
    for (int64_t n = 0, e = dense.getNumElements(); n < e; ++n) {
      visit(n, out);
      for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) {
        out += outStrides[i];
        if (++index[i] < shape[i])
          break;
        out -= outStrides[i] * shape[i];
        index[i] = 0;
      }
    }
  };

  if (isa<FloatType>(dense.getElementType())) {
    auto values = llvm::to_vector(dense.getValues<APFloat>());
    SmallVector<std::optional<APFloat>> acc(stride);
    bool ok = true;
    forEachElement([&](int64_t n, int64_t out) {
      if (!ok)
        return;
      if (!acc[out]) {
        acc[out] = values[n];
        return;
      }
      std::optional<APFloat> next = floatFn(*acc[out], values[n]);
      ok = next.has_value();
      if (ok)
        acc[out] = *next;
    });
    if (!ok)
      return {};
    SmallVector<APFloat> out;
    for (std::optional<APFloat> &v : acc)
      out.push_back(*v);
    return DenseElementsAttr::get(result, out);
  }

  bool isUnsigned = dense.getElementType().isUnsignedInteger();
  auto values = llvm::to_vector(dense.getValues<APInt>());
  SmallVector<std::optional<APInt>> acc(stride);
  bool ok = true;
  forEachElement([&](int64_t n, int64_t out) {
    if (!ok)
      return;
    if (!acc[out]) {
      acc[out] = values[n];
      return;
    }
    std::optional<APInt> next = intFn(*acc[out], values[n], isUnsigned);
    ok = next.has_value();
    if (ok)
      acc[out] = *next;
  });
  if (!ok)
    return {};
  SmallVector<APInt> out;
  for (std::optional<APInt> &v : acc)
    out.push_back(*v);
  return DenseElementsAttr::get(result, out);
}

/// Constant-folds `op` with the given combiners.
template <typename OpTy>
static OpFoldResult foldReductionOfConstant(OpTy op, Attribute data,
                                            FloatFn2 floatFn, IntFn2 intFn) {
  auto ranked = dyn_cast<RankedTensorType>(op.getData().getType());
  if (!data || !ranked)
    return {};
  FailureOr<llvm::SmallBitVector> mask =
      getReducedAxes(std::nullopt, ranked.getRank(), op.getAxes());
  if (failed(mask))
    return {};
  return foldConstantReduction(data, op.getType(), *mask, floatFn, intFn);
}

#define DS_REDUCTION_COMMON(OP)                                                \
  LogicalResult OP::inferReturnTypes(MLIRContext *, ErrorSink location,        \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &inferred) {        \
    Type input = adaptor.getData().getType();                                  \
    FailureOr<Type> type = inferReducedType(                                   \
        location, input, adaptor.getAxes(), adaptor.getKeepdims(),             \
        adaptor.getNoopWithEmptyAxes(), getElementType(input));                \
    if (failed(type))                                                          \
      return failure();                                                        \
    inferred.push_back(*type);                                                 \
    return success();                                                          \
  }                                                                            \
  LogicalResult OP::verify() {                                                 \
    return verifyReduction(*this, getData().getType(), getAxes());             \
  }
DS_REDUCTION_COMMON(ReduceSumOp)
DS_REDUCTION_COMMON(ReduceMeanOp)
DS_REDUCTION_COMMON(ReduceMaxOp)
DS_REDUCTION_COMMON(ReduceMinOp)
DS_REDUCTION_COMMON(ReduceProdOp)
DS_REDUCTION_COMMON(ReduceL1Op)
DS_REDUCTION_COMMON(ReduceL2Op)
DS_REDUCTION_COMMON(ReduceLogSumOp)
DS_REDUCTION_COMMON(ReduceLogSumExpOp)
DS_REDUCTION_COMMON(ReduceSumSquareOp)
#undef DS_REDUCTION_COMMON

OpFoldResult ReduceSumOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult identity = foldIdentityReduction(*this, true))
    return identity;
  return foldReductionOfConstant(*this, adaptor.getData(), combine::addF,
                                 combine::addI);
}

OpFoldResult ReduceProdOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult identity = foldIdentityReduction(*this, true))
    return identity;
  return foldReductionOfConstant(*this, adaptor.getData(), combine::mulF,
                                 combine::mulI);
}

OpFoldResult ReduceMaxOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult identity = foldIdentityReduction(*this, true))
    return identity;
  return foldReductionOfConstant(*this, adaptor.getData(), combine::maxF,
                                 combine::maxI);
}

OpFoldResult ReduceMinOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult identity = foldIdentityReduction(*this, true))
    return identity;
  return foldReductionOfConstant(*this, adaptor.getData(), combine::minF,
                                 combine::minI);
}

OpFoldResult ReduceMeanOp::fold(FoldAdaptor) {
  return foldIdentityReduction(*this, true);
}

#define DS_REDUCTION_NOOP_FOLD(OP)                                             \
  OpFoldResult OP::fold(FoldAdaptor) {                                         \
    return foldIdentityReduction(*this, false);                                \
  }
DS_REDUCTION_NOOP_FOLD(ReduceL1Op)
DS_REDUCTION_NOOP_FOLD(ReduceL2Op)
DS_REDUCTION_NOOP_FOLD(ReduceLogSumOp)
DS_REDUCTION_NOOP_FOLD(ReduceLogSumExpOp)
DS_REDUCTION_NOOP_FOLD(ReduceSumSquareOp)
#undef DS_REDUCTION_NOOP_FOLD

//===----------------------------------------------------------------------===//
// ArgMax, ArgMin
//===----------------------------------------------------------------------===//

/// An arg reduction over an axis of size 1 is a constant 0.
template <typename OpTy> static OpFoldResult foldArgReduction(OpTy op) {
  auto data = dyn_cast<RankedTensorType>(op.getData().getType());
  auto result = dyn_cast<RankedTensorType>(op.getType());
  if (!data || !result || !result.hasStaticShape())
    return {};
  FailureOr<int64_t> axis =
      normalizeAxis(std::nullopt, op.getAxis(), data.getRank());
  if (failed(axis) || data.getDimSize(*axis) != 1)
    return {};
  return DenseElementsAttr::get(result, APInt(64, 0));
}

#define DS_ARG_REDUCTION(OP)                                                   \
  LogicalResult OP::inferReturnTypes(MLIRContext *context, ErrorSink location, \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &inferred) {        \
    int64_t axis = adaptor.getAxis();                                          \
    FailureOr<Type> type = inferReducedType(                                   \
        location, adaptor.getData().getType(), ArrayRef<int64_t>(axis),        \
        adaptor.getKeepdims(), /*noopWithEmptyAxes=*/false,                    \
        IntegerType::get(context, 64));                                        \
    if (failed(type))                                                          \
      return failure();                                                        \
    inferred.push_back(*type);                                                 \
    return success();                                                          \
  }                                                                            \
  LogicalResult OP::verify() {                                                 \
    if (auto ranked = dyn_cast<RankedTensorType>(getData().getType()))         \
      return verifyAxisInRange(*this, getAxis(), ranked.getRank(), "axis");    \
    return success();                                                          \
  }                                                                            \
  OpFoldResult OP::fold(FoldAdaptor) { return foldArgReduction(*this); }
DS_ARG_REDUCTION(ArgMaxOp)
DS_ARG_REDUCTION(ArgMinOp)
#undef DS_ARG_REDUCTION

//===----------------------------------------------------------------------===//
// TopK
//===----------------------------------------------------------------------===//

/// The value of the constant `k` operand, if it is one.
static std::optional<int64_t> getConstantK(Value k) {
  std::optional<SmallVector<int64_t>> values = getConstantInts(k);
  if (!values || values->size() != 1)
    return std::nullopt;
  return values->front();
}

LogicalResult TopKOp::inferReturnTypes(MLIRContext *context, ErrorSink location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  Type input = adaptor.getInput().getType();
  Type i64 = IntegerType::get(context, 64);
  auto ranked = dyn_cast<RankedTensorType>(input);
  if (!ranked) {
    inferred.push_back(input);
    inferred.push_back(withElementType(input, i64));
    return success();
  }
  FailureOr<int64_t> axis =
      normalizeAxis(location, adaptor.getAxis(), ranked.getRank());
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(ranked.getShape());
  shape[*axis] = kDynamic;
  if (std::optional<int64_t> k = getConstantK(adaptor.getK())) {
    int64_t size = ranked.getDimSize(*axis);
    if (*k < 0 || (!ShapedType::isDynamic(size) && *k > size))
      return emitOptionalError(location, "k = ", *k,
                               " is out of range for axis size ", size);
    shape[*axis] = *k;
  }
  inferred.push_back(RankedTensorType::get(shape, ranked.getElementType()));
  inferred.push_back(RankedTensorType::get(shape, i64));
  return success();
}

LogicalResult TopKOp::verify() {
  auto kType = cast<ShapedType>(getK().getType());
  if (kType.hasRank() && kType.getRank() != 1)
    return emitOpError("operand k must have rank 1, got ") << kType.getRank();
  if (kType.hasStaticShape() && kType.getNumElements() != 1)
    return emitOpError("operand k must hold one element, got ")
           << kType.getNumElements();
  auto ranked = dyn_cast<RankedTensorType>(getInput().getType());
  int64_t axis = getAxis(); // I64Attr getters return uint64_t.
  if (ranked &&
      failed(verifyAxisInRange(*this, axis, ranked.getRank(), "axis")))
    return failure();
  std::optional<int64_t> k = getConstantK(getK());
  if (!k)
    return success();
  if (*k < 0)
    return emitOpError("k must be non-negative, got ") << *k;
  if (ranked) {
    int64_t size = ranked.getDimSize(axis < 0 ? axis + ranked.getRank() : axis);
    if (!ShapedType::isDynamic(size) && *k > size)
      return emitOpError("k = ")
             << *k << " exceeds the size " << size << " of axis " << axis;
  }
  return success();
}
