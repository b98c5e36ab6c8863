//===- Elementwise.cpp - Converters of elementwise ONNX ops -----*- C++ -*-===//
//
// Part of ds. Unary, binary and variadic elementwise ops, activations,
// Where, Clip, Cast, CastLike, Dropout (inference) and Identity.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"
#include "lib/Importer/ONNX/TensorImport.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

/// Ops whose ONNX inputs map one to one onto the ds op's operands and which
/// take no attributes.
template <typename OpTy> LogicalResult direct(NodeContext &node) {
  return node.emit<OpTy>(node.inputsFrom(0));
}

/// Unary ops with float attributes of the same names and ONNX defaults.
template <typename OpTy>
LogicalResult withFloatAttrs(NodeContext &node,
                             ArrayRef<std::pair<StringRef, float>> attrs) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  SmallVector<NamedAttribute> named;
  for (auto [name, dflt] : attrs)
    named.push_back(node.named(name, node.f32(node.floatAttr(name, dflt))));
  return node.emit<OpTy>(*x, named);
}

LogicalResult leakyRelu(NodeContext &node) {
  return withFloatAttrs<LeakyReluOp>(node, {{"alpha", 0.01f}});
}
LogicalResult elu(NodeContext &node) {
  return withFloatAttrs<EluOp>(node, {{"alpha", 1.0f}});
}
LogicalResult celu(NodeContext &node) {
  return withFloatAttrs<CeluOp>(node, {{"alpha", 1.0f}});
}
LogicalResult selu(NodeContext &node) {
  return withFloatAttrs<SeluOp>(node, {{"alpha", 1.67326319217681884765625f},
                                       {"gamma", 1.05070102214813232421875f}});
}
LogicalResult hardSigmoid(NodeContext &node) {
  return withFloatAttrs<HardSigmoidOp>(node, {{"alpha", 0.2f}, {"beta", 0.5f}});
}
LogicalResult thresholdedRelu(NodeContext &node) {
  return withFloatAttrs<ThresholdedReluOp>(node, {{"alpha", 1.0f}});
}

LogicalResult gelu(NodeContext &node) {
  std::string approximate = node.stringAttr("approximate", "none");
  return node.emit<GeluOp>(
      node.inputsFrom(0),
      {node.named("approximate", node.b.getStringAttr(approximate))});
}

LogicalResult isInf(NodeContext &node) {
  return node.emit<IsInfOp>(
      node.inputsFrom(0),
      {node.named("detect_negative",
                  node.boolean(node.intAttr("detect_negative", 1) != 0)),
       node.named("detect_positive",
                  node.boolean(node.intAttr("detect_positive", 1) != 0))});
}

LogicalResult mod(NodeContext &node) {
  return node.emit<ModOp>(
      node.inputsFrom(0),
      {node.named("fmod", node.boolean(node.intAttr("fmod", 0) != 0))});
}

LogicalResult bitShift(NodeContext &node) {
  std::optional<std::string> direction = node.stringAttr("direction");
  if (!direction)
    return node.fail("attribute 'direction' is required");
  return node.emit<BitShiftOp>(
      node.inputsFrom(0),
      {node.named("direction", node.b.getStringAttr(*direction))});
}

/// Max, Min, Sum: a left fold of the (one or more) inputs with `OpTy`.
template <typename OpTy> FailureOr<Value> foldInputs(NodeContext &node) {
  SmallVector<Value> inputs = node.inputsFrom(0);
  if (inputs.empty())
    return node.fail("needs at least one input");
  Value acc = inputs.front();
  for (Value next : llvm::drop_begin(inputs)) {
    FailureOr<Value> combined = node.value<OpTy>({acc, next});
    if (failed(combined))
      return failure();
    acc = *combined;
  }
  return acc;
}

template <typename OpTy> LogicalResult variadic(NodeContext &node) {
  FailureOr<Value> result = foldInputs<OpTy>(node);
  if (failed(result))
    return failure();
  return node.setResults(*result);
}

LogicalResult mean(NodeContext &node) {
  FailureOr<Value> sum = foldInputs<AddOp>(node);
  if (failed(sum))
    return failure();
  Type elementType = getElementType(sum->getType());
  Value count = node.constScalar(elementType, node.inputsFrom(0).size());
  return node.emit<DivOp>({*sum, count});
}

LogicalResult where(NodeContext &node) { return direct<WhereOp>(node); }

/// Clip: bounds are inputs since opset 11, attributes before.
LogicalResult clip(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  Value min, max;
  if (node.opset >= 11) {
    min = node.input(1);
    max = node.input(2);
  } else {
    Type elementType = getElementType(x->getType());
    if (std::optional<float> lo = node.floatAttr("min"))
      min = node.constScalar(elementType, *lo);
    if (std::optional<float> hi = node.floatAttr("max"))
      max = node.constScalar(elementType, *hi);
  }
  SmallVector<Value> operands = {*x};
  if (min)
    operands.push_back(min);
  if (max)
    operands.push_back(max);
  return node.emit<ClipOp>(
      operands,
      {node.named("operandSegmentSizes",
                  node.b.getDenseI32ArrayAttr({1, min ? 1 : 0, max ? 1 : 0}))});
}

/// Cast and CastLike: the result has the input's shape and a new element
/// type, which ds.cast takes from its result type. `saturate` (opset 19 on)
/// and `round_mode` (opset 24 on) only matter for the float8, float4 and
/// e8m0 targets.
LogicalResult castTo(NodeContext &node, Value input, Type elementType) {
  Type resultType = withElementType(input.getType(), elementType);
  bool saturate = node.opset < 19 || node.intAttr("saturate", 1) != 0;
  std::string roundMode =
      node.opset >= 24 ? node.stringAttr("round_mode", "up") : "up";
  if (roundMode != "up" && roundMode != "down" && roundMode != "nearest")
    return node.fail("round_mode must be 'up', 'down' or 'nearest', got '" +
                     roundMode + "'");
  return node.setResults(
      CastOp::create(node.b, node.loc, resultType, input, saturate, roundMode)
          ->getResults());
}

