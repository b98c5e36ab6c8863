//===- IndexingOps.cpp - Indexing ds ops ------------------------*- C++ -*-===//
//
// Part of ds. Result-type inference, verifiers and folders of the gathers,
// scatters and Resize. Shape constraints are checked in inferReturnTypes
// (which the verifier calls with a location); attribute values in verify().
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/IndexingOps.h"

#include "dialects/ds/Folding.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>
#include <numeric>

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/IndexingOps.cpp.inc"

void DSDialect::registerIndexingOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/IndexingOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// `axis` (an I64Attr value, stored unsigned) counted from the end when
/// negative. Unchecked: inferReturnTypes has verified the range.
static int64_t wrapAxis(uint64_t axis, int64_t rank) {
  auto signedAxis = static_cast<int64_t>(axis);
  return signedAxis < 0 ? signedAxis + rank : signedAxis;
}

/// Runs the result-type inference of `op` with its location, so that a shape
/// error is reported once, by name, before the InferTypeOpInterface check
/// (which runs after verify() and would add a generic "failed to infer"
/// error).
template <typename OpTy> static LogicalResult verifyByInference(OpTy op) {
  SmallVector<Type> types;
  return OpTy::inferReturnTypes(op.getContext(), op.getLoc(),
                                typename OpTy::Adaptor(op), types);
}

/// Verifies that `value` is one of `allowed`, naming the attribute `name`.
static LogicalResult verifyOneOf(Operation *op, StringRef name, StringRef value,
                                 ArrayRef<StringLiteral> allowed) {
  if (llvm::is_contained(allowed, value))
    return success();
  InFlightDiagnostic diag = op->emitOpError() << name << " must be one of ";
  llvm::interleave(
      allowed, diag, [&](StringRef s) { diag << '"' << s << '"'; }, ", ");
  return diag << ", got \"" << value << "\"";
}

static LogicalResult verifyReduction(Operation *op, StringRef reduction) {
  return verifyOneOf(op, "reduction", reduction,
                     {"none", "add", "mul", "max", "min"});
}

/// Verifies that constant `indices` lie in [-size, size) when `size` is
/// static: ONNX leaves out-of-range indices an error.
static LogicalResult verifyConstantIndices(Operation *op, Value indices,
                                           int64_t size) {
  if (ShapedType::isDynamic(size))
    return success();
  std::optional<SmallVector<int64_t>> values = getConstantInts(indices);
  if (!values)
    return success();
  for (int64_t index : *values)
    if (index < -size || index >= size)
      return op->emitOpError("index ")
             << index << " is out of range for a dimension of size " << size
             << " (expected in [" << -size << ", " << size << "))";
  return success();
}

/// The elements of `data` at the flat positions `positions`, as a constant of
/// `type` (whose element type is that of `data`).
static Attribute selectElements(DenseElementsAttr data, ShapedType type,
                                ArrayRef<int64_t> positions) {
  Type elementType = data.getElementType();
  if (isa<FloatType>(elementType)) {
    auto values = data.getValues<APFloat>();
    SmallVector<APFloat> result;
    result.reserve(positions.size());
    for (int64_t position : positions)
      result.push_back(values.begin()[position]);
    return DenseElementsAttr::get(type, result);
  }
  if (isa<IntegerType>(elementType)) {
    auto values = data.getValues<APInt>();
    SmallVector<APInt> result;
    result.reserve(positions.size());
    for (int64_t position : positions)
      result.push_back(values.begin()[position]);
    return DenseElementsAttr::get(type, result);
  }
  return {};
}

