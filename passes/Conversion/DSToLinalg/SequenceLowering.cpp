//===- SequenceLowering.cpp - Sequence and optional ds ops ------*- C++ -*-===//
//
// Part of ds. The lowering of the Sequence family
// (dialects/ds/SequenceOps.td). A compiled model's inputs and outputs are
// tensors, so a sequence or optional only lives inside the model; where its
// elements are known at compile time the ops are resolved away into the
// element tensors, a canonicalization-like rewrite:
//  - ds.split_to_sequence with a static size along the axis and a constant
//    (or absent) `split` becomes a ds.sequence_construct of
//    tensor.extract_slice pieces;
//  - ds.sequence_insert and ds.sequence_erase of a ds.sequence_construct or
//    ds.sequence_empty with a constant (or absent) position become the
//    resulting ds.sequence_construct (or ds.sequence_empty);
//  - ds.sequence_at of a ds.sequence_construct is the element (a constant
//    position) or an scf.index_switch over the positions (a run-time one;
//    an out-of-range position, an error in ONNX, gives the first element);
//  - ds.sequence_length is a constant;
//  - ds.concat_from_sequence is a tensor.empty with each element written
//    by tensor.insert_slice (one new unit dimension each with new_axis);
//  - ds.optional_get_element and ds.optional_has_element of a ds.optional
//    are its operand and a constant;
//  - the ds.sequence_construct, ds.sequence_empty and ds.optional left
//    without users are dead (pure) and go.
// A sequence's element type is often unranked (ds.sequence_empty has no
// shape) or has dynamic sizes while the tensors that end in it have static
// ones: a tensor taken out goes to the op's users through a marked
// tensor.cast to the op's type, folded at once into the ds ops that use it
// (ShapeRefinement.h), whose result types are inferred again from the
// tensor's shape, so that the shape reaches the ops that need it to be
// lowered. A pattern folds the marked casts left (users that became ds
// ops' operands later).
// Left unlowered: sequences whose elements are not known at compile time
// (sequences carried by loops, sequences at a non-constant position of
// insert or erase, split_to_sequence with a run-time split or a dynamic
// size along the axis), and optionals that are not built by ds.optional.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/LoopLoweringUtils.h"
#include "passes/Conversion/DSToLinalg/ShapeRefinement.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace ds {
namespace {

using namespace loops;
using namespace refinement;

/// The elements of `sequence` when the op that defines it lists them.
std::optional<SmallVector<Value>> elementsOf(Value sequence) {
  if (auto construct = sequence.getDefiningOp<SequenceConstructOp>())
    return SmallVector<Value>(construct.getInputs());
  if (sequence.getDefiningOp<SequenceEmptyOp>())
    return SmallVector<Value>();
  return std::nullopt;
}

/// The value of a constant scalar integer tensor.
std::optional<int64_t> constantIndex(Value value) {
  DenseIntElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)) ||
      attr.getNumElements() != 1)
    return std::nullopt;
  return (*attr.getValues<APInt>().begin()).getSExtValue();
}

/// A sequence of `type` holding `elements`.
Value makeSequence(OpBuilder &b, Location loc, Type type, ValueRange elements) {
  if (elements.empty())
    return SequenceEmptyOp::create(b, loc, type);
  return SequenceConstructOp::create(b, loc, type, elements);
}

/// A constant tensor of `type` (a tensor of one element) holding `value`.
Value scalarConstant(OpBuilder &b, Location loc, Type type, int64_t value) {
  auto tensorType = cast<RankedTensorType>(type);
  Type elementType = tensorType.getElementType();
  Attribute element = b.getIntegerAttr(elementType, value);
  return arith::ConstantOp::create(b, loc,
                                   DenseElementsAttr::get(tensorType, element));
}

