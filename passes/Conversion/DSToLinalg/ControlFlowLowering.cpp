//===- ControlFlowLowering.cpp - ds control flow to scf ---------*- C++ -*-===//
//
// Part of ds. The lowering of the ControlFlow family
// (dialects/ds/ControlFlowOps.td) to scf on tensors:
//  - ds.if becomes scf.if on the extracted condition. The branches move
//    into the scf.if as they are (their ds ops are lowered by the other
//    patterns of the same greedy pass); each yielded value is cast to the
//    result type, since ONNX lets the branches yield different static
//    sizes.
//  - ds.loop with `max_trip_count` and no `cond`, or a `cond` that the body
//    yields back unchanged (a counted loop) becomes scf.for from 0 to the
//    trip count (0 if `cond` is false), carrying the yielded condition (the
//    body may read it) and the loop-carried values. Every other form becomes
//    scf.while whose "before" region checks `cond` and the trip count and
//    whose "after" region is the body.
//  - Scan outputs: in the counted form a buffer with the trip count as its
//    leading size, allocated before the loop when the stacked values have
//    a static shape, else at the first iteration from the shape of the
//    first value; each iteration inserts its value. In the while form the
//    trip count is unknown up front, so the buffer grows by one row per
//    iteration (a copy each time: quadratic in the trip count, fine for the
//    short loops these are).
//  - Bufferization: a carried value of static shape is written back into
//    its iteration argument (linalg.copy, see writeBack) and a scan buffer
//    allocated before the loop is filled in place, so the loop yields the
//    buffers it was given. A carried value of dynamic shape (it may change
//    between iterations), a scan buffer allocated at the first iteration
//    and a growing one are new buffers each iteration, which one-shot
//    bufferization accepts only with allow-return-allocs-from-loops; the CPU
//    pipeline does not set it yet, so such loops lower here but fail to
//    bufferize in ds-compile.
// Left unlowered: conditions, carried values and results whose types are
// unranked (a branch's or iteration's rank is not known here), and a ds.if
// result whose type is unranked while the branches yield different ranks.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/LoopLoweringUtils.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {
namespace {

using namespace loops;

/// The most refined ranked type both ranked types `a` and `b` cast to; null
/// when the ranks or element types differ.
RankedTensorType join(RankedTensorType a, RankedTensorType b) {
  if (a.getRank() != b.getRank() || a.getElementType() != b.getElementType())
    return {};
  SmallVector<int64_t> shape;
  for (auto [x, y] : llvm::zip(a.getShape(), b.getShape()))
    shape.push_back(x == y ? x : ShapedType::kDynamic);
  return RankedTensorType::get(shape, a.getElementType());
}

/// ds.if -> scf.if.
struct LowerIf : OpRewritePattern<IfOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(IfOp op,
                                PatternRewriter &rewriter) const override {
    if (!isOneElement(op.getCondition().getType()))
      return rewriter.notifyMatchFailure(op, "condition of unknown shape");
    YieldOp thenYield = op.thenYield(), elseYield = op.elseYield();
    // The scf.if yields ranked types: the result's, or where it is
    // unranked, the join of what the branches yield.
    SmallVector<Type> types;
    for (auto [i, result] : llvm::enumerate(op.getResults())) {
      if (isa<RankedTensorType>(result.getType())) {
        types.push_back(result.getType());
        continue;
      }
      auto a = dyn_cast<RankedTensorType>(thenYield.getOperand(i).getType());
      auto b = dyn_cast<RankedTensorType>(elseYield.getOperand(i).getType());
      RankedTensorType joined = a && b ? join(a, b) : RankedTensorType();
      if (!joined)
        return rewriter.notifyMatchFailure(
            op, "unranked result whose branches' ranks are not known equal");
      types.push_back(joined);
    }

    Location loc = op.getLoc();
    Value condition = extractScalar(rewriter, loc, op.getCondition());
    auto ifOp = scf::IfOp::create(rewriter, loc, types, condition,
                                  /*addThenBlock=*/false,
                                  /*addElseBlock=*/false);
    rewriter.inlineRegionBefore(op.getThenRegion(), ifOp.getThenRegion(),
                                ifOp.getThenRegion().end());
    rewriter.inlineRegionBefore(op.getElseRegion(), ifOp.getElseRegion(),
                                ifOp.getElseRegion().end());
    for (YieldOp yield : {thenYield, elseYield}) {
      rewriter.setInsertionPoint(yield);
      SmallVector<Value> values;
      for (auto [value, type] : llvm::zip(yield.getOperands(), types))
        values.push_back(castTo(rewriter, yield.getLoc(), value, type));
      rewriter.replaceOpWithNewOp<scf::YieldOp>(yield, values);
    }
    rewriter.setInsertionPointAfter(ifOp);
    SmallVector<Value> results;
    for (auto [value, result] : llvm::zip(ifOp.getResults(), op.getResults()))
      results.push_back(castTo(rewriter, loc, value, result.getType()));
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// A scan output's buffer type: the result's type with a dynamic leading
/// size (the trip count), or null when the result is not a ranked tensor of
/// rank 1 or more.
RankedTensorType scanBufferType(Type resultType) {
  auto ranked = dyn_cast<RankedTensorType>(resultType);
  if (!ranked || ranked.getRank() == 0)
    return {};
  SmallVector<int64_t> shape(ranked.getShape());
  shape[0] = ShapedType::kDynamic;
  return RankedTensorType::get(shape, ranked.getElementType());
}

/// ds.loop -> scf.for (counted) or scf.while.
struct LowerLoop : OpRewritePattern<LoopOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LoopOp op,
                                PatternRewriter &rewriter) const override {
    Block &body = op.getBody().front();
    unsigned numCarried = op.getNumCarried();
    unsigned numScans = op.getNumResults() - numCarried;
    Value maxTrip = op.getMaxTripCount(), cond = op.getCond();
    if ((maxTrip && !isOneElement(maxTrip.getType())) ||
        (cond && !isOneElement(cond.getType())))
      return rewriter.notifyMatchFailure(op, "bounds of unknown shape");
    if (!isOneElement(body.getArgument(0).getType()) ||
        !isOneElement(body.getArgument(1).getType()))
      return rewriter.notifyMatchFailure(op, "body arguments of unknown shape");
    // Carried values travel as the body argument's type (or the result's
    // where that one is unranked).
    SmallVector<Type> carriedTypes;
    for (unsigned i = 0; i < numCarried; ++i) {
      Type type = body.getArgument(2 + i).getType();
      if (!isa<RankedTensorType>(type))
        type = op.getResult(i).getType();
      if (!isa<RankedTensorType>(type))
        return rewriter.notifyMatchFailure(op, "unranked carried value");
      carriedTypes.push_back(type);
    }
    SmallVector<RankedTensorType> bufferTypes;
    for (Value scan : op.getScanOutputs()) {
      RankedTensorType type = scanBufferType(scan.getType());
      if (!type)
        return rewriter.notifyMatchFailure(op, "unranked scan output");
      bufferTypes.push_back(type);
    }
    auto yield = cast<YieldOp>(body.getTerminator());
    for (auto [value, type] :
         llvm::zip(yield.getOperands().take_back(numScans), bufferTypes)) {
      auto valueType = dyn_cast<RankedTensorType>(value.getType());
      if (!valueType || valueType.getRank() + 1 != type.getRank())
        return rewriter.notifyMatchFailure(op, "scan value of unknown rank");
    }

    // A body that yields its condition argument back (as exported for
    // loops and ONNX's Range do) keeps the condition: with a trip count,
    // the loop is counted too.
    Value yieldedCond = yield.getOperand(0);
    while (auto identity = yieldedCond.getDefiningOp<IdentityOp>())
      yieldedCond = identity.getOperand();
    bool counted = maxTrip && (!cond || yieldedCond == body.getArgument(1));
    SmallVector<Value> results =
        counted ? lowerCounted(op, carriedTypes, bufferTypes, rewriter)
                : lowerWhile(op, carriedTypes, bufferTypes, rewriter);
    Location loc = op.getLoc();
    for (auto [value, result] : llvm::zip(results, op.getResults()))
      value = castTo(rewriter, loc, value, result.getType());
    rewriter.replaceOp(op, results);
    return success();
  }

