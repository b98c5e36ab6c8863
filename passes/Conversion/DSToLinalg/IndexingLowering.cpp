//===- IndexingLowering.cpp - ds Indexing ops to linalg -------------------===//
//
// Part of ds. The lowering of the Indexing family (dialects/ds/IndexingOps.td)
// but ds.gather (TensorLowering.cpp):
//
// * gather_elements and gather_nd: one linalg.generic over the result whose
//   body reads the index (or index tuple), wraps a negative one around the
//   size of its dimension, and extracts the element of `data`.
// * scatter_nd: an scf.for over the index tuples (writes happen in order, so
//   that duplicates combine or overwrite as the reference does) that
//   replaces, or combines with a linalg.generic, one slice of a copy of
//   `data` per tuple with tensor.extract_slice / insert_slice.
// * scatter_elements: an scf.for over the elements of `indices` with
//   tensor.extract / tensor.insert.
// * resize: per resized axis, a table (a linalg.generic over
//   [output size, taps]) of the source index of each tap (clamped to the
//   input) and its weight, computed in f64 term by term as ONNX's
//   reference does (coordinate transformations, nearest rounding, linear
//   and cubic kernels and their antialiased forms, exclude_outside), and
//   normalized with a linalg.reduce where the reference normalizes.
//   `nearest` without exclude_outside is then one linalg.generic gathering
//   through the index tables (any element type). The other modes
//   interpolate one axis after the other, in the order of `axes`, as the
//   reference does, so that the f64 arithmetic (and the rounding of
//   integer results, ties included) is the same: per axis a
//   linalg.generic over [output so far..., taps] whose reduction iterator
//   sums weight times input; tf_crop_and_resize's extrapolation value is
//   applied after each axis; a last generic rounds and saturates to the
//   element type (unsigned integers included).
//
// Unsigned elements go through builtin.unrealized_conversion_cast to the
// signless type in generic bodies (arith has no unsigned types; the casts
// fold away in the LLVM lowering). tensor.bitcast would say the same but
// does not bufferize.
//
// Left unlowered (notifyMatchFailure): unranked tensors; weighted resize
// of bools (ONNX's Resize does not take them); gather_nd and scatter_nd
// with an unknown index tuple length. The `precision` attribute of resize
// is not used (it computes in f64). An axis of a run-time scale within
// 1e-9 of 1 but not exactly 1 is interpolated where the reference skips
// it (the results differ by rounding only); axes of a constant scale of 1
// (or a constant size equal to the input's) are skipped.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/IndexingLoweringUtils.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

using namespace mlir;
using namespace ds::lowering;

