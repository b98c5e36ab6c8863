//===- SelectionLowering.cpp - ds Selection ops to linalg -----------------------===//
//
// Part of ds. The lowering of the Selection family (dialects/ds/SelectionOps.td).
// Ops it does not lower are left in place (see convert-ds-to-linalg).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

using namespace mlir;

void ds::populateSelectionToLinalgPatterns(RewritePatternSet &patterns) {}
