//===- ConvLowering.cpp - Conv ds ops to linalg ----------------*- C++ -*-===//
//
// Part of ds. 2-D convolutions and windowed pools become linalg's named NCHW
// convolution and pooling ops on an input padded with tensor.pad; global
// pools become a linalg.reduce over the spatial dimensions whose result is
// expanded back to [N, C, 1, ..., 1]. Only the canonical `auto_pad` NOTSET
// form is lowered.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "dialects/ds/DSOps.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {
namespace {

/// Strides, dilations and explicit padding of a 2-D window.
struct Window2D {
  SmallVector<int64_t, 2> strides{1, 1};
  SmallVector<int64_t, 2> dilations{1, 1};
  SmallVector<int64_t, 2> padBegin{0, 0};
  SmallVector<int64_t, 2> padEnd{0, 0};

  bool hasPadding() const {
    return llvm::any_of(padBegin, [](int64_t p) { return p != 0; }) ||
           llvm::any_of(padEnd, [](int64_t p) { return p != 0; });
  }
};

/// Reads the window attributes of a 2-D op; attributes of the wrong length
/// (rejected by the verifiers) give failure.
FailureOr<Window2D> getWindow(std::optional<ArrayRef<int64_t>> strides,
                              std::optional<ArrayRef<int64_t>> pads,
                              std::optional<ArrayRef<int64_t>> dilations) {
  Window2D window;
  if (strides) {
    if (strides->size() != 2)
      return failure();
    window.strides.assign(strides->begin(), strides->end());
  }
  if (dilations) {
    if (dilations->size() != 2)
      return failure();
    window.dilations.assign(dilations->begin(), dilations->end());
  }
  if (pads) {
    if (pads->size() != 4)
      return failure();
    window.padBegin = {(*pads)[0], (*pads)[1]};
    window.padEnd = {(*pads)[2], (*pads)[3]};
  }
  return window;
}

/// Pads the spatial dimensions of the NCHW `input` with `padValue`; returns
/// `input` itself without padding.
Value padInput(OpBuilder &b, Location loc, Value input, const Window2D &window,
               Value padValue) {
  if (!window.hasPadding())
    return input;
  SmallVector<OpFoldResult> low = {b.getIndexAttr(0), b.getIndexAttr(0),
                                   b.getIndexAttr(window.padBegin[0]),
                                   b.getIndexAttr(window.padBegin[1])};
  SmallVector<OpFoldResult> high = {b.getIndexAttr(0), b.getIndexAttr(0),
                                    b.getIndexAttr(window.padEnd[0]),
                                    b.getIndexAttr(window.padEnd[1])};
  return tensor::PadOp::create(b, loc, /*resultType=*/Type(), input, low, high,
                               padValue);
}

/// An empty NCHW result tensor. Its dynamic sizes come from the batch of the
/// (padded) input, `channels` (an index value) and the spatial output sizes
/// floor((D - dilation * (k - 1) - 1) / stride) + 1 of the padded input.
Value emptyWindowResult(OpBuilder &b, Location loc, RankedTensorType type,
                        Value padded, Value channels, ArrayRef<int64_t> kernel,
                        const Window2D &window) {
  SmallVector<Value> dynamicSizes;
  auto indexConstant = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, loc, v);
  };
  for (int64_t d = 0; d < 4; ++d) {
    if (!type.isDynamicDim(d))
      continue;
    if (d == 0) {
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, padded, 0));
      continue;
    }
    if (d == 1) {
      dynamicSizes.push_back(channels);
      continue;
    }
    int64_t i = d - 2;
    Value size = tensor::DimOp::create(b, loc, padded, d);
    Value extent = indexConstant(window.dilations[i] * (kernel[i] - 1) + 1);
    Value span = arith::SubIOp::create(b, loc, size, extent);
    Value steps =
        arith::DivUIOp::create(b, loc, span, indexConstant(window.strides[i]));
    dynamicSizes.push_back(
        arith::AddIOp::create(b, loc, steps, indexConstant(1)));
  }
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(),
                                 dynamicSizes);
}

Value fill(OpBuilder &b, Location loc, Value value, Value tensor) {
  return linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{tensor})
      .getResult(0);
}

Value floatConstant(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, value));
}

