//===- Selection.cpp - Converters of Selection ONNX ops ---------*- C++ -*-===//
//
// Part of ds. CumSum and CumProd (the axis input, which must be a constant,
// becomes an attribute), ReverseSequence, NonZero, Compress (decomposed into
// ds.non_zero and ds.gather), Unique, TensorScatter, BitCast, Det and
// NonMaxSuppression (whose absent optional inputs, but the score threshold,
// become their default constants).
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "dialects/ds/ShapeInference.h"
#include "lib/Importer/ONNX/Decomposer.h"
#include "lib/Importer/ONNX/NodeContext.h"
#include "lib/Importer/ONNX/RuntimeAxes.h"
#include "lib/Importer/ONNX/TensorImport.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

/// An integer attribute that ONNX defines as a flag, 0 or 1 (`dflt` when
/// absent); other values are an error at the node.
std::optional<bool> flagAttr(NodeContext &node, StringRef name, bool dflt) {
  int64_t value = node.intAttr(name, dflt ? 1 : 0);
  if (value != 0 && value != 1) {
    (void)node.fail("attribute '" + name + "' must be 0 or 1, got " +
                    Twine(value));
    return std::nullopt;
  }
  return value == 1;
}

/// CumSum (opsets 11, 14), CumProd (opset 26): the axis input is a constant
/// that becomes the `axis` attribute.
template <typename OpTy> LogicalResult cumulative(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  if (!node.input(1))
    return node.fail("input 'axis' is required");
  std::optional<bool> exclusive = flagAttr(node, "exclusive", false);
  std::optional<bool> reverse = flagAttr(node, "reverse", false);
  if (node.failed())
    return failure();
  auto attrs = [&](int64_t axis) -> SmallVector<NamedAttribute> {
    return {node.named("axis", node.i64(axis)),
            node.named("exclusive", node.boolean(*exclusive)),
            node.named("reverse", node.boolean(*reverse))};
  };
  std::optional<SmallVector<int64_t>> axis =
      NodeContext::evaluateInts(node.input(1));
  if (!axis) {
    // The axis is computed at run time: the scan along each axis, selected.
    Decomposer d(node);
    auto type = dyn_cast<RankedTensorType>(x->getType());
    FailureOr<RuntimeAxes> axes = RuntimeAxes::get(
        d, node.input(1), type ? type.getRank() : -1, "axis (input #1)");
    if (failed(axes))
      return failure();
    if (axes->count() != 1)
      return node.fail("axis must hold one value, got " +
                       Twine(axes->count()));
    Value result;
    for (int64_t dim = 0; dim < axes->rank(); ++dim) {
      Value scan = d.op<OpTy>(*x, attrs(dim));
      result = dim == 0 ? scan : d.where(axes->isListed(dim), scan, result);
    }
    if (!d.ok() || !result)
      return failure();
    return node.setResults(result);
  }
  if (axis->size() != 1)
    return node.fail("axis must hold one value, got " + Twine(axis->size()));
  return node.emit<OpTy>(*x, attrs(axis->front()));
}

/// ReverseSequence (opsets 10, 28); the op checks the axes.
LogicalResult reverseSequence(NodeContext &node) {
  FailureOr<Value> input = node.requiredInput(0);
  FailureOr<Value> lens = node.requiredInput(1);
  if (failed(input) || failed(lens))
    return failure();
  int64_t batchAxis = node.intAttr("batch_axis", 1);
  int64_t timeAxis = node.intAttr("time_axis", 0);
  if (node.failed())
    return failure();
  return node.emit<ReverseSequenceOp>(
      {*input, *lens}, {node.named("batch_axis", node.i64(batchAxis)),
                        node.named("time_axis", node.i64(timeAxis))});
}

/// NonZero (opsets 9, 13).
LogicalResult nonZero(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  return node.emit<NonZeroOp>(*x);
}

/// Compress (opsets 9, 11, 28): the positions of the true conditions gather
/// slices along `axis`, or elements of the flattened input without it.
/// A condition shorter than the axis selects among the leading slices; a
/// longer one is an error.
LogicalResult compress(NodeContext &node) {
  FailureOr<Value> input = node.requiredInput(0);
  FailureOr<Value> condition = node.requiredInput(1);
  if (failed(input) || failed(condition))
    return failure();
  std::optional<int64_t> axis = node.intAttr("axis");
  if (node.failed())
    return failure();
  auto conditionType = dyn_cast<RankedTensorType>(condition->getType());
  if (conditionType && conditionType.getRank() != 1)
    return node.fail("condition must have rank 1, got " +
                     Twine(conditionType.getRank()));
  // A condition longer than the selected axis is an error (as in numpy).
  auto inputType = dyn_cast<RankedTensorType>(input->getType());
  if (conditionType && inputType && !conditionType.isDynamicDim(0)) {
    int64_t size = kDynamic;
    if (!axis)
      size = productOrDynamic(inputType.getShape());
    else if (*axis >= -inputType.getRank() && *axis < inputType.getRank())
      size =
          inputType.getDimSize(*axis < 0 ? *axis + inputType.getRank() : *axis);
    if (!ShapedType::isDynamic(size) && conditionType.getDimSize(0) > size)
      return node.fail("condition has " + Twine(conditionType.getDimSize(0)) +
                       " entries for " + Twine(size) +
                       (axis ? " slices" : " elements"));
  }
  Decomposer d(node);
  Value positions = d.squeeze(d.op<NonZeroOp>(*condition), {0});
  Value data = axis ? *input : d.reshape(*input, d.ints({-1}));
  Value output =
      d.op<GatherOp>({data, positions}, {d.axisAttr(axis.value_or(0))});
  return finish(d, output);
}

