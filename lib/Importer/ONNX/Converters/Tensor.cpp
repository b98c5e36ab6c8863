//===- Tensor.cpp - Converters of ONNX ops to the Tensor family -*- C++ -*-===//
//
// Part of ds. Constants (Constant, ConstantOfShape, Range), shape queries
// (Shape, Size), reshapes (Reshape, Flatten, Squeeze, Unsqueeze, Transpose),
// Concat and Split, Slice and Pad, Expand and Tile. Inputs that ds takes as
// attributes (axes, split sizes) must be constants; the attributes of older
// opsets that later became inputs become constant operands.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "dialects/ds/ShapeInference.h"
#include "lib/Importer/ONNX/NodeContext.h"
#include "lib/Importer/ONNX/RuntimeAxes.h"
#include "lib/Importer/ONNX/TensorImport.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

/// Ops whose ONNX inputs map one to one onto the ds op's operands and which
/// take no attributes.
template <typename OpTy> LogicalResult direct(NodeContext &node) {
  return node.emit<OpTy>(node.inputsFrom(0));
}

/// A ds.cast of `input` to `elementType`, keeping its shape.
Value castTo(NodeContext &node, Value input, Type elementType) {
  return CastOp::create(node.b, node.loc,
                        withElementType(input.getType(), elementType), input);
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

/// The node's attribute `name` when it is a sparse tensor; null (after an
/// error) when it has another type or refers to a function attribute.
const onnx::SparseTensorProto *sparseTensorAttr(NodeContext &node,
                                                StringRef name) {
  for (const onnx::AttributeProto &attr : node.node.attribute()) {
    if (attr.name() != name)
      continue;
    if (!attr.ref_attr_name().empty()) {
      (void)node.fail("attribute '" + name +
                      "' refers to a function attribute outside a function");
      return nullptr;
    }
    if (attr.type() != onnx::AttributeProto::SPARSE_TENSOR) {
      node.emitError() << "attribute '" << name << "' has type "
                       << onnx::AttributeProto_AttributeType_Name(attr.type())
                       << ", expected SPARSE_TENSOR";
      return nullptr;
    }
    return &attr.sparse_tensor();
  }
  return nullptr;
}

/// Constant: exactly one of `value` (a tensor), `sparse_value` (densified),
/// and, since opset 12, `value_float(s)` and `value_int(s)` (f32 and i64,
/// rank 0 or 1). String constants have no ds type.
LogicalResult constant(NodeContext &node) {
  static constexpr StringLiteral kForms[] = {
      "value",     "sparse_value", "value_float",  "value_floats",
      "value_int", "value_ints",   "value_string", "value_strings"};
  SmallVector<StringRef> present;
  for (StringRef form : kForms)
    if (node.hasAttr(form))
      present.push_back(form);
  if (present.size() != 1)
    return node.fail("needs exactly one of the attributes value, "
                     "sparse_value, value_float, value_floats, value_int, "
                     "value_ints, value_string, value_strings; got " +
                     Twine(present.size()));
  StringRef form = present.front();
  if (form == "value_string" || form == "value_strings")
    return node.fail("string constants are not supported: ds has no string "
                     "element type");

  ImportContext &ctx = node.getGraph().getContext();
  Builder &b = node.b;
  ElementsAttr value;
  if (form == "value") {
    const onnx::TensorProto *tensor = node.tensorAttr(form);
    if (!tensor)
      return failure();
    FailureOr<ElementsAttr> converted = convertTensor(*tensor, ctx, node.loc);
    if (failed(converted))
      return failure();
    value = *converted;
  } else if (form == "sparse_value") {
    const onnx::SparseTensorProto *tensor = sparseTensorAttr(node, form);
    if (!tensor)
      return failure();
    FailureOr<ElementsAttr> converted =
        convertSparseTensor(*tensor, ctx, node.loc);
    if (failed(converted))
      return failure();
    value = *converted;
  } else if (form == "value_float") {
    std::optional<float> f = node.floatAttr(form);
    if (!f)
      return failure();
    value =
        DenseElementsAttr::get(RankedTensorType::get({}, b.getF32Type()), *f);
  } else if (form == "value_floats") {
    std::optional<SmallVector<float>> fs = node.floatsAttr(form);
    if (!fs)
      return failure();
    auto type = RankedTensorType::get({static_cast<int64_t>(fs->size())},
                                      b.getF32Type());
    value = DenseElementsAttr::get(type, ArrayRef<float>(*fs));
  } else if (form == "value_int") {
    std::optional<int64_t> i = node.intAttr(form);
    if (!i)
      return failure();
    value =
        DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()), *i);
  } else {
    std::optional<SmallVector<int64_t>> is = node.intsAttr(form);
    if (!is)
      return failure();
    auto type = RankedTensorType::get({static_cast<int64_t>(is->size())},
                                      b.getI64Type());
    value = DenseElementsAttr::get(type, ArrayRef<int64_t>(*is));
  }
  return node.setResults(
      ConstantOp::create(node.b, node.loc, value.getShapedType(), value)
          ->getResults());
}

