//===- ImageOps.cpp - Image ds ops --------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ImageOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/ImageOps.cpp.inc"

void DSDialect::registerImageOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/ImageOps.cpp.inc"
      >();
}
