//===- SignalLowering.cpp - ds Signal ops to linalg -----------------------===//
//
// Part of ds. The lowering of the Signal family (dialects/ds/SignalOps.td):
//
// * dft: a direct O(n^2) sum, for now (no FFT): twiddle tables
//   cos(2 pi r / n) and sin(2 pi r / n) for r < n (linalg.generics), then a
//   linalg.generic over [output..., m] whose reduction iterator m runs over
//   the (truncated) input along the axis and whose body reads the table at
//   (k * m) mod n, so that angles stay exact. The inverse scales by 1 / n;
//   the inverse one-sided transform (irfft) sums the n / 2 + 1 given
//   frequencies with weight 2 but for the self-conjugate ones. Accumulation
//   is in f64, then rounded to the element type.
// * stft: the same sum per frame (a linalg.generic over
//   [batch, frames, bins, 2, m]) reading signal[f * step + m] times the
//   window (ones when absent).
// * mel_weight_matrix: the band edges in bins (a linalg.generic over
//   num_mel_bins + 2, computed as ONNX's reference does, f32 where it is)
//   and one linalg.generic over [dft_length / 2 + 1, num_mel_bins] for the
//   triangles, truncated to the output type.
//
// Left unlowered (notifyMatchFailure): unranked tensors. The `precision`
// attribute is not used (f64 throughout).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/IndexingLoweringUtils.h"

#include "dialects/ds/DSOps.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

using namespace mlir;
using namespace ds::lowering;

namespace ds {
namespace {

/// The tables cos(2 pi r / n) and sign * sin(2 pi r / n), r < n, each
/// multiplied by `scale` (f64 [n] tensors).
std::pair<Value, Value> twiddles(OpBuilder &b, Location loc, Value n,
                                 double sign, Value scale) {
  Type f64 = b.getF64Type();
  Value cosInit = emptyOfSizes(b, loc, {n}, f64);
  Value sinInit = emptyOfSizes(b, loc, {n}, f64);
  AffineMap id = b.getMultiDimIdentityMap(1);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{cosInit.getType(), sinInit.getType()}, ValueRange{},
      ValueRange{cosInit, sinInit}, ArrayRef<AffineMap>{id, id}, parallel(1),
      [&](OpBuilder &nb, Location l, ValueRange) {
        Value r = indexToF64(nb, l, linalg::IndexOp::create(nb, l, 0));
        Value angle = arith::DivFOp::create(
            nb, l,
            arith::MulFOp::create(nb, l, floatConst(nb, l, f64, 2 * M_PI), r),
            indexToF64(nb, l, n));
        Value c = math::CosOp::create(nb, l, angle);
        Value s = math::SinOp::create(nb, l, angle);
        if (sign < 0)
          s = arith::NegFOp::create(nb, l, s);
        c = arith::MulFOp::create(nb, l, c, scale);
        s = arith::MulFOp::create(nb, l, s, scale);
        linalg::YieldOp::create(nb, l, ValueRange{c, s});
      });
  return {generic.getResult(0), generic.getResult(1)};
}

/// Rounds the f64 tensor `value` to the float element type of `type`.
Value roundTo(OpBuilder &b, Location loc, Value value, RankedTensorType type,
              ArrayRef<Value> sizes) {
  Type element = type.getElementType();
  int64_t rank = type.getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, ValueRange{value},
             emptyTensor(b, loc, type, sizes), ArrayRef<AffineMap>{id, id},
             parallel(rank),
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value v = args[0];
               if (!element.isF64())
                 v = arith::TruncFOp::create(nb, l, element, v);
               linalg::YieldOp::create(nb, l, v);
             })
      .getResult(0);
}

/// One term of the sum: x * (cos - i sin') for x = xr + i xi (xi null for a
/// real signal): re = xr cos + xi sin', im = xi cos - xr sin'.
std::pair<Value, Value> complexTerm(OpBuilder &b, Location loc, Value xr,
                                    Value xi, Value cs, Value sn) {
  Value re = arith::MulFOp::create(b, loc, xr, cs);
  Value im =
      arith::NegFOp::create(b, loc, arith::MulFOp::create(b, loc, xr, sn));
  if (xi) {
    re = arith::AddFOp::create(b, loc, re,
                               arith::MulFOp::create(b, loc, xi, sn));
    im = arith::AddFOp::create(b, loc, im,
                               arith::MulFOp::create(b, loc, xi, cs));
  }
  return {re, im};
}

