//===- IndexingOps.cpp - Indexing ds ops --------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/IndexingOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/IndexingOps.cpp.inc"

void DSDialect::registerIndexingOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/IndexingOps.cpp.inc"
      >();
}
