//===- ConvOps.cpp - Convolution and pooling ds ops -------------*- C++ -*-===//
//
// Part of ds. Verification, result-type inference and canonicalization of
// the conv and pool ops. The window attributes (auto_pad, kernel_shape,
// strides, pads, dilations) are read, checked and turned into output sizes
// by one set of helpers shared by every op. Each op has one shape function
// that serves both its verifier (reporting as an op error) and its
// inferReturnTypes (reporting at the optional location).
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ConvOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/StringSwitch.h"

#include <type_traits>

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/ConvOps.cpp.inc"

void DSDialect::registerConvOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/ConvOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Window attributes and output sizes
//===----------------------------------------------------------------------===//

namespace {
enum class AutoPad { NotSet, SameUpper, SameLower, Valid };

/// The window attributes of a conv or pool op as written.
struct WindowAttrs {
  StringRef autoPad;
  std::optional<ArrayRef<int64_t>> kernelShape, strides, pads, dilations;
  bool ceilMode = false;
};

/// The window attributes over n spatial dimensions, checked and with their
/// defaults filled in. A kernel size is kDynamic where it is not known.
struct Window {
  AutoPad autoPad = AutoPad::NotSet;
  SmallVector<int64_t> kernel, strides, pads, dilations;
  bool ceilMode = false;

  size_t rank() const { return strides.size(); }
  bool isSame() const {
    return autoPad == AutoPad::SameUpper || autoPad == AutoPad::SameLower;
  }
  /// The extent of the dilated kernel in dimension i, or kDynamic.
  int64_t dilatedKernel(size_t i) const {
    if (ShapedType::isDynamic(kernel[i]))
      return kDynamic;
    return dilations[i] * (kernel[i] - 1) + 1;
  }
};
} // namespace

/// The window attributes of a conv or pool op (or its adaptor).
template <typename OpOrAdaptor>
static WindowAttrs getWindowAttrs(OpOrAdaptor op, bool ceilMode = false) {
  return {op.getAutoPad(), op.getKernelShape(), op.getStrides(),
          op.getPads(),    op.getDilations(),   ceilMode};
}

static std::optional<AutoPad> parseAutoPad(StringRef value) {
  return llvm::StringSwitch<std::optional<AutoPad>>(value)
      .Case("NOTSET", AutoPad::NotSet)
      .Case("SAME_UPPER", AutoPad::SameUpper)
      .Case("SAME_LOWER", AutoPad::SameLower)
      .Case("VALID", AutoPad::Valid)
      .Default(std::nullopt);
}

static FailureOr<Window> verifyWindow(ErrorSink report,
                                      const WindowAttrs &attrs, size_t n) {
  Window window;
  std::optional<AutoPad> autoPad = parseAutoPad(attrs.autoPad);
  if (!autoPad)
    return emitOptionalError(
        report,
        "auto_pad must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, "
        "got \"",
        attrs.autoPad, "\"");
  if (*autoPad != AutoPad::NotSet && attrs.pads)
    return emitOptionalError(
        report, "pads must not be given with auto_pad = ", attrs.autoPad);
  window.autoPad = *autoPad;
  window.ceilMode = attrs.ceilMode;
  if (failed(readSpatialList(report, "kernel_shape", attrs.kernelShape, n, 1, 1,
                             kDynamic, window.kernel)) ||
      failed(readSpatialList(report, "strides", attrs.strides, n, 1, 1, 1,
                             window.strides)) ||
      failed(readSpatialList(report, "pads", attrs.pads, n, 2, 0, 0,
                             window.pads)) ||
      failed(readSpatialList(report, "dilations", attrs.dilations, n, 1, 1, 1,
                             window.dilations)))
    return failure();
  return window;
}

/// Checks that a conv or pool input of `type` has rank 3 or more (and at
/// most `maxRank`); returns its rank, or nullopt if it is unranked.
static FailureOr<std::optional<int64_t>>
getSpatialInputRank(ErrorSink report, Type type, StringRef operand,
                    int64_t maxRank = INT64_MAX) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return std::optional<int64_t>();
  int64_t rank = ranked.getRank();
  if (rank < 3)
    return emitOptionalError(report, "operand ", operand,
                             " must have rank at least 3 (N, C and a spatial "
                             "dimension), got ",
                             rank);
  if (rank > maxRank)
    return emitOptionalError(report, "operand ", operand,
                             " must have rank at most ", maxRank,
                             " (3 spatial dimensions), got ", rank);
  return std::optional<int64_t>(rank);
}

