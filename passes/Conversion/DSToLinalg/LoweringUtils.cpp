//===- LoweringUtils.cpp - Shared by the ds-to-linalg patterns --*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;

Value ds::countAlong(OpBuilder &b, Location loc, Value input,
                     ArrayRef<int64_t> axes, Type type) {
  auto inputType = cast<RankedTensorType>(input.getType());
  int64_t staticCount = 1;
  Value dynamicCount;
  for (int64_t axis : axes) {
    if (!inputType.isDynamicDim(axis)) {
      staticCount *= inputType.getDimSize(axis);
      continue;
    }
    Value size = tensor::DimOp::create(b, loc, input, axis);
    dynamicCount =
        dynamicCount ? arith::MulIOp::create(b, loc, dynamicCount, size) : size;
  }
  if (!dynamicCount)
    return arith::ConstantOp::create(
        b, loc, type, b.getFloatAttr(type, static_cast<double>(staticCount)));
  if (staticCount != 1)
    dynamicCount = arith::MulIOp::create(
        b, loc, dynamicCount,
        arith::ConstantIndexOp::create(b, loc, staticCount));
  Value count =
      arith::IndexCastOp::create(b, loc, b.getI64Type(), dynamicCount);
  return arith::UIToFPOp::create(b, loc, type, count);
}

Type ds::toSignless(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    return shaped.clone(toSignless(shaped.getElementType()));
  if (auto integer = dyn_cast<IntegerType>(type); integer && integer.isUnsigned())
    return IntegerType::get(type.getContext(), integer.getWidth());
  return type;
}

Value ds::castSignedness(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return UnrealizedConversionCastOp::create(b, loc, type, value).getResult(0);
}

Value ds::broadcastAtRunTime(OpBuilder &b, Location loc, Value operand,
                             ArrayRef<OpFoldResult> sizes) {
  auto type = cast<RankedTensorType>(operand.getType());
  int64_t rank = sizes.size();
  int64_t offset = rank - type.getRank();
  SmallVector<int64_t> staticSizes;
  SmallVector<Value> dynamicSizes;
  for (OpFoldResult size : sizes) {
    std::optional<int64_t> constant = getConstantIntValue(size);
    staticSizes.push_back(constant ? *constant : ShapedType::kDynamic);
    if (!constant)
      dynamicSizes.push_back(cast<Value>(size));
  }
  auto resultType = RankedTensorType::get(staticSizes, type.getElementType());
  Value init = tensor::EmptyOp::create(b, loc, resultType, dynamicSizes);
  // The operand's sizes, read once outside the loop nest.
  SmallVector<Value> operandSizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    operandSizes.push_back(tensor::DimOp::create(b, loc, operand, d));
  MLIRContext *ctx = b.getContext();
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, ValueRange{}, ValueRange{init},
      SmallVector<AffineMap>{AffineMap::getMultiDimIdentityMap(rank, ctx)},
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange) {
        Value zero = arith::ConstantIndexOp::create(nb, nl, 0);
        Value one = arith::ConstantIndexOp::create(nb, nl, 1);
        SmallVector<Value> indices;
        for (int64_t d = 0; d < type.getRank(); ++d) {
          Value index = linalg::IndexOp::create(nb, nl, offset + d);
          if (type.getDimSize(d) == 1) {
            indices.push_back(zero);
            continue;
          }
          if (!type.isDynamicDim(d)) {
            indices.push_back(index);
            continue;
          }
          Value isOne = arith::CmpIOp::create(
              nb, nl, arith::CmpIPredicate::eq, operandSizes[d], one);
          indices.push_back(
              arith::SelectOp::create(nb, nl, isOne, zero, index));
        }
        Value element = tensor::ExtractOp::create(nb, nl, operand, indices);
        linalg::YieldOp::create(nb, nl, element);
      });
  return generic.getResult(0);
}