  /// Moves the body of `op` to the end of `dest`, with the body arguments
  /// made of the iteration number `i` (i64), the condition `c` (i1) and
  /// the carried values, and returns its (still ds) terminator, whose
  /// operands are the yielded values cast to the carried types.
  static YieldOp moveBody(LoopOp op, Block *dest, Value i, Value c,
                          ValueRange carried, PatternRewriter &rewriter) {
    Block &body = op.getBody().front();
    Location loc = op.getLoc();
    rewriter.setInsertionPointToEnd(dest);
    SmallVector<Value> arguments;
    arguments.push_back(tensor::FromElementsOp::create(
        rewriter, loc, body.getArgument(0).getType(), ValueRange{i}));
    arguments.push_back(tensor::FromElementsOp::create(
        rewriter, loc, body.getArgument(1).getType(), ValueRange{c}));
    for (auto [value, arg] :
         llvm::zip(carried, body.getArguments().drop_front(2)))
      arguments.push_back(castTo(rewriter, loc, value, arg.getType()));
    auto yield = cast<YieldOp>(body.getTerminator());
    rewriter.mergeBlocks(&body, dest, arguments);
    rewriter.setInsertionPoint(yield);
    return yield;
  }

  /// scf.for over [0, max_trip_count) (none if `cond` is false) with
  /// (cond, carried..., buffers...).
  SmallVector<Value> lowerCounted(LoopOp op, ArrayRef<Type> carriedTypes,
                                  ArrayRef<RankedTensorType> bufferTypes,
                                  PatternRewriter &rewriter) const {
    Location loc = op.getLoc();
    unsigned numCarried = carriedTypes.size();
    Value trips = arith::IndexCastOp::create(
        rewriter, loc, rewriter.getIndexType(),
        extractScalar(rewriter, loc, op.getMaxTripCount()));
    // A negative count runs no iteration, as scf.for does too.
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    trips = arith::MaxSIOp::create(rewriter, loc, trips, zero);
    // With a (constant over the iterations) condition: none when false.
    Value condition = arith::ConstantIntOp::create(rewriter, loc, 1, 1);
    if (op.getCond()) {
      condition = extractScalar(rewriter, loc, op.getCond());
      trips = arith::SelectOp::create(rewriter, loc, condition, trips, zero);
    }
    SmallVector<Value> inits;
    inits.push_back(condition);
    for (auto [value, type] : llvm::zip(op.getInitValues(), carriedTypes))
      inits.push_back(castTo(rewriter, loc, value, type));
    for (RankedTensorType type : bufferTypes) {
      // Static rows: the whole buffer now. Dynamic: a placeholder with no
      // rows, replaced at the first iteration.
      Value buffer =
          hasStaticRows(type, 0)
              ? emptyStack(rewriter, loc, type, 0, trips, Value())
              : tensor::EmptyOp::create(
                    rewriter, loc, type.getShape(), type.getElementType(),
                    SmallVector<Value>(type.getNumDynamicDims(), zero))
                    .getResult();
      inits.push_back(buffer);
    }

    auto forOp = scf::ForOp::create(rewriter, loc, zero, trips, one, inits);
    Block *block = forOp.getBody();
    if (!block->empty())
      rewriter.eraseOp(block->getTerminator());
    rewriter.setInsertionPointToEnd(block);
    Value iv = forOp.getInductionVar();
    Value i =
        arith::IndexCastOp::create(rewriter, loc, rewriter.getI64Type(), iv);
    ValueRange args = forOp.getRegionIterArgs();
    YieldOp yield =
        moveBody(op, block, i, args[0], args.slice(1, numCarried), rewriter);
    // The scan values first: they may read a carried argument, which the
    // write-backs then overwrite.
    SmallVector<Value> rowsNext;
    for (auto [k, bufferType] : llvm::enumerate(bufferTypes)) {
      // A named copy, not the binding: a lambda below captures it.
      auto type = bufferType;
      Value row = yield.getOperand(1 + numCarried + k);
      Value buffer = args[1 + numCarried + k];
      if (!hasStaticRows(type, 0)) {
        // The first iteration allocates from the first value's shape.
        Value first = arith::CmpIOp::create(rewriter, loc,
                                            arith::CmpIPredicate::eq, iv, zero);
        buffer = scf::IfOp::create(
                     rewriter, loc, first,
                     [&](OpBuilder &b, Location l) {
                       Value fresh = emptyStack(b, l, type, 0, trips, row);
                       scf::YieldOp::create(b, l, castTo(b, l, fresh, type));
                     },
                     [&](OpBuilder &b, Location l) {
                       scf::YieldOp::create(b, l, buffer);
                     })
                     .getResult(0);
      }
      rowsNext.push_back(insertAlong(rewriter, loc, row, buffer, 0, iv));
    }
    SmallVector<Value> next;
    next.push_back(extractScalar(rewriter, loc, yield.getOperand(0)));
    for (auto [value, arg] : llvm::zip(yield.getOperands().slice(1, numCarried),
                                       args.slice(1, numCarried)))
      next.push_back(writeBack(rewriter, loc, value, arg));
    llvm::append_range(next, rowsNext);
    rewriter.replaceOpWithNewOp<scf::YieldOp>(yield, next);
    rewriter.setInsertionPointAfter(forOp);
    return SmallVector<Value>(forOp.getResults().drop_front());
  }

