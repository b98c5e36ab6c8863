//===- LowerMemRefCopy.cpp - ds-lower-memref-copy -------------------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace ds {
#define GEN_PASS_DEF_LOWERMEMREFCOPY
#include "passes/Codegen/Passes.h.inc"
} // namespace ds

using namespace mlir;

namespace {

struct LowerMemRefCopy : ds::impl::LowerMemRefCopyBase<LowerMemRefCopy> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation()->walk([&](memref::CopyOp copy) {
      // linalg.copy needs ranked operands of the same rank; anything else
      // is left for the LLVM lowering to diagnose.
      auto source = dyn_cast<MemRefType>(copy.getSource().getType());
      auto target = dyn_cast<MemRefType>(copy.getTarget().getType());
      if (source && target && source.getRank() == target.getRank())
        copies.push_back(copy);
    });
    for (memref::CopyOp copy : copies) {
      OpBuilder b(copy);
      linalg::CopyOp::create(b, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      copy.erase();
    }
  }
};

} // namespace
