//===- Winograd.h - 3x3 convolutions in the Winograd domain -----*- C++ -*-===//
//
// Part of ds.
//
// A 3x3 convolution at stride 1 as Winograd's minimal filtering F(2x2, 3x3)
// (Lavin and Gray, 2016): each 2x2 block of outputs of a channel is
//   Y = A^T [ sum_c (G g G^T) (.) (B^T d_c B) ] A
// for the 4x4 block d_c of input channel c under it, so that 16
// multiplications replace 36 per block, filter and channel. The
// multiplications over the channels are 16 GEMMs, one per point of the
// 4x4 domain: M_xi[F x tiles] = U_xi[F x C] * V_xi[C x tiles], where U
// (the filters, G g G^T) is computed at compile time and V (the input's
// tiles, B^T d B) by a transform in the run, and an output transform
// (A^T M A) applies the convolution's fused epilogue (bias, activation,
// residual) and stores the outputs.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CODEGEN_WINOGRAD_H
#define DS_PASSES_CODEGEN_WINOGRAD_H

#include "passes/Codegen/TargetDescription.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"

namespace ds {

class ConstantPacker;

/// Whether `op` is one that lowerConvWinograd takes on `target`: a
/// constant 3x3 filter at stride and dilation 1, static shapes but for the
/// batch (a dynamic batch runs image by image), at least 16 filters and
/// channels, and a transformed filter (16/9 of the filter) of at most
/// 4 MiB.
bool usesWinograd(mlir::linalg::Conv2DNchwFchwOp op,
                  const TargetDescription &target);

/// Whether `op` is taken (usesWinograd) and reads its input's materialized
/// zero padding implicitly, from the padding's source: the padded buffer
/// then goes, and no producer should store into it.
bool winogradReadsPadding(mlir::linalg::Conv2DNchwFchwOp op,
                          const TargetDescription &target);

/// Emits `op` as the input transform, the 16 GEMMs and the output
/// transform with the fused element-wise consumer at `b`; appends the ops
/// that become dead to `erase` (the padding's, the fused generic's). Fails,
/// with nothing emitted, where usesWinograd does not hold or the filter's
/// values cannot be read.
mlir::LogicalResult
lowerConvWinograd(mlir::OpBuilder &b, mlir::linalg::Conv2DNchwFchwOp op,
                  const TargetDescription &target, ConstantPacker &packer,
                  llvm::SmallVectorImpl<mlir::Operation *> &erase);

} // namespace ds

#endif // DS_PASSES_CODEGEN_WINOGRAD_H
