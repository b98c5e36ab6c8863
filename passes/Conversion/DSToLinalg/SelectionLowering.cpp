//===- SelectionLowering.cpp - ds Selection ops to linalg -----------------===//
//
// Part of ds. The lowering of the Selection family
// (dialects/ds/SelectionOps.td):
//
// * cum_sum, cum_prod: an scf.for along the axis (the accumulation is
//   sequential) carrying the running slice; each step combines the next
//   input slice into it with a linalg.generic over the other dimensions and
//   inserts it (before combining, when exclusive) into the result.
// * reverse_sequence, tensor_scatter: one linalg.generic over the result
//   that computes the source position of each element.
// * bit_cast: a linalg.generic of arith.bitcast (a bool is a byte 0 or 1:
//   zext, or != 0 the other way).
// * non_zero: a linalg.generic counts the non-zero elements, the [r, n]
//   result is allocated with that count, and an scf.for over the input in
//   row-major order writes the coordinates.
// * unique: the elements (or slices along `axis`) are rows of a [A, S]
//   view; linalg.generics over [A, A] (reduction iterators) find each row's
//   first occurrence and its slot in the output (the number of distinct
//   rows less than it when sorted, or first occurring before it), the
//   number of distinct rows is counted, and an scf.for writes the outputs.
//   This is O(A^2 S): fine for the sizes Unique sees in models, quadratic on
//   large inputs. NaNs compare equal and sort last (numpy's equal_nan).
// * det: Gaussian elimination with partial pivoting in f64, batched: an
//   scf.for over the columns whose steps are linalg.generics over the batch
//   (pivot search as a reduction, row swap and elimination as one parallel
//   generic); the determinant is the signed product of the diagonal.
// * non_max_suppression: scf loops over batches and classes; an scf.while
//   repeatedly takes the best remaining box (highest score, lowest index)
//   and drops the remaining boxes that overlap it (a linalg.generic), which
//   selects the same boxes as ONNX's sorted greedy pass. The selections are
//   written into a buffer for the worst case, and the result is its filled
//   part. Box arithmetic is in f32, as the reference's.
//
// Unsigned elements go through builtin.unrealized_conversion_cast to the
// signless type in generic bodies (arith has no unsigned types; the casts
// fold away in the LLVM lowering), and compare unsigned where order
// matters (unique).
//
// Left unlowered (notifyMatchFailure): unranked tensors; det below rank 2;
// element types other than integers and floats. The `precision`
// attribute is not used (cum ops compute in the element type, det in f64).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/IndexingLoweringUtils.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds::lowering;

namespace ds {
namespace {

/// Sizes of `value` with dimension `dim` left out.
SmallVector<Value> sizesWithout(OpBuilder &b, Location loc, Value value,
                                int64_t dim) {
  SmallVector<Value> sizes = dimValues(b, loc, value);
  sizes.erase(sizes.begin() + dim);
  return sizes;
}

//===----------------------------------------------------------------------===//
// CumSum, CumProd
//===----------------------------------------------------------------------===//

template <typename OpTy, bool isProduct>
struct LowerCumulative : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Value x = op.getX();
    auto type = dyn_cast<RankedTensorType>(x.getType());
    if (!type || !isa<RankedTensorType>(op.getType()))
      return rewriter.notifyMatchFailure(op, "unranked");
    Type element = type.getElementType();
    if (!element.isIntOrFloat())
      return rewriter.notifyMatchFailure(op, "element type not handled");
    int64_t rank = type.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    bool exclusive = op.getExclusive(), reverse = op.getReverse();

