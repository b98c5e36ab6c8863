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

#include <type_traits>

using namespace mlir;

namespace ds::onnx_import {
namespace {

/// Reduce*: `AxesInputSince` is the opset in which the axes attribute became
/// an input (together with `noop_with_empty_axes`).
template <typename OpTy, int64_t AxesInputSince>
LogicalResult reduce(NodeContext &node) {
  FailureOr<Value> data = node.requiredInput(0);
  if (failed(data))
    return failure();
  std::optional<SmallVector<int64_t>> axes;
  bool noop = false;
  if (node.opset >= AxesInputSince) {
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
