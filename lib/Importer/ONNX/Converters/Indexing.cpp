//===- Indexing.cpp - Converters of ONNX ops to the Indexing family -------===//
//
// Part of ds. Gather, GatherElements, GatherND, ScatterND, ScatterElements,
// Scatter (the opset 9 name of ScatterElements), Resize and Upsample (a
// Resize with asymmetric coordinates).
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Reads the string attribute `name` (default `dflt`) and checks that it is
/// one of `allowed`; an error at the node otherwise.
FailureOr<std::string> readChoice(NodeContext &node, StringRef name,
                                  StringRef dflt,
                                  ArrayRef<StringLiteral> allowed) {
  std::string value = node.stringAttr(name, dflt);
  if (llvm::is_contained(allowed, value))
    return value;
  InFlightDiagnostic diag = node.emitError();
  diag << "attribute '" << name << "' is \"" << value
       << "\", which ds does not support at this opset (expected one of ";
  llvm::interleave(
      allowed, diag, [&](StringRef s) { diag << '"' << s << '"'; }, ", ");
  return diag << ")";
}

/// The `reduction` attribute of ScatterND and ScatterElements: absent before
/// opset 16, `none`/`add`/`mul` from 16, also `max`/`min` from 18.
FailureOr<std::string> readReduction(NodeContext &node) {
  if (node.opset < 16) {
    if (node.hasAttr("reduction"))
      return node.fail("attribute 'reduction' needs opset 16 or later");
    return std::string("none");
  }
  if (node.opset < 18)
    return readChoice(node, "reduction", "none", {"none", "add", "mul"});
  return readChoice(node, "reduction", "none",
                    {"none", "add", "mul", "max", "min"});
}

/// Whether `value` is statically known to hold no element: the empty
/// placeholders older Resize opsets require for unused inputs.
bool isEmptyTensor(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  return type && type.hasStaticShape() && type.getNumElements() == 0;
}

/// Whether `value` is a 1-D tensor of unknown length.
bool hasUnknownLength(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  return !type || type.isDynamicDim(0);
}

//===----------------------------------------------------------------------===//
// Gathers
//===----------------------------------------------------------------------===//

LogicalResult gather(NodeContext &node) {
  return node.emit<GatherOp>(
      node.inputsFrom(0),
      {node.named("axis", node.i64(node.intAttr("axis", 0)))});
}

LogicalResult gatherElements(NodeContext &node) {
  return node.emit<GatherElementsOp>(
      node.inputsFrom(0),
      {node.named("axis", node.i64(node.intAttr("axis", 0)))});
}

/// GatherND: `batch_dims` since opset 12.
LogicalResult gatherND(NodeContext &node) {
  if (node.opset < 12 && node.hasAttr("batch_dims"))
    return node.fail("attribute 'batch_dims' needs opset 12 or later");
  return node.emit<GatherNDOp>(
      node.inputsFrom(0),
      {node.named("batch_dims", node.i64(node.intAttr("batch_dims", 0)))});
}

//===----------------------------------------------------------------------===//
// Scatters
//===----------------------------------------------------------------------===//

LogicalResult scatterND(NodeContext &node) {
  FailureOr<std::string> reduction = readReduction(node);
  if (failed(reduction))
    return failure();
  return node.emit<ScatterNDOp>(
      node.inputsFrom(0),
      {node.named("reduction", node.b.getStringAttr(*reduction))});
}

/// ScatterElements, and Scatter (its deprecated name, without reduction).
LogicalResult scatterElements(NodeContext &node) {
  FailureOr<std::string> reduction = std::string("none");
  if (node.opType() == "ScatterElements")
    reduction = readReduction(node);
  if (failed(reduction))
    return failure();
  return node.emit<ScatterElementsOp>(
      node.inputsFrom(0),
      {node.named("axis", node.i64(node.intAttr("axis", 0))),
       node.named("reduction", node.b.getStringAttr(*reduction))});
}