//===----------------------------------------------------------------------===//
// DFT
//===----------------------------------------------------------------------===//

struct LowerDFT : OpRewritePattern<DFTOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DFTOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!type || !resultType ||
        (op.getDftLength() &&
         !isa<RankedTensorType>(op.getDftLength().getType())))
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = type.getRank();
    if (rank < 2 || resultType.getRank() != rank)
      return rewriter.notifyMatchFailure(op, "rank below 2");
    int64_t components = type.getDimSize(rank - 1);
    if (components != 1 && components != 2)
      return rewriter.notifyMatchFailure(op, "last dimension not 1 or 2");
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    bool inverse = op.getInverse(), onesided = op.getOnesided();
    bool irfft = inverse && onesided;

    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    Type f64 = rewriter.getF64Type();
    Value input = op.getInput();
    SmallVector<Value> inSizes = dimValues(rewriter, loc, input);
    Value one = indexConst(rewriter, loc, 1);
    Value two = indexConst(rewriter, loc, 2);
    // The transform length n.
    Value n;
    if (op.getDftLength())
      n = toIndex(rewriter, loc,
                  extractScalar(rewriter, loc, op.getDftLength()));
    else if (irfft)
      n = rewriter.createOrFold<arith::MulIOp>(
          loc, two,
          rewriter.createOrFold<arith::SubIOp>(loc, inSizes[axis], one));
    else
      n = inSizes[axis];
    Value half = rewriter.createOrFold<arith::AddIOp>(
        loc, rewriter.createOrFold<arith::DivUIOp>(loc, n, two), one);
    // The output sizes.
    SmallVector<Value> outSizes(inSizes);
    outSizes[axis] = onesided && !inverse ? half : n;
    outSizes[rank - 1] = indexConst(rewriter, loc, irfft ? 1 : 2);
    for (int64_t d = 0; d < rank; ++d)
      if (!resultType.isDynamicDim(d))
        outSizes[d] = indexConst(rewriter, loc, resultType.getDimSize(d));
    // The input terms: the first min(n, size) along the axis (or the
    // n / 2 + 1 given frequencies of irfft); beyond, zero padding adds
    // nothing.
    Value terms = rewriter.createOrFold<arith::MinUIOp>(loc, irfft ? half : n,
                                                        inSizes[axis]);
    SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> sliceSizes = getAsOpFoldResult(inSizes);
    sliceSizes[axis] = getAsOpFoldResult(terms);
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    SmallVector<Value> slicedSizes(inSizes);
    slicedSizes[axis] = terms;
    Value sliced = tensor::ExtractSliceOp::create(
        rewriter, loc, refinedType(slicedSizes, type.getElementType()), input,
        offsets, sliceSizes, strides);

    Value scale = floatConst(rewriter, loc, f64, 1.0);
    if (inverse)
      scale = arith::DivFOp::create(rewriter, loc, scale,
                                    indexToF64(rewriter, loc, n));
    // Forward: e^{-i theta}; the sine table holds sin for the forward and
    // -sin for the inverse so that one body serves both.
    auto [cosTable, sinTable] =
        twiddles(rewriter, loc, n, inverse ? -1.0 : 1.0, scale);

    // [output dims..., m]: m, the reduction, replaces the axis for input.
    int64_t dims = rank + 1;
    SmallVector<AffineExpr> realExprs, imagExprs, outExprs;
    for (int64_t d = 0; d < rank; ++d) {
      outExprs.push_back(getAffineDimExpr(d, context));
      AffineExpr e = d == axis ? getAffineDimExpr(rank, context)
                               : getAffineDimExpr(d, context);
      if (d == rank - 1) {
        realExprs.push_back(getAffineConstantExpr(0, context));
        imagExprs.push_back(getAffineConstantExpr(1, context));
      } else {
        realExprs.push_back(e);
        imagExprs.push_back(e);
      }
    }
    SmallVector<Value> ins = {sliced};
    SmallVector<AffineMap> maps = {AffineMap::get(dims, 0, realExprs, context)};
    if (components == 2) {
      ins.push_back(sliced);
      maps.push_back(AffineMap::get(dims, 0, imagExprs, context));
    }
    maps.push_back(AffineMap::get(dims, 0, outExprs, context));
    auto accType = RankedTensorType::get(resultType.getShape(), f64);
    Value acc = fillTensor(rewriter, loc, floatConst(rewriter, loc, f64, 0.0),
                           emptyTensor(rewriter, loc, accType, outSizes));
    SmallVector<utils::IteratorType> iterators = parallel(rank);
    iterators.push_back(utils::IteratorType::reduction);
    Value sum =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{accType}, ins, acc, maps, iterators,
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value k = linalg::IndexOp::create(b, l, axis);
              Value m = linalg::IndexOp::create(b, l, rank);
              Value c = linalg::IndexOp::create(b, l, rank - 1);
              Value r = arith::RemUIOp::create(
                  b, l, arith::MulIOp::create(b, l, k, m), n);
              Value cs = tensor::ExtractOp::create(b, l, cosTable, r);
              Value sn = tensor::ExtractOp::create(b, l, sinTable, r);
              Value xr = toF64(b, l, args[0]);
              Value xi = components == 2 ? toF64(b, l, args[1]) : Value();
              auto [re, im] = complexTerm(b, l, xr, xi, cs, sn);
              Value term = re;
              if (irfft) {
                // Frequencies 0 and n / 2 (n even) stand for themselves;
                // the others also for their conjugates.
                Value isZero = arith::CmpIOp::create(
                    b, l, arith::CmpIPredicate::eq, m, indexConst(b, l, 0));
                Value isNyquist = arith::CmpIOp::create(
                    b, l, arith::CmpIPredicate::eq,
                    arith::MulIOp::create(b, l, m, indexConst(b, l, 2)), n);
                Value single = arith::OrIOp::create(b, l, isZero, isNyquist);
                Value weight = arith::SelectOp::create(
                    b, l, single, floatConst(b, l, f64, 1.0),
                    floatConst(b, l, f64, 2.0));
                term = arith::MulFOp::create(b, l, weight, re);
              } else {
                Value isReal = arith::CmpIOp::create(
                    b, l, arith::CmpIPredicate::eq, c, indexConst(b, l, 0));
                term = arith::SelectOp::create(b, l, isReal, re, im);
              }
              linalg::YieldOp::create(
                  b, l,
                  arith::AddFOp::create(b, l, args.back(), term).getResult());
            })
            .getResult(0);
    rewriter.replaceOp(op, roundTo(rewriter, loc, sum, resultType, outSizes));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// STFT