  /// scf.while over (i, cond, carried..., buffers...).
  SmallVector<Value> lowerWhile(LoopOp op, ArrayRef<Type> carriedTypes,
                                ArrayRef<RankedTensorType> bufferTypes,
                                PatternRewriter &rewriter) const {
    Location loc = op.getLoc();
    unsigned numCarried = carriedTypes.size();
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value maxTrip = op.getMaxTripCount()
                        ? extractScalar(rewriter, loc, op.getMaxTripCount())
                        : Value();
    SmallVector<Value> inits;
    inits.push_back(arith::ConstantIntOp::create(rewriter, loc, 0, 64));
    inits.push_back(op.getCond()
                        ? extractScalar(rewriter, loc, op.getCond())
                        : arith::ConstantIntOp::create(rewriter, loc, 1, 1));
    for (auto [value, type] : llvm::zip(op.getInitValues(), carriedTypes))
      inits.push_back(castTo(rewriter, loc, value, type));
    for (RankedTensorType type : bufferTypes)
      // No rows yet; sizes of 0 where the rows' sizes are not static.
      inits.push_back(tensor::EmptyOp::create(
          rewriter, loc, type.getShape(), type.getElementType(),
          SmallVector<Value>(type.getNumDynamicDims(), zero)));
    SmallVector<Type> types = llvm::to_vector(ValueRange(inits).getTypes());
    SmallVector<Location> locs(types.size(), loc);

    auto whileOp = scf::WhileOp::create(rewriter, loc, types, inits);
    Block *before = rewriter.createBlock(&whileOp.getBefore(), {}, types, locs);
    Value go = before->getArgument(1);
    if (maxTrip) {
      Value inRange =
          arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::slt,
                                before->getArgument(0), maxTrip);
      go = arith::AndIOp::create(rewriter, loc, go, inRange);
    }
    scf::ConditionOp::create(rewriter, loc, go, before->getArguments());

