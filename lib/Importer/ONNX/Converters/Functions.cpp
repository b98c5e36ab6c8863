//===- Functions.cpp - ONNX function ops, decomposed -----------*- C++ -*-===//
//
// Part of ds. ONNX ops that the ONNX spec defines as functions of other ops
// (or whose spec is a short formula over them), decomposed into existing ds
// ops: activations (Swish, SwiGLU, Shrink), LRN, Trilu, EyeLike, OneHot,
// DepthToSpace and SpaceToDepth, CenterCropPad, the window generators, the
// NLL and softmax cross-entropy losses, Einsum, Attention and
// RotaryEmbedding. Each converter states the formula it implements.
//
// Shape arithmetic (sizes of dimensions, their products and differences) is
// computed here when the sizes are static, so that results get static types;
// otherwise it is built with ds.shape and i64 arithmetic ops.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"
#include "lib/Importer/ONNX/TensorImport.h"

#include <cmath>
#include <limits>

using namespace mlir;

namespace ds::onnx_import {
namespace {

//===----------------------------------------------------------------------===//
// Building decompositions
//===----------------------------------------------------------------------===//

/// Builds the ds ops of a decomposition. A failed op (reported at the node by
/// NodeContext::create) yields a null value; later ops given a null operand
/// are not created, so a converter builds its whole chain and checks ok()
/// once at the end.
class Decomposer {
public:
  explicit Decomposer(NodeContext &node) : node(node) {}

  NodeContext &node;

  bool ok() const { return !hadError && !node.failed(); }
  LogicalResult fail(const Twine &message) {
    hadError = true;
    return node.fail(message);
  }

  template <typename OpTy>
  Value op(ValueRange operands, ArrayRef<NamedAttribute> attrs = {}) {
    if (hadError || llvm::any_of(operands, [](Value v) { return !v; })) {
      hadError = true;
      return {};
    }
    FailureOr<Value> result = node.value<OpTy>(operands, attrs);
    if (failed(result)) {
      hadError = true;
      return {};
    }
    return *result;
  }

  NamedAttribute attr(StringRef name, Attribute value) {
    return node.named(name, value);
  }
  NamedAttribute axisAttr(int64_t axis) { return attr("axis", node.i64(axis)); }
  NamedAttribute axesAttr(ArrayRef<int64_t> axes) {
    return attr("axes", node.i64s(axes));
  }

  Value add(Value a, Value b) { return op<AddOp>({a, b}); }
  Value sub(Value a, Value b) { return op<SubOp>({a, b}); }
  Value mul(Value a, Value b) { return op<MulOp>({a, b}); }
  Value div(Value a, Value b) { return op<DivOp>({a, b}); }
  Value where(Value c, Value x, Value y) { return op<WhereOp>({c, x, y}); }

  /// A rank-0 constant of `elementType`.
  Value scalar(Type elementType, double value) {
    return track(node.constScalar(elementType, value));
  }
  /// A 1-D i64 constant.
  Value ints(ArrayRef<int64_t> values) { return track(node.constI64(values)); }

  /// Erases the constants built that nothing uses (such as the pieces of a
  /// shape computed here), but for the values in `keep`.
  void eraseUnusedConstants(ValueRange keep) {
    for (Operation *op : llvm::reverse(constants))
      if (op->use_empty() && !llvm::is_contained(keep, op->getResult(0)))
        op->erase();
    constants.clear();
  }

  /// `value` converted to `elementType` (itself when it already has it).
  Value cast(Value value, Type elementType) {
    if (!value) {
      hadError = true;
      return {};
    }
    if (getElementType(value.getType()) == elementType)
      return value;
    return CastOp::create(node.b, node.loc,
                          withElementType(value.getType(), elementType), value);
  }

