//===- SelectionOps.cpp - Selection ds ops ----------------------*- C++ -*-===//
//
// Part of ds. Result-type inference, verifiers and folders of the cumulative
// ops, ReverseSequence, NonZero, Unique, TensorScatter, BitCast, Det and
// NonMaxSuppression. Results whose size depends on the data are dynamic,
// except where a constant operand or an empty input decides it.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/SelectionOps.h"

#include "dialects/ds/Folding.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APFloat.h"

#include <cmath>

using namespace mlir;
using namespace ds;
using llvm::APFloat;
using llvm::APInt;

#define GET_OP_CLASSES
#include "dialects/ds/SelectionOps.cpp.inc"

void DSDialect::registerSelectionOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/SelectionOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

/// The dense constant that `value` is, if it is one (never a resource blob)
/// and has at most kMaxFoldedElements elements.
static DenseElementsAttr getDenseConstant(Value value) {
  DenseElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)) ||
      attr.getNumElements() > kMaxFoldedElements)
    return {};
  return attr;
}

/// `attr` as a dense constant small enough to fold, or null.
static DenseElementsAttr asFoldable(Attribute attr) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(attr);
  if (!dense || dense.getNumElements() > kMaxFoldedElements)
    return {};
  return dense;
}

/// The static type of `type`, or null when it has a dynamic size.
static RankedTensorType getStaticType(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape())
    return {};
  return ranked;
}

/// Verifies that the operand `what` of type `type` holds one element: rank 0,
/// or rank 1 of size 1.
static LogicalResult verifyOneElement(Operation *op, Type type,
                                      StringRef what) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return success();
  if (ranked.getRank() > 1 ||
      (ranked.getRank() == 1 && !compatibleSizes(ranked.getDimSize(0), 1)))
    return op->emitOpError("operand ")
           << what << " must be a scalar or hold one element, got " << type;
  return success();
}

//===----------------------------------------------------------------------===//
// CumSum, CumProd
//===----------------------------------------------------------------------===//

/// The constraints shared by the cumulative ops.
static LogicalResult verifyCumulative(Operation *op, Type xType, int64_t axis) {
  auto ranked = dyn_cast<RankedTensorType>(xType);
  if (!ranked)
    return success();
  if (ranked.getRank() == 0)
    return op->emitOpError("input must have rank at least 1");
  return normalizeAxis(ErrorSink(op), axis, ranked.getRank());
}

/// Accumulates `values` (of `shape`) along `axis` with `combine`, starting
/// exclusive accumulations at `identity`. Null when `combine` gives up.
template <typename T, typename Combine>
static std::optional<SmallVector<T>>
accumulate(ArrayRef<T> values, ArrayRef<int64_t> shape, int64_t axis,
           bool exclusive, bool reverse, const T &identity, Combine combine) {
  int64_t outer = productOrDynamic(shape.take_front(axis));
  int64_t size = shape[axis];
  int64_t inner = productOrDynamic(shape.drop_front(axis + 1));
  SmallVector<T> result(values.begin(), values.end());
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      std::optional<T> acc;
      for (int64_t n = 0; n < size; ++n) {
        int64_t k = reverse ? size - 1 - n : n;
        int64_t index = (o * size + k) * inner + i;
        const T &x = values[index];
        if (exclusive)
          result[index] = acc ? *acc : identity;
        // The first element is copied as is (an inclusive -0 stays -0).
        std::optional<T> next = acc ? combine(*acc, x) : std::optional<T>(x);
        if (!next)
          return std::nullopt;
        acc = *next;
        if (!exclusive)
          result[index] = *acc;
      }
    }
  }
  return result;
}