//===----------------------------------------------------------------------===//
// Resize and Upsample
//===----------------------------------------------------------------------===//

/// The attributes of ds.resize other than the operand segments.
struct ResizeAttrs {
  std::string mode = "nearest";
  std::string coordinateTransformationMode = "half_pixel";
  std::string nearestMode = "round_prefer_floor";
  float cubicCoeffA = -0.75f;
  bool excludeOutside = false;
  float extrapolationValue = 0.0f;
  bool antialias = false;
  std::optional<SmallVector<int64_t>> axes;
  std::string keepAspectRatioPolicy = "stretch";
};

/// Emits ds.resize of `x`; absent operands are null.
LogicalResult emitResize(NodeContext &node, Value x, Value roi, Value scales,
                         Value sizes, const ResizeAttrs &attrs) {
  SmallVector<Value> operands = {x};
  for (Value operand : {roi, scales, sizes})
    if (operand)
      operands.push_back(operand);
  SmallVector<NamedAttribute> named = {
      node.named("operandSegmentSizes",
                 node.b.getDenseI32ArrayAttr(
                     {1, roi ? 1 : 0, scales ? 1 : 0, sizes ? 1 : 0})),
      node.named("mode", node.b.getStringAttr(attrs.mode)),
      node.named("coordinate_transformation_mode",
                 node.b.getStringAttr(attrs.coordinateTransformationMode)),
      node.named("nearest_mode", node.b.getStringAttr(attrs.nearestMode)),
      node.named("cubic_coeff_a", node.f32(attrs.cubicCoeffA)),
      node.named("exclude_outside", node.boolean(attrs.excludeOutside)),
      node.named("extrapolation_value", node.f32(attrs.extrapolationValue)),
      node.named("antialias", node.boolean(attrs.antialias)),
      node.named("keep_aspect_ratio_policy",
                 node.b.getStringAttr(attrs.keepAspectRatioPolicy))};
  if (attrs.axes)
    named.push_back(node.named("axes", node.i64s(*attrs.axes)));
  return node.emit<ResizeOp>(operands, named);
}

/// The interpolation of Upsample and Resize-10: `nearest` or `linear`, on
/// asymmetric coordinates (`x_original = x_resized / scale`), the nearest
/// input element being the one below (as repeating elements does).
FailureOr<ResizeAttrs> asymmetricAttrs(NodeContext &node) {
  FailureOr<std::string> mode =
      readChoice(node, "mode", "nearest", {"nearest", "linear"});
  if (failed(mode))
    return failure();
  ResizeAttrs attrs;
  attrs.mode = *mode;
  attrs.coordinateTransformationMode = "asymmetric";
  attrs.nearestMode = "floor";
  return attrs;
}

/// Upsample: scales as an attribute at opset 7, as an input from opset 9.
LogicalResult upsample(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  FailureOr<ResizeAttrs> attrs = asymmetricAttrs(node);
  if (failed(x) || failed(attrs))
    return failure();
  Value scales;
  if (node.opset >= 9) {
    FailureOr<Value> input = node.requiredInput(1);
    if (failed(input))
      return failure();
    scales = *input;
  } else {
    std::optional<SmallVector<float>> values = node.floatsAttr("scales");
    if (!values)
      return node.fail("attribute 'scales' is required");
    auto type = RankedTensorType::get({static_cast<int64_t>(values->size())},
                                      node.b.getF32Type());
    scales = ConstantOp::create(
        node.b, node.loc, type,
        DenseElementsAttr::get(type, ArrayRef<float>(*values)));
  }
  return emitResize(node, *x, {}, scales, {}, *attrs);
}

/// Resize-10: Upsample's form under a new name (scales only).
LogicalResult resize10(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  FailureOr<Value> scales = node.requiredInput(1);
  FailureOr<ResizeAttrs> attrs = asymmetricAttrs(node);
  if (failed(x) || failed(scales) || failed(attrs))
    return failure();
  return emitResize(node, *x, {}, *scales, {}, *attrs);
}

