//===- ShapeInference.h - Helpers for result-type inference -----*- C++ -*-===//
//
// Part of ds. Shared by the inferReturnTypes and verifiers of every op
// family: numpy broadcasting, axis normalization, reading constant operands.
// Every function that can fail reports to the ErrorSink it is given, so that
// it serves verification (on the op), inference with a location, and
// speculative inference (nowhere).
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_SHAPEINFERENCE_H
#define DS_DIALECTS_DS_SHAPEINFERENCE_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace ds {

/// Where the errors of a shape computation go. In a verifier it is the op,
/// so that every message starts with `'ds.<op>' op`; in result-type
/// inference it is the optional location the caller gave (nowhere without
/// one, for speculative inference). Pass it by value; report with
/// `emitOptionalError(sink, ...)`, which returns failure().
class ErrorSink {
public:
  ErrorSink(std::nullopt_t) {}
  ErrorSink(std::optional<mlir::Location> loc) : loc(loc) {}
  ErrorSink(mlir::Location loc) : loc(loc) {}
  explicit ErrorSink(mlir::Operation *op) : op(op), loc(op->getLoc()) {}

  /// The op errors are reported on, if any.
  mlir::Operation *getOp() const { return op; }
  /// The location errors are reported at, if any.
  std::optional<mlir::Location> getLocation() const { return loc; }

private:
  mlir::Operation *op = nullptr;
  std::optional<mlir::Location> loc;
};

/// Reports an error built from `args` on `sink`: through the op's
/// emitOpError when it has one, at its location otherwise, or nowhere.
/// Found by argument-dependent lookup in place of mlir::emitOptionalError.
template <typename... Args>
llvm::LogicalResult emitOptionalError(const ErrorSink &sink, Args &&...args) {
  if (mlir::Operation *op = sink.getOp())
    return op->emitOpError().append(std::forward<Args>(args)...);
  return mlir::emitOptionalError(sink.getLocation(),
                                 std::forward<Args>(args)...);
}

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
broadcastShapes(ErrorSink loc, llvm::ArrayRef<int64_t> a,
                llvm::ArrayRef<int64_t> b);

/// The broadcast result type of `operandTypes` with `elementType` (the first
/// operand's if null). Unranked if any operand is.
llvm::LogicalResult inferBroadcast(ErrorSink loc, mlir::TypeRange operandTypes,
                                   mlir::Type elementType,
                                   llvm::SmallVectorImpl<mlir::Type> &results);

/// Normalizes an axis in [-rank, rank) to [0, rank); fails with a diagnostic
/// naming `what` otherwise.
mlir::FailureOr<int64_t> normalizeAxis(ErrorSink loc, int64_t axis,
                                       int64_t rank,
                                       llvm::StringRef what = "axis");

/// Normalizes a list of axes; fails on an out-of-range or repeated axis.
mlir::FailureOr<llvm::SmallVector<int64_t>>
normalizeAxes(ErrorSink loc, llvm::ArrayRef<int64_t> axes, int64_t rank,
              llvm::StringRef what = "axes");

/// The integer values of `value` when it is produced by a constant op
/// (any ConstantLike op folding to dense integer elements).
std::optional<llvm::SmallVector<int64_t>> getConstantInts(mlir::Value value);
/// The values of an integer attribute as int64 (unsigned ones
/// zero-extended).
llvm::SmallVector<int64_t> toInts(mlir::DenseIntElementsAttr attr);

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

/// Reads a per-spatial-dimension list attribute `name` (`perDim` values for
/// each of `n` dimensions, each at least `min`, as kernel_shape, strides,
/// dilations, pads are) into `out`; `fill` everywhere when it is absent.
llvm::LogicalResult readSpatialList(ErrorSink report, llvm::StringRef name,
                                    std::optional<llvm::ArrayRef<int64_t>> list,
                                    size_t n, size_t perDim, int64_t min,
                                    int64_t fill,
                                    llvm::SmallVectorImpl<int64_t> &out);

/// Product of sizes, or kDynamic if any is dynamic.
int64_t productOrDynamic(llvm::ArrayRef<int64_t> sizes);

} // namespace ds

#endif // DS_DIALECTS_DS_SHAPEINFERENCE_H
