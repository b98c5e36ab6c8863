//===- ReductionOps.cpp - Reduction ds ops --------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ReductionOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/ReductionOps.cpp.inc"

void DSDialect::registerReductionOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/ReductionOps.cpp.inc"
      >();
}
