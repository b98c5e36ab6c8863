//===- Conv.cpp - Converters of convolution and pooling ops -----*- C++ -*-===//
//
// Part of ds. Conv, ConvTranspose, MaxPool, AveragePool, LpPool and the
// global pools. The window attributes keep their ONNX names and meaning;
// `auto_pad` is kept as given, since ds rewrites it into explicit pads itself
// where the shapes allow. Attributes that a pool only defines from a later
// opset are errors on older nodes rather than silently taking effect.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

/// Fails when the node carries `name`, which its op defines only from opset
/// `since` on.
LogicalResult requireOpset(NodeContext &node, StringRef name, int64_t since) {
  if (node.opset >= since || !node.hasAttr(name))
    return success();
  return node.fail("attribute '" + name + "' is not defined before opset " +
                   Twine(since));
}

/// Copies the integer-list attribute `name` to `attrs` when the node has it.
void copyInts(NodeContext &node, StringRef name,
              SmallVectorImpl<NamedAttribute> &attrs) {
  if (std::optional<SmallVector<int64_t>> values = node.intsAttr(name))
    attrs.push_back(node.named(name, node.i64s(*values)));
}

/// Reads the window attributes shared by the convolutions and the pools:
/// `kernel_shape` (required by the pools), `strides`, `pads`, `dilations`
/// (defined from opset `dilationsSince`) and `auto_pad`.
LogicalResult readWindow(NodeContext &node, bool kernelRequired,
                         int64_t dilationsSince,
                         SmallVectorImpl<NamedAttribute> &attrs) {
  if (kernelRequired && !node.hasAttr("kernel_shape"))
    return node.fail("attribute 'kernel_shape' is required");
  if (failed(requireOpset(node, "dilations", dilationsSince)))
    return failure();
  copyInts(node, "kernel_shape", attrs);
  copyInts(node, "strides", attrs);
  copyInts(node, "dilations", attrs);

  std::string autoPad = node.stringAttr("auto_pad", "NOTSET");
  if (autoPad != "NOTSET" && autoPad != "SAME_UPPER" &&
      autoPad != "SAME_LOWER" && autoPad != "VALID")
    return node.fail("unsupported auto_pad '" + autoPad +
                     "' (expected NOTSET, SAME_UPPER, SAME_LOWER or VALID)");
  std::optional<SmallVector<int64_t>> pads = node.intsAttr("pads");
  if (autoPad != "NOTSET") {
    attrs.push_back(node.named("auto_pad", node.b.getStringAttr(autoPad)));
    // Explicit zero pads next to auto_pad are redundant; others conflict.
    if (pads && llvm::any_of(*pads, [](int64_t pad) { return pad != 0; }))
      return node.fail("attribute 'pads' may not be given with auto_pad " +
                       autoPad);
    pads.reset();
  }
  if (pads)
    attrs.push_back(node.named("pads", node.i64s(*pads)));
  return success();
}

/// `ceil_mode` of the pools, defined from opset `since`.
LogicalResult readCeilMode(NodeContext &node, int64_t since,
                           SmallVectorImpl<NamedAttribute> &attrs) {
  if (failed(requireOpset(node, "ceil_mode", since)))
    return failure();
  if (node.intAttr("ceil_mode", 0) != 0)
    attrs.push_back(node.named("ceil_mode", node.boolean(true)));
  return success();
}

/// Conv and ConvTranspose: input, weight and the optional bias.
template <typename OpTy> LogicalResult convolution(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  FailureOr<Value> w = node.requiredInput(1);
  if (failed(x) || failed(w))
    return failure();
  SmallVector<Value> operands = {*x, *w};
  if (Value bias = node.input(2))
    operands.push_back(bias);

  SmallVector<NamedAttribute> attrs;
  if (failed(readWindow(node, /*kernelRequired=*/false,
                        /*dilationsSince=*/1, attrs)))
    return failure();
  int64_t group = node.intAttr("group", 1);
  if (group != 1)
    attrs.push_back(node.named("group", node.i64(group)));
  if constexpr (std::is_same_v<OpTy, ConvTransposeOp>) {
    copyInts(node, "output_padding", attrs);
    copyInts(node, "output_shape", attrs);
  }
  if (node.failed())
    return failure();
  return node.emit<OpTy>(operands, attrs);
}

