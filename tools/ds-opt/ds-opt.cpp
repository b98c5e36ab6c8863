//===- ds-opt.cpp - mlir-opt for the ds dialect and passes ------*- C++ -*-===//
//
// Part of ds. Every upstream dialect, extension and pass (the lowerings of ds
// use many of them) plus everything ds provides.
//
//===----------------------------------------------------------------------===//

#include "ds/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllPasses();
  ds::registerDSDialects(registry);
  ds::registerDSPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "ds optimizer driver\n", registry));
}
