//===- ConstantData.h - Reading and writing ds constants --------*- C++ -*-===//
//
// Part of ds.
//
// The graph passes that fold constants read the elements of a ds.constant
// (a dense literal or a resource blob) and write new ones.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_GRAPH_CONSTANTDATA_H
#define DS_PASSES_GRAPH_CONSTANTDATA_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"

#include <optional>
#include <string>

namespace ds {

/// Constants of at most this many elements are written as `dense`
/// literals (as the importer does); larger ones as resource blobs.
constexpr int64_t kMaxDenseElements = 64;

/// Whether readConstant and makeConstant handle `type` (f32, f64).
bool isFoldableElement(mlir::Type type);

/// The elements of a constant f32 or f64 tensor of static shape, in double
/// and row-major order (a splat expanded); nullopt if `value` is not such a
/// constant.
std::optional<llvm::SmallVector<double>> readConstant(mlir::Value value);

/// A ds.constant of `type` holding `values` rounded to its element type:
/// a dense literal when small, else a new resource blob named after
/// `nameHint`.
mlir::Value makeConstant(mlir::OpBuilder &builder, mlir::Location loc,
                         mlir::RankedTensorType type,
                         llvm::ArrayRef<double> values,
                         llvm::StringRef nameHint);

/// A name for the folded form of the constant `value`.
std::string foldedName(mlir::Value value, llvm::StringRef fallback);

} // namespace ds

#endif // DS_PASSES_GRAPH_CONSTANTDATA_H
