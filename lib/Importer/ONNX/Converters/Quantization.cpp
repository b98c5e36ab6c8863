//===- Quantization.cpp - Quantization ONNX ops --------------*- C++ -*-===//
//
// Part of ds. Linear (de)quantization and the quantized matrix products,
// decomposed into ds arithmetic: QuantizeLinear, DequantizeLinear,
// DynamicQuantizeLinear, MatMulInteger and QLinearMatMul. Each converter
// states the formula it implements.
//
// The quantized type is an 8- or 16-bit integer, or one of the float8
// formats and float4 (FLOAT4E2M1), which ds.cast converts to and from.
//
// Not converted: ConvInteger and QLinearConv, since ds.conv takes
// floating-point operands only; blocked quantization (block_size > 0); the
// 4-bit and 2-bit integers, FLOAT6 and quantization to e8m0, which ds does
// not have or ONNX does not allow.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/Decomposer.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

/// The saturation range of a quantized integer type, or std::nullopt for a
/// type ds does not quantize to.
std::optional<std::pair<double, double>> quantizedRange(Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer || (integer.getWidth() != 8 && integer.getWidth() != 16))
    return std::nullopt;
  unsigned width = integer.getWidth();
  if (integer.isUnsigned())
    return std::make_pair(0.0, double((1 << width) - 1));
  return std::make_pair(-double(1 << (width - 1)),
                        double((1 << (width - 1)) - 1));
}

/// `param` (a scale or zero point) shaped to broadcast against an input of
/// rank `rank`: a scalar as is, a 1-D tensor along `axis` (per-axis
/// quantization). Higher ranks (blocked quantization) are an error.
FailureOr<Value> alongAxis(Decomposer &d, Value param, int64_t rank,
                           int64_t axis, StringRef what) {
  auto type = dyn_cast<RankedTensorType>(param.getType());
  if (!type)
    return d.node.fail(what + " must have a known rank");
  if (type.getRank() == 0 || (type.getRank() == 1 && type.getDimSize(0) == 1))
    return param;
  if (type.getRank() != 1)
    return d.node.fail(what + " of rank " + Twine(type.getRank()) +
                       " (blocked quantization) is not supported");
  if (axis < -rank || axis >= rank)
    return d.node.fail("axis " + Twine(axis) +
                       " is out of range for an input of rank " + Twine(rank));
  if (axis < 0)
    axis += rank;
  SmallVector<int64_t> trailing;
  for (int64_t i = 1; i < rank - axis; ++i)
    trailing.push_back(i);
  Value shaped = d.unsqueeze(param, trailing);
  if (!shaped)
    return failure();
  return shaped;
}

/// The rank of `value`, or an error.
FailureOr<int64_t> rankOf(NodeContext &node, Value value, StringRef what) {
  if (auto type = dyn_cast<RankedTensorType>(value.getType()))
    return type.getRank();
  return node.fail(what + " must have a known rank");
}

/// The float formats ONNX quantizes to: the float8 formats and float4.
bool isQuantizedFloat(Type type) {
  return isa<Float8E4M3FNType, Float8E4M3FNUZType, Float8E5M2Type,
             Float8E5M2FNUZType, Float4E2M1FNType>(type);
}

/// Fails unless block_size is 0 (opset 21 on).
LogicalResult checkNotBlocked(NodeContext &node) {
  if (node.opset >= 21 && node.intAttr("block_size", 0) != 0)
    return node.fail("blocked quantization (block_size > 0) is not "
                     "supported");
  return success();
}

/// The quantization of a float `value` already divided by its scale:
///   saturate(round(value) + zero_point)
/// with round-half-to-even; computed in f32 and cast to `quantized`.
Value quantizeScaled(Decomposer &d, Value scaled, Value zeroPoint,
                     Type quantized) {
  std::pair<double, double> range = *quantizedRange(quantized);
  Type f32 = d.node.b.getF32Type();
  Value y = d.cast(d.op<RoundOp>(scaled), f32);
  if (zeroPoint)
    y = d.add(y, d.cast(zeroPoint, f32));
  return d.cast(d.clip(y, range.first, range.second), quantized);
}

//===----------------------------------------------------------------------===//
// QuantizeLinear
//===----------------------------------------------------------------------===//