/// Resize from opset 11: inputs (X, roi, scales, sizes), of which opset 11
/// requires roi and scales (empty tensors when unused) and opset 13 makes
/// all but X optional. The canonical form keeps roi only where it is used
/// (tf_crop_and_resize) and exactly one of scales and sizes.
LogicalResult resize(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();

  ResizeAttrs attrs;
  FailureOr<std::string> mode =
      readChoice(node, "mode", "nearest", {"nearest", "linear", "cubic"});
  FailureOr<std::string> nearestMode =
      readChoice(node, "nearest_mode", "round_prefer_floor",
                 {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"});
  SmallVector<StringLiteral> transforms = {"half_pixel", "pytorch_half_pixel",
                                           "align_corners", "asymmetric",
                                           "tf_crop_and_resize"};
  if (node.opset >= 19)
    transforms.push_back("half_pixel_symmetric");
  FailureOr<std::string> transform = readChoice(
      node, "coordinate_transformation_mode", "half_pixel", transforms);
  if (failed(mode) || failed(nearestMode) || failed(transform))
    return failure();
  attrs.mode = *mode;
  attrs.nearestMode = *nearestMode;
  attrs.coordinateTransformationMode = *transform;
  attrs.cubicCoeffA = node.floatAttr("cubic_coeff_a", -0.75f);
  attrs.excludeOutside = node.intAttr("exclude_outside", 0) != 0;
  attrs.extrapolationValue = node.floatAttr("extrapolation_value", 0.0f);
  if (node.opset >= 18) {
    FailureOr<std::string> policy =
        readChoice(node, "keep_aspect_ratio_policy", "stretch",
                   {"stretch", "not_larger", "not_smaller"});
    if (failed(policy))
      return failure();
    attrs.keepAspectRatioPolicy = *policy;
    attrs.antialias = node.intAttr("antialias", 0) != 0;
    attrs.axes = node.intsAttr("axes");
  } else {
    for (StringRef name : {"keep_aspect_ratio_policy", "antialias", "axes"})
      if (node.hasAttr(name))
        return node.fail("attribute '" + name + "' needs opset 18 or later");
  }

  Value roi = node.input(1), scales = node.input(2), sizes = node.input(3);
  // roi only matters under tf_crop_and_resize; empty scales or sizes are
  // placeholders for "not given".
  if (roi && (attrs.coordinateTransformationMode != "tf_crop_and_resize" ||
              isEmptyTensor(roi)))
    roi = {};
  if (scales && isEmptyTensor(scales))
    scales = {};
  if (sizes && isEmptyTensor(sizes))
    sizes = {};
  if (scales && sizes) {
    // ONNX requires scales to be empty when sizes is given: one of unknown
    // length is taken to be.
    if (!hasUnknownLength(scales))
      return node.fail("only one of scales and sizes may be given");
    scales = {};
  }
  if (!scales && !sizes)
    return node.fail("one of scales and sizes must be given (non-empty)");
  return emitResize(node, *x, roi, scales, sizes, attrs);
}

} // namespace

void registerIndexingConverters(ConverterRegistry &r) {
  r.add("Gather", gather);
  r.add("GatherElements", gatherElements, 11);
  r.add("GatherND", gatherND, 11);
  r.add("ScatterND", scatterND, 11);
  r.add("ScatterElements", scatterElements, 11);
  // Deprecated from opset 11 in favour of ScatterElements, with which it
  // shares its meaning.
  r.add("Scatter", scatterElements, 9);
  r.add("Resize", resize10, 10, 10);
  r.add("Resize", resize, 11);
  // Deprecated from opset 10 in favour of Resize.
  r.add("Upsample", upsample, 7);
}

} // namespace ds::onnx_import
