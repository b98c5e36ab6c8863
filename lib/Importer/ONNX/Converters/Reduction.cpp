//===- Reduction.cpp - Converters of reduction ONNX ops ---------*- C++ -*-===//
//
// Part of ds. Reduce* over axes, ArgMax and ArgMin, TopK. The axes of the
// reductions (an attribute in old opsets, an input since opset 13 for
// ReduceSum and 18 for the others) become the ds attribute; an empty list
// is dropped, as in the canonical form.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "dialects/ds/ShapeInference.h"
#include "lib/Importer/ONNX/NodeContext.h"
#include "lib/Importer/ONNX/RuntimeAxes.h"

#include <limits>
#include <type_traits>

using namespace mlir;

namespace ds::onnx_import {
namespace {

/// Reduces `x` by `CoreOp` along every listed axis, one axis at a time,
/// keeping the shape: the result of each axis is broadcast back along it
/// by the ds.where that selects it, so every element holds the reduction
/// of its run.
template <typename CoreOp>
Value replicate(Decomposer &d, ArrayRef<Value> listed, Value x) {
  for (auto [dim, isListed] : llvm::enumerate(listed)) {
    Value reduced = d.op<CoreOp>(
        x, {d.axesAttr({static_cast<int64_t>(dim)}),
            d.attr("keepdims", d.node.boolean(true))});
    x = d.where(isListed, reduced, x);
  }
  return x;
}

/// Reduce* whose axes are computed at run time (RuntimeAxes.h): the
/// reduction in replicated form, then one element of each run (a slice to
/// size 1 on the listed axes), then, without keepdims, a reshape to the
/// unlisted sizes.
template <typename OpTy>
LogicalResult reduceRuntimeAxes(NodeContext &node, Value data, Value axesInput,
                                bool keepdims) {
  Decomposer d(node);
  auto type = dyn_cast<RankedTensorType>(data.getType());
  FailureOr<RuntimeAxes> axes =
      RuntimeAxes::get(d, axesInput, type ? type.getRank() : -1,
                       "axes (input #1)");
  if (failed(axes))
    return failure();
  int64_t rank = type.getRank();
  Type elementType = type.getElementType();
  bool isBool = elementType.isInteger(1);
  Value x = isBool ? d.cast(data, node.b.getI8Type()) : data;
  SmallVector<Value> listed;
  for (int64_t dim = 0; dim < rank; ++dim)
    listed.push_back(axes->isListed(dim));

  // A listed axis of size 0 reduces to the reduction's identity: it is
  // padded to size 1 with that value first, so that the replicated form
  // keeps an element to hold it.
  auto padEmpty = [&](Value v, Value identity) -> Value {
    auto vType = cast<RankedTensorType>(v.getType());
    if (vType.hasStaticShape() && !llvm::is_contained(vType.getShape(), 0))
      return v;
    SmallVector<Value> pads(rank, d.ints({0}));
    for (int64_t dim = 0; dim < rank; ++dim) {
      Value empty = d.op<EqualOp>({d.dim(v, dim), d.ints({0})});
      pads.push_back(d.where(d.op<AndOp>({listed[dim], empty}), d.ints({1}),
                             d.ints({0})));
    }
    return d.op<PadOp>({v, d.shape(pads), identity});
  };
  Type xElement = cast<RankedTensorType>(x.getType()).getElementType();
  auto value = [&](double v) { return d.scalar(xElement, v); };
  // The identity of max (lowest) or min (highest): the type's extreme
  // value; for bool (as i8 here) false or true.
  auto extreme = [&](bool lowest) -> Value {
    if (isa<FloatType>(xElement))
      return value(lowest ? -std::numeric_limits<double>::infinity()
                          : std::numeric_limits<double>::infinity());
    if (isBool)
      return value(lowest ? 0 : 1);
    auto intType = cast<IntegerType>(xElement);
    unsigned width = intType.getWidth();
    APInt bound = intType.isUnsigned()
                      ? (lowest ? APInt::getMinValue(width)
                                : APInt::getMaxValue(width))
                      : (lowest ? APInt::getSignedMinValue(width)
                                : APInt::getSignedMaxValue(width));
    auto scalarType = RankedTensorType::get({}, intType);
    return ConstantOp::create(
        node.b, node.loc, scalarType,
        DenseElementsAttr::get(scalarType, IntegerAttr::get(intType, bound)));
  };
  Value y;
  if constexpr (std::is_same_v<OpTy, ReduceSumOp> ||
                std::is_same_v<OpTy, ReduceMeanOp>) {
    y = replicate<ReduceSumOp>(d, listed, padEmpty(x, value(0)));
  } else if constexpr (std::is_same_v<OpTy, ReduceProdOp>) {
    y = replicate<OpTy>(d, listed, padEmpty(x, value(1)));
  } else if constexpr (std::is_same_v<OpTy, ReduceMaxOp>) {
    y = replicate<OpTy>(d, listed, padEmpty(x, extreme(/*lowest=*/true)));
  } else if constexpr (std::is_same_v<OpTy, ReduceMinOp>) {
    y = replicate<OpTy>(d, listed, padEmpty(x, extreme(/*lowest=*/false)));
  } else if constexpr (std::is_same_v<OpTy, ReduceL1Op>) {
    y = replicate<ReduceSumOp>(d, listed,
                               padEmpty(d.op<AbsOp>(x), value(0)));
  } else if constexpr (std::is_same_v<OpTy, ReduceL2Op>) {
    y = d.op<SqrtOp>(
        replicate<ReduceSumOp>(d, listed, padEmpty(d.mul(x, x), value(0))));
  } else if constexpr (std::is_same_v<OpTy, ReduceSumSquareOp>) {
    y = replicate<ReduceSumOp>(d, listed, padEmpty(d.mul(x, x), value(0)));
  } else if constexpr (std::is_same_v<OpTy, ReduceLogSumOp>) {
    y = d.op<LogOp>(replicate<ReduceSumOp>(d, listed, padEmpty(x, value(0))));
  } else {
    static_assert(std::is_same_v<OpTy, ReduceLogSumExpOp>);
    // log(sum(exp(x - max))) + max, as the op is computed.
    Value max = replicate<ReduceMaxOp>(d, listed, x);
    y = d.add(d.op<LogOp>(replicate<ReduceSumOp>(
                  d, listed, d.op<ExpOp>(d.sub(x, max)))),
              max);
  }
  if constexpr (std::is_same_v<OpTy, ReduceMeanOp>) {
    SmallVector<Value> sizes;
    for (int64_t dim = 0; dim < rank; ++dim)
      sizes.push_back(d.where(listed[dim], d.dim(x, dim), d.ints({1})));
    y = d.div(y, d.cast(d.product(sizes), elementType));
  }

  SmallVector<int64_t> zeros(rank, 0), all;
  SmallVector<Value> ends;
  for (int64_t dim = 0; dim < rank; ++dim) {
    all.push_back(dim);
    ends.push_back(d.where(listed[dim], d.ints({1}), d.dim(y, dim)));
  }
  Value result =
      d.op<SliceOp>({y, d.ints(zeros), d.shape(ends)}, {d.axesAttr(all)});
  if (!keepdims) {
    // Drop the listed axes (now of size 1).
    SmallVector<Value> parts = axes->unlistedSizes(result);
    result = d.reshape(result, parts);
  }
  if (isBool)
    result = d.cast(result, elementType);
  if (!d.ok() || !result)
    return failure();
  return node.setResults(result);
}

/// Reduce*: `AxesInputSince` is the opset in which the axes attribute became
/// an input (together with `noop_with_empty_axes`).
template <typename OpTy, int64_t AxesInputSince>
LogicalResult reduce(NodeContext &node) {
  FailureOr<Value> data = node.requiredInput(0);
  if (failed(data))
    return failure();
  std::optional<SmallVector<int64_t>> axes;
  bool noop = false;
  Value axesInput = node.opset >= AxesInputSince ? node.input(1) : Value();
  if (axesInput && !NodeContext::evaluateInts(axesInput)) {
    // Axes of static length 0 are the empty list; others are computed at
    // run time.
    auto type = dyn_cast<RankedTensorType>(axesInput.getType());
    if (!type || !type.hasStaticShape() || type.getNumElements() != 0) {
      bool keepdims = node.intAttr("keepdims", 1) != 0;
      if (node.failed())
        return failure();
      return reduceRuntimeAxes<OpTy>(node, *data, axesInput, keepdims);
    }
    axes = SmallVector<int64_t>();
    noop = node.intAttr("noop_with_empty_axes", 0) != 0;
  } else if (node.opset >= AxesInputSince) {
    FailureOr<std::optional<SmallVector<int64_t>>> input =
        node.constantInts(1, "axes");
    if (failed(input))
      return failure();
    axes = *input;
    noop = node.intAttr("noop_with_empty_axes", 0) != 0;
  } else {
    axes = node.intsAttr("axes");
  }
  bool keepdims = node.intAttr("keepdims", 1) != 0;
  if (node.failed())
    return failure();

  SmallVector<NamedAttribute> attrs = {
      node.named("keepdims", node.boolean(keepdims)),
      node.named("noop_with_empty_axes", node.boolean(noop))};
  if (axes && !axes->empty())
    attrs.push_back(node.named("axes", node.i64s(*axes)));

  // ReduceMax and ReduceMin take booleans since opset 20 (False < True):
  // they are the max and min of the values as 0 and 1.
  Type elementType = getElementType(data->getType());
  if constexpr (std::is_same_v<OpTy, ReduceMaxOp> ||
                std::is_same_v<OpTy, ReduceMinOp>) {
    if (elementType.isInteger(1)) {
      Type i8 = node.b.getI8Type();
      Value wide = CastOp::create(node.b, node.loc,
                                  withElementType(data->getType(), i8), *data);
      FailureOr<Value> reduced = node.value<OpTy>(wide, attrs);
      if (failed(reduced))
        return failure();
      return node.setResults(
          CastOp::create(node.b, node.loc,
                         withElementType(reduced->getType(), elementType),
                         *reduced)
              ->getResults());
    }
  }
  return node.emit<OpTy>(*data, attrs);
}

/// ArgMax, ArgMin: `select_last_index` since opset 12.
template <typename OpTy> LogicalResult argReduce(NodeContext &node) {
  FailureOr<Value> data = node.requiredInput(0);
  if (failed(data))
    return failure();
  int64_t axis = node.intAttr("axis", 0);
  bool keepdims = node.intAttr("keepdims", 1) != 0;
  bool selectLast =
      node.opset >= 12 && node.intAttr("select_last_index", 0) != 0;
  if (node.failed())
    return failure();
  return node.emit<OpTy>(
      *data, {node.named("axis", node.i64(axis)),
              node.named("keepdims", node.boolean(keepdims)),
              node.named("select_last_index", node.boolean(selectLast))});
}

/// TopK: `k` is an attribute before opset 10 (it becomes a constant operand)
/// and an input since; `largest` and `sorted` since opset 11.
LogicalResult topK(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  Value k;
  if (node.opset < 10) {
    std::optional<int64_t> kAttr = node.intAttr("k");
    if (node.failed())
      return failure();
    if (!kAttr)
      return node.fail("attribute 'k' is required");
    k = node.constI64({*kAttr});
  } else {
    FailureOr<Value> kInput = node.requiredInput(1);
    if (failed(kInput))
      return failure();
    k = *kInput;
  }
  int64_t axis = node.intAttr("axis", -1);
  bool largest = true, sorted = true;
  if (node.opset >= 11) {
    largest = node.intAttr("largest", 1) != 0;
    sorted = node.intAttr("sorted", 1) != 0;
  }
  if (node.failed())
    return failure();
  return node.emit<TopKOp>({*x, k},
                           {node.named("axis", node.i64(axis)),
                            node.named("largest", node.boolean(largest)),
                            node.named("sorted", node.boolean(sorted))},
                           /*numResults=*/2);
}

} // namespace

void registerReductionConverters(ConverterRegistry &r) {
  r.add("ReduceSum", reduce<ReduceSumOp, 13>);
  r.add("ReduceMean", reduce<ReduceMeanOp, 18>);
  r.add("ReduceMax", reduce<ReduceMaxOp, 18>);
  r.add("ReduceMin", reduce<ReduceMinOp, 18>);
  r.add("ReduceProd", reduce<ReduceProdOp, 18>);
  r.add("ReduceL1", reduce<ReduceL1Op, 18>);
  r.add("ReduceL2", reduce<ReduceL2Op, 18>);
  r.add("ReduceLogSum", reduce<ReduceLogSumOp, 18>);
  r.add("ReduceLogSumExp", reduce<ReduceLogSumExpOp, 18>);
  r.add("ReduceSumSquare", reduce<ReduceSumSquareOp, 18>);
  r.add("ArgMax", argReduce<ArgMaxOp>);
  r.add("ArgMin", argReduce<ArgMinOp>);
  r.add("TopK", topK);
}

} // namespace ds::onnx_import
