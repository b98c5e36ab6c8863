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
// ones: a tensor taken out gets a (marked) tensor.cast to the op's less
// refined type, and a last pattern folds such a cast into the ds ops that
// use it, inferring their result types again (and casting back for the
// users of a result whose type changed), so that the tensor's shape reaches
// the ops that need it to be lowered.
// Left unlowered: sequences whose elements are not known at compile time
// (sequences carried by loops, sequences at a non-constant position of
// insert or erase, split_to_sequence with a run-time split or a dynamic
// size along the axis), and optionals that are not built by ds.optional.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/LoopLoweringUtils.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

using namespace mlir;

namespace ds {
namespace {

using namespace loops;

/// The attribute that marks the tensor.casts this lowering creates to a
/// less refined type: RefineThroughCast folds them into their ds users.
constexpr StringLiteral kRefine = "ds.refine";

/// `value` as `type`, through a marked tensor.cast when the types differ.
Value castForUsers(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  auto cast = tensor::CastOp::create(b, loc, type, value);
  cast->setAttr(kRefine, b.getUnitAttr());
  return cast;
}

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
Value makeSequence(OpBuilder &b, Location loc, Type type,
                   ValueRange elements) {
  if (elements.empty())
    return SequenceEmptyOp::create(b, loc, type);
  return SequenceConstructOp::create(b, loc, type, elements);
}

/// A constant tensor of `type` (a tensor of one element) holding `value`.
Value scalarConstant(OpBuilder &b, Location loc, Type type, int64_t value) {
  auto tensorType = cast<RankedTensorType>(type);
  Type elementType = tensorType.getElementType();
  Attribute element = b.getIntegerAttr(elementType, value);
  return arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(tensorType, element));
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
      rewriter.replaceOp(
          op, castForUsers(rewriter, loc, (*elements)[position], resultType));
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
    position = arith::SelectOp::create(rewriter, loc, negative, wrapped,
                                       position);
    position = arith::IndexCastOp::create(rewriter, loc,
                                          rewriter.getIndexType(), position);
    SmallVector<int64_t> cases;
    for (int64_t i = 0; i < length; ++i)
      cases.push_back(i);
    auto switchOp = scf::IndexSwitchOp::create(
        rewriter, loc, TypeRange{type}, position, cases, length);
    auto fill = [&](Region &region, Value element) {
      Block *block = rewriter.createBlock(&region);
      rewriter.setInsertionPointToEnd(block);
      scf::YieldOp::create(rewriter, loc,
                           castTo(rewriter, loc, element, type));
    };
    // Out of range is an error in ONNX; the default yields the first.
    fill(switchOp.getDefaultRegion(), elements->front());
    for (int64_t i = 0; i < length; ++i)
      fill(switchOp.getCaseRegions()[i], (*elements)[i]);
    rewriter.setInsertionPointAfter(switchOp);
    rewriter.replaceOp(
        op, castForUsers(rewriter, loc, switchOp.getResult(0), resultType));
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
        dynamic = dynamic ? arith::AddIOp::create(rewriter, loc, dynamic, v)
                                .getResult()
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
      SmallVector<OpFoldResult> elementSizes =
          sizesOf(rewriter, loc, element);
      SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
      result = tensor::InsertSliceOp::create(rewriter, loc, element, result,
                                             offsets, elementSizes, strides);
      std::optional<int64_t> a = getConstantIntValue(offset);
      std::optional<int64_t> b = getConstantIntValue(elementSizes[axis]);
      offset = a && b ? OpFoldResult(rewriter.getIndexAttr(*a + *b))
                      : OpFoldResult(arith::AddIOp::create(
                                         rewriter, loc,
                                         indexValueOf(rewriter, loc, offset),
                                         indexValueOf(rewriter, loc,
                                                      elementSizes[axis]))
                                         .getResult());
    }
    rewriter.replaceOp(op, castForUsers(rewriter, loc, result, op.getType()));
    return success();
  }

  static Value indexValueOf(OpBuilder &b, Location loc, OpFoldResult ofr) {
    if (auto value = dyn_cast<Value>(ofr))
      return value;
    return arith::ConstantIndexOp::create(
        b, loc, *getConstantIntValue(ofr));
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
      value = castForUsers(rewriter, op.getLoc(), value, op.getType());
    }
    rewriter.replaceOp(op, value);
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

