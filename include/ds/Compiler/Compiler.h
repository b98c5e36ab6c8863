//===- Compiler.h - ds models to native code --------------------*- C++ -*-===//
//
// Part of ds. The compiler driver's steps, shared by ds-compile and tests:
// a target description, the lowering of a ds module to the LLVM dialect
// with the model ABI, the translation to LLVM IR and its optimization, the
// object file (in process, through LLVM's TargetMachine) and the shared
// library (ld.lld).
//
//===----------------------------------------------------------------------===//

#ifndef DS_COMPILER_COMPILER_H
#define DS_COMPILER_COMPILER_H

#include "passes/Codegen/TargetDescription.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace ds {

/// What to compile for: `target` is host, x86_64, aarch64, armv7 or
/// riscv64; cpu and features refine it (LLVM's names, as llc's -mcpu and
/// -mattr take them).
struct TargetOptions {
  std::string target = "host";
  std::string cpu;
  std::string features;
  unsigned optLevel = 2;
};

/// Registers what the compiler's pipeline needs beyond the ds dialect: the
/// upstream dialects it lowers through, their bufferization and LLVM
/// conversion interfaces, and the LLVM IR translations.
void registerCompilerDependencies(mlir::DialectRegistry &registry);

/// The names `TargetOptions::target` accepts, for help texts.
llvm::StringRef supportedTargets();

/// The TargetMachine for `options` (PIC, for a shared library); an error
/// message in `error` if the target is unknown or LLVM lacks it.
std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const TargetOptions &options, std::string &error);

/// The vector unit and caches of `machine`'s CPU, from its triple and
/// features (and, for the CPU ds runs on, the caches the OS reports).
TargetDescription describeTarget(const llvm::TargetMachine &machine);

/// Lowers a module of ds ops on tensors to the LLVM dialect for `machine`
/// (its data layout, index width and triple become module attributes), with
/// the model ABI of runtime/include/ds/runtime/model_abi.h. `entry` names
/// the model's function (empty: the only public one). `winograd` lets 3x3
/// convolutions run as Winograd F(2x2, 3x3) where ds-lower-contractions
/// takes them.
mlir::LogicalResult lowerToLLVMDialect(mlir::ModuleOp module,
                                       llvm::TargetMachine &machine,
                                       llvm::StringRef entry,
                                       bool winograd = true);

/// Translates a module in the LLVM dialect to LLVM IR and runs LLVM's
/// optimization pipeline for `optLevel` (0-3) on it.
std::unique_ptr<llvm::Module>
translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &context,
                  llvm::TargetMachine &machine, unsigned optLevel);

/// Defines, hidden in `module`, the compiler-runtime functions that code
/// generation for `triple` may call for f16/bf16 conversions, so that the
/// library does not depend on a libgcc that exports them.
void addCompilerRuntimeHelpers(llvm::Module &module,
                               const llvm::Triple &triple);

/// Writes `module` as an object file for `machine`.
mlir::LogicalResult emitObject(llvm::Module &module,
                               llvm::TargetMachine &machine,
                               llvm::raw_pwrite_stream &os,
                               std::string &error);

/// Links `objectPath` into the shared library `outputPath` with ld.lld. The
/// library needs no C library at link time: malloc, free and the like
/// resolve when the runtime loads it.
mlir::LogicalResult linkSharedLibrary(llvm::StringRef objectPath,
                                      llvm::StringRef outputPath,
                                      std::string &error);

} // namespace ds

#endif // DS_COMPILER_COMPILER_H
