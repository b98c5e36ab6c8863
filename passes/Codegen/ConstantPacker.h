//===- ConstantPacker.h - Weights laid out at compile time -----*- C++ -*-===//
//
// Part of ds.
//
// The kernels read constant weights in layouts of their own: a matmul's B
// in panels of nr columns, a filter in panels of mr rows, a 3x3 filter in
// the Winograd domain. ConstantPacker computes such a layout once per
// global and layout, as a new constant global next to the original, and
// erases the originals that nothing reads any more.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CODEGEN_CONSTANTPACKER_H
#define DS_PASSES_CODEGEN_CONSTANTPACKER_H

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/SetVector.h"

#include <map>
#include <optional>
#include <string>

namespace ds {

/// The constant global of identity layout that `buffer` reads (a
/// memref.get_global of it), looked up from `from`; null otherwise.
mlir::memref::GlobalOp constantGlobalOf(mlir::Value buffer,
                                        mlir::Operation *from);

/// The f32 elements of a constant global's initial value, or nullopt.
std::optional<llvm::SmallVector<float>>
readGlobalFloats(mlir::memref::GlobalOp global);

/// Packs constant globals at compile time, once per global and layout.
class ConstantPacker {
public:
  explicit ConstantPacker(mlir::ModuleOp module)
      : module(module), symbols(module) {}

  /// Values a layout makes of a global's values, or nullopt where it
  /// cannot.
  using Layout = llvm::function_ref<std::optional<llvm::SmallVector<float>>(
      llvm::ArrayRef<float>)>;

  /// The packing of `global` (a row-major [K, N] f32 constant) into
  /// `panels` panels of `nr` columns over all K (zero past N), as a new
  /// constant global read at `b`; null if its value cannot be read.
  mlir::Value get(mlir::OpBuilder &b, mlir::Location loc,
                  mlir::memref::GlobalOp global, int64_t panels, int64_t nr);

  /// The packing of `global` (a row-major [M, K] f32 constant, of any
  /// rank) into panels of `mr` rows over all K, [panel][K][mr], zero past
  /// M, as a new constant global read at `b`; null if its value cannot be
  /// read.
  mlir::Value getRows(mlir::OpBuilder &b, mlir::Location loc,
                      mlir::memref::GlobalOp global, int64_t m, int64_t mr);

  /// The values `layout` makes of `global`'s, once per global and `key`
  /// (which names the layout and its parameters), as a new constant
  /// global named after `global` with `suffix`, read at `b`; null if the
  /// values cannot be read or laid out.
  mlir::Value derive(mlir::OpBuilder &b, mlir::Location loc,
                     mlir::memref::GlobalOp global, const std::string &key,
                     llvm::StringRef suffix, Layout layout);

  /// Erases the globals that were packed and are no longer read.
  void eraseUnused();

private:
  /// A new constant global `name` (made unique) of `data`, 64-byte
  /// aligned, next to `like`.
  mlir::memref::GlobalOp makeGlobal(mlir::memref::GlobalOp like,
                                    const std::string &name,
                                    llvm::ArrayRef<float> data, mlir::Type f32);

  mlir::ModuleOp module;
  mlir::SymbolTable symbols;
  std::map<std::pair<mlir::Operation *, std::string>, mlir::memref::GlobalOp>
      cache;
  llvm::SetVector<mlir::memref::GlobalOp> replaced;
};

} // namespace ds

#endif // DS_PASSES_CODEGEN_CONSTANTPACKER_H