    Location loc = op.getLoc();
    SmallVector<Value> sizes = dimValues(rewriter, loc, x);
    SmallVector<int64_t> sliceShape(type.getShape());
    sliceShape.erase(sliceShape.begin() + axis);
    auto sliceType = RankedTensorType::get(sliceShape, element);
    Value identity =
        isa<FloatType>(element)
            ? floatConst(rewriter, loc, element, isProduct ? 1.0 : 0.0)
            : fromSignless(rewriter, loc,
                           intConst(rewriter, loc,
                                    rewriter.getIntegerType(
                                        element.getIntOrFloatBitWidth()),
                                    isProduct ? 1 : 0),
                           element);
    Value running =
        fillTensor(rewriter, loc, identity,
                   emptyTensor(rewriter, loc, sliceType,
                               sizesWithout(rewriter, loc, x, axis)));
    Value init = emptyTensor(rewriter, loc, type, sizes);
    Value n = sizes[axis];
    Value zero = indexConst(rewriter, loc, 0);
    Value one = indexConst(rewriter, loc, 1);
    int64_t sliceRank = rank - 1;
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, n, one, ValueRange{init, running},
        [&](OpBuilder &b, Location l, Value iv, ValueRange iterArgs) {
          Value result = iterArgs[0], acc = iterArgs[1];
          Value position = iv;
          if (reverse)
            position = arith::SubIOp::create(
                b, l, arith::SubIOp::create(b, l, n, one), iv);
          SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
          SmallVector<OpFoldResult> sliceSizes;
          for (Value size : sizes)
            sliceSizes.push_back(getAsOpFoldResult(size));
          SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
          offsets[axis] = position;
          sliceSizes[axis] = b.getIndexAttr(1);
          Value slice = tensor::ExtractSliceOp::create(
              b, l, sliceType, x, offsets, sliceSizes, strides);
          if (exclusive)
            result = tensor::InsertSliceOp::create(b, l, acc, result, offsets,
                                                   sliceSizes, strides);
          AffineMap id = b.getMultiDimIdentityMap(sliceRank);
          acc =
              linalg::GenericOp::create(
                  b, l, TypeRange{sliceType}, ValueRange{slice}, acc,
                  ArrayRef<AffineMap>{id, id}, parallel(sliceRank),
                  [&](OpBuilder &nb, Location nl, ValueRange args) {
                    Value x = toSignless(nb, nl, args[1]);
                    Value y = toSignless(nb, nl, args[0]);
                    Value v;
                    if (isa<FloatType>(element))
                      v = isProduct
                              ? arith::MulFOp::create(nb, nl, x, y).getResult()
                              : arith::AddFOp::create(nb, nl, x, y).getResult();
                    else
                      v = isProduct
                              ? arith::MulIOp::create(nb, nl, x, y).getResult()
                              : arith::AddIOp::create(nb, nl, x, y).getResult();
                    linalg::YieldOp::create(nb, nl,
                                            fromSignless(nb, nl, v, element));
                  })
                  .getResult(0);
          if (!exclusive)
            result = tensor::InsertSliceOp::create(b, l, acc, result, offsets,
                                                   sliceSizes, strides);
          scf::YieldOp::create(b, l, ValueRange{result, acc});
        });
    rewriter.replaceOp(op,
                       castTo(rewriter, loc, loop.getResult(0), op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ReverseSequence
//===----------------------------------------------------------------------===//

struct LowerReverseSequence : OpRewritePattern<ReverseSequenceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReverseSequenceOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!type || !resultType ||
        !isa<RankedTensorType>(op.getSequenceLens().getType()))
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = type.getRank();
    int64_t batchAxis = static_cast<int64_t>(op.getBatchAxis());
    int64_t timeAxis = static_cast<int64_t>(op.getTimeAxis());
    Location loc = op.getLoc();
    Value input = op.getInput(), lens = op.getSequenceLens();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    Value init =
        emptyTensor(rewriter, loc, resultType, dimValues(rewriter, loc, input));
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{}, init,
        ArrayRef<AffineMap>{id}, parallel(rank),
        [&](OpBuilder &b, Location l, ValueRange) {
          SmallVector<Value> position = loopIndices(b, l, rank);
          Value t = position[timeAxis];
          Value len = toIndex(
              b, l, tensor::ExtractOp::create(b, l, lens, position[batchAxis]));
          Value inside =
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, t, len);
          Value reversed = arith::SubIOp::create(
              b, l, arith::SubIOp::create(b, l, len, indexConst(b, l, 1)), t);
          position[timeAxis] =
              arith::SelectOp::create(b, l, inside, reversed, t);
          linalg::YieldOp::create(
              b, l,
              tensor::ExtractOp::create(b, l, input, position).getResult());
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// TensorScatter
//===----------------------------------------------------------------------===//

struct LowerTensorScatter : OpRewritePattern<TensorScatterOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TensorScatterOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getPastCache().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!type || !resultType ||
        !isa<RankedTensorType>(op.getUpdate().getType()))
      return rewriter.notifyMatchFailure(op, "unranked");
    int64_t rank = type.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    bool circular = op.getMode() == "circular";
    Location loc = op.getLoc();
    Value past = op.getPastCache(), update = op.getUpdate();
    Value writeIndices = op.getWriteIndices();
    Value cacheLength = dimValue(rewriter, loc, past, axis);
    Value steps = dimValue(rewriter, loc, update, axis);
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    Value init =
        emptyTensor(rewriter, loc, resultType, dimValues(rewriter, loc, past));
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{past}, init,
        ArrayRef<AffineMap>{id, id}, parallel(rank),
        [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> position = loopIndices(b, l, rank);
          Value p = position[axis];
          Value start = indexConst(b, l, 0);
          if (writeIndices)
            start = toIndex(
                b, l,
                tensor::ExtractOp::create(b, l, writeIndices, position[0]));
          // The update step written at p: p - start, modulo the cache
          // length in circular mode.
          Value step = arith::SubIOp::create(b, l, p, start);
          if (circular) {
            Value rem = arith::RemSIOp::create(b, l, step, cacheLength);
            Value negative = arith::CmpIOp::create(
                b, l, arith::CmpIPredicate::slt, rem, indexConst(b, l, 0));
            step = arith::SelectOp::create(
                b, l, negative, arith::AddIOp::create(b, l, rem, cacheLength),
                rem);
          }
          Value inRange = arith::AndIOp::create(
              b, l,
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge, step,
                                    indexConst(b, l, 0)),
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, step,
                                    steps));
          auto ifOp = scf::IfOp::create(
              b, l, inRange,
              [&](OpBuilder &tb, Location tl) {
                SmallVector<Value> source(position);
                source[axis] = step;
                scf::YieldOp::create(
                    tb, tl,
                    tensor::ExtractOp::create(tb, tl, update, source)
                        .getResult());
              },
              [&](OpBuilder &eb, Location el) {
                scf::YieldOp::create(eb, el, args[0]);
              });
          linalg::YieldOp::create(b, l, ifOp.getResult(0));
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// BitCast
//===----------------------------------------------------------------------===//

struct LowerBitCast : OpRewritePattern<BitCastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BitCastOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!type || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    Type from = type.getElementType(), to = resultType.getElementType();
    auto bits = [](Type t) {
      return t.isInteger(1) ? 8u : t.getIntOrFloatBitWidth();
    };
    if (bits(from) != bits(to))
      return rewriter.notifyMatchFailure(op, "widths differ");
    Location loc = op.getLoc();
    Value input = op.getInput();
    if (from == to) {
      rewriter.replaceOp(op, input);
      return success();
    }
    // Each element's bits; a bool is a byte 0 or 1 (ONNX's storage): to a
    // byte by zext, from a byte by != 0.
    int64_t rank = type.getRank();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    Value init =
        emptyTensor(rewriter, loc, resultType, dimValues(rewriter, loc, input));
    Type signlessTo =
        to.isIntOrIndex() ? rewriter.getIntegerType(bits(to)) : to;
    if (to.isInteger(1))
      signlessTo = to;
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{resultType}, ValueRange{input}, init,
            ArrayRef<AffineMap>{id, id}, parallel(rank),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value v = toSignless(b, l, args[0]);
              Type vt = v.getType();
              if (vt.isInteger(1)) {
                v = arith::ExtUIOp::create(b, l, b.getI8Type(), v);
                if (signlessTo != v.getType())
                  v = arith::BitcastOp::create(b, l, signlessTo, v);
              } else if (signlessTo.isInteger(1)) {
                if (!vt.isInteger(8))
                  v = arith::BitcastOp::create(b, l, b.getI8Type(), v);
                v = arith::CmpIOp::create(b, l, arith::CmpIPredicate::ne, v,
                                          intConst(b, l, b.getI8Type(), 0));
              } else if (vt != signlessTo) {
                v = arith::BitcastOp::create(b, l, signlessTo, v);
              }
              linalg::YieldOp::create(b, l, fromSignless(b, l, v, to));
            })
            .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// NonZero
//===----------------------------------------------------------------------===//

/// Whether the element `v` is non-zero (NaN is, -0.0 is not).
Value isNonZero(OpBuilder &b, Location loc, Value v) {
  v = toSignless(b, loc, v);
  Type type = v.getType();
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, v,
                                 floatConst(b, loc, type, 0.0));
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, v,
                               intConst(b, loc, type, 0));
}

