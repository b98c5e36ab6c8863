//===- ConvLowering.cpp - Conv ds ops to linalg ----------------*- C++ -*-===//
//
// Part of ds. Lowers every op of the Conv family, over 1, 2 or 3 spatial
// dimensions (pools and global pools over any number):
//
// * ds.conv: the input padded with zeros (tensor.pad), then the named linalg
//   convolution of its rank (conv_{1,2,3}d_nc..._fc...) for one group, the
//   named depthwise convolution when every channel is its own group, the
//   named grouped 2-D convolution (conv_2d_ngchw_gfchw) or a linalg.generic
//   with convolution indexing maps for other groups; a generic adds the bias.
// * ds.conv_transpose: the input spread out by the strides (zeros between
//   its elements: tensor.insert_slice with strides into a zero tensor) and
//   padded so that a stride-1 convolution with the spatially flipped,
//   channel-transposed kernel (one linalg.generic) gives the transposed
//   convolution; pads larger than the dilated kernel crop instead.
// * ds.max_pool, ds.average_pool, ds.lp_pool: the named pooling op of the
//   rank (1-D, 2-D) or a linalg.generic with pooling indexing maps (3-D,
//   unsigned), over the input padded with the identity of the pool (-inf or
//   the type's minimum for max, 0 for the sums). `ceil_mode` pads the end
//   further so that the last window fits. The average divides by the
//   kernel size, or per output position by the number of elements the
//   window covers in the input (or the explicitly padded input with
//   `count_include_pad`) when padding is involved. The p-norm pools sum
//   |x|^p and take the p-th root. The `indices` of a max pool come from a
//   linalg.generic with two outputs that keeps the first maximum of each
//   window in row-major order and its flat index (row- or column-major per
//   `storage_order`), as the ONNX reference does. Unsigned inputs are
//   reinterpreted as signless for arith and back.
// * ds.global_max_pool, ds.global_average_pool, ds.global_lp_pool: a
//   linalg.reduce over the spatial dimensions, expanded back to
//   [N, C, 1, ..., 1].
//
// auto_pad SAME over dynamic spatial sizes computes the pads at run time
// (static ones are made explicit by the canonicalizer first). Left
// unlowered: kernels with dynamic spatial sizes; grouped convolutions whose
// weight has dynamic channel sizes; ds.conv_transpose with a dynamic
// weight shape; unranked operands.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/ConvLoweringUtils.h"
#include "passes/Conversion/DSToLinalg/LoweringUtils.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {
namespace conv_lowering {
namespace {

Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// `expr` over the dims d0, d1, ... bound to `operands`, folded to an
/// attribute when they are constants.
OpFoldResult apply(OpBuilder &b, Location loc, AffineExpr expr,
                   ArrayRef<OpFoldResult> operands) {
  return affine::makeComposedFoldedAffineApply(b, loc, expr, operands);
}

/// max(0, `expr`) over the dims bound to `operands`.
OpFoldResult applyNonNegative(OpBuilder &b, Location loc, AffineExpr expr,
                              ArrayRef<OpFoldResult> operands) {
  MLIRContext *context = b.getContext();
  AffineMap map = AffineMap::get(
      operands.size(), 0, {expr, getAffineConstantExpr(0, context)}, context);
  return affine::makeComposedFoldedAffineMax(b, loc, map, operands);
}

bool isZero(OpFoldResult value) {
  std::optional<int64_t> constant = getConstantIntValue(value);
  return constant && *constant == 0;
}

SmallVector<utils::IteratorType> parallelIterators(int64_t count) {
  return SmallVector<utils::IteratorType>(count, utils::IteratorType::parallel);
}

/// a + b * c in the float or integer type of the operands.
Value multiplyAdd(OpBuilder &b, Location loc, Value accumulator, Value lhs,
                  Value rhs) {
  if (isa<FloatType>(accumulator.getType()))
    return arith::AddFOp::create(b, loc, accumulator,
                                 arith::MulFOp::create(b, loc, lhs, rhs));
  return arith::AddIOp::create(b, loc, accumulator,
                               arith::MulIOp::create(b, loc, lhs, rhs));
}

/// Reassociation grouping dimension `split` with the next one, the others
/// alone, for a tensor of `rank` dimensions (rank + 1 when expanded).
SmallVector<ReassociationIndices> groupPair(int64_t rank, int64_t split) {
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t d = 0, expanded = 0; d < rank; ++d) {
    if (d == split) {
      reassociation.push_back({expanded, expanded + 1});
      expanded += 2;
    } else {
      reassociation.push_back({expanded++});
    }
  }
  return reassociation;
}

/// `value` with dimension `dim` split into [groups, size / groups].
Value splitDim(OpBuilder &b, Location loc, Value value, int64_t dim,
               int64_t groups, int64_t inner) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (d == dim) {
      shape.append({groups, inner});
      sizes.append({b.getIndexAttr(groups), b.getIndexAttr(inner)});
      continue;
    }
    shape.push_back(type.getDimSize(d));
    sizes.push_back(tensor::getMixedSize(b, loc, value, d));
  }
  auto expandedType = RankedTensorType::get(shape, type.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, expandedType, value,
                                       groupPair(type.getRank(), dim), sizes);
}

/// The grouped convolution of `input` [N, G, Cg, P...] with `filter`
/// [G, F, Cg, k...] into `init` [N, G, F, O...] as a linalg.generic over
/// (n, g, f, o..., c, k...).
Value genericGroupedConv(OpBuilder &b, Location loc, Value input, Value filter,
                         Value init, ArrayRef<int64_t> strides,
                         ArrayRef<int64_t> dilations) {
  MLIRContext *context = b.getContext();
  int64_t n = strides.size();
  int64_t numDims = 4 + 2 * n;
  auto dim = [&](int64_t d) { return getAffineDimExpr(d, context); };
  AffineExpr batch = dim(0), group = dim(1), out = dim(2), in = dim(3 + n);
  SmallVector<AffineExpr> inputExprs = {batch, group, in};
  SmallVector<AffineExpr> filterExprs = {group, out, in};
  SmallVector<AffineExpr> outputExprs = {batch, group, out};
  for (int64_t i = 0; i < n; ++i) {
    AffineExpr position = dim(3 + i), tap = dim(4 + n + i);
    inputExprs.push_back(position * strides[i] + tap * dilations[i]);
    filterExprs.push_back(tap);
    outputExprs.push_back(position);
  }
  SmallVector<AffineMap> maps = {
      AffineMap::get(numDims, 0, inputExprs, context),
      AffineMap::get(numDims, 0, filterExprs, context),
      AffineMap::get(numDims, 0, outputExprs, context)};
  SmallVector<utils::IteratorType> iterators = parallelIterators(3 + n);
  iterators.append(1 + n, utils::IteratorType::reduction);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{input, filter},
             ValueRange{init}, maps, iterators,
             [](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(
                   nb, nloc, multiplyAdd(nb, nloc, args[2], args[0], args[1]));
             })
      .getResult(0);
}

} // namespace

