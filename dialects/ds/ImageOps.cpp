//===- ImageOps.cpp - Image ds ops --------------------------------*- C++
//-*-===//
//
// Part of ds. Result-type inference (which also verifies: the inferred-types
// trait runs it with the op as error sink) and canonicalization of the
// sampling, region-of-interest, unpooling, col2im and deformable and integer
// convolution ops.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ImageOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/ImageOps.cpp.inc"

void DSDialect::registerImageOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/ImageOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Shape helpers
//===----------------------------------------------------------------------===//

/// The rank of `type`, or std::nullopt when it is unranked.
static std::optional<int64_t> rankOf(Type type) {
  if (auto ranked = dyn_cast<RankedTensorType>(type))
    return ranked.getRank();
  return std::nullopt;
}

/// Size `i` of `type`, kDynamic when it is unknown or `type` unranked.
static int64_t dimOf(Type type, int64_t i) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || i >= ranked.getRank())
    return kDynamic;
  return ranked.getDimSize(i);
}

/// Fails unless `type` (operand `name`) is unranked or of rank `rank`.
static LogicalResult checkRank(ErrorSink report, Type type, int64_t rank,
                               StringRef name) {
  std::optional<int64_t> actual = rankOf(type);
  if (actual && *actual != rank)
    return emitOptionalError(report, "operand ", name, " must have rank ", rank,
                             ", got ", *actual);
  return success();
}

/// Fails unless `type` (operand `name`) is unranked or has an image's rank
/// (N, C and at least one spatial dimension).
static LogicalResult checkImageRank(ErrorSink report, Type type,
                                    StringRef name) {
  std::optional<int64_t> rank = rankOf(type);
  if (rank && *rank < 3)
    return emitOptionalError(report, "operand ", name,
                             " must have rank at least 3 (N, C and a spatial "
                             "dimension), got ",
                             *rank);
  return success();
}

/// The more refined of two sizes of the same dimension; when they differ,
/// fails with "operand <name> must have <what> (<expected>), got <actual>".
static FailureOr<int64_t> mergeSize(ErrorSink report, int64_t expected,
                                    int64_t actual, StringRef name,
                                    StringRef what) {
  if (!compatibleSizes(expected, actual))
    return emitOptionalError(report, "operand ", name, " must have ", what,
                             " (", expected, "), got ", actual);
  return refineSize(expected, actual);
}

/// The number of positions of a window of `kernel` elements (dilation
/// applied) sliding by `stride` over `in` elements padded by `padding`:
/// floor((in + padding - kernel) / stride) + 1; kDynamic when `in` or
/// `kernel` is. Fails when the window does not fit even once.
static FailureOr<int64_t> slidingCount(ErrorSink report, size_t dim, int64_t in,
                                       int64_t padding, int64_t kernel,
                                       int64_t stride) {
  if (ShapedType::isDynamic(in) || ShapedType::isDynamic(kernel))
    return kDynamic;
  int64_t span = in + padding - kernel;
  if (span < 0)
    return emitOptionalError(report, "spatial dimension ", dim,
                             " has padded size ", in + padding,
                             ", smaller than the dilated kernel size ", kernel);
  return span / stride + 1;
}

/// Fails unless `value` is one of `allowed`, naming attribute `name`.
static LogicalResult checkOneOf(ErrorSink report, StringRef name,
                                StringRef value, ArrayRef<StringRef> allowed) {
  if (llvm::is_contained(allowed, value))
    return success();
  std::string list;
  for (auto [i, option] : llvm::enumerate(allowed)) {
    if (i != 0)
      list += i + 1 == allowed.size() ? " or " : ", ";
    list += "'" + option.str() + "'";
  }
  return emitOptionalError(report, name, " must be ", list, ", got '", value,
                           "'");
}

/// An I64Attr (which ODS reads as unsigned) that must be at least `min`.
static FailureOr<int64_t> readAtLeast(ErrorSink report, StringRef name,
                                      uint64_t raw, int64_t min) {
  auto value = static_cast<int64_t>(raw);
  if (value < min)
    return emitOptionalError(report, name, " must be ",
                             min > 0 ? "positive" : "non-negative", ", got ",
                             value);
  return value;
}

//===----------------------------------------------------------------------===//
// GridSample
//===----------------------------------------------------------------------===//