/// Checks that the static sizes of `indices` outside `axis` do not exceed
/// those of `data` (both of the same rank), as GatherElements and
/// ScatterElements require.
static LogicalResult verifyIndexSizesFit(ErrorSink loc, ArrayRef<int64_t> data,
                                         ArrayRef<int64_t> indices,
                                         int64_t axis) {
  for (auto [i, sizes] : llvm::enumerate(llvm::zip_equal(data, indices))) {
    auto [d, n] = sizes;
    if (static_cast<int64_t>(i) == axis || ShapedType::isDynamic(d) ||
        ShapedType::isDynamic(n) || n <= d)
      continue;
    return emitOptionalError(loc, "indices size ", n, " exceeds data size ", d,
                             " in dimension ", i);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// GatherOp
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  Type elementType = getElementType(adaptor.getData().getType());
  auto data = dyn_cast<RankedTensorType>(adaptor.getData().getType());
  auto indices = dyn_cast<RankedTensorType>(adaptor.getIndices().getType());
  if (data && data.getRank() == 0)
    return emitOptionalError(location,
                             "operand data must have rank >= 1, got 0");
  FailureOr<int64_t> axis = 0;
  if (data)
    axis = normalizeAxis(location, adaptor.getAxis(), data.getRank());
  if (failed(axis))
    return failure();
  if (!data || !indices) {
    results.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  ArrayRef<int64_t> shape = data.getShape();
  SmallVector<int64_t> result(shape.take_front(*axis));
  llvm::append_range(result, indices.getShape());
  llvm::append_range(result, shape.drop_front(*axis + 1));
  results.push_back(RankedTensorType::get(result, elementType));
  return success();
}

LogicalResult GatherOp::verify() {
  if (failed(verifyByInference(*this)))
    return failure();
  auto data = dyn_cast<RankedTensorType>(getData().getType());
  if (!data)
    return success();
  int64_t axis = wrapAxis(getAxis(), data.getRank());
  return verifyConstantIndices(*this, getIndices(), data.getDimSize(axis));
}

OpFoldResult GatherOp::fold(FoldAdaptor adaptor) {
  auto data = dyn_cast_or_null<DenseElementsAttr>(adaptor.getData());
  auto indices = dyn_cast_or_null<DenseIntElementsAttr>(adaptor.getIndices());
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!data || !indices || !type || !type.hasStaticShape() ||
      type.getNumElements() > kMaxFoldedElements)
    return {};
  ArrayRef<int64_t> shape = data.getType().getShape();
  int64_t rank = shape.size();
  int64_t axis = wrapAxis(getAxis(), rank);
  if (axis < 0 || axis >= rank)
    return {};
  int64_t size = shape[axis];
  SmallVector<int64_t> picks;
  for (const APInt &index : indices.getValues<APInt>()) {
    int64_t pick = index.getSExtValue();
    if (pick < 0)
      pick += size;
    if (pick < 0 || pick >= size)
      return {}; // Undefined; the verifier reports it.
    picks.push_back(pick);
  }
  if (data.isSplat())
    return data.resizeSplat(type);

  int64_t outer = productOrDynamic(shape.take_front(axis));
  int64_t inner = productOrDynamic(shape.drop_front(axis + 1));
  SmallVector<int64_t> positions;
  positions.reserve(type.getNumElements());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t pick : picks)
      for (int64_t i = 0; i < inner; ++i)
        positions.push_back((o * size + pick) * inner + i);
  if (static_cast<int64_t>(positions.size()) != type.getNumElements())
    return {};
  return selectElements(data, type, positions);
}

//===----------------------------------------------------------------------===//
// GatherElementsOp
//===----------------------------------------------------------------------===//

LogicalResult
GatherElementsOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                   Adaptor adaptor,
                                   SmallVectorImpl<Type> &results) {
  Type elementType = getElementType(adaptor.getData().getType());
  auto data = dyn_cast<RankedTensorType>(adaptor.getData().getType());
  auto indices = dyn_cast<RankedTensorType>(adaptor.getIndices().getType());
  if (data && indices && data.getRank() != indices.getRank())
    return emitOptionalError(location,
                             "operand indices must have the rank of "
                             "data (",
                             data.getRank(), "), got ", indices.getRank());
  if (data) {
    FailureOr<int64_t> axis =
        normalizeAxis(location, adaptor.getAxis(), data.getRank());
    if (failed(axis))
      return failure();
    if (indices && failed(verifyIndexSizesFit(location, data.getShape(),
                                              indices.getShape(), *axis)))
      return failure();
  }
  if (indices) {
    results.push_back(RankedTensorType::get(indices.getShape(), elementType));
  } else if (data) {
    results.push_back(RankedTensorType::get(
        SmallVector<int64_t>(data.getRank(), kDynamic), elementType));
  } else {
    results.push_back(UnrankedTensorType::get(elementType));
  }
  return success();
}