//===----------------------------------------------------------------------===//

struct LowerSTFT : OpRewritePattern<STFTOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(STFTOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getSignal().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    for (Value operand : op->getOperands())
      if (!isa<RankedTensorType>(operand.getType()))
        return rewriter.notifyMatchFailure(op, "unranked");
    if (!type || !resultType || type.getRank() != 3 ||
        resultType.getRank() != 4)
      return rewriter.notifyMatchFailure(op, "unexpected ranks");
    int64_t components = type.getDimSize(2);
    if (components != 1 && components != 2)
      return rewriter.notifyMatchFailure(op, "last dimension not 1 or 2");

    Location loc = op.getLoc();
    Type f64 = rewriter.getF64Type();
    Value signal = op.getSignal();
    Value one = indexConst(rewriter, loc, 1);
    Value two = indexConst(rewriter, loc, 2);
    Value batch = dimValue(rewriter, loc, signal, 0);
    Value length = dimValue(rewriter, loc, signal, 1);
    Value step =
        toIndex(rewriter, loc, extractScalar(rewriter, loc, op.getFrameStep()));
    Value frameLength;
    if (op.getFrameLength())
      frameLength = toIndex(rewriter, loc,
                            extractScalar(rewriter, loc, op.getFrameLength()));
    else if (op.getWindow())
      frameLength = dimValue(rewriter, loc, op.getWindow(), 0);
    else
      frameLength = length;
    Value frames = rewriter.createOrFold<arith::AddIOp>(
        loc,
        rewriter.createOrFold<arith::DivSIOp>(
            loc, rewriter.createOrFold<arith::SubIOp>(loc, length, frameLength),
            step),
        one);
    Value bins =
        op.getOnesided()
            ? rewriter.createOrFold<arith::AddIOp>(
                  loc,
                  rewriter.createOrFold<arith::DivUIOp>(loc, frameLength, two),
                  one)

            : frameLength;
    SmallVector<Value> outSizes = {batch, frames, bins, two};
    for (int64_t d = 0; d < 4; ++d)
      if (!resultType.isDynamicDim(d))
        outSizes[d] = indexConst(rewriter, loc, resultType.getDimSize(d));

    // The window as f64 (ones without one): it also gives m its extent.
    Value window;
    auto windowType = refinedType({frameLength}, f64);
    if (op.getWindow()) {
      AffineMap id = rewriter.getMultiDimIdentityMap(1);
      window =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{windowType}, ValueRange{op.getWindow()},
              emptyTensor(rewriter, loc, windowType, {frameLength}),
              ArrayRef<AffineMap>{id, id}, parallel(1),
              [&](OpBuilder &b, Location l, ValueRange args) {
                linalg::YieldOp::create(b, l, toF64(b, l, args[0]));
              })
              .getResult(0);
    } else {
      window =
          fillTensor(rewriter, loc, floatConst(rewriter, loc, f64, 1.0),
                     emptyTensor(rewriter, loc, windowType, {frameLength}));
    }
    auto [cosTable, sinTable] = twiddles(rewriter, loc, frameLength, 1.0,
                                         floatConst(rewriter, loc, f64, 1.0));

    MLIRContext *context = op.getContext();
    AffineMap windowMap = AffineMap::get(5, 0, getAffineDimExpr(4, context));
    AffineMap outMap = AffineMap::get(
        5, 0,
        {getAffineDimExpr(0, context), getAffineDimExpr(1, context),
         getAffineDimExpr(2, context), getAffineDimExpr(3, context)},
        context);
    auto accType = RankedTensorType::get(resultType.getShape(), f64);
    Value acc = fillTensor(rewriter, loc, floatConst(rewriter, loc, f64, 0.0),
                           emptyTensor(rewriter, loc, accType, outSizes));
    SmallVector<utils::IteratorType> iterators = parallel(4);
    iterators.push_back(utils::IteratorType::reduction);
    Value sum =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{accType}, ValueRange{window}, acc,
            ArrayRef<AffineMap>{windowMap, outMap}, iterators,
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value bi = linalg::IndexOp::create(b, l, 0);
              Value f = linalg::IndexOp::create(b, l, 1);
              Value k = linalg::IndexOp::create(b, l, 2);
              Value c = linalg::IndexOp::create(b, l, 3);
              Value m = linalg::IndexOp::create(b, l, 4);
              Value t = arith::AddIOp::create(
                  b, l, arith::MulIOp::create(b, l, f, step), m);
              Value xr = toF64(
                  b, l,
                  tensor::ExtractOp::create(
                      b, l, signal, ValueRange{bi, t, indexConst(b, l, 0)}));
              xr = arith::MulFOp::create(b, l, xr, args[0]);
              Value xi;
              if (components == 2)
                xi = arith::MulFOp::create(
                    b, l,
                    toF64(b, l,
                          tensor::ExtractOp::create(
                              b, l, signal,
                              ValueRange{bi, t, indexConst(b, l, 1)})),
                    args[0]);
              Value r = arith::RemUIOp::create(
                  b, l, arith::MulIOp::create(b, l, k, m), frameLength);
              Value cs = tensor::ExtractOp::create(b, l, cosTable, r);
              Value sn = tensor::ExtractOp::create(b, l, sinTable, r);
              auto [re, im] = complexTerm(b, l, xr, xi, cs, sn);
              Value isReal = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::eq, c, indexConst(b, l, 0));
              Value term = arith::SelectOp::create(b, l, isReal, re, im);
              linalg::YieldOp::create(
                  b, l, arith::AddFOp::create(b, l, args[1], term).getResult());
            })
            .getResult(0);
    rewriter.replaceOp(op, roundTo(rewriter, loc, sum, resultType, outSizes));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// MelWeightMatrix