/// The shape of `type`, or `rank` dynamic sizes if it is unranked.
static SmallVector<int64_t> getShapeOrDynamic(Type type, int64_t rank) {
  if (auto ranked = dyn_cast<RankedTensorType>(type))
    return SmallVector<int64_t>(ranked.getShape());
  return SmallVector<int64_t>(rank, kDynamic);
}

/// Padding of `total` elements split in halves, the odd one at the end or
/// at the beginning: {begin, end}.
static std::pair<int64_t, int64_t> splitPadding(int64_t total,
                                                bool extraAtEnd) {
  int64_t half = total / 2;
  return extraAtEnd ? std::pair{half, total - half}
                    : std::pair{total - half, half};
}

/// The output size of spatial dimension i of a conv or pool over an input
/// of size `in` (kDynamic when it cannot be known).
static FailureOr<int64_t>
windowOutputSize(ErrorSink report, const Window &window, size_t i, int64_t in) {
  int64_t stride = window.strides[i];
  if (ShapedType::isDynamic(in))
    return kDynamic;
  if (window.isSame())
    return (in + stride - 1) / stride;
  int64_t kernel = window.dilatedKernel(i);
  if (ShapedType::isDynamic(kernel))
    return kDynamic;
  int64_t begin = window.pads[i], end = window.pads[i + window.rank()];
  int64_t span = in + begin + end - kernel;
  if (span < 0)
    return emitOptionalError(report, "spatial dimension ", i,
                             " has padded size ", span + kernel,
                             ", smaller than the dilated kernel size ", kernel);
  if (!window.ceilMode || window.autoPad == AutoPad::Valid)
    return span / stride + 1;
  // Round up, but no window may start in the end padding.
  int64_t out = (span + stride - 1) / stride + 1;
  if ((out - 1) * stride >= in + begin)
    --out;
  return out;
}

/// [N, channels, O1, ..., On] for an input of shape `input` [N, C, D1, ...].
static FailureOr<SmallVector<int64_t>>
windowOutputShape(ErrorSink report, const Window &window,
                  ArrayRef<int64_t> input, int64_t channels) {
  SmallVector<int64_t> shape = {input[0], channels};
  for (size_t i = 0; i < window.rank(); ++i) {
    FailureOr<int64_t> size = windowOutputSize(report, window, i, input[2 + i]);
    if (failed(size))
      return failure();
    shape.push_back(*size);
  }
  return shape;
}

/// The explicit pads [begin..., end...] equivalent to a SAME or VALID
/// window over the spatial sizes `input`; nullopt unless they are known.
static std::optional<SmallVector<int64_t>>
getExplicitPads(const Window &window, ArrayRef<int64_t> input) {
  size_t n = window.rank();
  SmallVector<int64_t> pads(2 * n, 0);
  if (window.autoPad == AutoPad::Valid)
    return pads;
  for (size_t i = 0; i < n; ++i) {
    int64_t in = input[i], kernel = window.dilatedKernel(i);
    int64_t stride = window.strides[i];
    if (ShapedType::isDynamic(in) || ShapedType::isDynamic(kernel))
      return std::nullopt;
    int64_t out = (in + stride - 1) / stride;
    int64_t total = std::max<int64_t>(0, (out - 1) * stride + kernel - in);
    std::tie(pads[i], pads[i + n]) =
        splitPadding(total, window.autoPad == AutoPad::SameUpper);
  }
  return pads;
}

//===----------------------------------------------------------------------===//
// Conv and ConvTranspose
//===----------------------------------------------------------------------===//

namespace {
/// What Conv and ConvTranspose share, checked.
struct ConvOperands {
  SmallVector<int64_t> input, weight; // Dynamic sizes where unranked.
  Window window;                      // Kernel sizes refined by W's.
};
} // namespace