LogicalResult cast(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  std::optional<int64_t> to = node.intAttr("to");
  if (failed(x))
    return failure();
  if (!to)
    return node.fail("attribute 'to' is required");
  FailureOr<Type> elementType =
      convertElementType(static_cast<int32_t>(*to), node.getContext(), node.loc,
                         "the target of Cast");
  if (failed(elementType))
    return failure();
  return castTo(node, *x, *elementType);
}

LogicalResult castLike(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  FailureOr<Value> like = node.requiredInput(1);
  if (failed(x) || failed(like))
    return failure();
  return castTo(node, *x, getElementType(like->getType()));
}

/// Dropout at inference: the input, and an all-true mask if asked for.
LogicalResult dropout(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  if (node.opset >= 12) {
    if (Value training = node.input(2)) {
      std::optional<SmallVector<int64_t>> mode = getConstantInts(training);
      if (!mode || mode->size() != 1 || mode->front() != 0)
        return node.fail("training_mode must be a constant false: ds imports "
                         "Dropout for inference");
    }
  }
  SmallVector<Value> results = {*x};
  if (node.node.output_size() > 1 && !node.node.output(1).empty()) {
    FailureOr<Value> shape = node.value<ShapeOp>(*x);
    if (failed(shape))
      return failure();
    auto trueValue = DenseElementsAttr::get(
        RankedTensorType::get({1}, node.b.getI1Type()), true);
    FailureOr<Value> mask =
        node.value<ConstantOfShapeOp>(*shape, {node.named("value", trueValue)});
    if (failed(mask))
      return failure();
    results.push_back(*mask);
  }
  return node.setResults(results);
}

} // namespace

void registerElementwiseConverters(ConverterRegistry &r) {
  // Unary.
  r.add("Abs", direct<AbsOp>);
  r.add("Acos", direct<AcosOp>);
  r.add("Acosh", direct<AcoshOp>);
  r.add("Asin", direct<AsinOp>);
  r.add("Asinh", direct<AsinhOp>);
  r.add("Atan", direct<AtanOp>);
  r.add("Atanh", direct<AtanhOp>);
  r.add("BitwiseNot", direct<BitwiseNotOp>);
  r.add("Ceil", direct<CeilOp>);
  r.add("Cos", direct<CosOp>);
  r.add("Cosh", direct<CoshOp>);
  r.add("Erf", direct<ErfOp>);
  r.add("Exp", direct<ExpOp>);
  r.add("Floor", direct<FloorOp>);
  r.add("HardSwish", direct<HardSwishOp>);
  r.add("Identity", direct<IdentityOp>);
  r.add("IsNaN", direct<IsNaNOp>);
  r.add("Log", direct<LogOp>);
  r.add("Mish", direct<MishOp>);
  r.add("Neg", direct<NegOp>);
  r.add("Not", direct<NotOp>);
  r.add("Reciprocal", direct<ReciprocalOp>);
  r.add("Relu", direct<ReluOp>);
  r.add("Round", direct<RoundOp>);
  r.add("Sigmoid", direct<SigmoidOp>);
  r.add("Sign", direct<SignOp>);
  r.add("Sin", direct<SinOp>);
  r.add("Sinh", direct<SinhOp>);
  r.add("Softplus", direct<SoftplusOp>);
  r.add("Softsign", direct<SoftsignOp>);
  r.add("Sqrt", direct<SqrtOp>);
  r.add("Tan", direct<TanOp>);
  r.add("Tanh", direct<TanhOp>);
  // Activations with attributes.
  r.add("Celu", celu);
  r.add("Elu", elu);
  r.add("Gelu", gelu);
  r.add("HardSigmoid", hardSigmoid);
  r.add("IsInf", isInf);
  r.add("LeakyRelu", leakyRelu);
  r.add("Selu", selu);
  r.add("ThresholdedRelu", thresholdedRelu);
  // Binary.
  r.add("Add", direct<AddOp>);
  r.add("And", direct<AndOp>);
  r.add("BitShift", bitShift);
  r.add("BitwiseAnd", direct<BitwiseAndOp>);
  r.add("BitwiseOr", direct<BitwiseOrOp>);
  r.add("BitwiseXor", direct<BitwiseXorOp>);
  r.add("Div", direct<DivOp>);
  r.add("Equal", direct<EqualOp>);
  r.add("Greater", direct<GreaterOp>);
  r.add("GreaterOrEqual", direct<GreaterOrEqualOp>);
  r.add("Less", direct<LessOp>);
  r.add("LessOrEqual", direct<LessOrEqualOp>);
  r.add("Mod", mod);
  r.add("Mul", direct<MulOp>);
  r.add("Or", direct<OrOp>);
  r.add("Pow", direct<PowOp>);
  r.add("PRelu", direct<PReluOp>);
  r.add("Sub", direct<SubOp>);
  r.add("Xor", direct<XorOp>);
  // Variadic.
  r.add("Max", variadic<MaxOp>);
  r.add("Mean", mean);
  r.add("Min", variadic<MinOp>);
  r.add("Sum", variadic<AddOp>);
  // Others.
  r.add("Cast", cast);
  r.add("CastLike", castLike);
  r.add("Clip", clip);
  r.add("Dropout", dropout);
  r.add("Where", where);
}

} // namespace ds::onnx_import