/// Folds a cumulative op: the identity over an axis of size 1, or a dense
/// constant. `one` selects the identity of the product (1) over the sum (0).
template <typename OpTy>
static OpFoldResult foldCumulative(OpTy op, Attribute input, bool product,
                                   FloatFn2 floatFn, IntFn2 intFn) {
  auto ranked = dyn_cast<RankedTensorType>(op.getX().getType());
  if (!ranked || ranked.getRank() == 0)
    return {};
  FailureOr<int64_t> axis =
      normalizeAxis(std::nullopt, op.getAxis(), ranked.getRank());
  if (failed(axis))
    return {};
  if (!op.getExclusive() && ranked.getDimSize(*axis) == 1)
    return sameTypeOrNull(op.getX(), op.getType());

  DenseElementsAttr dense = asFoldable(input);
  RankedTensorType result = getStaticType(op.getType());
  if (!dense || !result || dense.getType().getShape() != result.getShape())
    return {};
  ArrayRef<int64_t> shape = result.getShape();
  Type elementType = result.getElementType();
  if (auto floatType = dyn_cast<FloatType>(elementType)) {
    auto values = llvm::to_vector(dense.getValues<APFloat>());
    APFloat identity(floatType.getFloatSemantics(), product ? 1 : 0);
    std::optional<SmallVector<APFloat>> folded =
        accumulate<APFloat>(values, shape, *axis, op.getExclusive(),
                            op.getReverse(), identity, floatFn);
    if (!folded)
      return {};
    return DenseElementsAttr::get(result, *folded);
  }
  bool isUnsigned = elementType.isUnsignedInteger();
  auto values = llvm::to_vector(dense.getValues<APInt>());
  APInt identity(elementType.getIntOrFloatBitWidth(), product ? 1 : 0);
  std::optional<SmallVector<APInt>> folded = accumulate<APInt>(
      values, shape, *axis, op.getExclusive(), op.getReverse(), identity,
      [&](const APInt &a, const APInt &b) { return intFn(a, b, isUnsigned); });
  if (!folded)
    return {};
  return DenseElementsAttr::get(result, *folded);
}

LogicalResult CumSumOp::verify() {
  return verifyCumulative(*this, getX().getType(),
                          static_cast<int64_t>(getAxis()));
}

LogicalResult CumProdOp::verify() {
  return verifyCumulative(*this, getX().getType(),
                          static_cast<int64_t>(getAxis()));
}

OpFoldResult CumSumOp::fold(FoldAdaptor adaptor) {
  return foldCumulative(*this, adaptor.getX(), /*product=*/false, combine::addF,
                        combine::addI);
}

OpFoldResult CumProdOp::fold(FoldAdaptor adaptor) {
  return foldCumulative(*this, adaptor.getX(), /*product=*/true, combine::mulF,
                        combine::mulI);
}

//===----------------------------------------------------------------------===//
// ReverseSequence
//===----------------------------------------------------------------------===//

LogicalResult ReverseSequenceOp::verify() {
  int64_t batchAxis = getBatchAxis(), timeAxis = getTimeAxis();
  if (batchAxis != 0 && batchAxis != 1)
    return emitOpError("batch_axis must be 0 or 1, got ") << batchAxis;
  if (timeAxis != 0 && timeAxis != 1)
    return emitOpError("time_axis must be 0 or 1, got ") << timeAxis;
  if (batchAxis == timeAxis)
    return emitOpError("batch_axis and time_axis must differ, both are ")
           << batchAxis;
  auto lensType = cast<ShapedType>(getSequenceLens().getType());
  if (lensType.hasRank() && lensType.getRank() != 1)
    return emitOpError("operand sequence_lens must have rank 1, got ")
           << lensType.getRank();
  auto input = dyn_cast<RankedTensorType>(getInput().getType());
  if (!input)
    return success();
  if (input.getRank() < 2)
    return emitOpError("input must have rank at least 2, got ")
           << input.getRank();
  int64_t batch = input.getDimSize(batchAxis);
  if (lensType.hasRank() && !compatibleSizes(lensType.getDimSize(0), batch))
    return emitOpError("sequence_lens has ")
           << lensType.getDimSize(0) << " lengths for a batch of " << batch;
  int64_t time = input.getDimSize(timeAxis);
  if (std::optional<SmallVector<int64_t>> lens =
          getConstantInts(getSequenceLens()))
    for (int64_t len : *lens)
      if (len < 0 || (!ShapedType::isDynamic(time) && len > time))
        return emitOpError("sequence length ")
               << len << " is out of range for a time axis of size " << time;
  return success();
}

OpFoldResult ReverseSequenceOp::fold(FoldAdaptor) {
  std::optional<SmallVector<int64_t>> lens = getConstantInts(getSequenceLens());
  if (!lens || llvm::any_of(*lens, [](int64_t len) { return len > 1; }))
    return {};
  return sameTypeOrNull(getInput(), getType());
}

//===----------------------------------------------------------------------===//
// NonZero
//===----------------------------------------------------------------------===//

