//===- SelectionOps.cpp - Selection ds ops --------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/SelectionOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/SelectionOps.cpp.inc"

void DSDialect::registerSelectionOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/SelectionOps.cpp.inc"
      >();
}