/// The more refined of two compatible tensor types, null if incompatible.
Type refine(Type written, Type inferred) {
  if (written == inferred)
    return written;
  auto w = dyn_cast<TensorType>(written), i = dyn_cast<TensorType>(inferred);
  if (!w || !i || w.getElementType() != i.getElementType())
    return {};
  if (!i.hasRank())
    return w;
  if (!w.hasRank())
    return i;
  if (w.getRank() != i.getRank())
    return {};
  SmallVector<int64_t> shape;
  for (auto [a, b] : llvm::zip(w.getShape(), i.getShape())) {
    if (!ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b)
      return {};
    shape.push_back(ShapedType::isDynamic(a) ? b : a);
  }
  return RankedTensorType::get(shape, w.getElementType());
}

/// A marked tensor.cast (castForUsers) of a ranked tensor to a less refined
/// type, used by a ds op that infers its result types: the op takes the
/// ranked value and its results are inferred again (and a cast back to a
/// ranked type becomes one cast from the source). A result whose type gets
/// refined is cast back to its old type for its users, through a marked
/// cast, so the IR stays valid and the same pattern carries the refinement
/// on to the ds ops among them.
struct RefineThroughCast : OpRewritePattern<tensor::CastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tensor::CastOp cast,
                                PatternRewriter &rewriter) const override {
    Value source = cast.getSource();
    if (!cast->hasAttr(kRefine) || !isa<RankedTensorType>(source.getType()))
      return rewriter.notifyMatchFailure(cast, "not a refinable cast");
    bool changed = false;
    for (OpOperand &use : llvm::make_early_inc_range(cast->getUses())) {
      Operation *user = use.getOwner();
      // A cast back to a ranked type: one cast from the source instead.
      if (auto next = dyn_cast<tensor::CastOp>(user)) {
        if (!isa<RankedTensorType>(next.getType()))
          continue;
        rewriter.setInsertionPoint(next);
        rewriter.replaceOp(next,
                           castTo(rewriter, next.getLoc(), source,
                                  next.getType()));
        changed = true;
        continue;
      }
      auto infer = dyn_cast<InferTypeOpInterface>(user);
      if (!infer || !isa<DSDialect>(user->getDialect()) ||
          user->getNumRegions() != 0)
        continue;
      // Infer with the ranked operand; keep the op if that fails.
      SmallVector<Value> operands(user->getOperands());
      operands[use.getOperandNumber()] = source;
      SmallVector<Type> inferred;
      if (failed(infer.inferReturnTypes(
              user->getContext(), std::nullopt, operands,
              user->getRawDictionaryAttrs(), user->getPropertiesStorage(),
              user->getRegions(), inferred)) ||
          inferred.size() < user->getNumResults())
        continue;
      SmallVector<Type> refined;
      for (auto [result, type] : llvm::zip(user->getResults(), inferred)) {
        refined.push_back(refine(result.getType(), type));
        if (!refined.back())
          break;
      }
      if (refined.size() != user->getNumResults() ||
          llvm::is_contained(refined, Type()))
        continue;
      rewriter.modifyOpInPlace(user, [&] { use.set(source); });
      rewriter.setInsertionPointAfter(user);
      for (auto [result, type] : llvm::zip(user->getResults(), refined)) {
        Type old = result.getType();
        if (type == old)
          continue;
        rewriter.modifyOpInPlace(user, [&] { result.setType(type); });
        Value back = castForUsers(rewriter, user->getLoc(), result, old);
        rewriter.replaceAllUsesExcept(result, back, back.getDefiningOp());
      }
      changed = true;
    }
    return success(changed);
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
               RefineThroughCast>(patterns.getContext());
}

} // namespace ds