/// The smallest value of `type` (-inf for floats); null for unsigned types.
Value lowestValue(OpBuilder &b, Location loc, Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc, type,
        b.getFloatAttr(type, APFloat::getInf(floatType.getFloatSemantics(),
                                             /*Negative=*/true)));
  if (auto intType = dyn_cast<IntegerType>(type);
      intType && intType.isSignless())
    return arith::ConstantOp::create(
        b, loc, type,
        b.getIntegerAttr(type, APInt::getSignedMinValue(intType.getWidth())));
  return {};
}

/// `tensor` (N, C, ...) divided elementwise by the f-typed scalar `divisor`
/// in a linalg.generic.
Value divideBy(OpBuilder &b, Location loc, Value tensor, Value divisor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  int64_t rank = type.getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, ValueRange{}, ValueRange{tensor},
             ArrayRef<AffineMap>{id}, iterators,
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(
                   nb, nloc,
                   arith::DivFOp::create(nb, nloc, args[0], divisor)
                       .getResult());
             })
      .getResult(0);
}

/// Common checks of the 2-D window ops: ranked 4-D float or integer input
/// and result, NOTSET padding, the floor output size.
LogicalResult matchWindowOp(Operation *op, PatternRewriter &rewriter,
                            Value input, StringRef autoPad, bool ceilMode,
                            RankedTensorType &inputType,
                            RankedTensorType &resultType) {
  inputType = dyn_cast<RankedTensorType>(input.getType());
  resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!inputType || !resultType || inputType.getRank() != 4 ||
      resultType.getRank() != 4)
    return rewriter.notifyMatchFailure(op, "not a ranked 2-D window op");
  if (autoPad != "NOTSET")
    return rewriter.notifyMatchFailure(op, "auto_pad is not canonical");
  if (ceilMode)
    return rewriter.notifyMatchFailure(op, "ceil_mode is not supported");
  return success();
}

//===----------------------------------------------------------------------===//
// Conv
//===----------------------------------------------------------------------===//

/// ds.conv (2-D, NOTSET) -> zero tensor.pad + linalg.conv_2d_nchw_fchw, or
/// linalg.depthwise_conv_2d_nchw_chw on the collapsed [C, kh, kw] filter when
/// every channel is its own group; the bias is added by a linalg.generic.
struct LowerConv : OpRewritePattern<ConvOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType inputType, resultType;
    if (failed(matchWindowOp(op, rewriter, op.getInput(), op.getAutoPad(),
                             /*ceilMode=*/false, inputType, resultType)))
      return failure();
    auto weightType = dyn_cast<RankedTensorType>(op.getWeight().getType());
    if (!weightType || weightType.getRank() != 4)
      return rewriter.notifyMatchFailure(op, "unranked weight");
    Type elementType = resultType.getElementType();
    if (!isa<FloatType>(elementType))
      return rewriter.notifyMatchFailure(op, "not a float convolution");
    ArrayRef<int64_t> kernel = weightType.getShape().drop_front(2);
    if (ShapedType::isDynamicShape(kernel))
      return rewriter.notifyMatchFailure(op, "dynamic kernel size");
    FailureOr<Window2D> window =
        getWindow(op.getStrides(), op.getPads(), op.getDilations());
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");

    int64_t group = op.getGroup();
    int64_t channels = inputType.getDimSize(1);
    bool depthwise = group > 1 && channels == group &&
                     weightType.getDimSize(0) == group &&
                     weightType.getDimSize(1) == 1;
    if (group != 1 && !depthwise)
      return rewriter.notifyMatchFailure(
          op, "only group 1 and depthwise (multiplier 1) are supported");

    Location loc = op.getLoc();
    Value zero = floatConstant(rewriter, loc, elementType, 0.0);
    Value padded = padInput(rewriter, loc, op.getInput(), *window, zero);
    Value outChannels = tensor::DimOp::create(rewriter, loc, op.getWeight(), 0);
    Value init = fill(rewriter, loc, zero,
                      emptyWindowResult(rewriter, loc, resultType, padded,
                                        outChannels, kernel, *window));
    Attribute strides = rewriter.getI64VectorAttr(window->strides);
    Attribute dilations = rewriter.getI64VectorAttr(window->dilations);
    Value result;
    if (depthwise) {
      SmallVector<ReassociationIndices> reassociation = {{0, 1}, {2}, {3}};
      Value filter = tensor::CollapseShapeOp::create(
          rewriter, loc, op.getWeight(), reassociation);
      result =
          linalg::DepthwiseConv2DNchwChwOp::create(
              rewriter, loc, TypeRange{resultType}, ValueRange{padded, filter},
              ValueRange{init}, strides, dilations)
              .getResult(0);
    } else {
      result =
          linalg::Conv2DNchwFchwOp::create(rewriter, loc, TypeRange{resultType},
                                           ValueRange{padded, op.getWeight()},
                                           ValueRange{init}, strides, dilations)
              .getResult(0);
    }
    if (Value bias = op.getBias())
      result = addBias(rewriter, loc, result, bias);
    rewriter.replaceOp(op, result);
    return success();
  }

  /// result[n, m, h, w] += bias[m].
  static Value addBias(OpBuilder &b, Location loc, Value result, Value bias) {
    MLIRContext *context = b.getContext();
    auto type = cast<RankedTensorType>(result.getType());
    AffineMap biasMap =
        AffineMap::get(4, 0, {getAffineDimExpr(1, context)}, context);
    SmallVector<AffineMap> maps = {biasMap, b.getMultiDimIdentityMap(4)};
    SmallVector<utils::IteratorType> iterators(4,
                                               utils::IteratorType::parallel);
    return linalg::GenericOp::create(
               b, loc, TypeRange{type}, ValueRange{bias}, ValueRange{result},
               maps, iterators,
               [](OpBuilder &nb, Location nloc, ValueRange args) {
                 linalg::YieldOp::create(
                     nb, nloc,
                     arith::AddFOp::create(nb, nloc, args[1], args[0])
                         .getResult());
               })
        .getResult(0);
  }
};

