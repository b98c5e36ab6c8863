//===- Normalization.cpp - Converters of normalization ONNX ops -*- C++ -*-===//
//
// Part of ds. Batch, layer, group, instance and Lp normalization, the
// softmax family, and the function ops RMSNormalization and
// MeanVarianceNormalization, decomposed into ds ops. Older opsets are
// normalized to the ds ops' canonical forms: the saved statistics of
// BatchNormalization before opset 14, the per-group scale and bias of
// GroupNormalization 18, and the coerce-to-2-D softmax of opsets before 13.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "dialects/ds/ShapeInference.h"
#include "lib/Importer/ONNX/NodeContext.h"
#include "lib/Importer/ONNX/TensorImport.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

constexpr float kDefaultEpsilon = 1e-5f;

/// Whether the node's output `i` is present and named.
bool hasOutput(NodeContext &node, int i) {
  return node.node.output_size() > i && !node.node.output(i).empty();
}

/// Appends `epsilon` to `attrs` unless it is ds's default.
void addEpsilon(NodeContext &node, SmallVectorImpl<NamedAttribute> &attrs) {
  float epsilon = node.floatAttr("epsilon", kDefaultEpsilon);
  if (epsilon != kDefaultEpsilon)
    attrs.push_back(node.named("epsilon", node.f32(epsilon)));
}

/// The `stash_type` attribute (default 1, float), which must name a
/// floating-point type ds computes statistics in.
FailureOr<int64_t> readStashType(NodeContext &node) {
  int64_t stashType = node.intAttr("stash_type", 1);
  if (stashType != 1 && stashType != 10 && stashType != 11 && stashType != 16)
    return node.fail("unsupported stash_type " + Twine(stashType) +
                     " (expected 1 = FLOAT, 10 = FLOAT16, 11 = DOUBLE or "
                     "16 = BFLOAT16)");
  return stashType;
}

/// The rank of `value`, which `what` needs to be known.
FailureOr<int64_t> requireRank(NodeContext &node, Value value,
                               const Twine &what) {
  if (auto ranked = dyn_cast<RankedTensorType>(value.getType()))
    return ranked.getRank();
  return node.fail(what + " needs an input of known rank");
}

/// `value` cast to `elementType` (itself when it already has that type).
Value castTo(NodeContext &node, Value value, Type elementType) {
  if (getElementType(value.getType()) == elementType)
    return value;
  return CastOp::create(node.b, node.loc,
                        withElementType(value.getType(), elementType), value);
}

/// Builds the binary `OpTy` of `lhs` and `rhs`; null after an error.
template <typename OpTy> Value binary(NodeContext &node, Value lhs, Value rhs) {
  if (!lhs || !rhs)
    return {};
  FailureOr<Value> result = node.value<OpTy>({lhs, rhs});
  return succeeded(result) ? *result : Value();
}

template <typename OpTy> Value unary(NodeContext &node, Value input) {
  if (!input)
    return {};
  FailureOr<Value> result = node.value<OpTy>(input);
  return succeeded(result) ? *result : Value();
}

/// The mean of `input` over `axes`; null after an error.
Value reduceMean(NodeContext &node, Value input, ArrayRef<int64_t> axes,
                 bool keepdims = true) {
  if (!input)
    return {};
  SmallVector<NamedAttribute> attrs = {node.named("axes", node.i64s(axes))};
  if (!keepdims)
    attrs.push_back(node.named("keepdims", node.boolean(false)));
  FailureOr<Value> result = node.value<ReduceMeanOp>(input, attrs);
  return succeeded(result) ? *result : Value();
}

//===----------------------------------------------------------------------===//
// BatchNormalization
//===----------------------------------------------------------------------===//

