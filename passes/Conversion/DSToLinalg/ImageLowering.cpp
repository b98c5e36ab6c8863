//===- ImageLowering.cpp - ds Image ops to linalg -----------------------===//
//
// Part of ds. The lowering of the Image family (dialects/ds/ImageOps.td),
// every op over any number of spatial dimensions unless said otherwise:
//
// * ds.conv_integer: the operands less their zero points, widened to i32 by
//   linalg.generic ops (per output channel for a [M] weight zero point),
//   then the convolution of ds.conv (ConvLoweringUtils.h) in i32 over
//   zero padding.
// * ds.col2_im: a gather, not a scatter: a linalg.generic over the image
//   and the block taps (reduction) sums, for each pixel, the column entries
//   of the blocks that cover it (those whose position is a multiple of the
//   stride), read with tensor.extract.
// * ds.max_unpool: a scatter, inherently sequential where indices repeat
//   (the last write wins, as in the reference): an scf.for over the input
//   inserting into the zero output [N, C, O...] at the position of each flat
//   index, zero-padded to `output_shape`.
// * ds.affine_grid (2-D and 3-D): a linalg.generic over the grid computing
//   theta times the homogeneous base coordinates in f64 (as the ONNX
//   reference does) from the output index, read theta with tensor.extract.
// * ds.grid_sample: a linalg.generic over the output that denormalizes the
//   grid position, applies the padding mode to it and reads the 1, 2^r
//   (linear) or 4^r (cubic) input pixels with tensor.extract, with the
//   reference's tap order and coefficients.
// * ds.roi_align (2-D) and ds.max_roi_pool (2-D): a linalg.generic over the
//   output whose body loops (scf.for) over the samples or pixels of its
//   bin, whose number depends on the region.
// * ds.deform_conv: a linalg.generic gathering the bilinearly sampled,
//   masked input [N, C, k..., O...] at the offset kernel taps, then a
//   grouped contraction with the weight (linalg.generic), plus the bias.
//
// The ops with scf loops are lowered only when the scf dialect is loaded
// (the pass does not declare it; ds-opt and ds-compile load it with linalg
// through the registered dialect extensions, and the ds-lower-to-llvm
// pipeline depends on it), never building ops of an unloaded dialect.
// Left unlowered: unsigned element types other than the 8-bit ConvInteger
// operands (arith works on signless integers), integer GridSample images,
// dynamic kernel sizes, DeformConv with a dynamic weight shape, and grouped
// ConvInteger with dynamic weight channels (the grouped forms split them
// statically).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/ConvLoweringUtils.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {
namespace {
using namespace conv_lowering;

//===----------------------------------------------------------------------===//
// Scalar helpers
//===----------------------------------------------------------------------===//

Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

Value floatConstant(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, value));
}

/// An index value as a float of `type`.
Value indexToFloat(OpBuilder &b, Location loc, Value index, Type type) {
  Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), index);
  return arith::SIToFPOp::create(b, loc, type, i64);
}

/// A float truncated toward zero to an index value.
Value floatToIndex(OpBuilder &b, Location loc, Value value) {
  Value i64 = arith::FPToSIOp::create(b, loc, b.getI64Type(), value);
  return arith::IndexCastOp::create(b, loc, b.getIndexType(), i64);
}

/// An integer of any width as an index value.
Value integerToIndex(OpBuilder &b, Location loc, Value value) {
  return arith::IndexCastOp::create(b, loc, b.getIndexType(), value);
}

/// `value` converted between float types (extended or truncated).
Value convertFloat(OpBuilder &b, Location loc, Value value, Type type) {
  unsigned from = value.getType().getIntOrFloatBitWidth();
  unsigned to = type.getIntOrFloatBitWidth();
  if (value.getType() == type)
    return value;
  if (from < to)
    return arith::ExtFOp::create(b, loc, type, value);
  return arith::TruncFOp::create(b, loc, type, value);
}

Value clampIndex(OpBuilder &b, Location loc, Value index, Value size) {
  Value zero = indexConstant(b, loc, 0);
  Value last = arith::SubIOp::create(b, loc, size, indexConstant(b, loc, 1));
  return arith::MinSIOp::create(
      b, loc, arith::MaxSIOp::create(b, loc, index, zero), last);
}

Value inRange(OpBuilder &b, Location loc, Value index, Value size) {
  Value zero = indexConstant(b, loc, 0);
  return arith::AndIOp::create(
      b, loc,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, index, zero),
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, index, size));
}

Value allOf(OpBuilder &b, Location loc, ArrayRef<Value> conditions) {
  Value result;
  for (Value condition : conditions)
    result = result
                 ? arith::AndIOp::create(b, loc, result, condition).getResult()
                 : condition;
  return result;
}

SmallVector<utils::IteratorType> parallelIterators(int64_t count) {
  return SmallVector<utils::IteratorType>(count, utils::IteratorType::parallel);
}

/// The sizes of `value` as index values.
SmallVector<Value> dimValues(OpBuilder &b, Location loc, Value value) {
  SmallVector<Value> sizes;
  for (OpFoldResult size : tensor::getMixedSizes(b, loc, value))
    sizes.push_back(getValueOrCreateConstantIndexOp(b, loc, size));
  return sizes;
}

/// An empty tensor of `type`; its dynamic sizes are `sizes` at those
/// positions.
Value emptyOf(OpBuilder &b, Location loc, RankedTensorType type,
              ArrayRef<Value> sizes) {
  SmallVector<Value> dynamic;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamic.push_back(sizes[d]);
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(),
                                 dynamic);
}

/// A linalg.generic writing every element of `init` from the indices of
/// the iteration alone (no inputs); `body` gets the builder and location
/// and returns the value.
Value generate(OpBuilder &b, Location loc, Value init,
               function_ref<Value(OpBuilder &, Location)> body) {
  int64_t rank = cast<RankedTensorType>(init.getType()).getRank();
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank)};
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{}, ValueRange{init},
             maps, parallelIterators(rank),
             [&](OpBuilder &nb, Location nloc, ValueRange) {
               linalg::YieldOp::create(nb, nloc, body(nb, nloc));
             })
      .getResult(0);
}

SmallVector<Value> loopIndices(OpBuilder &b, Location loc, int64_t first,
                               int64_t count) {
  SmallVector<Value> indices;
  for (int64_t d = first; d < first + count; ++d)
    indices.push_back(linalg::IndexOp::create(b, loc, d));
  return indices;
}

bool scfLoaded(MLIRContext *context) {
  return context->getLoadedDialect<scf::SCFDialect>() != nullptr;
}

//===----------------------------------------------------------------------===//
// ConvInteger
//===----------------------------------------------------------------------===//