FailureOr<SpatialWindow> getSpatialWindow(
    OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> kernel,
    std::optional<ArrayRef<int64_t>> strides,
    std::optional<ArrayRef<int64_t>> pads,
    std::optional<ArrayRef<int64_t>> dilations, StringRef autoPad) {
  int64_t n = kernel.size();
  auto inputType = cast<RankedTensorType>(input.getType());
  if (inputType.getRank() != n + 2)
    return failure();
  SpatialWindow window;
  window.kernel.assign(kernel.begin(), kernel.end());
  window.strides.assign(n, 1);
  window.dilations.assign(n, 1);
  if (strides) {
    if (static_cast<int64_t>(strides->size()) != n)
      return failure();
    window.strides.assign(strides->begin(), strides->end());
  }
  if (dilations) {
    if (static_cast<int64_t>(dilations->size()) != n)
      return failure();
    window.dilations.assign(dilations->begin(), dilations->end());
  }
  window.padBegin.assign(n, b.getIndexAttr(0));
  window.padEnd.assign(n, b.getIndexAttr(0));
  if (autoPad == "NOTSET") {
    if (pads) {
      if (static_cast<int64_t>(pads->size()) != 2 * n)
        return failure();
      for (int64_t i = 0; i < n; ++i) {
        window.padBegin[i] = b.getIndexAttr((*pads)[i]);
        window.padEnd[i] = b.getIndexAttr((*pads)[n + i]);
      }
    }
    return window;
  }
  if (autoPad == "VALID")
    return window;
  if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER")
    return failure();
  // SAME: ceil(D / stride) outputs; the padding they need, split in halves
  // with the odd element at the end (UPPER) or the beginning (LOWER).
  bool upper = autoPad == "SAME_UPPER";
  AffineExpr d0 = b.getAffineDimExpr(0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t stride = window.strides[i];
    OpFoldResult size = tensor::getMixedSize(b, loc, input, 2 + i);
    OpFoldResult total = applyNonNegative(
        b, loc, (d0.ceilDiv(stride) - 1) * stride + window.extent(i) - d0,
        {size});
    OpFoldResult half = apply(b, loc, d0.floorDiv(2), {total});
    OpFoldResult rest = apply(b, loc, d0 - d0.floorDiv(2), {total});
    window.padBegin[i] = upper ? half : rest;
    window.padEnd[i] = upper ? rest : half;
  }
  return window;
}

Value padSpatial(OpBuilder &b, Location loc, Value input,
                 ArrayRef<OpFoldResult> low, ArrayRef<OpFoldResult> high,
                 Value padValue) {
  if (llvm::all_of(low, isZero) && llvm::all_of(high, isZero))
    return input;
  SmallVector<OpFoldResult> fullLow = {b.getIndexAttr(0), b.getIndexAttr(0)};
  SmallVector<OpFoldResult> fullHigh = fullLow;
  fullLow.append(low.begin(), low.end());
  fullHigh.append(high.begin(), high.end());
  return tensor::PadOp::create(b, loc, /*resultType=*/Type(), input, fullLow,
                               fullHigh, padValue);
}

Value emptyWindowResult(OpBuilder &b, Location loc, RankedTensorType type,
                        Value padded, OpFoldResult channels,
                        const SpatialWindow &window) {
  AffineExpr d0 = b.getAffineDimExpr(0);
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (!type.isDynamicDim(d)) {
      sizes.push_back(b.getIndexAttr(type.getDimSize(d)));
      continue;
    }
    OpFoldResult size;
    if (d == 0) {
      size = tensor::getMixedSize(b, loc, padded, 0);
    } else if (d == 1) {
      size = channels;
    } else {
      int64_t i = d - 2;
      size =
          apply(b, loc, (d0 - window.extent(i)).floorDiv(window.strides[i]) + 1,
                {tensor::getMixedSize(b, loc, padded, d)});
    }
    // A dynamic size of the type stays a value even if it folded.
    sizes.push_back(getValueOrCreateConstantIndexOp(b, loc, size));
  }
  return tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
}

Value fill(OpBuilder &b, Location loc, Value value, Value tensor) {
  return linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{tensor})
      .getResult(0);
}

FailureOr<Value> convolve(OpBuilder &b, Location loc, Value input, Value filter,
                          Value init, ArrayRef<int64_t> strides,
                          ArrayRef<int64_t> dilations, int64_t group) {
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto initType = cast<RankedTensorType>(init.getType());
  int64_t n = strides.size();
  Attribute stridesAttr = b.getI64VectorAttr(strides);
  Attribute dilationsAttr = b.getI64VectorAttr(dilations);
  // Owned storage: ranges over braced lists would dangle.
  SmallVector<Type> resultTypes = {initType};
  SmallVector<Value> outs = {init};
  if (group == 1) {
    SmallVector<Value> ins = {input, filter};
    switch (n) {
    case 1:
      return linalg::Conv1DNcwFcwOp::create(b, loc, resultTypes, ins, outs,
                                            stridesAttr, dilationsAttr)
          .getResult(0);
    case 2:
      return linalg::Conv2DNchwFchwOp::create(b, loc, resultTypes, ins, outs,
                                              stridesAttr, dilationsAttr)
          .getResult(0);
    case 3:
      return linalg::Conv3DNcdhwFcdhwOp::create(b, loc, resultTypes, ins, outs,
                                                stridesAttr, dilationsAttr)
          .getResult(0);
    default:
      return failure();
    }
  }
  int64_t outChannels = filterType.getDimSize(0);
  int64_t groupChannels = filterType.getDimSize(1);
  if (groupChannels == 1 && outChannels == group) {
    // Depthwise: the [C, 1, k...] filter without its unit dimension.
    SmallVector<ReassociationIndices> reassociation = {{0, 1}};
    for (int64_t i = 0; i < n; ++i)
      reassociation.push_back({2 + i});
    Value depthwise =
        tensor::CollapseShapeOp::create(b, loc, filter, reassociation);
    SmallVector<Value> ins = {input, depthwise};
    switch (n) {
    case 1:
      return linalg::DepthwiseConv1DNcwCwOp::create(
                 b, loc, resultTypes, ins, outs, stridesAttr, dilationsAttr)
          .getResult(0);
    case 2:
      return linalg::DepthwiseConv2DNchwChwOp::create(
                 b, loc, resultTypes, ins, outs, stridesAttr, dilationsAttr)
          .getResult(0);
    case 3:
      return linalg::DepthwiseConv3DNcdhwCdhwOp::create(
                 b, loc, resultTypes, ins, outs, stridesAttr, dilationsAttr)
          .getResult(0);
    default:
      return failure();
    }
  }
  if (ShapedType::isDynamic(outChannels) ||
      ShapedType::isDynamic(groupChannels))
    return failure();
  // Grouped: C and M split into [G, C / G] and [G, M / G].
  int64_t perGroup = outChannels / group;
  Value groupedInput = splitDim(b, loc, input, 1, group, groupChannels);
  Value groupedFilter = splitDim(b, loc, filter, 0, group, perGroup);
  Value groupedInit = splitDim(b, loc, init, 1, group, perGroup);
  Value result;
  if (n == 2) {
    result = linalg::Conv2DNgchwGfchwOp::create(
                 b, loc, TypeRange{groupedInit.getType()},
                 ValueRange{groupedInput, groupedFilter},
                 ValueRange{groupedInit}, stridesAttr, dilationsAttr)
                 .getResult(0);
  } else {
    result = genericGroupedConv(b, loc, groupedInput, groupedFilter,
                                groupedInit, strides, dilations);
  }
  return tensor::CollapseShapeOp::create(b, loc, initType, result,
                                         groupPair(initType.getRank(), 1))
      .getResult();
}