/// QuantizeLinear (opsets 10, 13, 19, 21, 23, 24, 25, 28):
///   y = saturate(round(x / y_scale) + y_zero_point)
/// rounding half to even, the division in the precision attribute's type
/// (opset 23 on) or else y_scale's, the rest in f32. y_scale and
/// y_zero_point are scalars (per tensor) or 1-D along `axis` (per axis,
/// opset 13 on). The result type is y_zero_point's, else output_dtype
/// (opset 21 on), else uint8; int8, uint8, int16 and uint16 are supported.
/// For the float8 formats and float4 (opset 19 and 23 on):
///   y = cast(x / y_scale + y_zero_point)
/// in the division's type, the cast rounding to nearest even and saturating
/// unless the `saturate` attribute is 0 (float4 always saturates).
LogicalResult quantizeLinear(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> x = node.requiredInput(0);
  FailureOr<Value> scale = node.requiredInput(1);
  if (failed(x) || failed(scale) || failed(checkNotBlocked(node)))
    return failure();
  Value zeroPoint = node.input(2);
  FailureOr<int64_t> rank = rankOf(node, *x, "the input");
  if (failed(rank))
    return failure();

  Type quantized =
      IntegerType::get(node.getContext(), 8, IntegerType::Unsigned);
  if (zeroPoint)
    quantized = elementTypeOf(zeroPoint);
  if (int64_t dtype = node.opset >= 21 ? node.intAttr("output_dtype", 0) : 0) {
    switch (dtype) {
    case onnx::TensorProto::INT8:
    case onnx::TensorProto::UINT8:
    case onnx::TensorProto::INT16:
    case onnx::TensorProto::UINT16:
    case onnx::TensorProto::FLOAT8E4M3FN:
    case onnx::TensorProto::FLOAT8E4M3FNUZ:
    case onnx::TensorProto::FLOAT8E5M2:
    case onnx::TensorProto::FLOAT8E5M2FNUZ:
    case onnx::TensorProto::FLOAT4E2M1:
      break;
    default:
      return node.fail("quantization to " +
                       dataTypeName(static_cast<int32_t>(dtype)) +
                       " is not supported (int8, uint8, int16, uint16, the "
                       "float8 formats and float4 are)");
    }
    FailureOr<Type> type =
        convertElementType(static_cast<int32_t>(dtype), node.getContext(),
                           node.loc, "output_dtype");
    if (failed(type))
      return failure();
    if (zeroPoint && *type != quantized)
      return node.fail("output_dtype differs from the type of y_zero_point");
    quantized = *type;
  }
  if (!quantizedRange(quantized) && !isQuantizedFloat(quantized))
    return node.emitError() << "quantization to " << quantized
                            << " is not supported (int8, uint8, int16, "
                               "uint16, the float8 formats and float4 are)";

  Type precision = elementTypeOf(*scale);
  if (int64_t attr = node.opset >= 23 ? node.intAttr("precision", 0) : 0) {
    FailureOr<Type> type = convertElementType(
        static_cast<int32_t>(attr), node.getContext(), node.loc, "precision");
    if (failed(type))
      return failure();
    precision = *type;
  }
  if (!isa<FloatType>(precision))
    return node.fail("the division must be in a floating-point type");

  int64_t axis = node.opset >= 13 ? node.intAttr("axis", 1) : 1;
  FailureOr<Value> s = alongAxis(d, *scale, *rank, axis, "y_scale");
  if (failed(s))
    return failure();
  Value zp;
  if (zeroPoint) {
    FailureOr<Value> shaped =
        alongAxis(d, zeroPoint, *rank, axis, "y_zero_point");
    if (failed(shaped))
      return failure();
    zp = *shaped;
  }
  Value scaled = d.div(d.cast(*x, precision), d.cast(*s, precision));
  Value y;
  if (isQuantizedFloat(quantized)) {
    if (zp)
      scaled = d.add(scaled, d.cast(zp, precision));
    bool saturate = node.opset < 19 || node.intAttr("saturate", 1) != 0;
    if (d.ok() && scaled)
      y = CastOp::create(node.b, node.loc,
                         withElementType(scaled.getType(), quantized), scaled,
                         saturate, "up");
  } else {
    y = quantizeScaled(d, scaled, zp, quantized);
  }
  if (!d.ok() || !y)
    return failure();
  return node.setResults(y);
}

