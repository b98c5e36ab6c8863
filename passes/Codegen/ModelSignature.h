//===- ModelSignature.h - The inputs and outputs of a model -----*- C++ -*-===//
//
// Part of ds.
//
// The signature of a compiled model: its entry function and, per input and
// output, the name, tensor type and names of dynamic dims. It is recorded
// on the module (`ds.model`) before lowering, read back after it to emit
// the model ABI, and written as JSON beside a compiled library.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CODEGEN_MODELSIGNATURE_H
#define DS_PASSES_CODEGEN_MODELSIGNATURE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace ds {

struct TensorSignature {
  std::string name;
  mlir::RankedTensorType type;
  llvm::SmallVector<std::string> dimNames; // one per dim; "" if none
};

struct ModelSignature {
  std::string entry;
  llvm::SmallVector<TensorSignature> inputs;
  llvm::SmallVector<TensorSignature> outputs;
};

/// The name of the module attribute that holds the signature.
inline constexpr llvm::StringLiteral kModelAttrName = "ds.model";

/// The ONNX TensorProto.DataType code of `type` (model_abi.h's DS_ABI_*),
/// or 0 if the ABI cannot carry it.
int abiDTypeCode(mlir::Type elementType);
/// The ONNX name of a DS_ABI_* code ("float", "int64", ...).
llvm::StringRef abiDTypeName(int code);

/// Reads the `ds.model` attribute; an error on `module` if it is missing or
/// malformed.
mlir::FailureOr<ModelSignature> readModelSignature(mlir::ModuleOp module);

/// The signature as JSON: {"entry", "inputs": [{"name", "dtype", "shape":
/// [4, "batch", null...]}], "outputs": [...]} where a dynamic dim is its
/// symbolic name, or null when it has none.
llvm::json::Value toJSON(const ModelSignature &signature);

} // namespace ds

#endif // DS_PASSES_CODEGEN_MODELSIGNATURE_H
