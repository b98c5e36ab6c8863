//===- FuseElementwise.cpp - Fuse elementwise linalg.generic chains -------===//
//
// Part of ds. After the lowering to linalg: an elementwise (all-parallel)
// linalg.generic whose results have a single user, an elementwise generic
// reading one of them as an input, is fused into that user by linalg's
// fuseElementwiseOps. Only producers with one use are fused, so nothing is
// computed twice. A producer that updates its init in place (the bias of a
// convolution or a gemm) keeps that result in the fused op; when nothing
// reads it any more, the init becomes an input and the result is dropped,
// so that the fused op writes one tensor. Float splat constant inputs (a
// Clip's bounds) become constants of the body; other splat constants are
// not folded into the bodies (unsigned tensors stay as the lowering wrote
// them) and reshapes are not propagated.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace ds {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "passes/Conversion/DSToLinalg/Passes.h.inc"
} // namespace ds

using namespace mlir;

namespace {

bool isElementwise(linalg::GenericOp op) {
  return op.hasPureTensorSemantics() &&
         op.getNumParallelLoops() == op.getNumLoops();
}

/// Fuses the single-use elementwise producer of an input into the consumer.
struct FuseSingleUseProducer : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp consumer,
                                PatternRewriter &rewriter) const override {
    for (OpOperand *operand : consumer.getDpsInputOperands()) {
      auto producer = operand->get().getDefiningOp<linalg::GenericOp>();
      if (!producer || !producer->hasOneUse() || !isElementwise(producer) ||
          !linalg::areElementwiseOpsFusable(operand))
        continue;
      FailureOr<linalg::ElementwiseOpFusionResult> fused =
          linalg::fuseElementwiseOps(rewriter, operand);
      if (failed(fused))
        continue;
      // The fused op's results: the preserved producer results, then the
      // consumer's.
      rewriter.replaceOp(consumer, fused->fusedOp->getResults().take_back(
                                       consumer->getNumResults()));
      if (producer->use_empty())
        rewriter.eraseOp(producer);
      return success();
    }
    return rewriter.notifyMatchFailure(consumer, "no fusable producer");
  }
};

/// An unused result of an elementwise generic whose init the body reads:
/// the init becomes an input (same indexing map) and the result is
/// dropped. The generic keeps at least one result.
struct ReadOnlyInitToInput : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!isElementwise(op) || op->getNumResults() < 2)
      return rewriter.notifyMatchFailure(op, "not an elementwise generic "
                                             "with several results");
    auto unused = llvm::find_if(op->getResults(),
                                [](OpResult r) { return r.use_empty(); });
    if (unused == op->getResults().end())
      return rewriter.notifyMatchFailure(op, "every result is used");
    unsigned dead = (*unused).getResultNumber();
    unsigned numInputs = op.getNumDpsInputs();
    unsigned numInits = op.getNumDpsInits();

    SmallVector<Value> inputs(op.getDpsInputs());
    inputs.push_back(op.getDpsInits()[dead]);
    SmallVector<Value> inits;
    SmallVector<Type> resultTypes;
    SmallVector<AffineMap> maps;
    for (OpOperand *input : op.getDpsInputOperands())
      maps.push_back(op.getMatchingIndexingMap(input));
    maps.push_back(op.getMatchingIndexingMap(op.getDpsInitOperand(dead)));
    for (unsigned i = 0; i < numInits; ++i) {
      if (i == dead)
        continue;
      inits.push_back(op.getDpsInits()[i]);
      resultTypes.push_back(op->getResult(i).getType());
      maps.push_back(op.getMatchingIndexingMap(op.getDpsInitOperand(i)));
    }
    auto fused = linalg::GenericOp::create(rewriter, op.getLoc(), resultTypes,
                                           inputs, inits, maps,
                                           op.getIteratorTypesArray());

    // The body, with the dead init's argument moved after the inputs.
    Block *old = op.getBody();
    SmallVector<Type> argTypes;
    SmallVector<Location> argLocs;
    SmallVector<unsigned> order;
    for (unsigned i = 0; i < numInputs; ++i)
      order.push_back(i);
    order.push_back(numInputs + dead);
    for (unsigned i = 0; i < numInits; ++i)
      if (i != dead)
        order.push_back(numInputs + i);
    for (unsigned index : order) {
      argTypes.push_back(old->getArgument(index).getType());
      argLocs.push_back(old->getArgument(index).getLoc());
    }
    Block *body = rewriter.createBlock(&fused.getRegion(), {}, argTypes,
                                       argLocs);
    IRMapping mapping;
    for (auto [position, index] : llvm::enumerate(order))
      mapping.map(old->getArgument(index), body->getArgument(position));
    rewriter.setInsertionPointToEnd(body);
    for (Operation &nested : old->without_terminator())
      rewriter.clone(nested, mapping);
    SmallVector<Value> yielded;
    for (auto [i, value] : llvm::enumerate(old->getTerminator()->getOperands()))
      if (i != dead)
        yielded.push_back(mapping.lookupOrDefault(value));
    linalg::YieldOp::create(rewriter, op.getLoc(), yielded);

    for (unsigned i = 0, j = 0; i < numInits; ++i)
      if (i != dead)
        rewriter.replaceAllUsesWith(op->getResult(i), fused->getResult(j++));
    rewriter.eraseOp(op);
    return success();
  }
};

