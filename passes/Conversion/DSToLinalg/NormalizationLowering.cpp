//===- NormalizationLowering.cpp - Normalization ds ops to linalg ----------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "dialects/ds/DSOps.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {

void populateNormalizationToLinalgPatterns(RewritePatternSet &patterns) {}

} // namespace ds
