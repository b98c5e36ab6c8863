//===- SequenceLowering.cpp - ds Sequence ops to linalg -----------------------===//
//
// Part of ds. The lowering of the Sequence family (dialects/ds/SequenceOps.td).
// Ops it does not lower are left in place (see convert-ds-to-linalg).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

using namespace mlir;

void ds::populateSequenceToLinalgPatterns(RewritePatternSet &patterns) {}
