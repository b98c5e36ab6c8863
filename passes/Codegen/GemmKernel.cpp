//===- GemmKernel.cpp - Packed, register-tiled GEMM loops -----------------===//
//
// Part of ds.
//
// The loop nest of emitGemm, per task (b, tm, tn) of the scf.parallel:
//
//   for pc in [0, K) step kc:                       // a slice of K
//     pack A[b, ic:ic+mc, pc:pc+kc] into mr-row panels   (zero rows past M)
//     pack B[b, pc:pc+kc, jc:jc+nc] into nr-column panels (zero columns
//                                                          past N)
//     for each B panel, for each A panel:           // micro-kernel
//       acc[mr][vectors] = 0
//       for p in [0, kc): acc[i][v] += A_panel[p][i] * B_panel[p][v]
//       C tile += acc (masked at the edges of C)
//
// The packing buffers are stack allocations of the task, so a run
// allocates nothing on the heap for them and the tasks share nothing.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/GemmKernel.h"
#include "passes/Codegen/KernelUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <algorithm>

using namespace mlir;
using namespace ds;

namespace {

/// Tasks a GEMM is split into, at least, where its sizes are known: one
/// per GemmProblem::taskMacs multiply-adds, from kMinTasks up to
/// kTaskBudget / taskMacs (32 for matmuls, 64 for convolutions). Large
/// products get more, smaller tasks, so that a thread whose core is slowed
/// (shared with another vCPU) holds up the others by less, and a thread
/// that finishes a loop first waits for less of the other's last task;
/// small ones keep tiles large enough to amortize their packing.
constexpr int64_t kMinTasks = 8;
constexpr int64_t kTaskBudget = int64_t(1) << 27;
/// Alignment of the packed panels: a cache line.
constexpr int64_t kPanelAlignment = 64;
/// How far ahead of its loads a micro-kernel along M prefetches A's
/// packed panel: measured on ResNet-18, 8 KiB ran 2% faster than none,
/// and than 32 or 128 steps of 32 rows.
constexpr int64_t kPrefetchBytes = 8192;
/// The largest B that is packed once for a whole GEMM.
constexpr int64_t kSharedPackBytes = int64_t(16) << 20;



/// An scf.if with `thenBody` and, if given, `elseBody`.
template <typename Then, typename Else>
void ifThenElse(OpBuilder &b, Location loc, Value cond, Then thenBody,
                Else elseBody, bool withElse) {
  auto op = scf::IfOp::create(b, loc, cond, withElse);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(op.thenBlock()->getTerminator());
  thenBody();
  if (withElse) {
    b.setInsertionPoint(op.elseBlock()->getTerminator());
    elseBody();
  }
}

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// Shrinks the task tiles of a GEMM whose sizes are known, so that it
/// splits into the tasks its work calls for (kMinTasks .. kMaxMinTasks)
/// where it can, and so that no tile is much larger than the matrix.
void chooseTaskTiles(const GemmProblem &problem, const GemmTiling &tiling,
                     int64_t &mc, int64_t &nc) {
  mc = tiling.mc;
  nc = tiling.nc;
  if (problem.staticM > 0)
    mc = std::min(mc, ceilDiv(problem.staticM, tiling.mr) * tiling.mr);
  if (problem.staticN > 0)
    nc = std::min(nc, ceilDiv(problem.staticN, tiling.nr) * tiling.nr);
  if (problem.staticM <= 0 || problem.staticN <= 0)
    return;
  int64_t batch = std::max<int64_t>(problem.staticBatch, 1);
  auto tasks = [&] {
    return batch * ceilDiv(problem.staticM, mc) * ceilDiv(problem.staticN, nc);
  };
  int64_t wanted = kMinTasks;
  if (std::optional<int64_t> k = getConstantIntValue(problem.k))
    wanted = std::clamp<int64_t>(
        batch * problem.staticM * problem.staticN * *k / problem.taskMacs,
        kMinTasks, kTaskBudget / problem.taskMacs);
  while (tasks() < wanted) {
    bool canM = mc > tiling.mr, canN = nc > tiling.nr;
    if (!canM && !canN)
      break;
    // Halve the tile that has more micro-tiles left.
    if (canM && (!canN || mc / tiling.mr >= nc / tiling.nr))
      mc = ceilDiv(mc / 2, tiling.mr) * tiling.mr;
    else
      nc = ceilDiv(nc / 2, tiling.nr) * tiling.nr;
  }
}

/// Everything one task needs, as values of the task's body.
struct Task {
  Task(const GemmProblem &problem, const GemmTiling &tiling, int64_t mc,
       int64_t nc, Type element)
      : problem(problem), tiling(tiling), mc(mc), nc(nc), element(element) {}

  const GemmProblem &problem;
  const GemmTiling &tiling;
  int64_t mc, nc;
  Type element;
  Value aPacked, bPacked, rowOffsets, colOffsets, runStarts, runSteps;
  /// With implicit padding: the (y, x) of B's rows and columns (i32).
  Value rowY, rowX, colY, colX;
  Value aBase, cBase, accumBase;
  /// A is read in place (its rows are unit-stride along K) rather than
  /// packed.
  bool aDirect = false;
  /// A packed at compile time (GemmProblem::packedConstantA): panels of mr
  /// rows over all of K.
  Value aConstant;
  /// With a wide output over several K slices: the task's tile of partial
  /// sums (mc x nc, wide columns).
  Value wideSums;
  /// With B read in place: rowOffsets holds all of K's rows (batch 0,
  /// shared by the tasks) rather than the slice's; bBase is the batch's.
  bool rowsOfAllK = false;
  Value bBase;
  /// B was packed once for the whole GEMM (all of K, every panel of N) into
  /// bPacked before the tasks; otherwise each task packs its slices.
  bool sharedB = false;
  /// Where packB puts its first panel.
  Value bPanelBase;
  /// A tiling along M: the task's mc x nc sums, column-major.
  Value tileSums;
  Value batch, ic, jc, mcv, ncv;
};

/// A vector of the tiling's lanes of the task's elements.
VectorType laneType(const Task &t) {
  return VectorType::get({t.tiling.lanes}, t.element);
}

/// The fast-math flag of the micro-kernels' multiplies and adds, which LLVM
/// fuses into FMAs.
arith::FastMathFlagsAttr contractFlag(OpBuilder &b) {
  return arith::FastMathFlagsAttr::get(b.getContext(),
                                       arith::FastMathFlags::contract);
}

/// Where row `pc` of the task's A panel `ip` starts in A packed at compile
/// time (panels of mr rows over all of K, the batch's packing at aBase):
/// panel ic / mr + ip.
Value constantPanelStart(OpBuilder &b, Location loc, const Task &t, Value ip,
                         Value pc) {
  IndexMath im{b, loc};
  int64_t mr = t.tiling.mr;
  Value panel = im.add(im.div(t.ic, im.c(mr)), ip);
  return im.add(t.aBase,
                im.mul(im.add(im.mul(panel, t.problem.k), pc), im.c(mr)));
}

void packA(OpBuilder &b, Location loc, const Task &t, Value pc, Value kcv) {
  IndexMath im{b, loc};
  const GemmProblem &p = t.problem;
  int64_t mr = t.tiling.mr;
  Value c0 = im.c(0), c1 = im.c(1);
  Value panels = im.ceilDiv(t.mcv, im.c(mr));
  Value lastRow = im.sub(p.m, c1);
  forLoop(b, loc, c0, panels, c1, [&](Value ip) {
    Value panel = im.mul(im.mul(ip, kcv), im.c(mr));
    // Rows past M repeat row M - 1: their sums are never stored.
    SmallVector<Value> starts;
    Value first = im.add(t.ic, im.mul(ip, im.c(mr)));
    for (int64_t i = 0; i < mr; ++i) {
      Value row = im.min(im.add(first, im.c(i)), lastRow);
      starts.push_back(im.add(im.add(t.aBase, im.mul(row, p.aRowStride)),
                              im.mul(pc, p.aColStride)));
    }
    // One column of the panel at a time: mr loads, mr consecutive stores.
    forLoop(b, loc, c0, kcv, c1, [&](Value q) {
      Value column = im.mul(q, p.aColStride);
      Value destination = im.add(panel, im.mul(q, im.c(mr)));
      for (int64_t i = 0; i < mr; ++i) {
        Value v = memref::LoadOp::create(
            b, loc, p.a, ValueRange{im.add(starts[i], column)});
        memref::StoreOp::create(b, loc, v, t.aPacked,
                                ValueRange{im.add(destination, im.c(i))});
      }
    });
  });
}

/// With implicit padding (bRowTap set): the lanes l of row q, columns
/// column + l, whose input position is inside the input; null otherwise.
Value validLanes(OpBuilder &b, Location loc, const Task &t, Value column,
                 Value q) {
  if (!t.colY)
    return Value();
  const GemmTiling &g = t.tiling;
  auto laneType = VectorType::get({g.lanes}, b.getI32Type());
  auto splat = [&](Value scalar) {
    return vector::BroadcastOp::create(b, loc, laneType, scalar).getResult();
  };
  auto i32 = [&](Value index) {
    return b.createOrFold<arith::IndexCastOp>(loc, b.getI32Type(), index);
  };
  auto inside = [&](Value table, Value tap, Value size) -> Value {
    Value positions = arith::AddIOp::create(
        b, loc,
        vector::LoadOp::create(b, loc, laneType, table, ValueRange{column}),
        splat(memref::LoadOp::create(b, loc, tap, ValueRange{q})));
    Value zero = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(laneType, b.getI32IntegerAttr(0)));
    Value low = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge,
                                      positions, zero);
    Value high = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                       positions, splat(i32(size)));
    return arith::AndIOp::create(b, loc, low, high);
  };
  return arith::AndIOp::create(
      b, loc, inside(t.colY, t.rowY, t.problem.inputH),
      inside(t.colX, t.rowX, t.problem.inputW));
}