struct LowerNonZero : OpRewritePattern<NonZeroOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(NonZeroOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getX().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!type || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked");
    Location loc = op.getLoc();
    Value x = op.getX();
    int64_t rank = type.getRank();
    Type i64 = rewriter.getI64Type();
    MLIRContext *context = op.getContext();

    // The count: a reduction of every dimension into a 0-d tensor.
    Value countInit = fillTensor(
        rewriter, loc, intConst(rewriter, loc, i64, 0),
        tensor::EmptyOp::create(rewriter, loc, ArrayRef<int64_t>{}, i64));
    SmallVector<utils::IteratorType> reduction(rank,
                                               utils::IteratorType::reduction);
    Value count =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{countInit.getType()}, ValueRange{x},
            countInit,
            ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(rank),
                                AffineMap::get(rank, 0, {}, context)},
            reduction,
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value one = arith::ExtUIOp::create(b, l, b.getI64Type(),
                                                 isNonZero(b, l, args[0]));
              linalg::YieldOp::create(
                  b, l, arith::AddIOp::create(b, l, args[1], one).getResult());
            })
            .getResult(0);
    Value n =
        toIndex(rewriter, loc,
                tensor::ExtractOp::create(rewriter, loc, count, ValueRange{}));
    Value rows = indexConst(rewriter, loc, rank);
    auto dynType = RankedTensorType::get({rank, ShapedType::kDynamic}, i64);
    Value result = emptyTensor(rewriter, loc, dynType, {rows, n});
    if (rank > 0) {
      SmallVector<Value> sizes = dimValues(rewriter, loc, x);
      Value zero = indexConst(rewriter, loc, 0);
      Value one = indexConst(rewriter, loc, 1);
      auto loop = scf::ForOp::create(
          rewriter, loc, zero, product(rewriter, loc, sizes), one,
          ValueRange{result, zero},
          [&](OpBuilder &b, Location l, Value iv, ValueRange iterArgs) {
            SmallVector<Value> at = delinearize(b, l, iv, sizes);
            Value v = tensor::ExtractOp::create(b, l, x, at);
            auto ifOp = scf::IfOp::create(
                b, l, isNonZero(b, l, v),
                [&](OpBuilder &tb, Location tl) {
                  Value out = iterArgs[0], k = iterArgs[1];
                  for (int64_t d = 0; d < rank; ++d)
                    out = tensor::InsertOp::create(
                        tb, tl, toI64(tb, tl, at[d]), out,
                        ValueRange{indexConst(tb, tl, d), k});
                  Value next =
                      arith::AddIOp::create(tb, tl, k, indexConst(tb, tl, 1));
                  scf::YieldOp::create(tb, tl, ValueRange{out, next});
                },
                [&](OpBuilder &eb, Location el) {
                  scf::YieldOp::create(eb, el, iterArgs);
                });
            scf::YieldOp::create(b, l, ifOp.getResults());
          });
      result = loop.getResult(0);
    }
    rewriter.replaceOp(op, castTo(rewriter, loc, result, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Unique
//===----------------------------------------------------------------------===//

/// Element comparisons of Unique: numpy's order, NaNs equal and last.
struct ElementOrder {
  Type type; // the element type, f16 and bf16 compared as f32

  Value widen(OpBuilder &b, Location loc, Value v) const {
    auto floatType = dyn_cast<FloatType>(v.getType());
    if (floatType && floatType.getWidth() < 32)
      return arith::ExtFOp::create(b, loc, b.getF32Type(), v);
    return v;
  }

  /// a < b.
  Value less(OpBuilder &b, Location loc, Value x, Value y) const {
    x = widen(b, loc, x);
    y = widen(b, loc, y);
    if (isa<FloatType>(x.getType())) {
      Value lt = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, y);
      Value xIsNumber =
          arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ORD, x, x);
      Value yIsNaN =
          arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, y, y);
      return arith::OrIOp::create(
          b, loc, lt, arith::AndIOp::create(b, loc, xIsNumber, yIsNaN));
    }
    // Bools (false < true) and unsigned integers compare unsigned.
    auto predicate = x.getType().isInteger(1) || x.getType().isUnsignedInteger()
                         ? arith::CmpIPredicate::ult
                         : arith::CmpIPredicate::slt;
    return arith::CmpIOp::create(b, loc, predicate, toSignless(b, loc, x),
                                 toSignless(b, loc, y));
  }
};

/// Compares rows `i` and `j` of the [A, S] tensor `rows` lexicographically:
/// (i < j, i == j).
std::pair<Value, Value> compareRows(OpBuilder &b, Location loc,
                                    const ElementOrder &order, Value rows,
                                    Value i, Value j) {
  auto type = cast<RankedTensorType>(rows.getType());
  auto compareAt = [&](OpBuilder &nb, Location l, Value s, Value undecided,
                       Value lessSoFar) -> std::pair<Value, Value> {
    Value x = tensor::ExtractOp::create(nb, l, rows, ValueRange{i, s});
    Value y = tensor::ExtractOp::create(nb, l, rows, ValueRange{j, s});
    Value lt = order.less(nb, l, x, y);
    Value gt = order.less(nb, l, y, x);
    Value differ = arith::OrIOp::create(nb, l, lt, gt);
    Value trueValue = intConst(nb, l, nb.getI1Type(), 1);
    Value same = arith::XOrIOp::create(nb, l, differ, trueValue);
    Value stillUndecided = arith::AndIOp::create(nb, l, undecided, same);
    Value newLess = arith::SelectOp::create(nb, l, undecided, lt, lessSoFar);
    return {stillUndecided, newLess};
  };
  Value trueValue = intConst(b, loc, b.getI1Type(), 1);
  Value falseValue = intConst(b, loc, b.getI1Type(), 0);
  if (type.getDimSize(1) == 1) {
    auto [undecided, less] =
        compareAt(b, loc, indexConst(b, loc, 0), trueValue, falseValue);
    return {less, undecided};
  }
  auto loop = scf::ForOp::create(
      b, loc, indexConst(b, loc, 0), dimValue(b, loc, rows, 1),
      indexConst(b, loc, 1), ValueRange{trueValue, falseValue},
      [&](OpBuilder &nb, Location l, Value s, ValueRange iterArgs) {
        auto [undecided, less] = compareAt(nb, l, s, iterArgs[0], iterArgs[1]);
        scf::YieldOp::create(nb, l, ValueRange{undecided, less});
      });
  return {loop.getResult(1), loop.getResult(0)};
}

