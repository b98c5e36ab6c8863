//===- BufferPatterns.h - Bufferized patterns the kernels take over -*- C++ -*-===//
//
// Part of ds.
//
// Shapes of bufferized IR that the kernel generators recognize and replace:
// buffers filled with one constant, and an input's padding materialized as
// a filled buffer with a copy of the input in its interior.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CODEGEN_BUFFERPATTERNS_H
#define DS_PASSES_CODEGEN_BUFFERPATTERNS_H

#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace ds {

/// The float constant `op` writes to every element of `buffer`: `op` is a
/// linalg.fill of `buffer` or a linalg.map into it that takes no inputs and
/// yields a constant. None for anything else.
std::optional<llvm::APFloat> constantFill(mlir::Operation *op,
                                          mlir::Value buffer);

/// Whether `op` or an op nested in it uses `buffer` or a view of it.
bool touchesBuffer(mlir::Operation *op, mlir::Value buffer);

/// Whether `op` writes zeros (of either sign) to all of `buffer`.
bool isZeroFill(mlir::Operation *op, mlir::Value buffer);

/// An NCHW input of `consumer` that is its padding materialized: an
/// allocation filled with `padValue` whose interior, a subview at static
/// offsets of the rows and columns (the same images and channels), is a
/// copy of `source`, with nothing else reading or writing the allocation,
/// and nothing writing `source` between the copy and the consumer.
struct PaddedInput {
  mlir::Value source;
  int64_t top, left, bottom, right;
  /// The copy, subview, fill, deallocations and allocation: dead once the
  /// consumer reads `source` instead.
  llvm::SmallVector<mlir::Operation *> ops;
};

/// Matches `input`, an operand of `consumer`, as a PaddedInput of f32
/// elements and static shapes whose fill writes a value `isPad` accepts
/// (zeros for a convolution or a sum, -inf for a maximum).
std::optional<PaddedInput>
matchPadding(mlir::Value input, mlir::Operation *consumer,
             llvm::function_ref<bool(const llvm::APFloat &)> isPad);

} // namespace ds

#endif // DS_PASSES_CODEGEN_BUFFERPATTERNS_H