/// ConstantOfShape: the one-element `value` tensor (default 0.0 : f32, which
/// is also ds's default) fills a tensor of the input shape.
LogicalResult constantOfShape(NodeContext &node) {
  FailureOr<Value> shape = node.requiredInput(0);
  if (failed(shape))
    return failure();
  SmallVector<NamedAttribute> attrs;
  if (node.hasAttr("value")) {
    const onnx::TensorProto *tensor = node.tensorAttr("value");
    if (!tensor)
      return failure();
    FailureOr<ElementsAttr> value =
        convertTensor(*tensor, node.getGraph().getContext(), node.loc);
    if (failed(value))
      return failure();
    if (value->getNumElements() != 1)
      return node.fail("attribute 'value' must hold exactly one element, got " +
                       Twine(value->getNumElements()));
    attrs.push_back(node.named("value", *value));
  }
  return node.emit<ConstantOfShapeOp>(*shape, attrs);
}

/// Range: ds.range for the types it supports. float16 and bfloat16 (opset
/// 27) are computed in f32 as `stash_type = 1` (the default) prescribes.
LogicalResult range(NodeContext &node) {
  FailureOr<Value> start = node.requiredInput(0);
  FailureOr<Value> limit = node.requiredInput(1);
  FailureOr<Value> delta = node.requiredInput(2);
  if (failed(start) || failed(limit) || failed(delta))
    return failure();
  Type elementType = getElementType(start->getType());
  if (!elementType.isF16() && !elementType.isBF16())
    return node.emit<RangeOp>({*start, *limit, *delta});

  int64_t stashType = node.intAttr("stash_type", 1);
  if (stashType != onnx::TensorProto::FLOAT)
    return node.fail("stash_type " + Twine(stashType) +
                     " is not supported: ds computes 16-bit ranges in "
                     "float32 (stash_type 1)");
  Type f32 = node.b.getF32Type();
  FailureOr<Value> wide =
      node.value<RangeOp>({castTo(node, *start, f32), castTo(node, *limit, f32),
                           castTo(node, *delta, f32)});
  if (failed(wide))
    return failure();
  return node.setResults(castTo(node, *wide, elementType));
}

//===----------------------------------------------------------------------===//
// Shape queries and reshapes
//===----------------------------------------------------------------------===//

/// Shape: the optional `start` and `end` (opset 15) carry over.
LogicalResult shape(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  SmallVector<NamedAttribute> attrs;
  if (node.opset >= 15) {
    for (StringRef name : {"start", "end"})
      if (std::optional<int64_t> bound = node.intAttr(name))
        attrs.push_back(node.named(name, node.i64(*bound)));
  }
  if (node.failed())
    return failure();
  return node.emit<ShapeOp>(*x, attrs);
}

/// Reshape: the shape is an input (opset 5); `allowzero` since opset 14.
LogicalResult reshape(NodeContext &node) {
  FailureOr<Value> data = node.requiredInput(0);
  FailureOr<Value> shape = node.requiredInput(1);
  if (failed(data) || failed(shape))
    return failure();
  bool allowZero = node.opset >= 14 && node.intAttr("allowzero", 0) != 0;
  if (node.failed())
    return failure();
  return node.emit<ReshapeOp>(
      {*data, *shape}, {node.named("allowzero", node.boolean(allowZero))});
}

