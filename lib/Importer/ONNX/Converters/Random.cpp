//===- Random.cpp - Converters of ONNX ops to the Random family -*- C++ -*-===//
//
// Part of ds. RandomNormal, RandomUniform, RandomNormalLike,
// RandomUniformLike, Bernoulli and Multinomial. ONNX's integer `dtype`
// becomes the ds type attribute `dtype`; the other attributes keep their
// names. bfloat16 results exist since opset 22 (Bernoulli: 15).
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "dialects/ds/ShapeInference.h"
#include "lib/Importer/ONNX/NodeContext.h"
#include "lib/Importer/ONNX/TensorImport.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

/// Which element types a `dtype` may name.
enum class DtypeKind { Float, Any, Index };

/// The element type that the node's `dtype` attribute names (`dflt` when it
/// is absent; std::nullopt when that is too), checked against `kind` and
/// the opset.
FailureOr<std::optional<Type>> readDtype(NodeContext &node, DtypeKind kind,
                                         std::optional<int64_t> dflt) {
  std::optional<int64_t> code = node.intAttr("dtype");
  if (node.failed())
    return failure();
  if (!code)
    code = dflt;
  if (!code)
    return std::optional<Type>();
  FailureOr<Type> type =
      convertElementType(static_cast<int32_t>(*code), node.getContext(),
                         node.loc, "the dtype of " + node.opType().str());
  if (failed(type))
    return failure();
  std::string name = dataTypeName(static_cast<int32_t>(*code));
  switch (kind) {
  case DtypeKind::Float:
    if (!isa<FloatType>(*type))
      return node.fail("dtype " + name +
                       " is not supported: the op generates floating-point "
                       "values (float16, bfloat16, float or double)");
    break;
  case DtypeKind::Index:
    if (!type->isInteger(32) && !type->isInteger(64))
      return node.fail("dtype " + name +
                       " is not supported: Multinomial generates int32 or "
                       "int64 values");
    break;
  case DtypeKind::Any:
    break;
  }
  int64_t bf16Since = node.opType() == "Bernoulli" ? 15 : 22;
  if (type->isBF16() && node.opset < bf16Since)
    return node.fail("dtype BFLOAT16 needs opset " + std::to_string(bf16Since) +
                     " or later");
  return std::optional<Type>(*type);
}

/// The optional `seed` attribute, appended to `attrs`.
void addSeed(NodeContext &node, SmallVectorImpl<NamedAttribute> &attrs) {
  if (std::optional<float> seed = node.floatAttr("seed"))
    attrs.push_back(node.named("seed", node.f32(*seed)));
}

/// The two float attributes of the distribution (mean and scale, or low and
/// high) with ONNX's defaults 0 and 1.
void addDistribution(NodeContext &node, StringRef first, StringRef second,
                     SmallVectorImpl<NamedAttribute> &attrs) {
  attrs.push_back(node.named(first, node.f32(node.floatAttr(first, 0.0f))));
  attrs.push_back(node.named(second, node.f32(node.floatAttr(second, 1.0f))));
}

/// RandomNormal, RandomUniform: the shape from the attribute.
template <typename OpTy>
LogicalResult randomFromShape(NodeContext &node, StringRef first,
                              StringRef second) {
  std::optional<SmallVector<int64_t>> shape = node.intsAttr("shape");
  FailureOr<std::optional<Type>> dtype =
      readDtype(node, DtypeKind::Float, /*FLOAT*/ 1);
  if (failed(dtype))
    return failure();
  if (!shape)
    return node.fail("attribute 'shape' is required");
  SmallVector<NamedAttribute> attrs = {
      node.named("shape", node.i64s(*shape)),
      node.named("dtype", TypeAttr::get(**dtype))};
  addDistribution(node, first, second, attrs);
  addSeed(node, attrs);
  if (node.failed())
    return failure();
  return node.emit<OpTy>({}, attrs);
}

LogicalResult randomNormal(NodeContext &node) {
  return randomFromShape<RandomNormalOp>(node, "mean", "scale");
}
LogicalResult randomUniform(NodeContext &node) {
  return randomFromShape<RandomUniformOp>(node, "low", "high");
}

/// The *Like ops and Bernoulli: the shape of the input; `dtype` is kept only
/// when it differs from the input's element type (the canonical form).
template <typename OpTy>
LogicalResult randomLike(NodeContext &node, DtypeKind kind, StringRef first,
                         StringRef second) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  FailureOr<std::optional<Type>> dtype = readDtype(node, kind, std::nullopt);
  if (failed(dtype))
    return failure();
  SmallVector<NamedAttribute> attrs;
  if (*dtype && **dtype != getElementType(input->getType()))
    attrs.push_back(node.named("dtype", TypeAttr::get(**dtype)));
  if (!first.empty())
    addDistribution(node, first, second, attrs);
  addSeed(node, attrs);
  if (node.failed())
    return failure();
  return node.emit<OpTy>(*input, attrs);
}

LogicalResult randomNormalLike(NodeContext &node) {
  return randomLike<RandomNormalLikeOp>(node, DtypeKind::Float, "mean",
                                        "scale");
}
LogicalResult randomUniformLike(NodeContext &node) {
  return randomLike<RandomUniformLikeOp>(node, DtypeKind::Float, "low", "high");
}
LogicalResult bernoulli(NodeContext &node) {
  return randomLike<BernoulliOp>(node, DtypeKind::Any, "", "");
}

/// Multinomial: `dtype` defaults to INT32.
LogicalResult multinomial(NodeContext &node) {
  FailureOr<Value> input = node.requiredInput(0);
  if (failed(input))
    return failure();
  FailureOr<std::optional<Type>> dtype =
      readDtype(node, DtypeKind::Index, /*INT32*/ 6);
  if (failed(dtype))
    return failure();
  SmallVector<NamedAttribute> attrs = {
      node.named("dtype", TypeAttr::get(**dtype)),
      node.named("sample_size", node.i64(node.intAttr("sample_size", 1)))};
  addSeed(node, attrs);
  if (node.failed())
    return failure();
  return node.emit<MultinomialOp>(*input, attrs);
}

} // namespace

void registerRandomConverters(ConverterRegistry &r) {
  r.add("RandomNormal", randomNormal);
  r.add("RandomUniform", randomUniform);
  r.add("RandomNormalLike", randomNormalLike);
  r.add("RandomUniformLike", randomUniformLike);
  r.add("Bernoulli", bernoulli, 15);
  r.add("Multinomial", multinomial, 7);
}

} // namespace ds::onnx_import