struct LowerSplitToSequence : OpRewritePattern<SplitToSequenceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SplitToSequenceOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
    if (!type)
      return rewriter.notifyMatchFailure(op, "unranked input");
    int64_t rank = type.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t size = type.getDimSize(axis);
    if (ShapedType::isDynamic(size))
      return rewriter.notifyMatchFailure(op, "dynamic size along the axis");
    // The sizes of the pieces.
    SmallVector<int64_t> pieces;
    bool keepAxis = true;
    if (Value split = op.getSplit()) {
      DenseIntElementsAttr attr;
      auto splitType = dyn_cast<RankedTensorType>(split.getType());
      if (!splitType || !matchPattern(split, m_Constant(&attr)))
        return rewriter.notifyMatchFailure(op, "split is not a constant");
      SmallVector<int64_t> values;
      for (const APInt &v : attr.getValues<APInt>())
        values.push_back(v.getSExtValue());
      if (splitType.getRank() == 0) {
        int64_t piece = values.front();
        if (piece <= 0)
          return rewriter.notifyMatchFailure(op, "non-positive split");
        for (int64_t start = 0; start < size; start += piece)
          pieces.push_back(std::min(piece, size - start));
      } else {
        int64_t total = 0;
        for (int64_t v : values) {
          if (v < 0)
            return rewriter.notifyMatchFailure(op, "negative split");
          total += v;
        }
        if (total != size)
          return rewriter.notifyMatchFailure(op, "split does not sum up");
        pieces = values;
      }
    } else {
      pieces.assign(size, 1);
      keepAxis = op.getKeepdims();
    }

    Location loc = op.getLoc();
    SmallVector<OpFoldResult> sizes = sizesOf(rewriter, loc, op.getInput());
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    SmallVector<Value> elements;
    int64_t start = 0;
    for (int64_t piece : pieces) {
      if (!keepAxis) {
        elements.push_back(extractAlong(rewriter, loc, op.getInput(), axis,
                                        rewriter.getIndexAttr(start)));
      } else {
        SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
        offsets[axis] = rewriter.getIndexAttr(start);
        sizes[axis] = rewriter.getIndexAttr(piece);
        elements.push_back(tensor::ExtractSliceOp::create(
            rewriter, loc, op.getInput(), offsets, sizes, strides));
      }
      start += piece;
    }
    rewriter.replaceOp(op, makeSequence(rewriter, loc, op.getType(), elements));
    return success();
  }
};

struct LowerSequenceInsert : OpRewritePattern<SequenceInsertOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SequenceInsertOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<SmallVector<Value>> elements =
        elementsOf(op.getInputSequence());
    if (!elements)
      return rewriter.notifyMatchFailure(op, "elements not known");
    int64_t length = elements->size();
    int64_t position = length;
    if (op.getPosition()) {
      std::optional<int64_t> constant = constantIndex(op.getPosition());
      if (!constant)
        return rewriter.notifyMatchFailure(op, "run-time position");
      position = *constant < 0 ? *constant + length : *constant;
      if (position < 0 || position > length)
        return rewriter.notifyMatchFailure(op, "position out of range");
    }
    elements->insert(elements->begin() + position, op.getTensor());
    rewriter.replaceOp(
        op, makeSequence(rewriter, op.getLoc(), op.getType(), *elements));
    return success();
  }
};

struct LowerSequenceErase : OpRewritePattern<SequenceEraseOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SequenceEraseOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<SmallVector<Value>> elements =
        elementsOf(op.getInputSequence());
    if (!elements)
      return rewriter.notifyMatchFailure(op, "elements not known");
    int64_t length = elements->size();
    int64_t position = length - 1;
    if (op.getPosition()) {
      std::optional<int64_t> constant = constantIndex(op.getPosition());
      if (!constant)
        return rewriter.notifyMatchFailure(op, "run-time position");
      position = *constant < 0 ? *constant + length : *constant;
    }
    if (position < 0 || position >= length)
      return rewriter.notifyMatchFailure(op, "position out of range");
    elements->erase(elements->begin() + position);
    rewriter.replaceOp(
        op, makeSequence(rewriter, op.getLoc(), op.getType(), *elements));
    return success();
  }
};

struct LowerSequenceLength : OpRewritePattern<SequenceLengthOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SequenceLengthOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<SmallVector<Value>> elements =
        elementsOf(op.getInputSequence());
    if (!elements)
      return rewriter.notifyMatchFailure(op, "elements not known");
    if (!isOneElement(op.getType()))
      return rewriter.notifyMatchFailure(op, "result of unknown shape");
    rewriter.replaceOp(op, scalarConstant(rewriter, op.getLoc(), op.getType(),
                                          elements->size()));
    return success();
  }
};

/// The type every element casts to for a ds.sequence_at of `resultType`:
/// the result's if ranked, else the join of the elements' ranked types
/// (null if their ranks or the types differ).
RankedTensorType commonType(Type resultType, ValueRange elements) {
  if (auto ranked = dyn_cast<RankedTensorType>(resultType))
    return ranked;
  RankedTensorType joined;
  for (Value element : elements) {
    auto type = dyn_cast<RankedTensorType>(element.getType());
    if (!type)
      return {};
    if (!joined) {
      joined = type;
      continue;
    }
    if (type.getRank() != joined.getRank())
      return {};
    SmallVector<int64_t> shape;
    for (auto [a, b] : llvm::zip(joined.getShape(), type.getShape()))
      shape.push_back(a == b ? a : ShapedType::kDynamic);
    joined = RankedTensorType::get(shape, joined.getElementType());
  }
  return joined;
}

