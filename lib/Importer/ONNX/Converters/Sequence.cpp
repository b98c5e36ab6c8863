//===- Sequence.cpp - Converters of sequence and optional ops ---*- C++ -*-===//
//
// Part of ds. ONNX's sequence ops (opset 11 on) and optional ops (15 on)
// onto the ds ops of !ds.seq and !ds.opt values.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"
#include "lib/Importer/ONNX/TensorImport.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

template <typename OpTy> LogicalResult direct(NodeContext &node) {
  return node.emit<OpTy>(node.inputsFrom(0));
}

LogicalResult sequenceEmpty(NodeContext &node) {
  FailureOr<Type> elementType =
      convertElementType(node.intAttr("dtype", onnx::TensorProto::FLOAT),
                         node.getContext(), node.loc, "SequenceEmpty's dtype");
  if (failed(elementType))
    return node.fail("unsupported dtype");
  auto type = SequenceType::get(node.getContext(),
                                UnrankedTensorType::get(*elementType));
  return node.setResults(
      SequenceEmptyOp::create(node.b, node.loc, type)->getResults());
}

LogicalResult concatFromSequence(NodeContext &node) {
  std::optional<int64_t> axis = node.intAttr("axis");
  if (!axis)
    return node.fail("attribute 'axis' is required");
  return node.emit<ConcatFromSequenceOp>(
      node.inputsFrom(0),
      {node.named("axis", node.i64(*axis)),
       node.named("new_axis", node.boolean(node.intAttr("new_axis", 0)))});
}

LogicalResult splitToSequence(NodeContext &node) {
  return node.emit<SplitToSequenceOp>(
      node.inputsFrom(0),
      {node.named("axis", node.i64(node.intAttr("axis", 0))),
       node.named("keepdims", node.boolean(node.intAttr("keepdims", 1)))});
}

/// Optional: of its input, or empty of the type its `type` attribute names.
LogicalResult optional(NodeContext &node) {
  if (Value input = node.input(0)) {
    auto type = OptionalType::get(node.getContext(), input.getType());
    return node.setResults(
        OptionalOp::create(node.b, node.loc, type, input)->getResults());
  }
  const onnx::AttributeProto *typeAttr = nullptr;
  for (const onnx::AttributeProto &attr : node.node.attribute())
    if (attr.name() == "type" &&
        attr.type() == onnx::AttributeProto::TYPE_PROTO)
      typeAttr = &attr;
  if (!typeAttr)
    return node.fail("an Optional without input needs the 'type' attribute");
  FailureOr<Type> valueType = convertType(typeAttr->tp(), node.getContext(),
                                          node.loc, "the Optional's type");
  if (failed(valueType))
    return node.fail("unsupported type");
  auto type = OptionalType::get(node.getContext(), *valueType);
  return node.setResults(
      OptionalOp::create(node.b, node.loc, type, Value())->getResults());
}

/// OptionalGetElement: since opset 18 a plain tensor or sequence is its own
/// element.
LogicalResult optionalGetElement(NodeContext &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  if (!isa<OptionalType>(input->getType()))
    return node.opset >= 18
               ? node.setResults(*input)
               : node.fail("the input must be an optional before opset 18");
  return node.emit<OptionalGetElementOp>(*input);
}

/// OptionalHasElement: since opset 18 the input may be absent (false) or a
/// plain tensor or sequence (true).
LogicalResult optionalHasElement(NodeContext &node) {
  Value input = node.input(0);
  if (input && isa<OptionalType>(input.getType()))
    return node.emit<OptionalHasElementOp>(input);
  if (node.opset < 18)
    return node.fail("the input must be an optional before opset 18");
  auto type = RankedTensorType::get({}, node.b.getI1Type());
  Value constant = ConstantOp::create(
      node.b, node.loc, type, DenseElementsAttr::get(type, bool(input)));
  return node.setResults(constant);
}

} // namespace

void registerSequenceConverters(ConverterRegistry &r) {
  r.add("ConcatFromSequence", concatFromSequence, 11);
  r.add("Optional", optional, 15);
  r.add("OptionalGetElement", optionalGetElement, 15);
  r.add("OptionalHasElement", optionalHasElement, 15);
  r.add("SequenceAt", direct<SequenceAtOp>, 11);
  r.add("SequenceConstruct", direct<SequenceConstructOp>, 11);
  r.add("SequenceEmpty", sequenceEmpty, 11);
  r.add("SequenceErase", direct<SequenceEraseOp>, 11);
  r.add("SequenceInsert", direct<SequenceInsertOp>, 11);
  r.add("SequenceLength", direct<SequenceLengthOp>, 11);
  r.add("SplitToSequence", splitToSequence, 11);
}

} // namespace ds::onnx_import
