//===- LoweringUtils.h - Shared by the ds-to-linalg patterns ----*- C++ -*-===//
//
// Part of ds. Helpers that more than one op family's lowering uses.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CONVERSION_DSTOLINALG_LOWERINGUTILS_H
#define DS_PASSES_CONVERSION_DSTOLINALG_LOWERINGUTILS_H

#include "mlir/IR/Builders.h"

namespace ds {

/// The number of elements of `input` (a ranked tensor) along `axes`, as a
/// float of `type`: a constant when those sizes are static, else computed
/// from tensor.dim at run time.
mlir::Value countAlong(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value input, llvm::ArrayRef<int64_t> axes,
                       mlir::Type type);

} // namespace ds

#endif // DS_PASSES_CONVERSION_DSTOLINALG_LOWERINGUTILS_H