Value addChannelBias(OpBuilder &b, Location loc, Value result, Value bias) {
  MLIRContext *context = b.getContext();
  auto type = cast<RankedTensorType>(result.getType());
  int64_t rank = type.getRank();
  AffineMap biasMap =
      AffineMap::get(rank, 0, {getAffineDimExpr(1, context)}, context);
  SmallVector<AffineMap> maps = {biasMap, b.getMultiDimIdentityMap(rank)};
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, ValueRange{bias}, ValueRange{result},
             maps, parallelIterators(rank),
             [](OpBuilder &nb, Location nloc, ValueRange args) {
               Value sum =
                   isa<FloatType>(args[1].getType())
                       ? arith::AddFOp::create(nb, nloc, args[1], args[0])
                             .getResult()
                       : arith::AddIOp::create(nb, nloc, args[1], args[0])
                             .getResult();
               linalg::YieldOp::create(nb, nloc, sum);
             })
      .getResult(0);
}

Value reinterpretElements(OpBuilder &b, Location loc, Value tensor,
                          Type elementType) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto resultType = RankedTensorType::get(type.getShape(), elementType);
  Value empty = tensor::EmptyOp::create(
      b, loc, tensor::getMixedSizes(b, loc, tensor), elementType);
  int64_t rank = type.getRank();
  SmallVector<AffineMap> maps(2, b.getMultiDimIdentityMap(rank));
  return linalg::GenericOp::create(
             b, loc, TypeRange{resultType}, ValueRange{tensor},
             ValueRange{empty}, maps, parallelIterators(rank),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               // Unsigned and signless integers of one width are the same
               // LLVM type: the cast disappears in the conversion to LLVM.
               Value cast =
                   UnrealizedConversionCastOp::create(
                       nb, nloc, TypeRange{elementType}, ValueRange{args[0]})
                       .getResult(0);
               linalg::YieldOp::create(nb, nloc, cast);
             })
      .getResult(0);
}

} // namespace conv_lowering

namespace {
using namespace conv_lowering;

Value floatConstant(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, value));
}

/// The smallest value of the float (-inf) or signless integer `type`, or
/// zero for unsigned comparisons.
Value lowestValue(OpBuilder &b, Location loc, Type type, bool isUnsigned) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc, type,
        b.getFloatAttr(type, APFloat::getInf(floatType.getFloatSemantics(),
                                             /*Negative=*/true)));
  unsigned width = type.getIntOrFloatBitWidth();
  APInt lowest =
      isUnsigned ? APInt::getZero(width) : APInt::getSignedMinValue(width);
  return arith::ConstantOp::create(b, loc, type,
                                   b.getIntegerAttr(type, lowest));
}

/// The maximum of two values of a float or signless integer type.
Value maximum(OpBuilder &b, Location loc, Value lhs, Value rhs,
              bool isUnsigned) {
  if (isa<FloatType>(lhs.getType()))
    return arith::MaximumFOp::create(b, loc, lhs, rhs);
  if (isUnsigned)
    return arith::MaxUIOp::create(b, loc, lhs, rhs);
  return arith::MaxSIOp::create(b, loc, lhs, rhs);
}

Value add(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  if (isa<FloatType>(lhs.getType()))
    return arith::AddFOp::create(b, loc, lhs, rhs);
  return arith::AddIOp::create(b, loc, lhs, rhs);
}

/// `tensor` mapped elementwise through `body` by a linalg.generic: in place
/// (`tensor` as its init) for tensors this lowering created, into a new
/// tensor otherwise. An op's operand may be a function argument, which
/// bufferization treats as writable: writing into it would clobber the
/// caller's data.
Value mapElements(OpBuilder &b, Location loc, Value tensor, bool inPlace,
                  function_ref<Value(OpBuilder &, Location, Value)> body) {
  auto type = cast<RankedTensorType>(tensor.getType());
  int64_t rank = type.getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  Value init = tensor;
  if (!inPlace) {
    inputs.push_back(tensor);
    maps.push_back(id);
    init = tensor::EmptyOp::create(
        b, loc, tensor::getMixedSizes(b, loc, tensor), type.getElementType());
  }
  maps.push_back(id);
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, inputs, ValueRange{init}, maps,
             parallelIterators(rank),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(nb, nloc, body(nb, nloc, args[0]));
             })
      .getResult(0);
}

/// |x|^p for a positive integer p: products for small p, powf beyond.
Value absPower(OpBuilder &b, Location loc, Value x, int64_t p) {
  if (p == 2)
    return arith::MulFOp::create(b, loc, x, x);
  Value magnitude = math::AbsFOp::create(b, loc, x);
  if (p > 8)
    return math::PowFOp::create(
        b, loc, magnitude,
        floatConstant(b, loc, x.getType(), static_cast<double>(p)));
  Value result = magnitude;
  for (int64_t i = 1; i < p; ++i)
    result = arith::MulFOp::create(b, loc, result, magnitude);
  return result;
}

/// s^(1/p) for a positive integer p.
Value root(OpBuilder &b, Location loc, Value s, int64_t p) {
  if (p == 1)
    return s;
  if (p == 2)
    return math::SqrtOp::create(b, loc, s);
  return math::PowFOp::create(b, loc, s,
                              floatConstant(b, loc, s.getType(), 1.0 / p));
}

/// Checks shared by the window ops: a ranked NC... input of rank n + 2 with
/// 1 <= n, and a ranked result of the same rank.
LogicalResult matchSpatial(Operation *op, PatternRewriter &rewriter,
                           Value input, RankedTensorType &inputType,
                           RankedTensorType &resultType) {
  inputType = dyn_cast<RankedTensorType>(input.getType());
  resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!inputType || !resultType || inputType.getRank() < 3 ||
      resultType.getRank() != inputType.getRank())
    return rewriter.notifyMatchFailure(op, "not a ranked spatial op");
  return success();
}

//===----------------------------------------------------------------------===//
// Conv
//===----------------------------------------------------------------------===//

/// ds.conv -> zero tensor.pad + convolve() + bias generic.
struct LowerConv : OpRewritePattern<ConvOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType inputType, resultType;
    if (failed(
            matchSpatial(op, rewriter, op.getInput(), inputType, resultType)))
      return failure();
    auto weightType = dyn_cast<RankedTensorType>(op.getWeight().getType());
    if (!weightType || weightType.getRank() != inputType.getRank() ||
        inputType.getRank() > 5)
      return rewriter.notifyMatchFailure(op, "not a 1-D, 2-D or 3-D conv");
    ArrayRef<int64_t> kernel = weightType.getShape().drop_front(2);
    if (ShapedType::isDynamicShape(kernel))
      return rewriter.notifyMatchFailure(op, "dynamic kernel size");
    int64_t group = op.getGroup();
    if (group != 1 &&
        (weightType.isDynamicDim(0) || weightType.isDynamicDim(1)) &&
        !(weightType.getDimSize(1) == 1 && weightType.getDimSize(0) == group))
      return rewriter.notifyMatchFailure(
          op, "grouped convolution with dynamic weight channels");

    Location loc = op.getLoc();
    FailureOr<SpatialWindow> window =
        getSpatialWindow(rewriter, loc, op.getInput(), kernel, op.getStrides(),
                         op.getPads(), op.getDilations(), op.getAutoPad());
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    Type elementType = resultType.getElementType();
    Value zero = floatConstant(rewriter, loc, elementType, 0.0);
    Value padded = padSpatial(rewriter, loc, op.getInput(), window->padBegin,
                              window->padEnd, zero);
    Value init = fill(rewriter, loc, zero,
                      emptyWindowResult(rewriter, loc, resultType, padded,
                                        tensor::getMixedSize(rewriter, loc,
                                                             op.getWeight(), 0),
                                        *window));
    FailureOr<Value> result =
        convolve(rewriter, loc, padded, op.getWeight(), init, window->strides,
                 window->dilations, group);
    if (failed(result))
      return rewriter.notifyMatchFailure(op, "unsupported convolution");
    Value output = *result;
    if (Value bias = op.getBias())
      output = addChannelBias(rewriter, loc, output, bias);
    rewriter.replaceOp(op, output);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ConvTranspose