/// ds.conv_integer -> centered i32 operands, zero tensor.pad, convolve().
struct LowerConvInteger : OpRewritePattern<ConvIntegerOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvIntegerOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto weightType = dyn_cast<RankedTensorType>(op.getWeight().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getOutput().getType());
    if (!inputType || !weightType || !resultType || inputType.getRank() < 3 ||
        inputType.getRank() > 5 ||
        weightType.getRank() != inputType.getRank() ||
        resultType.getRank() != inputType.getRank())
      return rewriter.notifyMatchFailure(op, "not a ranked 1-D, 2-D or 3-D "
                                             "convolution");
    ArrayRef<int64_t> kernel = weightType.getShape().drop_front(2);
    if (ShapedType::isDynamicShape(kernel))
      return rewriter.notifyMatchFailure(op, "dynamic kernel size");
    int64_t group = op.getGroup();
    if (group != 1 &&
        (weightType.isDynamicDim(0) || weightType.isDynamicDim(1)))
      return rewriter.notifyMatchFailure(
          op, "grouped convolution with dynamic weight channels");
    for (Value zeroPoint : {op.getXZeroPoint(), op.getWZeroPoint()}) {
      if (!zeroPoint)
        continue;
      auto type = dyn_cast<RankedTensorType>(zeroPoint.getType());
      if (!type || type.getRank() > 1)
        return rewriter.notifyMatchFailure(op, "zero point of rank above 1");
    }

    Location loc = op.getLoc();
    Type i32 = rewriter.getI32Type();
    Value input = center(rewriter, loc, op.getInput(), op.getXZeroPoint(),
                         /*perChannel=*/false);
    Value weight = center(rewriter, loc, op.getWeight(), op.getWZeroPoint(),
                          /*perChannel=*/true);
    FailureOr<SpatialWindow> window =
        getSpatialWindow(rewriter, loc, input, kernel, op.getStrides(),
                         op.getPads(), op.getDilations(), op.getAutoPad());
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    Value zero = arith::ConstantOp::create(rewriter, loc, i32,
                                           rewriter.getI32IntegerAttr(0));
    Value padded = padSpatial(rewriter, loc, input, window->padBegin,
                              window->padEnd, zero);
    Value init =
        fill(rewriter, loc, zero,
             emptyWindowResult(rewriter, loc, resultType, padded,
                               tensor::getMixedSize(rewriter, loc, weight, 0),
                               *window));
    FailureOr<Value> result =
        convolve(rewriter, loc, padded, weight, init, window->strides,
                 window->dilations, group);
    if (failed(result))
      return rewriter.notifyMatchFailure(op, "unsupported convolution");
    rewriter.replaceOp(op, *result);
    return success();
  }

  /// `tensor` (i8 or ui8) widened to i32 less `zeroPoint` (a scalar, or with
  /// `perChannel` one value per index of dimension 0).
  static Value center(OpBuilder &b, Location loc, Value tensor, Value zeroPoint,
                      bool perChannel) {
    MLIRContext *context = b.getContext();
    auto type = cast<RankedTensorType>(tensor.getType());
    int64_t rank = type.getRank();
    Type i32 = b.getI32Type();
    SmallVector<Value> inputs = {tensor};
    SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank)};
    if (zeroPoint) {
      auto zeroType = cast<RankedTensorType>(zeroPoint.getType());
      SmallVector<AffineExpr> exprs;
      if (zeroType.getRank() == 1)
        exprs.push_back(perChannel && zeroType.getDimSize(0) != 1
                            ? getAffineDimExpr(0, context)
                            : getAffineConstantExpr(0, context));
      inputs.push_back(zeroPoint);
      maps.push_back(AffineMap::get(rank, 0, exprs, context));
    }
    maps.push_back(b.getMultiDimIdentityMap(rank));
    Value empty = tensor::EmptyOp::create(
        b, loc, tensor::getMixedSizes(b, loc, tensor), i32);
    return linalg::GenericOp::create(
               b, loc, TypeRange{empty.getType()}, inputs, ValueRange{empty},
               maps, parallelIterators(rank),
               [&](OpBuilder &nb, Location nloc, ValueRange args) {
                 Value value = widen(nb, nloc, args[0]);
                 if (zeroPoint)
                   value = arith::SubIOp::create(nb, nloc, value,
                                                 widen(nb, nloc, args[1]));
                 linalg::YieldOp::create(nb, nloc, value);
               })
        .getResult(0);
  }

  /// An i8 or ui8 scalar as i32 (unsigned ones through their signless
  /// reinterpretation: arith works on signless integers).
  static Value widen(OpBuilder &b, Location loc, Value value) {
    auto type = cast<IntegerType>(value.getType());
    Type i32 = b.getI32Type();
    if (type.isSignless())
      return arith::ExtSIOp::create(b, loc, i32, value);
    Type signless = b.getIntegerType(type.getWidth());
    Value cast = UnrealizedConversionCastOp::create(b, loc, TypeRange{signless},
                                                    ValueRange{value})
                     .getResult(0);
    if (type.isUnsigned())
      return arith::ExtUIOp::create(b, loc, i32, cast);
    return arith::ExtSIOp::create(b, loc, i32, cast);
  }
};

//===----------------------------------------------------------------------===//
// Col2Im
//===----------------------------------------------------------------------===//

/// ds.col2_im -> a generic over (n, c, i..., k...) that adds, for each image
/// position i and block tap k, the column entry of the block at
/// (i + pad_begin - k * dilation) / stride when that is a whole block
/// position:
///   image[n, c, i] += input[n, c * prod(B) + k, linear(block)].
struct LowerCol2Im : OpRewritePattern<Col2ImOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(Col2ImOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getOutput().getType());
    ArrayRef<int64_t> image = op.getImageShape(), block = op.getBlockShape();
    int64_t n = image.size();
    if (!inputType || !resultType || inputType.getRank() != 3 ||
        resultType.getRank() != n + 2 ||
        static_cast<int64_t>(block.size()) != n)
      return rewriter.notifyMatchFailure(op, "not a ranked col2im");
    Type elementType = resultType.getElementType();
    if (!isa<FloatType>(elementType) && !elementType.isSignlessInteger())
      return rewriter.notifyMatchFailure(op, "unsigned element type");
    SmallVector<int64_t> strides(n, 1), dilations(n, 1), pads(2 * n, 0);
    if (std::optional<ArrayRef<int64_t>> attr = op.getStrides())
      strides.assign(attr->begin(), attr->end());
    if (std::optional<ArrayRef<int64_t>> attr = op.getDilations())
      dilations.assign(attr->begin(), attr->end());
    if (std::optional<ArrayRef<int64_t>> attr = op.getPads())
      pads.assign(attr->begin(), attr->end());
    if (static_cast<int64_t>(strides.size()) != n ||
        static_cast<int64_t>(dilations.size()) != n ||
        static_cast<int64_t>(pads.size()) != 2 * n)
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    // The number of block positions along each dimension.
    SmallVector<int64_t> positions;
    for (int64_t i = 0; i < n; ++i)
      positions.push_back((image[i] + pads[i] + pads[n + i] -
                           (dilations[i] * (block[i] - 1) + 1)) /
                              strides[i] +
                          1);

    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = op.getInput();
    SmallVector<Value> inputSizes = dimValues(rewriter, loc, input);
    // The channels of the image: the column rows over the block size.
    int64_t blockSize = 1;
    for (int64_t size : block)
      blockSize *= size;
    SmallVector<Value> sizes = {
        inputSizes[0],
        arith::DivUIOp::create(rewriter, loc, inputSizes[1],
                               indexConstant(rewriter, loc, blockSize))};
    for (int64_t size : image)
      sizes.push_back(indexConstant(rewriter, loc, size));
    Value zero =
        isa<FloatType>(elementType)
            ? floatConstant(rewriter, loc, elementType, 0.0)
            : arith::ConstantOp::create(rewriter, loc, elementType,
                                        rewriter.getIntegerAttr(elementType, 0))
                  .getResult();
    Value init =
        fill(rewriter, loc, zero, emptyOf(rewriter, loc, resultType, sizes));
    Value taps = tensor::EmptyOp::create(rewriter, loc, block, elementType);

    int64_t numDims = 2 + 2 * n;
    SmallVector<AffineExpr> tapExprs, outExprs;
    for (int64_t d = 0; d < 2 + n; ++d)
      outExprs.push_back(getAffineDimExpr(d, context));
    for (int64_t i = 0; i < n; ++i)
      tapExprs.push_back(getAffineDimExpr(2 + n + i, context));
    SmallVector<AffineMap> maps = {
        AffineMap::get(numDims, 0, tapExprs, context),
        AffineMap::get(numDims, 0, outExprs, context)};
    SmallVector<utils::IteratorType> iterators = parallelIterators(2 + n);
    iterators.append(n, utils::IteratorType::reduction);
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{resultType}, ValueRange{taps},
            ValueRange{init}, maps, iterators,
            [&](OpBuilder &b, Location l, ValueRange args) {
              SmallVector<Value> valid;
              Value row = linalg::IndexOp::create(b, l, 1);
              row = arith::MulIOp::create(b, l, row,
                                          indexConstant(b, l, blockSize));
              Value tapIndex, column;
              for (int64_t i = 0; i < n; ++i) {
                Value position = linalg::IndexOp::create(b, l, 2 + i);
                Value tap = linalg::IndexOp::create(b, l, 2 + n + i);
                Value start = arith::SubIOp::create(
                    b, l,
                    arith::AddIOp::create(b, l, position,
                                          indexConstant(b, l, pads[i])),
                    arith::MulIOp::create(b, l, tap,
                                          indexConstant(b, l, dilations[i])));
                Value stride = indexConstant(b, l, strides[i]);
                Value blockIndex = arith::DivSIOp::create(b, l, start, stride);
                valid.push_back(inRange(
                    b, l, start,
                    indexConstant(b, l, (positions[i] - 1) * strides[i] + 1)));
                valid.push_back(arith::CmpIOp::create(
                    b, l, arith::CmpIPredicate::eq,
                    arith::RemSIOp::create(b, l, start, stride),
                    indexConstant(b, l, 0)));
                blockIndex = clampIndex(b, l, blockIndex,
                                        indexConstant(b, l, positions[i]));
                tapIndex = tapIndex ? arith::AddIOp::create(
                                          b, l,
                                          arith::MulIOp::create(
                                              b, l, tapIndex,
                                              indexConstant(b, l, block[i])),
                                          tap)
                                          .getResult()
                                    : tap;
                column = column ? arith::AddIOp::create(
                                      b, l,
                                      arith::MulIOp::create(
                                          b, l, column,
                                          indexConstant(b, l, positions[i])),
                                      blockIndex)
                                      .getResult()
                                : blockIndex;
              }
              row = arith::AddIOp::create(b, l, row, tapIndex);
              Value value = tensor::ExtractOp::create(
                  b, l, input,
                  ValueRange{linalg::IndexOp::create(b, l, 0), row, column});
              value = arith::SelectOp::create(b, l, allOf(b, l, valid), value,
                                              zero);
              Value sum =
                  isa<FloatType>(elementType)
                      ? arith::AddFOp::create(b, l, args[1], value).getResult()
                      : arith::AddIOp::create(b, l, args[1], value).getResult();
              linalg::YieldOp::create(b, l, sum);
            })
            .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// MaxUnpool
