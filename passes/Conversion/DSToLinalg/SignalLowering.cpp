//===- SignalLowering.cpp - ds Signal ops to linalg -----------------------===//
//
// Part of ds. The lowering of the Signal family (dialects/ds/SignalOps.td).
// Ops it does not lower are left in place (see convert-ds-to-linalg).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

using namespace mlir;

void ds::populateSignalToLinalgPatterns(RewritePatternSet &patterns) {}