//===----------------------------------------------------------------------===//

/// ds.conv_transpose -> the input spread by the strides into a zero tensor
/// padded by extent - 1 - pad on each side (cropped where that is
/// negative; output_padding adds to the end), convolved with stride 1, the
/// dilations and the kernel flipped in space with its channels swapped:
///
///   y[n, m, o] = sum_{c, k} x[n, c, i] * w[c, m, k], o = i * s + k * d - pb
///             = sum_{c, k} spread[n, c, o + k' * d] * w[c, m, K - 1 - k']
struct LowerConvTranspose : OpRewritePattern<ConvTransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvTransposeOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType inputType, resultType;
    if (failed(
            matchSpatial(op, rewriter, op.getInput(), inputType, resultType)))
      return failure();
    auto weightType = dyn_cast<RankedTensorType>(op.getWeight().getType());
    if (!weightType || weightType.getRank() != inputType.getRank() ||
        inputType.getRank() > 5)
      return rewriter.notifyMatchFailure(op, "not a 1-D, 2-D or 3-D conv");
    if (!weightType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic weight shape");
    int64_t n = inputType.getRank() - 2;
    int64_t group = op.getGroup();
    ArrayRef<int64_t> kernel = weightType.getShape().drop_front(2);
    Location loc = op.getLoc();
    // The window without pads: they follow from auto_pad or output_shape.
    FailureOr<SpatialWindow> window =
        getSpatialWindow(rewriter, loc, op.getInput(), kernel, op.getStrides(),
                         /*pads=*/std::nullopt, op.getDilations(), "NOTSET");
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    SmallVector<int64_t> outputPadding(n, 0);
    if (std::optional<ArrayRef<int64_t>> attr = op.getOutputPadding()) {
      if (static_cast<int64_t>(attr->size()) != n)
        return rewriter.notifyMatchFailure(op, "malformed output_padding");
      outputPadding.assign(attr->begin(), attr->end());
    }
    SmallVector<OpFoldResult> padBegin, padEnd;
    if (failed(getPads(rewriter, loc, op, *window, outputPadding, padBegin,
                       padEnd)))
      return rewriter.notifyMatchFailure(op, "malformed pads");

    Type elementType = resultType.getElementType();
    Value zero = floatConstant(rewriter, loc, elementType, 0.0);
    Value spread = spreadInput(rewriter, loc, op.getInput(), *window,
                               outputPadding, padBegin, padEnd, zero);
    Value filter = flipFilter(rewriter, loc, op.getWeight(), group);
    SpatialWindow flipped = *window;
    flipped.strides.assign(n, 1);
    Value init =
        fill(rewriter, loc, zero,
             emptyWindowResult(
                 rewriter, loc, resultType, spread,
                 rewriter.getIndexAttr(
                     cast<RankedTensorType>(filter.getType()).getDimSize(0)),
                 flipped));
    FailureOr<Value> result =
        convolve(rewriter, loc, spread, filter, init, flipped.strides,
                 flipped.dilations, group);
    if (failed(result))
      return rewriter.notifyMatchFailure(op, "unsupported convolution");
    Value output = *result;
    if (Value bias = op.getBias())
      output = addChannelBias(rewriter, loc, output, bias);
    rewriter.replaceOp(op, output);
    return success();
  }

  /// The pads [begin, end) per dimension: explicit, or derived from the
  /// output size (output_shape, or D * stride for SAME) as
  /// total = stride * (D - 1) + output_padding + extent - O, split with
  /// the odd element at the end for SAME_UPPER and at the beginning
  /// otherwise (floor division, so a negative total extends the output).
  static LogicalResult getPads(OpBuilder &b, Location loc, ConvTransposeOp op,
                               const SpatialWindow &window,
                               ArrayRef<int64_t> outputPadding,
                               SmallVectorImpl<OpFoldResult> &padBegin,
                               SmallVectorImpl<OpFoldResult> &padEnd) {
    int64_t n = window.rank();
    padBegin.assign(n, b.getIndexAttr(0));
    padEnd.assign(n, b.getIndexAttr(0));
    StringRef autoPad = op.getAutoPad();
    std::optional<ArrayRef<int64_t>> outputShape = op.getOutputShape();
    bool same = autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER";
    if (!outputShape && !same) {
      if (std::optional<ArrayRef<int64_t>> pads = op.getPads();
          pads && autoPad == "NOTSET") {
        if (static_cast<int64_t>(pads->size()) != 2 * n)
          return failure();
        for (int64_t i = 0; i < n; ++i) {
          padBegin[i] = b.getIndexAttr((*pads)[i]);
          padEnd[i] = b.getIndexAttr((*pads)[n + i]);
        }
      }
      return success();
    }
    if (outputShape && static_cast<int64_t>(outputShape->size()) != n)
      return failure();
    AffineExpr d0 = b.getAffineDimExpr(0);
    for (int64_t i = 0; i < n; ++i) {
      int64_t stride = window.strides[i];
      OpFoldResult size = tensor::getMixedSize(b, loc, op.getInput(), 2 + i);
      AffineExpr natural =
          stride * (d0 - 1) + outputPadding[i] + window.extent(i);
      AffineExpr out =
          outputShape ? getAffineConstantExpr((*outputShape)[i], b.getContext())
                      : d0 * stride;
      OpFoldResult total = apply(b, loc, natural - out, {size});
      OpFoldResult half = apply(b, loc, d0.floorDiv(2), {total});
      OpFoldResult rest = apply(b, loc, d0 - d0.floorDiv(2), {total});
      bool upper = autoPad == "SAME_UPPER";
      padBegin[i] = upper ? half : rest;
      padEnd[i] = upper ? rest : half;
    }
    return success();
  }

  /// The input [N, C, D...] with stride - 1 zeros between its elements and
  /// extent - 1 - pad_begin zeros before, extent - 1 - pad_end +
  /// output_padding after (negative amounts crop).
  static Value spreadInput(OpBuilder &b, Location loc, Value input,
                           const SpatialWindow &window,
                           ArrayRef<int64_t> outputPadding,
                           ArrayRef<OpFoldResult> padBegin,
                           ArrayRef<OpFoldResult> padEnd, Value zero) {
    int64_t n = window.rank();
    AffineExpr d0 = b.getAffineDimExpr(0);
    SmallVector<OpFoldResult> low, high, cropLow, cropHigh;
    bool cropped = false;
    for (int64_t i = 0; i < n; ++i) {
      int64_t edge = window.extent(i) - 1;
      low.push_back(applyNonNegative(b, loc, edge - d0, {padBegin[i]}));
      high.push_back(
          applyNonNegative(b, loc, edge + outputPadding[i] - d0, {padEnd[i]}));
      cropLow.push_back(applyNonNegative(b, loc, d0 - edge, {padBegin[i]}));
      cropHigh.push_back(
          applyNonNegative(b, loc, d0 - edge - outputPadding[i], {padEnd[i]}));
      cropped |= !isZero(cropLow.back()) || !isZero(cropHigh.back());
    }
    Value spread;
    if (llvm::all_of(window.strides, [](int64_t s) { return s == 1; })) {
      spread = padSpatial(b, loc, input, low, high, zero);
    } else {
      // A zero tensor of the spread and padded size, the input inserted
      // at the low padding with the strides.
      SmallVector<OpFoldResult> sizes = {
          tensor::getMixedSize(b, loc, input, 0),
          tensor::getMixedSize(b, loc, input, 1)};
      SmallVector<OpFoldResult> offsets(2, b.getIndexAttr(0));
      SmallVector<OpFoldResult> strides(2, b.getIndexAttr(1));
      AffineExpr d1 = b.getAffineDimExpr(1), d2 = b.getAffineDimExpr(2);
      for (int64_t i = 0; i < n; ++i) {
        int64_t stride = window.strides[i];
        sizes.push_back(apply(
            b, loc, (d0 - 1) * stride + 1 + d1 + d2,
            {tensor::getMixedSize(b, loc, input, 2 + i), low[i], high[i]}));
        offsets.push_back(low[i]);
        strides.push_back(b.getIndexAttr(stride));
      }
      auto inputType = cast<RankedTensorType>(input.getType());
      Value buffer = fill(
          b, loc, zero,
          tensor::EmptyOp::create(b, loc, sizes, inputType.getElementType()));
      spread = tensor::InsertSliceOp::create(
          b, loc, input, buffer, offsets, tensor::getMixedSizes(b, loc, input),
          strides);
    }
    if (!cropped)
      return spread;
    SmallVector<OpFoldResult> offsets(2, b.getIndexAttr(0));
    SmallVector<OpFoldResult> sizes = {tensor::getMixedSize(b, loc, spread, 0),
                                       tensor::getMixedSize(b, loc, spread, 1)};
    AffineExpr d1 = b.getAffineDimExpr(1), d2 = b.getAffineDimExpr(2);
    for (int64_t i = 0; i < n; ++i) {
      offsets.push_back(cropLow[i]);
      sizes.push_back(apply(b, loc, d0 - d1 - d2,
                            {tensor::getMixedSize(b, loc, spread, 2 + i),
                             cropLow[i], cropHigh[i]}));
    }
    SmallVector<OpFoldResult> strides(n + 2, b.getIndexAttr(1));
    return tensor::ExtractSliceOp::create(b, loc, spread, offsets, sizes,
                                          strides);
  }

  /// The ConvTranspose weight [C, M / G, k...] as a Conv filter
  /// [M, C / G, k...] of the same groups, flipped in space:
  /// filter[g * F + f, c, k] = w[g * Cg + c, f, K - 1 - k].
  static Value flipFilter(OpBuilder &b, Location loc, Value weight,
                          int64_t group) {
    MLIRContext *context = b.getContext();
    auto type = cast<RankedTensorType>(weight.getType());
    int64_t rank = type.getRank();
    int64_t perGroup = type.getDimSize(1);
    int64_t groupChannels = type.getDimSize(0) / group;
    SmallVector<int64_t> shape(type.getShape());
    shape[0] = perGroup * group;
    shape[1] = groupChannels;
    auto dim = [&](int64_t d) { return getAffineDimExpr(d, context); };
    SmallVector<AffineExpr> exprs = {
        dim(0).floorDiv(perGroup) * groupChannels + dim(1), dim(0) % perGroup};
    for (int64_t d = 2; d < rank; ++d)
      exprs.push_back(type.getDimSize(d) - 1 - dim(d));
    SmallVector<AffineMap> maps = {AffineMap::get(rank, 0, exprs, context),
                                   b.getMultiDimIdentityMap(rank)};
    Value empty = tensor::EmptyOp::create(b, loc, shape, type.getElementType());
    return linalg::GenericOp::create(
               b, loc, TypeRange{empty.getType()}, ValueRange{weight},
               ValueRange{empty}, maps, parallelIterators(rank),
               [](OpBuilder &nb, Location nloc, ValueRange args) {
                 linalg::YieldOp::create(nb, nloc, args[0]);
               })
        .getResult(0);
  }
};