//===----------------------------------------------------------------------===//

//// ds.max_unpool -> an scf.for over the flattened input inserting each
/// value at the position of its flat index in a zero tensor of the unpooled
/// shape [N, C, O...] (indices outside it are skipped), zero-padded at the
/// end to `output_shape`.
struct LowerMaxUnpool : OpRewritePattern<MaxUnpoolOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MaxUnpoolOp op,
                                PatternRewriter &rewriter) const override {
    if (!scfLoaded(op->getContext()))
      return rewriter.notifyMatchFailure(op, "the scf dialect is not loaded");
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto indicesType = dyn_cast<RankedTensorType>(op.getIndices().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getOutput().getType());
    if (!inputType || !indicesType || !resultType ||
        indicesType.getRank() != inputType.getRank() ||
        resultType.getRank() != inputType.getRank())
      return rewriter.notifyMatchFailure(op, "not ranked");
    int64_t rank = inputType.getRank(), n = rank - 2;
    ArrayRef<int64_t> kernel = op.getKernelShape();
    SmallVector<int64_t> strides(n, 1), pads(2 * n, 0);
    if (std::optional<ArrayRef<int64_t>> attr = op.getStrides())
      strides.assign(attr->begin(), attr->end());
    if (std::optional<ArrayRef<int64_t>> attr = op.getPads())
      pads.assign(attr->begin(), attr->end());
    if (static_cast<int64_t>(kernel.size()) != n ||
        static_cast<int64_t>(strides.size()) != n ||
        static_cast<int64_t>(pads.size()) != 2 * n)
      return rewriter.notifyMatchFailure(op, "malformed window attributes");

    Location loc = op.getLoc();
    Type elementType = inputType.getElementType();
    Value input = op.getInput();
    SmallVector<Value> inputSizes = dimValues(rewriter, loc, input);
    // The unpooled shape: O = (D - 1) * stride + kernel - pads.
    SmallVector<Value> sizes = {inputSizes[0], inputSizes[1]};
    SmallVector<int64_t> shape(inputType.getShape().take_front(2));
    for (int64_t i = 0; i < n; ++i) {
      int64_t d = inputType.getDimSize(2 + i);
      int64_t offset = kernel[i] - pads[i] - pads[n + i] - strides[i];
      shape.push_back(ShapedType::isDynamic(d) ? ShapedType::kDynamic
                                               : d * strides[i] + offset);
      sizes.push_back(arith::AddIOp::create(
          rewriter, loc,
          arith::MulIOp::create(rewriter, loc, inputSizes[2 + i],
                                indexConstant(rewriter, loc, strides[i])),
          indexConstant(rewriter, loc, offset)));
    }
    Value total = sizes[0], count = inputSizes[0];
    for (int64_t d = 1; d < rank; ++d) {
      total = arith::MulIOp::create(rewriter, loc, total, sizes[d]);
      count = arith::MulIOp::create(rewriter, loc, count, inputSizes[d]);
    }
    Value zero = floatConstant(rewriter, loc, elementType, 0.0);
    auto unpooledType = RankedTensorType::get(shape, elementType);
    Value output =
        fill(rewriter, loc, zero, emptyOf(rewriter, loc, unpooledType, sizes));
    // The input and indices are read flat; the output is written at the
    // row-major position of each flat index (an output expanded from a flat
    // tensor would need an expand_shape with several dynamic sizes in one
    // group, which expand-strided-metadata cannot handle in MLIR 22).
    SmallVector<ReassociationIndices> all = {
        llvm::to_vector(llvm::seq<int64_t>(0, rank))};
    Value values = tensor::CollapseShapeOp::create(rewriter, loc, input, all);
    Value indices =
        tensor::CollapseShapeOp::create(rewriter, loc, op.getIndices(), all);
    auto loop = scf::ForOp::create(
        rewriter, loc, indexConstant(rewriter, loc, 0), count,
        indexConstant(rewriter, loc, 1), ValueRange{output},
        [&](OpBuilder &b, Location l, Value i, ValueRange iterArgs) {
          Value value = tensor::ExtractOp::create(b, l, values, i);
          Value index =
              integerToIndex(b, l, tensor::ExtractOp::create(b, l, indices, i));
          auto inside = scf::IfOp::create(
              b, l, inRange(b, l, index, total),
              [&](OpBuilder &tb, Location tl) {
                SmallVector<Value> position(rank);
                Value rest = index;
                for (int64_t d = rank - 1; d >= 0; --d) {
                  position[d] = arith::RemUIOp::create(tb, tl, rest, sizes[d]);
                  rest = arith::DivUIOp::create(tb, tl, rest, sizes[d]);
                }
                scf::YieldOp::create(tb, tl,
                                     tensor::InsertOp::create(
                                         tb, tl, value, iterArgs[0], position)
                                         .getResult());
              },
              [&](OpBuilder &eb, Location el) {
                scf::YieldOp::create(eb, el, iterArgs[0]);
              });
          scf::YieldOp::create(b, l, inside.getResult(0));
        });
    Value result = loop.getResult(0);
    if (Value outputShape = op.getOutputShape()) {
      SmallVector<OpFoldResult> low(rank, rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> high(rank, rewriter.getIndexAttr(0));
      for (int64_t d = 2; d < rank; ++d) {
        Value wanted =
            integerToIndex(rewriter, loc,
                           tensor::ExtractOp::create(
                               rewriter, loc, outputShape,
                               ValueRange{indexConstant(rewriter, loc, d)}));
        high[d] =
            arith::SubIOp::create(rewriter, loc, wanted, sizes[d]).getResult();
      }
      result =
          tensor::PadOp::create(rewriter, loc, Type(), result, low, high, zero);
    }
    if (result.getType() != resultType)
      result = tensor::CastOp::create(rewriter, loc, resultType, result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// AffineGrid
//===----------------------------------------------------------------------===//

/// ds.affine_grid -> a generic over [N, S..., r] computing
/// sum_k theta[n, j, k] * base[k] in f64, base = (the positions of the
/// spatial indices, innermost first, and 1), positions
/// -1 + 2 i / (S - 1) (align_corners; -1 when S = 1) or
/// -1 + (2 i + 1) / S.
struct LowerAffineGrid : OpRewritePattern<AffineGridOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AffineGridOp op,
                                PatternRewriter &rewriter) const override {
    auto thetaType = dyn_cast<RankedTensorType>(op.getTheta().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getGrid().getType());
    if (!thetaType || !resultType || thetaType.getRank() != 3 ||
        (resultType.getRank() != 4 && resultType.getRank() != 5))
      return rewriter.notifyMatchFailure(op, "not a ranked 2-D or 3-D grid");
    int64_t r = resultType.getRank() - 2;
    Type elementType = resultType.getElementType();
    Location loc = op.getLoc();
    Value theta = op.getTheta();
    Value size = op.getSize();
    SmallVector<Value> sizes = {getValueOrCreateConstantIndexOp(
        rewriter, loc, tensor::getMixedSize(rewriter, loc, theta, 0))};
    for (int64_t i = 0; i < r; ++i)
      sizes.push_back(
          integerToIndex(rewriter, loc,
                         tensor::ExtractOp::create(
                             rewriter, loc, size,
                             ValueRange{indexConstant(rewriter, loc, 2 + i)})));
    sizes.push_back(indexConstant(rewriter, loc, r));
    Value init = emptyOf(rewriter, loc, resultType, sizes);
    bool alignCorners = op.getAlignCorners();
    Type f64 = rewriter.getF64Type();
    Value result = generate(rewriter, loc, init, [&](OpBuilder &b, Location l) {
      Value batch = linalg::IndexOp::create(b, l, 0);
      Value row = linalg::IndexOp::create(b, l, r + 1);
      Value one = floatConstant(b, l, f64, 1.0);
      Value two = floatConstant(b, l, f64, 2.0);
      Value sum;
      for (int64_t k = 0; k <= r; ++k) {
        // base[k]: the position along spatial dimension r - 1 - k, or 1.
        Value base = one;
        if (k < r) {
          int64_t d = r - 1 - k;
          Value index =
              indexToFloat(b, l, linalg::IndexOp::create(b, l, 1 + d), f64);
          Value extent = indexToFloat(b, l, sizes[1 + d], f64);
          if (alignCorners) {
            Value span = arith::SubFOp::create(b, l, extent, one);
            Value step = arith::DivFOp::create(b, l, two, span);
            Value position = arith::SubFOp::create(
                b, l, arith::MulFOp::create(b, l, index, step), one);
            Value single = arith::CmpFOp::create(
                b, l, arith::CmpFPredicate::OLE, extent, one);
            base = arith::SelectOp::create(
                b, l, single, floatConstant(b, l, f64, -1.0), position);
          } else {
            Value step = arith::DivFOp::create(b, l, two, extent);
            Value start =
                arith::AddFOp::create(b, l, floatConstant(b, l, f64, -1.0),
                                      arith::DivFOp::create(b, l, step, two));
            base = arith::AddFOp::create(
                b, l, start, arith::MulFOp::create(b, l, index, step));
          }
        }
        Value coefficient = tensor::ExtractOp::create(
            b, l, theta, ValueRange{batch, row, indexConstant(b, l, k)});
        Value term = arith::MulFOp::create(
            b, l, convertFloat(b, l, coefficient, f64), base);
        sum = sum ? arith::AddFOp::create(b, l, sum, term).getResult() : term;
      }
      return convertFloat(b, l, sum, elementType);
    });
    if (result.getType() != resultType)
      result = tensor::CastOp::create(rewriter, loc, resultType, result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// GridSample
//===----------------------------------------------------------------------===//

/// Reflects `x` at the borders lo and hi until it lies between them, as the
/// ONNX reference does (lo when the range is empty).
Value reflect(OpBuilder &b, Location loc, Value x, Value lo, Value hi) {
  Type type = x.getType();
  Value range = arith::SubFOp::create(b, loc, hi, lo);
  auto fold = [&](Value distance, Value near, Value far, bool below) {
    // n whole ranges and a rest r: even n lands r from the near border,
    // odd n r from the far one.
    Value turns = math::FloorOp::create(
        b, loc, arith::DivFOp::create(b, loc, distance, range));
    Value rest = arith::SubFOp::create(
        b, loc, distance, arith::MulFOp::create(b, loc, turns, range));
    Value half =
        arith::MulFOp::create(b, loc, turns, floatConstant(b, loc, type, 0.5));
    Value even =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ,
                              math::FloorOp::create(b, loc, half), half);
    Value fromNear =
        below ? arith::AddFOp::create(b, loc, near, rest).getResult()
              : arith::SubFOp::create(b, loc, near, rest).getResult();
    Value fromFar = below
                        ? arith::SubFOp::create(b, loc, far, rest).getResult()
                        : arith::AddFOp::create(b, loc, far, rest).getResult();
    return arith::SelectOp::create(b, loc, even, fromNear, fromFar).getResult();
  };
  Value below = fold(arith::SubFOp::create(b, loc, lo, x), lo, hi, true);
  Value above = fold(arith::SubFOp::create(b, loc, x, hi), hi, lo, false);
  Value result = arith::SelectOp::create(
      b, loc, arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, lo),
      below,
      arith::SelectOp::create(
          b, loc,
          arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, hi),
          above, x));
  Value empty = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLE, range,
                                      floatConstant(b, loc, type, 0.0));
  return arith::SelectOp::create(b, loc, empty, lo, result);
}