struct LowerSequenceAt : OpRewritePattern<SequenceAtOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SequenceAtOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<SmallVector<Value>> elements =
        elementsOf(op.getInputSequence());
    if (!elements || elements->empty())
      return rewriter.notifyMatchFailure(op, "elements not known");
    Location loc = op.getLoc();
    int64_t length = elements->size();
    Type resultType = op.getType();
    if (std::optional<int64_t> constant = constantIndex(op.getPosition())) {
      int64_t position = *constant < 0 ? *constant + length : *constant;
      if (position < 0 || position >= length)
        return rewriter.notifyMatchFailure(op, "position out of range");
      Value element =
          refinableCast(rewriter, loc, (*elements)[position], resultType);
      rewriter.replaceOp(op, element);
      refineThroughCasts(rewriter, element);
      return success();
    }
    // A run-time position: a switch over the positions.
    RankedTensorType type = commonType(resultType, *elements);
    if (!type || !isOneElement(op.getPosition().getType()))
      return rewriter.notifyMatchFailure(
          op, "elements of different ranks at a run-time position");
    Value position = extractScalar(rewriter, loc, op.getPosition());
    Type indexType = position.getType();
    Value negative = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::slt, position,
        arith::ConstantOp::create(rewriter, loc,
                                  rewriter.getIntegerAttr(indexType, 0)));
    Value wrapped = arith::AddIOp::create(
        rewriter, loc, position,
        arith::ConstantOp::create(rewriter, loc,
                                  rewriter.getIntegerAttr(indexType, length)));
    position =
        arith::SelectOp::create(rewriter, loc, negative, wrapped, position);
    position = arith::IndexCastOp::create(rewriter, loc,
                                          rewriter.getIndexType(), position);
    SmallVector<int64_t> cases;
    for (int64_t i = 0; i < length; ++i)
      cases.push_back(i);
    auto switchOp = scf::IndexSwitchOp::create(rewriter, loc, TypeRange{type},
                                               position, cases, length);
    auto fill = [&](Region &region, Value element) {
      Block *block = rewriter.createBlock(&region);
      rewriter.setInsertionPointToEnd(block);
      scf::YieldOp::create(rewriter, loc, castTo(rewriter, loc, element, type));
    };
    // Out of range is an error in ONNX; the default yields the first.
    fill(switchOp.getDefaultRegion(), elements->front());
    for (int64_t i = 0; i < length; ++i)
      fill(switchOp.getCaseRegions()[i], (*elements)[i]);
    rewriter.setInsertionPointAfter(switchOp);
    Value element =
        refinableCast(rewriter, loc, switchOp.getResult(0), resultType);
    rewriter.replaceOp(op, element);
    refineThroughCasts(rewriter, element);
    return success();
  }
};

