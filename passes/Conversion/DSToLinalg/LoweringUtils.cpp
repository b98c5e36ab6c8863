//===- LoweringUtils.cpp - Shared by the ds-to-linalg patterns --*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
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