/// ds.grid_sample -> a generic over [N, C, O...] (see the file comment).
struct LowerGridSample : OpRewritePattern<GridSampleOp> {
  using OpRewritePattern::OpRewritePattern;

  enum class Mode { Nearest, Linear, Cubic };
  enum class Padding { Zeros, Border, Reflection };

  LogicalResult matchAndRewrite(GridSampleOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto gridType = dyn_cast<RankedTensorType>(op.getGrid().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getOutput().getType());
    if (!inputType || !gridType || !resultType || inputType.getRank() < 3 ||
        gridType.getRank() != inputType.getRank() ||
        resultType.getRank() != inputType.getRank())
      return rewriter.notifyMatchFailure(op, "not ranked");
    Type elementType = inputType.getElementType();
    if (!isa<FloatType>(elementType))
      return rewriter.notifyMatchFailure(op, "not a float image");
    std::optional<Mode> mode =
        llvm::StringSwitch<std::optional<Mode>>(op.getMode())
            .Case("nearest", Mode::Nearest)
            .Case("linear", Mode::Linear)
            .Case("cubic", Mode::Cubic)
            .Default(std::nullopt);
    std::optional<Padding> padding =
        llvm::StringSwitch<std::optional<Padding>>(op.getPaddingMode())
            .Case("zeros", Padding::Zeros)
            .Case("border", Padding::Border)
            .Case("reflection", Padding::Reflection)
            .Default(std::nullopt);
    if (!mode || !padding)
      return rewriter.notifyMatchFailure(op, "unknown mode");

    Location loc = op.getLoc();
    int64_t r = inputType.getRank() - 2;
    Value input = op.getInput(), grid = op.getGrid();
    SmallVector<Value> inputSizes = dimValues(rewriter, loc, input);
    SmallVector<Value> gridSizes = dimValues(rewriter, loc, grid);
    SmallVector<Value> sizes = {gridSizes[0], inputSizes[1]};
    for (int64_t i = 0; i < r; ++i)
      sizes.push_back(gridSizes[1 + i]);
    Value init = emptyOf(rewriter, loc, resultType, sizes);
    bool alignCorners = op.getAlignCorners();
    Value result = generate(rewriter, loc, init, [&](OpBuilder &b, Location l) {
      Sampler sampler{b,           l,  input, inputSizes, *padding,
                      elementType, {}, {},    {}};
      Value batch = linalg::IndexOp::create(b, l, 0);
      sampler.prefix = {batch, linalg::IndexOp::create(b, l, 1)};
      SmallVector<Value> gridIndex = {batch};
      for (int64_t i = 0; i < r; ++i)
        gridIndex.push_back(linalg::IndexOp::create(b, l, 2 + i));
      gridIndex.push_back(Value());
      SmallVector<Value> coordinates;
      for (int64_t i = 0; i < r; ++i) {
        // Spatial dimension i reads the coordinate listed r - 1 - i-th.
        gridIndex.back() = indexConstant(b, l, r - 1 - i);
        Value normalized =
            convertFloat(b, l, tensor::ExtractOp::create(b, l, grid, gridIndex),
                         elementType);
        Value extent = indexToFloat(b, l, inputSizes[2 + i], elementType);
        Value one = floatConstant(b, l, elementType, 1.0);
        Value half = floatConstant(b, l, elementType, 0.5);
        Value plusOne = arith::AddFOp::create(b, l, normalized, one);
        Value x;
        Value lo, hi;
        if (alignCorners) {
          x = arith::MulFOp::create(b, l,
                                    arith::MulFOp::create(b, l, plusOne, half),
                                    arith::SubFOp::create(b, l, extent, one));
          lo = floatConstant(b, l, elementType, 0.0);
          hi = arith::SubFOp::create(b, l, extent, one);
        } else {
          x = arith::MulFOp::create(
              b, l,
              arith::SubFOp::create(
                  b, l, arith::MulFOp::create(b, l, plusOne, extent), one),
              half);
          lo = floatConstant(b, l, elementType, -0.5);
          hi = arith::SubFOp::create(b, l, extent, half);
        }
        sampler.lo.push_back(lo);
        sampler.hi.push_back(hi);
        if (*mode == Mode::Nearest)
          x = math::RoundEvenOp::create(b, l, x);
        if (*padding == Padding::Border) {
          Value outside = arith::OrIOp::create(
              b, l,
              arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT, x, lo),
              arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGT, x, hi));
          Value clamped = arith::MinimumFOp::create(
              b, l,
              arith::MaximumFOp::create(b, l, x,
                                        floatConstant(b, l, elementType, 0.0)),
              arith::SubFOp::create(b, l, extent, one));
          x = arith::SelectOp::create(b, l, outside, clamped, x);
        } else if (*padding == Padding::Reflection) {
          x = reflect(b, l, x, lo, hi);
        }
        coordinates.push_back(x);
      }
      if (*mode == Mode::Nearest) {
        SmallVector<Value> position;
        for (Value x : coordinates)
          position.push_back(floatToIndex(b, l, x));
        return sampler.pixel(position);
      }
      return sampler.interpolate(coordinates, *mode == Mode::Cubic);
    });
    rewriter.replaceOp(op, result);
    return success();
  }

  /// Reads and interpolates the input pixels of one output element.
  struct Sampler {
    OpBuilder &b;
    Location loc;
    Value input;
    ArrayRef<Value> sizes;
    Padding padding;
    Type type;
    /// The batch and channel indices, and the borders of each dimension.
    SmallVector<Value> prefix, lo, hi;

    /// The input at the integer `position` (per spatial dimension) under
    /// the padding mode: zero outside, the nearest edge, or reflected.
    Value pixel(ArrayRef<Value> position) {
      SmallVector<Value> index = prefix;
      SmallVector<Value> inside;
      for (auto [i, given] : llvm::enumerate(position)) {
        Value size = sizes[2 + i];
        Value p = given;
        if (padding == Padding::Zeros) {
          inside.push_back(inRange(b, loc, p, size));
        } else if (padding == Padding::Reflection) {
          Value x = indexToFloat(b, loc, p, type);
          p = floatToIndex(b, loc, reflect(b, loc, x, lo[i], hi[i]));
        }
        // Clamped in every mode: reads stay inside the input.
        index.push_back(clampIndex(b, loc, p, size));
      }
      Value value = tensor::ExtractOp::create(b, loc, input, index);
      if (inside.empty())
        return value;
      return arith::SelectOp::create(b, loc, allOf(b, loc, inside), value,
                                     floatConstant(b, loc, type, 0.0));
    }

    /// The coefficients of the taps x0 - 1 .. x0 + 2 (cubic, Keys with
    /// A = -0.75) or x0, x0 + 1 (linear) for t = x - x0.
    SmallVector<Value> coefficients(Value t, bool cubic) {
      auto c = [&](double v) { return floatConstant(b, loc, type, v); };
      auto mul = [&](Value x, Value y) {
        return arith::MulFOp::create(b, loc, x, y).getResult();
      };
      auto add = [&](Value x, Value y) {
        return arith::AddFOp::create(b, loc, x, y).getResult();
      };
      auto sub = [&](Value x, Value y) {
        return arith::SubFOp::create(b, loc, x, y).getResult();
      };
      Value one = c(1.0);
      if (!cubic)
        return {sub(one, t), t};
      double a = -0.75;
      // Outer taps: ((A (s) - 5A) s + 8A) s - 4A at s = t + 1 and 2 - t.
      auto outer = [&](Value s) {
        return sub(mul(add(mul(sub(mul(c(a), s), c(5 * a)), s), c(8 * a)), s),
                   c(4 * a));
      };
      // Inner taps: ((A + 2) s - (A + 3)) s s + 1 at s = t and 1 - t.
      auto inner = [&](Value s) {
        return add(mul(mul(sub(mul(c(a + 2), s), c(a + 3)), s), s), one);
      };
      return {outer(add(t, one)), inner(t), inner(sub(one, t)),
              outer(sub(c(2.0), t))};
    }

    /// The interpolation at `coordinates`: along the first dimension, of
    /// the interpolations along the others at each of its taps (the
    /// reference's order).
    Value interpolate(ArrayRef<Value> coordinates, bool cubic) {
      SmallVector<Value> firstTaps;
      SmallVector<SmallVector<Value>> weights;
      for (Value x : coordinates) {
        Value floor = math::FloorOp::create(b, loc, x);
        Value t = arith::SubFOp::create(b, loc, x, floor);
        Value first = floatToIndex(b, loc, floor);
        if (cubic)
          first =
              arith::SubIOp::create(b, loc, first, indexConstant(b, loc, 1));
        firstTaps.push_back(first);
        weights.push_back(coefficients(t, cubic));
      }
      SmallVector<Value> position;
      return interpolateFrom(0, firstTaps, weights, position);
    }

    Value interpolateFrom(size_t dim, ArrayRef<Value> firstTaps,
                          ArrayRef<SmallVector<Value>> weights,
                          SmallVectorImpl<Value> &position) {
      if (dim == firstTaps.size())
        return pixel(position);
      Value sum;
      for (auto [tap, weight] : llvm::enumerate(weights[dim])) {
        position.push_back(arith::AddIOp::create(b, loc, firstTaps[dim],
                                                 indexConstant(b, loc, tap)));
        Value inner = interpolateFrom(dim + 1, firstTaps, weights, position);
        position.pop_back();
        Value term = arith::MulFOp::create(b, loc, weight, inner);
        sum = sum ? arith::AddFOp::create(b, loc, sum, term).getResult() : term;
      }
      return sum;
    }
  };
};