/// BatchNormalization. Opset 7 has `spatial` (only 1, per-channel
/// statistics, is supported). Before opset 14 the node is in training mode
/// when it asks for more than Y; its outputs are Y, the running mean and
/// variance, and the batch mean and variance ("saved" statistics), which
/// are computed here with reductions. From opset 14 `training_mode` decides
/// and the outputs are Y and the running statistics, as in ds.
LogicalResult batchNormalization(NodeContext &node) {
  SmallVector<Value> operands;
  for (unsigned i = 0; i < 5; ++i) {
    FailureOr<Value> operand = node.requiredInput(i);
    if (failed(operand))
      return failure();
    operands.push_back(*operand);
  }
  if (node.opset < 9) {
    int64_t spatial = node.intAttr("spatial", 1);
    if (spatial != 1)
      return node.fail("unsupported spatial = " + Twine(spatial) +
                       ": ds normalizes with per-channel statistics "
                       "(spatial = 1)");
  }
  bool training;
  if (node.opset >= 14) {
    training = node.intAttr("training_mode", 0) != 0;
    if (!training && (hasOutput(node, 1) || hasOutput(node, 2)))
      return node.fail("outputs running_mean and running_var require "
                       "training_mode = 1");
  } else {
    training = hasOutput(node, 1) || hasOutput(node, 2) || hasOutput(node, 3) ||
               hasOutput(node, 4);
  }

  SmallVector<NamedAttribute> attrs;
  addEpsilon(node, attrs);
  if (training) {
    attrs.push_back(node.named("training_mode", node.boolean(true)));
    float momentum = node.floatAttr("momentum", 0.9f);
    if (momentum != 0.9f)
      attrs.push_back(node.named("momentum", node.f32(momentum)));
  }
  if (node.failed())
    return failure();
  FailureOr<BatchNormalizationOp> op =
      node.create<BatchNormalizationOp>(operands, attrs, training ? 3 : 1);
  if (failed(op))
    return failure();
  SmallVector<Value> results((*op)->getResults());
  if (node.opset < 14 && (hasOutput(node, 3) || hasOutput(node, 4))) {
    // The saved statistics: mean and (biased) variance of the batch over
    // every axis but the channels.
    Value x = operands[0];
    FailureOr<int64_t> rank =
        requireRank(node, x, "the saved_mean and saved_var outputs");
    if (failed(rank))
      return failure();
    SmallVector<int64_t> axes = {0};
    for (int64_t axis = 2; axis < *rank; ++axis)
      axes.push_back(axis);
    Value centered = binary<SubOp>(node, x, reduceMean(node, x, axes));
    Value mean = reduceMean(node, x, axes, /*keepdims=*/false);
    Value var = reduceMean(node, binary<MulOp>(node, centered, centered), axes,
                           /*keepdims=*/false);
    if (!mean || !var)
      return failure();
    results.append({mean, var});
  }
  return node.setResults(results);
}

//===----------------------------------------------------------------------===//
// LayerNormalization, GroupNormalization, InstanceNormalization
//===----------------------------------------------------------------------===//

/// LayerNormalization (opset 17): the optional Mean and InvStdDev outputs
/// are the op's optional results, which ds has both or neither of.
LogicalResult layerNormalization(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  FailureOr<Value> scale = node.requiredInput(1);
  FailureOr<int64_t> stashType = readStashType(node);
  if (failed(x) || failed(scale) || failed(stashType))
    return failure();
  SmallVector<Value> operands = {*x, *scale};
  if (Value bias = node.input(2))
    operands.push_back(bias);

  SmallVector<NamedAttribute> attrs;
  int64_t axis = node.intAttr("axis", -1);
  if (axis != -1)
    attrs.push_back(node.named("axis", node.i64(axis)));
  addEpsilon(node, attrs);
  if (*stashType != 1)
    attrs.push_back(node.named("stash_type", node.i64(*stashType)));
  int32_t numStats = hasOutput(node, 1) || hasOutput(node, 2) ? 1 : 0;
  attrs.push_back(
      node.named("resultSegmentSizes",
                 node.b.getDenseI32ArrayAttr({1, numStats, numStats})));
  if (node.failed())
    return failure();
  return node.emit<LayerNormalizationOp>(operands, attrs, 1 + 2 * numStats);
}