//===----------------------------------------------------------------------===//
// DequantizeLinear
//===----------------------------------------------------------------------===//

/// DequantizeLinear (opsets 10, 13, 19, 21, 23, 24, 25, 28):
///   y = (x - x_zero_point) * x_scale
/// the difference exact in i32 (in f32 for the float8 formats and float4),
/// the product in the output type (output_dtype from opset 23 on, else
/// x_scale's). Scale and zero point are per tensor or 1-D along `axis`
/// (opset 13 on).
LogicalResult dequantizeLinear(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> x = node.requiredInput(0);
  FailureOr<Value> scale = node.requiredInput(1);
  if (failed(x) || failed(scale) || failed(checkNotBlocked(node)))
    return failure();
  Value zeroPoint = node.input(2);
  FailureOr<int64_t> rank = rankOf(node, *x, "the input");
  if (failed(rank))
    return failure();
  Type input = elementTypeOf(*x);
  auto integer = dyn_cast<IntegerType>(input);
  bool isFloat = isQuantizedFloat(input);
  if (!isFloat &&
      (!integer || integer.getWidth() > 32 || integer.getWidth() == 1))
    return node.emitError()
           << "dequantization of " << input << " is not supported";

  Type output = elementTypeOf(*scale);
  if (int64_t dtype = node.opset >= 23 ? node.intAttr("output_dtype", 0) : 0) {
    FailureOr<Type> type =
        convertElementType(static_cast<int32_t>(dtype), node.getContext(),
                           node.loc, "output_dtype");
    if (failed(type))
      return failure();
    output = *type;
  }
  if (!isa<FloatType>(output))
    return node.fail("the output type must be floating-point");

  int64_t axis = node.opset >= 13 ? node.intAttr("axis", 1) : 1;
  FailureOr<Value> s = alongAxis(d, *scale, *rank, axis, "x_scale");
  if (failed(s))
    return failure();
  // The float formats convert exactly to f32; their zero point is 0 in
  // practice (ONNX's reference ignores it), which keeps the difference
  // exact.
  Type diffType = isFloat ? Type(node.b.getF32Type()) : node.b.getI32Type();
  Value diff = d.cast(*x, diffType);
  if (zeroPoint) {
    FailureOr<Value> zp = alongAxis(d, zeroPoint, *rank, axis, "x_zero_point");
    if (failed(zp))
      return failure();
    diff = d.sub(diff, d.cast(*zp, diffType));
  }
  Value y = d.mul(d.cast(diff, output), d.cast(*s, output));
  if (!d.ok() || !y)
    return failure();
  return node.setResults(y);
}

//===----------------------------------------------------------------------===//
// DynamicQuantizeLinear
//===----------------------------------------------------------------------===//

/// DynamicQuantizeLinear (opset 11), as its ONNX function body:
///   lo = min(reduce_min(x), 0), hi = max(reduce_max(x), 0),
///   y_scale = (hi - lo) / 255,
///   y_zero_point = cast(round(clip(0 - lo / y_scale, 0, 255))),
///   y = saturate(round(x / y_scale) + y_zero_point) to uint8.
LogicalResult dynamicQuantizeLinear(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  Type f32 = node.b.getF32Type();
  if (elementTypeOf(*x) != f32)
    return node.fail("the input must be f32");
  Type u8 = IntegerType::get(node.getContext(), 8, IntegerType::Unsigned);
  NamedAttribute noKeep = node.named("keepdims", node.boolean(false));
  Value zero = d.scalar(f32, 0);
  Value lo = d.op<MinOp>({d.op<ReduceMinOp>(*x, {noKeep}), zero});
  Value hi = d.op<MaxOp>({d.op<ReduceMaxOp>(*x, {noKeep}), zero});
  Value scale = d.div(d.sub(hi, lo), d.scalar(f32, 255));
  Value zeroPoint =
      d.cast(d.op<RoundOp>(d.clip(d.sub(zero, d.div(lo, scale)), 0, 255)), u8);
  Value y = quantizeScaled(d, d.div(*x, scale), zeroPoint, u8);
  if (!d.ok() || !y)
    return failure();
  return node.setResults({y, scale, zeroPoint});
}