//===----------------------------------------------------------------------===//
// RoiAlign, MaxRoiPool
//===----------------------------------------------------------------------===//

/// ds.roi_align -> a generic over [R, C, PH, PW] whose body loops over the
/// sampling grid of its bin (scf.for, the grid size depends on the region
/// when sampling_ratio is 0), with the reference's arithmetic: samples
/// outside [-1, size] contribute zero, the others are clamped and
/// interpolated bilinearly; `avg` sums and divides by the sample count,
/// `max` takes the maximum of the weighted corner values.
struct LowerRoiAlign : OpRewritePattern<RoiAlignOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(RoiAlignOp op,
                                PatternRewriter &rewriter) const override {
    if (!scfLoaded(op->getContext()))
      return rewriter.notifyMatchFailure(op, "the scf dialect is not loaded");
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getOutput().getType());
    if (!inputType || !resultType || inputType.getRank() != 4 ||
        resultType.getRank() != 4 ||
        !isa<RankedTensorType>(op.getRois().getType()) ||
        !isa<RankedTensorType>(op.getBatchIndices().getType()))
      return rewriter.notifyMatchFailure(op, "not a ranked 2-D RoiAlign");
    bool isMax = op.getMode() == "max";
    if (!isMax && op.getMode() != "avg")
      return rewriter.notifyMatchFailure(op, "unknown mode");
    StringRef transform = op.getCoordinateTransformationMode();
    bool halfPixel = transform == "half_pixel";
    if (!halfPixel && transform != "output_half_pixel")
      return rewriter.notifyMatchFailure(
          op, "unknown coordinate_transformation_mode");

    Location loc = op.getLoc();
    Type type = inputType.getElementType();
    Value input = op.getInput(), rois = op.getRois(),
          batchIndices = op.getBatchIndices();
    SmallVector<Value> inputSizes = dimValues(rewriter, loc, input);
    SmallVector<Value> sizes = {
        getValueOrCreateConstantIndexOp(
            rewriter, loc, tensor::getMixedSize(rewriter, loc, rois, 0)),
        inputSizes[1], indexConstant(rewriter, loc, op.getOutputHeight()),
        indexConstant(rewriter, loc, op.getOutputWidth())};
    Value init = emptyOf(rewriter, loc, resultType, sizes);
    int64_t pooledHeight = op.getOutputHeight(),
            pooledWidth = op.getOutputWidth();
    int64_t samplingRatio = op.getSamplingRatio();
    double scale = op.getSpatialScale().convertToDouble();

    Value result = generate(rewriter, loc, init, [&](OpBuilder &b, Location l) {
      auto c = [&](double v) { return floatConstant(b, l, type, v); };
      Value roi = linalg::IndexOp::create(b, l, 0);
      Value channel = linalg::IndexOp::create(b, l, 1);
      Value ph = indexToFloat(b, l, linalg::IndexOp::create(b, l, 2), type);
      Value pw = indexToFloat(b, l, linalg::IndexOp::create(b, l, 3), type);
      Value batch = integerToIndex(
          b, l, tensor::ExtractOp::create(b, l, batchIndices, roi));
      auto corner = [&](int64_t k) {
        Value value = tensor::ExtractOp::create(
            b, l, rois, ValueRange{roi, indexConstant(b, l, k)});
        value = arith::MulFOp::create(b, l, value, c(scale));
        return arith::SubFOp::create(b, l, value, c(halfPixel ? 0.5 : 0.0))
            .getResult();
      };
      Value startW = corner(0), startH = corner(1), endW = corner(2),
            endH = corner(3);
      Value roiWidth = arith::SubFOp::create(b, l, endW, startW);
      Value roiHeight = arith::SubFOp::create(b, l, endH, startH);
      if (!halfPixel) {
        // Malformed regions become 1 x 1.
        roiWidth = arith::MaximumFOp::create(b, l, roiWidth, c(1.0));
        roiHeight = arith::MaximumFOp::create(b, l, roiHeight, c(1.0));
      }
      Value binHeight =
          arith::DivFOp::create(b, l, roiHeight, c(double(pooledHeight)));
      Value binWidth =
          arith::DivFOp::create(b, l, roiWidth, c(double(pooledWidth)));
      auto gridSize = [&](Value extent, int64_t pooled) -> Value {
        if (samplingRatio > 0)
          return indexConstant(b, l, samplingRatio);
        return floatToIndex(
            b, l,
            math::CeilOp::create(
                b, l, arith::DivFOp::create(b, l, extent, c(double(pooled)))));
      };
      Value gridH = gridSize(roiHeight, pooledHeight);
      Value gridW = gridSize(roiWidth, pooledWidth);
      Value gridHf = indexToFloat(b, l, gridH, type);
      Value gridWf = indexToFloat(b, l, gridW, type);
      Value height = inputSizes[2], width = inputSizes[3];
      Value heightF = indexToFloat(b, l, height, type);
      Value widthF = indexToFloat(b, l, width, type);
      Value zero = indexConstant(b, l, 0), one = indexConstant(b, l, 1);
      Value binStartH = arith::AddFOp::create(
          b, l, startH, arith::MulFOp::create(b, l, ph, binHeight));
      Value binStartW = arith::AddFOp::create(
          b, l, startW, arith::MulFOp::create(b, l, pw, binWidth));
      Value first = arith::ConstantOp::create(b, l, b.getBoolAttr(true));

      auto outer = scf::ForOp::create(
          b, l, zero, gridH, one, ValueRange{c(0.0), first},
          [&](OpBuilder &ob, Location ol, Value iy, ValueRange outerArgs) {
            // y = start + ph * bin + (iy + 0.5) * bin / grid.
            Value y = arith::AddFOp::create(
                ob, ol, binStartH,
                arith::DivFOp::create(
                    ob, ol,
                    arith::MulFOp::create(
                        ob, ol,
                        arith::AddFOp::create(
                            ob, ol, indexToFloat(ob, ol, iy, type), c(0.5)),
                        binHeight),
                    gridHf));
            auto inner = scf::ForOp::create(
                ob, ol, zero, gridW, one, outerArgs,
                [&](OpBuilder &ib, Location il, Value ix,
                    ValueRange innerArgs) {
                  Value x = arith::AddFOp::create(
                      ib, il, binStartW,
                      arith::DivFOp::create(
                          ib, il,
                          arith::MulFOp::create(
                              ib, il,
                              arith::AddFOp::create(
                                  ib, il, indexToFloat(ib, il, ix, type),
                                  c(0.5)),
                              binWidth),
                          gridWf));
                  Value value = sample(ib, il, input, batch, channel, y, x,
                                       height, width, heightF, widthF, isMax);
                  Value accumulated, stillFirst = innerArgs[1];
                  if (isMax) {
                    accumulated = arith::SelectOp::create(
                        ib, il, innerArgs[1], value,
                        arith::MaximumFOp::create(ib, il, innerArgs[0], value));
                    stillFirst = arith::ConstantOp::create(
                        ib, il, ib.getBoolAttr(false));
                  } else {
                    accumulated =
                        arith::AddFOp::create(ib, il, innerArgs[0], value);
                  }
                  scf::YieldOp::create(ib, il,
                                       ValueRange{accumulated, stillFirst});
                });
            scf::YieldOp::create(ob, ol, inner.getResults());
          });
      Value accumulated = outer.getResult(0);
      if (isMax)
        return accumulated;
      Value count = arith::MaxSIOp::create(
          b, l, arith::MulIOp::create(b, l, gridH, gridW), one);
      return arith::DivFOp::create(b, l, accumulated,
                                   indexToFloat(b, l, count, type))
          .getResult();
    });
    rewriter.replaceOp(op, result);
    return success();
  }

  /// One sample at (y, x) of channel `channel` of image `batch`: the sum of
  /// the four weighted corners (avg) or their maximum (max); zero outside
  /// [-1, size].
  static Value sample(OpBuilder &b, Location l, Value input, Value batch,
                      Value channel, Value y, Value x, Value height,
                      Value width, Value heightF, Value widthF, bool isMax) {
    Type type = y.getType();
    auto c = [&](double v) { return floatConstant(b, l, type, v); };
    auto lt = [&](Value p, Value q) {
      return arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT, p, q)
          .getResult();
    };
    Value outside = arith::OrIOp::create(
        b, l, arith::OrIOp::create(b, l, lt(y, c(-1.0)), lt(heightF, y)),
        arith::OrIOp::create(b, l, lt(x, c(-1.0)), lt(widthF, x)));
    // Per axis: the low and high indices and the coordinate, clamped to
    // the last row or column.
    auto axis = [&](Value v, Value size) {
      v = arith::MaximumFOp::create(b, l, v, c(0.0));
      Value low = floatToIndex(b, l, v);
      Value last = arith::SubIOp::create(b, l, size, indexConstant(b, l, 1));
      Value atEnd =
          arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge, low, last);
      Value clampedLow = arith::SelectOp::create(b, l, atEnd, last, low);
      Value high = arith::SelectOp::create(
          b, l, atEnd, last,
          arith::AddIOp::create(b, l, low, indexConstant(b, l, 1)));
      Value coordinate = arith::SelectOp::create(
          b, l, atEnd, indexToFloat(b, l, last, type), v);
      Value fraction = arith::SubFOp::create(
          b, l, coordinate, indexToFloat(b, l, clampedLow, type));
      return std::make_tuple(clampedLow, high, fraction);
    };
    auto [yLow, yHigh, ly] = axis(y, height);
    auto [xLow, xHigh, lx] = axis(x, width);
    Value hy = arith::SubFOp::create(b, l, c(1.0), ly);
    Value hx = arith::SubFOp::create(b, l, c(1.0), lx);
    Value zero = c(0.0);
    auto weight = [&](Value p, Value q) {
      Value w = arith::MulFOp::create(b, l, p, q);
      return arith::SelectOp::create(b, l, outside, zero, w).getResult();
    };
    Value zeroIndex = indexConstant(b, l, 0);
    auto at = [&](Value row, Value column) {
      row = arith::SelectOp::create(b, l, outside, zeroIndex, row);
      column = arith::SelectOp::create(b, l, outside, zeroIndex, column);
      return tensor::ExtractOp::create(b, l, input,
                                       ValueRange{batch, channel, row, column})
          .getResult();
    };
    Value terms[4] = {
        arith::MulFOp::create(b, l, weight(hy, hx), at(yLow, xLow)),
        arith::MulFOp::create(b, l, weight(hy, lx), at(yLow, xHigh)),
        arith::MulFOp::create(b, l, weight(ly, hx), at(yHigh, xLow)),
        arith::MulFOp::create(b, l, weight(ly, lx), at(yHigh, xHigh))};
    Value result = terms[0];
    for (int i = 1; i < 4; ++i)
      result =
          isMax ? arith::MaximumFOp::create(b, l, result, terms[i]).getResult()
                : arith::AddFOp::create(b, l, result, terms[i]).getResult();
    return result;
  }
};