/// Unique (opsets 11, 28): the ds op always has the four results; the node
/// binds those it names.
LogicalResult unique(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  std::optional<int64_t> axis = node.intAttr("axis");
  std::optional<bool> sorted = flagAttr(node, "sorted", true);
  if (node.failed())
    return failure();
  SmallVector<NamedAttribute> attrs = {
      node.named("sorted", node.boolean(*sorted))};
  if (axis)
    attrs.push_back(node.named("axis", node.i64(*axis)));
  return node.emit<UniqueOp>(*x, attrs, /*numResults=*/4);
}

/// TensorScatter (opset 24); the op checks the mode.
LogicalResult tensorScatter(NodeContext &node) {
  FailureOr<Value> cache = node.requiredInput(0);
  FailureOr<Value> update = node.requiredInput(1);
  if (failed(cache) || failed(update))
    return failure();
  SmallVector<Value> operands = {*cache, *update};
  if (Value writeIndices = node.input(2))
    operands.push_back(writeIndices);
  std::string mode = node.stringAttr("mode", "linear");
  int64_t axis = node.intAttr("axis", -2);
  if (node.failed())
    return failure();
  return node.emit<TensorScatterOp>(
      operands, {node.named("mode", node.b.getStringAttr(mode)),
                 node.named("axis", node.i64(axis))});
}

/// BitCast (opset 26): `to` becomes the result's element type.
LogicalResult bitCast(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  std::optional<int64_t> to = node.intAttr("to");
  if (node.failed())
    return failure();
  if (!to)
    return node.fail("attribute 'to' is required");
  FailureOr<Type> elementType =
      convertElementType(static_cast<int32_t>(*to), node.getContext(), node.loc,
                         "the target of BitCast");
  if (failed(elementType))
    return failure();
  // ONNX stores a bool in a byte.
  auto bits = [](Type type) {
    return type.isInteger(1) ? 8u : type.getIntOrFloatBitWidth();
  };
  Type from = getElementType(x->getType());
  if (bits(from) != bits(*elementType)) {
    std::string message;
    llvm::raw_string_ostream os(message);
    os << "BitCast needs types of the same width, got " << from << " ("
       << bits(from) << " bits) to " << *elementType << " ("
       << bits(*elementType) << " bits)";
    return node.fail(message);
  }
  Type resultType = withElementType(x->getType(), *elementType);
  return node.setResults(
      BitCastOp::create(node.b, node.loc, resultType, *x)->getResults());
}

/// Det (opsets 11, 22).
LogicalResult det(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  return node.emit<DetOp>(*x);
}

/// NonMaxSuppression (opsets 10, 11): an absent max_output_boxes_per_class
/// or iou_threshold is its ONNX default 0; score_threshold stays optional.
LogicalResult nonMaxSuppression(NodeContext &node) {
  FailureOr<Value> boxes = node.requiredInput(0);
  FailureOr<Value> scores = node.requiredInput(1);
  if (failed(boxes) || failed(scores))
    return failure();
  std::optional<bool> centerPointBox =
      flagAttr(node, "center_point_box", false);
  if (node.failed())
    return failure();
  Value max = node.input(2);
  if (!max)
    max = node.constScalar(node.b.getI64Type(), 0);
  Value iou = node.input(3);
  if (!iou)
    iou = node.constScalar(node.b.getF32Type(), 0);
  SmallVector<Value> operands = {*boxes, *scores, max, iou};
  if (Value scoreThreshold = node.input(4))
    operands.push_back(scoreThreshold);
  return node.emit<NonMaxSuppressionOp>(
      operands,
      {node.named("center_point_box", node.boolean(*centerPointBox))});
}

} // namespace

void registerSelectionConverters(ConverterRegistry &r) {
  r.add("CumSum", cumulative<CumSumOp>, 11);
  r.add("CumProd", cumulative<CumProdOp>, 26);
  r.add("ReverseSequence", reverseSequence, 10);
  r.add("NonZero", nonZero, 9);
  r.add("Compress", compress, 9);
  r.add("Unique", unique, 11);
  r.add("TensorScatter", tensorScatter, 24);
  r.add("BitCast", bitCast, 26);
  r.add("Det", det, 11);
  r.add("NonMaxSuppression", nonMaxSuppression, 10);
}

} // namespace ds::onnx_import