//===----------------------------------------------------------------------===//
// Windowed pools
//===----------------------------------------------------------------------===//

/// ds.max_pool (2-D, NOTSET, no used indices) -> -inf tensor.pad +
/// linalg.pooling_nchw_max over a -inf filled output.
struct LowerMaxPool : OpRewritePattern<MaxPoolOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MaxPoolOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType inputType, resultType;
    if (failed(matchWindowOp(op, rewriter, op.getInput(), op.getAutoPad(),
                             op.getCeilMode(), inputType, resultType)))
      return failure();
    if (Value indices = op.getIndices(); indices && !indices.use_empty())
      return rewriter.notifyMatchFailure(op, "the indices are used");
    ArrayRef<int64_t> kernel = op.getKernelShape();
    FailureOr<Window2D> window =
        getWindow(op.getStrides(), op.getPads(), op.getDilations());
    if (kernel.size() != 2 || failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");

    Location loc = op.getLoc();
    Type elementType = resultType.getElementType();
    Value lowest = lowestValue(rewriter, loc, elementType);
    if (!lowest)
      return rewriter.notifyMatchFailure(op, "unsigned element type");
    Value padded = padInput(rewriter, loc, op.getInput(), *window, lowest);
    Value channels = tensor::DimOp::create(rewriter, loc, op.getInput(), 1);
    Value init = fill(rewriter, loc, lowest,
                      emptyWindowResult(rewriter, loc, resultType, padded,
                                        channels, kernel, *window));
    Value windowTensor =
        tensor::EmptyOp::create(rewriter, loc, kernel, elementType);
    Value result = linalg::PoolingNchwMaxOp::create(
                       rewriter, loc, TypeRange{resultType},
                       ValueRange{padded, windowTensor}, ValueRange{init},
                       rewriter.getI64VectorAttr(window->strides),
                       rewriter.getI64VectorAttr(window->dilations))
                       .getResult(0);
    rewriter.replaceAllUsesWith(op.getOutput(), result);
    rewriter.eraseOp(op);
    return success();
  }
};

/// ds.average_pool (2-D, NOTSET) -> zero tensor.pad +
/// linalg.pooling_nchw_sum, divided by the window size in a linalg.generic.
/// Only when every window has the full size as divisor: with padding,
/// `count_include_pad` must be set.
struct LowerAveragePool : OpRewritePattern<AveragePoolOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AveragePoolOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType inputType, resultType;
    if (failed(matchWindowOp(op, rewriter, op.getInput(), op.getAutoPad(),
                             op.getCeilMode(), inputType, resultType)))
      return failure();
    ArrayRef<int64_t> kernel = op.getKernelShape();
    FailureOr<Window2D> window =
        getWindow(op.getStrides(), op.getPads(), op.getDilations());
    if (kernel.size() != 2 || failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    if (window->hasPadding() && !op.getCountIncludePad())
      return rewriter.notifyMatchFailure(
          op, "padding excluded from the divisor is not supported");
    Type elementType = resultType.getElementType();
    if (!isa<FloatType>(elementType))
      return rewriter.notifyMatchFailure(op, "not a float pool");

    Location loc = op.getLoc();
    Value zero = floatConstant(rewriter, loc, elementType, 0.0);
    Value padded = padInput(rewriter, loc, op.getInput(), *window, zero);
    Value channels = tensor::DimOp::create(rewriter, loc, op.getInput(), 1);
    Value init = fill(rewriter, loc, zero,
                      emptyWindowResult(rewriter, loc, resultType, padded,
                                        channels, kernel, *window));
    Value windowTensor =
        tensor::EmptyOp::create(rewriter, loc, kernel, elementType);
    Value sum = linalg::PoolingNchwSumOp::create(
                    rewriter, loc, TypeRange{resultType},
                    ValueRange{padded, windowTensor}, ValueRange{init},
                    rewriter.getI64VectorAttr(window->strides),
                    rewriter.getI64VectorAttr(window->dilations))
                    .getResult(0);
    Value size = floatConstant(rewriter, loc, elementType,
                               static_cast<double>(kernel[0] * kernel[1]));
    rewriter.replaceOp(op, divideBy(rewriter, loc, sum, size));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Global pools
//===----------------------------------------------------------------------===//

/// ds.global_max_pool / ds.global_average_pool -> linalg.reduce over the
/// spatial dimensions into [N, C] (the mean then divides by their product),
/// tensor.expand_shape back to [N, C, 1, ..., 1].
template <typename OpTy, bool IsMax>
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
    Value initValue = IsMax ? lowestValue(rewriter, loc, elementType)
                            : floatConstant(rewriter, loc, elementType, 0.0);
    Value init = fill(rewriter, loc, initValue, empty);
    SmallVector<int64_t> dims = llvm::to_vector(llvm::seq<int64_t>(2, rank));
    Value reduced =
        linalg::ReduceOp::create(
            rewriter, loc, ValueRange{input}, ValueRange{init}, dims,
            [](OpBuilder &b, Location bodyLoc, ValueRange args) {
              Value combined;
              if constexpr (IsMax)
                combined =
                    arith::MaximumFOp::create(b, bodyLoc, args[0], args[1]);
              else
                combined = arith::AddFOp::create(b, bodyLoc, args[0], args[1]);
              linalg::YieldOp::create(b, bodyLoc, combined);
            })
            .getResult(0);
    if constexpr (!IsMax)
      reduced = divideBy(rewriter, loc, reduced,
                         spatialCount(rewriter, loc, input, elementType));
    SmallVector<ReassociationIndices> reassociation = {{0}, {}};
    for (int64_t d = 1; d < rank; ++d)
      reassociation[1].push_back(d);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(op, resultType, reduced,
                                                       reassociation);
    return success();
  }

  /// The number of spatial elements of `input` as an `elementType` value.
  static Value spatialCount(OpBuilder &b, Location loc, Value input,
                            Type elementType) {
    auto type = cast<RankedTensorType>(input.getType());
    ArrayRef<int64_t> spatial = type.getShape().drop_front(2);
    if (!ShapedType::isDynamicShape(spatial)) {
      int64_t count = 1;
      for (int64_t size : spatial)
        count *= size;
      return floatConstant(b, loc, elementType, static_cast<double>(count));
    }
    Value count = tensor::DimOp::create(b, loc, input, 2);
    for (int64_t d = 3; d < type.getRank(); ++d)
      count = arith::MulIOp::create(b, loc, count,
                                    tensor::DimOp::create(b, loc, input, d));
    Value asInt = arith::IndexCastUIOp::create(b, loc, b.getI64Type(), count);
    return arith::UIToFPOp::create(b, loc, elementType, asInt);
  }
};

} // namespace

void populateConvToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<LowerConv, LowerMaxPool, LowerAveragePool,
               LowerGlobalPool<GlobalMaxPoolOp, /*IsMax=*/true>,
               LowerGlobalPool<GlobalAveragePoolOp, /*IsMax=*/false>>(context);
}

} // namespace ds
