//===- ContractionLowering.cpp - Contraction ds ops to linalg ----------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "dialects/ds/DSOps.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {

void populateContractionToLinalgPatterns(RewritePatternSet &patterns) {}

} // namespace ds
