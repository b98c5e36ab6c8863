//===- ConvOps.cpp - Conv ds ops --------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ConvOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/ConvOps.cpp.inc"

void DSDialect::registerConvOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/ConvOps.cpp.inc"
      >();
}
