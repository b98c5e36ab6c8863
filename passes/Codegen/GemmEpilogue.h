//===- GemmEpilogue.h - Element-wise consumers fused into GEMMs -*- C++ -*-===//
//
// Part of ds.
//
// After bufferization a convolution or matmul is often followed by the
// element-wise linalg.generic of its bias, activation or residual add,
// and preceded by the linalg.fill that zeroes its result. The GEMM kernel
// can store the final values itself: its first K slice stores instead of
// adding (the fill goes), and its last one applies the generic's body to
// the sums in registers and stores into the generic's output (the generic
// and, if nothing else reads it, the GEMM's own result buffer go).
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CODEGEN_GEMMEPILOGUE_H
#define DS_PASSES_CODEGEN_GEMMEPILOGUE_H

#include "passes/Codegen/GemmKernel.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace ds {

/// Where the GEMM's C(batch, row, column) lies in its result buffer: the
/// buffer's dims that are the batch (or -1), the row, and the columns (one
/// for a matmul; OH and OW, flattened, for a convolution).
struct ResultDims {
  int64_t batch = -1;
  int64_t row = 0;
  llvm::SmallVector<int64_t, 2> columns;
};

/// Fuses the zero fill before `gemm` and the element-wise generic after it
/// into `problem` (whose A, B and sizes are set, its C not yet), where that
/// is safe. Emits the views it needs at `b`'s insertion point; sets
/// problem's zeroInit, and with a fused generic its epilogue and its C (the
/// generic's output); appends the ops that become dead to `erase` (to be
/// erased after the kernel is emitted). Leaves C unset otherwise.
/// `reads` are other buffers the kernel reads (a convolution's unpadded
/// input): the generic's output must not be one of them either. Returns
/// the generic's output where it was fused (the buffer problem's C views),
/// null otherwise.
mlir::Value fuseIntoGemm(mlir::OpBuilder &b, mlir::linalg::LinalgOp gemm,
                         const ResultDims &dims, int64_t lanes,
                         GemmProblem &problem,
                         llvm::SmallVectorImpl<mlir::Operation *> &erase,
                         llvm::ArrayRef<mlir::Value> reads = {});

} // namespace ds

#endif // DS_PASSES_CODEGEN_GEMMEPILOGUE_H