    Block *after = rewriter.createBlock(&whileOp.getAfter(), {}, types, locs);
    Value i = after->getArgument(0);
    ValueRange args = after->getArguments();
    YieldOp yield =
        moveBody(op, after, i, args[1], args.slice(2, numCarried), rewriter);
    // The scan values first, as in the counted form.
    SmallVector<Value> rowsNext;
    Value rows =
        arith::IndexCastOp::create(rewriter, loc, rewriter.getIndexType(), i);
    Value grown = arith::AddIOp::create(
        rewriter, loc, rows, arith::ConstantIndexOp::create(rewriter, loc, 1));
    for (auto [k, bufferType] : llvm::enumerate(bufferTypes)) {
      // A named copy, not the binding: a lambda below captures it.
      auto type = bufferType;
      Value row = yield.getOperand(1 + numCarried + k);
      Value buffer = args[2 + numCarried + k];
      // A buffer one row longer: the previous rows (with their own sizes,
      // which are 0 before the first row), then the new one.
      Value fresh = emptyStack(rewriter, loc, type, 0, grown, row);
      int64_t rank = type.getRank();
      fresh = tensor::InsertSliceOp::create(
          rewriter, loc, buffer, fresh,
          SmallVector<OpFoldResult>(rank, rewriter.getIndexAttr(0)),
          sizesOf(rewriter, loc, buffer),
          SmallVector<OpFoldResult>(rank, rewriter.getIndexAttr(1)));
      fresh = insertAlong(rewriter, loc, row, fresh, 0, rows);
      rowsNext.push_back(castTo(rewriter, loc, fresh, type));
    }
    SmallVector<Value> next;
    next.push_back(arith::AddIOp::create(
        rewriter, loc, i, arith::ConstantIntOp::create(rewriter, loc, 1, 64)));
    next.push_back(extractScalar(rewriter, loc, yield.getOperand(0)));
    for (auto [value, arg] : llvm::zip(yield.getOperands().slice(1, numCarried),
                                       args.slice(2, numCarried)))
      next.push_back(writeBack(rewriter, loc, value, arg));
    llvm::append_range(next, rowsNext);
    rewriter.replaceOpWithNewOp<scf::YieldOp>(yield, next);
    rewriter.setInsertionPointAfter(whileOp);
    return SmallVector<Value>(whileOp.getResults().drop_front(2));
  }
};

} // namespace

void populateControlFlowToLinalgPatterns(RewritePatternSet &patterns) {
  // The lowering creates scf ops; the pass's dependent dialects do not
  // list scf (it is loaded by the later pipeline passes in ds-compile, not
  // in a lone ds-opt run).
  patterns.getContext()->getOrLoadDialect<scf::SCFDialect>();
  patterns.add<LowerIf, LowerLoop>(patterns.getContext());
}

} // namespace ds
