//===- TransposeConstantWeights.cpp - ds-transpose-constant-weights -------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Graph/ConstantData.h"
#include "passes/Graph/Passes.h"

#include "dialects/ds/DSOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace ds {
#define GEN_PASS_DEF_TRANSPOSECONSTANTWEIGHTS
#include "passes/Graph/Passes.h.inc"
} // namespace ds

using namespace mlir;

namespace {

/// The constant 2-D `value` transposed, or null if it is not a foldable
/// constant.
Value transposedConstant(PatternRewriter &rewriter, Location loc,
                         Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() != 2)
    return nullptr;
  std::optional<SmallVector<double>> values = ds::readConstant(value);
  if (!values)
    return nullptr;
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  SmallVector<double> transposed(values->size());
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      transposed[c * rows + r] = (*values)[r * cols + c];
  auto transposedType =
      RankedTensorType::get({cols, rows}, type.getElementType());
  return ds::makeConstant(rewriter, loc, transposedType, transposed,
                          ds::foldedName(value, "weight") + "_t");
}

/// ds.gemm with transA or transB on a constant operand: the constant
/// stored transposed instead.
struct TransposeGemmWeight : OpRewritePattern<ds::GemmOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ds::GemmOp op,
                                PatternRewriter &rewriter) const override {
    bool changed = false;
    if (op.getTransB()) {
      if (Value b = transposedConstant(rewriter, op.getLoc(), op.getB())) {
        rewriter.modifyOpInPlace(op, [&] {
          op.getBMutable().assign(b);
          op.setTransB(false);
        });
        changed = true;
      }
    }
    if (op.getTransA()) {
      if (Value a = transposedConstant(rewriter, op.getLoc(), op.getA())) {
        rewriter.modifyOpInPlace(op, [&] {
          op.getAMutable().assign(a);
          op.setTransA(false);
        });
        changed = true;
      }
    }
    return success(changed);
  }
};

struct TransposeConstantWeights
    : ds::impl::TransposeConstantWeightsBase<TransposeConstantWeights> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<TransposeGemmWeight>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