//===----------------------------------------------------------------------===//

struct LowerMelWeightMatrix : OpRewritePattern<MelWeightMatrixOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MelWeightMatrixOp op,
                                PatternRewriter &rewriter) const override {
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!resultType || resultType.getRank() != 2)
      return rewriter.notifyMatchFailure(op, "unranked");
    for (Value operand : op->getOperands())
      if (!isa<RankedTensorType>(operand.getType()))
        return rewriter.notifyMatchFailure(op, "unranked");
    Type element = resultType.getElementType();
    if (!element.isIntOrFloat() || element.isInteger(1))
      return rewriter.notifyMatchFailure(op, "output type not handled");
    Location loc = op.getLoc();
    Type f64 = rewriter.getF64Type();
    Type i64 = rewriter.getI64Type();
    auto scalar = [&](Value v) { return extractScalar(rewriter, loc, v); };
    Value melBins = toIndex(rewriter, loc, scalar(op.getNumMelBins()));
    Value dftLength = scalar(op.getDftLength());
    Value sampleRate = scalar(op.getSampleRate());
    Value lower = scalar(op.getLowerEdgeHertz());
    Value upper = scalar(op.getUpperEdgeHertz());
    Value one = indexConst(rewriter, loc, 1);
    Value spectrumBins = rewriter.createOrFold<arith::AddIOp>(
        loc,
        rewriter.createOrFold<arith::DivUIOp>(loc,
                                              toIndex(rewriter, loc, dftLength),
                                              indexConst(rewriter, loc, 2)),
        one);
    Value edges = rewriter.createOrFold<arith::AddIOp>(
        loc, melBins, indexConst(rewriter, loc, 2));
    // mel(f) = 2595 * log1p(f / 700) in the edges' type (the reference's
    // float32 arithmetic there), then / ln(10) in f64.
    auto mel = [&](Value hz) {
      Type t = hz.getType();
      Value ratio = arith::DivFOp::create(rewriter, loc, hz,
                                          floatConst(rewriter, loc, t, 700.0));
      Value scaled = arith::MulFOp::create(
          rewriter, loc, floatConst(rewriter, loc, t, 2595.0),
          math::Log1pOp::create(rewriter, loc, ratio));
      return arith::DivFOp::create(
                 rewriter, loc, toF64(rewriter, loc, scaled),
                 floatConst(rewriter, loc, f64, std::log(10.0)))
          .getResult();
    };
    Value lowMel = mel(lower);
    Value highMel = mel(upper);
    Value melStep = arith::DivFOp::create(
        rewriter, loc, arith::SubFOp::create(rewriter, loc, highMel, lowMel),
        indexToF64(rewriter, loc, edges));
    Value dftPlusOne =
        arith::AddFOp::create(rewriter, loc, toF64(rewriter, loc, dftLength),
                              floatConst(rewriter, loc, f64, 1.0));
    Value rate = toF64(rewriter, loc, sampleRate);

    // The band edges in spectrum bins.
    auto edgesType = refinedType({edges}, i64);
    Value edgeBins =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{edgesType}, ValueRange{},
            emptyTensor(rewriter, loc, edgesType, {edges}),
            ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(1)},
            parallel(1),
            [&](OpBuilder &b, Location l, ValueRange) {
              Value p = indexToF64(b, l, linalg::IndexOp::create(b, l, 0));
              Value m = arith::AddFOp::create(
                  b, l, arith::MulFOp::create(b, l, p, melStep), lowMel);
              // hz = 700 * expm1(m / 2595 * ln(10))
              Value e = arith::MulFOp::create(
                  b, l,
                  arith::DivFOp::create(b, l, m, floatConst(b, l, f64, 2595.0)),
                  floatConst(b, l, f64, std::log(10.0)));
              Value hz =
                  arith::MulFOp::create(b, l, floatConst(b, l, f64, 700.0),
                                        math::ExpM1Op::create(b, l, e));
              // numpy's float floor division of (dft_length + 1) * hz by
              // the rate: (a - fmod(a, b)) / b, rounded to an integer.
              Value a = arith::MulFOp::create(b, l, dftPlusOne, hz);
              Value mod = arith::RemFOp::create(b, l, a, rate);
              Value div = arith::DivFOp::create(
                  b, l, arith::SubFOp::create(b, l, a, mod), rate);
              Value floor = math::FloorOp::create(b, l, div);
              Value up =
                  arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGT,
                                        arith::SubFOp::create(b, l, div, floor),
                                        floatConst(b, l, f64, 0.5));
              floor = arith::SelectOp::create(
                  b, l, up,
                  arith::AddFOp::create(b, l, floor,
                                        floatConst(b, l, f64, 1.0)),
                  floor);
              linalg::YieldOp::create(
                  b, l,
                  arith::FPToSIOp::create(b, l, b.getI64Type(), floor)
                      .getResult());
            })
            .getResult(0);

    SmallVector<Value> outSizes = {spectrumBins, melBins};
    for (int64_t d = 0; d < 2; ++d)
      if (!resultType.isDynamicDim(d))
        outSizes[d] = indexConst(rewriter, loc, resultType.getDimSize(d));
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{resultType}, ValueRange{},
            emptyTensor(rewriter, loc, resultType, outSizes),
            ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(2)},
            parallel(2),
            [&](OpBuilder &b, Location l, ValueRange) {
              Value j = toI64(b, l, linalg::IndexOp::create(b, l, 0));
              Value i = linalg::IndexOp::create(b, l, 1);
              auto edgeAt = [&](int64_t offset) {
                Value at =
                    arith::AddIOp::create(b, l, i, indexConst(b, l, offset));
                return tensor::ExtractOp::create(b, l, edgeBins, at)
                    .getResult();
              };
              Value left = edgeAt(0), center = edgeAt(1), right = edgeAt(2);
              auto cmp = [&](arith::CmpIPredicate p, Value x, Value y) {
                return arith::CmpIOp::create(b, l, p, x, y).getResult();
              };
              auto toF = [&](Value v) {
                return arith::SIToFPOp::create(b, l, f64, v).getResult();
              };
              auto ratio = [&](Value num, Value den) {
                return arith::DivFOp::create(b, l, toF(num), toF(den))
                    .getResult();
              };
              // Rising from left to center, falling from center to right,
              // 1 at the center.
              Value rising = ratio(arith::SubIOp::create(b, l, j, left),
                                   arith::SubIOp::create(b, l, center, left));
              Value falling = ratio(arith::SubIOp::create(b, l, right, j),
                                    arith::SubIOp::create(b, l, right, center));
              Value inRising = arith::AndIOp::create(
                  b, l, cmp(arith::CmpIPredicate::sge, j, left),
                  cmp(arith::CmpIPredicate::slt, j, center));
              Value inFalling = arith::AndIOp::create(
                  b, l, cmp(arith::CmpIPredicate::sgt, j, center),
                  cmp(arith::CmpIPredicate::slt, j, right));
              Value v = arith::SelectOp::create(b, l, inFalling, falling,
                                                floatConst(b, l, f64, 0.0));
              v = arith::SelectOp::create(b, l, inRising, rising, v);
              v = arith::SelectOp::create(
                  b, l, cmp(arith::CmpIPredicate::eq, j, center),
                  floatConst(b, l, f64, 1.0), v);
              // astype: floats round, integers truncate.
              if (auto floatType = dyn_cast<FloatType>(element)) {
                if (!floatType.isF64())
                  v = arith::TruncFOp::create(b, l, element, v);
              } else {
                Type signless =
                    b.getIntegerType(element.getIntOrFloatBitWidth());
                v = element.isUnsignedInteger()
                        ? arith::FPToUIOp::create(b, l, signless, v).getResult()
                        : arith::FPToSIOp::create(b, l, signless, v)
                              .getResult();
                v = fromSignless(b, l, v, element);
              }
              linalg::YieldOp::create(b, l, v);
            })
            .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateSignalToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerDFT, LowerSTFT, LowerMelWeightMatrix>(
      patterns.getContext());
}

} // namespace ds