  Value unsqueeze(Value value, ArrayRef<int64_t> axes) {
    if (axes.empty())
      return value;
    return op<UnsqueezeOp>(value, {axesAttr(axes)});
  }
  Value squeeze(Value value, ArrayRef<int64_t> axes) {
    return op<SqueezeOp>(value, {axesAttr(axes)});
  }
  /// A transpose, omitted for the identity permutation.
  Value transpose(Value value, ArrayRef<int64_t> perm) {
    bool identity = true;
    for (auto [i, p] : llvm::enumerate(perm))
      identity &= static_cast<int64_t>(i) == p;
    if (identity)
      return value;
    return op<TransposeOp>(value, {attr("perm", node.i64s(perm))});
  }
  Value reshape(Value value, Value shape) {
    return op<ReshapeOp>({value, shape});
  }
  /// Reshapes to the concatenation of the 1-element i64 `parts`, giving the
  /// result the sizes of the constant parts even when others are computed.
  /// A 0 is a size (allowzero), not a copy, unless a part is -1.
  Value reshape(Value value, ArrayRef<Value> parts) {
    Value target = shape(parts);
    bool inferred = false, mayBeZero = false;
    SmallVector<int64_t> dims;
    for (Value part : parts) {
      std::optional<SmallVector<int64_t>> sizes =
          part ? getConstantInts(part) : std::nullopt;
      bool known = sizes && sizes->size() == 1 && sizes->front() >= 0;
      inferred |= sizes && sizes->size() == 1 && sizes->front() == -1;
      mayBeZero |= !known || sizes->front() == 0;
      dims.push_back(known ? sizes->front() : kDynamic);
    }
    SmallVector<NamedAttribute> attrs;
    if (mayBeZero && !inferred)
      attrs.push_back(attr("allowzero", node.boolean(true)));
    Value result = op<ReshapeOp>({value, target}, attrs);
    if (!result)
      return result;
    auto type = dyn_cast<RankedTensorType>(result.getType());
    if (!type || type.getRank() != static_cast<int64_t>(dims.size()))
      return result;
    for (auto [size, known] : llvm::zip(dims, type.getShape()))
      if (!ShapedType::isDynamic(known))
        size = known;
    result.setType(RankedTensorType::get(dims, type.getElementType()));
    return result;
  }
  Value concat(ValueRange values, int64_t axis) {
    if (values.size() == 1)
      return values.front();
    return op<ConcatOp>(values, {axisAttr(axis)});
  }
  /// Elements [start, end) in steps of `step` along `axis`.
  Value slice(Value value, int64_t axis, int64_t start, int64_t end,
              int64_t step = 1) {
    SmallVector<Value> operands = {value, ints({start}), ints({end})};
    if (step != 1)
      operands.push_back(ints({step}));
    return op<SliceOp>(operands, {axesAttr({axis})});
  }
  Value reduceSum(Value value, std::optional<ArrayRef<int64_t>> axes,
                  bool keepdims) {
    SmallVector<NamedAttribute> attrs = {
        attr("keepdims", node.boolean(keepdims))};
    if (axes)
      attrs.push_back(axesAttr(*axes));
    return op<ReduceSumOp>(value, attrs);
  }
  /// `0, 1, ..., n - 1` for a one-element i64 `n` (of any rank up to 1).
  Value iota(Value n) {
    if (!n) {
      hadError = true;
      return {};
    }
    auto type = llvm::cast<ShapedType>(n.getType());
    bool scalar = type.hasRank() && type.getRank() == 0;
    Value zero = scalar ? this->scalar(node.b.getI64Type(), 0) : ints({0});
    Value one = scalar ? this->scalar(node.b.getI64Type(), 1) : ints({1});
    return op<RangeOp>({zero, n, one});
  }

  //===--------------------------------------------------------------------===//
  // Shape arithmetic on 1-D i64 values, computed here when constant.
  //===--------------------------------------------------------------------===//

  /// The size of dimension `i` (in [0, rank)) as a 1-element i64 tensor.
  Value dim(Value value, int64_t i) {
    if (!value) {
      hadError = true;
      return {};
    }
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (type && !type.isDynamicDim(i))
      return ints({type.getDimSize(i)});
    return op<ShapeOp>(
        value, {attr("start", node.i64(i)), attr("end", node.i64(i + 1))});
  }

