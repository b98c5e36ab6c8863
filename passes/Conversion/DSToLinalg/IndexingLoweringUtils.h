//===- IndexingLoweringUtils.h - Helpers of three lowerings -----*- C++ -*-===//
//
// Part of ds. Small inline helpers shared by the Indexing, Selection and
// Signal lowerings (IndexingLowering.cpp, SelectionLowering.cpp,
// SignalLowering.cpp): sizes as index values, empty tensors with dynamic
// sizes, scalar reads of operands, index wrapping and delinearization. They
// are header-only so that the shared CMake target needs no new source.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CONVERSION_DSTOLINALG_INDEXINGLOWERINGUTILS_H
#define DS_PASSES_CONVERSION_DSTOLINALG_INDEXINGLOWERINGUTILS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"

namespace ds {
namespace lowering {

using mlir::Location;
using mlir::OpBuilder;
using mlir::RankedTensorType;
using mlir::Type;
using mlir::Value;

inline Value indexConst(OpBuilder &b, Location loc, int64_t value) {
  return mlir::arith::ConstantIndexOp::create(b, loc, value);
}

inline Value floatConst(OpBuilder &b, Location loc, Type type, double value) {
  return mlir::arith::ConstantOp::create(b, loc, type,
                                         b.getFloatAttr(type, value));
}

inline Value intConst(OpBuilder &b, Location loc, Type type, int64_t value) {
  return mlir::arith::ConstantOp::create(b, loc, type,
                                         b.getIntegerAttr(type, value));
}

/// The size of dimension `dim` of the ranked tensor `value` as an index
/// value: a constant when static, else a tensor.dim.
inline Value dimValue(OpBuilder &b, Location loc, Value value, int64_t dim) {
  auto type = mlir::cast<RankedTensorType>(value.getType());
  if (!type.isDynamicDim(dim))
    return indexConst(b, loc, type.getDimSize(dim));
  return mlir::tensor::DimOp::create(b, loc, value, dim);
}

/// A tensor.empty of `type` whose dynamic sizes are taken, in order, from
/// `sizes` (one index value per dimension; static ones are ignored).
inline Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type,
                         llvm::ArrayRef<Value> sizes) {
  llvm::SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(sizes[d]);
  return mlir::tensor::EmptyOp::create(b, loc, type.getShape(),
                                       type.getElementType(), dynamicSizes);
}

/// The type of shape `shape` (static sizes or kDynamic) and element `element`
/// whose dynamic sizes are filled from `sizes` where those are constants.
inline RankedTensorType refinedType(llvm::ArrayRef<Value> sizes, Type element) {
  llvm::SmallVector<int64_t> shape;
  for (Value size : sizes) {
    llvm::APInt value;
    if (mlir::matchPattern(size, mlir::m_ConstantInt(&value)))
      shape.push_back(value.getSExtValue());
    else
      shape.push_back(mlir::ShapedType::kDynamic);
  }
  return RankedTensorType::get(shape, element);
}

/// An empty tensor of element `element` with the sizes `sizes`.
inline Value emptyOfSizes(OpBuilder &b, Location loc,
                          llvm::ArrayRef<Value> sizes, Type element) {
  return emptyTensor(b, loc, refinedType(sizes, element), sizes);
}

/// `value` filled with the scalar `fill`.
inline Value fillTensor(OpBuilder &b, Location loc, Value fill, Value init) {
  return mlir::linalg::FillOp::create(b, loc, fill, init).getResult(0);
}

/// The only element of a tensor that holds one (rank 0, or every size 1).
inline Value extractScalar(OpBuilder &b, Location loc, Value tensor) {
  auto type = mlir::cast<RankedTensorType>(tensor.getType());
  llvm::SmallVector<Value> zeros(type.getRank(), indexConst(b, loc, 0));
  return mlir::tensor::ExtractOp::create(b, loc, tensor, zeros);
}

/// Element `i` of a 1-D tensor.
inline Value extractAt(OpBuilder &b, Location loc, Value tensor, int64_t i) {
  return mlir::tensor::ExtractOp::create(b, loc, tensor, indexConst(b, loc, i));
}

/// An integer scalar as an index.
inline Value toIndex(OpBuilder &b, Location loc, Value integer) {
  if (integer.getType().isIndex())
    return integer;
  return mlir::arith::IndexCastOp::create(b, loc, b.getIndexType(), integer);
}

/// An index as an i64.
inline Value toI64(OpBuilder &b, Location loc, Value index) {
  return mlir::arith::IndexCastOp::create(b, loc, b.getI64Type(), index);
}

/// An index as a double (through i64; indices are non-negative here).
inline Value indexToF64(OpBuilder &b, Location loc, Value index) {
  return mlir::arith::SIToFPOp::create(b, loc, b.getF64Type(),
                                       toI64(b, loc, index));
}

/// A double to an index, truncating toward zero.
inline Value f64ToIndex(OpBuilder &b, Location loc, Value value) {
  Value integer = mlir::arith::FPToSIOp::create(b, loc, b.getI64Type(), value);
  return toIndex(b, loc, integer);
}

/// Any float scalar widened (or kept) as f64.
inline Value toF64(OpBuilder &b, Location loc, Value value) {
  Type type = value.getType();
  if (type.isF64())
    return value;
  if (mlir::isa<mlir::FloatType>(type))
    return mlir::arith::ExtFOp::create(b, loc, b.getF64Type(), value);
  if (type.isIndex())
    value = toI64(b, loc, value);
  return mlir::arith::SIToFPOp::create(b, loc, b.getF64Type(), value);
}

/// `index` (an index) plus `size` when negative: ONNX's negative indices,
/// which count from the end.
inline Value wrapIndex(OpBuilder &b, Location loc, Value index, Value size) {
  Value zero = indexConst(b, loc, 0);
  Value negative = mlir::arith::CmpIOp::create(
      b, loc, mlir::arith::CmpIPredicate::slt, index, zero);
  Value wrapped = mlir::arith::AddIOp::create(b, loc, index, size);
  return mlir::arith::SelectOp::create(b, loc, negative, wrapped, index);
}

/// The row-major multi-index of the linear index `linear` in a space of
/// sizes `sizes`.
inline llvm::SmallVector<Value> delinearize(OpBuilder &b, Location loc,
                                            Value linear,
                                            llvm::ArrayRef<Value> sizes) {
  llvm::SmallVector<Value> result(sizes.size());
  for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0; --d) {
    if (d == 0) {
      result[d] = linear;
      break;
    }
    result[d] = mlir::arith::RemUIOp::create(b, loc, linear, sizes[d]);
    linear = mlir::arith::DivUIOp::create(b, loc, linear, sizes[d]);
  }
  return result;
}