Value andMasks(OpBuilder &b, Location loc, Value mask, Value valid) {
  return valid ? arith::AndIOp::create(b, loc, mask, valid).getResult() : mask;
}

/// Allocates the (y, x) tables of implicit padding: `columns` + lanes
/// entries for columns (vector loads may read past the last), `rows` for
/// rows.
void allocatePositionTables(OpBuilder &b, Location loc, Task &t,
                            int64_t columns, int64_t rows) {
  if (!t.problem.bRowTap)
    return;
  auto table = [&](int64_t size) {
    return memref::AllocaOp::create(b, loc,
                                    MemRefType::get({size}, b.getI32Type()))
        .getResult();
  };
  t.colY = table(columns + t.tiling.lanes);
  t.colX = table(columns + t.tiling.lanes);
  t.rowY = table(rows);
  t.rowX = table(rows);
}

/// Stores the (y, x) of `pair` at `index` of the two tables.
void storePosition(OpBuilder &b, Location loc, std::pair<Value, Value> yx,
                   Value tableY, Value tableX, Value index) {
  auto i32 = [&](Value v) {
    return b.createOrFold<arith::IndexCastOp>(loc, b.getI32Type(), v);
  };
  memref::StoreOp::create(b, loc, i32(yx.first), tableY, ValueRange{index});
  memref::StoreOp::create(b, loc, i32(yx.second), tableX, ValueRange{index});
}

/// Packs one B panel whose columns are not one run of consecutive elements
/// (a convolution's panel that crosses output rows, or a strided window):
/// the runs of constant steps in the column offsets are found once, then
/// each row of the panel is copied run by run, with masked vector loads
/// (unit steps; two of them and a shuffle for a step of 2) or gathers, and
/// masked stores; columns past N are zeroed.
void packRuns(OpBuilder &b, Location loc, const Task &t, Value kcv,
              Value first, Value cols, Value panel) {
  IndexMath im{b, loc};
  const GemmProblem &p = t.problem;
  const GemmTiling &g = t.tiling;
  int64_t nr = g.nr;
  VectorType vectorType = laneType(t);
  Value zeroVector = zeros(b, loc, vectorType);
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(t.element));
  Value c0 = im.c(0), c1 = im.c(1);

  // Runs of columns whose offsets grow by a constant step: runStarts[r] is
  // the first column of run r, runSteps[r] its step (1 for a single
  // column), runs their number. A column continues its left neighbour's
  // run if that run has one column and the offset grows, or if the offset
  // grows by the run's step.
  memref::StoreOp::create(b, loc, c0, t.runStarts, ValueRange{c0});
  memref::StoreOp::create(b, loc, c1, t.runSteps, ValueRange{c0});
  auto scan = scf::ForOp::create(
      b, loc, c1, cols, c1, ValueRange{c1, c1, c1},
      [&](OpBuilder &nb, Location nloc, Value j, ValueRange args) {
        IndexMath in{nb, nloc};
        Value runs = args[0], step = args[1], length = args[2];
        Value column = in.add(first, j);
        Value offset =
            memref::LoadOp::create(nb, nloc, t.colOffsets, ValueRange{column});
        Value previous = memref::LoadOp::create(
            nb, nloc, t.colOffsets, ValueRange{in.sub(column, in.c(1))});
        Value delta = in.sub(offset, previous);
        auto cmp = [&](arith::CmpIPredicate predicate, Value x, Value y) {
          return arith::CmpIOp::create(nb, nloc, predicate, x, y).getResult();
        };
        Value single = cmp(arith::CmpIPredicate::eq, length, in.c(1));
        Value grows = cmp(arith::CmpIPredicate::sgt, delta, in.c(0));
        Value starts = arith::AndIOp::create(nb, nloc, single, grows);
        Value keeps = arith::AndIOp::create(
            nb, nloc, arith::XOrIOp::create(nb, nloc, single,
                                            arith::ConstantIntOp::create(
                                                nb, nloc, 1, 1)),
            cmp(arith::CmpIPredicate::eq, delta, step));
        Value continues = arith::OrIOp::create(nb, nloc, starts, keeps);
        ifThenElse(
            nb, nloc, continues, [] {},
            [&] {
              memref::StoreOp::create(nb, nloc, j, t.runStarts,
                                      ValueRange{runs});
            },
            /*withElse=*/true);
        Value nextRuns = arith::SelectOp::create(nb, nloc, continues, runs,
                                                 in.add(runs, in.c(1)));
        Value nextStep = arith::SelectOp::create(
            nb, nloc, continues,
            arith::SelectOp::create(nb, nloc, starts, delta, step), in.c(1));
        Value nextLength = arith::SelectOp::create(
            nb, nloc, continues, in.add(length, in.c(1)), in.c(1));
        memref::StoreOp::create(nb, nloc, nextStep, t.runSteps,
                                ValueRange{in.sub(nextRuns, in.c(1))});
        scf::YieldOp::create(nb, nloc,
                             ValueRange{nextRuns, nextStep, nextLength});
      });
  Value runs = scan.getResult(0);
  memref::StoreOp::create(b, loc, cols, t.runStarts, ValueRange{runs});

  auto laneType = VectorType::get({g.lanes}, b.getI32Type());
  Value lanes = laneIds(b, loc, g.lanes);
  forLoop(b, loc, c0, kcv, c1, [&](Value q) {
    Value rowOffset =
        memref::LoadOp::create(b, loc, t.rowOffsets, ValueRange{q});
    Value destination = im.add(panel, im.mul(q, im.c(nr)));
    forLoop(b, loc, c0, runs, c1, [&](Value r) {
      Value start = memref::LoadOp::create(b, loc, t.runStarts, ValueRange{r});
      Value end = memref::LoadOp::create(b, loc, t.runStarts,
                                         ValueRange{im.add(r, c1)});
      Value step = memref::LoadOp::create(b, loc, t.runSteps, ValueRange{r});
      Value offset = memref::LoadOp::create(b, loc, t.colOffsets,
                                            ValueRange{im.add(first, start)});
      Value source = im.add(rowOffset, offset);
      Value target = im.add(destination, start);
      Value length = im.sub(end, start);
      Value unit = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                         step, c1);
      // Unit steps: contiguous loads; other steps (a strided window):
      // gathers at multiples of the step.
      Value indices = arith::MulIOp::create(
          b, loc, lanes,
          vector::BroadcastOp::create(
              b, loc, laneType,
              arith::IndexCastOp::create(b, loc, b.getI32Type(), step)));
      forLoop(b, loc, c0, length, im.c(g.lanes), [&](Value done) {
        Value valid =
            validLanes(b, loc, t, im.add(im.add(first, start), done), q);
        // Lanes in the run are stored; of those, lanes outside the input
        // (implicit padding) load as zeros.
        Value inRun = laneMasks(b, loc, g.lanes, 1, im.sub(length, done))[0];
        Value mask = andMasks(b, loc, inRun, valid);
        auto op = scf::IfOp::create(b, loc, TypeRange{vectorType}, unit,
                                    /*withElseRegion=*/true);
        {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToStart(op.thenBlock());
          scf::YieldOp::create(
              b, loc,
              ValueRange{vector::MaskedLoadOp::create(
                  b, loc, vectorType, p.b, ValueRange{im.add(source, done)},
                  mask, zeroVector)});
          b.setInsertionPointToStart(op.elseBlock());
          // Step 2 (a stride-2 window): two contiguous loads, the even
          // elements kept; other steps: a gather.
          Value two = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                            step, im.c(2));
          auto strided = scf::IfOp::create(b, loc, TypeRange{vectorType}, two,
                                           /*withElseRegion=*/true);
          scf::YieldOp::create(b, loc, strided.getResults());
          b.setInsertionPointToStart(strided.thenBlock());
          Value base = im.add(source, im.mul(done, im.c(2)));
          // Elements 0 .. 2 (n - 1) of the span, n = the lanes left.
          Value span = im.sub(
              im.mul(im.min(im.sub(length, done), im.c(g.lanes)), im.c(2)),
              c1);
          SmallVector<Value> halves = laneMasks(b, loc, g.lanes, 2, span);
          if (valid) {
            // Element 2l of the span is lane l: each half takes its lanes'
            // validity at the even positions only.
            SmallVector<int64_t> lowPick, highPick;
            SmallVector<bool> even;
            for (int64_t l = 0; l < g.lanes; ++l) {
              lowPick.push_back(l / 2);
              highPick.push_back(g.lanes / 2 + l / 2);
              even.push_back(l % 2 == 0);
            }
            auto maskType = VectorType::get({g.lanes}, b.getI1Type());
            Value evens = arith::ConstantOp::create(
                b, loc, DenseElementsAttr::get(maskType, ArrayRef<bool>(even)));
            auto spread = [&](ArrayRef<int64_t> pick) -> Value {
              return arith::AndIOp::create(
                  b, loc,
                  vector::ShuffleOp::create(b, loc, valid, valid, pick),
                  evens);
            };
            halves[0] = arith::AndIOp::create(b, loc, halves[0],
                                              spread(lowPick));
            halves[1] = arith::AndIOp::create(b, loc, halves[1],
                                              spread(highPick));
          }
          Value low = vector::MaskedLoadOp::create(
              b, loc, vectorType, p.b, ValueRange{base}, halves[0], zeroVector);
          Value high = vector::MaskedLoadOp::create(
              b, loc, vectorType, p.b,
              ValueRange{im.add(base, im.c(g.lanes))}, halves[1], zeroVector);
          SmallVector<int64_t> evens;
          for (int64_t l = 0; l < g.lanes; ++l)
            evens.push_back(2 * l);
          scf::YieldOp::create(
              b, loc,
              ValueRange{vector::ShuffleOp::create(b, loc, low, high, evens)});
          b.setInsertionPointToStart(strided.elseBlock());
          scf::YieldOp::create(
              b, loc,
              ValueRange{vector::GatherOp::create(
                  b, loc, vectorType, p.b,
                  ValueRange{im.add(source, im.mul(done, step))}, indices,
                  mask, zeroVector)});
        }
        vector::MaskedStoreOp::create(b, loc, t.bPacked,
                                      ValueRange{im.add(target, done)}, inRun,
                                      op.getResult(0));
      });
    });
    forLoop(b, loc, cols, im.c(nr), c1, [&](Value j) {
      memref::StoreOp::create(b, loc, zero, t.bPacked,
                              ValueRange{im.add(destination, j)});
    });
  });
}