//===----------------------------------------------------------------------===//
// Windowed pools
//===----------------------------------------------------------------------===//

enum class PoolKind { Max, Sum };

/// The padding `ceil_mode` adds to the end of each spatial dimension so
/// that the last window (which starts inside the input or its begin
/// padding) fits: max(0, (O - 1) * stride + extent - (D + pads)) with O the
/// output size rounded up, less one when that window would start in the
/// end padding. Zero without `ceil_mode`.
SmallVector<OpFoldResult> ceilModePadding(OpBuilder &b, Location loc,
                                          Value input,
                                          const SpatialWindow &window,
                                          bool ceilMode) {
  int64_t n = window.rank();
  SmallVector<OpFoldResult> extra(n, b.getIndexAttr(0));
  if (!ceilMode)
    return extra;
  for (int64_t i = 0; i < n; ++i) {
    OpFoldResult size = tensor::getMixedSize(b, loc, input, 2 + i);
    int64_t stride = window.strides[i], extent = window.extent(i);
    std::optional<int64_t> d = getConstantIntValue(size),
                           begin = getConstantIntValue(window.padBegin[i]),
                           end = getConstantIntValue(window.padEnd[i]);
    if (d && begin && end) {
      int64_t padded = *d + *begin + *end;
      int64_t out = llvm::divideCeil(padded - extent, stride) + 1;
      if ((out - 1) * stride >= *d + *begin)
        --out;
      extra[i] = b.getIndexAttr(
          std::max<int64_t>(0, (out - 1) * stride + extent - padded));
      continue;
    }
    Value dv = getValueOrCreateConstantIndexOp(b, loc, size);
    Value bv = getValueOrCreateConstantIndexOp(b, loc, window.padBegin[i]);
    Value ev = getValueOrCreateConstantIndexOp(b, loc, window.padEnd[i]);
    Value one = indexConstant(b, loc, 1);
    Value strideValue = indexConstant(b, loc, stride);
    Value start = arith::AddIOp::create(b, loc, dv, bv);
    Value padded = arith::AddIOp::create(b, loc, start, ev);
    Value span =
        arith::SubIOp::create(b, loc, padded, indexConstant(b, loc, extent));
    Value last = arith::CeilDivSIOp::create(b, loc, span, strideValue);
    Value lastStart = arith::MulIOp::create(b, loc, last, strideValue);
    Value inEnd = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge,
                                        lastStart, start);
    last = arith::SelectOp::create(
        b, loc, inEnd, arith::SubIOp::create(b, loc, last, one), last);
    Value needed = arith::AddIOp::create(
        b, loc, arith::MulIOp::create(b, loc, last, strideValue),
        indexConstant(b, loc, extent));
    Value missing = arith::SubIOp::create(b, loc, needed, padded);
    extra[i] = arith::MaxSIOp::create(b, loc, missing, indexConstant(b, loc, 0))
                   .getResult();
  }
  return extra;
}

