//===- LoweringUtils.h - Shared by the ds-to-linalg patterns ----*- C++ -*-===//
//
// Part of ds. Helpers that more than one op family's lowering uses.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CONVERSION_DSTOLINALG_LOWERINGUTILS_H
#define DS_PASSES_CONVERSION_DSTOLINALG_LOWERINGUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"

namespace ds {

/// The number of elements of `input` (a ranked tensor) along `axes`, as a
/// float of `type`: a constant when those sizes are static, else computed
/// from tensor.dim at run time.
mlir::Value countAlong(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value input, llvm::ArrayRef<int64_t> axes,
                       mlir::Type type);

/// `type` (a scalar or shaped type) with an unsigned integer element type
/// replaced by the signless integer type of its width; other types as they
/// are. arith and math work on signless integers only.
mlir::Type toSignless(mlir::Type type);

/// Reinterprets the scalar `value` as `type` where the two differ only in
/// integer signedness (ui8 and i8): a builtin.unrealized_conversion_cast,
/// which disappears in the conversion to LLVM, where both are i8. Returns
/// `value` when it already has `type`. Use it inside linalg bodies, whose
/// block arguments keep the tensors' element types: tensor.bitcast would
/// change signedness at the tensor level too but does not bufferize.
mlir::Value castSignedness(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value value, mlir::Type type);

/// `operand` broadcast (numpy rules, ranks aligned at the end) to `sizes`,
/// for sizes the types cannot settle: a dynamic operand size may be 1 at
/// run time and then broadcasts. Each element is read at the operand index
/// that is 0 where the operand's size is 1 and the output index elsewhere,
/// decided at run time; the result has the static sizes of `sizes`.
mlir::Value broadcastAtRunTime(mlir::OpBuilder &b, mlir::Location loc,
                               mlir::Value operand,
                               llvm::ArrayRef<mlir::OpFoldResult> sizes);

} // namespace ds

#endif // DS_PASSES_CONVERSION_DSTOLINALG_LOWERINGUTILS_H
