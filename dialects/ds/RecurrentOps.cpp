//===- RecurrentOps.cpp - Recurrent ds ops --------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/RecurrentOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/RecurrentOps.cpp.inc"

void DSDialect::registerRecurrentOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/RecurrentOps.cpp.inc"
      >();
}
