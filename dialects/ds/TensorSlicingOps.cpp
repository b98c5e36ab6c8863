//===- TensorSlicingOps.cpp - Concat, split, slice, pad, expand -*- C++ -*-===//
//
// Part of ds. The second half of the Tensor family (TensorOps.td): ops that
// combine, cut, pad or repeat tensors. Result-type inference, verifiers,
// folders and canonicalizations. Shape operands are read with getConstantInts:
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

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

LogicalResult
ConcatOp::inferReturnTypes(MLIRContext *, ErrorSink location, Adaptor adaptor,
                           SmallVectorImpl<Type> &inferredReturnTypes) {
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return emitOptionalError(location, "requires at least one operand");
  Type elementType = getElementType(inputs.front().getType());
  auto firstRanked = llvm::find_if(
      inputs, [](Value v) { return isa<RankedTensorType>(v.getType()); });
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
SplitOp::inferReturnTypes(MLIRContext *, ErrorSink location, Adaptor adaptor,
                          SmallVectorImpl<Type> &inferredReturnTypes) {
  std::optional<ArrayRef<int64_t>> split = adaptor.getSplit();
  std::optional<uint64_t> numOutputs = adaptor.getNumOutputs();
  if (!split && !numOutputs)
    return emitOptionalError(location, "requires split or num_outputs");
  int64_t count = split ? split->size() : static_cast<int64_t>(*numOutputs);
  if (count < 1)
    return emitOptionalError(location, "requires at least one output, got ",
                             count);
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
      return emitOptionalError(location,
                               "split sizes must not be negative, "
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

static FailureOr<SliceInfo> readSlice(ErrorSink loc, SliceOp::Adaptor adaptor,
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
SliceOp::inferReturnTypes(MLIRContext *, ErrorSink location, Adaptor adaptor,
                          SmallVectorImpl<Type> &inferredReturnTypes) {
  Type type = adaptor.getData().getType();
  auto shape = shapeOf(type);
  FailureOr<SliceInfo> info =
      readSlice(location, adaptor,
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
      result[axis] = known && !ShapedType::isDynamic(size)
                         ? sliceBounds(size, (*info->starts)[k],
                                       (*info->ends)[k], (*info->steps)[k])
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
    auto [start, size] =
        sliceBounds(shape[axis], (*info->starts)[k], (*info->ends)[k], step);
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
PadOp::inferReturnTypes(MLIRContext *, ErrorSink location, Adaptor adaptor,
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
ExpandOp::inferReturnTypes(MLIRContext *, ErrorSink location, Adaptor adaptor,
                           SmallVectorImpl<Type> &inferredReturnTypes) {
  Type type = adaptor.getInput().getType();
  FailureOr<IntList> list = readIntList(location, adaptor.getShape(), "shape");
  if (failed(list))
    return failure();
  auto shape = shapeOf(type);
  if (list->values &&
      llvm::any_of(*list->values, [](int64_t s) { return s < 0; }))
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
TileOp::inferReturnTypes(MLIRContext *, ErrorSink location, Adaptor adaptor,
                         SmallVectorImpl<Type> &inferredReturnTypes) {
  Type type = adaptor.getInput().getType();
  FailureOr<IntList> repeats =
      readIntList(location, adaptor.getRepeats(), "repeats");
  if (failed(repeats))
    return failure();
  if (repeats->values &&
      llvm::any_of(*repeats->values, [](int64_t r) { return r < 0; }))
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
