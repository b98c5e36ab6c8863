//===- ControlFlowLowering.cpp - ds ControlFlow ops to linalg -----------------------===//
//
// Part of ds. The lowering of the ControlFlow family (dialects/ds/ControlFlowOps.td).
// Ops it does not lower are left in place (see convert-ds-to-linalg).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

using namespace mlir;

void ds::populateControlFlowToLinalgPatterns(RewritePatternSet &patterns) {}
