//===- RandomOps.cpp - Random ds ops --------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/RandomOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/RandomOps.cpp.inc"

void DSDialect::registerRandomOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/RandomOps.cpp.inc"
      >();
}
