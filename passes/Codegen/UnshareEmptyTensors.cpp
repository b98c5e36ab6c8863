//===- UnshareEmptyTensors.cpp - ds-unshare-empty-tensors -----------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace ds {
#define GEN_PASS_DEF_UNSHAREEMPTYTENSORS
#include "passes/Codegen/Passes.h.inc"
} // namespace ds

using namespace mlir;

namespace {

struct UnshareEmptyTensors
    : ds::impl::UnshareEmptyTensorsBase<UnshareEmptyTensors> {
  void runOnOperation() override {
    SmallVector<tensor::EmptyOp> shared;
    getOperation()->walk([&](tensor::EmptyOp op) {
      if (!op->hasOneUse() && !op->use_empty())
        shared.push_back(op);
    });
    for (tensor::EmptyOp op : shared) {
      // The first use keeps the op; every other one in the same block gets
      // a clone right before its user (the sizes dominate the original,
      // hence the user). Uses inside loops keep sharing one buffer made
      // outside them.
      SmallVector<OpOperand *> uses;
      for (OpOperand &use : op->getUses())
        if (use.getOwner()->getBlock() == op->getBlock())
          uses.push_back(&use);
      if (uses.size() < 2)
        continue;
      llvm::sort(uses, [](OpOperand *x, OpOperand *y) {
        return x->getOwner()->isBeforeInBlock(y->getOwner());
      });
      for (OpOperand *use : llvm::drop_begin(uses)) {
        OpBuilder b(use->getOwner());
        use->set(b.clone(*op)->getResult(0));
      }
    }
  }
};

} // namespace