namespace ds {
namespace {

//===----------------------------------------------------------------------===//
// GatherElements, GatherND
//===----------------------------------------------------------------------===//

struct LowerGatherElements : OpRewritePattern<GatherElementsOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GatherElementsOp op,
                                PatternRewriter &rewriter) const override {
    auto dataType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto indicesType = dyn_cast<RankedTensorType>(op.getIndices().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!dataType || !indicesType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = dataType.getRank();
    if (indicesType.getRank() != rank || resultType.getRank() != rank)
      return rewriter.notifyMatchFailure(op, "ranks differ");
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;

    Location loc = op.getLoc();
    Value init = emptyTensor(rewriter, loc, resultType,
                             dimValues(rewriter, loc, op.getIndices()));
    Value axisSize = dimValue(rewriter, loc, op.getData(), axis);
    Value data = op.getData();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, op.getIndices(), init,
        ArrayRef<AffineMap>{id, id}, parallel(rank),
        [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> position = loopIndices(b, l, rank);
          position[axis] = wrapIndex(b, l, toIndex(b, l, args[0]), axisSize);
          linalg::YieldOp::create(
              b, l,
              tensor::ExtractOp::create(b, l, data, position).getResult());
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// GatherND: the result is indexed by indices.shape[:-1] (whose leading
/// `batch_dims` are data's) and data.shape[b+k:].
struct LowerGatherND : OpRewritePattern<GatherNDOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GatherNDOp op,
                                PatternRewriter &rewriter) const override {
    auto dataType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto indicesType = dyn_cast<RankedTensorType>(op.getIndices().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!dataType || !indicesType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t r = dataType.getRank(), q = indicesType.getRank();
    int64_t batch = static_cast<int64_t>(op.getBatchDims());
    int64_t k = indicesType.getDimSize(q - 1);
    if (ShapedType::isDynamic(k))
      return rewriter.notifyMatchFailure(op, "unknown index tuple length");
    int64_t rank = q - 1 + r - batch - k;
    if (resultType.getRank() != rank)
      return rewriter.notifyMatchFailure(op, "unexpected result rank");

    Location loc = op.getLoc();
    SmallVector<Value> sizes;
    for (int64_t d = 0; d < q - 1; ++d)
      sizes.push_back(dimValue(rewriter, loc, op.getIndices(), d));
    for (int64_t d = batch + k; d < r; ++d)
      sizes.push_back(dimValue(rewriter, loc, op.getData(), d));
    SmallVector<Value> tupleSizes;
    for (int64_t j = 0; j < k; ++j)
      tupleSizes.push_back(dimValue(rewriter, loc, op.getData(), batch + j));
    Value init = emptyTensor(rewriter, loc, resultType, sizes);
    Value data = op.getData(), indices = op.getIndices();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{}, init,
        ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(rank)},
        parallel(rank), [&](OpBuilder &b, Location l, ValueRange) {
          SmallVector<Value> out = loopIndices(b, l, rank);
          SmallVector<Value> position(out.begin(), out.begin() + batch);
          SmallVector<Value> tuple(out.begin(), out.begin() + q - 1);
          tuple.push_back(Value());
          for (int64_t j = 0; j < k; ++j) {
            tuple.back() = indexConst(b, l, j);
            Value index = tensor::ExtractOp::create(b, l, indices, tuple);
            position.push_back(
                wrapIndex(b, l, toIndex(b, l, index), tupleSizes[j]));
          }
          position.append(out.begin() + q - 1, out.end());
          linalg::YieldOp::create(
              b, l,
              tensor::ExtractOp::create(b, l, data, position).getResult());
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ScatterND, ScatterElements
//===----------------------------------------------------------------------===//

/// Combines the existing element `old` with the update `update` as the
/// scatter `reduction` says; null when the element type is not handled.
Value combine(OpBuilder &b, Location loc, StringRef reduction, Value old,
              Value update) {
  Type type = old.getType();
  if (reduction == "none")
    return update;
  bool isFloat = isa<FloatType>(type);
  if (!isFloat && !isa<IntegerType>(type))
    return {};
  bool isUnsigned = type.isUnsignedInteger();
  Value x = toSignless(b, loc, old), y = toSignless(b, loc, update);
  Value result;
  // On bools, ONNX's reference computes with numpy: add is or, mul is and.
  if (type.isInteger(1)) {
    if (reduction == "add" || reduction == "max")
      result = arith::OrIOp::create(b, loc, x, y);
    else
      result = arith::AndIOp::create(b, loc, x, y);
  } else if (reduction == "add") {
    result = isFloat ? arith::AddFOp::create(b, loc, x, y).getResult()
                     : arith::AddIOp::create(b, loc, x, y).getResult();
  } else if (reduction == "mul") {
    result = isFloat ? arith::MulFOp::create(b, loc, x, y).getResult()
                     : arith::MulIOp::create(b, loc, x, y).getResult();
  } else if (reduction == "max") {
    result = isFloat      ? arith::MaximumFOp::create(b, loc, x, y).getResult()
             : isUnsigned ? arith::MaxUIOp::create(b, loc, x, y).getResult()
                          : arith::MaxSIOp::create(b, loc, x, y).getResult();
  } else if (reduction == "min") {
    result = isFloat      ? arith::MinimumFOp::create(b, loc, x, y).getResult()
             : isUnsigned ? arith::MinUIOp::create(b, loc, x, y).getResult()
                          : arith::MinSIOp::create(b, loc, x, y).getResult();
  } else {
    return {};
  }
  return fromSignless(b, loc, result, type);
}

bool isKnownReduction(StringRef reduction) {
  return llvm::is_contained(
      ArrayRef<StringRef>{"none", "add", "mul", "max", "min"}, reduction);
}

/// ScatterND: for each index tuple in order, the slice data[tuple] of the
/// running result is replaced by (or combined with) the matching slice of
/// updates.
struct LowerScatterND : OpRewritePattern<ScatterNDOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ScatterNDOp op,
                                PatternRewriter &rewriter) const override {
    auto dataType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto indicesType = dyn_cast<RankedTensorType>(op.getIndices().getType());
    auto updatesType = dyn_cast<RankedTensorType>(op.getUpdates().getType());
    if (!dataType || !indicesType || !updatesType ||
        !isa<RankedTensorType>(op.getType()))
      return rewriter.notifyMatchFailure(op, "unranked");
    StringRef reduction = op.getReduction();
    Type elementType = dataType.getElementType();
    if (!isKnownReduction(reduction))
      return rewriter.notifyMatchFailure(op, "unknown reduction");
    if (reduction != "none" && !elementType.isIntOrFloat())
      return rewriter.notifyMatchFailure(op, "element type not handled");
    int64_t r = dataType.getRank(), q = indicesType.getRank();
    int64_t k = indicesType.getDimSize(q - 1);
    if (ShapedType::isDynamic(k))
      return rewriter.notifyMatchFailure(op, "unknown index tuple length");
    if (updatesType.getRank() != q - 1 + r - k)
      return rewriter.notifyMatchFailure(op, "unexpected updates rank");

    Location loc = op.getLoc();
    Value data = op.getData(), indices = op.getIndices(),
          updates = op.getUpdates();
    SmallVector<Value> tupleSpace;
    for (int64_t d = 0; d < q - 1; ++d)
      tupleSpace.push_back(dimValue(rewriter, loc, indices, d));
    SmallVector<Value> dataSizes = dimValues(rewriter, loc, data);
    // The slice written per tuple: data.shape[k:].
    SmallVector<int64_t> sliceShape(dataType.getShape().drop_front(k));
    auto sliceType = RankedTensorType::get(sliceShape, elementType);
    Value count = product(rewriter, loc, tupleSpace);
    Value zero = indexConst(rewriter, loc, 0);
    Value one = indexConst(rewriter, loc, 1);
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, count, one, ValueRange{data},
        [&](OpBuilder &b, Location l, Value iv, ValueRange iterArgs) {
          Value result = iterArgs[0];
          SmallVector<Value> tuple = delinearize(b, l, iv, tupleSpace);
          // Offsets into data: the wrapped tuple, then zeros.
          SmallVector<OpFoldResult> offsets, sizes, strides;
          SmallVector<Value> at(tuple);
          at.push_back(Value());
          for (int64_t j = 0; j < k; ++j) {
            at.back() = indexConst(b, l, j);
            Value index = tensor::ExtractOp::create(b, l, indices, at);
            offsets.push_back(
                wrapIndex(b, l, toIndex(b, l, index), dataSizes[j]));
            sizes.push_back(b.getIndexAttr(1));
          }
          for (int64_t d = k; d < r; ++d) {
            offsets.push_back(b.getIndexAttr(0));
            sizes.push_back(getAsOpFoldResult(dataSizes[d]));
          }
          strides.assign(r, b.getIndexAttr(1));
          // The matching slice of updates: the tuple's position, then all.
          SmallVector<OpFoldResult> updateOffsets, updateSizes,
              updateStrides(q - 1 + r - k, b.getIndexAttr(1));
          for (Value t : tuple) {
            updateOffsets.push_back(t);
            updateSizes.push_back(b.getIndexAttr(1));
          }
          for (int64_t d = k; d < r; ++d) {
            updateOffsets.push_back(b.getIndexAttr(0));
            updateSizes.push_back(getAsOpFoldResult(dataSizes[d]));
          }
          Value update = tensor::ExtractSliceOp::create(
              b, l, sliceType, updates, updateOffsets, updateSizes,
              updateStrides);
          if (reduction != "none") {
            Value current = tensor::ExtractSliceOp::create(
                b, l, sliceType, result, offsets, sizes, strides);
            AffineMap id = b.getMultiDimIdentityMap(r - k);
            update =
                linalg::GenericOp::create(
                    b, l, TypeRange{sliceType}, ValueRange{update}, current,
                    ArrayRef<AffineMap>{id, id}, parallel(r - k),
                    [&](OpBuilder &nb, Location nl, ValueRange args) {
                      linalg::YieldOp::create(
                          nb, nl, combine(nb, nl, reduction, args[1], args[0]));
                    })
                    .getResult(0);
          }
          result = tensor::InsertSliceOp::create(b, l, update, result, offsets,
                                                 sizes, strides);
          scf::YieldOp::create(b, l, result);
        });
    rewriter.replaceOp(op,
                       castTo(rewriter, loc, loop.getResult(0), op.getType()));
    return success();
  }
};

/// ScatterElements: for each element of indices in row-major order, one
/// element of the running result is replaced or combined.
struct LowerScatterElements : OpRewritePattern<ScatterElementsOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ScatterElementsOp op,
                                PatternRewriter &rewriter) const override {
    auto dataType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto indicesType = dyn_cast<RankedTensorType>(op.getIndices().getType());
    if (!dataType || !indicesType ||
        !isa<RankedTensorType>(op.getUpdates().getType()) ||
        !isa<RankedTensorType>(op.getType()))
      return rewriter.notifyMatchFailure(op, "unranked");
    StringRef reduction = op.getReduction();
    if (!isKnownReduction(reduction))
      return rewriter.notifyMatchFailure(op, "unknown reduction");
    if (reduction != "none" && !dataType.getElementType().isIntOrFloat())
      return rewriter.notifyMatchFailure(op, "element type not handled");
    int64_t rank = dataType.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;

    Location loc = op.getLoc();
    Value indices = op.getIndices(), updates = op.getUpdates();
    SmallVector<Value> space = dimValues(rewriter, loc, indices);
    Value axisSize = dimValue(rewriter, loc, op.getData(), axis);
    Value zero = indexConst(rewriter, loc, 0);
    Value one = indexConst(rewriter, loc, 1);
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, product(rewriter, loc, space), one,
        ValueRange{op.getData()},
        [&](OpBuilder &b, Location l, Value iv, ValueRange iterArgs) {
          Value result = iterArgs[0];
          SmallVector<Value> at = delinearize(b, l, iv, space);
          Value index = tensor::ExtractOp::create(b, l, indices, at);
          Value update = tensor::ExtractOp::create(b, l, updates, at);
          SmallVector<Value> position(at);
          position[axis] = wrapIndex(b, l, toIndex(b, l, index), axisSize);
          if (reduction != "none") {
            Value old = tensor::ExtractOp::create(b, l, result, position);
            update = combine(b, l, reduction, old, update);
          }
          result = tensor::InsertOp::create(b, l, update, result, position);
          scf::YieldOp::create(b, l, result);
        });
    rewriter.replaceOp(op,
                       castTo(rewriter, loc, loop.getResult(0), op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Resize
//===----------------------------------------------------------------------===//

/// What one resized axis needs at run time: sizes as index values, and the
/// scale and region of interest as f64 values (roi only under
/// tf_crop_and_resize).
struct ResizeAxis {
  int64_t dim;
  Value inSize, outSize;
  Value scale;
  Value roiStart, roiExtent; // roiStart * (in - 1) and roi_end - roi_start
};

/// The per-axis tables: `indices` [out] or [out, taps] (index) and, for the
/// weighted modes, `weights` [out, taps] (f64); `outside` [out] (i1) under
/// tf_crop_and_resize.
struct ResizeTables {
  Value indices, weights, outside;
};

/// Builds the scalar computations of one resize; see ONNX's reference
/// (onnx/reference/ops/op_resize.py), which this follows term by term.
class ResizeBuilder {
public:
  ResizeBuilder(ResizeOp op) : op(op) {
    mode = op.getMode();
    transform = op.getCoordinateTransformationMode();
    nearestMode = op.getNearestMode();
    cubicA = op.getCubicCoeffA().convertToDouble();
    excludeOutside = op.getExcludeOutside();
    antialias = op.getAntialias() && mode != "nearest";
  }

  bool weighted() const { return mode != "nearest" || excludeOutside; }
  bool crop() const { return transform == "tf_crop_and_resize"; }

  /// The number of taps per output element: static, or a value computed
  /// from the scale (antialiasing widens the kernel by 1 / scale).
  Value tapCount(OpBuilder &b, Location loc, const ResizeAxis &axis) const {
    if (!antialias)
      return indexConst(b, loc,
                        mode == "nearest"  ? 1
                        : mode == "linear" ? 2
                                           : 4);
    Value start = kernelStart(b, loc, axis.scale);
    // n = 2 - 2 * start
    Value two = floatConst(b, loc, b.getF64Type(), 2.0);
    Value n = arith::SubFOp::create(b, loc, two,
                                    arith::MulFOp::create(b, loc, two, start));
    return f64ToIndex(b, loc, n);
  }

  /// The first tap's offset from the pixel left of the source coordinate,
  /// as an f64: floor(-support / min(scale, 1)) + 1 under antialias.
  Value kernelStart(OpBuilder &b, Location loc, Value scale) const {
    Type f64 = b.getF64Type();
    if (!antialias)
      return floatConst(b, loc, f64, mode == "cubic" ? -1.0 : 0.0);
    Value clamped =
        arith::MinimumFOp::create(b, loc, scale, floatConst(b, loc, f64, 1.0));
    double support = mode == "cubic" ? -2.0 : -1.0;
    Value q = arith::DivFOp::create(b, loc, floatConst(b, loc, f64, support),
                                    clamped);
    return arith::AddFOp::create(b, loc, math::FloorOp::create(b, loc, q),
                                 floatConst(b, loc, f64, 1.0));
  }

  /// The source coordinate of output index `o` (an index) along `axis`.
  Value sourceCoordinate(OpBuilder &b, Location loc, const ResizeAxis &axis,
                         Value o) const {
    Type f64 = b.getF64Type();
    auto c = [&](double v) { return floatConst(b, loc, f64, v); };
    Value y = indexToF64(b, loc, o);
    Value in = indexToF64(b, loc, axis.inSize);
    Value outInt = indexToF64(b, loc, axis.outSize);
    // The reference's output_width: scale * in, a float.
    Value outWidth = arith::MulFOp::create(b, loc, axis.scale, in);
    Value outIsOne = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ,
                                           outWidth, c(1.0));
    Value inMinusOne = arith::SubFOp::create(b, loc, in, c(1.0));
    Value outMinusOne = arith::SubFOp::create(b, loc, outWidth, c(1.0));
    // (y + 0.5) / scale - 0.5
    Value halfPixel = arith::SubFOp::create(
        b, loc,
        arith::DivFOp::create(b, loc, arith::AddFOp::create(b, loc, y, c(0.5)),
                              axis.scale),
        c(0.5));
    if (transform == "half_pixel")
      return halfPixel;
    if (transform == "asymmetric")
      return arith::DivFOp::create(b, loc, y, axis.scale);
    if (transform == "pytorch_half_pixel")
      return arith::SelectOp::create(b, loc, outIsOne, c(-0.5), halfPixel);
    if (transform == "half_pixel_symmetric") {
      // offset + (y + 0.5) / scale - 0.5, in the reference's order.
      Value adjustment = arith::DivFOp::create(b, loc, outInt, outWidth);
      Value center = arith::DivFOp::create(b, loc, in, c(2.0));
      Value offset = arith::MulFOp::create(
          b, loc, center, arith::SubFOp::create(b, loc, c(1.0), adjustment));
      Value shifted = arith::AddFOp::create(
          b, loc, offset,
          arith::DivFOp::create(
              b, loc, arith::AddFOp::create(b, loc, y, c(0.5)), axis.scale));
      return arith::SubFOp::create(b, loc, shifted, c(0.5));
    }
    if (transform == "align_corners") {
      Value scaled = arith::DivFOp::create(
          b, loc, arith::MulFOp::create(b, loc, y, inMinusOne), outMinusOne);
      return arith::SelectOp::create(b, loc, outIsOne, c(0.0), scaled);
    }
    // tf_crop_and_resize
    Value single = arith::DivFOp::create(
        b, loc, arith::MulFOp::create(b, loc, axis.roiExtent, inMinusOne),
        c(2.0));
    Value scaled = arith::DivFOp::create(
        b, loc,
        arith::MulFOp::create(b, loc,
                              arith::MulFOp::create(b, loc, y, axis.roiExtent),
                              inMinusOne),
        outMinusOne);
    Value x = arith::SelectOp::create(b, loc, outIsOne, single, scaled);
    return arith::AddFOp::create(b, loc, x, axis.roiStart);
  }

  /// The weight of tap `t` (an f64) for `ratio` in (0, 1]; `start` is
  /// kernelStart's and `clamped` min(scale, 1) (both computed once per axis).
  Value weight(OpBuilder &b, Location loc, Value t, Value ratio, Value start,
               Value clamped) const {
    Type f64 = b.getF64Type();
    auto c = [&](double v) { return floatConst(b, loc, f64, v); };
    auto add = [&](Value x, Value y) {
      return arith::AddFOp::create(b, loc, x, y).getResult();
    };
    auto sub = [&](Value x, Value y) {
      return arith::SubFOp::create(b, loc, x, y).getResult();
    };
    auto mul = [&](Value x, Value y) {
      return arith::MulFOp::create(b, loc, x, y).getResult();
    };
    auto eq = [&](Value x, double v) {
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, x, c(v))
          .getResult();
    };
    auto select = [&](Value cond, Value x, Value y) {
      return arith::SelectOp::create(b, loc, cond, x, y).getResult();
    };
    if (mode == "nearest")
      return c(1.0);
    if (mode == "linear" && !antialias)
      return select(eq(t, 0.0), sub(c(1.0), ratio), ratio);
    double a = cubicA;
    if (mode == "cubic" && !antialias) {
      // The reference's four Horner forms, for x = r + 1, r, 1 - r, 2 - r.
      auto outer = [&](Value x) {
        return sub(mul(add(mul(sub(mul(c(a), x), c(5 * a)), x), c(8 * a)), x),
                   c(4 * a));
      };
      auto inner = [&](Value x) {
        return add(mul(mul(sub(mul(c(a + 2), x), c(a + 3)), x), x), c(1.0));
      };
      Value oneMinus = sub(c(1.0), ratio);
      Value w0 = outer(add(ratio, c(1.0)));
      Value w1 = inner(ratio);
      Value w2 = inner(oneMinus);
      Value w3 = outer(add(oneMinus, c(1.0)));
      return select(eq(t, 0.0), w0,
                    select(eq(t, 1.0), w1, select(eq(t, 2.0), w2, w3)));
    }
    // Antialiased kernels evaluated at (start + t - ratio) * min(scale, 1).
    Value x = mul(sub(add(start, t), ratio), clamped);
    Value ax = math::AbsFOp::create(b, loc, x);
    if (mode == "linear") {
      Value w = sub(c(1.0), ax);
      return arith::MinimumFOp::create(
          b, loc, arith::MaximumFOp::create(b, loc, w, c(0.0)), c(1.0));
    }
    Value x2 = mul(ax, ax);
    Value x3 = mul(ax, x2);
    Value near = add(sub(mul(c(a + 2), x3), mul(c(a + 3), x2)), c(1.0));
    Value far =
        sub(add(sub(mul(c(a), x3), mul(c(5 * a), x2)), mul(c(8 * a), ax)),
            c(4 * a));
    Value isNear =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLE, ax, c(1.0));
    Value isFar =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, ax, c(2.0));
    return select(isNear, near, select(isFar, far, c(0.0)));
  }

  /// The tables of one axis: a linalg.generic over [out, taps] (or [out]
  /// for unweighted nearest), a normalization where weights must sum to 1,
  /// and the extrapolation mask under tf_crop_and_resize.
  ResizeTables buildTables(OpBuilder &b, Location loc,
                           const ResizeAxis &axis) const {
    Type f64 = b.getF64Type();
    Type indexType = b.getIndexType();
    ResizeTables tables;
    bool withWeights = weighted();
    Value taps = tapCount(b, loc, axis);
    // Per-axis invariants of the table's body.
    Value start = kernelStart(b, loc, axis.scale);
    Value clampedScale = arith::MinimumFOp::create(
        b, loc, axis.scale, floatConst(b, loc, f64, 1.0));
    Value last = arith::SubFOp::create(b, loc, indexToF64(b, loc, axis.inSize),
                                       floatConst(b, loc, f64, 1.0));
    SmallVector<Value> sizes = {axis.outSize};
    if (withWeights)
      sizes.push_back(taps);
    int64_t dims = sizes.size();
    // Antialiased weights are normalized before exclude_outside drops the
    // taps outside and normalizes again (the reference's two steps): the
    // table then also gives the taps outside.
    bool excludeLater = antialias && excludeOutside;
    SmallVector<Value> inits = {emptyOfSizes(b, loc, sizes, indexType)};
    if (withWeights)
      inits.push_back(emptyOfSizes(b, loc, sizes, f64));
    if (excludeLater)
      inits.push_back(emptyOfSizes(b, loc, sizes, b.getI1Type()));
    SmallVector<Type> types;
    for (Value init : inits)
      types.push_back(init.getType());
    SmallVector<AffineMap> maps(inits.size(), b.getMultiDimIdentityMap(dims));
    auto generic = linalg::GenericOp::create(
        b, loc, types, ValueRange{}, inits, maps, parallel(dims),
        [&](OpBuilder &nb, Location l, ValueRange) {
          auto c = [&](double v) { return floatConst(nb, l, f64, v); };
          Value o = linalg::IndexOp::create(nb, l, 0);
          Value x = sourceCoordinate(nb, l, axis, o);
          // The pixel left of x (x - 1 when x is an integer, so that the
          // ratio is in (0, 1]), and the ratio.
          Value floor = math::FloorOp::create(nb, l, x);
          Value isInteger =
              arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OEQ, x, floor);
          Value base = arith::SelectOp::create(
              nb, l, isInteger, arith::SubFOp::create(nb, l, floor, c(1.0)),
              floor);
          Value ratio = arith::SubFOp::create(nb, l, x, base);
          Value source;
          Value w;
          if (mode == "nearest") {
            source =
                arith::AddFOp::create(nb, l, base, nearestOffset(nb, l, ratio));
            w = c(1.0);
          } else {
            Value t = indexToF64(nb, l, linalg::IndexOp::create(nb, l, 1));
            source = arith::AddFOp::create(
                nb, l, arith::AddFOp::create(nb, l, base, start), t);
            w = weight(nb, l, t, ratio, start, clampedScale);
          }
          Value outside;
          if (excludeOutside) {
            Value below = arith::CmpFOp::create(
                nb, l, arith::CmpFPredicate::OLT, source, c(0.0));
            Value above = arith::CmpFOp::create(
                nb, l, arith::CmpFPredicate::OGT, source, last);
            outside = arith::OrIOp::create(nb, l, below, above);
            if (!excludeLater)
              w = arith::SelectOp::create(nb, l, outside, c(0.0), w);
          }
          // Edge padding: clamp into [0, in - 1].
          Value clamped = arith::MinimumFOp::create(
              nb, l, arith::MaximumFOp::create(nb, l, source, c(0.0)), last);
          SmallVector<Value> results = {f64ToIndex(nb, l, clamped)};
          if (withWeights)
            results.push_back(w);
          if (excludeLater)
            results.push_back(outside);
          linalg::YieldOp::create(nb, l, results);
        });
    tables.indices = generic.getResult(0);
    if (withWeights) {
      tables.weights = generic.getResult(1);
      if (antialias || excludeOutside)
        tables.weights = normalize(b, loc, tables.weights, axis.outSize);
      if (excludeLater)
        tables.weights =
            normalize(b, loc,
                      zeroWhere(b, loc, tables.weights, generic.getResult(2),
                                axis.outSize),
                      axis.outSize);
    }
    if (crop())
      tables.outside = extrapolationMask(b, loc, axis);
    return tables;
  }

  /// 1 where the nearest pixel is right of `base` (ratio in (0, 1]), else 0,
  /// as an f64.
  Value nearestOffset(OpBuilder &b, Location loc, Value ratio) const {
    Type f64 = b.getF64Type();
    auto c = [&](double v) { return floatConst(b, loc, f64, v); };
    Value one = c(1.0), zero = c(0.0);
    Value right;
    if (nearestMode == "floor")
      return arith::SelectOp::create(
          b, loc,
          arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, ratio, one),
          one, zero);
    if (nearestMode == "ceil")
      return one;
    if (nearestMode == "round_prefer_ceil")
      right = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, ratio,
                                    c(0.5));
    else
      right = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, ratio,
                                    c(0.5));
    return arith::SelectOp::create(b, loc, right, one, zero);
  }

  /// `weights` [out, taps] with 0 where `mask` is set.
  Value zeroWhere(OpBuilder &b, Location loc, Value weights, Value mask,
                  Value outSize) const {
    auto type = cast<RankedTensorType>(weights.getType());
    AffineMap id = b.getMultiDimIdentityMap(2);
    Value init =
        emptyTensor(b, loc, type, {outSize, dimValue(b, loc, weights, 1)});
    return linalg::GenericOp::create(
               b, loc, TypeRange{type}, ValueRange{weights, mask}, init,
               ArrayRef<AffineMap>{id, id, id}, parallel(2),
               [&](OpBuilder &nb, Location l, ValueRange args) {
                 linalg::YieldOp::create(
                     nb, l,
                     arith::SelectOp::create(
                         nb, l, args[1],
                         floatConst(nb, l, nb.getF64Type(), 0.0), args[0])
                         .getResult());
               })
        .getResult(0);
  }

  /// Divides each row of `weights` [out, taps] by its sum (1 where it is 0).
  Value normalize(OpBuilder &b, Location loc, Value weights,
                  Value outSize) const {
    Type f64 = b.getF64Type();
    Value sumInit = fillTensor(b, loc, floatConst(b, loc, f64, 0.0),
                               emptyOfSizes(b, loc, {outSize}, f64));
    Value sums =
        linalg::ReduceOp::create(
            b, loc, weights, sumInit, ArrayRef<int64_t>{1},
            [](OpBuilder &nb, Location l, ValueRange args) {
              linalg::YieldOp::create(
                  nb, l,
                  arith::AddFOp::create(nb, l, args[0], args[1]).getResult());
            })
            .getResult(0);
    MLIRContext *context = b.getContext();
    AffineMap id = b.getMultiDimIdentityMap(2);
    AffineMap row = AffineMap::get(2, 0, getAffineDimExpr(0, context));
    auto type = cast<RankedTensorType>(weights.getType());
    Value init =
        emptyTensor(b, loc, type, {outSize, dimValue(b, loc, weights, 1)});
    return linalg::GenericOp::create(
               b, loc, TypeRange{type}, ValueRange{weights, sums}, init,
               ArrayRef<AffineMap>{id, row, id}, parallel(2),
               [&](OpBuilder &nb, Location l, ValueRange args) {
                 Value zero = floatConst(nb, l, f64, 0.0);
                 Value isZero = arith::CmpFOp::create(
                     nb, l, arith::CmpFPredicate::OEQ, args[1], zero);
                 Value sum = arith::SelectOp::create(
                     nb, l, isZero, floatConst(nb, l, f64, 1.0), args[1]);
                 linalg::YieldOp::create(
                     nb, l,
                     arith::DivFOp::create(nb, l, args[0], sum).getResult());
               })
        .getResult(0);
  }

  /// [out] i1: whether the source coordinate lies outside [0, in - 1].
  Value extrapolationMask(OpBuilder &b, Location loc,
                          const ResizeAxis &axis) const {
    Value init = emptyOfSizes(b, loc, {axis.outSize}, b.getI1Type());
    return linalg::GenericOp::create(
               b, loc, TypeRange{init.getType()}, ValueRange{}, init,
               ArrayRef<AffineMap>{b.getMultiDimIdentityMap(1)}, parallel(1),
               [&](OpBuilder &nb, Location l, ValueRange) {
                 Type f64 = nb.getF64Type();
                 Value x = sourceCoordinate(nb, l, axis,
                                            linalg::IndexOp::create(nb, l, 0));
                 Value last = arith::SubFOp::create(
                     nb, l, indexToF64(nb, l, axis.inSize),
                     floatConst(nb, l, f64, 1.0));
                 Value below =
                     arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OLT, x,
                                           floatConst(nb, l, f64, 0.0));
                 Value above = arith::CmpFOp::create(
                     nb, l, arith::CmpFPredicate::OGT, x, last);
                 linalg::YieldOp::create(
                     nb, l,
                     arith::OrIOp::create(nb, l, below, above).getResult());
               })
        .getResult(0);
  }

  ResizeOp op;
  StringRef mode, transform, nearestMode;
  double cubicA;
  bool excludeOutside, antialias;
};

