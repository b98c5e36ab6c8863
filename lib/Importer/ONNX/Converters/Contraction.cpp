//===- Contraction.cpp - Converters of matrix-product ONNX ops --*- C++ -*-===//
//
// Part of ds. MatMul and Gemm.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

LogicalResult matMul(NodeContext &node) {
  FailureOr<Value> a = node.requiredInput(0);
  FailureOr<Value> b = node.requiredInput(1);
  if (failed(a) || failed(b))
    return failure();
  return node.emit<MatMulOp>({*a, *b});
}

/// Gemm: C is required before opset 11 and optional since. Opsets from 7 on
/// broadcast C unidirectionally, which is ds.gemm's only form.
LogicalResult gemm(NodeContext &node) {
  FailureOr<Value> a = node.requiredInput(0);
  FailureOr<Value> b = node.requiredInput(1);
  if (failed(a) || failed(b))
    return failure();
  SmallVector<Value> operands = {*a, *b};
  if (node.opset < 11) {
    FailureOr<Value> c = node.requiredInput(2);
    if (failed(c))
      return failure();
    operands.push_back(*c);
  } else if (Value c = node.input(2)) {
    operands.push_back(c);
  }

  SmallVector<NamedAttribute> attrs;
  float alpha = node.floatAttr("alpha", 1.0f);
  float beta = node.floatAttr("beta", 1.0f);
  if (alpha != 1.0f)
    attrs.push_back(node.named("alpha", node.f32(alpha)));
  if (beta != 1.0f)
    attrs.push_back(node.named("beta", node.f32(beta)));
  if (node.intAttr("transA", 0) != 0)
    attrs.push_back(node.named("trans_a", node.boolean(true)));
  if (node.intAttr("transB", 0) != 0)
    attrs.push_back(node.named("trans_b", node.boolean(true)));
  if (node.failed())
    return failure();
  return node.emit<GemmOp>(operands, attrs);
}

} // namespace

void registerContractionConverters(ConverterRegistry &r) {
  r.add("MatMul", matMul);
  r.add("Gemm", gemm);
}

} // namespace ds::onnx_import