/// Expands the per-group `value` (num_groups elements) of GroupNormalization
/// 18 to the per-channel form, each group's value repeated C / num_groups
/// times: folded for constants, else unsqueeze, expand and reshape.
FailureOr<Value> perChannel(NodeContext &node, Value value, Value x,
                            int64_t numGroups, StringRef what) {
  auto valueType = dyn_cast<RankedTensorType>(value.getType());
  if (valueType && (valueType.getRank() != 1 ||
                    !compatibleSizes(valueType.getDimSize(0), numGroups)))
    return node.fail(Twine(what) + " must have num_groups (" +
                     Twine(numGroups) + ") elements at opset 18");
  int64_t channels = ShapedType::kDynamic;
  if (auto xType = dyn_cast<RankedTensorType>(x.getType());
      xType && xType.getRank() >= 2)
    channels = xType.getDimSize(1);
  if (!ShapedType::isDynamic(channels) && channels % numGroups != 0)
    return node.fail("the " + Twine(channels) +
                     " channels are not divisible by num_groups (" +
                     Twine(numGroups) + ")");

  // One channel per group: already per channel.
  if (channels == numGroups)
    return value;

  DenseElementsAttr constant;
  if (!ShapedType::isDynamic(channels) &&
      matchPattern(value, m_Constant(&constant)) &&
      constant.getNumElements() == numGroups) {
    int64_t repeat = channels / numGroups;
    SmallVector<Attribute> elements;
    elements.reserve(channels);
    for (Attribute element : constant.getValues<Attribute>())
      elements.append(repeat, element);
    auto type = RankedTensorType::get({channels}, constant.getElementType());
    return ConstantOp::create(node.b, node.loc, type,
                              DenseElementsAttr::get(type, elements))
        .getResult();
  }

  // [G] -> [G, 1] -> [G, C / G] -> [C].
  Value perGroup;
  Value flatShape;
  if (!ShapedType::isDynamic(channels)) {
    perGroup = node.constI64({channels / numGroups});
    flatShape = node.constI64({channels});
  } else {
    FailureOr<Value> c = node.value<ShapeOp>(
        x, {node.named("start", node.i64(1)), node.named("end", node.i64(2))});
    if (failed(c))
      return failure();
    perGroup = binary<DivOp>(node, *c, node.constI64({numGroups}));
    flatShape = node.constI64({-1});
  }
  FailureOr<Value> column =
      node.value<UnsqueezeOp>(value, {node.named("axes", node.i64s({1}))});
  if (failed(column) || !perGroup)
    return failure();
  Value expanded = binary<ExpandOp>(node, *column, perGroup);
  Value result = binary<ReshapeOp>(node, expanded, flatShape);
  if (!result)
    return failure();
  return result;
}

/// GroupNormalization: per-group scale and bias at opset 18 (expanded to
/// per-channel ones, with the statistics in the input's precision as that
/// opset computes them); per-channel with `stash_type` from opset 21.
LogicalResult groupNormalization(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  FailureOr<Value> scale = node.requiredInput(1);
  FailureOr<Value> bias = node.requiredInput(2);
  if (failed(x) || failed(scale) || failed(bias))
    return failure();
  std::optional<int64_t> numGroups = node.intAttr("num_groups");
  if (!numGroups)
    return node.fail("attribute 'num_groups' is required");
  if (*numGroups <= 0)
    return node.fail("attribute 'num_groups' must be positive, got " +
                     Twine(*numGroups));

  SmallVector<NamedAttribute> attrs = {
      node.named("num_groups", node.i64(*numGroups))};
  addEpsilon(node, attrs);
  int64_t stashType = 1;
  if (node.opset >= 21) {
    FailureOr<int64_t> read = readStashType(node);
    if (failed(read))
      return failure();
    stashType = *read;
  } else {
    int32_t dataType = getDataType(getElementType(x->getType()));
    if (dataType == 10 || dataType == 11 || dataType == 16)
      stashType = dataType;
    FailureOr<Value> channelScale =
        perChannel(node, *scale, *x, *numGroups, "scale");
    if (failed(channelScale))
      return failure();
    FailureOr<Value> channelBias =
        *bias == *scale ? channelScale
                        : perChannel(node, *bias, *x, *numGroups, "bias");
    if (failed(channelBias))
      return failure();
    scale = channelScale;
    bias = channelBias;
  }
  if (stashType != 1)
    attrs.push_back(node.named("stash_type", node.i64(stashType)));
  if (node.failed())
    return failure();
  return node.emit<GroupNormalizationOp>({*x, *scale, *bias}, attrs);
}