/// Packs B's kc x nc block into nr-column panels. A panel whose columns
/// are consecutive elements (bColOffset grows by one along it, as in a
/// matmul or most of a convolution's output row) is copied with vector
/// loads, masked past N (the masked lanes read as the zero padding); other
/// panels element by element.
void packB(OpBuilder &b, Location loc, const Task &t, Value kcv) {
  IndexMath im{b, loc};
  const GemmProblem &p = t.problem;
  const GemmTiling &g = t.tiling;
  int64_t nr = g.nr;
  VectorType vectorType = laneType(t);
  Value zeroVector = zeros(b, loc, vectorType);
  Value c0 = im.c(0), c1 = im.c(1);
  Value panels = im.ceilDiv(t.ncv, im.c(nr));
  forLoop(b, loc, c0, panels, c1, [&](Value jp) {
    Value first = im.mul(jp, im.c(nr));
    Value cols = im.min(im.c(nr), im.sub(t.ncv, first));
    Value panel = im.mul(im.mul(jp, kcv), im.c(nr));
    if (t.bPanelBase)
      panel = im.add(t.bPanelBase, panel);
    Value firstOffset =
        memref::LoadOp::create(b, loc, t.colOffsets, ValueRange{first});
    Value lastOffset = memref::LoadOp::create(
        b, loc, t.colOffsets, ValueRange{im.sub(im.add(first, cols), c1)});
    // bColOffset increases strictly, so equal spans mean unit steps.
    Value contiguous = arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::eq, im.sub(lastOffset, firstOffset),
        im.sub(cols, c1));
    ifThenElse(
        b, loc, contiguous,
        [&] {
          SmallVector<Value> masks = laneMasks(b, loc, g.lanes, g.vectors, cols);
          forLoop(b, loc, c0, kcv, c1, [&](Value q) {
            Value rowOffset =
                memref::LoadOp::create(b, loc, t.rowOffsets, ValueRange{q});
            Value source = im.add(rowOffset, firstOffset);
            Value destination = im.add(panel, im.mul(q, im.c(nr)));
            for (int64_t v = 0; v < g.vectors; ++v) {
              Value lane = im.c(v * g.lanes);
              Value mask = andMasks(
                  b, loc, masks[v],
                  validLanes(b, loc, t, im.add(first, lane), q));
              Value loaded = vector::MaskedLoadOp::create(
                  b, loc, vectorType, p.b, ValueRange{im.add(source, lane)},
                  mask, zeroVector);
              vector::StoreOp::create(b, loc, loaded, t.bPacked,
                                      ValueRange{im.add(destination, lane)});
            }
          });
        },
        [&] { packRuns(b, loc, t, kcv, first, cols, panel); },
        /*withElse=*/true);
  });
}

/// An scf.if yielding a vector that builds `compute` only on the side where
/// it is needed:
///   computeWhenTrue = false: cond ? given : compute()
///   computeWhenTrue = true:  cond ? compute() : given
Value selectVector(OpBuilder &b, Location loc, Value cond, Value given,
                   function_ref<Value(OpBuilder &, Location)> compute,
                   bool computeWhenTrue = false) {
  auto op = scf::IfOp::create(b, loc, TypeRange{given.getType()}, cond,
                              /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(computeWhenTrue ? op.thenBlock()
                                             : op.elseBlock());
  scf::YieldOp::create(b, loc, compute(b, loc));
  b.setInsertionPointToStart(computeWhenTrue ? op.elseBlock()
                                             : op.thenBlock());
  scf::YieldOp::create(b, loc, given);
  return op.getResult(0);
}

/// The mask of lanes l with from <= l < to.
Value lanesBetween(OpBuilder &b, Location loc, int64_t lanes, Value from,
                   Value to) {
  auto laneType = VectorType::get({lanes}, b.getI32Type());
  auto splat = [&](Value index) -> Value {
    return vector::BroadcastOp::create(
        b, loc, laneType,
        b.createOrFold<arith::IndexCastOp>(loc, b.getI32Type(), index));
  };
  Value ids = laneIds(b, loc, lanes);
  return arith::AndIOp::create(
      b, loc,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, ids,
                            splat(from)),
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, ids, splat(to)));
}

/// Splits the `lanes`-lane vector at column `column` (lanes in `mask`) of
/// a space of rows `rowLength` columns long by the rows it touches: calls
/// `body(y, runMask)` for each row y with the lanes among its first `used`
/// columns. Most vectors lie within one row's used columns: one call, with
/// `mask` itself, without the lane tests.
void forEachRowRun(OpBuilder &b, Location loc, Value column, Value mask,
                   int64_t lanes, int64_t rowLength, int64_t used,
                   function_ref<void(Value, Value)> body) {
  IndexMath im{b, loc};
  Value length = im.c(rowLength);
  Value first = b.createOrFold<arith::DivUIOp>(loc, column, length);
  Value x = b.createOrFold<arith::RemUIOp>(loc, column, length);
  ifThenElse(
      b, loc, im.lt(im.add(x, im.c(lanes - 1)), im.c(used)),
      [&] { body(first, mask); },
      [&] {
        Value last = b.createOrFold<arith::DivUIOp>(
            loc, im.add(column, im.c(lanes - 1)), length);
        forLoop(b, loc, first, im.add(last, im.c(1)), im.c(1), [&](Value y) {
          // Lanes [start, start + used) are row y's used columns.
          Value start = im.sub(im.mul(y, length), column);
          Value run = lanesBetween(b, loc, lanes, start,
                                   im.add(start, im.c(used)));
          body(y, arith::AndIOp::create(b, loc, mask, run));
        });
      },
      /*withElse=*/true);
}