/// An input of an elementwise generic that is a splat float constant (a
/// Clip's bounds, a scale): the body uses the scalar constant instead and
/// the input goes, so that later kernels see the constant (a ReLU6's
/// bounds fold into one max and one min instruction).
struct InlineFloatSplatInput : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!isElementwise(op))
      return rewriter.notifyMatchFailure(op, "not elementwise");
    std::optional<unsigned> found;
    TypedAttr value;
    for (OpOperand *input : op.getDpsInputOperands()) {
      DenseElementsAttr dense;
      if (!matchPattern(input->get(), m_Constant(&dense)) ||
          !dense.isSplat() || !isa<FloatType>(dense.getElementType()))
        continue;
      found = input->getOperandNumber();
      value = dense.getSplatValue<TypedAttr>();
      break;
    }
    if (!found)
      return rewriter.notifyMatchFailure(op, "no float splat input");
    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    for (OpOperand *input : op.getDpsInputOperands()) {
      if (input->getOperandNumber() == *found)
        continue;
      inputs.push_back(input->get());
      maps.push_back(op.getMatchingIndexingMap(input));
    }
    for (OpOperand &init : op.getDpsInitsMutable())
      maps.push_back(op.getMatchingIndexingMap(&init));
    auto inlined = linalg::GenericOp::create(
        rewriter, op.getLoc(), op->getResultTypes(), inputs, op.getDpsInits(),
        maps, op.getIteratorTypesArray());
    Block *old = op.getBody();
    SmallVector<Type> argTypes;
    SmallVector<Location> argLocs;
    for (BlockArgument arg : old->getArguments()) {
      if (arg.getArgNumber() == *found)
        continue;
      argTypes.push_back(arg.getType());
      argLocs.push_back(arg.getLoc());
    }
    Block *body =
        rewriter.createBlock(&inlined.getRegion(), {}, argTypes, argLocs);
    rewriter.setInsertionPointToStart(body);
    IRMapping mapping;
    mapping.map(old->getArgument(*found),
                arith::ConstantOp::create(rewriter, op.getLoc(), value));
    for (unsigned i = 0, j = 0; i < old->getNumArguments(); ++i)
      if (i != *found)
        mapping.map(old->getArgument(i), body->getArgument(j++));
    for (Operation &nested : old->getOperations())
      rewriter.clone(nested, mapping);
    rewriter.replaceOp(op, inlined->getResults());
    return success();
  }
};

struct FuseElementwisePass
    : ds::impl::FuseElementwiseBase<FuseElementwisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseSingleUseProducer, ReadOnlyInitToInput,
                 InlineFloatSplatInput>(&getContext());
    linalg::populateEraseUnusedOperandsAndResultsPatterns(patterns);
    GreedyRewriteConfig config;
    config.setUseTopDownTraversal();
    // Not converging within the iteration limit leaves correct IR.
    (void)applyPatternsGreedily(getOperation(), std::move(patterns), config);
  }
};

} // namespace
