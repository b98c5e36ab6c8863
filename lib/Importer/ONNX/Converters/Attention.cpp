//===- Attention.cpp - Attention and RotaryEmbedding ------------*- C++ -*-===//
//
// Part of ds. The attention ops of opset 23 on, decomposed into matmuls,
// softmax and masks, and RotaryEmbedding.
//
//===----------------------------------------------------------------------===//

#include "lib/Importer/ONNX/Decomposer.h"

#include <cmath>
#include <limits>

using namespace mlir;

namespace ds::onnx_import {
namespace {

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

/// [B, S, H*D] -> [B, H, S, D].
Value splitHeads(Decomposer &d, Value x, int64_t heads) {
  Value split = d.reshape(x, {d.dim(x, 0), d.dim(x, 1), d.ints({heads}),
                              d.divInt(d.dim(x, 2), heads)});
  return d.transpose(split, {0, 2, 1, 3});
}

/// Repeats each head of [B, H, S, D] `times` times: [h0, h0, h1, h1, ...].
Value repeatHeads(Decomposer &d, Value x, int64_t heads, int64_t times) {
  Value spread =
      d.op<ExpandOp>({d.unsqueeze(x, {2}), d.ints({1, 1, times, 1, 1})});
  return d.reshape(
      spread, {d.dim(x, 0), d.ints({heads * times}), d.dim(x, 2), d.dim(x, 3)});
}

/// Attention (opsets 23, 24, 25), the scaled dot-product pattern of the spec
/// on [B, H, S, D] tensors (3-D inputs [B, S, H*D] are split by
/// q_num_heads / kv_num_heads and merged back):
///   K, V = concat(past, K or V) along the sequence when a cache is given,
///   kv heads repeated to the query heads (GQA),
///   scores = (Q * sqrt(scale)) @ (K * sqrt(scale))^T,
///     scale = 1 / sqrt(head_size) by default,
///   scores = softcap * tanh(scores / softcap) when softcap > 0,
///   scores += bias: a float mask, a bool mask as 0 / -inf, the causal
///     mask j <= i + past_length and the window bounds as 0 / -inf,
///   probs = softmax(scores) in softmax_precision, zero on rows whose bias
///     is -inf everywhere,
///   Y = probs @ V.
/// nonpad_kv_seqlen (the external cache) is not supported.
LogicalResult attention(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> q = node.requiredInput(0);
  FailureOr<Value> k = node.requiredInput(1);
  FailureOr<Value> v = node.requiredInput(2);
  if (failed(q) || failed(k) || failed(v))
    return failure();
  Value mask = node.input(3), pastKey = node.input(4),
        pastValue = node.input(5);
  if (node.input(6))
    return node.fail("nonpad_kv_seqlen (an external KV cache) is not "
                     "supported");
  if (!pastKey != !pastValue)
    return node.fail("past_key and past_value must be given together");
  std::optional<int64_t> rank = rankOf(d, *q, "Q");
  if (!rank || !rankOf(d, *k, "K") || !rankOf(d, *v, "V"))
    return failure();
  if (*rank != 3 && *rank != 4)
    return node.fail("Q, K and V must have rank 3 or 4");
  if (*rankOf(d, *k, "K") != *rank || *rankOf(d, *v, "V") != *rank)
    return node.fail("Q, K and V must have the same rank");

  std::optional<int64_t> qHeads = node.intAttr("q_num_heads");
  std::optional<int64_t> kvHeads = node.intAttr("kv_num_heads");
  int64_t softmaxType = node.intAttr("softmax_precision", 0);
  int64_t mode = node.intAttr("qk_matmul_output_mode", 0);
  float softcap = node.floatAttr("softcap", 0.0f);
  bool causal = node.intAttr("is_causal", 0) != 0;
  int64_t leftWindow = node.intAttr("left_window_size", -1);
  int64_t rightWindow = node.intAttr("right_window_size", -1);
  std::optional<float> scaleAttr = node.floatAttr("scale");
  if (mode < 0 || mode > 3)
    return node.fail("qk_matmul_output_mode must be 0, 1, 2 or 3, not " +
                     Twine(mode));
  if (leftWindow < -1 || rightWindow < -1)
    return node.fail("window sizes must be -1 or non-negative");
  Type type = elementTypeOf(*q);

  Value query = *q, key = *k, value = *v;
  if (*rank == 3) {
    if (!qHeads || !kvHeads || *qHeads < 1 || *kvHeads < 1)
      return node.fail("3-D inputs need positive q_num_heads and "
                       "kv_num_heads");
    query = splitHeads(d, query, *qHeads);
    key = splitHeads(d, key, *kvHeads);
    value = splitHeads(d, value, *kvHeads);
  } else {
    // 4-D inputs carry their head counts; attributes must agree.
    std::optional<int64_t> qDim = staticDim(query, 1),
                           kvDim = staticDim(key, 1);
    if ((qHeads && qDim && *qHeads != *qDim) ||
        (kvHeads && kvDim && *kvHeads != *kvDim))
      return node.fail("q_num_heads / kv_num_heads disagree with the head "
                       "dimension of the 4-D inputs");
  }
  if (pastKey) {
    key = d.concat({pastKey, key}, 2);
    value = d.concat({pastValue, value}, 2);
  }
  Value presentKey = key, presentValue = value;

  // Grouped-query attention: repeat each kv head when the counts differ.
  // (One kv head broadcasts in the matmuls without repeating.)
  std::optional<int64_t> hq = qHeads ? qHeads : staticDim(query, 1);
  std::optional<int64_t> hkv = kvHeads ? kvHeads : staticDim(key, 1);
  if (hq && hkv && *hq != *hkv && *hkv != 1) {
    if (*hq % *hkv != 0)
      return node.fail("the query heads (" + Twine(*hq) +
                       ") are not a multiple of the key/value heads (" +
                       Twine(*hkv) + ")");
    key = repeatHeads(d, key, *hkv, *hq / *hkv);
    value = repeatHeads(d, value, *hkv, *hq / *hkv);
  }

  // sqrt(scale), applied to Q and K as the spec does.
  Value rootScale;
  if (scaleAttr) {
    rootScale = d.scalar(type, std::sqrt(*scaleAttr));
  } else if (std::optional<int64_t> head = staticDim(query, 3)) {
    rootScale = d.scalar(type, std::sqrt(1.0 / std::sqrt(double(*head))));
  } else {
    Value size = d.cast(d.dim(query, 3), type);
    rootScale = d.op<SqrtOp>(d.op<ReciprocalOp>(d.op<SqrtOp>(size)));
  }
  Value scores =
      d.op<MatMulOp>({d.mul(query, rootScale),
                      d.transpose(d.mul(key, rootScale), {0, 1, 3, 2})});
  Value raw = scores;
  if (softcap > 0.0f) {
    Value cap = d.scalar(type, softcap);
    scores = d.mul(d.op<TanhOp>(d.div(scores, cap)), cap);
  }
  Value capped = scores;

  // The additive bias.
  Value zero = d.scalar(type, 0);
  Value minusInf = d.scalar(type, -std::numeric_limits<double>::infinity());
  Value bias;
  auto addBias = [&](Value term) { bias = bias ? d.add(bias, term) : term; };
  if (mask) {
    Type maskType = elementTypeOf(mask);
    bool isBool = maskType.isInteger(1);
    if (!isBool && maskType != type)
      return node.fail("attn_mask must be bool or of the type of Q");
    std::optional<int64_t> maskRank = rankOf(d, mask, "attn_mask");
    if (!maskRank)
      return failure();
    // A mask shorter than the keys is padded with masked positions.
    Value missing = d.arith(Decomposer::Arith::Sub, d.dim(key, 2),
                            d.dim(mask, *maskRank - 1));
    std::optional<SmallVector<int64_t>> pad = getConstantInts(missing);
    if (!pad || pad->front() != 0)
      mask = d.op<PadOp>({mask, d.shape({d.ints({0}), missing}),
                          isBool ? d.scalar(maskType, 0) : minusInf},
                         {d.axesAttr({-1})});
    addBias(isBool ? d.where(mask, zero, minusInf) : mask);
  }
  if (causal || leftWindow >= 0 || rightWindow >= 0) {
    // i + offset - j for query i and key j; offset = past length.
    Value rows = d.unsqueeze(d.iota(d.dim(query, 2)), {1});
    if (pastKey)
      rows = d.add(rows, d.dim(pastKey, 2));
    Value distance = d.sub(rows, d.iota(d.dim(key, 2)));
    Type i64 = node.b.getI64Type();
    Value allowed;
    auto allow = [&](Value condition) {
      allowed = allowed ? d.op<AndOp>({allowed, condition}) : condition;
    };
    if (causal)
      allow(d.op<GreaterOrEqualOp>({distance, d.scalar(i64, 0)}));
    if (leftWindow >= 0)
      allow(d.op<LessOrEqualOp>({distance, d.scalar(i64, leftWindow)}));
    if (rightWindow >= 0)
      allow(d.op<GreaterOrEqualOp>({distance, d.scalar(i64, -rightWindow)}));
    addBias(d.where(allowed, zero, minusInf));
  }
  if (bias)
    scores = d.add(scores, bias);
  Value biased = scores;

  Type softmaxElement = type;
  if (softmaxType != 0) {
    FailureOr<Type> converted =
        convertElementType(static_cast<int32_t>(softmaxType), node.getContext(),
                           node.loc, "softmax_precision");
    if (failed(converted))
      return failure();
    if (!isa<FloatType>(*converted))
      return node.fail("softmax_precision must be a floating-point type");
    softmaxElement = *converted;
  }
  Value probs = d.cast(
      d.op<SoftmaxOp>(d.cast(scores, softmaxElement), {d.axisAttr(-1)}), type);
  if (bias) {
    Value rowMax = d.op<ReduceMaxOp>(
        bias, {d.axesAttr({-1}), d.attr("keepdims", node.boolean(true))});
    Value masked = d.op<EqualOp>({rowMax, minusInf});
    probs = d.where(masked, zero, probs);
  }
  Value y = d.op<MatMulOp>({probs, value});
  if (*rank == 3)
    y = d.reshape(d.transpose(y, {0, 2, 1, 3}),
                  {d.dim(y, 0), d.dim(y, 2),
                   d.arith(Decomposer::Arith::Mul, d.dim(y, 1), d.dim(y, 3))});
  Value qk[] = {raw, capped, biased, probs};
  return finish(d, {y, presentKey, presentValue, qk[mode]});
}

//===----------------------------------------------------------------------===//
// RotaryEmbedding
//===----------------------------------------------------------------------===//

/// RotaryEmbedding (opset 23), on x as [B, S, H, D] (from [B, H, S, D], or
/// [B, S, H*D] split by num_heads) with r = rotary_embedding_dim (default
/// D): the first r features are rotated, the rest pass through. With
/// cos/sin = cache[position_ids] (or the caches themselves, [B, S, r/2]),
/// and x1, x2 the halves (or the even and odd features when interleaved),
///   real = cos * x1 - sin * x2,  imag = sin * x1 + cos * x2,
/// concatenated (or interleaved) back.
LogicalResult rotaryEmbedding(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> x = node.requiredInput(0);
  FailureOr<Value> cosCache = node.requiredInput(1);
  FailureOr<Value> sinCache = node.requiredInput(2);
  if (failed(x) || failed(cosCache) || failed(sinCache))
    return failure();
  Value positions = node.input(3);
  std::optional<int64_t> rank = rankOf(d, *x, "the input");
  if (!rank)
    return failure();
  if (*rank != 3 && *rank != 4)
    return node.fail("the input must have rank 3 or 4");
  bool interleaved = node.intAttr("interleaved", 0) != 0;
  int64_t rotary = node.intAttr("rotary_embedding_dim", 0);
  std::optional<int64_t> heads = node.intAttr("num_heads");

  Value input;
  if (*rank == 4) {
    input = d.transpose(*x, {0, 2, 1, 3});
  } else {
    if (!heads || *heads < 1)
      return node.fail("a 3-D input needs a positive num_heads");
    input = d.reshape(*x, {d.dim(*x, 0), d.dim(*x, 1), d.ints({*heads}),
                           d.divInt(d.dim(*x, 2), *heads)});
  }
  std::optional<int64_t> headSize = input ? staticDim(input, 3) : std::nullopt;
  if (rotary == 0) {
    if (headSize)
      rotary = *headSize;
    else if (std::optional<int64_t> half =
                 staticDim(*cosCache,
                           cast<ShapedType>(cosCache->getType()).getRank() - 1))
      rotary = 2 * *half;
    else
      return node.fail("the head size must be static or rotary_embedding_dim "
                       "given");
  }
  if (rotary % 2 != 0 || (headSize && rotary > *headSize))
    return node.fail("rotary_embedding_dim " + Twine(rotary) +
                     " must be even and at most the head size");
  int64_t half = rotary / 2;

  Value cosine = *cosCache, sine = *sinCache;
  if (positions) {
    cosine = d.op<GatherOp>({cosine, positions}, {d.axisAttr(0)});
    sine = d.op<GatherOp>({sine, positions}, {d.axisAttr(0)});
  }
  cosine = d.unsqueeze(cosine, {2});
  sine = d.unsqueeze(sine, {2});

  bool partial = !headSize || rotary != *headSize;
  Value rotated = partial ? d.slice(input, 3, 0, rotary) : input;
  Value x1 = interleaved ? d.slice(rotated, 3, 0, rotary, 2)
                         : d.slice(rotated, 3, 0, half);
  Value x2 = interleaved ? d.slice(rotated, 3, 1, rotary, 2)
                         : d.slice(rotated, 3, half, rotary);
  Value real = d.sub(d.mul(cosine, x1), d.mul(sine, x2));
  Value imag = d.add(d.mul(sine, x1), d.mul(cosine, x2));
  Value result;
  if (interleaved) {
    Value pairs = d.concat({d.unsqueeze(real, {4}), d.unsqueeze(imag, {4})}, 4);
    result = d.reshape(pairs, {d.dim(pairs, 0), d.dim(pairs, 1),
                               d.dim(pairs, 2), d.ints({rotary})});
  } else {
    result = d.concat({real, imag}, 3);
  }
  if (partial)
    result = d.concat({result, d.slice(input, 3, rotary,
                                       std::numeric_limits<int64_t>::max())},
                      3);
  if (*rank == 4)
    result = d.transpose(result, {0, 2, 1, 3});
  else
    result = d.reshape(result, {d.dim(*x, 0), d.dim(*x, 1), d.dim(*x, 2)});
  return finish(d, result);
}

} // namespace

void registerAttentionConverters(ConverterRegistry &r) {
  r.add("Attention", attention, 23);
  r.add("RotaryEmbedding", rotaryEmbedding, 23);
}

} // namespace ds::onnx_import
