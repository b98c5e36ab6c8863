//===- ModelABI.h - Names shared with the runtime's model ABI ---*- C++ -*-===//
//
// Part of ds. runtime/include/ds/runtime/model_abi.h is the contract; these
// are the constants of it that the code generator needs.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CODEGEN_MODELABI_H
#define DS_PASSES_CODEGEN_MODELABI_H

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace ds {

/// DS_MODEL_ABI_VERSION.
inline constexpr unsigned kModelABIVersion = 2;
/// DS_MODEL_ENTRY_SYMBOL: the one symbol a compiled model exports.
inline constexpr llvm::StringLiteral kModelEntrySymbol = "ds_model_get";
/// The global that holds the runtime's parallel_for (DsAbiModel's slot).
inline constexpr llvm::StringLiteral kParallelForSlot = "__ds_parallel_for";

/// On a function that ds-plan-memory planned: the bytes of its workspace.
/// On the module: the same for the model's entry, which then takes its
/// workspace (`memref<?xi8>`, at least that many bytes, 64-byte aligned)
/// as its last argument from the model ABI's `run`.
inline constexpr llvm::StringLiteral kWorkspaceBytesAttr =
    "ds.workspace_bytes";

/// Marks the launch declaration of an outlined parallel loop; its value
/// names the loop's body function.
inline constexpr llvm::StringLiteral kParallelBodyAttr = "ds.parallel_body";

/// The parallel_for slot of `module`, created (null) if it has none yet.
mlir::LLVM::GlobalOp getOrCreateParallelForSlot(mlir::ModuleOp module);

} // namespace ds

#endif // DS_PASSES_CODEGEN_MODELABI_H
