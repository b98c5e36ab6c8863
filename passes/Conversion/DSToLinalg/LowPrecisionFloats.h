//===- LowPrecisionFloats.h - float8, float4 and e8m0 casts -----*- C++ -*-===//
//
// Part of ds. The scalar conversions of ds.cast to and from ONNX's
// storage-only float formats (f8E4M3FN, f8E4M3FNUZ, f8E5M2, f8E5M2FNUZ,
// f4E2M1FN, f8E8M0FNU), as integer arithmetic on their bits: LLVM has no
// such types (the conversion to LLVM turns them into i8 and i4), so no
// float operation may take or give one. ElementwiseLowering.cpp calls these
// from Cast's body.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CONVERSION_DSTOLINALG_LOWPRECISIONFLOATS_H
#define DS_PASSES_CONVERSION_DSTOLINALG_LOWPRECISIONFLOATS_H

#include "mlir/IR/Builders.h"

namespace ds {

/// Whether `type` is one of the formats above.
bool isLowPrecisionFloat(mlir::Type type);

/// The scalar `x` of such a format as the f32 of the same value (exact).
mlir::Value extendLowPrecisionFloat(mlir::OpBuilder &b, mlir::Location loc,
                                    mlir::Value x);

/// The scalar `x` (a float, a signless integer, unsigned when
/// `fromUnsigned`, bool, or one of the formats) converted to the format
/// `to` by ONNX's Cast rules, with its `saturate` and `round_mode` (the
/// latter for f8E8M0FNU only).
mlir::Value convertToLowPrecisionFloat(mlir::OpBuilder &b, mlir::Location loc,
                                       mlir::Value x, bool fromUnsigned,
                                       mlir::Type to, bool saturate,
                                       llvm::StringRef roundMode);

} // namespace ds

#endif // DS_PASSES_CONVERSION_DSTOLINALG_LOWPRECISIONFLOATS_H