/// Pools the padded `input` [N, C, P...] into `init` [N, C, O...]: the
/// named pooling op for 1-D and 2-D floats and signed integers, otherwise
/// a linalg.generic over (n, c, o..., k...).
Value pool(OpBuilder &b, Location loc, PoolKind kind, Value input, Value init,
           const SpatialWindow &window, bool isUnsigned) {
  MLIRContext *context = b.getContext();
  auto initType = cast<RankedTensorType>(init.getType());
  Type elementType = initType.getElementType();
  int64_t n = window.rank();
  Value windowTensor =
      tensor::EmptyOp::create(b, loc, window.kernel, elementType);
  if (!isUnsigned && (n == 1 || n == 2)) {
    Attribute strides = b.getI64VectorAttr(window.strides);
    Attribute dilations = b.getI64VectorAttr(window.dilations);
    SmallVector<Type> types = {initType};
    SmallVector<Value> ins = {input, windowTensor};
    SmallVector<Value> outs = {init};
    if (kind == PoolKind::Max && n == 1)
      return linalg::PoolingNcwMaxOp::create(b, loc, types, ins, outs, strides,
                                             dilations)
          .getResult(0);
    if (kind == PoolKind::Max)
      return linalg::PoolingNchwMaxOp::create(b, loc, types, ins, outs, strides,
                                              dilations)
          .getResult(0);
    if (n == 1)
      return linalg::PoolingNcwSumOp::create(b, loc, types, ins, outs, strides,
                                             dilations)
          .getResult(0);
    return linalg::PoolingNchwSumOp::create(b, loc, types, ins, outs, strides,
                                            dilations)
        .getResult(0);
  }
  int64_t numDims = 2 + 2 * n;
  auto dim = [&](int64_t d) { return getAffineDimExpr(d, context); };
  SmallVector<AffineExpr> inputExprs = {dim(0), dim(1)};
  SmallVector<AffineExpr> windowExprs, outputExprs = {dim(0), dim(1)};
  for (int64_t i = 0; i < n; ++i) {
    inputExprs.push_back(dim(2 + i) * window.strides[i] +
                         dim(2 + n + i) * window.dilations[i]);
    windowExprs.push_back(dim(2 + n + i));
    outputExprs.push_back(dim(2 + i));
  }
  SmallVector<AffineMap> maps = {
      AffineMap::get(numDims, 0, inputExprs, context),
      AffineMap::get(numDims, 0, windowExprs, context),
      AffineMap::get(numDims, 0, outputExprs, context)};
  SmallVector<utils::IteratorType> iterators = parallelIterators(2 + n);
  iterators.append(n, utils::IteratorType::reduction);
  return linalg::GenericOp::create(
             b, loc, TypeRange{initType}, ValueRange{input, windowTensor},
             ValueRange{init}, maps, iterators,
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               Value combined =
                   kind == PoolKind::Max
                       ? maximum(nb, nloc, args[0], args[2], isUnsigned)
                       : add(nb, nloc, args[0], args[2]);
               linalg::YieldOp::create(nb, nloc, combined);
             })
      .getResult(0);
}

/// ds.max_pool -> tensor.pad with the lowest value + pool(), or with used
/// indices a linalg.generic with two outputs.
struct LowerMaxPool : OpRewritePattern<MaxPoolOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MaxPoolOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType inputType, resultType;
    if (failed(
            matchSpatial(op, rewriter, op.getInput(), inputType, resultType)))
      return failure();
    Value indices = op.getIndices();
    bool withIndices = indices && !indices.use_empty();
    if (withIndices && !isa<RankedTensorType>(indices.getType()))
      return rewriter.notifyMatchFailure(op, "unranked indices");
    Location loc = op.getLoc();
    FailureOr<SpatialWindow> window = getSpatialWindow(
        rewriter, loc, op.getInput(), op.getKernelShape(), op.getStrides(),
        op.getPads(), op.getDilations(), op.getAutoPad());
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");

    Type elementType = resultType.getElementType();
    bool isUnsigned = elementType.isUnsignedInteger();
    Value input = op.getInput();
    Type computeType = elementType;
    if (isUnsigned) {
      computeType =
          rewriter.getIntegerType(elementType.getIntOrFloatBitWidth());
      input = reinterpretElements(rewriter, loc, input, computeType);
    }
    auto computeResultType =
        RankedTensorType::get(resultType.getShape(), computeType);
    Value lowest = lowestValue(rewriter, loc, computeType, isUnsigned);
    SmallVector<OpFoldResult> extra =
        ceilModePadding(rewriter, loc, input, *window, op.getCeilMode());
    SmallVector<OpFoldResult> high;
    AffineExpr d0 = rewriter.getAffineDimExpr(0),
               d1 = rewriter.getAffineDimExpr(1);
    for (int64_t i = 0; i < window->rank(); ++i)
      high.push_back(
          apply(rewriter, loc, d0 + d1, {window->padEnd[i], extra[i]}));
    Value padded =
        padSpatial(rewriter, loc, input, window->padBegin, high, lowest);
    Value empty = emptyWindowResult(
        rewriter, loc, computeResultType, padded,
        tensor::getMixedSize(rewriter, loc, input, 1), *window);
    Value init = fill(rewriter, loc, lowest, empty);
    Value result, resultIndices;
    if (withIndices) {
      auto indicesType = cast<RankedTensorType>(indices.getType());
      std::tie(result, resultIndices) =
          poolWithIndices(rewriter, loc, input, padded, init, indicesType,
                          *window, op.getStorageOrder() == 1, isUnsigned);
    } else {
      result =
          pool(rewriter, loc, PoolKind::Max, padded, init, *window, isUnsigned);
    }
    if (isUnsigned)
      result = reinterpretElements(rewriter, loc, result, elementType);
    if (result.getType() != resultType)
      result = tensor::CastOp::create(rewriter, loc, resultType, result);
    rewriter.replaceAllUsesWith(op.getOutput(), result);
    if (withIndices)
      rewriter.replaceAllUsesWith(indices, resultIndices);
    rewriter.eraseOp(op);
    return success();
  }

  /// The maximum of each window of `padded` and the flat index in `input`
  /// of its first occurrence (row-major over the window, padding skipped),
  /// as the ONNX reference keeps it: an element replaces the current one
  /// when none was taken yet or it is greater.
  static std::pair<Value, Value>
  poolWithIndices(OpBuilder &b, Location loc, Value input, Value padded,
                  Value init, RankedTensorType indicesType,
                  const SpatialWindow &window, bool columnMajor,
                  bool isUnsigned) {
    MLIRContext *context = b.getContext();
    int64_t n = window.rank();
    auto initType = cast<RankedTensorType>(init.getType());
    Type elementType = initType.getElementType();
    Type i64 = b.getI64Type();
    Value none =
        arith::ConstantOp::create(b, loc, i64, b.getIntegerAttr(i64, -1));
    SmallVector<OpFoldResult> initSizes = tensor::getMixedSizes(b, loc, init);
    Value indicesInit =
        fill(b, loc, none, tensor::EmptyOp::create(b, loc, initSizes, i64));
    Value windowTensor =
        tensor::EmptyOp::create(b, loc, window.kernel, elementType);
    // Sizes and offsets the body needs, computed outside of it.
    SmallVector<Value> sizes, padBegin;
    for (int64_t d = 1; d < n + 2; ++d)
      sizes.push_back(getValueOrCreateConstantIndexOp(
          b, loc, tensor::getMixedSize(b, loc, input, d)));
    for (int64_t i = 0; i < n; ++i)
      padBegin.push_back(
          getValueOrCreateConstantIndexOp(b, loc, window.padBegin[i]));

    int64_t numDims = 2 + 2 * n;
    auto dim = [&](int64_t d) { return getAffineDimExpr(d, context); };
    SmallVector<AffineExpr> inputExprs = {dim(0), dim(1)};
    SmallVector<AffineExpr> windowExprs, outputExprs = {dim(0), dim(1)};
    for (int64_t i = 0; i < n; ++i) {
      inputExprs.push_back(dim(2 + i) * window.strides[i] +
                           dim(2 + n + i) * window.dilations[i]);
      windowExprs.push_back(dim(2 + n + i));
      outputExprs.push_back(dim(2 + i));
    }
    AffineMap outputMap = AffineMap::get(numDims, 0, outputExprs, context);
    SmallVector<AffineMap> maps = {
        AffineMap::get(numDims, 0, inputExprs, context),
        AffineMap::get(numDims, 0, windowExprs, context), outputMap, outputMap};
    SmallVector<utils::IteratorType> iterators = parallelIterators(2 + n);
    iterators.append(n, utils::IteratorType::reduction);
    auto indicesResultType = RankedTensorType::get(initType.getShape(), i64);
    auto generic = linalg::GenericOp::create(
        b, loc, TypeRange{initType, indicesResultType},
        ValueRange{padded, windowTensor}, ValueRange{init, indicesInit}, maps,
        iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
          Value zero = indexConstant(nb, nloc, 0);
          // The input position of this tap, and whether it is inside.
          Value valid;
          SmallVector<Value> position;
          for (int64_t i = 0; i < n; ++i) {
            Value out = linalg::IndexOp::create(nb, nloc, 2 + i);
            Value tap = linalg::IndexOp::create(nb, nloc, 2 + n + i);
            Value h = arith::AddIOp::create(
                nb, nloc,
                arith::MulIOp::create(
                    nb, nloc, out, indexConstant(nb, nloc, window.strides[i])),
                arith::MulIOp::create(
                    nb, nloc, tap,
                    indexConstant(nb, nloc, window.dilations[i])));
            h = arith::SubIOp::create(nb, nloc, h, padBegin[i]);
            Value inside = arith::AndIOp::create(
                nb, nloc,
                arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::sge, h,
                                      zero),
                arith::CmpIOp::create(nb, nloc, arith::CmpIPredicate::slt, h,
                                      sizes[1 + i]));
            valid =
                valid
                    ? arith::AndIOp::create(nb, nloc, valid, inside).getResult()
                    : inside;
            position.push_back(h);
          }
          // (n * C + c) * prod(D) + the spatial index, row- or
          // column-major.
          Value flat = arith::AddIOp::create(
              nb, nloc,
              arith::MulIOp::create(
                  nb, nloc, linalg::IndexOp::create(nb, nloc, 0), sizes[0]),
              linalg::IndexOp::create(nb, nloc, 1));
          if (!columnMajor) {
            for (int64_t i = 0; i < n; ++i)
              flat = arith::AddIOp::create(
                  nb, nloc, arith::MulIOp::create(nb, nloc, flat, sizes[1 + i]),
                  position[i]);
          } else {
            Value spatial = position[n - 1];
            for (int64_t i = n - 2; i >= 0; --i)
              spatial = arith::AddIOp::create(
                  nb, nloc,
                  arith::MulIOp::create(nb, nloc, spatial, sizes[1 + i]),
                  position[i]);
            for (int64_t i = 0; i < n; ++i)
              flat = arith::MulIOp::create(nb, nloc, flat, sizes[1 + i]);
            flat = arith::AddIOp::create(nb, nloc, flat, spatial);
          }
          Value x = args[0], current = args[2], currentIndex = args[3];
          Value greater;
          if (isa<FloatType>(elementType))
            greater = arith::CmpFOp::create(nb, nloc, arith::CmpFPredicate::OGT,
                                            x, current);
          else
            greater =
                arith::CmpIOp::create(nb, nloc,
                                      isUnsigned ? arith::CmpIPredicate::ugt
                                                 : arith::CmpIPredicate::sgt,
                                      x, current);
          Value first = arith::CmpIOp::create(
              nb, nloc, arith::CmpIPredicate::eq, currentIndex,
              arith::ConstantOp::create(nb, nloc, i64,
                                        nb.getIntegerAttr(i64, -1)));
          Value take = arith::AndIOp::create(
              nb, nloc, valid, arith::OrIOp::create(nb, nloc, first, greater));
          Value index = arith::IndexCastOp::create(nb, nloc, i64, flat);
          linalg::YieldOp::create(
              nb, nloc,
              ValueRange{arith::SelectOp::create(nb, nloc, take, x, current),
                         arith::SelectOp::create(nb, nloc, take, index,
                                                 currentIndex)});
        });
    Value resultIndices = generic.getResult(1);
    if (resultIndices.getType() != indicesType)
      resultIndices =
          tensor::CastOp::create(b, loc, indicesType, resultIndices);
    return {generic.getResult(0), resultIndices};
  }
};