//===----------------------------------------------------------------------===//
// MatMulInteger, QLinearMatMul
//===----------------------------------------------------------------------===//

/// `x - zero_point` in i32; a 1-D zero point of the left operand is per row
/// (it becomes [M, 1]), one of the right operand per column.
Value centered(Decomposer &d, Value x, Value zeroPoint, bool perRow) {
  Type i32 = d.node.b.getI32Type();
  Value wide = d.cast(x, i32);
  if (!zeroPoint)
    return wide;
  auto type = dyn_cast<RankedTensorType>(zeroPoint.getType());
  if (perRow && type && type.getRank() == 1)
    zeroPoint = d.unsqueeze(zeroPoint, {1});
  return d.sub(wide, d.cast(zeroPoint, i32));
}

bool isInt8(Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  return integer && integer.getWidth() == 8;
}

/// MatMulInteger (opset 10):
///   Y = (A - a_zero_point) @ (B - b_zero_point)
/// in i32 (ds.matmul accumulates integers in their type), a_zero_point per
/// tensor or per row, b_zero_point per tensor or per column.
LogicalResult matMulInteger(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> a = node.requiredInput(0);
  FailureOr<Value> b = node.requiredInput(1);
  if (failed(a) || failed(b))
    return failure();
  if (!isInt8(elementTypeOf(*a)) || !isInt8(elementTypeOf(*b)))
    return node.fail("A and B must be int8 or uint8");
  Value y = d.op<MatMulOp>({centered(d, *a, node.input(2), true),
                            centered(d, *b, node.input(3), false)});
  if (!d.ok() || !y)
    return failure();
  return node.setResults(y);
}

/// QLinearMatMul (opsets 10, 21): the exact integer product of the centered
/// operands, requantized as the dequantize-matmul-quantize formula reads:
///   acc = (a - a_zero_point) @ (b - b_zero_point)            (i32)
///   y = saturate(round(acc * (a_scale * b_scale / y_scale)) + y_zero_point)
/// since dequantize(a) @ dequantize(b) = a_scale * b_scale * acc when the
/// scales are per tensor, per row of a and per column of b. The scale
/// arithmetic is in f32.
LogicalResult qLinearMatMul(NodeContext &node) {
  Decomposer d(node);
  SmallVector<Value> in;
  for (unsigned i = 0; i < 8; ++i) {
    FailureOr<Value> value = node.requiredInput(i);
    if (failed(value))
      return failure();
    in.push_back(*value);
  }
  Value a = in[0], aScale = in[1], aZero = in[2], b = in[3], bScale = in[4],
        bZero = in[5], yScale = in[6], yZero = in[7];
  if (!isInt8(elementTypeOf(a)) || !isInt8(elementTypeOf(b)) ||
      !isInt8(elementTypeOf(yZero)))
    return node.fail("a, b and y must be int8 or uint8");
  Type f32 = node.b.getF32Type();
  auto perRow = [&](Value scale) {
    auto type = dyn_cast<RankedTensorType>(scale.getType());
    return type && type.getRank() == 1 ? d.unsqueeze(scale, {1}) : scale;
  };
  Value acc = d.op<MatMulOp>(
      {centered(d, a, aZero, true), centered(d, b, bZero, false)});
  Value multiplier =
      d.div(d.mul(d.cast(perRow(aScale), f32), d.cast(bScale, f32)),
            d.cast(perRow(yScale), f32));
  Value y = quantizeScaled(d, d.mul(d.cast(acc, f32), multiplier),
                           perRow(yZero), elementTypeOf(yZero));
  if (!d.ok() || !y)
    return failure();
  return node.setResults(y);
}

} // namespace

void registerQuantizationConverters(ConverterRegistry &r) {
  r.add("DequantizeLinear", dequantizeLinear, 10);
  r.add("DynamicQuantizeLinear", dynamicQuantizeLinear, 11);
  r.add("MatMulInteger", matMulInteger, 10);
  r.add("QLinearMatMul", qLinearMatMul, 10);
  r.add("QuantizeLinear", quantizeLinear, 10);
}

} // namespace ds::onnx_import