LogicalResult flatten(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  int64_t axis = node.intAttr("axis", 1);
  if (node.failed())
    return failure();
  return node.emit<FlattenOp>(*x, {node.named("axis", node.i64(axis))});
}

/// The axes of Squeeze and Unsqueeze: an attribute before opset 13, a
/// constant input since. std::nullopt when absent.
FailureOr<std::optional<SmallVector<int64_t>>> squeezeAxes(NodeContext &node) {
  if (node.opset >= 13)
    return node.constantInts(1, "axes");
  std::optional<SmallVector<int64_t>> axes = node.intsAttr("axes");
  if (node.failed())
    return failure();
  return axes;
}

/// Squeeze with axes computed at run time (of static length k): a reshape
/// to rank r - k whose dim j is the j-th unlisted input dim.
LogicalResult squeezeRuntimeAxes(NodeContext &node, Value x, Value axesInput) {
  Decomposer d(node);
  auto type = dyn_cast<RankedTensorType>(x.getType());
  FailureOr<RuntimeAxes> axes = RuntimeAxes::get(
      d, axesInput, type ? type.getRank() : -1, "axes (input #1)");
  if (failed(axes))
    return failure();
  int64_t rank = type.getRank();
  Type i64 = node.b.getI64Type();
  SmallVector<Value> before;
  SmallVector<Value> unlisted;
  Value count = d.ints({0});
  for (int64_t dim = 0; dim < rank; ++dim) {
    before.push_back(count);
    unlisted.push_back(d.op<NotOp>(axes->isListed(dim)));
    count = d.add(count, d.cast(unlisted.back(), i64));
  }
  SmallVector<Value> parts;
  for (int64_t j = 0; j < rank - axes->count(); ++j) {
    Value part = d.ints({0});
    for (int64_t dim = 0; dim < rank; ++dim) {
      Value here = d.op<AndOp>(
          {unlisted[dim], d.op<EqualOp>({before[dim], d.ints({j})})});
      part = d.add(part, d.where(here, d.dim(x, dim), d.ints({0})));
    }
    parts.push_back(part);
  }
  Value result = d.reshape(x, parts);
  if (!d.ok() || !result)
    return failure();
  return node.setResults(result);
}

/// Squeeze: without axes (or with an empty list), every unit dimension.
LogicalResult squeeze(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  if (node.opset >= 13 && node.input(1) &&
      !NodeContext::evaluateInts(node.input(1))) {
    auto type = dyn_cast<RankedTensorType>(node.input(1).getType());
    if (!type || !type.hasStaticShape() || type.getNumElements() != 0)
      return squeezeRuntimeAxes(node, *x, node.input(1));
  }
  FailureOr<std::optional<SmallVector<int64_t>>> axes = squeezeAxes(node);
  if (failed(axes))
    return failure();
  SmallVector<NamedAttribute> attrs;
  if (*axes && !(*axes)->empty())
    attrs.push_back(node.named("axes", node.i64s(**axes)));
  return node.emit<SqueezeOp>(*x, attrs);
}

