//===- Folding.h - Constant-folding helpers for ds ops ----------*- C++ -*-===//
//
// Part of ds. Elementwise folding over dense constants, with numpy
// broadcasting. Resource blobs (weights) are never folded: folding creates a
// new attribute and would copy them.
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_FOLDING_H
#define DS_DIALECTS_DS_FOLDING_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>

namespace ds {

/// Largest number of elements a fold may create.
inline constexpr int64_t kMaxFoldedElements = int64_t(1) << 20;

using FloatFn =
    llvm::function_ref<std::optional<llvm::APFloat>(const llvm::APFloat &)>;
/// Integer callbacks get the values and whether the type is unsigned.
using IntFn = llvm::function_ref<std::optional<llvm::APInt>(const llvm::APInt &,
                                                            bool isUnsigned)>;
using FloatFn2 = llvm::function_ref<std::optional<llvm::APFloat>(
    const llvm::APFloat &, const llvm::APFloat &)>;
using IntFn2 = llvm::function_ref<std::optional<llvm::APInt>(
    const llvm::APInt &, const llvm::APInt &, bool isUnsigned)>;

/// Folds a unary op over a dense constant into `resultType` (same element
/// type). Either callback may be null (that kind does not fold); a callback
/// returning std::nullopt for any element stops the fold.
mlir::Attribute foldUnary(mlir::Attribute operand, mlir::Type resultType,
                          FloatFn floatFn, IntFn intFn);

/// Folds through a double-precision function: the value is converted to
/// double, `fn` applied, and the result rounded back to the element type.
mlir::Attribute foldFloatMath(mlir::Attribute operand, mlir::Type resultType,
                              double (*fn)(double));

/// Folds a binary op over two dense constants, broadcasting them to the
/// static `resultType` (whose element type is that of the operands).
mlir::Attribute foldBinary(mlir::Attribute lhs, mlir::Attribute rhs,
                           mlir::Type resultType, FloatFn2 floatFn,
                           IntFn2 intFn);

/// Combiners shared by the binary and the reduction folders; unsigned
/// integers compare as unsigned, and float max/min propagate NaN.
namespace combine {
std::optional<llvm::APFloat> addF(const llvm::APFloat &a,
                                  const llvm::APFloat &b);
std::optional<llvm::APInt> addI(const llvm::APInt &a, const llvm::APInt &b,
                                bool);
std::optional<llvm::APFloat> mulF(const llvm::APFloat &a,
                                  const llvm::APFloat &b);
std::optional<llvm::APInt> mulI(const llvm::APInt &a, const llvm::APInt &b,
                                bool);
std::optional<llvm::APFloat> maxF(const llvm::APFloat &a,
                                  const llvm::APFloat &b);
std::optional<llvm::APInt> maxI(const llvm::APInt &a, const llvm::APInt &b,
                                bool isUnsigned);
std::optional<llvm::APFloat> minF(const llvm::APFloat &a,
                                  const llvm::APFloat &b);
std::optional<llvm::APInt> minI(const llvm::APInt &a, const llvm::APInt &b,
                                bool isUnsigned);
} // namespace combine

/// `value` when its type is `resultType`, else null: an identity fold must
/// not change the type (which broadcasting or refinement could).
inline mlir::OpFoldResult sameTypeOrNull(mlir::Value value,
                                         mlir::Type resultType) {
  if (value.getType() == resultType)
    return value;
  return {};
}

/// Whether `attr` is a splat of `value` (float or integer).
bool isSplatOf(mlir::Attribute attr, double value);

} // namespace ds

#endif // DS_DIALECTS_DS_FOLDING_H