struct LowerConcatFromSequence : OpRewritePattern<ConcatFromSequenceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConcatFromSequenceOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<SmallVector<Value>> elements =
        elementsOf(op.getInputSequence());
    if (!elements || elements->empty())
      return rewriter.notifyMatchFailure(op, "elements not known");
    RankedTensorType first;
    for (Value element : *elements) {
      auto type = dyn_cast<RankedTensorType>(element.getType());
      if (!type || (first && type.getRank() != first.getRank()))
        return rewriter.notifyMatchFailure(op, "elements of unknown ranks");
      first = first ? first : type;
    }
    bool newAxis = op.getNewAxis();
    int64_t rank = first.getRank() + (newAxis ? 1 : 0);
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank || (!newAxis && rank == 0))
      return rewriter.notifyMatchFailure(op, "axis out of range");

    Location loc = op.getLoc();
    // The sizes: the first element's, and along the axis the count (new
    // axis) or the sum of the elements' sizes.
    SmallVector<OpFoldResult> sizes = sizesOf(rewriter, loc, elements->front());
    OpFoldResult extent;
    if (newAxis) {
      extent = rewriter.getIndexAttr(elements->size());
    } else {
      int64_t total = 0;
      Value dynamic;
      for (Value element : *elements) {
        OpFoldResult size = tensor::getMixedSize(rewriter, loc, element, axis);
        if (std::optional<int64_t> s = getConstantIntValue(size)) {
          total += *s;
          continue;
        }
        Value v = cast<Value>(size);
        dynamic =
            dynamic
                ? arith::AddIOp::create(rewriter, loc, dynamic, v).getResult()
                : v;
      }
      extent = rewriter.getIndexAttr(total);
      if (dynamic)
        extent = arith::AddIOp::create(
                     rewriter, loc, dynamic,
                     arith::ConstantIndexOp::create(rewriter, loc, total))
                     .getResult();
    }
    if (newAxis)
      sizes.insert(sizes.begin() + axis, extent);
    else
      sizes[axis] = extent;
    Value result =
        tensor::EmptyOp::create(rewriter, loc, sizes, first.getElementType());
    OpFoldResult offset = rewriter.getIndexAttr(0);
    for (auto [i, element] : llvm::enumerate(*elements)) {
      if (newAxis) {
        result = insertAlong(rewriter, loc, element, result, axis,
                             rewriter.getIndexAttr(i));
        continue;
      }
      SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
      offsets[axis] = offset;
      SmallVector<OpFoldResult> elementSizes = sizesOf(rewriter, loc, element);
      SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
      result = tensor::InsertSliceOp::create(rewriter, loc, element, result,
                                             offsets, elementSizes, strides);
      std::optional<int64_t> a = getConstantIntValue(offset);
      std::optional<int64_t> b = getConstantIntValue(elementSizes[axis]);
      offset = a && b
                   ? OpFoldResult(rewriter.getIndexAttr(*a + *b))
                   : OpFoldResult(
                         arith::AddIOp::create(
                             rewriter, loc, indexValueOf(rewriter, loc, offset),
                             indexValueOf(rewriter, loc, elementSizes[axis]))
                             .getResult());
    }
    result = refinableCast(rewriter, loc, result, op.getType());
    rewriter.replaceOp(op, result);
    refineThroughCasts(rewriter, result);
    return success();
  }

  static Value indexValueOf(OpBuilder &b, Location loc, OpFoldResult ofr) {
    if (auto value = dyn_cast<Value>(ofr))
      return value;
    return arith::ConstantIndexOp::create(b, loc, *getConstantIntValue(ofr));
  }
};

struct LowerOptionalGetElement : OpRewritePattern<OptionalGetElementOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(OptionalGetElementOp op,
                                PatternRewriter &rewriter) const override {
    auto optional = op.getInput().getDefiningOp<OptionalOp>();
    if (!optional || !optional.getInput())
      return rewriter.notifyMatchFailure(op, "not a present ds.optional");
    Value value = optional.getInput();
    if (value.getType() != op.getType()) {
      if (!isa<TensorType>(value.getType()) || !isa<TensorType>(op.getType()))
        return rewriter.notifyMatchFailure(op, "sequence of another type");
      value = refinableCast(rewriter, op.getLoc(), value, op.getType());
    }
    rewriter.replaceOp(op, value);
    refineThroughCasts(rewriter, value);
    return success();
  }
};

struct LowerOptionalHasElement : OpRewritePattern<OptionalHasElementOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(OptionalHasElementOp op,
                                PatternRewriter &rewriter) const override {
    auto optional = op.getInput().getDefiningOp<OptionalOp>();
    if (!optional)
      return rewriter.notifyMatchFailure(op, "not a ds.optional");
    if (!isOneElement(op.getType()))
      return rewriter.notifyMatchFailure(op, "result of unknown shape");
    auto type = cast<RankedTensorType>(op.getType());
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, DenseElementsAttr::get(type, optional.getInput() != nullptr));
    return success();
  }
};

/// Applies `pattern` to `op` (a pattern that changes nothing when it
/// fails); records a change in `changed`.
template <typename PatternTy, typename OpTy>
bool applyTo(OpTy op, PatternRewriter &rewriter, bool &changed) {
  rewriter.setInsertionPoint(op);
  if (failed(PatternTy(rewriter.getContext()).matchAndRewrite(op, rewriter)))
    return false;
  changed = true;
  return true;
}

/// Resolves the ops that define `sequence` (sequence ops, and an optional's
/// element) into a ds.sequence_construct or ds.sequence_empty, innermost
/// first; whether that worked (`changed` tells whether anything did).
bool resolveSequence(Value sequence, PatternRewriter &rewriter, bool &changed) {
  Operation *def = sequence.getDefiningOp();
  if (!def)
    return false;
  return llvm::TypeSwitch<Operation *, bool>(def)
      .Case<SequenceConstructOp, SequenceEmptyOp>([](auto) { return true; })
      .Case([&](SequenceInsertOp op) {
        return resolveSequence(op.getInputSequence(), rewriter, changed) &&
               applyTo<LowerSequenceInsert>(op, rewriter, changed);
      })
      .Case([&](SequenceEraseOp op) {
        return resolveSequence(op.getInputSequence(), rewriter, changed) &&
               applyTo<LowerSequenceErase>(op, rewriter, changed);
      })
      .Case([&](SplitToSequenceOp op) {
        return applyTo<LowerSplitToSequence>(op, rewriter, changed);
      })
      .Case([&](OptionalGetElementOp op) {
        return applyTo<LowerOptionalGetElement>(op, rewriter, changed);
      })
      .Default([](Operation *) { return false; });
}

