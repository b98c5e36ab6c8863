//===- ONNXImporterFuzzer.cpp - libFuzzer target of the importer -*- C++
//-*-===//
//
// Part of ds. Feeds arbitrary bytes to the ONNX importer as a model. Any
// input must end in a module or in diagnostics, never in a crash, a hang or
// an out-of-memory. Built by scripts/fuzz_importer.sh (DS_ENABLE_FUZZER).
//
//===----------------------------------------------------------------------===//

#include "ds/Importer/ONNXImporter.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static mlir::DialectRegistry *registry = [] {
    auto *r = new mlir::DialectRegistry();
    ds::registerONNXImportDialects(*r);
    return r;
  }();
  mlir::MLIRContext context(*registry, mlir::MLIRContext::Threading::DISABLED);
  mlir::ScopedDiagnosticHandler silence(
      &context, [](mlir::Diagnostic &) { return mlir::success(); });
  ds::ONNXImportOptions options;
  // External data must not be read from the fuzzer's folder.
  options.externalDataDir = "/nonexistent-ds-fuzz";
  (void)ds::importONNXBuffer(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.onnx",
      &context, options);
  return 0;
}
