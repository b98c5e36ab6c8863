//===- ImportBench.cpp - Time and memory of one ONNX import -----*- C++ -*-===//
//
// Part of ds. Imports an ONNX model once and prints the wall time of the
// import and the process's peak resident memory before and after, so that
// bench/import_bench.py can run it in fresh processes and take medians.
//
//   ds-import-bench model.onnx
//
//===----------------------------------------------------------------------===//

#include "ds/Importer/ONNXImporter.h"

#include "mlir/IR/MLIRContext.h"

#include <chrono>
#include <cstdio>
#include <sys/resource.h>

static long peakRSSKiB() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: ds-import-bench model.onnx\n");
    return 2;
  }
  mlir::DialectRegistry registry;
  ds::registerONNXImportDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  long before = peakRSSKiB();
  auto start = std::chrono::steady_clock::now();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      ds::importONNXFile(argv[1], &context);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (!module)
    return 1;
  std::printf("import_seconds %.4f\npeak_rss_before_kib %ld\n"
              "peak_rss_after_kib %ld\n",
              seconds, before, peakRSSKiB());
  return 0;
}