LogicalResult instanceNormalization(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  FailureOr<Value> scale = node.requiredInput(1);
  FailureOr<Value> bias = node.requiredInput(2);
  if (failed(x) || failed(scale) || failed(bias))
    return failure();
  SmallVector<NamedAttribute> attrs;
  addEpsilon(node, attrs);
  if (node.failed())
    return failure();
  return node.emit<InstanceNormalizationOp>({*x, *scale, *bias}, attrs);
}

//===----------------------------------------------------------------------===//
// Normalizations along one axis
//===----------------------------------------------------------------------===//

LogicalResult lpNormalization(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  SmallVector<NamedAttribute> attrs;
  int64_t axis = node.intAttr("axis", -1);
  if (axis != -1)
    attrs.push_back(node.named("axis", node.i64(axis)));
  int64_t p = node.intAttr("p", 2);
  if (p != 1 && p != 2)
    return node.fail("unsupported p = " + Twine(p) + " (expected 1 or 2)");
  if (p != 2)
    attrs.push_back(node.named("p", node.i64(p)));
  if (node.failed())
    return failure();
  return node.emit<LpNormalizationOp>(*x, attrs);
}

/// Softmax, LogSoftmax and Hardmax. From opset 13 they work along `axis`
/// (default -1), as the ds ops do. Before, the input is coerced to 2-D
/// [prod(dims[:axis]), prod(dims[axis:])] (axis default 1), the op works
/// along the second dimension and the result takes the input's shape back:
/// flatten, the op along axis 1, reshape. Along the last axis the coercion
/// changes nothing and the op is emitted directly.
template <typename OpTy> LogicalResult softmaxLike(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  auto axisAttrs = [&](int64_t axis) {
    SmallVector<NamedAttribute> attrs;
    if (axis != -1)
      attrs.push_back(node.named("axis", node.i64(axis)));
    return attrs;
  };
  if (node.opset >= 13) {
    int64_t axis = node.intAttr("axis", -1);
    if (node.failed())
      return failure();
    return node.emit<OpTy>(*x, axisAttrs(axis));
  }

  int64_t axis = node.intAttr("axis", 1);
  if (node.failed())
    return failure();
  if (auto type = dyn_cast<RankedTensorType>(x->getType())) {
    int64_t rank = type.getRank();
    if (axis < -rank || axis > rank)
      return node.fail("axis " + Twine(axis) + " is out of range for rank " +
                       Twine(rank));
    if (rank > 0 && (axis < 0 ? axis + rank : axis) == rank - 1)
      return node.emit<OpTy>(*x, axisAttrs(-1));
  }
  SmallVector<NamedAttribute> flattenAttrs;
  if (axis != 1)
    flattenAttrs.push_back(node.named("axis", node.i64(axis)));
  FailureOr<Value> matrix = node.value<FlattenOp>(*x, flattenAttrs);
  if (failed(matrix))
    return failure();
  FailureOr<Value> normalized = node.value<OpTy>(*matrix, axisAttrs(1));
  FailureOr<Value> shape = node.value<ShapeOp>(*x);
  if (failed(normalized) || failed(shape))
    return failure();
  return node.emit<ReshapeOp>({*normalized, *shape});
}