/// Whether each element of `dense` is non-zero (true for `i1`).
static SmallVector<bool> nonZeroMask(DenseElementsAttr dense) {
  SmallVector<bool> mask;
  mask.reserve(dense.getNumElements());
  if (isa<FloatType>(dense.getElementType())) {
    for (const APFloat &x : dense.getValues<APFloat>())
      mask.push_back(!x.isZero());
  } else {
    for (const APInt &x : dense.getValues<APInt>())
      mask.push_back(!x.isZero());
  }
  return mask;
}

LogicalResult NonZeroOp::inferReturnTypes(MLIRContext *context, ErrorSink,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  Type i64 = IntegerType::get(context, 64);
  auto input = dyn_cast<RankedTensorType>(adaptor.getX().getType());
  if (!input) {
    inferred.push_back(RankedTensorType::get({kDynamic, kDynamic}, i64));
    return success();
  }
  int64_t count = kDynamic;
  if (input.hasStaticShape() && input.getNumElements() == 0)
    count = 0;
  else if (DenseElementsAttr dense = getDenseConstant(adaptor.getX()))
    count = llvm::count(nonZeroMask(dense), true);
  inferred.push_back(RankedTensorType::get({input.getRank(), count}, i64));
  return success();
}

OpFoldResult NonZeroOp::fold(FoldAdaptor adaptor) {
  DenseElementsAttr dense = asFoldable(adaptor.getX());
  RankedTensorType result = getStaticType(getType());
  if (!dense || !result)
    return {};
  ArrayRef<int64_t> shape = dense.getType().getShape();
  int64_t rank = shape.size();
  SmallVector<bool> mask = nonZeroMask(dense);
  int64_t count = llvm::count(mask, true);
  if (result.getDimSize(0) != rank || result.getDimSize(1) != count)
    return {};
  // Row d of the result holds coordinate d of each non-zero element.
  SmallVector<int64_t> indices(rank * count);
  SmallVector<int64_t> coordinate(rank, 0);
  int64_t column = 0;
  for (bool nonZero : mask) {
    if (nonZero) {
      for (int64_t d = 0; d < rank; ++d)
        indices[d * count + column] = coordinate[d];
      ++column;
    }
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++coordinate[d] < shape[d])
        break;
      coordinate[d] = 0;
    }
  }
  return DenseElementsAttr::get(result, ArrayRef<int64_t>(indices));
}

//===----------------------------------------------------------------------===//
// Unique
//===----------------------------------------------------------------------===//

/// The number of distinct entries among `count` entries of `sliceSize`
/// elements each, when the sizes decide it.
static int64_t uniqueCount(int64_t count, int64_t sliceSize) {
  if (ShapedType::isDynamic(count))
    return kDynamic;
  if (count <= 1)
    return count;
  // Every slice is empty, hence equal to every other.
  if (sliceSize == 0)
    return 1;
  return kDynamic;
}

LogicalResult UniqueOp::inferReturnTypes(MLIRContext *context,
                                         ErrorSink location, Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  Type input = adaptor.getX().getType();
  Type elementType = getElementType(input);
  Type i64 = IntegerType::get(context, 64);
  auto ranked = dyn_cast<RankedTensorType>(input);
  std::optional<uint64_t> axisAttr = adaptor.getAxis();
  auto vector = [&](int64_t size, Type type) -> Type {
    return RankedTensorType::get({size}, type);
  };
  if (!ranked) {
    inferred.push_back(axisAttr ? Type(UnrankedTensorType::get(elementType))
                                : vector(kDynamic, elementType));
    inferred.append(3, vector(kDynamic, i64));
    return success();
  }
  if (!axisAttr) {
    int64_t count = productOrDynamic(ranked.getShape());
    int64_t unique = uniqueCount(count, 1);
    inferred.push_back(vector(unique, elementType));
    inferred.push_back(vector(unique, i64));
    inferred.push_back(vector(count, i64));
    inferred.push_back(vector(unique, i64));
    return success();
  }
  if (ranked.getRank() == 0)
    return emitOptionalError(location, "an axis needs an input of rank at "
                                       "least 1");
  FailureOr<int64_t> axis = normalizeAxis(
      location, static_cast<int64_t>(*axisAttr), ranked.getRank());
  if (failed(axis))
    return failure();
  SmallVector<int64_t> shape(ranked.getShape());
  int64_t count = shape[*axis];
  shape[*axis] = 1;
  int64_t unique = uniqueCount(count, productOrDynamic(shape));
  shape[*axis] = unique;
  inferred.push_back(RankedTensorType::get(shape, elementType));
  inferred.push_back(vector(unique, i64));
  inferred.push_back(vector(count, i64));
  inferred.push_back(vector(unique, i64));
  return success();
}

