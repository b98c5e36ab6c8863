//===- ContractionOps.cpp - Contraction ds ops --------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ContractionOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/ContractionOps.cpp.inc"

void DSDialect::registerContractionOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/ContractionOps.cpp.inc"
      >();
}
