//===- NormalizationOps.cpp - Normalization ds ops --------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/NormalizationOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/NormalizationOps.cpp.inc"

void DSDialect::registerNormalizationOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/NormalizationOps.cpp.inc"
      >();
}