LogicalResult GatherElementsOp::verify() {
  if (failed(verifyByInference(*this)))
    return failure();
  auto data = dyn_cast<RankedTensorType>(getData().getType());
  if (!data)
    return success();
  int64_t axis = wrapAxis(getAxis(), data.getRank());
  return verifyConstantIndices(*this, getIndices(), data.getDimSize(axis));
}

//===----------------------------------------------------------------------===//
// GatherNDOp
//===----------------------------------------------------------------------===//

LogicalResult GatherNDOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &results) {
  Type elementType = getElementType(adaptor.getData().getType());
  auto data = dyn_cast<RankedTensorType>(adaptor.getData().getType());
  auto indices = dyn_cast<RankedTensorType>(adaptor.getIndices().getType());
  int64_t batchDims = adaptor.getBatchDims();
  if (batchDims < 0)
    return emitOptionalError(location, "batch_dims must be >= 0, got ",
                             batchDims);
  for (auto [name, type] : {std::pair{"data", data}, {"indices", indices}}) {
    if (type && type.getRank() <= batchDims)
      return emitOptionalError(location, "operand ", name,
                               " must have rank > batch_dims (", batchDims,
                               "), got ", type.getRank());
  }
  if (!data || !indices) {
    results.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  int64_t depth = indices.getShape().back();
  int64_t maxDepth = data.getRank() - batchDims;
  if (!ShapedType::isDynamic(depth) && (depth < 1 || depth > maxDepth))
    return emitOptionalError(location, "the last dimension of indices (", depth,
                             ") must be in [1, ", maxDepth,
                             "]: rank of data minus batch_dims");
  SmallVector<int64_t> shape(indices.getShape().drop_back());
  for (int64_t i = 0; i < batchDims; ++i) {
    if (!compatibleSizes(shape[i], data.getDimSize(i)))
      return emitOptionalError(location, "batch dimension ", i,
                               " differs between data (", data.getDimSize(i),
                               ") and indices (", shape[i], ")");
    shape[i] = refineSize(shape[i], data.getDimSize(i));
  }
  if (ShapedType::isDynamic(depth)) {
    results.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  llvm::append_range(shape, data.getShape().drop_front(batchDims + depth));
  results.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

LogicalResult GatherNDOp::verify() { return verifyByInference(*this); }

//===----------------------------------------------------------------------===//
// ScatterNDOp
//===----------------------------------------------------------------------===//

LogicalResult ScatterNDOp::verify() {
  if (failed(verifyReduction(*this, getReduction())))
    return failure();
  auto data = dyn_cast<RankedTensorType>(getData().getType());
  auto indices = dyn_cast<RankedTensorType>(getIndices().getType());
  auto updates = dyn_cast<RankedTensorType>(getUpdates().getType());
  if (data && data.getRank() < 1)
    return emitOpError("operand data must have rank >= 1, got 0");
  if (indices && indices.getRank() < 1)
    return emitOpError("operand indices must have rank >= 1, got 0");
  if (!data || !indices)
    return success();
  int64_t depth = indices.getShape().back();
  if (ShapedType::isDynamic(depth))
    return success();
  if (depth < 1 || depth > data.getRank())
    return emitOpError("the last dimension of indices (")
           << depth << ") must be in [1, " << data.getRank()
           << "]: the rank of data";
  SmallVector<int64_t> expected(indices.getShape().drop_back());
  llvm::append_range(expected, data.getShape().drop_front(depth));
  if (!updates)
    return success();
  auto expectedType = RankedTensorType::get(expected, updates.getElementType());
  if (!areCompatibleResultTypes(TypeRange{expectedType}, TypeRange{updates}))
    return emitOpError("operand updates must have shape indices.shape[:-1] + "
                       "data.shape[")
           << depth << ":] = " << expectedType << ", got " << updates;
  return success();
}

//===----------------------------------------------------------------------===//
// ScatterElementsOp
//===----------------------------------------------------------------------===//

LogicalResult ScatterElementsOp::verify() {
  if (failed(verifyReduction(*this, getReduction())))
    return failure();
  auto data = dyn_cast<RankedTensorType>(getData().getType());
  auto indices = dyn_cast<RankedTensorType>(getIndices().getType());
  auto updates = dyn_cast<RankedTensorType>(getUpdates().getType());
  if (indices && updates &&
      !areCompatibleResultTypes(
          TypeRange{indices.clone(updates.getElementType())},
          TypeRange{updates}))
    return emitOpError("operand updates must have the shape of indices ")
           << indices << ", got " << updates;
  if (!data)
    return success();
  for (auto [name, type] :
       {std::pair{"indices", indices}, {"updates", updates}})
    if (type && type.getRank() != data.getRank())
      return emitOpError("operand ")
             << name << " must have the rank of data (" << data.getRank()
             << "), got " << type.getRank();
  FailureOr<int64_t> axis = normalizeAxis(getLoc(), getAxis(), data.getRank());
  if (failed(axis))
    return failure();
  for (RankedTensorType type : {indices, updates})
    if (type && failed(verifyIndexSizesFit(getLoc(), data.getShape(),
                                           type.getShape(), *axis)))
      return failure();
  return verifyConstantIndices(*this, getIndices(), data.getDimSize(*axis));
}

//===----------------------------------------------------------------------===//
// ResizeOp
//===----------------------------------------------------------------------===//

/// Checks that the optional 1-D operand `value` has `length` elements.
static LogicalResult verifyLength(ErrorSink loc, Value value, StringRef name,
                                  int64_t length, StringRef what) {
  if (!value)
    return success();
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type)
    return success();
  if (type.getRank() != 1)
    return emitOptionalError(loc, "operand ", name, " must have rank 1, got ",
                             type.getRank());
  if (!type.isDynamicDim(0) && type.getDimSize(0) != length)
    return emitOptionalError(loc, "operand ", name, " must have ", length,
                             " elements (", what, "), got ",
                             type.getDimSize(0));
  return success();
}

/// Output sizes of the resized axes from constant `scales`; std::nullopt
/// where a size cannot be known. `roi` is given under tf_crop_and_resize.
static LogicalResult resizeByScales(ErrorSink loc, Value scalesValue,
                                    Value roiValue, bool cropAndResize,
                                    ArrayRef<int64_t> in,
                                    MutableArrayRef<int64_t> out) {
  std::optional<SmallVector<double>> scales = getConstantFloats(scalesValue);
  if (!scales)
    return success();
  for (double scale : *scales)
    if (!(scale > 0))
      return emitOptionalError(loc, "scales must be positive, got ", scale);
  std::optional<SmallVector<double>> roi;
  if (cropAndResize) {
    roi = getConstantFloats(roiValue);
    if (!roi)
      return success();
  }
  size_t n = in.size();
  for (size_t i = 0; i < n; ++i) {
    if (ShapedType::isDynamic(in[i]))
      continue;
    double extent = roi ? (*roi)[n + i] - (*roi)[i] : 1.0;
    out[i] = static_cast<int64_t>(
        std::floor(static_cast<double>(in[i]) * extent * (*scales)[i]));
  }
  return success();
}

/// Output sizes of the resized axes from constant `sizes` under `policy`.
static LogicalResult resizeBySizes(ErrorSink loc, Value sizesValue,
                                   StringRef policy, ArrayRef<int64_t> in,
                                   MutableArrayRef<int64_t> out) {
  std::optional<SmallVector<int64_t>> sizes = getConstantInts(sizesValue);
  if (!sizes)
    return success();
  for (int64_t size : *sizes)
    if (size < 0)
      return emitOptionalError(loc, "sizes must be non-negative, got ", size);
  if (policy == "stretch") {
    llvm::copy(*sizes, out.begin());
    return success();
  }
  // One factor for every axis: the aspect ratio of the input is kept.
  if (llvm::any_of(in, ShapedType::isDynamic))
    return success();
  bool notLarger = policy == "not_larger";
  double factor = notLarger ? INFINITY : 0.0;
  for (auto [size, inSize] : llvm::zip_equal(*sizes, in)) {
    double ratio = static_cast<double>(size) / static_cast<double>(inSize);
    factor = notLarger ? std::min(factor, ratio) : std::max(factor, ratio);
  }
  for (auto [o, inSize] : llvm::zip_equal(out, in))
    o = static_cast<int64_t>(std::round(factor * static_cast<double>(inSize)));
  return success();
}

LogicalResult ResizeOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  Type elementType = getElementType(adaptor.getInput().getType());
  if (!adaptor.getScales() == !adaptor.getSizes())
    return emitOptionalError(location,
                             "exactly one of scales and sizes must be given");
  bool cropAndResize =
      adaptor.getCoordinateTransformationMode() == "tf_crop_and_resize";
  if (cropAndResize && !adaptor.getRoi())
    return emitOptionalError(location, "coordinate_transformation_mode "
                                       "\"tf_crop_and_resize\" requires roi");
  auto input = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
  if (!input) {
    results.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  int64_t rank = input.getRank();
  SmallVector<int64_t> axes;
  if (std::optional<ArrayRef<int64_t>> given = adaptor.getAxes()) {
    FailureOr<SmallVector<int64_t>> normalized =
        normalizeAxes(location, *given, rank);
    if (failed(normalized))
      return failure();
    axes = std::move(*normalized);
  } else {
    axes.resize(rank);
    std::iota(axes.begin(), axes.end(), 0);
  }
  int64_t n = axes.size();
  StringRef what =
      adaptor.getAxes() ? "one per axis in axes" : "one per input dimension";
  if (failed(verifyLength(location, adaptor.getScales(), "scales", n, what)) ||
      failed(verifyLength(location, adaptor.getSizes(), "sizes", n, what)) ||
      failed(verifyLength(location, adaptor.getRoi(), "roi", 2 * n,
                          "a start and an end per resized axis")))
    return failure();

  SmallVector<int64_t> in, out(n, kDynamic);
  for (int64_t axis : axes)
    in.push_back(input.getDimSize(axis));
  LogicalResult resized =
      adaptor.getScales()
          ? resizeByScales(location, adaptor.getScales(), adaptor.getRoi(),
                           cropAndResize, in, out)
          : resizeBySizes(location, adaptor.getSizes(),
                          adaptor.getKeepAspectRatioPolicy(), in, out);
  if (failed(resized))
    return failure();
  SmallVector<int64_t> shape(input.getShape());
  for (auto [axis, size] : llvm::zip_equal(axes, out))
    shape[axis] = size;
  results.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

LogicalResult ResizeOp::verify() {
  if (failed(verifyOneOf(*this, "mode", getMode(),
                         {"nearest", "linear", "cubic"})) ||
      failed(verifyOneOf(*this, "coordinate_transformation_mode",
                         getCoordinateTransformationMode(),
                         {"half_pixel", "half_pixel_symmetric",
                          "pytorch_half_pixel", "align_corners", "asymmetric",
                          "tf_crop_and_resize"})) ||
      failed(verifyOneOf(
          *this, "nearest_mode", getNearestMode(),
          {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"})) ||
      failed(verifyOneOf(*this, "keep_aspect_ratio_policy",
                         getKeepAspectRatioPolicy(),
                         {"stretch", "not_larger", "not_smaller"})))
    return failure();
  return verifyByInference(*this);
}