  enum class Arith { Add, Sub, Mul, Div, Max, Min };
  /// `a op b` on 1-D i64 values (one-element operands broadcast).
  Value arith(Arith kind, Value a, Value b) {
    if (!a || !b) {
      hadError = true;
      return {};
    }
    std::optional<SmallVector<int64_t>> ca = getConstantInts(a);
    std::optional<SmallVector<int64_t>> cb = getConstantInts(b);
    if (ca && cb &&
        (ca->size() == cb->size() || ca->size() == 1 || cb->size() == 1)) {
      size_t n = std::max(ca->size(), cb->size());
      SmallVector<int64_t> result;
      for (size_t i = 0; i < n; ++i) {
        int64_t x = (*ca)[ca->size() == 1 ? 0 : i];
        int64_t y = (*cb)[cb->size() == 1 ? 0 : i];
        switch (kind) {
        case Arith::Add:
          result.push_back(x + y);
          break;
        case Arith::Sub:
          result.push_back(x - y);
          break;
        case Arith::Mul:
          result.push_back(x * y);
          break;
        case Arith::Div:
          if (y == 0) {
            (void)fail("division by zero in a shape computation");
            return {};
          }
          result.push_back(x / y);
          break;
        case Arith::Max:
          result.push_back(std::max(x, y));
          break;
        case Arith::Min:
          result.push_back(std::min(x, y));
          break;
        }
      }
      return ints(result);
    }
    switch (kind) {
    case Arith::Add:
      return add(a, b);
    case Arith::Sub:
      return sub(a, b);
    case Arith::Mul:
      return mul(a, b);
    case Arith::Div:
      return div(a, b);
    case Arith::Max:
      return op<MaxOp>({a, b});
    case Arith::Min:
      return op<MinOp>({a, b});
    }
    llvm_unreachable("unknown arithmetic");
  }
  Value mulInt(Value a, int64_t b) { return arith(Arith::Mul, a, ints({b})); }
  Value divInt(Value a, int64_t b) { return arith(Arith::Div, a, ints({b})); }
  /// The product of 1-element values (1 for none).
  Value product(ArrayRef<Value> values) {
    Value result = ints({1});
    for (Value v : values)
      result = arith(Arith::Mul, result, v);
    return result;
  }
  /// The concatenation of 1-D i64 values (a shape).
  Value shape(ArrayRef<Value> parts) {
    if (llvm::any_of(parts, [](Value v) { return !v; })) {
      hadError = true;
      return {};
    }
    SmallVector<int64_t> all;
    bool constant = true;
    for (Value part : parts) {
      std::optional<SmallVector<int64_t>> c = getConstantInts(part);
      if (!c) {
        constant = false;
        break;
      }
      llvm::append_range(all, *c);
    }
    if (constant)
      return ints(all);
    return concat(parts, 0);
  }

private:
  Value track(Value constant) {
    constants.push_back(constant.getDefiningOp());
    return constant;
  }

  bool hadError = false;
  SmallVector<Operation *> constants;
};

Type elementTypeOf(Value value) { return getElementType(value.getType()); }

/// The rank of `value`, or an error naming `what` when it is unranked.
std::optional<int64_t> rankOf(Decomposer &d, Value value, StringRef what) {
  if (auto type = dyn_cast<RankedTensorType>(value.getType()))
    return type.getRank();
  (void)d.fail(what + " must have a known rank");
  return std::nullopt;
}

/// The static size of dimension `i`, or std::nullopt.
std::optional<int64_t> staticDim(Value value, int64_t i) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || i < 0 || i >= type.getRank() || type.isDynamicDim(i))
    return std::nullopt;
  return type.getDimSize(i);
}

bool isUnsigned(Type type) { return type.isUnsignedInteger(); }

/// Sets the node's results after checking the decomposition built.
LogicalResult finish(Decomposer &d, ValueRange results) {
  d.eraseUnusedConstants(results);
  if (!d.ok() || llvm::any_of(results, [](Value v) { return !v; }))
    return failure();
  return d.node.setResults(results);
}

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

//===----------------------------------------------------------------------===//
// Einsum
//===----------------------------------------------------------------------===//

/// An operand of an einsum being contracted: a value and one label per
/// dimension.
struct Labeled {
  Value value;
  std::string labels;
};

/// Sums `operand` over the labels not in `keep`.
void reduceLabels(Decomposer &d, Labeled &operand, StringRef keep) {
  SmallVector<int64_t> axes;
  std::string kept;
  for (auto [i, label] : llvm::enumerate(operand.labels)) {
    if (keep.contains(label))
      kept.push_back(label);
    else
      axes.push_back(i);
  }
  if (axes.empty())
    return;
  operand.value = d.reduceSum(operand.value, ArrayRef<int64_t>(axes), false);
  operand.labels = kept;
}

/// The permutation that orders `labels` as `order`.
SmallVector<int64_t> permutationTo(StringRef labels, StringRef order) {
  SmallVector<int64_t> perm;
  for (char label : order)
    perm.push_back(labels.find(label));
  return perm;
}

