//===- ONNXExporter.h - ds IR back to ONNX ----------------------*- C++ -*-===//
//
// Part of ds. Writes a func.func of ds ops, weights included, as an ONNX
// model: pruned, mixed-precision and trained models leave ds this way.
//
//===----------------------------------------------------------------------===//

#ifndef DS_EXPORTER_ONNXEXPORTER_H
#define DS_EXPORTER_ONNXEXPORTER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>

namespace ds {

struct ONNXExportOptions {
  /// The opset of the default domain the model declares, at least: ops
  /// whose ONNX form is newer raise it.
  int64_t opset = 21;
  /// When set, initializers larger than `externalThreshold` bytes are
  /// written to this file (relative to the model's folder), as ONNX
  /// external data; `externalDataDir` is that folder.
  std::string externalDataFile;
  std::string externalDataDir;
  int64_t externalThreshold = 1024;
};

/// Writes `func` as a serialized ONNX ModelProto to `os`. Ops without an
/// ONNX form are errors naming the op; nothing is written then.
llvm::LogicalResult exportONNX(mlir::func::FuncOp func, llvm::raw_ostream &os,
                               const ONNXExportOptions &options = {});

} // namespace ds

#endif // DS_EXPORTER_ONNXEXPORTER_H