/// MaxPool: the optional Indices output (opset 8) is the op's second result.
LogicalResult maxPool(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  SmallVector<NamedAttribute> attrs;
  if (failed(readWindow(node, /*kernelRequired=*/true,
                        /*dilationsSince=*/10, attrs)) ||
      failed(readCeilMode(node, /*since=*/10, attrs)) ||
      failed(requireOpset(node, "storage_order", 8)))
    return failure();
  int64_t storageOrder = node.intAttr("storage_order", 0);
  if (storageOrder != 0 && storageOrder != 1)
    return node.fail("unsupported storage_order " + Twine(storageOrder) +
                     " (expected 0 for row-major or 1 for column-major)");
  if (storageOrder != 0)
    attrs.push_back(node.named("storage_order", node.i64(storageOrder)));
  if (node.failed())
    return failure();
  bool withIndices =
      node.node.output_size() > 1 && !node.node.output(1).empty();
  return node.emit<MaxPoolOp>(*x, attrs, withIndices ? 2 : 1);
}

/// AveragePool: ceil_mode from opset 10, dilations from opset 19.
LogicalResult averagePool(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  SmallVector<NamedAttribute> attrs;
  if (failed(readWindow(node, /*kernelRequired=*/true,
                        /*dilationsSince=*/19, attrs)) ||
      failed(readCeilMode(node, /*since=*/10, attrs)))
    return failure();
  if (node.intAttr("count_include_pad", 0) != 0)
    attrs.push_back(node.named("count_include_pad", node.boolean(true)));
  if (node.failed())
    return failure();
  return node.emit<AveragePoolOp>(*x, attrs);
}

/// Reads the integer norm order `p` of LpPool and GlobalLpPool.
LogicalResult readP(NodeContext &node, SmallVectorImpl<NamedAttribute> &attrs) {
  int64_t p = node.intAttr("p", 2);
  if (p <= 0)
    return node.fail("attribute 'p' must be positive, got " + Twine(p));
  if (p != 2)
    attrs.push_back(node.named("p", node.i64(p)));
  return success();
}

/// LpPool: ceil_mode and dilations from opset 18.
LogicalResult lpPool(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  SmallVector<NamedAttribute> attrs;
  if (failed(readWindow(node, /*kernelRequired=*/true,
                        /*dilationsSince=*/18, attrs)) ||
      failed(readCeilMode(node, /*since=*/18, attrs)) ||
      failed(readP(node, attrs)))
    return failure();
  if (node.failed())
    return failure();
  return node.emit<LpPoolOp>(*x, attrs);
}

template <typename OpTy> LogicalResult globalPool(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  return node.emit<OpTy>(*x);
}

LogicalResult globalLpPool(NodeContext &node) {
  FailureOr<Value> x = node.requiredInput(0);
  SmallVector<NamedAttribute> attrs;
  if (failed(x) || failed(readP(node, attrs)) || node.failed())
    return failure();
  return node.emit<GlobalLpPoolOp>(*x, attrs);
}

} // namespace

void registerConvConverters(ConverterRegistry &r) {
  r.add("Conv", convolution<ConvOp>);
  r.add("ConvTranspose", convolution<ConvTransposeOp>);
  r.add("MaxPool", maxPool);
  r.add("AveragePool", averagePool);
  r.add("LpPool", lpPool);
  r.add("GlobalMaxPool", globalPool<GlobalMaxPoolOp>);
  r.add("GlobalAveragePool", globalPool<GlobalAveragePoolOp>);
  r.add("GlobalLpPool", globalLpPool);
}

} // namespace ds::onnx_import
