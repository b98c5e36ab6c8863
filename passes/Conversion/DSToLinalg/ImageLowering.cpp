//===- ImageLowering.cpp - ds Image ops to linalg -----------------------===//
//
// Part of ds. The lowering of the Image family (dialects/ds/ImageOps.td).
// Ops it does not lower are left in place (see convert-ds-to-linalg).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

using namespace mlir;

void ds::populateImageToLinalgPatterns(RewritePatternSet &patterns) {}