/// Contracts two operands into one whose labels are those of `keep` that
/// they have, as a batched ds.matmul: labels in both and kept are batch
/// dimensions, labels in both and not kept are contracted, the others are
/// the free (row and column) dimensions. Labels of one operand only that are
/// not kept are summed first.
Labeled contractPair(Decomposer &d, Labeled a, Labeled b, StringRef keep) {
  std::string keepA = keep.str() + b.labels;
  std::string keepB = keep.str() + a.labels;
  reduceLabels(d, a, keepA);
  reduceLabels(d, b, keepB);
  std::string batch, contracted, freeA, freeB;
  for (char label : a.labels) {
    if (StringRef(b.labels).contains(label))
      (keep.contains(label) ? batch : contracted).push_back(label);
    else
      freeA.push_back(label);
  }
  for (char label : b.labels)
    if (!StringRef(a.labels).contains(label))
      freeB.push_back(label);

  auto dimsOf = [&](Value v, size_t from, size_t count) {
    SmallVector<Value> dims;
    for (size_t i = from; i < from + count; ++i)
      dims.push_back(d.dim(v, i));
    return dims;
  };
  // a: [batch, freeA, contracted] -> [batch, prod(freeA), prod(contracted)];
  // b: [batch, contracted, freeB] -> [batch, prod(contracted), prod(freeB)].
  size_t nb = batch.size(), na = freeA.size(), nc = contracted.size(),
         nf = freeB.size();
  Value ta =
      d.transpose(a.value, permutationTo(a.labels, batch + freeA + contracted));
  Value tb =
      d.transpose(b.value, permutationTo(b.labels, batch + contracted + freeB));
  if (!ta || !tb)
    return {Value(), ""};
  Value lhs = ta, rhs = tb;
  if (na != 1 || nc != 1) {
    SmallVector<Value> shape = dimsOf(ta, 0, nb);
    shape.push_back(d.product(dimsOf(ta, nb, na)));
    shape.push_back(d.product(dimsOf(ta, nb + na, nc)));
    lhs = d.reshape(ta, shape);
  }
  if (nc != 1 || nf != 1) {
    SmallVector<Value> shape = dimsOf(tb, 0, nb);
    shape.push_back(d.product(dimsOf(tb, nb, nc)));
    shape.push_back(d.product(dimsOf(tb, nb + nc, nf)));
    rhs = d.reshape(tb, shape);
  }
  Value product = d.op<MatMulOp>({lhs, rhs});
  // [batch, prod(freeA), prod(freeB)] -> [batch, freeA, freeB].
  if (product && (na != 1 || nf != 1)) {
    SmallVector<Value> shape = dimsOf(product, 0, nb);
    llvm::append_range(shape, dimsOf(ta, nb, na));
    llvm::append_range(shape, dimsOf(tb, nb + nc, nf));
    product = d.reshape(product, shape);
  }
  return {product, batch + freeA + freeB};
}