struct LowerUnique : OpRewritePattern<UniqueOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(UniqueOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getX().getType());
    if (!type || !llvm::all_of(op->getResultTypes(),
                               [](Type t) { return isa<RankedTensorType>(t); }))
      return rewriter.notifyMatchFailure(op, "unranked");
    Type element = type.getElementType();
    if (!element.isIntOrFloat())
      return rewriter.notifyMatchFailure(op, "element type not handled");
    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    int64_t rank = type.getRank();
    std::optional<int64_t> axis;
    if (auto given = op.getAxis()) {
      // I64Attr getters return the value zero-extended.
      int64_t value = static_cast<int64_t>(*given);
      axis = value < 0 ? value + rank : value;
    }
    Type i64 = rewriter.getI64Type();
    Value x = op.getX();

    // The [A, S] view: rows are the elements, or the slices along axis.
    Value rows;
    SmallVector<Value> otherSizes; // with axis: the sizes but the axis'
    if (!axis) {
      auto flatType =
          RankedTensorType::get({type.hasStaticShape() ? type.getNumElements()
                                                       : ShapedType::kDynamic},
                                element);
      Value flat;
      if (rank == 0)
        flat = tensor::ExpandShapeOp::create(rewriter, loc, flatType, x,
                                             ArrayRef<ReassociationIndices>{});
      else
        flat = tensor::CollapseShapeOp::create(
            rewriter, loc, flatType, x,
            ArrayRef<ReassociationIndices>{
                llvm::to_vector(llvm::seq<int64_t>(0, rank))});
      auto rowsType =
          RankedTensorType::get({flatType.getDimSize(0), 1}, element);
      rows = tensor::ExpandShapeOp::create(
          rewriter, loc, rowsType, flat, ArrayRef<ReassociationIndices>{{0, 1}},
          ArrayRef<OpFoldResult>{
              getAsOpFoldResult(dimValue(rewriter, loc, flat, 0)),
              rewriter.getIndexAttr(1)});
    } else {
      SmallVector<int64_t> perm = {*axis};
      for (int64_t d = 0; d < rank; ++d)
        if (d != *axis)
          perm.push_back(d);
      SmallVector<Value> sizes = dimValues(rewriter, loc, x);
      SmallVector<Value> permuted;
      for (int64_t d : perm)
        permuted.push_back(sizes[d]);
      otherSizes.assign(permuted.begin() + 1, permuted.end());
      Value transposed =
          *axis == 0 ? x
                     : linalg::TransposeOp::create(
                           rewriter, loc, x,
                           emptyOfSizes(rewriter, loc, permuted, element), perm)
                           .getResult()[0];
      auto transposedType = cast<RankedTensorType>(transposed.getType());
      int64_t s = 1;
      for (int64_t d = 1; d < rank; ++d)
        s = ShapedType::isDynamic(transposedType.getDimSize(d)) ||
                    ShapedType::isDynamic(s)
                ? ShapedType::kDynamic
                : s * transposedType.getDimSize(d);
      auto rowsType =
          RankedTensorType::get({transposedType.getDimSize(0), s}, element);
      if (rank == 2)
        rows = transposed;
      else if (rank == 1)
        rows = tensor::ExpandShapeOp::create(
            rewriter, loc, rowsType, transposed,
            ArrayRef<ReassociationIndices>{{0, 1}},
            ArrayRef<OpFoldResult>{getAsOpFoldResult(permuted[0]),
                                   rewriter.getIndexAttr(1)});
      else
        rows = tensor::CollapseShapeOp::create(
            rewriter, loc, rowsType, transposed,
            ArrayRef<ReassociationIndices>{
                {0}, llvm::to_vector(llvm::seq<int64_t>(1, rank))});
    }
    auto rowsType = cast<RankedTensorType>(rows.getType());
    Value a = dimValue(rewriter, loc, rows, 0);
    Value s = dimValue(rewriter, loc, rows, 1);
    ElementOrder order{element};

    AffineMap pairI = AffineMap::get(2, 0, getAffineDimExpr(0, context));
    AffineMap pairJ = AffineMap::get(2, 0, getAffineDimExpr(1, context));
    SmallVector<utils::IteratorType> pairIterators = {
        utils::IteratorType::parallel, utils::IteratorType::reduction};
    auto vectorType = refinedType({a}, i64);

    // first[i]: the first row equal to row i.
    Value firstInit = fillTensor(rewriter, loc, toI64(rewriter, loc, a),
                                 emptyTensor(rewriter, loc, vectorType, {a}));
    // (An operand of size A along j gives the iteration its extent.)
    Value extent = fillTensor(rewriter, loc, intConst(rewriter, loc, i64, 0),
                              emptyTensor(rewriter, loc, vectorType, {a}));
    Value first =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{vectorType}, ValueRange{extent}, firstInit,
            ArrayRef<AffineMap>{pairJ, pairI}, pairIterators,
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value i = linalg::IndexOp::create(b, l, 0);
              Value j = linalg::IndexOp::create(b, l, 1);
              Value equal = compareRows(b, l, order, rows, j, i).second;
              Value j64 = toI64(b, l, j);
              Value earlier = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::slt, j64, args[1]);
              Value take = arith::AndIOp::create(b, l, equal, earlier);
              linalg::YieldOp::create(
                  b, l,
                  arith::SelectOp::create(b, l, take, j64, args[1])
                      .getResult());
            })
            .getResult(0);

    // slot[i]: the output position of row i's value.
    bool sorted = op.getSorted();
    Value slotInit = fillTensor(rewriter, loc, intConst(rewriter, loc, i64, 0),
                                emptyTensor(rewriter, loc, vectorType, {a}));
    Value slot =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{vectorType}, ValueRange{first, first},
            slotInit, ArrayRef<AffineMap>{pairI, pairJ, pairI}, pairIterators,
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value i = linalg::IndexOp::create(b, l, 0);
              Value j = linalg::IndexOp::create(b, l, 1);
              Value jIsFirst = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::eq, args[1], toI64(b, l, j));
              Value before;
              if (sorted)
                before = compareRows(b, l, order, rows, j, i).first;
              else
                before = arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt,
                                               toI64(b, l, j), args[0]);
              Value counts = arith::AndIOp::create(b, l, jIsFirst, before);
              Value one = arith::ExtUIOp::create(b, l, b.getI64Type(), counts);
              linalg::YieldOp::create(
                  b, l, arith::AddIOp::create(b, l, args[2], one).getResult());
            })
            .getResult(0);

    // The number of distinct rows.
    Value countInit = fillTensor(
        rewriter, loc, intConst(rewriter, loc, i64, 0),
        tensor::EmptyOp::create(rewriter, loc, ArrayRef<int64_t>{}, i64));
    Value countTensor =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{countInit.getType()}, ValueRange{first},
            countInit,
            ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(1),
                                AffineMap::get(1, 0, {}, context)},
            ArrayRef<utils::IteratorType>{utils::IteratorType::reduction},
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value i = toI64(b, l, linalg::IndexOp::create(b, l, 0));
              Value isFirst = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::eq, args[0], i);
              Value one = arith::ExtUIOp::create(b, l, b.getI64Type(), isFirst);
              linalg::YieldOp::create(
                  b, l, arith::AddIOp::create(b, l, args[1], one).getResult());
            })
            .getResult(0);
    Value u = toIndex(
        rewriter, loc,
        tensor::ExtractOp::create(rewriter, loc, countTensor, ValueRange{}));

    // The outputs, written by one pass over the rows.
    auto yRowsType = RankedTensorType::get(
        {ShapedType::kDynamic, rowsType.getDimSize(1)}, element);
    auto uType = RankedTensorType::get({ShapedType::kDynamic}, i64);
    Value yRows = emptyTensor(rewriter, loc, yRowsType, {u, s});
    Value firstIndices = emptyTensor(rewriter, loc, uType, {u});
    Value counts = fillTensor(rewriter, loc, intConst(rewriter, loc, i64, 0),
                              emptyTensor(rewriter, loc, uType, {u}));
    Value zero = indexConst(rewriter, loc, 0);
    Value one = indexConst(rewriter, loc, 1);
    auto rowType = RankedTensorType::get({rowsType.getDimSize(1)}, element);
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, a, one, ValueRange{yRows, firstIndices, counts},
        [&](OpBuilder &b, Location l, Value i, ValueRange iterArgs) {
          Value at = toIndex(b, l, tensor::ExtractOp::create(b, l, slot, i));
          Value i64Index = toI64(b, l, i);
          Value count = tensor::ExtractOp::create(b, l, iterArgs[2], at);
          count = arith::AddIOp::create(b, l, count,
                                        intConst(b, l, b.getI64Type(), 1));
          Value newCounts =
              tensor::InsertOp::create(b, l, count, iterArgs[2], at);
          Value isFirst = arith::CmpIOp::create(
              b, l, arith::CmpIPredicate::eq,
              tensor::ExtractOp::create(b, l, first, i), i64Index);
          auto ifOp = scf::IfOp::create(
              b, l, isFirst,
              [&](OpBuilder &tb, Location tl) {
                SmallVector<OpFoldResult> strides(2, tb.getIndexAttr(1));
                Value row = tensor::ExtractSliceOp::create(
                    tb, tl, rowType, rows,
                    ArrayRef<OpFoldResult>{i, tb.getIndexAttr(0)},
                    ArrayRef<OpFoldResult>{tb.getIndexAttr(1),
                                           getAsOpFoldResult(s)},
                    strides);
                Value newRows = tensor::InsertSliceOp::create(
                    tb, tl, row, iterArgs[0],
                    ArrayRef<OpFoldResult>{at, tb.getIndexAttr(0)},
                    ArrayRef<OpFoldResult>{tb.getIndexAttr(1),
                                           getAsOpFoldResult(s)},
                    strides);
                Value newFirst =
                    tensor::InsertOp::create(tb, tl, i64Index, iterArgs[1], at);
                scf::YieldOp::create(tb, tl, ValueRange{newRows, newFirst});
              },
              [&](OpBuilder &eb, Location el) {
                scf::YieldOp::create(eb, el,
                                     ValueRange{iterArgs[0], iterArgs[1]});
              });
          scf::YieldOp::create(
              b, l,
              ValueRange{ifOp.getResult(0), ifOp.getResult(1), newCounts});
        });
    yRows = loop.getResult(0);

    // Y: [U] without axis; with it, the rows back into the input's layout.
    Value y;
    auto yType = cast<RankedTensorType>(op.getY().getType());
    if (!axis || rank == 1) {
      y = tensor::CollapseShapeOp::create(
          rewriter, loc, RankedTensorType::get({ShapedType::kDynamic}, element),
          yRows, ArrayRef<ReassociationIndices>{{0, 1}});
    } else {
      SmallVector<OpFoldResult> expandedSizes = {getAsOpFoldResult(u)};
      SmallVector<Value> expandedValues = {u};
      for (Value size : otherSizes) {
        expandedSizes.push_back(getAsOpFoldResult(size));
        expandedValues.push_back(size);
      }
      SmallVector<int64_t> expandedShape = {ShapedType::kDynamic};
      for (Value size : otherSizes)
        expandedShape.push_back(refinedType({size}, element).getDimSize(0));
      auto expandedType = RankedTensorType::get(expandedShape, element);
      Value expanded =
          rank == 2
              ? castTo(rewriter, loc, yRows, expandedType)
              : tensor::ExpandShapeOp::create(
                    rewriter, loc, expandedType, yRows,
                    ArrayRef<ReassociationIndices>{
                        {0}, llvm::to_vector(llvm::seq<int64_t>(1, rank))},
                    expandedSizes)
                    .getResult();
      // Output dimension p reads dimension perm[p] of the expanded rows.
      SmallVector<int64_t> perm;
      SmallVector<Value> outSizes;
      for (int64_t p = 0; p < rank; ++p) {
        int64_t source = p < *axis ? p + 1 : p == *axis ? 0 : p;
        perm.push_back(source);
        outSizes.push_back(expandedValues[source]);
      }
      y = *axis == 0 ? expanded
                     : linalg::TransposeOp::create(
                           rewriter, loc, expanded,
                           emptyOfSizes(rewriter, loc, outSizes, element), perm)
                           .getResult()[0];
    }
    SmallVector<Value> results = {
        castTo(rewriter, loc, y, yType),
        castTo(rewriter, loc, loop.getResult(1), op.getIndices().getType()),
        castTo(rewriter, loc, slot, op.getInverseIndices().getType()),
        castTo(rewriter, loc, loop.getResult(2), op.getCounts().getType())};
    rewriter.replaceOp(op, results);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Det
