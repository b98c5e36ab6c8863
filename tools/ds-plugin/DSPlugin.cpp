//===- DSPlugin.cpp - ds as a plugin of a stock mlir-opt --------*- C++ -*-===//
//
// Part of ds. One shared object that is both a dialect plugin and a pass
// plugin:
//
//   mlir-opt --load-dialect-plugin=libDSPlugin.so \
//            --load-pass-plugin=libDSPlugin.so \
//            --pass-pipeline='builtin.module(func.func(ds-infer-shapes))'
//            in.mlir
//
//===----------------------------------------------------------------------===//

#include "ds/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "DSDialect", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            ds::registerDSDialects(*registry);
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "DSPasses", LLVM_VERSION_STRING,
          []() { ds::registerDSPasses(); }};
}