LogicalResult GridSampleOp::inferReturnTypes(MLIRContext *, ErrorSink report,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &results) {
  if (failed(checkOneOf(report, "mode", adaptor.getMode(),
                        {"linear", "nearest", "cubic"})) ||
      failed(checkOneOf(report, "padding_mode", adaptor.getPaddingMode(),
                        {"zeros", "border", "reflection"})))
    return failure();
  Type input = adaptor.getInput().getType(), grid = adaptor.getGrid().getType();
  if (failed(checkImageRank(report, input, "X")) ||
      failed(checkImageRank(report, grid, "grid")))
    return failure();
  std::optional<int64_t> inputRank = rankOf(input), gridRank = rankOf(grid);
  if (inputRank && gridRank && *inputRank != *gridRank)
    return emitOptionalError(report, "operand grid must have the rank of X (",
                             *inputRank, "), got ", *gridRank);
  Type elementType = getElementType(input);
  std::optional<int64_t> rank = inputRank ? inputRank : gridRank;
  if (!rank) {
    results.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  int64_t coordinates = dimOf(grid, *rank - 1);
  if (!ShapedType::isDynamic(coordinates) && coordinates != *rank - 2)
    return emitOptionalError(
        report, "operand grid must have one coordinate per spatial dimension (",
        *rank - 2, ") in its last dimension, got ", coordinates);
  FailureOr<int64_t> batch = mergeSize(report, dimOf(input, 0), dimOf(grid, 0),
                                       "grid", "the batch size of X");
  if (failed(batch))
    return failure();
  SmallVector<int64_t> shape = {*batch, dimOf(input, 1)};
  for (int64_t i = 1; i < *rank - 1; ++i)
    shape.push_back(dimOf(grid, i));
  results.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

//===----------------------------------------------------------------------===//
// AffineGrid
//===----------------------------------------------------------------------===//

/// Refines the number of spatial dimensions `n` (kDynamic if unknown) of an
/// affine grid by `value`, which operand `name` implies.
static LogicalResult refineSpatialCount(ErrorSink report, int64_t &n,
                                        int64_t value, StringRef name) {
  if (!ShapedType::isDynamic(n) && n != value)
    return emitOptionalError(report, "operand ", name, " implies ", value,
                             " spatial dimensions, but theta has ", n);
  n = value;
  return success();
}

LogicalResult AffineGridOp::inferReturnTypes(MLIRContext *, ErrorSink report,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &results) {
  Type theta = adaptor.getTheta().getType(), size = adaptor.getSize().getType();
  if (failed(checkRank(report, theta, 3, "theta")) ||
      failed(checkRank(report, size, 1, "size")))
    return failure();
  int64_t n = kDynamic;
  int64_t rows = dimOf(theta, 1), columns = dimOf(theta, 2);
  if ((!ShapedType::isDynamic(rows) && rows != 2 && rows != 3) ||
      (!ShapedType::isDynamic(columns) && columns != 3 && columns != 4) ||
      (!ShapedType::isDynamic(rows) && !ShapedType::isDynamic(columns) &&
       columns != rows + 1))
    return emitOptionalError(report,
                             "operand theta must be [N, 2, 3] (2-D) or "
                             "[N, 3, 4] (3-D), got ",
                             theta);
  if (!ShapedType::isDynamic(rows))
    n = rows;
  else if (!ShapedType::isDynamic(columns))
    n = columns - 1;

  int64_t sizeLength = dimOf(size, 0);
  if (!ShapedType::isDynamic(sizeLength)) {
    if (sizeLength != 4 && sizeLength != 5)
      return emitOptionalError(report,
                               "operand size must have 4 (2-D) or 5 (3-D) "
                               "elements, got ",
                               sizeLength);
    if (failed(refineSpatialCount(report, n, sizeLength - 2, "size")))
      return failure();
  }
  std::optional<SmallVector<int64_t>> sizes =
      getConstantInts(adaptor.getSize());
  if (sizes) {
    if (sizes->size() != 4 && sizes->size() != 5)
      return emitOptionalError(report,
                               "operand size must have 4 (2-D) or 5 (3-D) "
                               "elements, got ",
                               sizes->size());
    if (failed(refineSpatialCount(report, n, sizes->size() - 2, "size")))
      return failure();
    for (int64_t value : *sizes)
      if (value < 0)
        return emitOptionalError(report, "size must be non-negative, got ",
                                 value);
  }

  Type elementType = getElementType(theta);
  if (ShapedType::isDynamic(n)) {
    results.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  int64_t batch = dimOf(theta, 0);
  if (sizes) {
    FailureOr<int64_t> merged = mergeSize(report, batch, (*sizes)[0], "size",
                                          "the batch size of theta");
    if (failed(merged))
      return failure();
    batch = *merged;
  }
  SmallVector<int64_t> shape = {batch};
  for (int64_t i = 0; i < n; ++i)
    shape.push_back(sizes ? (*sizes)[2 + i] : kDynamic);
  shape.push_back(n);
  results.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

//===----------------------------------------------------------------------===//
// RoiAlign, MaxRoiPool
//===----------------------------------------------------------------------===//

/// Checks X ([N, C, H, W]) and the rois ([R, coordinates]) of a
/// region-of-interest pool; returns {R, C}.
static FailureOr<std::pair<int64_t, int64_t>>
checkRoiOperands(ErrorSink report, Type input, Type rois, int64_t coordinates) {
  if (failed(checkRank(report, input, 4, "X")) ||
      failed(checkRank(report, rois, 2, "rois")))
    return failure();
  int64_t perRoi = dimOf(rois, 1);
  if (!compatibleSizes(perRoi, coordinates))
    return emitOptionalError(report, "operand rois must have ", coordinates,
                             " values per region, got ", perRoi);
  return std::pair{dimOf(rois, 0), dimOf(input, 1)};
}

LogicalResult RoiAlignOp::inferReturnTypes(MLIRContext *, ErrorSink report,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &results) {
  if (failed(checkOneOf(report, "mode", adaptor.getMode(), {"avg", "max"})) ||
      failed(checkOneOf(report, "coordinate_transformation_mode",
                        adaptor.getCoordinateTransformationMode(),
                        {"half_pixel", "output_half_pixel"})))
    return failure();
  FailureOr<int64_t> height =
      readAtLeast(report, "output_height", adaptor.getOutputHeight(), 1);
  FailureOr<int64_t> width =
      readAtLeast(report, "output_width", adaptor.getOutputWidth(), 1);
  if (failed(height) || failed(width) ||
      failed(
          readAtLeast(report, "sampling_ratio", adaptor.getSamplingRatio(), 0)))
    return failure();
  Type batchIndices = adaptor.getBatchIndices().getType();
  FailureOr<std::pair<int64_t, int64_t>> roisAndChannels = checkRoiOperands(
      report, adaptor.getInput().getType(), adaptor.getRois().getType(), 4);
  if (failed(roisAndChannels) ||
      failed(checkRank(report, batchIndices, 1, "batch_indices")))
    return failure();
  FailureOr<int64_t> regions =
      mergeSize(report, roisAndChannels->first, dimOf(batchIndices, 0),
                "batch_indices", "one element per region");
  if (failed(regions))
    return failure();
  results.push_back(RankedTensorType::get(
      {*regions, roisAndChannels->second, *height, *width},
      getElementType(adaptor.getInput().getType())));
  return success();
}

LogicalResult MaxRoiPoolOp::inferReturnTypes(MLIRContext *, ErrorSink report,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &results) {
  ArrayRef<int64_t> pooled = adaptor.getPooledShape();
  if (pooled.size() != 2)
    return emitOptionalError(report,
                             "pooled_shape must have 2 values (height, "
                             "width), got ",
                             pooled.size());
  for (int64_t size : pooled)
    if (size < 1)
      return emitOptionalError(report, "pooled_shape must be positive, got ",
                               size);
  FailureOr<std::pair<int64_t, int64_t>> roisAndChannels = checkRoiOperands(
      report, adaptor.getInput().getType(), adaptor.getRois().getType(), 5);
  if (failed(roisAndChannels))
    return failure();
  results.push_back(RankedTensorType::get(
      {roisAndChannels->first, roisAndChannels->second, pooled[0], pooled[1]},
      getElementType(adaptor.getInput().getType())));
  return success();
}

//===----------------------------------------------------------------------===//
// MaxUnpool
//===----------------------------------------------------------------------===//

/// Checks X, the indices and the window of a MaxUnpool; returns the shape
/// [N, C, O1, ..., On] of its output without `output_shape`.
static FailureOr<SmallVector<int64_t>>
inferUnpoolShape(ErrorSink report, MaxUnpoolOp::Adaptor adaptor) {
  ArrayRef<int64_t> kernel = adaptor.getKernelShape();
  size_t n = kernel.size();
  if (n == 0)
    return emitOptionalError(report, "kernel_shape must not be empty");
  SmallVector<int64_t> kernels, strides, pads;
  if (failed(readSpatialList(report, "kernel_shape", kernel, n, 1, 1, 1,
                             kernels)) ||
      failed(readSpatialList(report, "strides", adaptor.getStrides(), n, 1, 1,
                             1, strides)) ||
      failed(
          readSpatialList(report, "pads", adaptor.getPads(), n, 2, 0, 0, pads)))
    return failure();
  Type input = adaptor.getInput().getType();
  Type indices = adaptor.getIndices().getType();
  if (failed(checkRank(report, input, n + 2, "X")) ||
      failed(checkRank(report, indices, n + 2, "I")))
    return failure();
  SmallVector<int64_t> result;
  for (size_t i = 0; i < n + 2; ++i) {
    int64_t size = dimOf(input, i), fromIndices = dimOf(indices, i);
    if (!compatibleSizes(size, fromIndices))
      return emitOptionalError(report, "operand I must have the shape of X (",
                               input, "), got ", indices);
    size = refineSize(size, fromIndices);
    if (i < 2 || ShapedType::isDynamic(size)) {
      result.push_back(size);
      continue;
    }
    size_t d = i - 2;
    int64_t out = (size - 1) * strides[d] + kernels[d] - pads[d] - pads[d + n];
    if (out < 0)
      return emitOptionalError(report, "spatial dimension ", d,
                               " of the output would have size ", out,
                               "; the pads are too large");
    result.push_back(out);
  }
  return result;
}

LogicalResult MaxUnpoolOp::inferReturnTypes(MLIRContext *, ErrorSink report,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &results) {
  FailureOr<SmallVector<int64_t>> unpooled = inferUnpoolShape(report, adaptor);
  if (failed(unpooled))
    return failure();
  SmallVector<int64_t> shape = std::move(*unpooled);
  int64_t rank = shape.size();
  if (Value outputShape = adaptor.getOutputShape()) {
    if (failed(checkRank(report, outputShape.getType(), 1, "output_shape")))
      return failure();
    int64_t length = dimOf(outputShape.getType(), 0);
    if (!compatibleSizes(length, rank))
      return emitOptionalError(report,
                               "operand output_shape must have one element "
                               "per dimension of X (",
                               rank, "), got ", length);
    std::optional<SmallVector<int64_t>> sizes = getConstantInts(outputShape);
    if (sizes && static_cast<int64_t>(sizes->size()) != rank)
      return emitOptionalError(report,
                               "operand output_shape must have one element "
                               "per dimension of X (",
                               rank, "), got ", sizes->size());
    for (int64_t i = 2; i < rank; ++i) {
      int64_t unpooledSize = shape[i];
      shape[i] = kDynamic;
      if (!sizes)
        continue;
      int64_t size = (*sizes)[i];
      if (size < 0)
        return emitOptionalError(report, "output_shape[", i, "] = ", size,
                                 " is negative");
      if (!ShapedType::isDynamic(unpooledSize) && size < unpooledSize)
        return emitOptionalError(report, "output_shape[", i, "] = ", size,
                                 " is smaller than the unpooled size ",
                                 unpooledSize);
      shape[i] = size;
    }
    for (int64_t i = 0; sizes && i < 2; ++i)
      if (!compatibleSizes(shape[i], (*sizes)[i]))
        return emitOptionalError(report, "output_shape[", i,
                                 "] = ", (*sizes)[i], " differs from X's size ",
                                 shape[i]);
  }
  results.push_back(RankedTensorType::get(
      shape, getElementType(adaptor.getInput().getType())));
  return success();
}

namespace {
/// Drops a constant output_shape that equals the shape without it.
struct DropDefaultOutputShape : OpRewritePattern<MaxUnpoolOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxUnpoolOp op,
                                PatternRewriter &rewriter) const override {
    Value outputShape = op.getOutputShape();
    if (!outputShape)
      return failure();
    std::optional<SmallVector<int64_t>> sizes = getConstantInts(outputShape);
    FailureOr<SmallVector<int64_t>> unpooled =
        inferUnpoolShape(ErrorSink(std::nullopt), MaxUnpoolOp::Adaptor(op));
    if (!sizes || failed(unpooled) || *sizes != *unpooled)
      return failure();
    rewriter.modifyOpInPlace(op, [&] { op.getOutputShapeMutable().clear(); });
    return success();
  }
};
} // namespace

void MaxUnpoolOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                              MLIRContext *context) {
  patterns.add<DropDefaultOutputShape>(context);
}

//===----------------------------------------------------------------------===//
// Col2Im
//===----------------------------------------------------------------------===//

LogicalResult Col2ImOp::inferReturnTypes(MLIRContext *, ErrorSink report,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  ArrayRef<int64_t> image = adaptor.getImageShape();
  ArrayRef<int64_t> block = adaptor.getBlockShape();
  size_t n = image.size();
  if (n == 0)
    return emitOptionalError(report, "image_shape must not be empty");
  SmallVector<int64_t> images, blocks, dilations, pads, strides;
  if (failed(
          readSpatialList(report, "image_shape", image, n, 1, 1, 1, images)) ||
      failed(
          readSpatialList(report, "block_shape", block, n, 1, 1, 1, blocks)) ||
      failed(readSpatialList(report, "dilations", adaptor.getDilations(), n, 1,
                             1, 1, dilations)) ||
      failed(readSpatialList(report, "pads", adaptor.getPads(), n, 2, 0, 0,
                             pads)) ||
      failed(readSpatialList(report, "strides", adaptor.getStrides(), n, 1, 1,
                             1, strides)))
    return failure();
  Type input = adaptor.getInput().getType();
  if (failed(checkRank(report, input, 3, "input")))
    return failure();

  int64_t blockCount = 1, blockSize = 1;
  for (size_t i = 0; i < n; ++i) {
    FailureOr<int64_t> count =
        slidingCount(report, i, images[i], pads[i] + pads[i + n],
                     dilations[i] * (blocks[i] - 1) + 1, strides[i]);
    if (failed(count))
      return failure();
    blockCount *= *count;
    blockSize *= blocks[i];
  }
  int64_t length = dimOf(input, 2);
  if (!compatibleSizes(length, blockCount))
    return emitOptionalError(report,
                             "operand input must have one column per block (",
                             blockCount, "), got ", length);
  int64_t channels = dimOf(input, 1);
  if (!ShapedType::isDynamic(channels)) {
    if (channels % blockSize != 0)
      return emitOptionalError(
          report, "operand input must have a multiple of the block size (",
          blockSize, ") as its dimension 1, got ", channels);
    channels /= blockSize;
  }
  SmallVector<int64_t> shape = {dimOf(input, 0), channels};
  llvm::append_range(shape, images);
  results.push_back(RankedTensorType::get(shape, getElementType(input)));
  return success();
}

//===----------------------------------------------------------------------===//
// Convolution windows (DeformConv, ConvInteger)
//===----------------------------------------------------------------------===//

namespace {
/// X and W of a convolution and its window, checked; sizes are kDynamic
/// where unknown. The kernel sizes are W's refined by kernel_shape.
struct ConvWindow {
  SmallVector<int64_t> input, weight, kernel, strides, pads, dilations;
  size_t rank() const { return strides.size(); }
};

/// The window attributes of a convolution as written.
struct ConvAttrs {
  std::optional<ArrayRef<int64_t>> kernelShape, strides, pads, dilations;
  int64_t group;
};
} // namespace

template <typename Adaptor> static ConvAttrs getConvAttrs(Adaptor adaptor) {
  return {adaptor.getKernelShape(), adaptor.getStrides(), adaptor.getPads(),
          adaptor.getDilations(), static_cast<int64_t>(adaptor.getGroup())};
}

/// Checks X ([N, C, D1, ..., Dn]), W ([M, C / group, k1, ..., kn]), the
/// group and the window; std::nullopt when X and W are both unranked.
static FailureOr<std::optional<ConvWindow>>
analyzeConv(ErrorSink report, Type input, Type weight, const ConvAttrs &attrs) {
  if (attrs.group < 1)
    return emitOptionalError(report, "group must be positive, got ",
                             attrs.group);
  if (failed(checkImageRank(report, input, "X")) ||
      failed(checkImageRank(report, weight, "W")))
    return failure();
  std::optional<int64_t> inputRank = rankOf(input), weightRank = rankOf(weight);
  if (inputRank && weightRank && *inputRank != *weightRank)
    return emitOptionalError(report, "operand W must have the rank of X (",
                             *inputRank, "), got ", *weightRank);
  std::optional<int64_t> rank = inputRank ? inputRank : weightRank;
  if (!rank)
    return std::optional<ConvWindow>();
  size_t n = *rank - 2;
  ConvWindow window;
  for (int64_t i = 0; i < *rank; ++i) {
    window.input.push_back(dimOf(input, i));
    window.weight.push_back(dimOf(weight, i));
  }
  if (failed(readSpatialList(report, "kernel_shape", attrs.kernelShape, n, 1, 1,
                             kDynamic, window.kernel)) ||
      failed(readSpatialList(report, "strides", attrs.strides, n, 1, 1, 1,
                             window.strides)) ||
      failed(readSpatialList(report, "pads", attrs.pads, n, 2, 0, 0,
                             window.pads)) ||
      failed(readSpatialList(report, "dilations", attrs.dilations, n, 1, 1, 1,
                             window.dilations)))
    return failure();
  for (size_t i = 0; i < n; ++i) {
    int64_t fromWeight = window.weight[2 + i];
    if (!compatibleSizes(window.kernel[i], fromWeight))
      return emitOptionalError(report, "kernel_shape[", i,
                               "] = ", window.kernel[i],
                               " differs from W's spatial size ", fromWeight);
    window.kernel[i] = refineSize(window.kernel[i], fromWeight);
  }
  int64_t channels = window.input[1], perGroup = window.weight[1];
  if (!ShapedType::isDynamic(channels) && !ShapedType::isDynamic(perGroup) &&
      channels != perGroup * attrs.group)
    return emitOptionalError(report, "input channels (", channels,
                             ") must equal W.shape[1] * group = ", perGroup,
                             " * ", attrs.group);
  int64_t outChannels = window.weight[0];
  if (!ShapedType::isDynamic(outChannels) && outChannels % attrs.group != 0)
    return emitOptionalError(report, "output channels (", outChannels,
                             ") must be divisible by group (", attrs.group,
                             ")");
  return std::optional<ConvWindow>(std::move(window));
}

/// The extent of the dilated kernel along spatial dimension i, or kDynamic.
static int64_t dilatedKernel(const ConvWindow &window, size_t i) {
  if (ShapedType::isDynamic(window.kernel[i]))
    return kDynamic;
  return window.dilations[i] * (window.kernel[i] - 1) + 1;
}

/// The spatial output sizes of a convolution with explicit pads.
static FailureOr<SmallVector<int64_t>>
convOutputSizes(ErrorSink report, const ConvWindow &window) {
  SmallVector<int64_t> sizes;
  size_t n = window.rank();
  for (size_t i = 0; i < n; ++i) {
    FailureOr<int64_t> size = slidingCount(
        report, i, window.input[2 + i], window.pads[i] + window.pads[i + n],
        dilatedKernel(window, i), window.strides[i]);
    if (failed(size))
      return failure();
    sizes.push_back(*size);
  }
  return sizes;
}

//===----------------------------------------------------------------------===//
// DeformConv
//===----------------------------------------------------------------------===//

LogicalResult DeformConvOp::inferReturnTypes(MLIRContext *, ErrorSink report,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &results) {
  FailureOr<int64_t> offsetGroup =
      readAtLeast(report, "offset_group", adaptor.getOffsetGroup(), 1);
  if (failed(offsetGroup))
    return failure();
  Type input = adaptor.getInput().getType();
  FailureOr<std::optional<ConvWindow>> analyzed = analyzeConv(
      report, input, adaptor.getWeight().getType(), getConvAttrs(adaptor));
  if (failed(analyzed))
    return failure();
  Type elementType = getElementType(input);
  Type offset = adaptor.getOffset().getType();
  Type mask = adaptor.getMask() ? adaptor.getMask().getType() : Type();
  if (!*analyzed) {
    // The rank comes from the offset or the mask when X and W are unranked.
    std::optional<int64_t> rank = rankOf(offset);
    if (!rank && mask)
      rank = rankOf(mask);
    if (!rank) {
      results.push_back(UnrankedTensorType::get(elementType));
      return success();
    }
    Type unknownInput = RankedTensorType::get(
        SmallVector<int64_t>(*rank, kDynamic), elementType);
    analyzed =
        analyzeConv(report, unknownInput, UnrankedTensorType::get(elementType),
                    getConvAttrs(adaptor));
    if (failed(analyzed))
      return failure();
  }
  const ConvWindow &window = **analyzed;
  int64_t rank = window.input.size();
  int64_t channels = window.input[1];
  if (!ShapedType::isDynamic(channels) && channels % *offsetGroup != 0)
    return emitOptionalError(report, "input channels (", channels,
                             ") must be divisible by offset_group (",
                             *offsetGroup, ")");
  FailureOr<SmallVector<int64_t>> spatial = convOutputSizes(report, window);
  if (failed(spatial))
    return failure();

  // Taps per offset group: the product of the kernel sizes.
  int64_t taps = productOrDynamic(window.kernel);
  int64_t batch = window.input[0];
  // The offset and the mask give the batch and the output sizes too.
  for (auto [type, name, perTap] :
       {std::tuple{offset, StringRef("offset"), int64_t(window.rank())},
        std::tuple{mask, StringRef("mask"), int64_t(1)}}) {
    if (!type)
      continue;
    if (failed(checkRank(report, type, rank, name)))
      return failure();
    FailureOr<int64_t> merged =
        mergeSize(report, batch, dimOf(type, 0), name, "the batch size of X");
    if (failed(merged))
      return failure();
    batch = *merged;
    int64_t expected =
        ShapedType::isDynamic(taps) ? kDynamic : *offsetGroup * taps * perTap;
    int64_t actual = dimOf(type, 1);
    if (!compatibleSizes(expected, actual))
      return emitOptionalError(
          report, "operand ", name, " must have offset_group * ",
          perTap == 1 ? "prod(kernel)" : "prod(kernel) * n", " = ", expected,
          " channels, got ", actual);
    for (int64_t i = 0; i + 2 < rank; ++i) {
      FailureOr<int64_t> size =
          mergeSize(report, (*spatial)[i], dimOf(type, 2 + i), name,
                    "the output's spatial size");
      if (failed(size))
        return failure();
      (*spatial)[i] = *size;
    }
  }

  int64_t outChannels = window.weight[0];
  if (Value bias = adaptor.getBias()) {
    if (failed(checkRank(report, bias.getType(), 1, "B")))
      return failure();
    FailureOr<int64_t> merged =
        mergeSize(report, outChannels, dimOf(bias.getType(), 0), "B",
                  "one element per output channel");
    if (failed(merged))
      return failure();
    outChannels = *merged;
  }
  SmallVector<int64_t> shape = {batch, outChannels};
  llvm::append_range(shape, *spatial);
  results.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

//===----------------------------------------------------------------------===//
// ConvInteger
//===----------------------------------------------------------------------===//

namespace {
enum class AutoPad { NotSet, SameUpper, SameLower, Valid };
} // namespace

static FailureOr<AutoPad> parseAutoPad(ErrorSink report, StringRef value) {
  if (failed(checkOneOf(report, "auto_pad", value,
                        {"NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"})))
    return failure();
  return llvm::StringSwitch<AutoPad>(value)
      .Case("SAME_UPPER", AutoPad::SameUpper)
      .Case("SAME_LOWER", AutoPad::SameLower)
      .Case("VALID", AutoPad::Valid)
      .Default(AutoPad::NotSet);
}

/// The explicit pads equivalent to `autoPad` over the window's spatial
/// input sizes; std::nullopt unless they and the kernel sizes are known.
static std::optional<SmallVector<int64_t>>
getExplicitPads(const ConvWindow &window, AutoPad autoPad) {
  size_t n = window.rank();
  SmallVector<int64_t> pads(2 * n, 0);
  if (autoPad == AutoPad::NotSet)
    return window.pads;
  for (size_t i = 0; autoPad != AutoPad::Valid && i < n; ++i) {
    int64_t in = window.input[2 + i], kernel = dilatedKernel(window, i);
    int64_t stride = window.strides[i];
    if (ShapedType::isDynamic(in) || ShapedType::isDynamic(kernel))
      return std::nullopt;
    int64_t out = (in + stride - 1) / stride;
    int64_t total = std::max<int64_t>(0, (out - 1) * stride + kernel - in);
    int64_t small = total / 2, large = total - small;
    // The odd element goes to the end for SAME_UPPER.
    pads[i] = autoPad == AutoPad::SameUpper ? small : large;
    pads[i + n] = autoPad == AutoPad::SameUpper ? large : small;
  }
  return pads;
}

/// Checks a zero point of operand `of` (element type `elementType`): a
/// scalar, or with `perChannel` also one value per output channel.
static LogicalResult checkZeroPoint(ErrorSink report, Value zeroPoint,
                                    StringRef name, StringRef of,
                                    Type elementType, bool perChannel,
                                    int64_t channels) {
  if (!zeroPoint)
    return success();
  Type type = zeroPoint.getType();
  if (getElementType(type) != elementType)
    return emitOptionalError(report, "operand ", name,
                             " must have the "
                             "element type of ",
                             of, " (", elementType, "), got ",
                             getElementType(type));
  std::optional<int64_t> rank = rankOf(type);
  if (!rank || *rank == 0)
    return success();
  int64_t size = dimOf(type, 0);
  if (*rank == 1 && (size == 1 || ShapedType::isDynamic(size) ||
                     (perChannel && compatibleSizes(size, channels))))
    return success();
  if (perChannel)
    return emitOptionalError(report, "operand ", name,
                             " must be a scalar or have one element per "
                             "output channel (",
                             channels, "), got ", type);
  return emitOptionalError(report, "operand ", name, " must be a scalar, got ",
                           type);
}

LogicalResult ConvIntegerOp::inferReturnTypes(MLIRContext *context,
                                              ErrorSink report, Adaptor adaptor,
                                              SmallVectorImpl<Type> &results) {
  FailureOr<AutoPad> autoPad = parseAutoPad(report, adaptor.getAutoPad());
  if (failed(autoPad))
    return failure();
  if (*autoPad != AutoPad::NotSet && adaptor.getPads())
    return emitOptionalError(report, "pads must not be given with auto_pad = ",
                             adaptor.getAutoPad());
  Type input = adaptor.getInput().getType();
  Type weight = adaptor.getWeight().getType();
  FailureOr<std::optional<ConvWindow>> analyzed =
      analyzeConv(report, input, weight, getConvAttrs(adaptor));
  if (failed(analyzed))
    return failure();
  int64_t outChannels = *analyzed ? (**analyzed).weight[0] : kDynamic;
  if (failed(checkZeroPoint(report, adaptor.getXZeroPoint(), "x_zero_point",
                            "x", getElementType(input), false, outChannels)) ||
      failed(checkZeroPoint(report, adaptor.getWZeroPoint(), "w_zero_point",
                            "w", getElementType(weight), true, outChannels)))
    return failure();
  Type i32 = IntegerType::get(context, 32);
  if (!*analyzed) {
    results.push_back(UnrankedTensorType::get(i32));
    return success();
  }
  const ConvWindow &window = **analyzed;
  SmallVector<int64_t> shape = {window.input[0], outChannels};
  if (*autoPad == AutoPad::SameUpper || *autoPad == AutoPad::SameLower) {
    for (size_t i = 0; i < window.rank(); ++i) {
      int64_t in = window.input[2 + i], stride = window.strides[i];
      shape.push_back(ShapedType::isDynamic(in) ? kDynamic
                                                : (in + stride - 1) / stride);
    }
  } else {
    FailureOr<SmallVector<int64_t>> spatial = convOutputSizes(report, window);
    if (failed(spatial))
      return failure();
    llvm::append_range(shape, *spatial);
  }
  results.push_back(RankedTensorType::get(shape, i32));
  return success();
}

namespace {
/// Rewrites auto_pad SAME_UPPER, SAME_LOWER or VALID into explicit pads.
struct MakeConvIntegerPadsExplicit : OpRewritePattern<ConvIntegerOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvIntegerOp op,
                                PatternRewriter &rewriter) const override {
    ErrorSink silent(std::nullopt);
    FailureOr<AutoPad> autoPad = parseAutoPad(silent, op.getAutoPad());
    if (failed(autoPad) || *autoPad == AutoPad::NotSet)
      return failure();
    FailureOr<std::optional<ConvWindow>> analyzed =
        analyzeConv(silent, op.getInput().getType(), op.getWeight().getType(),
                    getConvAttrs(ConvIntegerOp::Adaptor(op)));
    if (failed(analyzed) || !*analyzed)
      return failure();
    std::optional<SmallVector<int64_t>> pads =
        getExplicitPads(**analyzed, *autoPad);
    if (!pads)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      if (llvm::all_of(*pads, [](int64_t pad) { return pad == 0; }))
        op.removePadsAttr();
      else
        op.setPads(*pads);
      op.setAutoPad("NOTSET");
    });
    return success();
  }
};

/// Drops zero points that are constant zeros.
struct DropZeroZeroPoints : OpRewritePattern<ConvIntegerOp> {
  using OpRewritePattern::OpRewritePattern;
  static bool isZero(Value value) {
    std::optional<SmallVector<int64_t>> values =
        value ? getConstantInts(value) : std::nullopt;
    return values && llvm::all_of(*values, [](int64_t v) { return v == 0; });
  }
  LogicalResult matchAndRewrite(ConvIntegerOp op,
                                PatternRewriter &rewriter) const override {
    bool x = isZero(op.getXZeroPoint()), w = isZero(op.getWZeroPoint());
    if (!x && !w)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      if (w)
        op.getWZeroPointMutable().clear();
      if (x)
        op.getXZeroPointMutable().clear();
    });
    return success();
  }
};
} // namespace

void ConvIntegerOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                                MLIRContext *context) {
  patterns.add<MakeConvIntegerPadsExplicit, DropZeroZeroPoints>(context);
}
