//===- LoopLoweringUtils.h - Shared by the loop lowerings -------*- C++ -*-===//
//
// Part of ds. Helpers of the lowerings that build scf loops on tensors:
// ds.if and ds.loop (ControlFlowLowering.cpp), ds.scan and the recurrent
// layers (RecurrentLowering.cpp). Header-only, inline.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CONVERSION_DSTOLINALG_LOOPLOWERINGUTILS_H
#define DS_PASSES_CONVERSION_DSTOLINALG_LOOPLOWERINGUTILS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace ds::loops {

/// The single element of a one-element ranked tensor.
inline mlir::Value extractScalar(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::Value tensor) {
  auto type = mlir::cast<mlir::RankedTensorType>(tensor.getType());
  llvm::SmallVector<mlir::Value> zeros(
      type.getRank(), mlir::arith::ConstantIndexOp::create(b, loc, 0));
  return mlir::tensor::ExtractOp::create(b, loc, tensor, zeros);
}

/// `value` as `type` (a tensor.cast where the types differ).
inline mlir::Value castTo(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value value, mlir::Type type) {
  if (value.getType() == type)
    return value;
  return mlir::tensor::CastOp::create(b, loc, type, value);
}

/// Whether `type` is a ranked tensor with exactly one element.
inline bool isOneElement(mlir::Type type) {
  auto ranked = mlir::dyn_cast<mlir::RankedTensorType>(type);
  return ranked && ranked.hasStaticShape() && ranked.getNumElements() == 1;
}

/// `value`, the new value of a loop-carried tensor whose block argument is
/// `arg`, written into `arg` when its shape is static: one-shot
/// bufferization (without allow-return-allocs-from-loops, as the CPU
/// pipeline runs it) requires a loop to yield a buffer equivalent to its
/// iteration argument. A dynamic shape may change between iterations, so
/// such a value is yielded as it is. Write-backs come last in the loop
/// body, after every read of `arg`.
inline mlir::Value writeBack(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value value, mlir::Value arg) {
  if (value == arg)
    return value;
  auto type = mlir::cast<mlir::RankedTensorType>(arg.getType());
  value = castTo(b, loc, value, type);
  if (!type.hasStaticShape())
    return value;
  return mlir::linalg::CopyOp::create(b, loc, value, arg).getResult(0);
}

/// The sizes of `value` (ranked), static or from tensor.dim.
inline llvm::SmallVector<mlir::OpFoldResult>
sizesOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value) {
  return mlir::tensor::getMixedSizes(b, loc, value);
}

/// An empty tensor of `type`'s element type with the sizes of `row` and
/// `count` inserted at `axis`: the buffer stacking `count` values shaped as
/// `row`. Without `row`, the static sizes of `type` (which must have them
/// except at `axis`).
inline mlir::Value emptyStack(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::RankedTensorType type, int64_t axis,
                              mlir::OpFoldResult count, mlir::Value row) {
  llvm::SmallVector<mlir::OpFoldResult> sizes;
  if (row) {
    sizes = sizesOf(b, loc, row);
  } else {
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (d != axis)
        sizes.push_back(b.getIndexAttr(type.getDimSize(d)));
  }
  sizes.insert(sizes.begin() + axis, count);
  return mlir::tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
}

/// Whether a stack of `type` along `axis` has static sizes elsewhere.
inline bool hasStaticRows(mlir::RankedTensorType type, int64_t axis) {
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (d != axis && type.isDynamicDim(d))
      return false;
  return true;
}

/// `row` (ranked, one dimension less than `stack`) written into `stack` at
/// `index` along `axis`.
inline mlir::Value insertAlong(mlir::OpBuilder &b, mlir::Location loc,
                               mlir::Value row, mlir::Value stack, int64_t axis,
                               mlir::OpFoldResult index) {
  int64_t rank = mlir::cast<mlir::RankedTensorType>(stack.getType()).getRank();
  llvm::SmallVector<mlir::OpFoldResult> offsets(rank, b.getIndexAttr(0));
  offsets[axis] = index;
  llvm::SmallVector<mlir::OpFoldResult> sizes = sizesOf(b, loc, row);
  sizes.insert(sizes.begin() + axis, b.getIndexAttr(1));
  llvm::SmallVector<mlir::OpFoldResult> strides(rank, b.getIndexAttr(1));
  return mlir::tensor::InsertSliceOp::create(b, loc, row, stack, offsets, sizes,
                                             strides);
}

/// The slice of `source` at `index` along `axis`, without that dimension.
inline mlir::Value extractAlong(mlir::OpBuilder &b, mlir::Location loc,
                                mlir::Value source, int64_t axis,
                                mlir::OpFoldResult index) {
  auto type = mlir::cast<mlir::RankedTensorType>(source.getType());
  int64_t rank = type.getRank();
  llvm::SmallVector<mlir::OpFoldResult> offsets(rank, b.getIndexAttr(0));
  offsets[axis] = index;
  llvm::SmallVector<mlir::OpFoldResult> sizes = sizesOf(b, loc, source);
  sizes[axis] = b.getIndexAttr(1);
  llvm::SmallVector<mlir::OpFoldResult> strides(rank, b.getIndexAttr(1));
  llvm::SmallVector<int64_t> shape(type.getShape());
  shape.erase(shape.begin() + axis);
  auto sliceType = mlir::RankedTensorType::get(shape, type.getElementType());
  return mlir::tensor::ExtractSliceOp::create(b, loc, sliceType, source,
                                              offsets, sizes, strides);
}

} // namespace ds::loops

#endif // DS_PASSES_CONVERSION_DSTOLINALG_LOOPLOWERINGUTILS_H