//===----------------------------------------------------------------------===//
// Function ops, decomposed
//===----------------------------------------------------------------------===//

/// RMSNormalization (opset 23), as its ONNX function computes it:
/// x / sqrt(mean(x * x over the axes from `axis`) + epsilon), in the
/// precision of `stash_type`, cast back to x's type, times scale.
LogicalResult rmsNormalization(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  FailureOr<Value> scale = node.requiredInput(1);
  FailureOr<int64_t> stashType = readStashType(node);
  if (failed(x) || failed(scale) || failed(stashType))
    return failure();
  int64_t axis = node.intAttr("axis", -1);
  float epsilon = node.floatAttr("epsilon", kDefaultEpsilon);
  if (node.failed())
    return failure();
  FailureOr<int64_t> rank = requireRank(node, *x, "RMSNormalization");
  if (failed(rank))
    return failure();
  if (axis < -*rank || axis >= *rank)
    return node.fail("axis " + Twine(axis) + " is out of range for rank " +
                     Twine(*rank));
  SmallVector<int64_t> axes;
  for (int64_t i = axis < 0 ? axis + *rank : axis; i < *rank; ++i)
    axes.push_back(i);

  FailureOr<Type> stashElementType =
      convertElementType(static_cast<int32_t>(*stashType), node.getContext(),
                         node.loc, "the stash_type");
  if (failed(stashElementType))
    return failure();
  Type elementType = getElementType(x->getType());
  Value stashed = castTo(node, *x, *stashElementType);
  Value meanSquare =
      reduceMean(node, binary<MulOp>(node, stashed, stashed), axes);
  Value rms = unary<SqrtOp>(
      node, binary<AddOp>(node, meanSquare,
                          node.constScalar(*stashElementType, epsilon)));
  Value normalized = binary<DivOp>(node, stashed, rms);
  if (!normalized)
    return failure();
  Value y = binary<MulOp>(node, castTo(node, normalized, elementType), *scale);
  if (!y)
    return failure();
  return node.setResults(y);
}

/// MeanVarianceNormalization, as its ONNX function computes it:
/// (x - mean) / (sqrt(variance) + 1e-9) over `axes` (default [0, 2, 3]).
/// The variance is taken as mean((x - mean)^2), which equals the function's
/// mean(x^2) - mean(x)^2 without its cancellation.
LogicalResult meanVarianceNormalization(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  SmallVector<int64_t> axes =
      node.intsAttr("axes").value_or(SmallVector<int64_t>{0, 2, 3});
  if (node.failed())
    return failure();
  Value centered = binary<SubOp>(node, *x, reduceMean(node, *x, axes));
  Value deviation = unary<SqrtOp>(
      node, reduceMean(node, binary<MulOp>(node, centered, centered), axes));
  Value divisor = binary<AddOp>(
      node, deviation, node.constScalar(getElementType(x->getType()), 1e-9));
  Value y = binary<DivOp>(node, centered, divisor);
  if (!y)
    return failure();
  return node.setResults(y);
}

} // namespace

void registerNormalizationConverters(ConverterRegistry &r) {
  r.add("BatchNormalization", batchNormalization);
  r.add("LayerNormalization", layerNormalization, 17);
  r.add("GroupNormalization", groupNormalization, 18);
  r.add("InstanceNormalization", instanceNormalization);
  r.add("LpNormalization", lpNormalization);
  r.add("Softmax", softmaxLike<SoftmaxOp>);
  r.add("LogSoftmax", softmaxLike<LogSoftmaxOp>);
  r.add("Hardmax", softmaxLike<HardmaxOp>);
  r.add("RMSNormalization", rmsNormalization, 23);
  r.add("MeanVarianceNormalization", meanVarianceNormalization, 9);
}

} // namespace ds::onnx_import
