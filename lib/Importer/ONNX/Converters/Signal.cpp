//===- Signal.cpp - Converters of ONNX ops to the Signal family -*- C++ -*-===//
//
// Part of ds. DFT (the axis, an attribute in opset 17 and an input since
// opset 20, becomes the ds attribute), STFT and MelWeightMatrix (whose
// integer `output_datatype` becomes a type attribute).
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "dialects/ds/ShapeInference.h"
#include "lib/Importer/ONNX/NodeContext.h"
#include "lib/Importer/ONNX/TensorImport.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

/// The 0-or-1 attribute `name` as a bool; other values are errors.
std::optional<bool> readFlag(NodeContext &node, StringRef name, int64_t dflt) {
  int64_t value = node.intAttr(name, dflt);
  if (node.failed())
    return std::nullopt;
  if (value != 0 && value != 1) {
    (void)node.fail("attribute '" + name + "' must be 0 or 1, got " +
                    std::to_string(value));
    return std::nullopt;
  }
  return value == 1;
}

/// DFT: the axis is an attribute (default 1) before opset 20 and a constant
/// scalar input (default -2) since.
LogicalResult dft(NodeContext &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  Value length = node.input(1);
  std::optional<bool> inverse = readFlag(node, "inverse", 0);
  std::optional<bool> onesided = readFlag(node, "onesided", 0);
  if (!inverse || !onesided)
    return failure();
  int64_t axis;
  if (node.opset < 20) {
    axis = node.intAttr("axis", 1);
  } else {
    FailureOr<std::optional<SmallVector<int64_t>>> axisInput =
        node.constantInts(2, "axis");
    if (failed(axisInput))
      return failure();
    if (*axisInput && (*axisInput)->size() != 1)
      return node.fail("input 'axis' must be a scalar");
    axis = *axisInput ? (**axisInput)[0] : -2;
  }
  if (node.failed())
    return failure();
  SmallVector<Value> operands = {*input};
  if (length)
    operands.push_back(length);
  return node.emit<DFTOp>(operands,
                          {node.named("axis", node.i64(axis)),
                           node.named("inverse", node.boolean(*inverse)),
                           node.named("onesided", node.boolean(*onesided))});
}

/// STFT: signal, frame_step, then the optional window and frame_length.
LogicalResult stft(NodeContext &node) {
  FailureOr<Value> signal = node.requiredInput(0);
  FailureOr<Value> step = node.requiredInput(1);
  if (failed(signal) || failed(step))
    return failure();
  Value window = node.input(2), length = node.input(3);
  std::optional<bool> onesided = readFlag(node, "onesided", 1);
  if (!onesided)
    return failure();
  SmallVector<Value> operands = {*signal, *step};
  if (window)
    operands.push_back(window);
  if (length)
    operands.push_back(length);
  return node.emit<STFTOp>(
      operands, {node.named("onesided", node.boolean(*onesided)),
                 node.named("operandSegmentSizes",
                            node.b.getDenseI32ArrayAttr(
                                {1, 1, window ? 1 : 0, length ? 1 : 0}))});
}

/// MelWeightMatrix: five scalar inputs; `output_datatype` defaults to FLOAT.
LogicalResult melWeightMatrix(NodeContext &node) {
  SmallVector<Value> operands;
  for (unsigned i = 0; i < 5; ++i) {
    FailureOr<Value> operand = node.requiredInput(i);
    if (failed(operand))
      return failure();
    operands.push_back(*operand);
  }
  int64_t code = node.intAttr("output_datatype", /*FLOAT*/ 1);
  if (node.failed())
    return failure();
  FailureOr<Type> type =
      convertElementType(static_cast<int32_t>(code), node.getContext(),
                         node.loc, "the output_datatype of MelWeightMatrix");
  if (failed(type))
    return failure();
  if (type->isInteger(1))
    return node.fail("output_datatype BOOL is not supported: the weights are "
                     "numbers");
  return node.emit<MelWeightMatrixOp>(
      operands, {node.named("output_datatype", TypeAttr::get(*type))});
}

} // namespace

void registerSignalConverters(ConverterRegistry &r) {
  r.add("DFT", dft, 17);
  r.add("STFT", stft, 17);
  r.add("MelWeightMatrix", melWeightMatrix, 17);
}

} // namespace ds::onnx_import