/// The f64 `value` rounded (to nearest even, for integers) and saturated to
/// the element type `type`, as ONNX's reference saturate_cast does.
Value saturateCast(OpBuilder &b, Location loc, Value value, Type type) {
  if (auto floatType = dyn_cast<FloatType>(type)) {
    if (floatType.isF64())
      return value;
    double max =
        APFloat::getLargest(floatType.getFloatSemantics()).convertToDouble();
    Value clamped = arith::MinimumFOp::create(
        b, loc,
        arith::MaximumFOp::create(b, loc, value,
                                  floatConst(b, loc, b.getF64Type(), -max)),
        floatConst(b, loc, b.getF64Type(), max));
    return arith::TruncFOp::create(b, loc, type, clamped);
  }
  auto intType = cast<IntegerType>(type);
  unsigned width = intType.getWidth();
  bool isUnsigned = intType.isUnsigned();
  double lo = isUnsigned ? 0.0 : -std::ldexp(1.0, width - 1);
  double hi =
      isUnsigned ? std::ldexp(1.0, width) - 1 : std::ldexp(1.0, width - 1) - 1;
  Value rounded = math::RoundEvenOp::create(b, loc, value);
  Value clamped = arith::MinimumFOp::create(
      b, loc,
      arith::MaximumFOp::create(b, loc, rounded,
                                floatConst(b, loc, b.getF64Type(), lo)),
      floatConst(b, loc, b.getF64Type(), hi));
  Type signless = b.getIntegerType(width);
  Value result =
      isUnsigned
          ? arith::FPToUIOp::create(b, loc, signless, clamped).getResult()
          : arith::FPToSIOp::create(b, loc, signless, clamped).getResult();
  return fromSignless(b, loc, result, type);
}

