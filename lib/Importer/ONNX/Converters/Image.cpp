//===- Image.cpp - Converters of ONNX ops to the Image family -*- C++ -*-===//
//
// Part of ds. GridSample, AffineGrid, RoiAlign, MaxRoiPool, MaxUnpool,
// Col2Im, DeformConv and ConvInteger map onto the ds ops of the same names;
// QLinearConv decomposes into ds.conv_integer and a requantization. The
// converters normalize what changed between opsets (GridSample's mode names,
// RoiAlign's coordinate transformation) and reject attribute values ds does
// not know at the node.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/Decomposer.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

//===----------------------------------------------------------------------===//
// Attribute helpers
//===----------------------------------------------------------------------===//

/// The string attribute `name` (default `dflt`) when it is one of `allowed`;
/// an error at the node otherwise.
FailureOr<std::string> readChoice(NodeContext &node, StringRef name,
                                  StringRef dflt,
                                  ArrayRef<StringLiteral> allowed) {
  std::string value = node.stringAttr(name, dflt);
  if (llvm::is_contained(allowed, value))
    return value;
  InFlightDiagnostic diag = node.emitError();
  diag << "unsupported " << name << " '" << value << "' (expected ";
  for (auto [i, option] : llvm::enumerate(allowed))
    diag << (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") << option;
  return diag << ")";
}

/// The 0/1 attribute `name` (default 0) as a bool; an error otherwise.
FailureOr<bool> readFlag(NodeContext &node, StringRef name) {
  int64_t value = node.intAttr(name, 0);
  if (value != 0 && value != 1)
    return node.fail("attribute '" + name + "' must be 0 or 1, got " +
                     Twine(value));
  return value == 1;
}

/// Adds `name = value` to `attrs` unless `value` is the default.
void addString(NodeContext &node, SmallVectorImpl<NamedAttribute> &attrs,
               StringRef name, StringRef value, StringRef dflt) {
  if (value != dflt)
    attrs.push_back(node.named(name, node.b.getStringAttr(value)));
}

/// Copies the integer-list attribute `name` when the node has it.
void copyInts(NodeContext &node, StringRef name,
              SmallVectorImpl<NamedAttribute> &attrs) {
  if (std::optional<SmallVector<int64_t>> values = node.intsAttr(name))
    attrs.push_back(node.named(name, node.i64s(*values)));
}

/// Copies the integer attribute `name` when the node gives it a value other
/// than `dflt`.
void copyInt(NodeContext &node, StringRef name, int64_t dflt,
             SmallVectorImpl<NamedAttribute> &attrs) {
  int64_t value = node.intAttr(name, dflt);
  if (value != dflt)
    attrs.push_back(node.named(name, node.i64(value)));
}

/// `operandSegmentSizes` of ops with optional operands, for `operands` whose
/// absent ones are null; drops those from `operands`.
NamedAttribute segments(NodeContext &node, SmallVectorImpl<Value> &operands) {
  SmallVector<int32_t> sizes;
  for (Value operand : operands)
    sizes.push_back(operand ? 1 : 0);
  llvm::erase(operands, Value());
  return node.named("operandSegmentSizes", node.b.getDenseI32ArrayAttr(sizes));
}

/// The required inputs [0, count) of the node, or failure.
FailureOr<SmallVector<Value>> requiredInputs(NodeContext &node,
                                             unsigned count) {
  SmallVector<Value> inputs;
  for (unsigned i = 0; i < count; ++i) {
    FailureOr<Value> value = node.requiredInput(i);
    if (failed(value))
      return failure();
    inputs.push_back(*value);
  }
  return inputs;
}

//===----------------------------------------------------------------------===//
// GridSample, AffineGrid
//===----------------------------------------------------------------------===//

/// GridSample (opsets 16, 20, 22). Opset 16 names the modes bilinear,
/// nearest and bicubic and takes 4-D inputs only; opset 20 renamed them
/// linear, nearest and cubic (ds's names) and allows any number of spatial
/// dimensions.
LogicalResult gridSample(NodeContext &node) {
  FailureOr<SmallVector<Value>> inputs = requiredInputs(node, 2);
  if (failed(inputs))
    return failure();
  FailureOr<std::string> mode =
      node.opset >= 20
          ? readChoice(node, "mode", "linear", {"linear", "nearest", "cubic"})
          : readChoice(node, "mode", "bilinear",
                       {"bilinear", "nearest", "bicubic"});
  FailureOr<std::string> padding = readChoice(
      node, "padding_mode", "zeros", {"zeros", "border", "reflection"});
  FailureOr<bool> alignCorners = readFlag(node, "align_corners");
  if (failed(mode) || failed(padding) || failed(alignCorners))
    return failure();
  if (*mode == "bilinear")
    *mode = "linear";
  else if (*mode == "bicubic")
    *mode = "cubic";
  auto type = dyn_cast<RankedTensorType>((*inputs)[0].getType());
  if (node.opset < 20 && type && type.getRank() != 4)
    return node.fail("X must be 4-D before opset 20, got rank " +
                     Twine(type.getRank()));

  SmallVector<NamedAttribute> attrs;
  addString(node, attrs, "mode", *mode, "linear");
  addString(node, attrs, "padding_mode", *padding, "zeros");
  if (*alignCorners)
    attrs.push_back(node.named("align_corners", node.boolean(true)));
  if (node.failed())
    return failure();
  return node.emit<GridSampleOp>(*inputs, attrs);
}

/// AffineGrid (opset 20): theta and the output size stay operands.
LogicalResult affineGrid(NodeContext &node) {
  FailureOr<SmallVector<Value>> inputs = requiredInputs(node, 2);
  FailureOr<bool> alignCorners = readFlag(node, "align_corners");
  if (failed(inputs) || failed(alignCorners) || node.failed())
    return failure();
  SmallVector<NamedAttribute> attrs;
  if (*alignCorners)
    attrs.push_back(node.named("align_corners", node.boolean(true)));
  return node.emit<AffineGridOp>(*inputs, attrs);
}

//===----------------------------------------------------------------------===//
// RoiAlign, MaxRoiPool
//===----------------------------------------------------------------------===//

/// Copies the float attribute `name` when the node gives it a value other
/// than `dflt`.
void copyFloat(NodeContext &node, StringRef name, float dflt,
               SmallVectorImpl<NamedAttribute> &attrs) {
  float value = node.floatAttr(name, dflt);
  if (value != dflt)
    attrs.push_back(node.named(name, node.f32(value)));
}

/// RoiAlign (opsets 10, 16, 22). Opset 16 added
/// coordinate_transformation_mode (default half_pixel); opset 10 behaves as
/// output_half_pixel, which the converter makes explicit.
LogicalResult roiAlign(NodeContext &node) {
  FailureOr<SmallVector<Value>> inputs = requiredInputs(node, 3);
  if (failed(inputs))
    return failure();
  FailureOr<std::string> mode = readChoice(node, "mode", "avg", {"avg", "max"});
  if (failed(mode))
    return failure();
  std::string transform = "output_half_pixel";
  if (node.opset >= 16) {
    FailureOr<std::string> read =
        readChoice(node, "coordinate_transformation_mode", "half_pixel",
                   {"half_pixel", "output_half_pixel"});
    if (failed(read))
      return failure();
    transform = *read;
  } else if (node.hasAttr("coordinate_transformation_mode")) {
    return node.fail("attribute 'coordinate_transformation_mode' is not "
                     "defined before opset 16");
  }

  SmallVector<NamedAttribute> attrs;
  addString(node, attrs, "mode", *mode, "avg");
  addString(node, attrs, "coordinate_transformation_mode", transform,
            "half_pixel");
  copyInt(node, "output_height", 1, attrs);
  copyInt(node, "output_width", 1, attrs);
  copyInt(node, "sampling_ratio", 0, attrs);
  copyFloat(node, "spatial_scale", 1.0f, attrs);
  if (node.failed())
    return failure();
  return node.emit<RoiAlignOp>(*inputs, attrs);
}

/// MaxRoiPool (opsets 1, 22).
LogicalResult maxRoiPool(NodeContext &node) {
  FailureOr<SmallVector<Value>> inputs = requiredInputs(node, 2);
  if (failed(inputs))
    return failure();
  std::optional<SmallVector<int64_t>> pooled = node.intsAttr("pooled_shape");
  if (!pooled)
    return node.fail("attribute 'pooled_shape' is required");
  SmallVector<NamedAttribute> attrs = {
      node.named("pooled_shape", node.i64s(*pooled))};
  copyFloat(node, "spatial_scale", 1.0f, attrs);
  if (node.failed())
    return failure();
  return node.emit<MaxRoiPoolOp>(*inputs, attrs);
}

//===----------------------------------------------------------------------===//
// MaxUnpool, Col2Im
//===----------------------------------------------------------------------===//

/// MaxUnpool (opsets 9, 11, 22, which differ only in their types): the
/// optional output_shape input stays an operand.
LogicalResult maxUnpool(NodeContext &node) {
  FailureOr<SmallVector<Value>> inputs = requiredInputs(node, 2);
  if (failed(inputs))
    return failure();
  if (Value outputShape = node.input(2))
    inputs->push_back(outputShape);
  if (!node.hasAttr("kernel_shape"))
    return node.fail("attribute 'kernel_shape' is required");
  SmallVector<NamedAttribute> attrs;
  copyInts(node, "kernel_shape", attrs);
  copyInts(node, "strides", attrs);
  copyInts(node, "pads", attrs);
  if (node.failed())
    return failure();
  return node.emit<MaxUnpoolOp>(*inputs, attrs);
}

/// Col2Im (opset 18): the image_shape and block_shape inputs must be
/// constants, which become attributes.
LogicalResult col2Im(NodeContext &node) {
  FailureOr<SmallVector<Value>> inputs = requiredInputs(node, 3);
  if (failed(inputs))
    return failure();
  FailureOr<std::optional<SmallVector<int64_t>>> image =
      node.constantInts(1, "image_shape");
  FailureOr<std::optional<SmallVector<int64_t>>> block =
      node.constantInts(2, "block_shape");
  if (failed(image) || failed(block))
    return failure();
  SmallVector<NamedAttribute> attrs = {
      node.named("image_shape", node.i64s(**image)),
      node.named("block_shape", node.i64s(**block))};
  copyInts(node, "dilations", attrs);
  copyInts(node, "pads", attrs);
  copyInts(node, "strides", attrs);
  if (node.failed())
    return failure();
  return node.emit<Col2ImOp>((*inputs)[0], attrs);
}

//===----------------------------------------------------------------------===//
// DeformConv
//===----------------------------------------------------------------------===//

/// DeformConv (opsets 19, 22): X, W, offset and the optional B and mask.
LogicalResult deformConv(NodeContext &node) {
  FailureOr<SmallVector<Value>> inputs = requiredInputs(node, 3);
  if (failed(inputs))
    return failure();
  SmallVector<Value> operands = *inputs;
  operands.push_back(node.input(3));
  operands.push_back(node.input(4));
  SmallVector<NamedAttribute> attrs = {segments(node, operands)};
  for (StringRef name : {"kernel_shape", "strides", "pads", "dilations"})
    copyInts(node, name, attrs);
  copyInt(node, "group", 1, attrs);
  copyInt(node, "offset_group", 1, attrs);
  if (node.failed())
    return failure();
  return node.emit<DeformConvOp>(operands, attrs);
}

//===----------------------------------------------------------------------===//
// ConvInteger, QLinearConv
//===----------------------------------------------------------------------===//

/// The window attributes of ConvInteger and QLinearConv, as for Conv:
/// kernel_shape, strides, pads, dilations, group and auto_pad (kept as
/// given; zero pads beside it are redundant and dropped).
LogicalResult readConvWindow(NodeContext &node,
                             SmallVectorImpl<NamedAttribute> &attrs) {
  for (StringRef name : {"kernel_shape", "strides", "dilations"})
    copyInts(node, name, attrs);
  copyInt(node, "group", 1, attrs);
  FailureOr<std::string> autoPad =
      readChoice(node, "auto_pad", "NOTSET",
                 {"NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"});
  if (failed(autoPad))
    return failure();
  std::optional<SmallVector<int64_t>> pads = node.intsAttr("pads");
  if (*autoPad != "NOTSET") {
    attrs.push_back(node.named("auto_pad", node.b.getStringAttr(*autoPad)));
    if (pads && llvm::any_of(*pads, [](int64_t pad) { return pad != 0; }))
      return node.fail("attribute 'pads' may not be given with auto_pad " +
                       *autoPad);
    pads.reset();
  }
  if (pads)
    attrs.push_back(node.named("pads", node.i64s(*pads)));
  return success();
}

/// ConvInteger (opset 10): ds.conv_integer with the optional zero points.
LogicalResult convInteger(NodeContext &node) {
  FailureOr<SmallVector<Value>> inputs = requiredInputs(node, 2);
  if (failed(inputs))
    return failure();
  SmallVector<Value> operands = *inputs;
  operands.push_back(node.input(2));
  operands.push_back(node.input(3));
  SmallVector<NamedAttribute> attrs = {segments(node, operands)};
  if (failed(readConvWindow(node, attrs)) || node.failed())
    return failure();
  return node.emit<ConvIntegerOp>(operands, attrs);
}

/// A scale or zero point of [M] (one per output channel), shaped [M, 1, ...]
/// to broadcast against an [N, M, O1, ..., On] result; a scalar as is.
Value perChannel(Decomposer &d, Value value, int64_t spatialRank) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() != 1 || type.getDimSize(0) == 1)
    return value;
  SmallVector<int64_t> axes;
  for (int64_t i = 1; i <= spatialRank; ++i)
    axes.push_back(i);
  return d.unsqueeze(value, axes);
}

