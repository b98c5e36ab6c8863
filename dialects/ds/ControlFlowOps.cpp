//===- ControlFlowOps.cpp - ControlFlow ds ops --------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ControlFlowOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/ControlFlowOps.cpp.inc"

void DSDialect::registerControlFlowOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/ControlFlowOps.cpp.inc"
      >();
}
