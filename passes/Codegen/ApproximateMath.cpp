//===- ApproximateMath.cpp - ds-approximate-math --------------------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/Passes.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace ds {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "passes/Codegen/Passes.h.inc"
} // namespace ds

using namespace mlir;

namespace {

struct ApproximateMath : ds::impl::ApproximateMathBase<ApproximateMath> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // f16/bf16 to f32 around the functions, then the f32 polynomials.
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