LogicalResult UniqueOp::verify() {
  auto ranked = dyn_cast<RankedTensorType>(getX().getType());
  std::optional<uint64_t> axis = getAxis();
  if (!ranked || !axis)
    return success();
  if (ranked.getRank() == 0)
    return emitOpError("an axis needs an input of rank at least 1");
  return normalizeAxis(ErrorSink(*this), static_cast<int64_t>(*axis),
                       ranked.getRank());
}

//===----------------------------------------------------------------------===//
// TensorScatter
//===----------------------------------------------------------------------===//

LogicalResult TensorScatterOp::verify() {
  StringRef mode = getMode();
  if (mode != "linear" && mode != "circular")
    return emitOpError("mode must be \"linear\" or \"circular\", got \"")
           << mode << "\"";
  auto indicesType =
      getWriteIndices()
          ? dyn_cast<RankedTensorType>(getWriteIndices().getType())
          : RankedTensorType();
  if (indicesType && indicesType.getRank() != 1)
    return emitOpError("operand write_indices must have rank 1, got ")
           << indicesType.getRank();
  std::optional<SmallVector<int64_t>> writeIndices =
      getConstantInts(getWriteIndices());
  if (writeIndices)
    for (int64_t index : *writeIndices)
      if (index < 0)
        return emitOpError("write index ") << index << " is negative";

  auto cache = dyn_cast<RankedTensorType>(getPastCache().getType());
  auto update = dyn_cast<RankedTensorType>(getUpdate().getType());
  int64_t rank = cache ? cache.getRank() : update ? update.getRank() : -1;
  if (rank < 0)
    return success();
  if (rank < 2)
    return emitOpError("past_cache and update must have rank at least 2, got ")
           << rank;
  if (cache && update && update.getRank() != rank)
    return emitOpError("update has rank ")
           << update.getRank() << ", past_cache rank " << rank;
  FailureOr<int64_t> axis =
      normalizeAxis(ErrorSink(*this), static_cast<int64_t>(getAxis()), rank);
  if (failed(axis))
    return failure();
  if (*axis == 0)
    return emitOpError("axis must not be the batch axis 0");
  if (!cache || !update)
    return success();
  for (int64_t d = 0; d < rank; ++d) {
    int64_t m = cache.getDimSize(d), s = update.getDimSize(d);
    if (d != *axis && !compatibleSizes(m, s))
      return emitOpError("update size ")
             << s << " differs from past_cache size " << m << " in dimension "
             << d;
    if (d == *axis && !ShapedType::isDynamic(m) && !ShapedType::isDynamic(s) &&
        s > m)
      return emitOpError("update has ") << s << " steps along axis " << d
                                        << ", more than the cache's " << m;
  }
  if (indicesType &&
      !compatibleSizes(indicesType.getDimSize(0), cache.getDimSize(0)))
    return emitOpError("write_indices has ")
           << indicesType.getDimSize(0) << " indices for a batch of "
           << cache.getDimSize(0);
  int64_t m = cache.getDimSize(*axis), s = update.getDimSize(*axis);
  if (mode == "linear" && writeIndices && !ShapedType::isDynamic(m) &&
      !ShapedType::isDynamic(s))
    for (int64_t index : *writeIndices)
      if (index + s > m)
        return emitOpError("linear write of ")
               << s << " steps at index " << index
               << " runs past the cache length " << m;
  return success();
}

OpFoldResult TensorScatterOp::fold(FoldAdaptor) {
  if (Value indices = getWriteIndices()) {
    std::optional<SmallVector<int64_t>> values = getConstantInts(indices);
    if (!values || llvm::any_of(*values, [](int64_t i) { return i != 0; }))
      return {};
  }
  auto cache = dyn_cast<RankedTensorType>(getPastCache().getType());
  auto update = dyn_cast<RankedTensorType>(getUpdate().getType());
  if (!cache || !update)
    return {};
  FailureOr<int64_t> axis = normalizeAxis(
      std::nullopt, static_cast<int64_t>(getAxis()), cache.getRank());
  if (failed(axis))
    return {};
  int64_t m = cache.getDimSize(*axis);
  if (ShapedType::isDynamic(m) || update.getDimSize(*axis) != m)
    return {};
  return sameTypeOrNull(getUpdate(), getType());
}

