//===- InitAll.cpp - Register everything ds provides ------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "ds/InitAll.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "passes/Codegen/Passes.h"
#include "passes/Conversion/DSToLinalg/Passes.h"
#include "passes/Graph/Passes.h"
#include "passes/Pipelines/Pipelines.h"

void ds::registerDSDialects(mlir::DialectRegistry &registry) {
  registry.insert<ds::DSDialect, mlir::func::FuncDialect>();
}

void ds::registerDSPasses() {
  ds::registerGraphPasses();
  ds::registerDSToLinalgPasses();
  ds::registerCodegenPasses();
  ds::registerDSPipelines();
}