/// Unsqueeze with axes computed at run time (of static length k): a
/// reshape to rank r + k whose dim j is 1 where listed and otherwise the
/// input dim that comes next.
LogicalResult unsqueezeRuntimeAxes(NodeContext &node, Value x,
                                   Value axesInput) {
  Decomposer d(node);
  auto type = dyn_cast<RankedTensorType>(x.getType());
  auto axesType = dyn_cast<RankedTensorType>(axesInput.getType());
  if (!type || !axesType || !axesType.hasStaticShape())
    return node.fail("axes (input #1) is computed at run time, which needs "
                     "an input of known rank and axes of known length");
  int64_t rank = type.getRank() + axesType.getNumElements();
  FailureOr<RuntimeAxes> axes =
      RuntimeAxes::get(d, axesInput, rank, "axes (input #1)");
  if (failed(axes))
    return failure();
  Type i64 = node.b.getI64Type();
  SmallVector<Value> parts;
  Value inputDim = d.ints({0}); // input dims used before output dim j
  for (int64_t j = 0; j < rank; ++j) {
    Value listed = axes->isListed(j);
    Value size = d.ints({0});
    for (int64_t i = 0; i < type.getRank(); ++i)
      size = d.add(size, d.where(d.op<EqualOp>({inputDim, d.ints({i})}),
                                 d.dim(x, i), d.ints({0})));
    parts.push_back(d.where(listed, d.ints({1}), size));
    inputDim = d.add(inputDim, d.cast(d.op<NotOp>(listed), i64));
  }
  Value result = d.reshape(x, parts);
  if (!d.ok() || !result)
    return failure();
  return node.setResults(result);
}

LogicalResult unsqueeze(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  if (node.opset >= 13 && node.input(1) &&
      !NodeContext::evaluateInts(node.input(1)))
    return unsqueezeRuntimeAxes(node, *x, node.input(1));
  FailureOr<std::optional<SmallVector<int64_t>>> axes = squeezeAxes(node);
  if (failed(axes))
    return failure();
  if (!*axes)
    return node.fail(node.opset >= 13 ? "input #1 (axes) is required but absent"
                                      : "attribute 'axes' is required");
  return node.emit<UnsqueezeOp>(*x, {node.named("axes", node.i64s(**axes))});
}

LogicalResult transpose(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  SmallVector<NamedAttribute> attrs;
  if (std::optional<SmallVector<int64_t>> perm = node.intsAttr("perm"))
    attrs.push_back(node.named("perm", node.i64s(*perm)));
  if (node.failed())
    return failure();
  return node.emit<TransposeOp>(*x, attrs);
}

//===----------------------------------------------------------------------===//
// Concat and Split
//===----------------------------------------------------------------------===//

/// Concat: `axis` is required since opset 4.
LogicalResult concat(NodeContext &node) {
  SmallVector<Value> inputs = node.inputsFrom(0);
  std::optional<int64_t> axis = node.intAttr("axis");
  if (node.failed())
    return failure();
  if (!axis)
    return node.fail("attribute 'axis' is required");
  if (inputs.empty())
    return node.fail("needs at least one input");
  return node.emit<ConcatOp>(inputs, {node.named("axis", node.i64(*axis))});
}

/// Split: the sizes are the `split` attribute before opset 13 and a constant
/// input since; opset 18 adds `num_outputs`. Without either, the input is
/// split evenly into as many pieces as the node has outputs.
LogicalResult split(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  auto numResults = static_cast<unsigned>(node.node.output_size());
  int64_t axis = node.intAttr("axis", 0);
  std::optional<SmallVector<int64_t>> sizes;
  if (node.opset >= 13 && node.input(1) &&
      !NodeContext::evaluateInts(node.input(1))) {
    // Sizes computed at run time: output i is the slice from the sum of
    // the sizes before it, as long as size i.
    Decomposer d(node);
    Value all = d.cast(node.input(1), node.b.getI64Type());
    SmallVector<Value> results;
    Value start = d.ints({0});
    for (unsigned i = 0; i < numResults; ++i) {
      Value size = d.slice(all, 0, i, i + 1);
      Value end = d.add(start, size);
      results.push_back(
          d.op<SliceOp>({*x, start, end}, {d.axesAttr({axis})}));
      start = end;
    }
    if (!d.ok() || llvm::is_contained(results, Value()))
      return failure();
    return node.setResults(results);
  }
  if (node.opset >= 13) {
    FailureOr<std::optional<SmallVector<int64_t>>> input =
        node.constantInts(1, "split");
    if (failed(input))
      return failure();
    sizes = *input;
  } else {
    sizes = node.intsAttr("split");
  }
  std::optional<int64_t> numOutputs;
  if (node.opset >= 18)
    numOutputs = node.intAttr("num_outputs");
  if (node.failed())
    return failure();
  // An empty list means no sizes, as an absent one does.
  if (sizes && sizes->empty())
    sizes.reset();

  SmallVector<NamedAttribute> attrs = {node.named("axis", node.i64(axis))};
  if (sizes && numOutputs)
    return node.fail("takes either split sizes or 'num_outputs', not both");
  if (sizes) {
    if (sizes->size() != numResults)
      return node.fail("has " + Twine(sizes->size()) + " split sizes for " +
                       Twine(numResults) + " outputs");
    attrs.push_back(node.named("split", node.i64s(*sizes)));
  } else {
    int64_t pieces = numOutputs.value_or(numResults);
    if (pieces != static_cast<int64_t>(numResults))
      return node.fail("num_outputs is " + Twine(pieces) +
                       " but the node has " + Twine(numResults) + " outputs");
    attrs.push_back(node.named("num_outputs", node.i64(pieces)));
  }
  return node.emit<SplitOp>(*x, attrs, numResults);
}

