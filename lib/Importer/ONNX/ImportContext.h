//===- ImportContext.h - State shared by one ONNX import --------*- C++ -*-===//
//
// Part of ds. What every part of one import needs: the MLIR context, the
// options, the model's file name for diagnostics, the opsets it imports, and
// the files of its external data (mapped once, shared by the weights that
// live in them).
//
//===----------------------------------------------------------------------===//

#ifndef DS_LIB_IMPORTER_ONNX_IMPORTCONTEXT_H
#define DS_LIB_IMPORTER_ONNX_IMPORTCONTEXT_H

#include "ds/Importer/ONNXImporter.h"
#include "lib/Importer/ONNX/ONNXProto.h"

#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>

namespace ds::onnx_import {

class ImportContext {
public:
  ImportContext(mlir::MLIRContext *context, llvm::StringRef fileName,
                const ONNXImportOptions &options)
      : context(context), fileName(fileName.str()), options(options) {}

  mlir::MLIRContext *getContext() const { return context; }
  llvm::StringRef getFileName() const { return fileName; }
  const ONNXImportOptions &getOptions() const { return options; }

  /// A location in the model file (line and column are not known).
  mlir::Location fileLoc() const;
  /// The location of a node: its name over the file location.
  mlir::Location nodeLoc(llvm::StringRef nodeName) const;

  /// The version of `domain` ("" and "ai.onnx" are the same) that the model
  /// imports, or -1.
  int64_t getOpsetVersion(llvm::StringRef domain) const;
  void setOpsetVersion(llvm::StringRef domain, int64_t version);

  /// Restores the opset versions on destruction (function bodies import
  /// their own).
  class OpsetScope {
  public:
    explicit OpsetScope(ImportContext &ctx) : ctx(ctx), saved(ctx.opsets) {}
    ~OpsetScope() { ctx.opsets = std::move(saved); }

  private:
    ImportContext &ctx;
    llvm::StringMap<int64_t> saved;
  };

  /// The external-data file `location` (relative to the model's folder),
  /// mapped into memory once; null after reporting an error at `loc`.
  std::shared_ptr<llvm::MemoryBuffer> getExternalFile(llvm::StringRef location,
                                                      mlir::Location loc);

  /// Shared ownership of the parsed model, for weights that point into it.
  std::shared_ptr<const void> getModelOwner() const { return modelOwner; }
  void setModelOwner(std::shared_ptr<const void> owner) {
    modelOwner = std::move(owner);
  }

  /// Model-local functions by domain and name.
  const onnx::FunctionProto *lookupFunction(llvm::StringRef domain,
                                            llvm::StringRef name) const;
  void addFunction(const onnx::FunctionProto &function);

private:
  mlir::MLIRContext *context;
  std::string fileName;
  ONNXImportOptions options;
  llvm::StringMap<int64_t> opsets;
  llvm::StringMap<std::shared_ptr<llvm::MemoryBuffer>> externalFiles;
  llvm::StringMap<const onnx::FunctionProto *> functions;
  std::shared_ptr<const void> modelOwner;
};

/// "" for the default domain, which ONNX also spells "ai.onnx".
llvm::StringRef canonicalDomain(llvm::StringRef domain);

} // namespace ds::onnx_import

#endif // DS_LIB_IMPORTER_ONNX_IMPORTCONTEXT_H