//===----------------------------------------------------------------------===//

struct LowerDet : OpRewritePattern<DetOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DetOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getX().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!type || !resultType || type.getRank() < 2)
      return rewriter.notifyMatchFailure(op, "unranked or below rank 2");
    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    int64_t rank = type.getRank();
    Type element = type.getElementType();
    Type f64 = rewriter.getF64Type();
    Value x = op.getX();

    // [B, M, M]: the batch dimensions collapsed (or a unit one added).
    SmallVector<Value> sizes = dimValues(rewriter, loc, x);
    Value m = sizes[rank - 1];
    Value batch = product(rewriter, loc, ArrayRef<Value>(sizes).drop_back(2));
    int64_t staticBatch = 1;
    for (int64_t d = 0; d < rank - 2; ++d)
      staticBatch = type.isDynamicDim(d) || ShapedType::isDynamic(staticBatch)
                        ? ShapedType::kDynamic
                        : staticBatch * type.getDimSize(d);
    auto batchedType = RankedTensorType::get(
        {staticBatch, type.getDimSize(rank - 2), type.getDimSize(rank - 1)},
        element);
    Value batched = x;
    if (rank == 2)
      batched = tensor::ExpandShapeOp::create(
          rewriter, loc, batchedType, x,
          ArrayRef<ReassociationIndices>{{0, 1}, {2}},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1),
                                 getAsOpFoldResult(sizes[0]),
                                 getAsOpFoldResult(sizes[1])});
    else if (rank > 3)
      batched = tensor::CollapseShapeOp::create(
          rewriter, loc, batchedType, x,
          ArrayRef<ReassociationIndices>{
              llvm::to_vector(llvm::seq<int64_t>(0, rank - 2)),
              {rank - 2},
              {rank - 1}});
    SmallVector<Value> matrixSizes = {batch, m, m};
    auto matrixType = refinedType(matrixSizes, f64);
    AffineMap id3 = rewriter.getMultiDimIdentityMap(3);
    Value a = linalg::GenericOp::create(
                  rewriter, loc, TypeRange{matrixType}, ValueRange{batched},
                  emptyTensor(rewriter, loc, matrixType, matrixSizes),
                  ArrayRef<AffineMap>{id3, id3}, parallel(3),
                  [&](OpBuilder &b, Location l, ValueRange args) {
                    linalg::YieldOp::create(b, l, toF64(b, l, args[0]));
                  })
                  .getResult(0);
    auto vectorType = refinedType({batch}, f64);
    auto indexVectorType = refinedType({batch}, rewriter.getIndexType());
    Value sign = fillTensor(rewriter, loc, floatConst(rewriter, loc, f64, 1.0),
                            emptyTensor(rewriter, loc, vectorType, {batch}));
    AffineMap b2 = AffineMap::get(2, 0, getAffineDimExpr(0, context));
    AffineMap b3 = AffineMap::get(3, 0, getAffineDimExpr(0, context));

    Value zero = indexConst(rewriter, loc, 0);
    Value one = indexConst(rewriter, loc, 1);
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, m, one, ValueRange{a, sign},
        [&](OpBuilder &b, Location l, Value k, ValueRange iterArgs) {
          Value mat = iterArgs[0];
          // The pivot row of each batch: the first largest |a[i, k]|, i >= k.
          Value maxInit = fillTensor(b, l, floatConst(b, l, f64, -1.0),
                                     emptyTensor(b, l, vectorType, {batch}));
          Value rowInit =
              fillTensor(b, l, k, emptyTensor(b, l, indexVectorType, {batch}));
          // Column k of every matrix, [B, M].
          Value column = tensor::ExtractSliceOp::create(
              b, l, refinedType({batch, m}, f64), mat,
              ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(0), k},
              ArrayRef<OpFoldResult>{getAsOpFoldResult(batch),
                                     getAsOpFoldResult(m), b.getIndexAttr(1)},
              SmallVector<OpFoldResult>(3, b.getIndexAttr(1)));
          auto pivot = linalg::GenericOp::create(
              b, l, TypeRange{vectorType, indexVectorType}, ValueRange{column},
              ValueRange{maxInit, rowInit},
              ArrayRef<AffineMap>{b.getMultiDimIdentityMap(2), b2, b2},
              ArrayRef<utils::IteratorType>{utils::IteratorType::parallel,
                                            utils::IteratorType::reduction},
              [&](OpBuilder &nb, Location nl, ValueRange args) {
                Value i = linalg::IndexOp::create(nb, nl, 1);
                Value v = math::AbsFOp::create(nb, nl, args[0]);
                Value below = arith::CmpIOp::create(
                    nb, nl, arith::CmpIPredicate::sge, i, k);
                Value larger = arith::CmpFOp::create(
                    nb, nl, arith::CmpFPredicate::OGT, v, args[1]);
                Value take = arith::AndIOp::create(nb, nl, below, larger);
                linalg::YieldOp::create(
                    nb, nl,
                    ValueRange{
                        arith::SelectOp::create(nb, nl, take, v, args[1]),
                        arith::SelectOp::create(nb, nl, take, i, args[2])});
              });
          Value pivotRows = pivot.getResult(1);
          // Swap rows k and p, then eliminate below row k.
          Value next =
              linalg::GenericOp::create(
                  b, l, TypeRange{matrixType}, ValueRange{pivotRows},
                  emptyTensor(b, l, matrixType, matrixSizes),
                  ArrayRef<AffineMap>{b3, id3}, parallel(3),
                  [&](OpBuilder &nb, Location nl, ValueRange args) {
                    Value bi = linalg::IndexOp::create(nb, nl, 0);
                    Value i = linalg::IndexOp::create(nb, nl, 1);
                    Value j = linalg::IndexOp::create(nb, nl, 2);
                    Value p = args[0];
                    auto eqIdx = [&](Value x, Value y) {
                      return arith::CmpIOp::create(
                          nb, nl, arith::CmpIPredicate::eq, x, y);
                    };
                    Value row = arith::SelectOp::create(
                        nb, nl, eqIdx(i, k), p,
                        arith::SelectOp::create(nb, nl, eqIdx(i, p), k, i));
                    auto at = [&](Value r, Value c) {
                      return tensor::ExtractOp::create(nb, nl, mat,
                                                       ValueRange{bi, r, c})
                          .getResult();
                    };
                    Value v = at(row, j);
                    Value pivotValue = at(p, k);
                    Value isZero = arith::CmpFOp::create(
                        nb, nl, arith::CmpFPredicate::OEQ, pivotValue,
                        floatConst(nb, nl, f64, 0.0));
                    Value factor = arith::SelectOp::create(
                        nb, nl, isZero, floatConst(nb, nl, f64, 0.0),
                        arith::DivFOp::create(nb, nl, at(row, k), pivotValue));
                    Value eliminated = arith::SubFOp::create(
                        nb, nl, v,
                        arith::MulFOp::create(nb, nl, factor, at(p, j)));
                    Value update = arith::AndIOp::create(
                        nb, nl,
                        arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::sgt,
                                              i, k),
                        arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::sge,
                                              j, k));
                    linalg::YieldOp::create(
                        nb, nl,
                        arith::SelectOp::create(nb, nl, update, eliminated, v)
                            .getResult());
                  })
                  .getResult(0);
          // Back into the loop's buffer: a loop carries its tensors in place.
          next = linalg::CopyOp::create(b, l, next, mat).getResult(0);
          AffineMap id1 = b.getMultiDimIdentityMap(1);
          Value newSign =
              linalg::GenericOp::create(
                  b, l, TypeRange{vectorType},
                  ValueRange{iterArgs[1], pivotRows}, iterArgs[1],
                  ArrayRef<AffineMap>{id1, id1, id1}, parallel(1),
                  [&](OpBuilder &nb, Location nl, ValueRange args) {
                    Value swapped = arith::CmpIOp::create(
                        nb, nl, arith::CmpIPredicate::ne, args[1], k);
                    Value negated = arith::NegFOp::create(nb, nl, args[0]);
                    linalg::YieldOp::create(
                        nb, nl,
                        arith::SelectOp::create(nb, nl, swapped, negated,
                                                args[0])
                            .getResult());
                  })
                  .getResult(0);
          scf::YieldOp::create(b, l, ValueRange{next, newSign});
        });

    // The signed product of the diagonal, in the element type.
    Value reduced = loop.getResult(0);
    auto diagonalType = refinedType({batch, m}, f64);
    Value diagonal =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{diagonalType}, ValueRange{},
            emptyTensor(rewriter, loc, diagonalType, {batch, m}),
            ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(2)},
            parallel(2),
            [&](OpBuilder &b, Location l, ValueRange) {
              Value bi = linalg::IndexOp::create(b, l, 0);
              Value i = linalg::IndexOp::create(b, l, 1);
              linalg::YieldOp::create(
                  b, l,
                  tensor::ExtractOp::create(b, l, reduced, ValueRange{bi, i, i})
                      .getResult());
            })
            .getResult(0);
    Value product =
        linalg::ReduceOp::create(
            rewriter, loc, diagonal, loop.getResult(1), ArrayRef<int64_t>{1},
            [](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(
                  b, l,
                  arith::MulFOp::create(b, l, args[0], args[1]).getResult());
            })
            .getResult(0);
    auto elementVectorType = refinedType({batch}, element);
    AffineMap id1 = rewriter.getMultiDimIdentityMap(1);
    Value converted =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{elementVectorType}, ValueRange{product},
            emptyTensor(rewriter, loc, elementVectorType, {batch}),
            ArrayRef<AffineMap>{id1, id1}, parallel(1),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value v = args[0];
              if (!element.isF64())
                v = arith::TruncFOp::create(b, l, element, v);
              linalg::YieldOp::create(b, l, v);
            })
            .getResult(0);
    Value result;
    if (rank == 2)
      result = tensor::CollapseShapeOp::create(
          rewriter, loc, RankedTensorType::get({}, element), converted,
          ArrayRef<ReassociationIndices>{});
    else if (rank == 3)
      result = converted;
    else
      result = tensor::ExpandShapeOp::create(
          rewriter, loc,
          RankedTensorType::get(type.getShape().drop_back(2), element),
          converted,
          ArrayRef<ReassociationIndices>{
              llvm::to_vector(llvm::seq<int64_t>(0, rank - 2))},
          getAsOpFoldResult(ArrayRef<Value>(sizes).drop_back(2)));
    rewriter.replaceOp(op, castTo(rewriter, loc, result, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// NonMaxSuppression
//===----------------------------------------------------------------------===//

struct LowerNonMaxSuppression : OpRewritePattern<NonMaxSuppressionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(NonMaxSuppressionOp op,
                                PatternRewriter &rewriter) const override {
    auto boxesType = dyn_cast<RankedTensorType>(op.getBoxes().getType());
    auto scoresType = dyn_cast<RankedTensorType>(op.getScores().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!boxesType || !scoresType || !resultType ||
        !isa<RankedTensorType>(op.getMaxOutputBoxesPerClass().getType()) ||
        !isa<RankedTensorType>(op.getIouThreshold().getType()) ||
        (op.getScoreThreshold() &&
         !isa<RankedTensorType>(op.getScoreThreshold().getType())))
      return rewriter.notifyMatchFailure(op, "unranked");
    Location loc = op.getLoc();
    Value boxes = op.getBoxes(), scores = op.getScores();
    Type f32 = rewriter.getF32Type();
    Type i64 = rewriter.getI64Type();
    Type i1 = rewriter.getI1Type();
    bool centerPoint = op.getCenterPointBox();

    Value numBatches = dimValue(rewriter, loc, boxes, 0);
    Value numBoxes = dimValue(rewriter, loc, boxes, 1);
    Value numClasses = dimValue(rewriter, loc, scores, 1);
    Value zero = indexConst(rewriter, loc, 0);
    Value one = indexConst(rewriter, loc, 1);
    // At most max(0, min(max_output_boxes_per_class, N)) boxes per class.
    Value maxOut =
        toIndex(rewriter, loc,
                extractScalar(rewriter, loc, op.getMaxOutputBoxesPerClass()));
    Value limit = arith::MaxSIOp::create(
        rewriter, loc, arith::MinSIOp::create(rewriter, loc, maxOut, numBoxes),
        zero);
    Value iou = extractScalar(rewriter, loc, op.getIouThreshold());
    Value scoreThreshold;
    if (op.getScoreThreshold())
      scoreThreshold = extractScalar(rewriter, loc, op.getScoreThreshold());
    Value pairs = arith::MulIOp::create(rewriter, loc, numBatches, numClasses);
    Value capacity = arith::MulIOp::create(rewriter, loc, pairs, limit);
    auto bufferType = RankedTensorType::get({ShapedType::kDynamic, 3}, i64);
    Value buffer = emptyTensor(rewriter, loc, bufferType,
                               {capacity, indexConst(rewriter, loc, 3)});
    auto aliveType = refinedType({numBoxes}, i1);

    auto outer = scf::ForOp::create(
        rewriter, loc, zero, pairs, one, ValueRange{buffer, zero},
        [&](OpBuilder &b, Location l, Value pair, ValueRange outerArgs) {
          Value batch = arith::DivUIOp::create(b, l, pair, numClasses);
          Value cls = arith::RemUIOp::create(b, l, pair, numClasses);
          // The candidates: boxes over the score threshold.
          Value alive =
              linalg::GenericOp::create(
                  b, l, TypeRange{aliveType}, ValueRange{},
                  emptyTensor(b, l, aliveType, {numBoxes}),
                  ArrayRef<AffineMap>{b.getMultiDimIdentityMap(1)}, parallel(1),
                  [&](OpBuilder &nb, Location nl, ValueRange) {
                    Value n = linalg::IndexOp::create(nb, nl, 0);
                    Value keep = intConst(nb, nl, nb.getI1Type(), 1);
                    if (scoreThreshold) {
                      Value score = tensor::ExtractOp::create(
                          nb, nl, scores, ValueRange{batch, cls, n});
                      keep = arith::CmpFOp::create(nb, nl,
                                                   arith::CmpFPredicate::OGT,
                                                   score, scoreThreshold);
                    }
                    linalg::YieldOp::create(nb, nl, keep);
                  })
                  .getResult(0);
          // State: alive boxes, the selections, how many are written in
          // all and for this class; the condition also forwards the best
          // box.
          SmallVector<Type> stateTypes = {aliveType, bufferType,
                                          b.getIndexType(), b.getIndexType(),
                                          b.getIndexType()};
          auto loop = scf::WhileOp::create(
              b, l, stateTypes,
              ValueRange{alive, outerArgs[0], outerArgs[1], zero},
              [&](OpBuilder &wb, Location wl, ValueRange state) {
                // The best remaining box: highest score, lowest index.
                Value none = numBoxes;
                auto scan = scf::ForOp::create(
                    wb, wl, indexConst(wb, wl, 0), numBoxes,
                    indexConst(wb, wl, 1),
                    ValueRange{floatConst(wb, wl, f32, 0.0), none},
                    [&](OpBuilder &sb, Location sl, Value n,
                        ValueRange scanArgs) {
                      Value isAlive =
                          tensor::ExtractOp::create(sb, sl, state[0], n);
                      Value score = tensor::ExtractOp::create(
                          sb, sl, scores, ValueRange{batch, cls, n});
                      Value noneYet = arith::CmpIOp::create(
                          sb, sl, arith::CmpIPredicate::eq, scanArgs[1], none);
                      Value better = arith::CmpFOp::create(
                          sb, sl, arith::CmpFPredicate::OGT, score,
                          scanArgs[0]);
                      Value take = arith::AndIOp::create(
                          sb, sl, isAlive,
                          arith::OrIOp::create(sb, sl, noneYet, better));
                      scf::YieldOp::create(
                          sb, sl,
                          ValueRange{arith::SelectOp::create(
                                         sb, sl, take, score, scanArgs[0]),
                                     arith::SelectOp::create(sb, sl, take, n,
                                                             scanArgs[1])});
                    });
                Value best = scan.getResult(1);
                Value found = arith::CmpIOp::create(
                    wb, wl, arith::CmpIPredicate::ult, best, none);
                Value room = arith::CmpIOp::create(
                    wb, wl, arith::CmpIPredicate::ult, state[3], limit);
                Value go = arith::AndIOp::create(wb, wl, found, room);
                SmallVector<Value> forwarded(state.begin(), state.end());
                forwarded.push_back(best);
                scf::ConditionOp::create(wb, wl, go, forwarded);
              },
              [&](OpBuilder &wb, Location wl, ValueRange state) {
                Value best = state[4];
                Value written = state[2];
                Value out = state[1];
                Value entries[3] = {toI64(wb, wl, batch), toI64(wb, wl, cls),
                                    toI64(wb, wl, best)};
                for (int64_t c = 0; c < 3; ++c)
                  out = tensor::InsertOp::create(
                      wb, wl, entries[c], out,
                      ValueRange{written, indexConst(wb, wl, c)});
                // Drop the selected box and those overlapping it.
                Value remaining =
                    linalg::GenericOp::create(
                        wb, wl, TypeRange{aliveType}, ValueRange{state[0]},
                        state[0],
                        ArrayRef<AffineMap>{wb.getMultiDimIdentityMap(1),
                                            wb.getMultiDimIdentityMap(1)},
                        parallel(1),
                        [&](OpBuilder &nb, Location nl, ValueRange args) {
                          Value n = linalg::IndexOp::create(nb, nl, 0);
                          Value isBest = arith::CmpIOp::create(
                              nb, nl, arith::CmpIPredicate::eq, n, best);
                          Value suppressed = overlaps(
                              nb, nl, boxes, batch, best, n, iou, centerPoint);
                          Value drop =
                              arith::OrIOp::create(nb, nl, isBest, suppressed);
                          Value keep = arith::AndIOp::create(
                              nb, nl, args[0],
                              arith::XOrIOp::create(
                                  nb, nl, drop,
                                  intConst(nb, nl, nb.getI1Type(), 1)));
                          linalg::YieldOp::create(nb, nl, keep);
                        })
                        .getResult(0);
                Value nextWritten = arith::AddIOp::create(
                    wb, wl, written, indexConst(wb, wl, 1));
                Value nextCount = arith::AddIOp::create(wb, wl, state[3],
                                                        indexConst(wb, wl, 1));
                scf::YieldOp::create(
                    wb, wl, ValueRange{remaining, out, nextWritten, nextCount});
              });
          scf::YieldOp::create(
              b, l, ValueRange{loop.getResult(1), loop.getResult(2)});
        });
    Value total = outer.getResult(1);
    Value selected = tensor::ExtractSliceOp::create(
        rewriter, loc, bufferType, outer.getResult(0),
        ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0),
                               rewriter.getIndexAttr(0)},
        ArrayRef<OpFoldResult>{total, rewriter.getIndexAttr(3)},
        ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1),
                               rewriter.getIndexAttr(1)});
    rewriter.replaceOp(op, castTo(rewriter, loc, selected, resultType));
    return success();
  }

  /// Whether boxes `i` and `j` of batch `batch` overlap with an
  /// intersection over union above `threshold` (ONNX's suppress_by_iou).
  static Value overlaps(OpBuilder &b, Location loc, Value boxes, Value batch,
                        Value i, Value j, Value threshold, bool centerPoint) {
    Type f32 = b.getF32Type();
    auto coordinate = [&](Value box, int64_t c) {
      return tensor::ExtractOp::create(
                 b, loc, boxes, ValueRange{batch, box, indexConst(b, loc, c)})
          .getResult();
    };
    auto min = [&](Value x, Value y) {
      return arith::MinimumFOp::create(b, loc, x, y).getResult();
    };
    auto max = [&](Value x, Value y) {
      return arith::MaximumFOp::create(b, loc, x, y).getResult();
    };
    auto sub = [&](Value x, Value y) {
      return arith::SubFOp::create(b, loc, x, y).getResult();
    };
    auto cmp = [&](arith::CmpFPredicate p, Value x, Value y) {
      return arith::CmpFOp::create(b, loc, p, x, y).getResult();
    };
    // [x_min, x_max, y_min, y_max] of a box.
    auto extent = [&](Value box) -> std::array<Value, 4> {
      if (!centerPoint) {
        Value y1 = coordinate(box, 0), x1 = coordinate(box, 1);
        Value y2 = coordinate(box, 2), x2 = coordinate(box, 3);
        return {min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)};
      }
      Value two = floatConst(b, loc, f32, 2.0);
      Value xc = coordinate(box, 0), yc = coordinate(box, 1);
      Value halfW = arith::DivFOp::create(b, loc, coordinate(box, 2), two);
      Value halfH = arith::DivFOp::create(b, loc, coordinate(box, 3), two);
      return {sub(xc, halfW), arith::AddFOp::create(b, loc, xc, halfW),
              sub(yc, halfH), arith::AddFOp::create(b, loc, yc, halfH)};
    };
    std::array<Value, 4> p = extent(i), q = extent(j);
    Value ixMin = max(p[0], q[0]), ixMax = min(p[1], q[1]);
    Value iyMin = max(p[2], q[2]), iyMax = min(p[3], q[3]);
    Value zero = floatConst(b, loc, f32, 0.0);
    Value intersection =
        arith::MulFOp::create(b, loc, sub(ixMax, ixMin), sub(iyMax, iyMin));
    Value area1 =
        arith::MulFOp::create(b, loc, sub(p[1], p[0]), sub(p[3], p[2]));
    Value area2 =
        arith::MulFOp::create(b, loc, sub(q[1], q[0]), sub(q[3], q[2]));
    Value unionArea =
        sub(arith::AddFOp::create(b, loc, area1, area2), intersection);
    Value ratio = arith::DivFOp::create(b, loc, intersection, unionArea);
    Value conditions[] = {cmp(arith::CmpFPredicate::OGT, ixMax, ixMin),
                          cmp(arith::CmpFPredicate::OGT, iyMax, iyMin),
                          cmp(arith::CmpFPredicate::OGT, intersection, zero),
                          cmp(arith::CmpFPredicate::OGT, area1, zero),
                          cmp(arith::CmpFPredicate::OGT, area2, zero),
                          cmp(arith::CmpFPredicate::OGT, unionArea, zero),
                          cmp(arith::CmpFPredicate::OGT, ratio, threshold)};
    Value result = conditions[0];
    for (Value c : ArrayRef<Value>(conditions).drop_front())
      result = arith::AndIOp::create(b, loc, result, c);
    return result;
  }
};

} // namespace

void populateSelectionToLinalgPatterns(RewritePatternSet &patterns) {
  patterns
      .add<LowerCumulative<CumSumOp, false>, LowerCumulative<CumProdOp, true>,
           LowerReverseSequence, LowerTensorScatter, LowerBitCast, LowerNonZero,
           LowerUnique, LowerDet, LowerNonMaxSuppression>(
          patterns.getContext());
}

} // namespace ds