/// An element of any numeric type as an f64 (unsigned integers as such).
Value elementToF64(OpBuilder &b, Location loc, Value v) {
  Type type = v.getType();
  if (type.isUnsignedInteger())
    return arith::UIToFPOp::create(b, loc, b.getF64Type(),
                                   toSignless(b, loc, v));
  return toF64(b, loc, toSignless(b, loc, v));
}

/// The extrapolation value as an element of `type`.
Value elementConstant(OpBuilder &b, Location loc, double value, Type type) {
  if (isa<FloatType>(type))
    return floatConst(b, loc, type, value);
  Type signless = b.getIntegerType(type.getIntOrFloatBitWidth());
  return fromSignless(
      b, loc, intConst(b, loc, signless, static_cast<int64_t>(value)), type);
}

struct LowerResize : OpRewritePattern<ResizeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ResizeOp op,
                                PatternRewriter &rewriter) const override {
    auto inputType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!inputType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    for (Value operand : {op.getRoi(), op.getScales(), op.getSizes()})
      if (operand && !isa<RankedTensorType>(operand.getType()))
        return rewriter.notifyMatchFailure(op, "unranked operand");
    ResizeBuilder builder(op);
    Type elementType = inputType.getElementType();
    if (builder.weighted() &&
        (!elementType.isIntOrFloat() || elementType.isInteger(1)))
      return rewriter.notifyMatchFailure(op, "interpolation of bools");
    if (builder.crop() && !op.getRoi())
      return rewriter.notifyMatchFailure(op, "tf_crop_and_resize without roi");
    if (!op.getScales() == !op.getSizes())
      return rewriter.notifyMatchFailure(op, "not one of scales and sizes");
    int64_t rank = inputType.getRank();
    SmallVector<int64_t> axes;
    if (auto given = op.getAxes())
      for (int64_t axis : *given)
        axes.push_back(axis < 0 ? axis + rank : axis);
    else
      axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));

    Location loc = op.getLoc();
    Type f64 = rewriter.getF64Type();
    SmallVector<ResizeAxis> resized;
    SmallVector<Value> outSizes = dimValues(rewriter, loc, op.getInput());
    SmallVector<Value> inSizes = outSizes;
    Value factor; // one scale for every axis (keep_aspect_ratio_policy)
    StringRef policy = op.getKeepAspectRatioPolicy();
    if (op.getSizes() && policy != "stretch") {
      for (auto [i, axis] : llvm::enumerate(axes)) {
        Value ratio = arith::DivFOp::create(
            rewriter, loc,
            toF64(rewriter, loc, extractAt(rewriter, loc, op.getSizes(), i)),
            indexToF64(rewriter, loc, inSizes[axis]));
        if (!factor)
          factor = ratio;
        else if (policy == "not_larger")
          factor = arith::MinimumFOp::create(rewriter, loc, factor, ratio);
        else
          factor = arith::MaximumFOp::create(rewriter, loc, factor, ratio);
      }
    }
    int64_t n = axes.size();
    for (auto [i, dim] : llvm::enumerate(axes)) {
      ResizeAxis axis;
      axis.dim = dim;
      axis.inSize = inSizes[dim];
      Value in = indexToF64(rewriter, loc, axis.inSize);
      if (builder.crop()) {
        // As the reference, roi_end - roi_start and roi_start * (in - 1) in
        // the roi's type, then widened.
        Value start = extractAt(rewriter, loc, op.getRoi(), i);
        Value end = extractAt(rewriter, loc, op.getRoi(), n + i);
        Type roiType = start.getType();
        Value inMinusOne = arith::SIToFPOp::create(
            rewriter, loc, roiType,
            toI64(rewriter, loc,
                  arith::SubIOp::create(rewriter, loc, axis.inSize,
                                        indexConst(rewriter, loc, 1))));
        axis.roiExtent = toF64(
            rewriter, loc, arith::SubFOp::create(rewriter, loc, end, start));
        axis.roiStart =
            toF64(rewriter, loc,
                  arith::MulFOp::create(rewriter, loc, start, inMinusOne));
      }
      Value outSize;
      if (op.getScales()) {
        axis.scale =
            toF64(rewriter, loc, extractAt(rewriter, loc, op.getScales(), i));
        Value size = arith::MulFOp::create(rewriter, loc, in, axis.scale);
        if (builder.crop())
          size = arith::MulFOp::create(
              rewriter, loc,
              arith::MulFOp::create(rewriter, loc, in, axis.roiExtent),
              axis.scale);
        outSize = f64ToIndex(rewriter, loc,
                             math::FloorOp::create(rewriter, loc, size));
      } else if (factor) {
        axis.scale = factor;
        // round half up: floor(factor * in + 0.5)
        Value size = arith::AddFOp::create(
            rewriter, loc, arith::MulFOp::create(rewriter, loc, factor, in),
            floatConst(rewriter, loc, f64, 0.5));
        outSize = f64ToIndex(rewriter, loc,
                             math::FloorOp::create(rewriter, loc, size));
      } else {
        outSize =
            toIndex(rewriter, loc, extractAt(rewriter, loc, op.getSizes(), i));
        axis.scale = arith::DivFOp::create(rewriter, loc,
                                           toF64(rewriter, loc, outSize), in);
      }
      // A static result size is the one the types promise.
      if (!resultType.isDynamicDim(dim))
        outSize = indexConst(rewriter, loc, resultType.getDimSize(dim));
      axis.outSize = outSize;
      outSizes[dim] = outSize;
      if (isIdentity(op, i, inputType, resultType))
        continue;
      resized.push_back(axis);
    }

    SmallVector<ResizeTables> tables;
    for (const ResizeAxis &axis : resized)
      tables.push_back(builder.buildTables(rewriter, loc, axis));

    Value result = builder.weighted()
                       ? interpolate(rewriter, loc, op, builder, resized,
                                     tables, outSizes, resultType)
                       : gatherNearest(rewriter, loc, op, builder, resized,
                                       tables, outSizes, resultType);
    rewriter.replaceOp(op, result);
    return success();
  }

  /// Whether axis `i` of `axes` is statically left as it is: a constant
  /// scale of exactly 1, or a constant size equal to the static input size
  /// (stretching), outside tf_crop_and_resize.
  static bool isIdentity(ResizeOp op, int64_t i, RankedTensorType inputType,
                         RankedTensorType resultType) {
    if (op.getCoordinateTransformationMode() == "tf_crop_and_resize")
      return false;
    SmallVector<int64_t> axes;
    int64_t rank = inputType.getRank();
    if (auto given = op.getAxes())
      for (int64_t axis : *given)
        axes.push_back(axis < 0 ? axis + rank : axis);
    else
      axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
    int64_t dim = axes[i];
    if (op.getScales()) {
      DenseFPElementsAttr scales;
      if (!matchPattern(op.getScales(), m_Constant(&scales)))
        return false;
      return scales.getValues<APFloat>()[i].convertToDouble() == 1.0;
    }
    if (op.getKeepAspectRatioPolicy() != "stretch")
      return false;
    DenseIntElementsAttr sizes;
    if (!matchPattern(op.getSizes(), m_Constant(&sizes)) ||
        inputType.isDynamicDim(dim))
      return false;
    return sizes.getValues<APInt>()[i].getSExtValue() ==
           inputType.getDimSize(dim);
  }

  /// Nearest without weights: one generic reading input through the index
  /// tables, with the extrapolation value where a coordinate is outside.
  static Value gatherNearest(OpBuilder &b, Location loc, ResizeOp op,
                             const ResizeBuilder &builder,
                             ArrayRef<ResizeAxis> resized,
                             ArrayRef<ResizeTables> tables,
                             ArrayRef<Value> outSizes,
                             RankedTensorType resultType) {
    int64_t rank = resultType.getRank();
    MLIRContext *context = b.getContext();
    SmallVector<Value> ins;
    SmallVector<AffineMap> maps;
    for (auto [axis, table] : llvm::zip_equal(resized, tables)) {
      ins.push_back(table.indices);
      maps.push_back(
          AffineMap::get(rank, 0, getAffineDimExpr(axis.dim, context)));
    }
    if (builder.crop())
      for (auto [axis, table] : llvm::zip_equal(resized, tables)) {
        ins.push_back(table.outside);
        maps.push_back(
            AffineMap::get(rank, 0, getAffineDimExpr(axis.dim, context)));
      }
    maps.push_back(b.getMultiDimIdentityMap(rank));
    Value init = emptyTensor(b, loc, resultType, outSizes);
    Value input = op.getInput();
    Type elementType = resultType.getElementType();
    double extrapolation = op.getExtrapolationValue().convertToDouble();
    int64_t count = resized.size();
    return linalg::GenericOp::create(
               b, loc, TypeRange{resultType}, ins, init, maps, parallel(rank),
               [&](OpBuilder &nb, Location l, ValueRange args) {
                 SmallVector<Value> position = loopIndices(nb, l, rank);
                 for (auto [i, axis] : llvm::enumerate(resized))
                   position[axis.dim] = args[i];
                 Value value =
                     tensor::ExtractOp::create(nb, l, input, position);
                 if (builder.crop() && count > 0) {
                   Value outside = args[count];
                   for (int64_t i = 1; i < count; ++i)
                     outside =
                         arith::OrIOp::create(nb, l, outside, args[count + i]);
                   value = arith::SelectOp::create(
                       nb, l, outside,
                       elementConstant(nb, l, extrapolation, elementType),
                       value);
                 }
                 linalg::YieldOp::create(nb, l, value);
               })
        .getResult(0);
  }

  /// The weighted modes, one axis after the other in the order of `axes`
  /// (as the reference, so that the f64 arithmetic is the same): per axis a
  /// generic over [output so far..., taps] summing weight times input in
  /// f64 (a reduction iterator over the taps), then the extrapolation value
  /// under tf_crop_and_resize; last, the conversion to the element type.
  static Value interpolate(OpBuilder &b, Location loc, ResizeOp op,
                           const ResizeBuilder &builder,
                           ArrayRef<ResizeAxis> resized,
                           ArrayRef<ResizeTables> tables,
                           ArrayRef<Value> outSizes,
                           RankedTensorType resultType) {
    int64_t rank = resultType.getRank();
    MLIRContext *context = b.getContext();
    Type f64 = b.getF64Type();
    Value current = op.getInput();
    SmallVector<Value> sizes = dimValues(b, loc, current);
    SmallVector<AffineExpr> outExprs;
    for (int64_t d = 0; d < rank; ++d)
      outExprs.push_back(getAffineDimExpr(d, context));
    AffineMap outMap = AffineMap::get(rank + 1, 0, outExprs, context);
    AffineMap id = b.getMultiDimIdentityMap(rank);
    double extrapolation = op.getExtrapolationValue().convertToDouble();
    SmallVector<utils::IteratorType> iterators = parallel(rank);
    iterators.push_back(utils::IteratorType::reduction);
    for (auto [axis, table] : llvm::zip_equal(resized, tables)) {
      int64_t dim = axis.dim;
      sizes[dim] = axis.outSize;
      auto type = refinedType(sizes, f64);
      Value acc = fillTensor(b, loc, floatConst(b, loc, f64, 0.0),
                             emptyTensor(b, loc, type, sizes));
      AffineMap tableMap = AffineMap::get(
          rank + 1, 0,
          {getAffineDimExpr(dim, context), getAffineDimExpr(rank, context)},
          context);
      Value source = current;
      current =
          linalg::GenericOp::create(
              b, loc, TypeRange{type}, ValueRange{table.indices, table.weights},
              acc, ArrayRef<AffineMap>{tableMap, tableMap, outMap}, iterators,
              [&](OpBuilder &nb, Location l, ValueRange args) {
                SmallVector<Value> position = loopIndices(nb, l, rank);
                position[dim] = args[0];
                Value x = elementToF64(
                    nb, l, tensor::ExtractOp::create(nb, l, source, position));
                Value term = arith::MulFOp::create(nb, l, x, args[1]);
                linalg::YieldOp::create(
                    nb, l,
                    arith::AddFOp::create(nb, l, args[2], term).getResult());
              })
              .getResult(0);
      if (builder.crop()) {
        AffineMap maskMap =
            AffineMap::get(rank, 0, getAffineDimExpr(dim, context));
        current =
            linalg::GenericOp::create(
                b, loc, TypeRange{type}, ValueRange{current, table.outside},
                emptyTensor(b, loc, type, sizes),
                ArrayRef<AffineMap>{id, maskMap, id}, parallel(rank),
                [&](OpBuilder &nb, Location l, ValueRange args) {
                  linalg::YieldOp::create(
                      nb, l,
                      arith::SelectOp::create(
                          nb, l, args[1], floatConst(nb, l, f64, extrapolation),
                          args[0])
                          .getResult());
                })
                .getResult(0);
      }
    }

    // Rounded and saturated to the element type.
    Type elementType = resultType.getElementType();
    Value init = emptyTensor(b, loc, resultType, outSizes);
    return linalg::GenericOp::create(
               b, loc, TypeRange{resultType}, ValueRange{current}, init,
               ArrayRef<AffineMap>{id, id}, parallel(rank),
               [&](OpBuilder &nb, Location l, ValueRange args) {
                 Value v = args[0];
                 if (!v.getType().isF64())
                   v = elementToF64(nb, l, v);
                 linalg::YieldOp::create(nb, l,
                                         saturateCast(nb, l, v, elementType));
               })
        .getResult(0);
  }
};

} // namespace

void populateIndexingToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerGatherElements, LowerGatherND, LowerScatterND,
               LowerScatterElements, LowerResize>(patterns.getContext());
}

} // namespace ds
