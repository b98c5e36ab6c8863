//===- RecurrentLowering.cpp - ds Recurrent ops to linalg -----------------------===//
//
// Part of ds. The lowering of the Recurrent family (dialects/ds/RecurrentOps.td).
// Ops it does not lower are left in place (see convert-ds-to-linalg).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

using namespace mlir;

void ds::populateRecurrentToLinalgPatterns(RewritePatternSet &patterns) {}