/// Checks X, W and the window of a conv; nullopt if X and W are unranked.
static FailureOr<std::optional<ConvOperands>>
analyzeConvOperands(ErrorSink report, Value input, Value weight,
                    const WindowAttrs &attrs, int64_t group) {
  if (group < 1)
    return emitOptionalError(report, "group must be positive, got ", group);
  FailureOr<std::optional<int64_t>> xRank =
      getSpatialInputRank(report, input.getType(), "X", 5);
  if (failed(xRank))
    return failure();
  FailureOr<std::optional<int64_t>> wRank =
      getSpatialInputRank(report, weight.getType(), "W", 5);
  if (failed(wRank))
    return failure();
  if (*xRank && *wRank && **xRank != **wRank)
    return emitOptionalError(report, "operand W must have the rank of X (",
                             **xRank, "), got ", **wRank);
  std::optional<int64_t> rank = *xRank ? *xRank : *wRank;
  if (!rank)
    return std::optional<ConvOperands>();

  ConvOperands result;
  result.input = getShapeOrDynamic(input.getType(), *rank);
  result.weight = getShapeOrDynamic(weight.getType(), *rank);
  FailureOr<Window> window = verifyWindow(report, attrs, *rank - 2);
  if (failed(window))
    return failure();
  for (auto [i, size] : llvm::enumerate(window->kernel)) {
    int64_t fromWeight = result.weight[2 + i];
    if (!compatibleSizes(size, fromWeight))
      return emitOptionalError(report, "kernel_shape[", i, "] = ", size,
                               " differs from W's spatial size ", fromWeight);
    size = refineSize(size, fromWeight);
  }
  result.window = std::move(*window);
  return std::optional<ConvOperands>(std::move(result));
}

/// The number of output channels `m` refined by the optional bias [M].
static FailureOr<int64_t> refineByBias(ErrorSink report, Value bias,
                                       int64_t m) {
  auto type = bias ? dyn_cast<RankedTensorType>(bias.getType()) : nullptr;
  if (!type)
    return m;
  if (type.getRank() != 1)
    return emitOptionalError(report, "operand B must have rank 1, got ",
                             type.getRank());
  if (!compatibleSizes(type.getDimSize(0), m))
    return emitOptionalError(
        report, "operand B must have one element per output channel (", m,
        "), got ", type.getDimSize(0));
  return refineSize(m, type.getDimSize(0));
}

