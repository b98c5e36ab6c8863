//===- ShapeInference.h - Helpers for result-type inference -----*- C++ -*-===//
//
// Part of ds. Shared by the inferReturnTypes and verifiers of every op
// family: numpy broadcasting, axis normalization, reading constant operands.
// Every function that can fail reports through mlir::emitOptionalError on the
// optional location it is given, so that it serves both verification (with a
// location) and speculative inference (without).
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_SHAPEINFERENCE_H
#define DS_DIALECTS_DS_SHAPEINFERENCE_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace ds {

using OptLoc = std::optional<mlir::Location>;

/// The dynamic-size marker, for brevity.
inline constexpr int64_t kDynamic = mlir::ShapedType::kDynamic;

/// A tensor type of `shape` (unranked if std::nullopt) and `elementType`.
mlir::TensorType makeTensorType(std::optional<llvm::ArrayRef<int64_t>> shape,
                                mlir::Type elementType);

/// `type` (a tensor type) with its element type replaced.
mlir::TensorType withElementType(mlir::Type type, mlir::Type elementType);

/// The element type of a shaped type.
mlir::Type getElementType(mlir::Type type);

/// Numpy (multidirectional) broadcasting of two shapes. A dynamic size
/// against 1 stays dynamic; a dynamic size against n > 1 gives n.
mlir::FailureOr<llvm::SmallVector<int64_t>>
broadcastShapes(OptLoc loc, llvm::ArrayRef<int64_t> a,
                llvm::ArrayRef<int64_t> b);

/// The broadcast result type of `operandTypes` with `elementType` (the first
/// operand's if null). Unranked if any operand is.
llvm::LogicalResult inferBroadcast(OptLoc loc, mlir::TypeRange operandTypes,
                                   mlir::Type elementType,
                                   llvm::SmallVectorImpl<mlir::Type> &results);

/// Normalizes an axis in [-rank, rank) to [0, rank); fails with a diagnostic
/// naming `what` otherwise.
mlir::FailureOr<int64_t> normalizeAxis(OptLoc loc, int64_t axis, int64_t rank,
                                       llvm::StringRef what = "axis");

/// Normalizes a list of axes; fails on an out-of-range or repeated axis.
mlir::FailureOr<llvm::SmallVector<int64_t>>
normalizeAxes(OptLoc loc, llvm::ArrayRef<int64_t> axes, int64_t rank,
              llvm::StringRef what = "axes");

/// The integer values of `value` when it is produced by a constant op
/// (any ConstantLike op folding to dense integer elements).
std::optional<llvm::SmallVector<int64_t>> getConstantInts(mlir::Value value);

/// The float values of `value` when it is a dense floating-point constant.
std::optional<llvm::SmallVector<double>> getConstantFloats(mlir::Value value);

/// Compatibility of two sizes (either may be dynamic).
inline bool compatibleSizes(int64_t a, int64_t b) {
  return a == b || mlir::ShapedType::isDynamic(a) ||
         mlir::ShapedType::isDynamic(b);
}

/// The more refined of two compatible sizes.
inline int64_t refineSize(int64_t a, int64_t b) {
  return mlir::ShapedType::isDynamic(a) ? b : a;
}

/// Product of sizes, or kDynamic if any is dynamic.
int64_t productOrDynamic(llvm::ArrayRef<int64_t> sizes);

} // namespace ds

#endif // DS_DIALECTS_DS_SHAPEINFERENCE_H