/// Calls `body(column, mask)` for the lanes of C's vector at column
/// `column` (lanes in `mask`) that are stored together: all of them, or,
/// with a wide output (GemmProblem::wideRow), those of each wide row the
/// vector touches that are C's, with the column C has for lane 0 of that
/// row's run (lane l then goes to that column + l).
void forEachRun(OpBuilder &b, Location loc, const Task &t, Value column,
                Value mask, function_ref<void(Value, Value)> body) {
  const GemmProblem &p = t.problem;
  if (p.wideRow <= p.realRow) {
    body(column, mask);
    return;
  }
  IndexMath im{b, loc};
  forEachRowRun(b, loc, column, mask, t.tiling.lanes, p.wideRow, p.realRow,
                [&](Value y, Value runMask) {
                  // Wide column y * wideRow + x is C's y * realRow + x.
                  Value skipped = im.mul(y, im.c(p.wideRow - p.realRow));
                  body(im.sub(column, skipped), runMask);
                });
}

/// Row `row` of C, lanes `mask` from `column` on, += `sums` (a vector of
/// the tiling's lanes): C holds no partial sums yet where `fresh` (it
/// starts at zero), and `final` applies the epilogue.
void updateC(OpBuilder &b, Location loc, const Task &t, Value row,
             Value column, Value mask, Value sums, Value fresh, Value final) {
  IndexMath im{b, loc};
  const GemmProblem &p = t.problem;
  auto vectorType = cast<VectorType>(sums.getType());
  Value zeroVector = zeros(b, loc, vectorType);
  // The partial sums' buffer: C, or the separate accumulator.
  Value sumsBuffer = p.accum ? p.accum : p.c;
  Value rowStart = im.add(t.cBase, im.mul(row, p.cRowStride));
  Value index = im.add(rowStart, column);
  Value sumsIndex =
      p.accum ? im.add(im.add(t.accumBase, im.mul(row, p.accumRowStride)),
                       column)
              : index;
  auto addOld = [&](OpBuilder &nb, Location nloc) -> Value {
    Value old = vector::MaskedLoadOp::create(
        nb, nloc, vectorType, sumsBuffer, ValueRange{sumsIndex}, mask,
        zeroVector);
    return arith::AddFOp::create(nb, nloc, old, sums);
  };
  Value sum = p.zeroInit ? selectVector(b, loc, fresh, sums, addOld)
                         : addOld(b, loc);
  if (p.epilogue && p.accum) {
    // The sums to the accumulator; the last slice also stores the
    // epilogue's values into C.
    vector::MaskedStoreOp::create(b, loc, sumsBuffer, ValueRange{sumsIndex},
                                  mask, sum);
    ifThenElse(
        b, loc, final,
        [&] {
          Value value = p.epilogue(b, loc, t.batch, row, column, mask, sum);
          vector::MaskedStoreOp::create(b, loc, p.c, ValueRange{index}, mask,
                                        value);
        },
        [] {}, /*withElse=*/false);
    return;
  }
  if (p.epilogue)
    sum = selectVector(
        b, loc, final, sum,
        [&](OpBuilder &nb, Location nloc) {
          return p.epilogue(nb, nloc, t.batch, row, column, mask, sum);
        },
        /*computeWhenTrue=*/true);
  if (p.cRowLength <= 0) {
    vector::MaskedStoreOp::create(b, loc, p.c, ValueRange{index}, mask, sum);
    return;
  }
  // C in a padded buffer's interior: column y * rowLength + x is at
  // y * rowPitch + x + cOffset of the row; one masked store per row of
  // C that the lanes touch.
  Value rowBase = im.add(rowStart, im.c(p.cOffset));
  forEachRowRun(
      b, loc, column, mask, cast<VectorType>(sum.getType()).getNumElements(),
      p.cRowLength, p.cRowLength, [&](Value y, Value runMask) {
        Value at = im.add(im.add(rowBase, im.mul(y, im.c(p.cRowPitch))),
                          im.sub(column, im.mul(y, im.c(p.cRowLength))));
        vector::MaskedStoreOp::create(b, loc, p.c, ValueRange{at}, runMask,
                                      sum);
      });
}