/// The divisor of an average pool at each output position: the number of
/// taps of its window inside [lo, hi) per dimension, multiplied, where
/// [lo, hi) is the input, or with `count_include_pad` the input with its
/// explicit pads (never the ceil_mode padding).
Value windowCount(OpBuilder &b, Location loc, ArrayRef<Value> sizes,
                  ArrayRef<Value> padBegin, ArrayRef<Value> padEnd,
                  const SpatialWindow &window, bool includePad) {
  Value zero = indexConstant(b, loc, 0);
  Value one = indexConstant(b, loc, 1);
  Value count;
  for (int64_t i = 0; i < window.rank(); ++i) {
    Value out = linalg::IndexOp::create(b, loc, 2 + i);
    Value dilation = indexConstant(b, loc, window.dilations[i]);
    Value start = arith::SubIOp::create(
        b, loc,
        arith::MulIOp::create(b, loc, out,
                              indexConstant(b, loc, window.strides[i])),
        padBegin[i]);
    Value lo =
        includePad
            ? arith::SubIOp::create(b, loc, zero, padBegin[i]).getResult()
            : zero;
    Value hi =
        includePad
            ? arith::AddIOp::create(b, loc, sizes[i], padEnd[i]).getResult()
            : sizes[i];
    // First and last taps k with lo <= start + k * dilation < hi.
    Value first = arith::MaxSIOp::create(
        b, loc, zero,
        arith::CeilDivSIOp::create(
            b, loc, arith::SubIOp::create(b, loc, lo, start), dilation));
    Value last = arith::MinSIOp::create(
        b, loc, indexConstant(b, loc, window.kernel[i] - 1),
        arith::FloorDivSIOp::create(
            b, loc,
            arith::SubIOp::create(
                b, loc, arith::SubIOp::create(b, loc, hi, one), start),
            dilation));
    Value taps = arith::MaxSIOp::create(
        b, loc, zero,
        arith::AddIOp::create(b, loc,
                              arith::SubIOp::create(b, loc, last, first), one));
    count =
        count ? arith::MulIOp::create(b, loc, count, taps).getResult() : taps;
  }
  return count;
}

/// The window sums of an average or p-norm pool: `input` padded with zeros
/// by the pads and the ceil_mode padding, pooled by sum.
Value sumPool(OpBuilder &b, Location loc, Value input,
              RankedTensorType resultType, const SpatialWindow &window,
              ArrayRef<OpFoldResult> extra) {
  Type elementType = resultType.getElementType();
  Value zero = floatConstant(b, loc, elementType, 0.0);
  AffineExpr d0 = b.getAffineDimExpr(0), d1 = b.getAffineDimExpr(1);
  SmallVector<OpFoldResult> high;
  for (int64_t i = 0; i < window.rank(); ++i)
    high.push_back(apply(b, loc, d0 + d1, {window.padEnd[i], extra[i]}));
  Value padded = padSpatial(b, loc, input, window.padBegin, high, zero);
  Value init =
      fill(b, loc, zero,
           emptyWindowResult(b, loc, resultType, padded,
                             tensor::getMixedSize(b, loc, input, 1), window));
  return pool(b, loc, PoolKind::Sum, padded, init, window,
              /*isUnsigned=*/false);
}

