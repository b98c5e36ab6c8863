//===- GemmKernel.h - Packed, register-tiled GEMM loops ---------*- C++ -*-===//
//
// Part of ds.
//
// Emits C[b] += A[b] * B[b] for every b < batch as loops over buffers:
// tasks of mc x nc tiles of C (an scf.parallel, which becomes work for the
// runtime's threads), kc-deep slices of K packed into panels of A (mr rows)
// and of B (nr columns), and a micro-kernel that keeps mr x nr sums in
// vector registers. The operands are seen through their element offsets,
// so that matmuls and convolutions (B read through an implicit im2col) share
// one generator.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CODEGEN_GEMMKERNEL_H
#define DS_PASSES_CODEGEN_GEMMKERNEL_H

#include "passes/Codegen/TargetDescription.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

#include <functional>

namespace ds {

/// An index computation emitted at the builder's insertion point.
using IndexFn =
    std::function<mlir::Value(mlir::OpBuilder &, mlir::Location, mlir::Value)>;

/// A (batched) GEMM over one-dimensional views of its buffers. Every size
/// and stride is an index value; the offsets are in elements from each
/// view's start.
///   A(b, i, p) = a[b * aBatchStride + i * aRowStride + p * aColStride]
///   B(b, p, j) = b[b * bBatchStride + bRowOffset(p) + bColOffset(j)]
///   C(b, i, j) = c[b * cBatchStride + i * cRowStride + j]
/// bColOffset must increase strictly with j: B's packing copies the runs
/// where it grows by one as vectors.
struct GemmProblem {
  mlir::Value batch, m, n, k;
  mlir::Value a, b, c;
  mlir::Value aBatchStride, aRowStride, aColStride;
  mlir::Value bBatchStride;
  IndexFn bRowOffset, bColOffset;
  mlir::Value cBatchStride, cRowStride;
  /// C holds zeros on entry (its fill was dropped): the first K slice
  /// stores its sums instead of adding them.
  bool zeroInit = false;
  /// If set, the partial sums go here (a view like C's, same strides given
  /// below) and only the epilogue's values go to C: the epilogue's output
  /// is not the GEMM's own result buffer, which keeps the plain sums.
  mlir::Value accum, accumBatchStride, accumRowStride;
  /// If set, the values stored by the last K slice: `epilogue(batch, row,
  /// column, mask, sums)` maps the vector of sums of C(batch, row,
  /// column + lane) for the lanes in `mask` to what C receives.
  std::function<mlir::Value(mlir::OpBuilder &, mlir::Location, mlir::Value,
                            mlir::Value, mlir::Value, mlir::Value,
                            mlir::Value)>
      epilogue;
  /// A convolution whose input padding is not materialized: B(q, j) is the
  /// input at (bRowTap(q) + bColCorner(j)) in (y, x), zero where that is
  /// outside [0, inputH) x [0, inputW). Each function returns (y, x).
  std::function<std::pair<mlir::Value, mlir::Value>(
      mlir::OpBuilder &, mlir::Location, mlir::Value)>
      bRowTap, bColCorner;
  mlir::Value inputH, inputW;
  /// Where B is a constant (a matmul's weight): returns, for a packing of
  /// `panels` panels of `nr` columns over all of K, a buffer that holds B
  /// packed so at compile time, or null. Used instead of packing B in every
  /// run.
  std::function<mlir::Value(mlir::OpBuilder &, mlir::Location, int64_t panels,
                            int64_t nr)>
      packedConstantB;
  /// B read in place, never packed (a stride-1 convolution over an input
  /// whose rows are contiguous): B(b, p, j) = b[b * bBatchStride +
  /// bRowOffset(p) + j], and bColOffset is unused. Its columns are the
  /// positions of a wide output whose rows are `wideRow` long (the input's
  /// row), of which only the first `realRow` are C's (the output's row):
  /// C(b, i, j) for j = y * wideRow + x is C's column y * realRow + x, and
  /// is computed but not stored where x >= realRow.
  bool bDirect = false;
  /// If set, bRowOffset(q) as a number (B's strides are static): the table
  /// of all K rows' offsets is then a constant of the module rather than
  /// computed in every run. Not used with implicit padding.
  std::function<int64_t(int64_t)> staticRowOffset;
  int64_t wideRow = 0, realRow = 0;
  /// Where A is a constant (a convolution's filter): returns A packed at
  /// compile time into panels of `mr` rows over all of K (element
  /// b * aBatchStride + (panel * K + q) * mr + i is A(b, panel * mr + i,
  /// q), zero past M; aBatchStride is then that of the packing), or null.
  /// Used by tilings with extra columns and along M.
  std::function<mlir::Value(mlir::OpBuilder &, mlir::Location, int64_t mr)>
      packedConstantA;
  /// If > 0, C lies in the interior of a padded buffer (the next
  /// convolution's input): C's column y * cRowLength + x of a row is at
  /// element y * cRowPitch + x + cOffset of it. Only with zeroInit and no
  /// accum (C is only stored, never read).
  int64_t cRowLength = 0, cRowPitch = 0, cOffset = 0;
  /// A is too large to stay cached from one run to the next: a tiling
  /// along M prefetches it as non-temporal, leaving the caches to the
  /// smaller constants and the activations.
  bool streamA = false;
  /// Multiply-adds per task, where the sizes are known (GemmKernel.cpp):
  /// matmuls 4M; convolutions 2M, which at 2 threads ran ResNet-18 1%,
  /// SqueezeNet 2-4% and MobileNetV2 about 5% faster (the same at 1
  /// thread), where the 1024^3 matmul ran 3-5% slower.
  int64_t taskMacs = int64_t(1) << 22;
  /// Static sizes where known (for the choice of tiles); -1 otherwise.
  int64_t staticM = -1, staticN = -1, staticBatch = -1;
};

/// A one-dimensional, unit-stride view of all of `buffer`'s elements,
/// starting at its first one, and its strides (one index per dimension).
mlir::Value flattenBuffer(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value buffer,
                          llvm::SmallVectorImpl<mlir::Value> &strides,
                          llvm::SmallVectorImpl<mlir::Value> &sizes);

/// Emits the loops of `problem` at the builder's insertion point.
void emitGemm(mlir::OpBuilder &b, mlir::Location loc,
              const GemmProblem &problem, const GemmTiling &tiling);

} // namespace ds

#endif // DS_PASSES_CODEGEN_GEMMKERNEL_H
