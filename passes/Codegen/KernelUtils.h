//===- KernelUtils.h - Shared pieces of the CPU kernel generators -*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CODEGEN_KERNELUTILS_H
#define DS_PASSES_CODEGEN_KERNELUTILS_H

#include "passes/Codegen/TargetDescription.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

namespace ds {

/// Index arithmetic at a builder's insertion point, folding constants.
struct IndexMath {
  mlir::OpBuilder &b;
  mlir::Location loc;

  mlir::Value c(int64_t value) {
    return mlir::arith::ConstantIndexOp::create(b, loc, value);
  }
  mlir::Value add(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::AddIOp>(loc, x, y);
  }
  mlir::Value sub(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::SubIOp>(loc, x, y);
  }
  mlir::Value mul(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::MulIOp>(loc, x, y);
  }
  mlir::Value min(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::MinSIOp>(loc, x, y);
  }
  /// x / y for x >= 0, y > 0.
  mlir::Value div(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::DivSIOp>(loc, x, y);
  }
  mlir::Value ceilDiv(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::CeilDivSIOp>(loc, x, y);
  }
  mlir::Value lt(mlir::Value x, mlir::Value y) {
    return b.createOrFold<mlir::arith::CmpIOp>(
        loc, mlir::arith::CmpIPredicate::slt, x, y);
  }
};

/// The target description given by a kernel pass's options (vector-bits,
/// vector-registers, l1-cache-bytes, l2-cache-bytes).
inline TargetDescription targetOfOptions(unsigned vectorBits,
                                         unsigned vectorRegisters,
                                         unsigned l1CacheBytes,
                                         unsigned l2CacheBytes) {
  TargetDescription target;
  target.vectorBits = vectorBits;
  target.vectorRegisters = vectorRegisters;
  target.l1CacheBytes = l1CacheBytes;
  target.l2CacheBytes = l2CacheBytes;
  return target;
}

} // namespace ds

#endif // DS_PASSES_CODEGEN_KERNELUTILS_H