//===----------------------------------------------------------------------===//
// Slice and Pad
//===----------------------------------------------------------------------===//

/// Slice: `starts`, `ends` and `axes` are attributes before opset 10 (the
/// bounds become constant operands); since then they are inputs, with
/// optional `axes` (which must be constant) and `steps`.
LogicalResult slice(NodeContext &node) {
  FailureOr<Value> data = node.requiredInput(0);
  if (failed(data))
    return failure();
  SmallVector<Value> operands = {*data};
  std::optional<SmallVector<int64_t>> axes;
  if (node.opset < 10) {
    std::optional<SmallVector<int64_t>> starts = node.intsAttr("starts");
    std::optional<SmallVector<int64_t>> ends = node.intsAttr("ends");
    axes = node.intsAttr("axes");
    if (node.failed())
      return failure();
    if (!starts || !ends)
      return node.fail("attributes 'starts' and 'ends' are required");
    operands.push_back(node.constI64(*starts));
    operands.push_back(node.constI64(*ends));
  } else {
    FailureOr<Value> starts = node.requiredInput(1);
    FailureOr<Value> ends = node.requiredInput(2);
    if (failed(starts) || failed(ends))
      return failure();
    Value axesInput = node.input(3);
    if (axesInput && !NodeContext::evaluateInts(axesInput)) {
      // Axes computed at run time: bounds and steps for every axis, the
      // given ones where listed and the whole axis elsewhere.
      Decomposer d(node);
      auto type = dyn_cast<RankedTensorType>(data->getType());
      FailureOr<RuntimeAxes> runtime = RuntimeAxes::get(
          d, axesInput, type ? type.getRank() : -1, "axes (input #3)");
      if (failed(runtime))
        return failure();
      Value steps = node.input(4);
      SmallVector<Value> allStarts, allEnds, allSteps;
      SmallVector<int64_t> all;
      for (int64_t dim = 0; dim < runtime->rank(); ++dim) {
        all.push_back(dim);
        allStarts.push_back(runtime->valueFor(*starts, dim, 0));
        allEnds.push_back(
            runtime->valueFor(*ends, dim, RuntimeAxes::kMaxIndex));
        allSteps.push_back(steps ? runtime->valueFor(steps, dim, 1)
                                 : d.ints({1}));
      }
      Value result = d.op<SliceOp>({*data, d.shape(allStarts),
                                    d.shape(allEnds), d.shape(allSteps)},
                                   {d.axesAttr(all)});
      if (!d.ok() || !result)
        return failure();
      return node.setResults(result);
    }
    FailureOr<std::optional<SmallVector<int64_t>>> axesConst =
        node.constantInts(3, "axes");
    if (failed(axesConst))
      return failure();
    axes = *axesConst;
    operands.append({*starts, *ends});
    if (Value steps = node.input(4))
      operands.push_back(steps);
  }
  SmallVector<NamedAttribute> attrs;
  if (axes)
    attrs.push_back(node.named("axes", node.i64s(*axes)));
  return node.emit<SliceOp>(operands, attrs);
}

