//===- IndexingLowering.cpp - ds Indexing ops to linalg -----------------------===//
//
// Part of ds. The lowering of the Indexing family (dialects/ds/IndexingOps.td).
// Ops it does not lower are left in place (see convert-ds-to-linalg).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

using namespace mlir;

void ds::populateIndexingToLinalgPatterns(RewritePatternSet &patterns) {}
