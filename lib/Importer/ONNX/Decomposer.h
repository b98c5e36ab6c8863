//===- Decomposer.h - Building decompositions of ONNX ops -------*- C++ -*-===//
//
// Part of ds. For converters that express one ONNX op as several ds ops:
// chains of ops where a failure anywhere is checked once at the end, and
// shape arithmetic on 1-D i64 values that is computed at import time when
// the sizes are static (so that results get static types) and built with
// ds.shape and i64 ops otherwise.
//
//===----------------------------------------------------------------------===//

#ifndef DS_LIB_IMPORTER_ONNX_DECOMPOSER_H
#define DS_LIB_IMPORTER_ONNX_DECOMPOSER_H

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"
#include "lib/Importer/ONNX/TensorImport.h"

namespace ds::onnx_import {
using namespace mlir;
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

  /// `min(max(value, lo), hi)` with scalar bounds of its element type.
  Value clip(Value value, double lo, double hi) {
    if (!value) {
      hadError = true;
      return {};
    }
    Type type = getElementType(value.getType());
    return op<ClipOp>(
        {value, scalar(type, lo), scalar(type, hi)},
        {attr("operandSegmentSizes", node.b.getDenseI32ArrayAttr({1, 1, 1}))});
  }

private:
  Value track(Value constant) {
    constants.push_back(constant.getDefiningOp());
    return constant;
  }

  bool hadError = false;
  SmallVector<Operation *> constants;
};

inline Type elementTypeOf(Value value) {
  return getElementType(value.getType());
}

/// The rank of `value`, or an error naming `what` when it is unranked.
inline std::optional<int64_t> rankOf(Decomposer &d, Value value,
                                     StringRef what) {
  if (auto type = dyn_cast<RankedTensorType>(value.getType()))
    return type.getRank();
  (void)d.fail(what + " must have a known rank");
  return std::nullopt;
}

/// The static size of dimension `i`, or std::nullopt.
inline std::optional<int64_t> staticDim(Value value, int64_t i) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || i < 0 || i >= type.getRank() || type.isDynamicDim(i))
    return std::nullopt;
  return type.getDimSize(i);
}

inline bool isUnsigned(Type type) { return type.isUnsignedInteger(); }

/// Sets the node's results after checking the decomposition built.
inline LogicalResult finish(Decomposer &d, ValueRange results) {
  d.eraseUnusedConstants(results);
  if (!d.ok() || llvm::any_of(results, [](Value v) { return !v; }))
    return failure();
  return d.node.setResults(results);
}

} // namespace ds::onnx_import

#endif // DS_LIB_IMPORTER_ONNX_DECOMPOSER_H