/// The micro-kernel of A panel `ip` and B panel `jp`, added to C, over
/// the first `vectors` vectors of the panel's columns (fewer than the
/// tiling's for a last panel of few columns). With B read in place,
/// `maskedB` masks its loads past the panel's last column (a last panel,
/// which may end at the end of B's buffer). `extra` more columns after
/// the vectors (B read in place, A packed at compile time) are summed in
/// vectors along the panel's mr rows: per step, one vector of A's packed
/// column times the broadcast element of B.
void microKernel(OpBuilder &b, Location loc, const Task &t, Value pc,
                 Value kcv, Value ip, Value jp, int64_t vectors,
                 bool maskedB, int64_t extra = 0) {
  IndexMath im{b, loc};
  const GemmProblem &p = t.problem;
  const GemmTiling &g = t.tiling;
  VectorType vectorType = laneType(t);
  Value zeroVector = zeros(b, loc, vectorType);
  auto contract = contractFlag(b);
  // A packed per task: the slice's panel ip; packed at compile time: the
  // panel (ic / mr + ip) over all of K, from row pc of it.
  Value aPanel =
      t.aConstant ? constantPanelStart(b, loc, t, ip, pc)
                  : im.mul(im.mul(ip, kcv), im.c(g.mr));
  Value aSource = t.aConstant ? t.aConstant : t.aPacked;
  // Shared panels hold all of K: panel (jc / nr + jp), rows from pc.
  Value bPanel =
      t.sharedB
          ? im.mul(im.add(im.mul(im.add(im.ceilDiv(t.jc, im.c(g.nr)), jp),
                                 p.k),
                          pc),
                   im.c(g.nr))
          : im.mul(im.mul(jp, kcv), im.c(g.nr));
  // The tile's rows are C rows top + i. Normally top is the panel's first
  // row. With A read in place, the last panel of a matrix of at least mr
  // rows is moved up to end at row M - 1, so that the mr rows are evenly
  // spaced in A (one base address; LLVM folds the rest into displacements)
  // and the rows above the panel, another panel's, are not stored. With
  // fewer than mr rows, rows past M read row M - 1 instead.
  Value panelRow = im.add(t.ic, im.mul(ip, im.c(g.mr)));
  Value top = panelRow;
  SmallVector<Value> aRowStarts;
  if (t.aDirect) {
    bool shiftPanel = p.staticM >= g.mr;
    if (shiftPanel)
      top = im.min(panelRow, im.sub(p.m, im.c(g.mr)));
    Value lastRow = im.sub(p.m, im.c(1));
    for (int64_t i = 0; i < g.mr; ++i) {
      Value row = im.add(top, im.c(i));
      if (!shiftPanel)
        row = im.min(row, lastRow);
      aRowStarts.push_back(
          im.add(im.add(t.aBase, im.mul(row, p.aRowStride)), pc));
    }
  }
  // B read in place: row q of the slice at rowOffsets[q], the panel's
  // columns from col0.
  Value directColumn = im.add(t.jc, im.mul(jp, im.c(g.nr)));
  SmallVector<Value> bMasks;
  if (p.bDirect && maskedB)
    bMasks = laneMasks(
        b, loc, g.lanes, vectors,
        im.min(im.c(g.nr), im.sub(t.ncv, im.mul(jp, im.c(g.nr)))));
  SmallVector<Value> init(g.mr * vectors, zeroVector);
  auto rowsType = VectorType::get({g.mr}, t.element);
  for (int64_t e = 0; e < extra; ++e)
    init.push_back(zeros(b, loc, rowsType));
  auto loop = scf::ForOp::create(
      b, loc, im.c(0), kcv, im.c(1), init,
      [&](OpBuilder &nb, Location nloc, Value q, ValueRange sums) {
        IndexMath in{nb, nloc};
        Value bRow = in.add(bPanel, in.mul(q, in.c(g.nr)));
        Value aRow = in.add(aPanel, in.mul(q, in.c(g.mr)));
        SmallVector<Value> bVectors;
        // B read in place: where row q of the slice has the panel's first
        // column.
        Value start;
        if (p.bDirect)
          start = in.add(
              memref::LoadOp::create(nb, nloc, t.rowOffsets,
                                     ValueRange{t.rowsOfAllK ? in.add(pc, q)
                                                             : q}),
              t.rowsOfAllK ? in.add(t.bBase, directColumn) : directColumn);
        if (p.bDirect) {
          for (int64_t v = 0; v < vectors; ++v) {
            Value index = in.add(start, in.c(v * g.lanes));
            bVectors.push_back(
                maskedB ? vector::MaskedLoadOp::create(
                              nb, nloc, vectorType, p.b, ValueRange{index},
                              bMasks[v], zeroVector)
                              .getResult()
                        : vector::LoadOp::create(nb, nloc, vectorType, p.b,
                                                 ValueRange{index})
                              .getResult());
          }
        }
        for (int64_t v = 0; v < vectors && !p.bDirect; ++v)
          bVectors.push_back(vector::LoadOp::create(
              nb, nloc, vectorType, t.bPacked,
              ValueRange{in.add(bRow, in.c(v * g.lanes))}));
        SmallVector<Value> next;
        for (int64_t i = 0; i < g.mr; ++i) {
          Value a =
              t.aDirect
                  ? memref::LoadOp::create(nb, nloc, p.a,
                                           ValueRange{in.add(aRowStarts[i], q)})
                  : memref::LoadOp::create(nb, nloc, aSource,
                                           ValueRange{in.add(aRow, in.c(i))});
          Value broadcast =
              vector::BroadcastOp::create(nb, nloc, vectorType, a);
          for (int64_t v = 0; v < vectors; ++v) {
            Value product = arith::MulFOp::create(nb, nloc, broadcast,
                                                  bVectors[v], contract);
            next.push_back(arith::AddFOp::create(
                nb, nloc, product, sums[i * vectors + v], contract));
          }
        }
        if (extra > 0) {
          Value column = vector::LoadOp::create(nb, nloc, rowsType, aSource,
                                                ValueRange{aRow});
          for (int64_t e = 0; e < extra; ++e) {
            Value element = memref::LoadOp::create(
                nb, nloc, p.b,
                ValueRange{in.add(start, in.c(vectors * g.lanes + e))});
            Value product = arith::MulFOp::create(
                nb, nloc, column,
                vector::BroadcastOp::create(nb, nloc, rowsType, element),
                contract);
            next.push_back(arith::AddFOp::create(
                nb, nloc, product, sums[g.mr * vectors + e], contract));
          }
        }
        scf::YieldOp::create(nb, nloc, next);
      });

  // C += the sums: rows past M skipped, columns past N masked off.
  // The panel's rows: tile rows [skip, skip + rows).
  Value rows = im.min(im.c(g.mr), im.sub(t.mcv, im.mul(ip, im.c(g.mr))));
  Value skip = im.sub(panelRow, top);
  Value cols = im.min(im.c(g.nr), im.sub(t.ncv, im.mul(jp, im.c(g.nr))));
  Value row0 = top;
  Value col0 = im.add(t.jc, im.mul(jp, im.c(g.nr)));
  SmallVector<Value> masks = laneMasks(b, loc, g.lanes, vectors, cols);
  Value firstLane =
      extra > 0 ? laneMasks(b, loc, g.lanes, 1, im.c(1)).front() : Value();
  Value first = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, pc,
                                      im.c(0));
  Value last = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                     im.add(pc, kcv), p.k);
  Value notLast = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne,
                                        im.add(pc, kcv), p.k);
  Value always = arith::ConstantIntOp::create(b, loc, 1, 1);
  auto update = [&](int64_t i, Value column, Value mask, Value sums,
                    Value fresh, Value final) {
    updateC(b, loc, t, im.add(row0, im.c(i)), column, mask, sums, fresh, final);
  };
  // A wide output: the sums of all but the last K slice go to the task's
  // scratch tile (wide columns, plain vectors); the last slice stores C's
  // runs of each vector (forEachRun) as a single update.
  auto wideUpdate = [&](int64_t i) {
    Value row = im.add(row0, im.c(i));
    Value scratchRow = im.add(im.mul(im.sub(row, t.ic), im.c(t.nc)),
                              im.sub(col0, t.jc));
    for (int64_t v = 0; v < vectors; ++v) {
      Value sums = loop.getResult(i * vectors + v);
      if (t.wideSums) {
        Value scratch = im.add(scratchRow, im.c(v * g.lanes));
        sums = selectVector(b, loc, first, sums, [&](OpBuilder &nb,
                                                     Location nloc) {
          Value old = vector::LoadOp::create(nb, nloc, vectorType,
                                             t.wideSums, ValueRange{scratch});
          return arith::AddFOp::create(nb, nloc, old, sums).getResult();
        });
        ifThenElse(
            b, loc, notLast,
            [&] {
              vector::StoreOp::create(b, loc, sums, t.wideSums,
                                      ValueRange{scratch});
            },
            [] {}, /*withElse=*/false);
      }
      ifThenElse(
          b, loc, last,
          [&] {
            forEachRun(b, loc, t, im.add(col0, im.c(v * g.lanes)), masks[v],
                       [&](Value column, Value mask) {
                         update(i, column, mask, sums, always, always);
                       });
          },
          [] {}, /*withElse=*/false);
    }
  };
  for (int64_t i = 0; i < g.mr; ++i) {
    ifThenElse(
        b, loc,
        b.createOrFold<arith::AndIOp>(
            loc,
            b.createOrFold<arith::CmpIOp>(loc, arith::CmpIPredicate::sge,
                                          im.c(i), skip),
            im.lt(im.c(i), im.add(skip, rows))),
        [&] {
          if (p.wideRow > p.realRow) {
            wideUpdate(i);
            return;
          }
          for (int64_t v = 0; v < vectors; ++v)
            update(i, im.add(col0, im.c(v * g.lanes)), masks[v],
                   loop.getResult(i * vectors + v), first, last);
          // The extra columns' sums of row i: lane i of their vectors
          // along the rows, stored as lane 0 of a vector.
          for (int64_t e = 0; e < extra; ++e) {
            Value sum = vector::ExtractOp::create(
                b, loc, loop.getResult(g.mr * vectors + e), ArrayRef<int64_t>{i});
            update(i, im.add(col0, im.c(vectors * g.lanes + e)), firstLane,
                   vector::BroadcastOp::create(b, loc, vectorType, sum), first,
                   last);
          }
        },
        [] {}, /*withElse=*/false);
  }
}

/// The micro-kernel of a tiling along M (GemmTiling::alongM) for A panel
/// `ip` (mr rows of A packed at compile time) and the nr columns of B
/// panel `jp`, over all of K: per step, the panel's column of A as
/// `vectors` vectors times each column's element of B, broadcast; A's
/// panel is prefetched ahead of its loads. The sums go to the task's tile
/// (column-major, mc a column); columns past N repeat column N - 1 and are
/// not stored.
void microKernelAlongM(OpBuilder &b, Location loc, const Task &t, Value ip,
                       Value jp) {
  IndexMath im{b, loc};
  const GemmProblem &p = t.problem;
  const GemmTiling &g = t.tiling;
  VectorType vectorType = laneType(t);
  Value zeroVector = zeros(b, loc, vectorType);
  auto contract = contractFlag(b);
  Value aPanel = constantPanelStart(b, loc, t, ip, im.c(0));
  Value col0 = im.add(t.jc, im.mul(jp, im.c(g.nr)));
  Value lastColumn = im.sub(p.n, im.c(1));
  SmallVector<Value> columnStarts;
  for (int64_t j = 0; j < g.nr; ++j)
    columnStarts.push_back(im.add(
        t.bBase,
        p.bColOffset(b, loc, im.min(im.add(col0, im.c(j)), lastColumn))));
  int64_t elementBytes = t.element.getIntOrFloatBitWidth() / 8;
  int64_t prefetchSteps =
      std::max<int64_t>(1, kPrefetchBytes / (g.mr * elementBytes));
  auto loop = scf::ForOp::create(
      b, loc, im.c(0), p.k, im.c(1),
      SmallVector<Value>(g.nr * g.vectors, zeroVector),
      [&](OpBuilder &nb, Location nloc, Value q, ValueRange sums) {
        IndexMath in{nb, nloc};
        Value aRow = in.add(aPanel, in.mul(q, in.c(g.mr)));
        SmallVector<Value> aVectors;
        for (int64_t v = 0; v < g.vectors; ++v)
          aVectors.push_back(vector::LoadOp::create(
              nb, nloc, vectorType, t.aConstant,
              ValueRange{in.add(aRow, in.c(v * g.lanes))}));
        // A's packed panel is a stream from memory for the larger filters
        // (ResNet-18's 512-filter layers read 9.4 MB each): prefetched
        // into L2 ahead of its loads, or past the caches for a filter that
        // would not stay in them (GemmProblem::streamA).
        for (int64_t v = 0; v < g.vectors; ++v)
          memref::PrefetchOp::create(
              nb, nloc, t.aConstant,
              ValueRange{in.add(aRow, in.c(prefetchSteps * g.mr +
                                           v * g.lanes))},
              /*isWrite=*/false, /*localityHint=*/p.streamA ? 0 : 2,
              /*isDataCache=*/true);
        Value row =
            memref::LoadOp::create(nb, nloc, t.rowOffsets, ValueRange{q});
        SmallVector<Value> next;
        for (int64_t j = 0; j < g.nr; ++j) {
          Value element = memref::LoadOp::create(
              nb, nloc, p.b, ValueRange{in.add(columnStarts[j], row)});
          Value broadcast =
              vector::BroadcastOp::create(nb, nloc, vectorType, element);
          for (int64_t v = 0; v < g.vectors; ++v) {
            Value product = arith::MulFOp::create(nb, nloc, aVectors[v],
                                                  broadcast, contract);
            next.push_back(arith::AddFOp::create(
                nb, nloc, product, sums[j * g.vectors + v], contract));
          }
        }
        scf::YieldOp::create(nb, nloc, next);
      });
  // Sums (j, v) at tile element tileBase + j * mc + v * lanes.
  Value tileBase = im.add(im.mul(im.sub(col0, t.jc), im.c(t.mc)),
                          im.mul(ip, im.c(g.mr)));
  for (int64_t j = 0; j < g.nr; ++j)
    for (int64_t v = 0; v < g.vectors; ++v)
      vector::StoreOp::create(
          b, loc, loop.getResult(j * g.vectors + v), t.tileSums,
          ValueRange{im.add(tileBase, im.c(j * t.mc + v * g.lanes))});
}

/// The transpose of the lanes x lanes block whose rows are `rows` (lanes a
/// power of two), in log2(lanes) rounds of two-vector shuffles: the round
/// of half-width h swaps, in each pair of rows (r, r + h), the h-wide
/// blocks off their diagonal.
SmallVector<Value> transposeBlock(OpBuilder &b, Location loc,
                                  SmallVector<Value> rows) {
  int64_t lanes = rows.size();
  for (int64_t h = lanes / 2; h >= 1; h /= 2) {
    SmallVector<int64_t> low, high;
    for (int64_t c = 0; c < lanes; ++c) {
      bool upper = (c & h) != 0;
      low.push_back(upper ? lanes + c - h : c);
      high.push_back(upper ? lanes + c : c + h);
    }
    for (int64_t r = 0; r < lanes; ++r) {
      if (r & h)
        continue;
      Value a = rows[r], bRow = rows[r + h];
      rows[r] = vector::ShuffleOp::create(b, loc, a, bRow, low);
      rows[r + h] = vector::ShuffleOp::create(b, loc, a, bRow, high);
    }
  }
  return rows;
}

/// A tiling along M, after the task's micro-kernels: its tile of sums
/// (column-major) to C in blocks of lanes x lanes, each transposed in
/// registers into lanes rows of C's vectors along N, through the epilogue.
void storeTileAlongM(OpBuilder &b, Location loc, const Task &t) {
  IndexMath im{b, loc};
  const GemmTiling &g = t.tiling;
  VectorType vectorType = laneType(t);
  Value always = arith::ConstantIntOp::create(b, loc, 1, 1);
  forLoop(b, loc, im.c(0), t.mcv, im.c(g.lanes), [&](Value i) {
    forLoop(b, loc, im.c(0), t.ncv, im.c(g.lanes), [&](Value j) {
      // Columns j .. j + lanes of the tile (its columns are allocated to a
      // multiple of the lanes), rows i .. i + lanes of each.
      SmallVector<Value> columns;
      for (int64_t l = 0; l < g.lanes; ++l)
        columns.push_back(vector::LoadOp::create(
            b, loc, vectorType, t.tileSums,
            ValueRange{im.add(im.mul(im.add(j, im.c(l)), im.c(t.mc)), i)}));
      SmallVector<Value> rows = transposeBlock(b, loc, columns);
      Value mask = laneMasks(b, loc, g.lanes, 1, im.sub(t.ncv, j))[0];
      for (int64_t r = 0; r < g.lanes; ++r)
        ifThenElse(
            b, loc, im.lt(im.add(i, im.c(r)), t.mcv),
            [&] {
              updateC(b, loc, t, im.add(t.ic, im.add(i, im.c(r))),
                      im.add(t.jc, j), mask, rows[r], always, always);
            },
            [] {}, /*withElse=*/false);
    });
  });
}

/// The tables of the task's columns jc .. jc + ncv: B's column offsets
/// and, with implicit padding, their window corners.
void fillColumnTables(OpBuilder &b, Location loc, const Task &t) {
  IndexMath im{b, loc};
  const GemmProblem &p = t.problem;
  forLoop(b, loc, im.c(0), t.ncv, im.c(1), [&](Value j) {
    Value column = im.add(t.jc, j);
    memref::StoreOp::create(b, loc, p.bColOffset(b, loc, column),
                            t.colOffsets, ValueRange{j});
    if (t.colY)
      storePosition(b, loc, p.bColCorner(b, loc, column), t.colY, t.colX, j);
  });
}

/// The task (b, tm, tn) of `ivs`: its batch, its tile's first row and
/// column and their counts, and its batch's offsets into the operands.
void placeTask(OpBuilder &b, Location loc, Task &t, ValueRange ivs) {
  IndexMath im{b, loc};
  const GemmProblem &p = t.problem;
  t.batch = ivs[0];
  t.ic = im.mul(ivs[1], im.c(t.mc));
  t.jc = im.mul(ivs[2], im.c(t.nc));
  t.mcv = im.min(im.c(t.mc), im.sub(p.m, t.ic));
  t.ncv = im.min(im.c(t.nc), im.sub(p.n, t.jc));
  t.aBase = im.mul(t.batch, p.aBatchStride);
  t.bBase = im.mul(t.batch, p.bBatchStride);
  t.cBase = im.mul(t.batch, p.cBatchStride);
  if (p.accum)
    t.accumBase = im.mul(t.batch, p.accumBatchStride);
}

/// One task (b, tm, tn). `sharedB` is B packed once for the GEMM, or null;
/// with B read in place, `sharedRows` the offsets of all of K's rows (or
/// null: each slice tabulates its own); `aConstant` A packed at compile
/// time, or null.
void emitTask(OpBuilder &b, Location loc, const GemmProblem &p,
              const GemmTiling &g, int64_t mc, int64_t nc, Value sharedB,
              Value sharedRows, Value aConstant, ValueRange ivs) {
  IndexMath im{b, loc};
  Type element = cast<MemRefType>(p.c.getType()).getElementType();
  // The task's buffers live until its end: a stack save and restore
  // around it (memref.alloca_scope cannot hold the loops once they are
  // branches). ds-outline-parallel-loops hoists the allocations to the
  // entry of the outlined function, which makes them static.
  auto pointer = LLVM::LLVMPointerType::get(b.getContext());
  Value stack = LLVM::StackSaveOp::create(b, loc, pointer);

  auto alignment = b.getI64IntegerAttr(kPanelAlignment);
  Task t(p, g, mc, nc, element);
  // A is read in place when its rows are unit-stride along K, unless its
  // rows are a multiple of 4 KiB apart: then the mr rows of a panel fall
  // into one set of the L1 cache and evict each other.
  std::optional<int64_t> aColStride = getConstantIntValue(p.aColStride);
  std::optional<int64_t> aRowStride = getConstantIntValue(p.aRowStride);
  int64_t elementBytes = element.getIntOrFloatBitWidth() / 8;
  bool aliasing =
      aRowStride && *aRowStride > 0 && (*aRowStride * elementBytes) % 4096 == 0;
  t.aDirect = aColStride && *aColStride == 1 && !aliasing && !aConstant;
  t.aConstant = aConstant;
  if (!t.aDirect && !aConstant)
    t.aPacked = memref::AllocaOp::create(
        b, loc, MemRefType::get({mc * g.kc}, element), ValueRange{},
        alignment);
  t.sharedB = static_cast<bool>(sharedB);
  if (p.bDirect) {
    t.rowsOfAllK = static_cast<bool>(sharedRows);
    t.rowOffsets = sharedRows ? sharedRows
                              : memref::AllocaOp::create(
                                    b, loc,
                                    MemRefType::get({g.kc}, b.getIndexType()))
                                    .getResult();
    std::optional<int64_t> k = getConstantIntValue(p.k);
    if (p.wideRow > p.realRow && (!k || *k > g.kc))
      t.wideSums = memref::AllocaOp::create(
          b, loc, MemRefType::get({mc * nc}, element), ValueRange{},
          alignment);
  } else if (t.sharedB) {
    t.bPacked = sharedB;
  } else {
    t.bPacked = memref::AllocaOp::create(
        b, loc, MemRefType::get({nc * g.kc}, element), ValueRange{},
        alignment);
    t.rowOffsets = memref::AllocaOp::create(
        b, loc, MemRefType::get({g.kc}, b.getIndexType()));
    t.colOffsets = memref::AllocaOp::create(
        b, loc, MemRefType::get({nc}, b.getIndexType()));
    t.runStarts = memref::AllocaOp::create(
        b, loc, MemRefType::get({g.nr + 1}, b.getIndexType()));
    t.runSteps = memref::AllocaOp::create(
        b, loc, MemRefType::get({g.nr}, b.getIndexType()));
    allocatePositionTables(b, loc, t, nc, g.kc);
  }

  placeTask(b, loc, t, ivs);
  Value bBase = t.bBase;
  Value c0 = im.c(0), c1 = im.c(1);

  if (!t.sharedB && !p.bDirect)
    fillColumnTables(b, loc, t);
  forLoop(b, loc, c0, p.k, im.c(g.kc), [&](Value pc) {
    Value kcv = im.min(im.c(g.kc), im.sub(p.k, pc));
    if (!t.aDirect && !t.aConstant)
      packA(b, loc, t, pc, kcv);
    if (!t.sharedB && !t.rowsOfAllK) {
      forLoop(b, loc, c0, kcv, c1, [&](Value q) {
        Value row = im.add(pc, q);
        Value offset = im.add(bBase, p.bRowOffset(b, loc, row));
        memref::StoreOp::create(b, loc, offset, t.rowOffsets, ValueRange{q});
        if (t.rowY)
          storePosition(b, loc, p.bRowTap(b, loc, row), t.rowY, t.rowX, q);
      });
      if (!p.bDirect)
        packB(b, loc, t, kcv);
    }
    Value mPanels = im.ceilDiv(t.mcv, im.c(g.mr));
    Value nPanels = im.ceilDiv(t.ncv, im.c(g.nr));
    forLoop(b, loc, c0, nPanels, c1, [&](Value jp) {
      auto panelKernels = [&](int64_t vectors, bool maskedB,
                              int64_t extra = 0) {
        forLoop(b, loc, c0, mPanels, c1, [&](Value ip) {
          microKernel(b, loc, t, pc, kcv, ip, jp, vectors, maskedB, extra);
        });
      };
      // A panel of its own: a last one of at most one vector of columns
      // (N = 196 in panels of 32 leaves 4) runs a one-vector kernel, half
      // the work or less; B read in place masks its loads in a last,
      // partial panel (which may end at the end of B's buffer).
      Value cols = im.sub(t.ncv, im.mul(jp, im.c(g.nr)));
      auto ownPanel = [&] {
        auto whole = [&](int64_t vectors) {
          if (!p.bDirect) {
            panelKernels(vectors, false);
            return;
          }
          ifThenElse(
              b, loc, im.lt(cols, im.c(g.nr)),
              [&] { panelKernels(vectors, true); },
              [&] { panelKernels(vectors, false); }, /*withElse=*/true);
        };
        if (g.vectors == 1) {
          whole(1);
          return;
        }
        ifThenElse(
            b, loc, im.lt(im.c(g.lanes), cols), [&] { whole(g.vectors); },
            [&] { panelKernels(1, p.bDirect); }, /*withElse=*/true);
      };
      if (g.extra == 0) {
        ownPanel();
        return;
      }
      // The last whole panel also sums the g.extra columns after it; their
      // own panel then has nothing left (unless it is the first).
      auto eq = [&](Value x, int64_t y) {
        return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x,
                                     im.c(y));
      };
      Value withExtra = eq(cols, g.nr + g.extra);
      Value done = arith::AndIOp::create(
          b, loc, eq(cols, g.extra),
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ugt, jp, c0));
      ifThenElse(
          b, loc, withExtra, [&] { panelKernels(g.vectors, false, g.extra); },
          [&] {
            ifThenElse(b, loc, done, [] {}, ownPanel, /*withElse=*/true);
          },
          /*withElse=*/true);
    });
  });
  LLVM::StackRestoreOp::create(b, loc, stack);
}

/// One task (b, tm, tn) of a tiling along M: A packed at compile time
/// (`aConstant`), B read in place through `rows`, the offsets of all of
/// K's rows.
void emitTaskAlongM(OpBuilder &b, Location loc, const GemmProblem &p,
                    const GemmTiling &g, int64_t mc, int64_t nc, Value rows,
                    Value aConstant, ValueRange ivs) {
  IndexMath im{b, loc};
  Type element = cast<MemRefType>(p.c.getType()).getElementType();
  auto pointer = LLVM::LLVMPointerType::get(b.getContext());
  Value stack = LLVM::StackSaveOp::create(b, loc, pointer);
  Task t(p, g, mc, nc, element);
  t.aConstant = aConstant;
  t.rowOffsets = rows;
  // Columns to a multiple of the lanes, for the transposition's blocks.
  t.tileSums = memref::AllocaOp::create(
      b, loc,
      MemRefType::get({mc * ceilDiv(nc, g.lanes) * g.lanes}, element),
      ValueRange{}, b.getI64IntegerAttr(kPanelAlignment));
  placeTask(b, loc, t, ivs);
  Value c0 = im.c(0), c1 = im.c(1);
  Value mPanels = im.ceilDiv(t.mcv, im.c(g.mr));
  Value nPanels = im.ceilDiv(t.ncv, im.c(g.nr));
  forLoop(b, loc, c0, mPanels, c1, [&](Value ip) {
    forLoop(b, loc, c0, nPanels, c1, [&](Value jp) {
      microKernelAlongM(b, loc, t, ip, jp);
    });
  });
  storeTileAlongM(b, loc, t);
  LLVM::StackRestoreOp::create(b, loc, stack);
}

/// The row tables of packing all of K (batch 0), shared by the panels:
/// offsets and, with implicit padding, taps.
struct RowTables {
  Value offsets, y, x;
  /// offsets is a constant global (not to be freed).
  bool constant = false;
};

RowTables emitRowTables(OpBuilder &b, Location loc, const GemmProblem &p,
                        int64_t k) {
  IndexMath im{b, loc};
  RowTables rows;
  if (p.staticRowOffset && !p.bRowTap) {
    // A constant global of the module, made once per distinct table.
    SmallVector<int64_t> values;
    values.reserve(k);
    for (int64_t q = 0; q < k; ++q)
      values.push_back(p.staticRowOffset(q));
    auto type = MemRefType::get({k}, b.getIndexType());
    auto init = DenseElementsAttr::get(
        RankedTensorType::get({k}, b.getIndexType()), ArrayRef(values));
    auto module =
        b.getInsertionBlock()->getParentOp()->getParentOfType<ModuleOp>();
    memref::GlobalOp global;
    for (auto existing : module.getOps<memref::GlobalOp>())
      if (existing.getConstant() && existing.getType() == type &&
          existing.getInitialValue() == std::optional<Attribute>(init)) {
        global = existing;
        break;
      }
    if (!global) {
      SymbolTable symbols(module);
      OpBuilder mb(b.getContext());
      global = memref::GlobalOp::create(
          mb, loc, "__ds_gemm_rows", mb.getStringAttr("private"), type, init,
          /*constant=*/true, /*alignment=*/nullptr);
      symbols.insert(global, module.getBody()->begin());
    }
    rows.offsets = memref::GetGlobalOp::create(b, loc, type,
                                               global.getSymName());
    rows.constant = true;
    return rows;
  }
  auto table = [&](Type type) {
    return memref::AllocOp::create(b, loc, MemRefType::get({k}, type))
        .getResult();
  };
  rows.offsets = table(b.getIndexType());
  if (p.bRowTap) {
    rows.y = table(b.getI32Type());
    rows.x = table(b.getI32Type());
  }
  forLoop(b, loc, im.c(0), im.c(k), im.c(1), [&](Value q) {
    memref::StoreOp::create(b, loc, p.bRowOffset(b, loc, q), rows.offsets,
                            ValueRange{q});
    if (rows.y)
      storePosition(b, loc, p.bRowTap(b, loc, q), rows.y, rows.x, q);
  });
  return rows;
}

