//===- ConvertDSToLinalg.cpp - The convert-ds-to-linalg pass ----*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "dialects/ds/DSOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace ds {
#define GEN_PASS_DEF_CONVERTDSTOLINALG
#include "passes/Conversion/DSToLinalg/Passes.h.inc"
} // namespace ds

using namespace mlir;

namespace {
/// ds.constant -> arith.constant (the same attribute, blobs included).
struct LowerConstant : OpRewritePattern<ds::ConstantOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ds::ConstantOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

struct ConvertDSToLinalgPass
    : ds::impl::ConvertDSToLinalgBase<ConvertDSToLinalgPass> {
  using ConvertDSToLinalgBase::ConvertDSToLinalgBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<LowerConstant>(&getContext());
    ds::populateElementwiseToLinalgPatterns(patterns);
    ds::populateContractionToLinalgPatterns(patterns);
    ds::populateConvToLinalgPatterns(patterns);
    ds::populateNormalizationToLinalgPatterns(patterns);
    ds::populateReductionToLinalgPatterns(patterns);
    ds::populateTensorToLinalgPatterns(patterns);
    ds::populateIndexingToLinalgPatterns(patterns);
    ds::populateSelectionToLinalgPatterns(patterns);
    ds::populateImageToLinalgPatterns(patterns);
    ds::populateControlFlowToLinalgPatterns(patterns);
    ds::populateRecurrentToLinalgPatterns(patterns);
    ds::populateSequenceToLinalgPatterns(patterns);
    ds::populateSignalToLinalgPatterns(patterns);
    ds::populateRandomToLinalgPatterns(patterns);
    // No folding: ds folders would otherwise rewrite what is being lowered.
    GreedyRewriteConfig config;
    config.enableFolding(false);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      return signalPassFailure();
    if (!requireFull)
      return;
    WalkResult result = getOperation().walk([](Operation *op) {
      if (!isa<ds::DSDialect>(op->getDialect()))
        return WalkResult::advance();
      op->emitOpError("is not lowered to linalg yet");
      return WalkResult::interrupt();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace
