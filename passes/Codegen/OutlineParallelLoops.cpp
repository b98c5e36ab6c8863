//===- OutlineParallelLoops.cpp - ds-outline-parallel-loops ---------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/ModelABI.h"
#include "passes/Codegen/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"

namespace ds {
#define GEN_PASS_DEF_OUTLINEPARALLELLOOPS
#include "passes/Codegen/Passes.h.inc"
} // namespace ds

using namespace mlir;

namespace {

constexpr int64_t kWorkCap = int64_t(1) << 40;
/// What a trip count that is not a constant is taken to be.
constexpr int64_t kUnknownTripCount = 16;

int64_t saturatingMul(int64_t a, int64_t b) {
  if (a == 0 || b == 0)
    return 0;
  return a > kWorkCap / b ? kWorkCap : a * b;
}

int64_t tripCount(Value lb, Value ub, Value step) {
  std::optional<int64_t> l = getConstantIntValue(lb);
  std::optional<int64_t> u = getConstantIntValue(ub);
  std::optional<int64_t> s = getConstantIntValue(step);
  if (!l || !u || !s || *s <= 0)
    return kUnknownTripCount;
  return *u <= *l ? 0 : (*u - *l + *s - 1) / *s;
}

/// The iterations of everything in `block`, loops multiplied out.
int64_t estimateWork(Block &block) {
  int64_t work = 0;
  for (Operation &op : block) {
    int64_t inner = 1;
    if (auto loop = dyn_cast<scf::ForOp>(op)) {
      inner = saturatingMul(tripCount(loop.getLowerBound(),
                                      loop.getUpperBound(), loop.getStep()),
                            estimateWork(*loop.getBody()));
    } else if (auto loop = dyn_cast<scf::ParallelOp>(op)) {
      inner = estimateWork(*loop.getBody());
      for (auto [lb, ub, step] :
           llvm::zip_equal(loop.getLowerBound(), loop.getUpperBound(),
                           loop.getStep()))
        inner = saturatingMul(inner, tripCount(lb, ub, step));
    } else {
      for (Region &region : op.getRegions())
        for (Block &nested : region)
          inner = std::max(inner, estimateWork(nested));
    }
    work = std::min(kWorkCap, work + inner);
  }
  return work;
}

/// Tasks that the outer dimensions of a loop should give at least before
/// the inner ones stay loops of each task.
constexpr int64_t kTargetTasks = 64;
/// Estimated work of one iteration below which the body is taken for an
/// element-wise one, whose innermost dimensions stay loops.
constexpr int64_t kSmallBody = 256;

/// How many outer dimensions of `loop` become tasks. A small body keeps its
/// inner dimensions as loops (unit-stride loops that LLVM vectorizes, with
/// no division per element), once the outer ones give kTargetTasks tasks.
int64_t countTaskDims(scf::ParallelOp loop) {
  int64_t numLoops = loop.getNumLoops();
  if (numLoops == 1 || estimateWork(*loop.getBody()) >= kSmallBody)
    return numLoops;
  int64_t tasks = 1, dims = 0;
  while (dims < numLoops - 1 && tasks < kTargetTasks) {
    tasks = saturatingMul(tasks, tripCount(loop.getLowerBound()[dims],
                                           loop.getUpperBound()[dims],
                                           loop.getStep()[dims]));
    ++dims;
  }
  return dims;
}

/// Moves `loop` into a function over a linearized range [begin, end) of its
/// outer dimensions and replaces it by a call of its launch declaration.
void outline(func::FuncOp func, scf::ParallelOp loop, SymbolTable &symbols,
             unsigned index) {
  Location loc = loop.getLoc();
  OpBuilder b(loop);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  int64_t taskDims = countTaskDims(loop);

  // Trip counts of the task dimensions and their product, in the caller.
  SmallVector<Value> counts;
  Value total = one;
  for (auto [lb, ub, step] :
       llvm::zip_equal(loop.getLowerBound().take_front(taskDims),
                       loop.getUpperBound().take_front(taskDims),
                       loop.getStep().take_front(taskDims))) {
    // Folded where the bounds are constants, so that the body sees
    // constant trip counts.
    Value extent = b.createOrFold<arith::SubIOp>(loc, ub, lb);
    Value count = b.createOrFold<arith::CeilDivSIOp>(loc, extent, step);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    count = b.createOrFold<arith::MaxSIOp>(loc, count, zero);
    counts.push_back(count);
    total = b.createOrFold<arith::MulIOp>(loc, total, count);
  }

  // Everything the body uses from outside, plus what the delinearization
  // needs.
  // Constants are rebuilt in the body rather than passed, so that the
  // body is optimized for them (static trip counts, strides) as the
  // loop was in place.
  llvm::SetVector<Value> used;
  getUsedValuesDefinedAbove(loop.getRegion(), used);
  used.insert(loop.getLowerBound().begin(), loop.getLowerBound().end());
  used.insert(loop.getStep().begin(), loop.getStep().end());
  used.insert(loop.getUpperBound().begin() + taskDims,
              loop.getUpperBound().end());
  // The delinearization divides by every count but the first.
  used.insert(counts.begin() + 1, counts.end());
  llvm::SetVector<Value> captures;
  SmallVector<Value> constants;
  for (Value value : used) {
    if (matchPattern(value, m_Constant()))
      constants.push_back(value);
    else
      captures.insert(value);
  }
  SmallVector<Type> captureTypes;
  for (Value capture : captures)
    captureTypes.push_back(capture.getType());

  MLIRContext *ctx = func.getContext();
  Type indexTy = IndexType::get(ctx);
  std::string name = (func.getSymName() + "_par" + llvm::Twine(index)).str();

  OpBuilder mb(ctx);
  mb.setInsertionPointAfter(func);
  SmallVector<Type> bodyInputs = {indexTy, indexTy};
  bodyInputs.append(captureTypes);
  auto body = func::FuncOp::create(mb, loc, name,
                                   mb.getFunctionType(bodyInputs, {}));
  body.setPrivate();
  symbols.insert(body);
  Block *entry = body.addEntryBlock();
  IRMapping mapping;
  for (auto [i, capture] : llvm::enumerate(captures))
    mapping.map(capture, entry->getArgument(2 + i));

  OpBuilder bb = OpBuilder::atBlockBegin(entry);
  for (Value constant : constants)
    mapping.map(constant, bb.clone(*constant.getDefiningOp())->getResult(
                              cast<OpResult>(constant).getResultNumber()));
  Value step = arith::ConstantIndexOp::create(bb, loc, 1);
  auto linear = scf::ForOp::create(bb, loc, entry->getArgument(0),
                                   entry->getArgument(1), step);
  func::ReturnOp::create(bb, loc);
  bb.setInsertionPoint(linear.getBody()->getTerminator());
  // Row-major delinearization: the last dimension varies fastest.
  Value rest = linear.getInductionVar();
  for (int64_t d = taskDims - 1; d >= 0; --d) {
    Value position = rest;
    if (d > 0) {
      Value count = mapping.lookup(counts[d]);
      position = arith::RemSIOp::create(bb, loc, rest, count);
      rest = arith::DivSIOp::create(bb, loc, rest, count);
    }
    Value scaled = arith::MulIOp::create(
        bb, loc, position, mapping.lookup(loop.getStep()[d]));
    Value iv = arith::AddIOp::create(
        bb, loc, mapping.lookup(loop.getLowerBound()[d]), scaled);
    mapping.map(loop.getInductionVars()[d], iv);
  }
  // The other dimensions as loops of the task.
  for (int64_t d = taskDims; d < loop.getNumLoops(); ++d) {
    auto inner = scf::ForOp::create(bb, loc,
                                    mapping.lookup(loop.getLowerBound()[d]),
                                    mapping.lookup(loop.getUpperBound()[d]),
                                    mapping.lookup(loop.getStep()[d]));
    mapping.map(loop.getInductionVars()[d], inner.getInductionVar());
    bb.setInsertionPoint(inner.getBody()->getTerminator());
  }
  for (Operation &op : loop.getBody()->without_terminator())
    bb.clone(op, mapping);
  // Stack buffers of static size that an iteration allocates at its top
  // level are allocated once per call instead: the iterations of a call
  // run one after another, and a static allocation in the entry block is
  // a fixed slot of the frame rather than stack growth per iteration.
  for (auto alloca :
       llvm::to_vector(linear.getBody()->getOps<memref::AllocaOp>()))
    if (alloca.getType().hasStaticShape() && alloca->getNumOperands() == 0)
      alloca->moveBefore(linear);

  SmallVector<Type> launchInputs = {indexTy};
  launchInputs.append(captureTypes);
  auto launch = func::FuncOp::create(mb, loc, name + "_launch",
                                     mb.getFunctionType(launchInputs, {}));
  launch.setPrivate();
  launch->setAttr(ds::kParallelBodyAttr, FlatSymbolRefAttr::get(body));
  symbols.insert(launch);

  SmallVector<Value> operands = {total};
  operands.append(captures.begin(), captures.end());
  func::CallOp::create(b, loc, launch, operands);
  loop.erase();
}

struct OutlineParallelLoops
    : ds::impl::OutlineParallelLoopsBase<OutlineParallelLoops> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>())) {
      if (func.isExternal())
        continue;
      SmallVector<scf::ParallelOp> loops;
      func.walk<WalkOrder::PreOrder>([&](scf::ParallelOp loop) {
        loops.push_back(loop);
        return WalkResult::skip();
      });
      unsigned index = 0;
      for (scf::ParallelOp loop : loops) {
        if (loop.getNumResults() != 0)
          continue;
        int64_t loopWork = estimateWork(*loop.getBody());
        for (auto [lb, ub, step] :
             llvm::zip_equal(loop.getLowerBound(), loop.getUpperBound(),
                             loop.getStep()))
          loopWork = saturatingMul(loopWork, tripCount(lb, ub, step));
        if (loopWork < minWork)
          continue;
        outline(func, loop, symbols, index++);
      }
    }
  }
};

} // namespace
