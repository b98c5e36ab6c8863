//===- InferShapes.cpp - Refine result types ---------------------*- C++
//-*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Graph/Passes.h"

#include "dialects/ds/ShapeInference.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

namespace ds {
#define GEN_PASS_DEF_INFERSHAPES
#include "passes/Graph/Passes.h.inc"
} // namespace ds

using namespace mlir;

Type ds::refineType(Type written, Type inferred) {
  if (written == inferred)
    return written;
  if (auto w = dyn_cast<SequenceType>(written)) {
    auto i = dyn_cast<SequenceType>(inferred);
    Type element =
        i ? refineType(w.getElementType(), i.getElementType()) : Type();
    return element
               ? SequenceType::get(w.getContext(), cast<TensorType>(element))
               : Type();
  }
  if (auto w = dyn_cast<OptionalType>(written)) {
    auto i = dyn_cast<OptionalType>(inferred);
    Type value = i ? refineType(w.getValueType(), i.getValueType()) : Type();
    return value ? OptionalType::get(w.getContext(), value) : Type();
  }
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
  for (auto [a, b] : llvm::zip_equal(w.getShape(), i.getShape())) {
    if (!compatibleSizes(a, b))
      return {};
    shape.push_back(refineSize(a, b));
  }
  return RankedTensorType::get(shape, w.getElementType());
}

namespace {
struct InferShapesPass : ds::impl::InferShapesBase<InferShapesPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    WalkResult result = func.walk<WalkOrder::PostOrder>([&](Operation *op) {
      auto infer = dyn_cast<InferTypeOpInterface>(op);
      if (!infer || !isa<ds::DSDialect>(op->getDialect()))
        return WalkResult::advance();
      SmallVector<Type> inferred;
      if (failed(infer.inferReturnTypes(
              op->getContext(), op->getLoc(), op->getOperands(),
              op->getRawDictionaryAttrs(), op->getPropertiesStorage(),
              op->getRegions(), inferred))) {
        return WalkResult::interrupt();
      }
      // Ops with optional results may infer more types than they have.
      if (inferred.size() < op->getNumResults()) {
        op->emitOpError("inferred ") << inferred.size() << " result types for "
                                     << op->getNumResults() << " results";
        return WalkResult::interrupt();
      }
      for (auto [value, type] : llvm::zip(op->getResults(), inferred)) {
        Type refined = ds::refineType(value.getType(), type);
        if (!refined) {
          op->emitOpError("result type ")
              << value.getType() << " contradicts the inferred type " << type;
          return WalkResult::interrupt();
        }
        if (refined != value.getType()) {
          value.setType(refined);
          ++numRefined;
        }
      }
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      return signalPassFailure();

    // The function returns what its terminators return.
    if (func.isExternal())
      return;
    Operation *terminator = func.getBody().back().getTerminator();
    SmallVector<Type> resultTypes(terminator->getOperandTypes());
    func.setFunctionType(FunctionType::get(
        func.getContext(), func.getArgumentTypes(), resultTypes));
  }
};
} // namespace
