//===- SignalOps.cpp - Signal ds ops --------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/SignalOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/SignalOps.cpp.inc"

void DSDialect::registerSignalOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/SignalOps.cpp.inc"
      >();
}
