//===- ONNXImporter.h - ONNX models into the ds dialect ---------*- C++ -*-===//
//
// Part of ds. The front door of the compiler: an ONNX model (protobuf, with
// external data) becomes a module holding one func.func of ds ops.
//
//===----------------------------------------------------------------------===//

#ifndef DS_IMPORTER_ONNXIMPORTER_H
#define DS_IMPORTER_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace ds {

/// Options of the ONNX importer.
struct ONNXImportOptions {
  /// Name of the imported function; the graph's name when empty.
  std::string functionName;
  /// Folder that external-data locations are relative to; the model file's
  /// folder when empty.
  std::string externalDataDir;
  /// Initializers with at most this many elements become `dense`
  /// attributes (which fold); larger ones are `dense_resource` blobs.
  int64_t maxDenseElements = 64;
  /// Run ds-infer-shapes on the result, so that every value has the most
  /// refined type the ops determine.
  bool inferShapes = true;
};

/// Imports the ONNX model in `path`. On failure, every problem found has
/// been reported through the context's diagnostic handler (all unsupported
/// nodes of the model in one run) and null is returned.
mlir::OwningOpRef<mlir::ModuleOp>
importONNXFile(llvm::StringRef path, mlir::MLIRContext *context,
               const ONNXImportOptions &options = {});

/// Imports a serialized ModelProto held in `bytes`; `bufferName` names it in
/// diagnostics.
mlir::OwningOpRef<mlir::ModuleOp>
importONNXBuffer(llvm::StringRef bytes, llvm::StringRef bufferName,
                 mlir::MLIRContext *context,
                 const ONNXImportOptions &options = {});

/// An ONNX op (default domain) that the importer converts, at opsets
/// [minOpset, maxOpset] (clamped to those the importer reads).
struct ONNXOpSupport {
  std::string opType;
  int64_t minOpset;
  int64_t maxOpset;
};

/// Every op of the default domain the importer converts, by name, one entry
/// per contiguous opset range.
std::vector<ONNXOpSupport> getSupportedONNXOps();

/// The opsets of the default domain that the importer reads.
int64_t getMinSupportedOpset();
int64_t getMaxSupportedOpset();

/// Registers the dialects that imported IR uses.
void registerONNXImportDialects(mlir::DialectRegistry &registry);

} // namespace ds

#endif // DS_IMPORTER_ONNXIMPORTER_H