static LogicalResult inferShape(ErrorSink report, ConvOp::Adaptor adaptor,
                                SmallVectorImpl<Type> &results) {
  auto group = static_cast<int64_t>(adaptor.getGroup());
  FailureOr<std::optional<ConvOperands>> operands =
      analyzeConvOperands(report, adaptor.getInput(), adaptor.getWeight(),
                          getWindowAttrs(adaptor), group);
  if (failed(operands))
    return failure();
  Type elementType = getElementType(adaptor.getInput().getType());
  if (!*operands) {
    results.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  const ConvOperands &conv = **operands;
  int64_t c = conv.input[1], cPerGroup = conv.weight[1];
  if (!ShapedType::isDynamic(c) && !ShapedType::isDynamic(cPerGroup) &&
      c != cPerGroup * group)
    return emitOptionalError(report, "input channels (", c,
                             ") must equal W.shape[1] * group = ", cPerGroup,
                             " * ", group);
  int64_t m = conv.weight[0];
  if (!ShapedType::isDynamic(m) && m % group != 0)
    return emitOptionalError(report, "output channels (", m,
                             ") must be divisible by group (", group, ")");
  FailureOr<int64_t> channels = refineByBias(report, adaptor.getBias(), m);
  if (failed(channels))
    return failure();
  FailureOr<SmallVector<int64_t>> shape =
      windowOutputShape(report, conv.window, conv.input, *channels);
  if (failed(shape))
    return failure();
  results.push_back(RankedTensorType::get(*shape, elementType));
  return success();
}

namespace {
/// The attributes only ConvTranspose has, checked.
struct TransposeAttrs {
  SmallVector<int64_t> outputPadding;
  std::optional<SmallVector<int64_t>> outputShape;
};
} // namespace

static FailureOr<TransposeAttrs>
verifyTransposeAttrs(ErrorSink report, ConvTransposeOp::Adaptor adaptor,
                     const Window &window) {
  TransposeAttrs attrs;
  size_t n = window.rank();
  if (failed(readSpatialList(report, "output_padding",
                             adaptor.getOutputPadding(), n, 1, 0, 0,
                             attrs.outputPadding)))
    return failure();
  for (size_t i = 0; i < n; ++i)
    if (attrs.outputPadding[i] >=
        std::max(window.strides[i], window.dilations[i]))
      return emitOptionalError(
          report, "output_padding[", i, "] = ", attrs.outputPadding[i],
          " must be smaller than the stride or the dilation");
  if (std::optional<ArrayRef<int64_t>> outputShape = adaptor.getOutputShape()) {
    if (adaptor.getPads())
      return emitOptionalError(report,
                               "pads must not be given with output_shape");
    attrs.outputShape.emplace();
    if (failed(readSpatialList(report, "output_shape", outputShape, n, 1, 1, 1,
                               *attrs.outputShape)))
      return failure();
  }
  return attrs;
}

/// The output size of spatial dimension i of a ConvTranspose over an input
/// of size `in` (kDynamic when it cannot be known).
static FailureOr<int64_t> transposedOutputSize(ErrorSink report,
                                               const Window &window,
                                               const TransposeAttrs &attrs,
                                               size_t i, int64_t in) {
  if (attrs.outputShape)
    return (*attrs.outputShape)[i];
  int64_t kernel = window.dilatedKernel(i);
  if (ShapedType::isDynamic(in))
    return kDynamic;
  if (window.isSame())
    return in * window.strides[i];
  if (ShapedType::isDynamic(kernel))
    return kDynamic;
  int64_t out = window.strides[i] * (in - 1) + attrs.outputPadding[i] + kernel -
                window.pads[i] - window.pads[i + window.rank()];
  if (out < 1)
    return emitOptionalError(report, "spatial dimension ", i,
                             " of the output would have size ", out,
                             "; the pads are too large");
  return out;
}

static LogicalResult inferShape(ErrorSink report,
                                ConvTransposeOp::Adaptor adaptor,
                                SmallVectorImpl<Type> &results) {
  auto group = static_cast<int64_t>(adaptor.getGroup());
  FailureOr<std::optional<ConvOperands>> operands =
      analyzeConvOperands(report, adaptor.getInput(), adaptor.getWeight(),
                          getWindowAttrs(adaptor), group);
  if (failed(operands))
    return failure();
  Type elementType = getElementType(adaptor.getInput().getType());
  if (!*operands) {
    results.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  const ConvOperands &conv = **operands;
  FailureOr<TransposeAttrs> attrs =
      verifyTransposeAttrs(report, adaptor, conv.window);
  if (failed(attrs))
    return failure();
  int64_t c = conv.input[1], wc = conv.weight[0];
  if (!compatibleSizes(c, wc))
    return emitOptionalError(report, "input channels (", c,
                             ") must equal W.shape[0] (", wc, ")");
  c = refineSize(c, wc);
  if (!ShapedType::isDynamic(c) && c % group != 0)
    return emitOptionalError(report, "input channels (", c,
                             ") must be divisible by group (", group, ")");
  int64_t mPerGroup = conv.weight[1];
  FailureOr<int64_t> m = refineByBias(
      report, adaptor.getBias(),
      ShapedType::isDynamic(mPerGroup) ? kDynamic : mPerGroup * group);
  if (failed(m))
    return failure();
  SmallVector<int64_t> shape = {conv.input[0], *m};
  for (size_t i = 0; i < conv.window.rank(); ++i) {
    FailureOr<int64_t> size =
        transposedOutputSize(report, conv.window, *attrs, i, conv.input[2 + i]);
    if (failed(size))
      return failure();
    shape.push_back(*size);
  }
  results.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

/// The explicit pads equivalent to the auto_pad or output_shape of a
/// ConvTranspose over the spatial sizes `input`; nullopt unless they are
/// known and non-negative.
static std::optional<SmallVector<int64_t>>
getTransposedExplicitPads(const Window &window, const TransposeAttrs &attrs,
                          ArrayRef<int64_t> input) {
  size_t n = window.rank();
  SmallVector<int64_t> pads(2 * n, 0);
  if (!attrs.outputShape && window.autoPad == AutoPad::Valid)
    return pads;
  for (size_t i = 0; i < n; ++i) {
    int64_t in = input[i], kernel = window.dilatedKernel(i);
    int64_t stride = window.strides[i];
    if (ShapedType::isDynamic(in) || ShapedType::isDynamic(kernel))
      return std::nullopt;
    int64_t out = attrs.outputShape ? (*attrs.outputShape)[i] : in * stride;
    int64_t total = stride * (in - 1) + attrs.outputPadding[i] + kernel - out;
    if (total < 0)
      return std::nullopt;
    std::tie(pads[i], pads[i + n]) =
        splitPadding(total, window.autoPad == AutoPad::SameUpper);
  }
  return pads;
}

//===----------------------------------------------------------------------===//
// Pools
//===----------------------------------------------------------------------===//

/// The output shape of a windowed pool; its rank is known from kernel_shape
/// even when the input is unranked.
static FailureOr<SmallVector<int64_t>>
inferPoolShape(ErrorSink report, Value input, const WindowAttrs &attrs) {
  FailureOr<std::optional<int64_t>> rank =
      getSpatialInputRank(report, input.getType(), "X");
  if (failed(rank))
    return failure();
  if (attrs.kernelShape->empty())
    return emitOptionalError(report, "kernel_shape must not be empty");
  int64_t n = *rank ? **rank - 2 : attrs.kernelShape->size();
  FailureOr<Window> window = verifyWindow(report, attrs, n);
  if (failed(window))
    return failure();
  SmallVector<int64_t> shape = getShapeOrDynamic(input.getType(), n + 2);
  return windowOutputShape(report, *window, shape, shape[1]);
}

/// A pool's output type: its shape with the input's element type.
static LogicalResult pushPoolType(FailureOr<SmallVector<int64_t>> shape,
                                  Value input, SmallVectorImpl<Type> &results) {
  if (failed(shape))
    return failure();
  results.push_back(
      RankedTensorType::get(*shape, getElementType(input.getType())));
  return success();
}

/// The exponent of the Lp pools (an I64Attr, which ODS reads as unsigned).
static LogicalResult verifyP(ErrorSink report, uint64_t value) {
  auto p = static_cast<int64_t>(value);
  if (p < 1)
    return emitOptionalError(report, "p must be positive, got ", p);
  return success();
}

static LogicalResult inferShape(ErrorSink report, MaxPoolOp::Adaptor adaptor,
                                SmallVectorImpl<Type> &results) {
  auto storageOrder = static_cast<int64_t>(adaptor.getStorageOrder());
  if (storageOrder != 0 && storageOrder != 1)
    return emitOptionalError(
        report,
        "storage_order must be 0 (row major) or 1 (column major), "
        "got ",
        storageOrder);
  Value input = adaptor.getInput();
  if (failed(pushPoolType(
          inferPoolShape(report, input,
                         getWindowAttrs(adaptor, adaptor.getCeilMode())),
          input, results)))
    return failure();
  results.push_back(withElementType(results.front(),
                                    IntegerType::get(input.getContext(), 64)));
  return success();
}

static LogicalResult inferShape(ErrorSink report,
                                AveragePoolOp::Adaptor adaptor,
                                SmallVectorImpl<Type> &results) {
  Value input = adaptor.getInput();
  return pushPoolType(
      inferPoolShape(report, input,
                     getWindowAttrs(adaptor, adaptor.getCeilMode())),
      input, results);
}

static LogicalResult inferShape(ErrorSink report, LpPoolOp::Adaptor adaptor,
                                SmallVectorImpl<Type> &results) {
  if (failed(verifyP(report, adaptor.getP())))
    return failure();
  Value input = adaptor.getInput();
  return pushPoolType(
      inferPoolShape(report, input,
                     getWindowAttrs(adaptor, adaptor.getCeilMode())),
      input, results);
}

/// [N, C, 1, ..., 1] for an input [N, C, D1, ..., Dn].
static LogicalResult inferGlobalPool(ErrorSink report, Value input,
                                     SmallVectorImpl<Type> &results) {
  FailureOr<std::optional<int64_t>> rank =
      getSpatialInputRank(report, input.getType(), "X");
  if (failed(rank))
    return failure();
  Type elementType = getElementType(input.getType());
  if (!*rank) {
    results.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  SmallVector<int64_t> shape(**rank, 1);
  auto type = cast<RankedTensorType>(input.getType());
  shape[0] = type.getDimSize(0);
  shape[1] = type.getDimSize(1);
  results.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

static LogicalResult inferShape(ErrorSink report,
                                GlobalMaxPoolOp::Adaptor adaptor,
                                SmallVectorImpl<Type> &results) {
  return inferGlobalPool(report, adaptor.getInput(), results);
}

static LogicalResult inferShape(ErrorSink report,
                                GlobalAveragePoolOp::Adaptor adaptor,
                                SmallVectorImpl<Type> &results) {
  return inferGlobalPool(report, adaptor.getInput(), results);
}

static LogicalResult inferShape(ErrorSink report,
                                GlobalLpPoolOp::Adaptor adaptor,
                                SmallVectorImpl<Type> &results) {
  if (failed(verifyP(report, adaptor.getP())))
    return failure();
  return inferGlobalPool(report, adaptor.getInput(), results);
}

//===----------------------------------------------------------------------===//
// Verifiers and inferReturnTypes
//===----------------------------------------------------------------------===//

/// Every op verifies by running its shape function with op errors and
/// checking the results against the inferred types, so that each problem is
/// one diagnostic that names the op.
#define DS_VERIFY_BY_INFERENCE(OP)                                             \
  LogicalResult OP::verify() {                                                 \
    SmallVector<Type, 2> types;                                                \
    if (failed(inferShape(ErrorSink(getOperation()), Adaptor(*this), types)))  \
      return failure();                                                        \
    return verifyResultsAgainstInferred(getOperation(), types);                \
  }
#define DS_INFER_BY_SHAPE_FUNCTION(OP)                                         \
  LogicalResult OP::inferReturnTypes(MLIRContext *, ErrorSink location,        \
                                     Adaptor adaptor,                          \
                                     SmallVectorImpl<Type> &types) {           \
    return inferShape(location, adaptor, types);                               \
  }
DS_VERIFY_BY_INFERENCE(ConvOp)
DS_VERIFY_BY_INFERENCE(ConvTransposeOp)
DS_VERIFY_BY_INFERENCE(MaxPoolOp)
DS_VERIFY_BY_INFERENCE(AveragePoolOp)
DS_VERIFY_BY_INFERENCE(LpPoolOp)
DS_VERIFY_BY_INFERENCE(GlobalMaxPoolOp)
DS_VERIFY_BY_INFERENCE(GlobalAveragePoolOp)
DS_VERIFY_BY_INFERENCE(GlobalLpPoolOp)
DS_INFER_BY_SHAPE_FUNCTION(ConvOp)
DS_INFER_BY_SHAPE_FUNCTION(ConvTransposeOp)
DS_INFER_BY_SHAPE_FUNCTION(AveragePoolOp)
DS_INFER_BY_SHAPE_FUNCTION(LpPoolOp)
DS_INFER_BY_SHAPE_FUNCTION(GlobalMaxPoolOp)
DS_INFER_BY_SHAPE_FUNCTION(GlobalAveragePoolOp)
DS_INFER_BY_SHAPE_FUNCTION(GlobalLpPoolOp)
#undef DS_VERIFY_BY_INFERENCE
#undef DS_INFER_BY_SHAPE_FUNCTION

// MaxPool infers both results (output and indices); an op without indices
// is compatible with the first.
LogicalResult
MaxPoolOp::inferReturnTypes(MLIRContext *, std::optional<Location> location,
                            ValueRange operands, DictionaryAttr attributes,
                            OpaqueProperties properties, RegionRange regions,
                            SmallVectorImpl<Type> &types) {
  Adaptor adaptor(operands, attributes, properties, regions);
  return inferShape(ErrorSink(location), adaptor, types);
}

bool MaxPoolOp::isCompatibleReturnTypes(TypeRange inferred, TypeRange actual) {
  size_t count = std::min(inferred.size(), actual.size());
  return count != 0 && areCompatibleResultTypes(inferred.take_front(count),
                                                actual.take_front(count));
}

//===----------------------------------------------------------------------===//
// Canonicalization
//===----------------------------------------------------------------------===//

/// The checked window of each conv or pool op; failure if it is invalid.
static FailureOr<Window> getWindow(ConvOp op) {
  FailureOr<std::optional<ConvOperands>> operands = analyzeConvOperands(
      ErrorSink(std::nullopt), op.getInput(), op.getWeight(),
      getWindowAttrs(op), static_cast<int64_t>(op.getGroup()));
  if (failed(operands) || !*operands)
    return failure();
  return (*operands)->window;
}

template <typename PoolOp> static FailureOr<Window> getWindow(PoolOp op) {
  return verifyWindow(ErrorSink(std::nullopt),
                      getWindowAttrs(op, op.getCeilMode()),
                      op.getKernelShape().size());
}

/// Sets the explicit `pads` (none if all are zero) and auto_pad NOTSET.
template <typename OpTy>
static void setCanonicalPads(OpTy op, ArrayRef<int64_t> pads) {
  if (llvm::all_of(pads, [](int64_t pad) { return pad == 0; }))
    op.removePadsAttr();
  else
    op.setPads(pads);
  op.setAutoPad("NOTSET");
}

namespace {
/// Rewrites auto_pad SAME_UPPER, SAME_LOWER or VALID into explicit pads
/// (and, for pools, ceil_mode false, which those do not use).
template <typename OpTy> struct MakePadsExplicit : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (op.getAutoPad() == "NOTSET")
      return failure();
    auto input = dyn_cast<RankedTensorType>(op.getInput().getType());
    FailureOr<Window> window = getWindow(op);
    if (!input || failed(window))
      return failure();
    std::optional<SmallVector<int64_t>> pads =
        getExplicitPads(*window, input.getShape().drop_front(2));
    if (!pads)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      setCanonicalPads(op, *pads);
      if constexpr (!std::is_same_v<OpTy, ConvOp>)
        op.setCeilMode(false);
    });
    return success();
  }
};

/// Rewrites auto_pad and output_shape of a ConvTranspose into explicit pads.
struct MakeTransposedPadsExplicit : OpRewritePattern<ConvTransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvTransposeOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getAutoPad() == "NOTSET" && !op.getOutputShape())
      return failure();
    ErrorSink silent(std::nullopt);
    auto input = dyn_cast<RankedTensorType>(op.getInput().getType());
    FailureOr<std::optional<ConvOperands>> operands = analyzeConvOperands(
        silent, op.getInput(), op.getWeight(), getWindowAttrs(op),
        static_cast<int64_t>(op.getGroup()));
    if (!input || failed(operands) || !*operands)
      return failure();
    const Window &window = (*operands)->window;
    FailureOr<TransposeAttrs> attrs =
        verifyTransposeAttrs(silent, ConvTransposeOp::Adaptor(op), window);
    if (failed(attrs))
      return failure();
    std::optional<SmallVector<int64_t>> pads = getTransposedExplicitPads(
        window, *attrs, input.getShape().drop_front(2));
    if (!pads)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      setCanonicalPads(op, *pads);
      op.removeOutputShapeAttr();
    });
    return success();
  }
};
} // namespace

void ConvOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                         MLIRContext *context) {
  patterns.add<MakePadsExplicit<ConvOp>>(context);
}

void ConvTransposeOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                                  MLIRContext *context) {
  patterns.add<MakeTransposedPadsExplicit>(context);
}

void MaxPoolOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                            MLIRContext *context) {
  patterns.add<MakePadsExplicit<MaxPoolOp>>(context);
}

void AveragePoolOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                                MLIRContext *context) {
  patterns.add<MakePadsExplicit<AveragePoolOp>>(context);
}

void LpPoolOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                           MLIRContext *context) {
  patterns.add<MakePadsExplicit<LpPoolOp>>(context);
}