/// Pad: `pads` and the fill `value` are attributes before opset 11 (they
/// become constant operands); since then they are inputs, and opset 18 adds
/// an `axes` input (which must be constant). Mode `wrap` is opset 19's.
LogicalResult pad(NodeContext &node) {
  FailureOr<Value> data = node.requiredInput(0);
  if (failed(data))
    return failure();
  std::string mode = node.stringAttr("mode", "constant");
  if (node.failed())
    return failure();
  bool known = mode == "constant" || mode == "reflect" || mode == "edge" ||
               (mode == "wrap" && node.opset >= 19);
  if (!known)
    return node.fail("mode '" + mode +
                     "' is not supported (expected 'constant', 'reflect', "
                     "'edge'" +
                     (node.opset >= 19 ? ", 'wrap'" : "") + ")");

  SmallVector<Value> operands = {*data};
  std::optional<SmallVector<int64_t>> axes;
  if (node.opset < 11) {
    std::optional<SmallVector<int64_t>> pads = node.intsAttr("pads");
    std::optional<float> value = node.floatAttr("value");
    if (node.failed())
      return failure();
    if (!pads)
      return node.fail("attribute 'pads' is required");
    operands.push_back(node.constI64(*pads));
    if (value && mode == "constant")
      operands.push_back(
          node.constScalar(getElementType(data->getType()), *value));
  } else {
    FailureOr<Value> pads = node.requiredInput(1);
    if (failed(pads))
      return failure();
    operands.push_back(*pads);
    // ONNX ignores the fill value in the other modes.
    if (Value value = node.input(2); value && mode == "constant")
      operands.push_back(value);
    Value axesInput = node.opset >= 18 ? node.input(3) : Value();
    if (axesInput && !NodeContext::evaluateInts(axesInput)) {
      // Axes computed at run time: pads for every axis, 0 where unlisted.
      Decomposer d(node);
      auto type = dyn_cast<RankedTensorType>(data->getType());
      FailureOr<RuntimeAxes> runtime = RuntimeAxes::get(
          d, axesInput, type ? type.getRank() : -1, "axes (input #3)");
      if (failed(runtime))
        return failure();
      int64_t k = runtime->count();
      Value begins = d.slice(*pads, 0, 0, k);
      Value endings = d.slice(*pads, 0, k, 2 * k);
      SmallVector<Value> all;
      for (int64_t dim = 0; dim < runtime->rank(); ++dim)
        all.push_back(runtime->valueFor(begins, dim, 0));
      for (int64_t dim = 0; dim < runtime->rank(); ++dim)
        all.push_back(runtime->valueFor(endings, dim, 0));
      if (!d.ok())
        return failure();
      operands[1] = d.shape(all);
    } else if (node.opset >= 18) {
      FailureOr<std::optional<SmallVector<int64_t>>> axesConst =
          node.constantInts(3, "axes");
      if (failed(axesConst))
        return failure();
      axes = *axesConst;
    }
  }
  SmallVector<NamedAttribute> attrs = {
      node.named("mode", node.b.getStringAttr(mode))};
  if (axes)
    attrs.push_back(node.named("axes", node.i64s(*axes)));
  return node.emit<PadOp>(operands, attrs);
}

} // namespace

void registerTensorConverters(ConverterRegistry &r) {
  // Constants.
  r.add("Constant", constant);
  r.add("ConstantOfShape", constantOfShape, 9);
  r.add("Range", range, 11);
  // Shape queries.
  r.add("Shape", shape);
  r.add("Size", direct<SizeOp>);
  // Reshapes.
  r.add("Reshape", reshape, 5);
  r.add("Flatten", flatten);
  r.add("Squeeze", squeeze);
  r.add("Unsqueeze", unsqueeze);
  r.add("Transpose", transpose);
  // Concatenation and splitting.
  r.add("Concat", concat);
  r.add("Split", split, 2);
  // Slicing and padding.
  r.add("Slice", slice);
  r.add("Pad", pad, 2);
  // Broadcasting and repetition.
  r.add("Expand", direct<ExpandOp>, 8);
  r.add("Tile", direct<TileOp>, 6);
}

} // namespace ds::onnx_import