//===----------------------------------------------------------------------===//
// BitCast
//===----------------------------------------------------------------------===//

/// The width of an element in bits, a bool counting as a byte.
static unsigned storageBits(Type elementType) {
  if (elementType.isInteger(1))
    return 8;
  return elementType.getIntOrFloatBitWidth();
}

LogicalResult BitCastOp::verify() {
  auto in = cast<ShapedType>(getInput().getType());
  auto out = cast<ShapedType>(getType());
  if (storageBits(in.getElementType()) != storageBits(out.getElementType()))
    return emitOpError("element types ")
           << in.getElementType() << " and " << out.getElementType()
           << " differ in width (" << storageBits(in.getElementType()) << " vs "
           << storageBits(out.getElementType()) << " bits)";
  if (in.hasRank() && out.hasRank()) {
    if (in.getRank() != out.getRank())
      return emitOpError("result rank ")
             << out.getRank() << " differs from input rank " << in.getRank();
    for (auto [i, o] : llvm::zip_equal(in.getShape(), out.getShape()))
      if (!compatibleSizes(i, o))
        return emitOpError("result shape ")
               << out << " is incompatible with input shape " << in;
  }
  return success();
}

OpFoldResult BitCastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  // A bit_cast of a bit_cast reads the original bits.
  if (auto inner = getInput().getDefiningOp<BitCastOp>()) {
    if (inner.getInput().getType() == getType())
      return inner.getInput();
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  DenseElementsAttr dense = asFoldable(adaptor.getInput());
  RankedTensorType result = getStaticType(getType());
  if (!dense || !result || dense.getType().getShape() != result.getShape() ||
      dense.getElementType().isInteger(1) ||
      result.getElementType().isInteger(1))
    return {};
  return dense.bitcast(result.getElementType());
}

//===----------------------------------------------------------------------===//
// Det
//===----------------------------------------------------------------------===//

LogicalResult DetOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  Type input = adaptor.getX().getType();
  auto ranked = dyn_cast<RankedTensorType>(input);
  if (!ranked) {
    inferred.push_back(input);
    return success();
  }
  int64_t rank = ranked.getRank();
  if (rank < 2)
    return emitOptionalError(location,
                             "input must have rank at least 2 (a "
                             "batch of square matrices), got ",
                             rank);
  int64_t rows = ranked.getDimSize(rank - 2),
          cols = ranked.getDimSize(rank - 1);
  if (!compatibleSizes(rows, cols))
    return emitOptionalError(location, "matrices must be square, got ", rows,
                             "x", cols);
  inferred.push_back(RankedTensorType::get(ranked.getShape().drop_back(2),
                                           ranked.getElementType()));
  return success();
}

/// The determinant of the `n x n` row-major matrix `a` (destroyed), by
/// Gaussian elimination with partial pivoting.
static double determinant(MutableArrayRef<double> a, int64_t n) {
  double det = 1;
  for (int64_t k = 0; k < n; ++k) {
    int64_t pivot = k;
    for (int64_t r = k + 1; r < n; ++r)
      if (std::fabs(a[r * n + k]) > std::fabs(a[pivot * n + k]))
        pivot = r;
    if (a[pivot * n + k] == 0)
      return 0;
    if (pivot != k) {
      for (int64_t c = 0; c < n; ++c)
        std::swap(a[k * n + c], a[pivot * n + c]);
      det = -det;
    }
    det *= a[k * n + k];
    for (int64_t r = k + 1; r < n; ++r) {
      double factor = a[r * n + k] / a[k * n + k];
      for (int64_t c = k + 1; c < n; ++c)
        a[r * n + c] -= factor * a[k * n + c];
    }
  }
  return det;
}