/// The product of index values (1 for none).
inline Value product(OpBuilder &b, Location loc, llvm::ArrayRef<Value> sizes) {
  Value result = indexConst(b, loc, 1);
  for (Value size : sizes)
    result = b.createOrFold<mlir::arith::MulIOp>(loc, result, size);
  return result;
}

/// Index values of the sizes of every dimension of `value`.
inline llvm::SmallVector<Value> dimValues(OpBuilder &b, Location loc,
                                          Value value) {
  llvm::SmallVector<Value> sizes;
  auto type = mlir::cast<RankedTensorType>(value.getType());
  for (int64_t d = 0; d < type.getRank(); ++d)
    sizes.push_back(dimValue(b, loc, value, d));
  return sizes;
}

/// `value` cast to `type` when the static information differs.
inline Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return mlir::tensor::CastOp::create(b, loc, type, value);
}

/// Parallel iterator types for `n` dimensions.
inline llvm::SmallVector<mlir::utils::IteratorType> parallel(int64_t n) {
  return llvm::SmallVector<mlir::utils::IteratorType>(
      n, mlir::utils::IteratorType::parallel);
}

/// linalg.index values of the first `n` dimensions of the enclosing op.
inline llvm::SmallVector<Value> loopIndices(OpBuilder &b, Location loc,
                                            int64_t n) {
  llvm::SmallVector<Value> result;
  for (int64_t d = 0; d < n; ++d)
    result.push_back(mlir::linalg::IndexOp::create(b, loc, d));
  return result;
}

/// Whether arith can compute on elements of `type` as they are: floats and
/// signless integers (the others go through toSignless).
inline bool isArithType(Type type) {
  return mlir::isa<mlir::FloatType>(type) || type.isSignlessInteger();
}

/// Whether `type` is an integer type with signedness (ui8, si32, ...).
inline bool isSignedOrUnsigned(Type type) {
  auto integer = mlir::dyn_cast<mlir::IntegerType>(type);
  return integer && !integer.isSignless();
}

/// The scalar `v` as the signless integer of its width where its type is
/// unsigned or signed: arith computes on signless integers only, and the
/// cast disappears when LLVM types make no such distinction (the way
/// upstream's tosa-to-linalg handles unsigned elements).
inline Value toSignless(OpBuilder &b, Location loc, Value v) {
  Type type = v.getType();
  if (!isSignedOrUnsigned(type))
    return v;
  Type signless = b.getIntegerType(type.getIntOrFloatBitWidth());
  return mlir::UnrealizedConversionCastOp::create(b, loc, signless, v)
      .getResult(0);
}

/// The signless scalar `v` back as `type` (the inverse of toSignless).
inline Value fromSignless(OpBuilder &b, Location loc, Value v, Type type) {
  if (v.getType() == type)
    return v;
  return mlir::UnrealizedConversionCastOp::create(b, loc, type, v).getResult(0);
}

} // namespace lowering
} // namespace ds

#endif // DS_PASSES_CONVERSION_DSTOLINALG_INDEXINGLOWERINGUTILS_H