/// ds.average_pool -> sumPool() divided by the kernel size, or by
/// windowCount() where windows can cover padding that does not count.
struct LowerAveragePool : OpRewritePattern<AveragePoolOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AveragePoolOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType inputType, resultType;
    if (failed(
            matchSpatial(op, rewriter, op.getInput(), inputType, resultType)))
      return failure();
    Location loc = op.getLoc();
    FailureOr<SpatialWindow> window = getSpatialWindow(
        rewriter, loc, op.getInput(), op.getKernelShape(), op.getStrides(),
        op.getPads(), op.getDilations(), op.getAutoPad());
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    SmallVector<OpFoldResult> extra = ceilModePadding(
        rewriter, loc, op.getInput(), *window, op.getCeilMode());
    Value sum =
        sumPool(rewriter, loc, op.getInput(), resultType, *window, extra);
    Type elementType = resultType.getElementType();

    bool includePad = op.getCountIncludePad();
    bool fullWindows = llvm::all_of(extra, isZero) &&
                       (includePad || (llvm::all_of(window->padBegin, isZero) &&
                                       llvm::all_of(window->padEnd, isZero)));
    if (fullWindows) {
      int64_t size = 1;
      for (int64_t k : window->kernel)
        size *= k;
      Value divisor =
          floatConstant(rewriter, loc, elementType, static_cast<double>(size));
      rewriter.replaceOp(
          op, mapElements(rewriter, loc, sum, /*inPlace=*/true,
                          [&](OpBuilder &b, Location l, Value x) -> Value {
                            return arith::DivFOp::create(b, l, x, divisor);
                          }));
      return success();
    }
    SmallVector<Value> sizes, padBegin, padEnd;
    for (int64_t i = 0; i < window->rank(); ++i) {
      sizes.push_back(getValueOrCreateConstantIndexOp(
          rewriter, loc,
          tensor::getMixedSize(rewriter, loc, op.getInput(), 2 + i)));
      padBegin.push_back(
          getValueOrCreateConstantIndexOp(rewriter, loc, window->padBegin[i]));
      padEnd.push_back(
          getValueOrCreateConstantIndexOp(rewriter, loc, window->padEnd[i]));
    }
    int64_t rank = resultType.getRank();
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank)};
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{sum.getType()}, ValueRange{},
            ValueRange{sum}, maps, parallelIterators(rank),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value count = windowCount(b, l, sizes, padBegin, padEnd, *window,
                                        includePad);
              Value divisor = arith::SIToFPOp::create(
                  b, l, elementType,
                  arith::IndexCastOp::create(b, l, b.getI64Type(), count));
              linalg::YieldOp::create(
                  b, l,
                  arith::DivFOp::create(b, l, args[0], divisor).getResult());
            })
            .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// ds.lp_pool -> |x|^p, sumPool(), the p-th root.
struct LowerLpPool : OpRewritePattern<LpPoolOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LpPoolOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType inputType, resultType;
    if (failed(
            matchSpatial(op, rewriter, op.getInput(), inputType, resultType)))
      return failure();
    int64_t p = op.getP();
    if (p < 1)
      return rewriter.notifyMatchFailure(op, "p must be positive");
    Location loc = op.getLoc();
    FailureOr<SpatialWindow> window = getSpatialWindow(
        rewriter, loc, op.getInput(), op.getKernelShape(), op.getStrides(),
        op.getPads(), op.getDilations(), op.getAutoPad());
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    SmallVector<OpFoldResult> extra = ceilModePadding(
        rewriter, loc, op.getInput(), *window, op.getCeilMode());
    Value powered = mapElements(rewriter, loc, op.getInput(), /*inPlace=*/false,
                                [&](OpBuilder &b, Location l, Value x) {
                                  return absPower(b, l, x, p);
                                });
    Value sum = sumPool(rewriter, loc, powered, resultType, *window, extra);
    rewriter.replaceOp(op, mapElements(rewriter, loc, sum, /*inPlace=*/true,
                                       [&](OpBuilder &b, Location l, Value s) {
                                         return root(b, l, s, p);
                                       }));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Global pools
//===----------------------------------------------------------------------===//

enum class GlobalKind { Max, Average, Lp };

/// ds.global_max_pool / ds.global_average_pool / ds.global_lp_pool ->
/// linalg.reduce over the spatial dimensions into [N, C] (the mean then
/// divides by their product, the p-norm sums |x|^p and takes the root),
/// tensor.expand_shape back to [N, C, 1, ..., 1].
template <typename OpTy, GlobalKind Kind>
struct LowerGlobalPool : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getOutput().getType());
    if (!inputType || !resultType || inputType.getRank() < 3 ||
        resultType.getRank() != inputType.getRank())
      return rewriter.notifyMatchFailure(op, "not a ranked spatial input");
    Type elementType = inputType.getElementType();
    if (!isa<FloatType>(elementType))
      return rewriter.notifyMatchFailure(op, "not a float pool");
    int64_t p = 1;
    if constexpr (Kind == GlobalKind::Lp) {
      p = op.getP();
      if (p < 1)
        return rewriter.notifyMatchFailure(op, "p must be positive");
    }
    int64_t rank = inputType.getRank();

    Location loc = op.getLoc();
    Value input = op.getInput();
    SmallVector<Value> dynamicSizes;
    for (int64_t d = 0; d < 2; ++d)
      if (inputType.isDynamicDim(d))
        dynamicSizes.push_back(tensor::DimOp::create(rewriter, loc, input, d));
    Value empty = tensor::EmptyOp::create(rewriter, loc,
                                          inputType.getShape().take_front(2),
                                          elementType, dynamicSizes);
    Value initValue = Kind == GlobalKind::Max
                          ? lowestValue(rewriter, loc, elementType, false)
                          : floatConstant(rewriter, loc, elementType, 0.0);
    Value init = fill(rewriter, loc, initValue, empty);
    SmallVector<int64_t> dims = llvm::to_vector(llvm::seq<int64_t>(2, rank));
    Value reduced =
        linalg::ReduceOp::create(
            rewriter, loc, ValueRange{input}, ValueRange{init}, dims,
            [=](OpBuilder &b, Location bodyLoc, ValueRange args) {
              Value combined;
              if constexpr (Kind == GlobalKind::Max)
                combined =
                    arith::MaximumFOp::create(b, bodyLoc, args[0], args[1]);
              else if constexpr (Kind == GlobalKind::Average)
                combined = arith::AddFOp::create(b, bodyLoc, args[0], args[1]);
              else
                combined = arith::AddFOp::create(
                    b, bodyLoc, absPower(b, bodyLoc, args[0], p), args[1]);
              linalg::YieldOp::create(b, bodyLoc, combined);
            })
            .getResult(0);
    if constexpr (Kind == GlobalKind::Average) {
      Value count = countAlong(rewriter, loc, input, dims, elementType);
      reduced = mapElements(rewriter, loc, reduced, /*inPlace=*/true,
                            [&](OpBuilder &b, Location l, Value x) -> Value {
                              return arith::DivFOp::create(b, l, x, count);
                            });
    }
    if constexpr (Kind == GlobalKind::Lp)
      reduced = mapElements(
          rewriter, loc, reduced, /*inPlace=*/true,
          [&](OpBuilder &b, Location l, Value s) { return root(b, l, s, p); });
    SmallVector<ReassociationIndices> reassociation = {{0}, {}};
    for (int64_t d = 1; d < rank; ++d)
      reassociation[1].push_back(d);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(op, resultType, reduced,
                                                       reassociation);
    return success();
  }
};

} // namespace

void populateConvToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<LowerConv, LowerConvTranspose, LowerMaxPool, LowerAveragePool,
               LowerLpPool, LowerGlobalPool<GlobalMaxPoolOp, GlobalKind::Max>,
               LowerGlobalPool<GlobalAveragePoolOp, GlobalKind::Average>,
               LowerGlobalPool<GlobalLpPoolOp, GlobalKind::Lp>>(context);
}

} // namespace ds