/// Einsum (opsets 12, 28): parses the equation (explicit or implicit output,
/// ellipses), then contracts the operands left to right, each pair as a
/// batched matmul of transposed and reshaped operands (see contractPair),
/// sums the labels no output needs and transposes to the output order.
/// A label repeated within one term (a diagonal or trace) is not supported.
LogicalResult einsum(NodeContext &node) {
  Decomposer d(node);
  std::optional<std::string> equation = node.stringAttr("equation");
  if (!equation)
    return node.fail("attribute 'equation' is required");
  SmallVector<Value> inputs = node.inputsFrom(0);
  if (inputs.empty())
    return node.fail("needs at least one input");

  std::string text;
  for (char c : *equation)
    if (c != ' ')
      text.push_back(c);
  StringRef lhs = text, rhs;
  bool explicitOutput = false;
  if (size_t arrow = lhs.find("->"); arrow != StringRef::npos) {
    rhs = lhs.substr(arrow + 2);
    lhs = lhs.substr(0, arrow);
    explicitOutput = true;
  }
  SmallVector<StringRef> terms;
  lhs.split(terms, ',');
  if (terms.size() != inputs.size())
    return node.fail("the equation has " + Twine(terms.size()) +
                     " input terms for " + Twine(inputs.size()) + " inputs");

  // Ellipsis dimensions get the labels '0'..'9', right-aligned: an operand
  // with e of the m ellipsis dimensions has the last e of them.
  auto isLabel = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  SmallVector<int64_t> ellipsisDims;
  int64_t maxEllipsis = 0;
  for (auto [term, input] : llvm::zip(terms, inputs)) {
    std::optional<int64_t> rank = rankOf(d, input, "an einsum input");
    if (!rank)
      return failure();
    size_t dots = term.find("...");
    int64_t letters = term.size() - (dots == StringRef::npos ? 0 : 3);
    if (dots == StringRef::npos) {
      if (letters != *rank)
        return node.fail("term '" + term + "' has " + Twine(letters) +
                         " labels for an input of rank " + Twine(*rank));
      ellipsisDims.push_back(0);
      continue;
    }
    if (letters > *rank)
      return node.fail("term '" + term + "' has more labels than the rank " +
                       Twine(*rank) + " of its input");
    ellipsisDims.push_back(*rank - letters);
    maxEllipsis = std::max(maxEllipsis, *rank - letters);
  }
  if (maxEllipsis > 10)
    return node.fail("an ellipsis may stand for at most 10 dimensions");
  auto ellipsisLabels = [&](int64_t count) {
    std::string labels;
    for (int64_t i = maxEllipsis - count; i < maxEllipsis; ++i)
      labels.push_back('0' + i);
    return labels;
  };
  auto expand = [&](StringRef term, int64_t count,
                    std::string &labels) -> LogicalResult {
    size_t dots = term.find("...");
    std::string before = term.substr(0, dots).str();
    std::string after =
        dots == StringRef::npos ? "" : term.substr(dots + 3).str();
    labels =
        before + (dots == StringRef::npos ? "" : ellipsisLabels(count)) + after;
    for (char c : before + after)
      if (!isLabel(c))
        return node.fail("invalid character '" + Twine(c) +
                         "' in the equation");
    for (auto [i, c] : llvm::enumerate(labels))
      if (labels.find(c) != i)
        return node.fail(
            "label '" + Twine(isLabel(c) ? c : '.') +
            "' is repeated in one term: diagonals and traces are not "
            "supported");
    return success();
  };

  SmallVector<Labeled> operands;
  for (auto [term, input, count] : llvm::zip(terms, inputs, ellipsisDims)) {
    Labeled operand{input, ""};
    if (failed(expand(term, count, operand.labels)))
      return failure();
    operands.push_back(operand);
  }
  std::string output;
  if (explicitOutput) {
    if (rhs.count("...") > 1 || rhs.count('.') != 3 * rhs.count("..."))
      return node.fail("invalid output term '" + rhs + "'");
    if (failed(expand(rhs, maxEllipsis, output)))
      return failure();
    for (char label : output)
      if (llvm::none_of(operands, [&](const Labeled &o) {
            return StringRef(o.labels).contains(label);
          }))
        return node.fail("output label '" + Twine(label) +
                         "' appears in no input");
  } else {
    // Labels appearing once, sorted, after the ellipsis dimensions.
    output = ellipsisLabels(maxEllipsis);
    std::string once;
    for (char c = 'A'; c <= 'z'; ++c) {
      if (!isLabel(c))
        continue;
      int count = 0;
      for (const Labeled &o : operands)
        count += llvm::count(o.labels, c);
      if (count == 1)
        once.push_back(c);
    }
    output += once;
  }

  Labeled acc = operands.front();
  for (size_t i = 1; i < operands.size(); ++i) {
    std::string keep = output;
    for (size_t j = i + 1; j < operands.size(); ++j)
      keep += operands[j].labels;
    acc = contractPair(d, acc, operands[i], keep);
  }
  reduceLabels(d, acc, output);
  return finish(d, d.transpose(acc.value, permutationTo(acc.labels, output)));
}

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

void registerFunctionConverters(ConverterRegistry &r) {
  r.add("Attention", attention, 23);
  r.add("BlackmanWindow", blackmanWindow, 17);
  r.add("CenterCropPad", centerCropPad, 18);
  r.add("DepthToSpace", depthToSpace);
  r.add("Einsum", einsum, 12);
  r.add("EyeLike", eyeLike, 9);
  r.add("HammingWindow", hammingWindow, 17);
  r.add("HannWindow", hannWindow, 17);
  r.add("LRN", lrn);
  r.add("NegativeLogLikelihoodLoss", negativeLogLikelihoodLoss, 12);
  r.add("OneHot", oneHot, 9);
  r.add("RotaryEmbedding", rotaryEmbedding, 23);
  r.add("Shrink", shrink, 9);
  r.add("SoftmaxCrossEntropyLoss", softmaxCrossEntropyLoss, 12);
  r.add("SpaceToDepth", spaceToDepth);
  r.add("SwiGLU", swiGLU, 28);
  r.add("Swish", swish, 24);
  r.add("Trilu", trilu, 14);
}

} // namespace ds::onnx_import