/// ds.max_roi_pool -> a generic over [R, C, PH, PW] whose body takes the
/// maximum over its bin with two scf.for loops: the region
/// round(coordinates * spatial_scale), at least 1 x 1, split into
/// PH x PW bins [floor(p * bin), ceil((p + 1) * bin)) clamped to the image;
/// an empty bin gives 0.
struct LowerMaxRoiPool : OpRewritePattern<MaxRoiPoolOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MaxRoiPoolOp op,
                                PatternRewriter &rewriter) const override {
    if (!scfLoaded(op->getContext()))
      return rewriter.notifyMatchFailure(op, "the scf dialect is not loaded");
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getOutput().getType());
    ArrayRef<int64_t> pooled = op.getPooledShape();
    if (!inputType || !resultType || inputType.getRank() != 4 ||
        resultType.getRank() != 4 || pooled.size() != 2 ||
        !isa<RankedTensorType>(op.getRois().getType()))
      return rewriter.notifyMatchFailure(op, "not a ranked 2-D MaxRoiPool");
    Location loc = op.getLoc();
    auto type = cast<FloatType>(inputType.getElementType());
    Value input = op.getInput(), rois = op.getRois();
    SmallVector<Value> inputSizes = dimValues(rewriter, loc, input);
    SmallVector<Value> sizes = {
        getValueOrCreateConstantIndexOp(
            rewriter, loc, tensor::getMixedSize(rewriter, loc, rois, 0)),
        inputSizes[1], indexConstant(rewriter, loc, pooled[0]),
        indexConstant(rewriter, loc, pooled[1])};
    Value init = emptyOf(rewriter, loc, resultType, sizes);
    double scale = op.getSpatialScale().convertToDouble();
    Value result = generate(rewriter, loc, init, [&](OpBuilder &b, Location l) {
      auto c = [&](double v) { return floatConstant(b, l, type, v); };
      Value roi = linalg::IndexOp::create(b, l, 0);
      Value channel = linalg::IndexOp::create(b, l, 1);
      auto coordinate = [&](int64_t k, bool scaled) {
        Value value = tensor::ExtractOp::create(
            b, l, rois, ValueRange{roi, indexConstant(b, l, k)});
        if (!scaled)
          return floatToIndex(b, l, value);
        value = arith::MulFOp::create(b, l, value, c(scale));
        return floatToIndex(b, l, math::RoundOp::create(b, l, value));
      };
      Value batch = coordinate(0, false);
      Value startW = coordinate(1, true), startH = coordinate(2, true),
            endW = coordinate(3, true), endH = coordinate(4, true);
      Value zero = indexConstant(b, l, 0), one = indexConstant(b, l, 1);
      // One dimension: the bin [start, end) of output index `index`.
      auto bin = [&](Value roiStart, Value roiEnd, int64_t pooledSize,
                     Value index, Value size) {
        Value extent = arith::MaxSIOp::create(
            b, l,
            arith::AddIOp::create(
                b, l, arith::SubIOp::create(b, l, roiEnd, roiStart), one),
            one);
        Value binSize = arith::DivFOp::create(
            b, l, indexToFloat(b, l, extent, type), c(double(pooledSize)));
        Value p = indexToFloat(b, l, index, type);
        Value start =
            floatToIndex(b, l,
                         math::FloorOp::create(
                             b, l, arith::MulFOp::create(b, l, p, binSize)));
        Value end = floatToIndex(
            b, l,
            math::CeilOp::create(
                b, l,
                arith::MulFOp::create(
                    b, l, arith::AddFOp::create(b, l, p, c(1.0)), binSize)));
        auto clamp = [&](Value v) {
          v = arith::AddIOp::create(b, l, v, roiStart);
          return arith::MinSIOp::create(
                     b, l, arith::MaxSIOp::create(b, l, v, zero), size)
              .getResult();
        };
        return std::make_pair(clamp(start), clamp(end));
      };
      auto [hStart, hEnd] =
          bin(startH, endH, pooled[0], linalg::IndexOp::create(b, l, 2),
              inputSizes[2]);
      // Named values, not a structured binding: a lambda captures them.
      auto wBin = bin(startW, endW, pooled[1], linalg::IndexOp::create(b, l, 3),
                      inputSizes[3]);
      Value wStart = wBin.first, wEnd = wBin.second;
      Value lowest = floatConstant(
          b, l, type,
          APFloat::getLargest(type.getFloatSemantics(), /*Negative=*/true)
              .convertToDouble());
      auto rows = scf::ForOp::create(
          b, l, hStart, hEnd, one, ValueRange{lowest},
          [&](OpBuilder &ob, Location ol, Value h, ValueRange outerArgs) {
            auto columns = scf::ForOp::create(
                ob, ol, wStart, wEnd, one, outerArgs,
                [&](OpBuilder &ib, Location il, Value w, ValueRange innerArgs) {
                  Value value = tensor::ExtractOp::create(
                      ib, il, input, ValueRange{batch, channel, h, w});
                  scf::YieldOp::create(
                      ib, il,
                      arith::MaximumFOp::create(ib, il, innerArgs[0], value)
                          .getResult());
                });
            scf::YieldOp::create(ob, ol, columns.getResults());
          });
      Value empty = arith::OrIOp::create(
          b, l,
          arith::CmpIOp::create(b, l, arith::CmpIPredicate::sle, hEnd, hStart),
          arith::CmpIOp::create(b, l, arith::CmpIPredicate::sle, wEnd, wStart));
      return arith::SelectOp::create(b, l, empty, c(0.0), rows.getResult(0))
          .getResult();
    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// DeformConv
//===----------------------------------------------------------------------===//

/// ds.deform_conv -> the sampled input
///   s[n, c, k..., o...] = mask * bilinear(x[n, c], o * stride - pad_begin +
///                                         k * dilation + offset)
/// (zero outside the input; offsets and mask of the offset group of c at
/// tap k) from a generic, then
///   y[n, g, f, o...] = sum_{c, k} s[n, g, c, k..., o...] * w[g, f, c, k...]
/// as a linalg.generic, plus the bias.
struct LowerDeformConv : OpRewritePattern<DeformConvOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DeformConvOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto weightType = dyn_cast<RankedTensorType>(op.getWeight().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getOutput().getType());
    if (!inputType || !weightType || !resultType || inputType.getRank() < 3 ||
        weightType.getRank() != inputType.getRank() ||
        resultType.getRank() != inputType.getRank() ||
        !isa<RankedTensorType>(op.getOffset().getType()) ||
        (op.getMask() && !isa<RankedTensorType>(op.getMask().getType())))
      return rewriter.notifyMatchFailure(op, "not ranked");
    if (!weightType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic weight shape");
    int64_t n = inputType.getRank() - 2;
    int64_t group = op.getGroup(), offsetGroup = op.getOffsetGroup();
    ArrayRef<int64_t> kernel = weightType.getShape().drop_front(2);
    int64_t outChannels = weightType.getDimSize(0);
    int64_t groupChannels = weightType.getDimSize(1);
    int64_t channels = groupChannels * group;
    if (group < 1 || offsetGroup < 1 || outChannels % group != 0 ||
        channels % offsetGroup != 0)
      return rewriter.notifyMatchFailure(op, "malformed groups");
    Location loc = op.getLoc();
    // The window: the kernel, strides, dilations and the (static) pads.
    FailureOr<SpatialWindow> window =
        getSpatialWindow(rewriter, loc, op.getInput(), kernel, op.getStrides(),
                         op.getPads(), op.getDilations(), "NOTSET");
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    Type type = inputType.getElementType();
    int64_t taps = 1;
    for (int64_t k : kernel)
      taps *= k;

    Value input = op.getInput(), offset = op.getOffset(), mask = op.getMask();
    SmallVector<Value> inputSizes = dimValues(rewriter, loc, input);
    SmallVector<Value> offsetSizes = dimValues(rewriter, loc, offset);
    // s: [N, C, k..., O...], the output sizes from the offsets.
    SmallVector<int64_t> sampledShape = {inputType.getDimSize(0), channels};
    sampledShape.append(kernel.begin(), kernel.end());
    for (int64_t i = 0; i < n; ++i)
      sampledShape.push_back(resultType.getDimSize(2 + i));
    SmallVector<Value> sampledSizes = {inputSizes[0],
                                       indexConstant(rewriter, loc, channels)};
    for (int64_t k : kernel)
      sampledSizes.push_back(indexConstant(rewriter, loc, k));
    for (int64_t i = 0; i < n; ++i)
      sampledSizes.push_back(offsetSizes[2 + i]);
    auto sampledType = RankedTensorType::get(sampledShape, type);
    Value sampledInit = emptyOf(rewriter, loc, sampledType, sampledSizes);
    SmallVector<int64_t> padBegin;
    for (OpFoldResult pad : window->padBegin)
      padBegin.push_back(*getConstantIntValue(pad));
    int64_t perOffsetGroup = channels / offsetGroup;

    Value sampled =
        generate(rewriter, loc, sampledInit, [&](OpBuilder &b, Location l) {
          Value batch = linalg::IndexOp::create(b, l, 0);
          Value channel = linalg::IndexOp::create(b, l, 1);
          SmallVector<Value> tap = loopIndices(b, l, 2, n);
          SmallVector<Value> out = loopIndices(b, l, 2 + n, n);
          // The flat tap index and the offset group of the channel.
          Value tapIndex = tap[0];
          for (int64_t i = 1; i < n; ++i)
            tapIndex = arith::AddIOp::create(
                b, l,
                arith::MulIOp::create(b, l, tapIndex,
                                      indexConstant(b, l, kernel[i])),
                tap[i]);
          Value og = arith::DivUIOp::create(
              b, l, channel, indexConstant(b, l, perOffsetGroup));
          Value groupTap = arith::AddIOp::create(
              b, l, arith::MulIOp::create(b, l, og, indexConstant(b, l, taps)),
              tapIndex);
          SmallVector<Value> coordinates;
          for (int64_t i = 0; i < n; ++i) {
            SmallVector<Value> index = {
                batch, arith::AddIOp::create(
                           b, l,
                           arith::MulIOp::create(b, l, groupTap,
                                                 indexConstant(b, l, n)),
                           indexConstant(b, l, i))};
            index.append(out.begin(), out.end());
            Value delta = tensor::ExtractOp::create(b, l, offset, index);
            // o * stride - pad + k * dilation, exact in index arithmetic.
            Value base = arith::AddIOp::create(
                b, l,
                arith::MulIOp::create(b, l, out[i],
                                      indexConstant(b, l, window->strides[i])),
                arith::MulIOp::create(
                    b, l, tap[i], indexConstant(b, l, window->dilations[i])));
            base = arith::SubIOp::create(b, l, base,
                                         indexConstant(b, l, padBegin[i]));
            coordinates.push_back(
                arith::AddFOp::create(b, l, indexToFloat(b, l, base, type),
                                      convertFloat(b, l, delta, type)));
          }
          Value value = bilinear(b, l, input, batch, channel, coordinates,
                                 ArrayRef<Value>(inputSizes).drop_front(2));
          if (mask) {
            SmallVector<Value> index = {batch, groupTap};
            index.append(out.begin(), out.end());
            value = arith::MulFOp::create(
                b, l, value,
                convertFloat(b, l, tensor::ExtractOp::create(b, l, mask, index),
                             type));
          }
          return value;
        });

    // y = sum over (c, k) of s * w, per group.
    MLIRContext *context = rewriter.getContext();
    int64_t perGroup = outChannels / group;
    auto split = [&](Value value, int64_t dim, int64_t inner) {
      auto valueType = cast<RankedTensorType>(value.getType());
      SmallVector<int64_t> shape;
      SmallVector<OpFoldResult> mixed;
      SmallVector<ReassociationIndices> reassociation;
      for (int64_t d = 0, e = 0; d < valueType.getRank(); ++d) {
        if (d == dim) {
          shape.append({valueType.getDimSize(d) == ShapedType::kDynamic
                            ? ShapedType::kDynamic
                            : valueType.getDimSize(d) / inner,
                        inner});
          mixed.append(
              {rewriter.getIndexAttr(group), rewriter.getIndexAttr(inner)});
          reassociation.push_back({e, e + 1});
          e += 2;
          continue;
        }
        shape.push_back(valueType.getDimSize(d));
        mixed.push_back(tensor::getMixedSize(rewriter, loc, value, d));
        reassociation.push_back({e++});
      }
      return tensor::ExpandShapeOp::create(
                 rewriter, loc,
                 RankedTensorType::get(shape, valueType.getElementType()),
                 value, reassociation, mixed)
          .getResult();
    };
    Value groupedSampled = split(sampled, 1, groupChannels);
    Value groupedWeight = split(op.getWeight(), 0, perGroup);
    SmallVector<Value> resultSizes = {
        inputSizes[0], indexConstant(rewriter, loc, outChannels)};
    for (int64_t i = 0; i < n; ++i)
      resultSizes.push_back(offsetSizes[2 + i]);
    Value zero = floatConstant(rewriter, loc, type, 0.0);
    Value resultInit = fill(rewriter, loc, zero,
                            emptyOf(rewriter, loc, resultType, resultSizes));
    Value groupedInit = split(resultInit, 1, perGroup);
    // Dimensions (n, g, f, o..., c, k...).
    int64_t numDims = 4 + 2 * n;
    auto dim = [&](int64_t d) { return getAffineDimExpr(d, context); };
    SmallVector<AffineExpr> sampledExprs = {dim(0), dim(1), dim(3 + n)};
    SmallVector<AffineExpr> weightExprs = {dim(1), dim(2), dim(3 + n)};
    SmallVector<AffineExpr> outExprs = {dim(0), dim(1), dim(2)};
    for (int64_t i = 0; i < n; ++i) {
      sampledExprs.push_back(dim(4 + n + i));
      weightExprs.push_back(dim(4 + n + i));
    }
    for (int64_t i = 0; i < n; ++i) {
      sampledExprs.push_back(dim(3 + i));
      outExprs.push_back(dim(3 + i));
    }
    SmallVector<AffineMap> maps = {
        AffineMap::get(numDims, 0, sampledExprs, context),
        AffineMap::get(numDims, 0, weightExprs, context),
        AffineMap::get(numDims, 0, outExprs, context)};
    SmallVector<utils::IteratorType> iterators = parallelIterators(3 + n);
    iterators.append(1 + n, utils::IteratorType::reduction);
    Value contracted =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{groupedInit.getType()},
            ValueRange{groupedSampled, groupedWeight}, ValueRange{groupedInit},
            maps, iterators,
            [](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(
                  b, l,
                  arith::AddFOp::create(
                      b, l, args[2],
                      arith::MulFOp::create(b, l, args[0], args[1]))
                      .getResult());
            })
            .getResult(0);
    SmallVector<ReassociationIndices> collapse = {{0}, {1, 2}};
    for (int64_t i = 0; i < n; ++i)
      collapse.push_back({3 + i});
    Value result = tensor::CollapseShapeOp::create(rewriter, loc, resultType,
                                                   contracted, collapse);
    if (Value bias = op.getBias())
      result = addChannelBias(rewriter, loc, result, bias);
    rewriter.replaceOp(op, result);
    return success();
  }

  /// x[batch, channel] at the fractional `coordinates`, interpolated over
  /// the 2^n surrounding pixels, those outside the input reading zero.
  static Value bilinear(OpBuilder &b, Location l, Value input, Value batch,
                        Value channel, ArrayRef<Value> coordinates,
                        ArrayRef<Value> sizes) {
    Type type = coordinates.front().getType();
    int64_t n = coordinates.size();
    SmallVector<Value> low, fraction;
    for (Value x : coordinates) {
      Value floor = math::FloorOp::create(b, l, x);
      fraction.push_back(arith::SubFOp::create(b, l, x, floor));
      low.push_back(floatToIndex(b, l, floor));
    }
    Value one = floatConstant(b, l, type, 1.0);
    Value zero = floatConstant(b, l, type, 0.0);
    Value sum;
    for (int64_t corner = 0; corner < (int64_t(1) << n); ++corner) {
      SmallVector<Value> index = {batch, channel};
      SmallVector<Value> inside;
      Value weight;
      for (int64_t i = 0; i < n; ++i) {
        bool high = (corner >> (n - 1 - i)) & 1;
        Value position =
            high ? arith::AddIOp::create(b, l, low[i], indexConstant(b, l, 1))
                       .getResult()
                 : low[i];
        Value w =
            high ? fraction[i]
                 : arith::SubFOp::create(b, l, one, fraction[i]).getResult();
        weight =
            weight ? arith::MulFOp::create(b, l, weight, w).getResult() : w;
        inside.push_back(inRange(b, l, position, sizes[i]));
        index.push_back(clampIndex(b, l, position, sizes[i]));
      }
      Value value = tensor::ExtractOp::create(b, l, input, index);
      value = arith::SelectOp::create(b, l, allOf(b, l, inside), value, zero);
      Value term = arith::MulFOp::create(b, l, weight, value);
      sum = sum ? arith::AddFOp::create(b, l, sum, term).getResult() : term;
    }
    return sum;
  }
};

} // namespace

void populateImageToLinalgPatterns(RewritePatternSet &patterns) {
  patterns
      .add<LowerConvInteger, LowerCol2Im, LowerMaxUnpool, LowerAffineGrid,
           LowerGridSample, LowerRoiAlign, LowerMaxRoiPool, LowerDeformConv>(
          patterns.getContext());
}

} // namespace ds