OpFoldResult DetOp::fold(FoldAdaptor adaptor) {
  DenseElementsAttr dense = asFoldable(adaptor.getX());
  RankedTensorType result = getStaticType(getType());
  auto input =
      dense ? dyn_cast<RankedTensorType>(dense.getType()) : RankedTensorType();
  if (!dense || !result || input.getRank() < 2)
    return {};
  int64_t n = input.getShape().back();
  if (input.getShape().drop_back(2) != result.getShape())
    return {};
  SmallVector<double> values;
  values.reserve(dense.getNumElements());
  for (const APFloat &x : dense.getValues<APFloat>())
    values.push_back(x.convertToDouble());
  const llvm::fltSemantics &semantics =
      cast<FloatType>(result.getElementType()).getFloatSemantics();
  SmallVector<APFloat> dets;
  for (int64_t b = 0, e = result.getNumElements(); b < e; ++b) {
    double det =
        determinant(MutableArrayRef<double>(values).slice(b * n * n, n * n), n);
    APFloat value(det);
    bool losesInfo;
    value.convert(semantics, APFloat::rmNearestTiesToEven, &losesInfo);
    dets.push_back(value);
  }
  return DenseElementsAttr::get(result, dets);
}

//===----------------------------------------------------------------------===//
// NonMaxSuppression
//===----------------------------------------------------------------------===//

/// Whether non_max_suppression selects nothing whatever the data: a constant
/// max_output_boxes_per_class of at most 0, or no batches, boxes or classes.
static bool selectsNothing(Value boxesValue, Value scoresValue, Value max) {
  if (std::optional<SmallVector<int64_t>> values = getConstantInts(max))
    if (values->size() == 1 && values->front() <= 0)
      return true;
  auto boxes = dyn_cast<RankedTensorType>(boxesValue.getType());
  auto scores = dyn_cast<RankedTensorType>(scoresValue.getType());
  return (boxes && boxes.getRank() == 3 &&
          (boxes.getDimSize(0) == 0 || boxes.getDimSize(1) == 0)) ||
         (scores && scores.getRank() == 3 &&
          llvm::is_contained(scores.getShape(), 0));
}

LogicalResult
NonMaxSuppressionOp::inferReturnTypes(MLIRContext *context, ErrorSink,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  bool none = selectsNothing(adaptor.getBoxes(), adaptor.getScores(),
                             adaptor.getMaxOutputBoxesPerClass());
  inferred.push_back(RankedTensorType::get({none ? 0 : kDynamic, 3},
                                           IntegerType::get(context, 64)));
  return success();
}

LogicalResult NonMaxSuppressionOp::verify() {
  auto boxes = dyn_cast<RankedTensorType>(getBoxes().getType());
  auto scores = dyn_cast<RankedTensorType>(getScores().getType());
  if (boxes && boxes.getRank() != 3)
    return emitOpError("boxes must have rank 3 [batches, boxes, 4], got ")
           << boxes.getRank();
  if (boxes && !compatibleSizes(boxes.getDimSize(2), 4))
    return emitOpError("boxes must hold 4 coordinates per box, got ")
           << boxes.getDimSize(2);
  if (scores && scores.getRank() != 3)
    return emitOpError("scores must have rank 3 [batches, classes, boxes], "
                       "got ")
           << scores.getRank();
  if (boxes && scores) {
    if (!compatibleSizes(boxes.getDimSize(0), scores.getDimSize(0)))
      return emitOpError("boxes have ")
             << boxes.getDimSize(0) << " batches, scores "
             << scores.getDimSize(0);
    if (!compatibleSizes(boxes.getDimSize(1), scores.getDimSize(2)))
      return emitOpError("boxes have ")
             << boxes.getDimSize(1) << " boxes per batch, scores "
             << scores.getDimSize(2);
  }
  if (failed(verifyOneElement(*this, getMaxOutputBoxesPerClass().getType(),
                              "max_output_boxes_per_class")) ||
      failed(verifyOneElement(*this, getIouThreshold().getType(),
                              "iou_threshold")))
    return failure();
  if (getScoreThreshold() &&
      failed(verifyOneElement(*this, getScoreThreshold().getType(),
                              "score_threshold")))
    return failure();
  if (std::optional<SmallVector<double>> iou =
          getConstantFloats(getIouThreshold()))
    for (double value : *iou)
      if (!(value >= 0 && value <= 1))
        return emitOpError("iou_threshold must be in [0, 1], got ") << value;
  return success();
}

OpFoldResult NonMaxSuppressionOp::fold(FoldAdaptor) {
  RankedTensorType result = getStaticType(getType());
  if (!result ||
      !selectsNothing(getBoxes(), getScores(), getMaxOutputBoxesPerClass()))
    return {};
  return DenseElementsAttr::get(result, ArrayRef<int64_t>());
}