/// Takes a tensor out of its sequence (or optional) when `def`, which a ds
/// op uses, does that; whether it did (`changed`: whether anything did).
bool resolveProducer(Operation *def, PatternRewriter &rewriter, bool &changed) {
  return llvm::TypeSwitch<Operation *, bool>(def)
      .Case([&](SequenceAtOp at) {
        return resolveSequence(at.getInputSequence(), rewriter, changed) &&
               applyTo<LowerSequenceAt>(at, rewriter, changed);
      })
      .Case([&](ConcatFromSequenceOp concat) {
        return resolveSequence(concat.getInputSequence(), rewriter, changed) &&
               applyTo<LowerConcatFromSequence>(concat, rewriter, changed);
      })
      .Case([&](OptionalGetElementOp get) {
        return applyTo<LowerOptionalGetElement>(get, rewriter, changed);
      })
      .Default([](Operation *) { return false; });
}

/// Takes the tensors out of sequences (and optionals) before the ds ops
/// that use them, directly or through other ds ops of not fully static
/// types, are lowered. The greedy driver reaches the later ops of a
/// function first; lowered before the tensor comes out of its sequence,
/// they would not see its shape. The search goes back a bounded number of
/// ops and stops at static types (nothing to refine there).
struct ResolveSequencesBeforeUsers : RewritePattern {
  ResolveSequencesBeforeUsers(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/10, context) {}

  static constexpr unsigned kMaxDepth = 16;

  static bool isStatic(Operation *op) {
    return llvm::all_of(op->getResultTypes(), [](Type type) {
      auto ranked = dyn_cast<RankedTensorType>(type);
      return ranked && ranked.hasStaticShape();
    });
  }

  /// A producer to resolve among the ops `op` depends on, or null.
  static Operation *findProducer(Operation *op, unsigned depth,
                                 llvm::SmallPtrSetImpl<Operation *> &seen) {
    for (Value operand : op->getOperands()) {
      Operation *def = operand.getDefiningOp();
      if (!def || !seen.insert(def).second)
        continue;
      if (isa<SequenceAtOp, ConcatFromSequenceOp, OptionalGetElementOp>(def))
        return def;
      if (depth + 1 < kMaxDepth && isa<DSDialect>(def->getDialect()) &&
          def->getNumRegions() == 0 && !isStatic(def))
        if (Operation *found = findProducer(def, depth + 1, seen))
          return found;
    }
    return nullptr;
  }

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<DSDialect>(op->getDialect()) ||
        isa<SequenceAtOp, ConcatFromSequenceOp, OptionalGetElementOp>(op))
      return rewriter.notifyMatchFailure(op, "not a ds op using a tensor");
    llvm::SmallPtrSet<Operation *, 16> seen;
    bool changed = false;
    while (Operation *producer = findProducer(op, 0, seen))
      if (resolveProducer(producer, rewriter, changed))
        return success();
    // Resolving part of a sequence changes the IR too.
    if (changed)
      return success();
    return rewriter.notifyMatchFailure(op, "no sequence to resolve first");
  }
};

/// A marked cast left over (one whose users were lowered, or became ds
/// ops, later): folded as refineThroughCasts does.
struct RefineThroughCast : OpRewritePattern<tensor::CastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tensor::CastOp cast,
                                PatternRewriter &rewriter) const override {
    SmallVector<tensor::CastOp> created;
    if (!foldRefinableCast(rewriter, cast, created))
      return rewriter.notifyMatchFailure(cast, "nothing to fold");
    return success();
  }
};

} // namespace

void populateSequenceToLinalgPatterns(RewritePatternSet &patterns) {
  // scf.index_switch for a run-time position (see
  // populateControlFlowToLinalgPatterns on loading scf).
  patterns.getContext()->getOrLoadDialect<scf::SCFDialect>();
  patterns.add<LowerSplitToSequence, LowerSequenceInsert, LowerSequenceErase,
               LowerSequenceLength, LowerSequenceAt, LowerConcatFromSequence,
               LowerOptionalGetElement, LowerOptionalHasElement,
               ResolveSequencesBeforeUsers, RefineThroughCast>(
      patterns.getContext());
}

} // namespace ds
