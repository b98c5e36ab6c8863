//===- RandomLowering.cpp - ds Random ops to linalg -----------------------===//
//
// Part of ds. The lowering of the Random family (dialects/ds/RandomOps.td).
// Ops it does not lower are left in place (see convert-ds-to-linalg).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

using namespace mlir;

void ds::populateRandomToLinalgPatterns(RewritePatternSet &patterns) {}