/// QLinearConv (opset 10): the exact integer convolution of the centered
/// operands, requantized as dequantize-conv-quantize reads:
///   acc = conv_integer(x, w, x_zero_point, w_zero_point) + B      (i32)
///   y = saturate(round(acc * (x_scale * w_scale / y_scale)) + y_zero_point)
/// rounding half to even, the scale arithmetic in f32; w_scale and
/// w_zero_point are per tensor or per output channel.
LogicalResult qLinearConv(NodeContext &node) {
  Decomposer d(node);
  FailureOr<SmallVector<Value>> inputs = requiredInputs(node, 8);
  if (failed(inputs))
    return failure();
  Value x = (*inputs)[0], xScale = (*inputs)[1], xZero = (*inputs)[2],
        w = (*inputs)[3], wScale = (*inputs)[4], wZero = (*inputs)[5],
        yScale = (*inputs)[6], yZero = (*inputs)[7], bias = node.input(8);
  Type quantized = elementTypeOf(yZero);
  auto integer = dyn_cast<IntegerType>(quantized);
  if (!integer || integer.getWidth() != 8)
    return node.emitError()
           << "y_zero_point must be int8 or uint8, got " << quantized;
  SmallVector<NamedAttribute> attrs = {node.named(
      "operandSegmentSizes", node.b.getDenseI32ArrayAttr({1, 1, 1, 1}))};
  if (failed(readConvWindow(node, attrs)) || node.failed())
    return failure();

  FailureOr<ConvIntegerOp> conv =
      node.create<ConvIntegerOp>({x, w, xZero, wZero}, attrs);
  if (failed(conv))
    return failure();
  Value acc = conv->getOutput();
  std::optional<int64_t> rank = rankOf(d, acc, "the convolution");
  if (!rank)
    return failure();
  int64_t spatialRank = *rank - 2;
  if (bias)
    acc = d.add(acc, perChannel(d, bias, spatialRank));

  Type f32 = node.b.getF32Type();
  Value multiplier =
      d.div(d.mul(d.cast(xScale, f32),
                  d.cast(perChannel(d, wScale, spatialRank), f32)),
            d.cast(yScale, f32));
  Value scaled = d.mul(d.cast(acc, f32), multiplier);
  Value y = d.add(d.cast(d.op<RoundOp>(scaled), f32), d.cast(yZero, f32));
  double lo = integer.isUnsigned() ? 0 : -128;
  double hi = integer.isUnsigned() ? 255 : 127;
  y = d.cast(d.clip(y, lo, hi), quantized);
  return finish(d, y);
}

} // namespace

void registerImageConverters(ConverterRegistry &r) {
  r.add("GridSample", gridSample, 16);
  r.add("AffineGrid", affineGrid, 20);
  r.add("RoiAlign", roiAlign, 10);
  r.add("MaxRoiPool", maxRoiPool, 1);
  r.add("MaxUnpool", maxUnpool, 9);
  r.add("Col2Im", col2Im, 18);
  r.add("DeformConv", deformConv, 19);
  r.add("ConvInteger", convInteger, 10);
  r.add("QLinearConv", qLinearConv, 10);
}

} // namespace ds::onnx_import
