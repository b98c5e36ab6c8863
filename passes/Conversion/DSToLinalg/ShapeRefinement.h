//===- ShapeRefinement.h - Shapes into lowered region bodies ----*- C++ -*-===//
//
// Part of ds. Shared by the lowerings of the ControlFlow, Recurrent and
// Sequence families. The values they hand to the ds ops of a body or of a
// resolved sequence are often more refined than the types those ops were
// written against (ONNX graph bodies often leave shapes out, a sequence's
// element type has none): such a value goes in through a marked tensor.cast
// to the old type, and refineThroughCasts folds the casts into the ds users
// and infers their result types again, before the other patterns of the
// pass lower those ops with less than they could know. Header-only, inline.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CONVERSION_DSTOLINALG_SHAPEREFINEMENT_H
#define DS_PASSES_CONVERSION_DSTOLINALG_SHAPEREFINEMENT_H

#include "dialects/ds/DSDialect.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

namespace ds::refinement {

/// The attribute that marks a tensor.cast to a less refined type which the
/// ds ops using it may see through.
constexpr llvm::StringLiteral kRefine = "ds.refine";

/// The more refined of two compatible tensor types; null if they are not
/// compatible.
inline mlir::Type refineType(mlir::Type a, mlir::Type b) {
  if (a == b)
    return a;
  auto ta = mlir::dyn_cast<mlir::TensorType>(a);
  auto tb = mlir::dyn_cast<mlir::TensorType>(b);
  if (!ta || !tb || ta.getElementType() != tb.getElementType())
    return {};
  if (!tb.hasRank())
    return a;
  if (!ta.hasRank())
    return b;
  if (ta.getRank() != tb.getRank())
    return {};
  llvm::SmallVector<int64_t> shape;
  for (auto [x, y] : llvm::zip(ta.getShape(), tb.getShape())) {
    if (!mlir::ShapedType::isDynamic(x) && !mlir::ShapedType::isDynamic(y) &&
        x != y)
      return {};
    shape.push_back(mlir::ShapedType::isDynamic(x) ? y : x);
  }
  return mlir::RankedTensorType::get(shape, ta.getElementType());
}

/// `value` as `type`, through a marked tensor.cast when the types differ.
inline mlir::Value refinableCast(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::Value value, mlir::Type type) {
  if (value.getType() == type)
    return value;
  auto cast = mlir::tensor::CastOp::create(b, loc, type, value);
  cast->setAttr(kRefine, b.getUnitAttr());
  return cast;
}

/// Folds the marked cast `cast` (of a ranked tensor) into its users: a ds
/// op that infers its result types takes the cast's source and gets its
/// results inferred again (kept as it is where that fails or contradicts
/// its types); a result whose type gets refined is cast back, through a
/// marked cast appended to `created`, for its users. A cast back to a
/// ranked type becomes one cast from the source. Returns whether anything
/// changed.
inline bool
foldRefinableCast(mlir::RewriterBase &rewriter, mlir::tensor::CastOp cast,
                  llvm::SmallVectorImpl<mlir::tensor::CastOp> &created) {
  using namespace mlir;
  Value source = cast.getSource();
  if (!cast->hasAttr(kRefine) || !isa<RankedTensorType>(source.getType()))
    return false;
  bool changed = false;
  for (OpOperand &use : llvm::make_early_inc_range(cast->getUses())) {
    Operation *user = use.getOwner();
    if (auto next = dyn_cast<tensor::CastOp>(user)) {
      if (!isa<RankedTensorType>(next.getType()))
        continue;
      rewriter.setInsertionPoint(next);
      Value direct = source;
      if (direct.getType() != next.getType())
        direct = tensor::CastOp::create(rewriter, next.getLoc(), next.getType(),
                                        source);
      rewriter.replaceOp(next, direct);
      changed = true;
      continue;
    }
    auto infer = dyn_cast<InferTypeOpInterface>(user);
    if (!infer || !isa<DSDialect>(user->getDialect()) ||
        user->getNumRegions() != 0)
      continue;
    SmallVector<Value> operands(user->getOperands());
    operands[use.getOperandNumber()] = source;
    SmallVector<Type> inferred;
    if (failed(infer.inferReturnTypes(user->getContext(), std::nullopt,
                                      operands, user->getRawDictionaryAttrs(),
                                      user->getPropertiesStorage(),
                                      user->getRegions(), inferred)) ||
        inferred.size() < user->getNumResults())
      continue;
    SmallVector<Type> refined;
    for (auto [result, type] : llvm::zip(user->getResults(), inferred))
      refined.push_back(refineType(result.getType(), type));
    if (llvm::is_contained(refined, Type()))
      continue;
    rewriter.modifyOpInPlace(user, [&] { use.set(source); });
    rewriter.setInsertionPointAfter(user);
    for (auto [userResult, refinedType] :
         llvm::zip(user->getResults(), refined)) {
      // Named copies, not the bindings: a lambda below captures them.
      Value result = userResult;
      Type type = refinedType;
      Type old = result.getType();
      if (type == old)
        continue;
      rewriter.modifyOpInPlace(user, [&] { result.setType(type); });
      Value back = refinableCast(rewriter, user->getLoc(), result, old);
      rewriter.replaceAllUsesExcept(result, back, back.getDefiningOp());
      created.push_back(back.getDefiningOp<tensor::CastOp>());
    }
    changed = true;
  }
  return changed;
}

/// Folds the marked casts among `values` into their users, and the casts
/// that creates, until none is left to fold; casts left without users go.
inline void refineThroughCasts(mlir::RewriterBase &rewriter,
                               mlir::ValueRange values) {
  using namespace mlir;
  OpBuilder::InsertionGuard guard(rewriter);
  SmallVector<tensor::CastOp> worklist;
  for (Value value : values)
    if (auto cast = value.getDefiningOp<tensor::CastOp>())
      if (cast->hasAttr(kRefine))
        worklist.push_back(cast);
  while (!worklist.empty()) {
    tensor::CastOp cast = worklist.pop_back_val();
    foldRefinableCast(rewriter, cast, worklist);
    if (cast->use_empty())
      rewriter.eraseOp(cast);
  }
}

} // namespace ds::refinement

#endif // DS_PASSES_CONVERSION_DSTOLINALG_SHAPEREFINEMENT_H