/// Packs B's panel `panel` (nr columns, all of K, batch 0) into `shared`.
void emitPackTask(OpBuilder &b, Location loc, const GemmProblem &p,
                  const GemmTiling &g, Value shared, const RowTables &rows,
                  Value panel) {
  IndexMath im{b, loc};
  Type element = cast<MemRefType>(p.c.getType()).getElementType();
  auto pointer = LLVM::LLVMPointerType::get(b.getContext());
  Value stack = LLVM::StackSaveOp::create(b, loc, pointer);
  Task t(p, g, /*mc=*/g.mr, /*nc=*/g.nr, element);
  t.bPacked = shared;
  t.rowOffsets = rows.offsets;
  t.colOffsets = memref::AllocaOp::create(
      b, loc, MemRefType::get({g.nr}, b.getIndexType()));
  t.runStarts = memref::AllocaOp::create(
      b, loc, MemRefType::get({g.nr + 1}, b.getIndexType()));
  t.runSteps = memref::AllocaOp::create(
      b, loc, MemRefType::get({g.nr}, b.getIndexType()));
  t.jc = im.mul(panel, im.c(g.nr));
  t.ncv = im.min(im.c(g.nr), im.sub(p.n, t.jc));
  t.bPanelBase = im.mul(im.mul(panel, p.k), im.c(g.nr));
  if (p.bRowTap) {
    auto table = [&](int64_t size) {
      return memref::AllocaOp::create(
                 b, loc, MemRefType::get({size}, b.getI32Type()))
          .getResult();
    };
    t.colY = table(g.nr + g.lanes);
    t.colX = table(g.nr + g.lanes);
    t.rowY = rows.y;
    t.rowX = rows.x;
  }
  fillColumnTables(b, loc, t);
  packB(b, loc, t, p.k);
  LLVM::StackRestoreOp::create(b, loc, stack);
}

} // namespace

Value ds::flattenBuffer(OpBuilder &b, Location loc, Value buffer,
                        SmallVectorImpl<Value> &strides,
                        SmallVectorImpl<Value> &sizes) {
  IndexMath im{b, loc};
  auto type = cast<MemRefType>(buffer.getType());
  auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, buffer);
  strides.assign(metadata.getStrides().begin(), metadata.getStrides().end());
  sizes.assign(metadata.getSizes().begin(), metadata.getSizes().end());
  // Static sizes and strides as constants, so that loops over them have
  // static trip counts.
  SmallVector<int64_t> staticStrides;
  int64_t staticOffset;
  if (failed(type.getStridesAndOffset(staticStrides, staticOffset)))
    staticStrides.assign(type.getRank(), ShapedType::kDynamic);
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (!type.isDynamicDim(d))
      sizes[d] = im.c(type.getDimSize(d));
    if (!ShapedType::isDynamic(staticStrides[d]))
      strides[d] = im.c(staticStrides[d]);
  }
  // The elements span 1 + sum((size - 1) * stride) from the first one.
  Value span = im.c(1);
  for (auto [size, stride] : llvm::zip_equal(sizes, strides))
    span = im.add(span, im.mul(im.sub(size, im.c(1)), stride));
  span = b.createOrFold<arith::MaxSIOp>(loc, span, im.c(0));
  auto flatType = MemRefType::get(
      {ShapedType::kDynamic}, type.getElementType(),
      StridedLayoutAttr::get(b.getContext(), ShapedType::kDynamic, {1}),
      type.getMemorySpace());
  return memref::ReinterpretCastOp::create(
      b, loc, flatType, metadata.getBaseBuffer(),
      OpFoldResult(metadata.getOffset()), ArrayRef<OpFoldResult>{span},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
}

void ds::emitGemm(OpBuilder &b, Location loc, const GemmProblem &problem,
                  const GemmTiling &givenTiling) {
  GemmTiling tiling = givenTiling;
  std::optional<int64_t> k = getConstantIntValue(problem.k);
  Value aConstant;
  if (tiling.alongM) {
    // A packed at compile time in panels of mr rows, B read through its
    // row and column offsets, no implicit padding.
    assert(problem.packedConstantA && problem.bColOffset && !problem.bDirect &&
           !problem.bRowTap && k && "a tiling along M needs A constant");
    aConstant = problem.packedConstantA(b, loc, tiling.mr);
    assert(aConstant && "A's packing for a tiling along M");
  } else if (tiling.extra > 0 && problem.bDirect && problem.packedConstantA) {
    // Extra columns need A packed at compile time and B read in place.
    aConstant = problem.packedConstantA(b, loc, tiling.mr);
  }
  if (!aConstant)
    tiling.extra = 0;
  int64_t mc, nc;
  chooseTaskTiles(problem, tiling, mc, nc);
  IndexMath im{b, loc};
  Value c0 = im.c(0), c1 = im.c(1);
  Value mTiles = im.ceilDiv(problem.m, im.c(mc));
  Value nTiles = im.ceilDiv(problem.n, im.c(nc));

  // One batch of known K and N: a constant B packed at compile time, or,
  // if the packed B is small enough and M spans several task tiles, B
  // packed once, every panel by a task of its own, before the GEMM's tasks
  // (which would otherwise each pack the slices they use, once per tile of
  // M). With one tile of M, each task packs its own slices, which it then
  // reads from its caches rather than from a packing of all of B (ResNet's
  // first convolution: 1.3% of the run less).
  bool spansTiles = problem.staticM < 0 || problem.staticM > mc;
  Value shared, constantB;
  RowTables directRows;
  if ((problem.bDirect || tiling.alongM) && k && *k > 0) {
    // B read in place: the offsets of its rows, computed once.
    directRows = emitRowTables(b, loc, problem, *k);
  } else if (problem.staticBatch == 1 && problem.staticN > 0 && k &&
             *k > 0) {
    int64_t panels = ceilDiv(problem.staticN, tiling.nr);
    int64_t elements = panels * tiling.nr * *k;
    Type element = cast<MemRefType>(problem.c.getType()).getElementType();
    if (problem.packedConstantB)
      constantB = problem.packedConstantB(b, loc, panels, tiling.nr);
    if (constantB) {
      shared = constantB;
    } else if (spansTiles &&
               elements * int64_t(element.getIntOrFloatBitWidth() / 8) <=
                   kSharedPackBytes) {
      shared = memref::AllocOp::create(
          b, loc, MemRefType::get({elements}, element), ValueRange{},
          b.getI64IntegerAttr(kPanelAlignment));
      RowTables rows = emitRowTables(b, loc, problem, *k);
      scf::ParallelOp::create(
          b, loc, ValueRange{c0}, ValueRange{im.c(panels)}, ValueRange{c1},
          [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
            emitPackTask(nb, nloc, problem, tiling, shared, rows, ivs[0]);
          });
      for (Value table : {rows.constant ? Value() : rows.offsets, rows.y,
                          rows.x})
        if (table)
          memref::DeallocOp::create(b, loc, table);
    }
  }
  scf::ParallelOp::create(
      b, loc, ValueRange{c0, c0, c0},
      ValueRange{problem.batch, mTiles, nTiles}, ValueRange{c1, c1, c1},
      [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
        if (tiling.alongM)
          emitTaskAlongM(nb, nloc, problem, tiling, mc, nc,
                         directRows.offsets, aConstant, ivs);
        else
          emitTask(nb, nloc, problem, tiling, mc, nc, shared,
                   directRows.offsets, aConstant, ivs);
      });
  if (shared && !constantB)
    memref::DeallocOp::create(b, loc, shared);
  if (directRows.offsets && !directRows.constant)
    memref::DeallocOp::create(b, loc, directRows.offsets);
}
