//===- Functions.cpp - ONNX function ops, decomposed -----------*- C++ -*-===//
//
// Part of ds. ONNX ops that the ONNX spec defines as functions of other ops
// (or whose spec is a short formula over them), decomposed into existing ds
// ops: activations (Swish, SwiGLU, Shrink), LRN, Trilu, EyeLike, OneHot,
// DepthToSpace and SpaceToDepth, CenterCropPad, the window generators, and
// the NLL and softmax cross-entropy losses (Einsum and the attention ops
// have files of their own). Each converter states the formula it
// implements.
//
// Shape arithmetic (sizes of dimensions, their products and differences) is
// computed here when the sizes are static, so that results get static types;
// otherwise it is built with ds.shape and i64 arithmetic ops.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/Decomposer.h"

#include <cmath>
#include <limits>

using namespace mlir;

namespace ds::onnx_import {
namespace {

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

/// Swish_alpha(x) = x * sigmoid(alpha * x).
Value swishOf(Decomposer &d, Value x, float alpha) {
  Value scaled =
      alpha == 1.0f ? x : d.mul(x, d.scalar(elementTypeOf(x), alpha));
  return d.mul(x, d.op<SigmoidOp>(scaled));
}

/// Swish (opset 24): Y = X * Sigmoid(alpha * X).
LogicalResult swish(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  return finish(d, swishOf(d, *x, node.floatAttr("alpha", 1.0f)));
}

/// SwiGLU (opset 28): Y = Swish_alpha(A) * B, A and B of one shape.
LogicalResult swiGLU(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> a = node.requiredInput(0);
  FailureOr<Value> b = node.requiredInput(1);
  if (failed(a) || failed(b))
    return failure();
  auto ta = dyn_cast<RankedTensorType>(a->getType());
  auto tb = dyn_cast<RankedTensorType>(b->getType());
  if (ta && tb &&
      (ta.getRank() != tb.getRank() ||
       llvm::any_of(llvm::zip(ta.getShape(), tb.getShape()), [](auto pair) {
         return !compatibleSizes(std::get<0>(pair), std::get<1>(pair));
       })))
    return node.fail("inputs A and B must have the same shape (SwiGLU does "
                     "not broadcast)");
  return finish(d, d.mul(swishOf(d, *a, node.floatAttr("alpha", 1.0f)), *b));
}

/// Shrink (opset 9), as its ONNX function body: with l and b the attributes
/// cast to the input type (integer types truncate),
///   y = x < -l ? x + b : (l < x ? x - b : 0).
LogicalResult shrink(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  Type type = elementTypeOf(*x);
  double lambd = node.floatAttr("lambd", 0.5f);
  double bias = node.floatAttr("bias", 0.0f);
  if (!isa<FloatType>(type))
    lambd = std::trunc(lambd);
  if (isUnsigned(type) && lambd < 0)
    return node.fail("lambd must not be negative for an unsigned input");
  Value zero = d.scalar(type, 0);
  Value b = d.scalar(type, bias);
  Value above = d.op<LessOp>({d.scalar(type, lambd), *x});
  Value y = d.where(above, d.sub(*x, b), zero);
  // For unsigned inputs x < -l never holds (l >= 0).
  if (!isUnsigned(type)) {
    Value below = d.op<LessOp>({*x, d.scalar(type, -lambd)});
    y = d.where(below, d.add(*x, b), y);
  }
  return finish(d, y);
}

//===----------------------------------------------------------------------===//
// LRN
//===----------------------------------------------------------------------===//

/// LRN (opsets 1, 13):
///   Y = X / (bias + alpha / size * square_sum) ^ beta
/// where square_sum sums X^2 over the channels
/// [c - floor((size - 1) / 2), c + ceil((size - 1) / 2)] clipped to [0, C).
/// The channel dimension is made a spatial one of a single-channel tensor
/// ([N, 1, C, D1, ...]) whose X^2 is averaged over a [size, 1, ...] window
/// padded with zeros that count in the divisor; the average is
/// square_sum / size, so alpha * average = alpha / size * square_sum.
LogicalResult lrn(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  std::optional<int64_t> size = node.intAttr("size");
  if (!size)
    return node.fail("attribute 'size' is required");
  if (*size < 1)
    return node.fail("attribute 'size' must be positive, not " + Twine(*size));
  std::optional<int64_t> rank = rankOf(d, *x, "the input");
  if (!rank)
    return failure();
  if (*rank < 2)
    return node.fail("the input must have rank 2 or more ([N, C, ...])");
  float alpha = node.floatAttr("alpha", 1e-4f);
  float beta = node.floatAttr("beta", 0.75f);
  float bias = node.floatAttr("bias", 1.0f);
  Type type = elementTypeOf(*x);

  int64_t spatial = *rank - 1;
  SmallVector<int64_t> kernel(spatial, 1), pads(2 * spatial, 0);
  kernel[0] = *size;
  pads[0] = (*size - 1) / 2;
  pads[spatial] = *size - 1 - pads[0];
  Value squares = d.unsqueeze(d.mul(*x, *x), {1});
  Value average = d.op<AveragePoolOp>(
      squares, {d.attr("kernel_shape", node.i64s(kernel)),
                d.attr("pads", node.i64s(pads)),
                d.attr("count_include_pad", node.boolean(true))});
  Value scaled = d.mul(d.squeeze(average, {1}), d.scalar(type, alpha));
  Value base = d.add(scaled, d.scalar(type, bias));
  Value denominator = d.op<PowOp>({base, d.scalar(type, beta)});
  return finish(d, d.div(*x, denominator));
}

//===----------------------------------------------------------------------===//
// Matrix masks: Trilu, EyeLike
//===----------------------------------------------------------------------===//

/// Row indices [N, 1] and column indices [M] of the last two dimensions of
/// `x` (of rank `rank`), as i64.
std::pair<Value, Value> rowsAndColumns(Decomposer &d, Value x, int64_t rank) {
  Value rows = d.unsqueeze(d.iota(d.dim(x, rank - 2)), {1});
  Value columns = d.iota(d.dim(x, rank - 1));
  return {rows, columns};
}

/// Trilu (opset 14): keeps x[..., i, j] where j - i >= k (upper) or
/// j - i <= k (lower) and zeroes the rest: where(mask, x, 0), the mask
/// comparing a column range against a row range shifted by k.
LogicalResult trilu(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  std::optional<int64_t> rank = rankOf(d, *x, "the input");
  if (!rank)
    return failure();
  if (*rank < 2)
    return node.fail("the input must have rank 2 or more");
  bool upper = node.intAttr("upper", 1) != 0;
  auto [rows, columns] = rowsAndColumns(d, *x, *rank);
  if (Value k = node.input(1)) {
    if (elementTypeOf(k) != node.b.getI64Type())
      return node.fail("k must be an i64 tensor");
    rows = d.add(rows, k);
  }
  Value keep = upper ? d.op<GreaterOrEqualOp>({columns, rows})
                     : d.op<LessOrEqualOp>({columns, rows});
  return finish(d, d.where(keep, *x, d.scalar(elementTypeOf(*x), 0)));
}

/// EyeLike (opsets 9, 22): y[i, j] = (j - i == k), cast to dtype (default
/// the input's element type).
LogicalResult eyeLike(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  std::optional<int64_t> rank = rankOf(d, *x, "the input");
  if (!rank)
    return failure();
  if (*rank != 2)
    return node.fail("the input must have rank 2");
  Type type = elementTypeOf(*x);
  if (std::optional<int64_t> dtype = node.intAttr("dtype")) {
    FailureOr<Type> converted =
        convertElementType(static_cast<int32_t>(*dtype), node.getContext(),
                           node.loc, "the dtype of EyeLike");
    if (failed(converted))
      return failure();
    type = *converted;
  }
  auto [rows, columns] = rowsAndColumns(d, *x, 2);
  int64_t k = node.intAttr("k", 0);
  if (k != 0)
    rows = d.add(rows, d.ints({k}));
  Value diagonal = d.op<EqualOp>({columns, rows});
  return finish(d, d.cast(diagonal, type));
}

//===----------------------------------------------------------------------===//
// OneHot
//===----------------------------------------------------------------------===//

/// OneHot (opsets 9, 11): with d = depth (cast to i64) and the indices cast
/// to i64 (negative ones counting from the back since opset 11),
///   output = where(unsqueeze(indices, axis) == range(0, d) placed at axis,
///                  values[1], values[0]).
/// Indices outside the valid range match no class and give off_value.
LogicalResult oneHot(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> indices = node.requiredInput(0);
  FailureOr<Value> depth = node.requiredInput(1);
  FailureOr<Value> values = node.requiredInput(2);
  if (failed(indices) || failed(depth) || failed(values))
    return failure();
  std::optional<int64_t> rank = rankOf(d, *indices, "the indices");
  if (!rank)
    return failure();
  int64_t axis = node.intAttr("axis", -1);
  if (axis < -*rank - 1 || axis > *rank)
    return node.fail("axis " + Twine(axis) +
                     " is out of range for indices "
                     "of rank " +
                     Twine(*rank));
  if (axis < 0)
    axis += *rank + 1;
  if (auto type = dyn_cast<RankedTensorType>(depth->getType());
      type && type.getNumElements() != 1)
    return node.fail("depth must hold a single value");
  if (auto type = dyn_cast<RankedTensorType>(values->getType());
      type && (type.getRank() != 1 || !compatibleSizes(type.getDimSize(0), 2)))
    return node.fail("values must be a 2-element [off_value, on_value] tensor");

  Type i64 = node.b.getI64Type();
  Value n = d.reshape(d.cast(*depth, i64), d.ints({}));
  Value index = d.cast(*indices, i64);
  if (node.opset >= 11)
    index = d.where(d.op<LessOp>({index, d.scalar(i64, 0)}), d.add(index, n),
                    index);
  SmallVector<int64_t> trailing;
  for (int64_t i = 1; i <= *rank - axis; ++i)
    trailing.push_back(i);
  Value classes = d.unsqueeze(d.iota(n), trailing);
  Value hot = d.op<EqualOp>({d.unsqueeze(index, {axis}), classes});
  Value off = d.slice(*values, 0, 0, 1);
  Value on = d.slice(*values, 0, 1, 2);
  return finish(d, d.where(hot, on, off));
}

//===----------------------------------------------------------------------===//
// DepthToSpace, SpaceToDepth
//===----------------------------------------------------------------------===//

/// Reads `mode` (DCR or CRD) where the opset has it.
std::optional<bool> readCrdMode(NodeContext &node, int64_t sinceOpset) {
  if (node.opset < sinceOpset)
    return false;
  std::string mode = node.stringAttr("mode", "DCR");
  if (mode == "DCR")
    return false;
  if (mode == "CRD")
    return true;
  (void)node.fail("mode must be DCR or CRD, not '" + mode + "'");
  return std::nullopt;
}

/// DepthToSpace (opsets 1, 11, 13, 28; `mode` since 11), as the spec's
/// numpy formulation for x of shape [b, c, h, w] and blocksize s:
///   DCR: reshape [b, s, s, c/s^2, h, w], transpose [0, 3, 4, 1, 5, 2]
///   CRD: reshape [b, c/s^2, s, s, h, w], transpose [0, 1, 4, 2, 5, 3]
/// then reshape [b, c/s^2, h*s, w*s].
LogicalResult depthToSpace(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  std::optional<int64_t> s = node.intAttr("blocksize");
  if (!s || *s < 1)
    return node.fail("attribute 'blocksize' must be a positive integer");
  std::optional<bool> crd = readCrdMode(node, 11);
  std::optional<int64_t> rank = rankOf(d, *x, "the input");
  if (!crd || !rank)
    return failure();
  if (*rank != 4)
    return node.fail("the input must have rank 4");
  if (std::optional<int64_t> c = staticDim(*x, 1); c && *c % (*s * *s) != 0)
    return node.fail("the channel count " + Twine(*c) +
                     " is not a multiple of blocksize^2 = " + Twine(*s * *s));
  Value b = d.dim(*x, 0), h = d.dim(*x, 2), w = d.dim(*x, 3);
  Value c = d.divInt(d.dim(*x, 1), *s * *s);
  Value block = d.ints({*s});
  SmallVector<Value> split = *crd
                                 ? SmallVector<Value>{b, c, block, block, h, w}
                                 : SmallVector<Value>{b, block, block, c, h, w};
  SmallVector<int64_t> perm = *crd ? SmallVector<int64_t>{0, 1, 4, 2, 5, 3}
                                   : SmallVector<int64_t>{0, 3, 4, 1, 5, 2};
  Value moved = d.transpose(d.reshape(*x, split), perm);
  Value result = d.reshape(moved, {b, c, d.mulInt(h, *s), d.mulInt(w, *s)});
  return finish(d, result);
}

/// SpaceToDepth (opsets 1, 13, 28; `mode` since 28), the inverse of
/// DepthToSpace: reshape [b, c, h/s, s, w/s, s], transpose
/// [0, 3, 5, 1, 2, 4] (DCR) or [0, 1, 3, 5, 2, 4] (CRD), reshape
/// [b, c*s^2, h/s, w/s].
LogicalResult spaceToDepth(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  std::optional<int64_t> s = node.intAttr("blocksize");
  if (!s || *s < 1)
    return node.fail("attribute 'blocksize' must be a positive integer");
  std::optional<bool> crd = readCrdMode(node, 28);
  std::optional<int64_t> rank = rankOf(d, *x, "the input");
  if (!crd || !rank)
    return failure();
  if (*rank != 4)
    return node.fail("the input must have rank 4");
  for (int64_t i : {2, 3})
    if (std::optional<int64_t> size = staticDim(*x, i); size && *size % *s)
      return node.fail("spatial size " + Twine(*size) +
                       " is not a multiple of the blocksize " + Twine(*s));
  Value b = d.dim(*x, 0), c = d.dim(*x, 1);
  Value h = d.divInt(d.dim(*x, 2), *s), w = d.divInt(d.dim(*x, 3), *s);
  Value block = d.ints({*s});
  SmallVector<int64_t> perm = *crd ? SmallVector<int64_t>{0, 1, 3, 5, 2, 4}
                                   : SmallVector<int64_t>{0, 3, 5, 1, 2, 4};
  Value moved = d.transpose(d.reshape(*x, {b, c, h, block, w, block}), perm);
  Value result = d.reshape(moved, {b, d.mulInt(c, *s * *s), h, w});
  return finish(d, result);
}

//===----------------------------------------------------------------------===//
// CenterCropPad
//===----------------------------------------------------------------------===//

/// CenterCropPad (opset 18): for each axis with input size n and target t,
/// pads max(t - n, 0) zeros, floor(half) before and the rest after, then
/// takes t elements from floor(max(n - t, 0) / 2). Exactly one of the two
/// applies per axis; both are a ds.pad and a ds.slice with runtime amounts.
LogicalResult centerCropPad(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> x = node.requiredInput(0);
  FailureOr<Value> target = node.requiredInput(1);
  if (failed(x) || failed(target))
    return failure();
  std::optional<int64_t> rank = rankOf(d, *x, "the input");
  if (!rank)
    return failure();
  SmallVector<int64_t> axes;
  if (std::optional<SmallVector<int64_t>> given = node.intsAttr("axes")) {
    for (int64_t axis : *given) {
      if (axis < -*rank || axis >= *rank)
        return node.fail("axis " + Twine(axis) +
                         " is out of range for an input of rank " +
                         Twine(*rank));
      axis = axis < 0 ? axis + *rank : axis;
      if (llvm::is_contained(axes, axis))
        return node.fail("axis " + Twine(axis) + " is repeated");
      axes.push_back(axis);
    }
  } else {
    for (int64_t i = 0; i < *rank; ++i)
      axes.push_back(i);
  }
  auto targetType = dyn_cast<RankedTensorType>(target->getType());
  if (targetType && (targetType.getRank() != 1 ||
                     !compatibleSizes(targetType.getDimSize(0), axes.size())))
    return node.fail("shape must be a 1-D tensor with one size per axis (" +
                     Twine(axes.size()) + ")");
  if (axes.empty())
    return node.setResults(*x);

  using A = Decomposer::Arith;
  SmallVector<Value> sizes;
  for (int64_t axis : axes)
    sizes.push_back(d.dim(*x, axis));
  Value size = d.shape(sizes);
  Value t = d.cast(*target, node.b.getI64Type());
  if (std::optional<SmallVector<int64_t>> c = getConstantInts(*target))
    t = d.ints(*c);
  Value zero = d.ints({0});
  Value padTotal = d.arith(A::Max, d.arith(A::Sub, t, size), zero);
  Value padBegin = d.divInt(padTotal, 2);
  Value padEnd = d.arith(A::Sub, padTotal, padBegin);
  Value cropTotal = d.arith(A::Max, d.arith(A::Sub, size, t), zero);
  Value start = d.divInt(cropTotal, 2);
  Value end = d.arith(A::Add, start, t);

  Value y = *x;
  std::optional<SmallVector<int64_t>> pads = getConstantInts(padTotal);
  if (!pads || llvm::any_of(*pads, [](int64_t p) { return p != 0; }))
    y = d.op<PadOp>({y, d.shape({padBegin, padEnd})}, {d.axesAttr(axes)});
  std::optional<SmallVector<int64_t>> crops = getConstantInts(cropTotal);
  if (!crops || llvm::any_of(*crops, [](int64_t c) { return c != 0; }))
    y = d.op<SliceOp>({y, start, end}, {d.axesAttr(axes)});
  return finish(d, y);
}

//===----------------------------------------------------------------------===//
// Windows
//===----------------------------------------------------------------------===//

/// The generalized cosine window of the ONNX function bodies of HannWindow,
/// HammingWindow and BlackmanWindow (opset 17), computed in f32:
///   N = periodic ? size : size - 1,  t_n = n * (2 * pi / N),
///   w_n = a0 - a1 * cos(t_n) + a2 * cos(2 * t_n),  n in [0, size),
/// cast to output_datatype.
LogicalResult cosineWindow(NodeContext &node, float a0, float a1, float a2) {
  Decomposer d(node);
  FailureOr<Value> size = node.requiredInput(0);
  if (failed(size))
    return failure();
  if (auto type = dyn_cast<RankedTensorType>(size->getType());
      type && type.getNumElements() != 1)
    return node.fail("size must be a scalar");
  FailureOr<Type> outputType = convertElementType(
      static_cast<int32_t>(node.intAttr("output_datatype", 1)),
      node.getContext(), node.loc, "the output_datatype");
  if (failed(outputType))
    return failure();
  bool periodic = node.intAttr("periodic", 1) != 0;
  Type f32 = node.b.getF32Type();

  Value count = d.reshape(d.cast(*size, node.b.getI64Type()), d.ints({}));
  Value n = d.cast(d.iota(count), f32);
  Value length = d.cast(count, f32);
  if (!periodic)
    length = d.sub(length, d.scalar(f32, 1));
  Value step = d.div(d.scalar(f32, 6.2831855f), length);
  Value angle = d.mul(n, step);
  Value w =
      d.sub(d.scalar(f32, a0), d.mul(d.scalar(f32, a1), d.op<CosOp>(angle)));
  if (a2 != 0.0f)
    w = d.add(w, d.mul(d.scalar(f32, a2),
                       d.op<CosOp>(d.mul(angle, d.scalar(f32, 2)))));
  return finish(d, d.cast(w, *outputType));
}

LogicalResult hannWindow(NodeContext &node) {
  return cosineWindow(node, 0.5f, 0.5f, 0.0f);
}
LogicalResult hammingWindow(NodeContext &node) {
  return cosineWindow(node, 25.0f / 46.0f, 21.0f / 46.0f, 0.0f);
}
LogicalResult blackmanWindow(NodeContext &node) {
  return cosineWindow(node, 0.42f, 0.5f, 0.08f);
}

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

/// The negative log likelihood of `logProb` ([N, C, d1, ...]) at `target`
/// ([N, d1, ...]), with optional class `weight` ([C]) and ignore_index:
///   loss[n, d] = -logProb[n, t, d] * w[t]   (w = 1 without weights),
///   loss = 0 and w[t] = 0 where t == ignore_index;
/// reduction none: loss; sum: sum(loss); mean: sum(loss) / sum(w[t]) with
/// weights or an ignore_index, mean(loss) otherwise.
Value negativeLogLikelihood(Decomposer &d, Value logProb, Value target,
                            Value weight) {
  NodeContext &node = d.node;
  std::string reduction = node.stringAttr("reduction", "mean");
  if (reduction != "none" && reduction != "sum" && reduction != "mean") {
    (void)d.fail("reduction must be none, sum or mean, not '" + reduction +
                 "'");
    return {};
  }
  std::optional<int64_t> rank = rankOf(d, logProb, "the input");
  if (!rank)
    return {};
  if (*rank < 2) {
    (void)d.fail("the input must have rank 2 or more ([N, C, ...])");
    return {};
  }
  Type type = elementTypeOf(logProb);
  Type indexType = elementTypeOf(target);
  std::optional<int64_t> ignoreIndex = node.intAttr("ignore_index");

  // Index with 0 where the target is ignored (ignore_index may be any value,
  // e.g. -100), then zero those losses.
  Value ignored, index = target;
  if (ignoreIndex) {
    ignored = d.op<EqualOp>({target, d.scalar(indexType, *ignoreIndex)});
    index = d.where(ignored, d.scalar(indexType, 0), target);
  }
  Value picked =
      d.squeeze(d.op<GatherElementsOp>({logProb, d.unsqueeze(index, {1})},
                                       {d.axisAttr(1)}),
                {1});
  Value loss = d.op<NegOp>(picked);
  Value sampleWeight;
  if (weight)
    sampleWeight = d.op<GatherOp>({weight, index}, {d.axisAttr(0)});
  if (ignored)
    sampleWeight = d.where(ignored, d.scalar(type, 0),
                           sampleWeight ? sampleWeight : d.scalar(type, 1));
  if (sampleWeight)
    loss = d.mul(loss, sampleWeight);

  if (reduction == "none")
    return loss;
  Value total = d.reduceSum(loss, std::nullopt, false);
  if (reduction == "sum")
    return total;
  if (!sampleWeight)
    return d.op<ReduceMeanOp>(loss, {d.attr("keepdims", node.boolean(false))});
  return d.div(total, d.reduceSum(sampleWeight, std::nullopt, false));
}

/// NegativeLogLikelihoodLoss (opsets 12, 13, 22); see negativeLogLikelihood.
LogicalResult negativeLogLikelihoodLoss(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> input = node.requiredInput(0);
  FailureOr<Value> target = node.requiredInput(1);
  if (failed(input) || failed(target))
    return failure();
  return finish(d, negativeLogLikelihood(d, *input, *target, node.input(2)));
}

/// SoftmaxCrossEntropyLoss (opsets 12, 13): log_prob = log_softmax(scores)
/// over the class axis 1, then the negative log likelihood of log_prob.
LogicalResult softmaxCrossEntropyLoss(NodeContext &node) {
  Decomposer d(node);
  FailureOr<Value> scores = node.requiredInput(0);
  FailureOr<Value> labels = node.requiredInput(1);
  if (failed(scores) || failed(labels))
    return failure();
  Value logProb = d.op<LogSoftmaxOp>(*scores, {d.axisAttr(1)});
  Value loss = negativeLogLikelihood(d, logProb, *labels, node.input(2));
  return finish(d, {loss, logProb});
}

} // namespace

void registerFunctionConverters(ConverterRegistry &r) {
  r.add("BlackmanWindow", blackmanWindow, 17);
  r.add("CenterCropPad", centerCropPad, 18);
  r.add("DepthToSpace", depthToSpace);
  r.add("EyeLike", eyeLike, 9);
  r.add("HammingWindow", hammingWindow, 17);
  r.add("HannWindow", hannWindow, 17);
  r.add("LRN", lrn);
  r.add("NegativeLogLikelihoodLoss", negativeLogLikelihoodLoss, 12);
  r.add("OneHot", oneHot, 9);
  r.add("Shrink", shrink, 9);
  r.add("SoftmaxCrossEntropyLoss", softmaxCrossEntropyLoss, 12);
  r.add("SpaceToDepth", spaceToDepth);
  r.add("SwiGLU", swiGLU, 28);
  r.add("Swish", swish, 24);
  r.add("Trilu", trilu, 14);
}

} // namespace ds::onnx_import
