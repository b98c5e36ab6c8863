//===- LowerReductions.cpp - ds-lower-reductions --------------------------===//
//
// Part of ds.
//
// Reductions of bufferized linalg.generic ops over their trailing dims as
// vector loops. For each output element (an scf.parallel over the parallel
// dims), the reduction dims are one contiguous run of R elements of each
// streamed input:
//
//   acc[0..3] = identity
//   for r in [0, R - R % 4V) step 4V:        // V = lanes
//     acc[u] = combine(acc[u], body(in[r + uV .. r + uV + V)))
//   for r in [R - R % 4V, R) step V:          // masked
//     acc[0] = combine(acc[0], select(lanes < R - r, body(...), identity))
//   out = combine(out, reduce(combine(acc[0..3])))
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/GemmKernel.h"
#include "passes/Codegen/KernelUtils.h"
#include "passes/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"


namespace ds {
#define GEN_PASS_DEF_LOWERREDUCTIONS
#include "passes/Codegen/Passes.h.inc"
} // namespace ds

using namespace mlir;
using namespace ds;

namespace {

/// Vector accumulators of the unrolled loop.
constexpr int64_t kAccumulators = 4;


/// How the reduction reads one input.
enum class Read {
  Streamed, // along all dims, the reduction dims contiguous
  PerOutput // independent of the reduction dims
};

struct Reduction {
  linalg::LinalgOp op;
  int64_t parallel;   // leading parallel dims
  Combine combine;
  Value value;        // the body's value combined with the output's
  SmallVector<Read> reads;
};

/// Whether `map`'s results are dims 0 .. count - 1 in order.
bool isLeadingDims(AffineMap map, int64_t count) {
  if (map.getNumResults() != count)
    return false;
  for (int64_t r = 0; r < count; ++r) {
    auto dim = dyn_cast<AffineDimExpr>(map.getResult(r));
    if (!dim || dim.getPosition() != r)
      return false;
  }
  return true;
}

/// Whether dims [first, rank) of `type` are contiguous: unit stride
/// innermost, each dim's stride the next one's times its (static) size.
bool trailingContiguous(MemRefType type, int64_t first) {
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  int64_t rank = type.getRank();
  if (rank == 0 || strides[rank - 1] != 1)
    return false;
  for (int64_t d = first; d + 1 < rank; ++d)
    if (ShapedType::isDynamic(strides[d]) ||
        ShapedType::isDynamic(type.getDimSize(d + 1)) ||
        strides[d] != strides[d + 1] * type.getDimSize(d + 1))
      return false;
  return true;
}

std::optional<Reduction> match(linalg::LinalgOp op) {
  if (!isa<linalg::GenericOp, linalg::ReduceOp>(op) ||
      !op.hasPureBufferSemantics() || op.getNumDpsInits() != 1 ||
      op.getNumLoops() == 0)
    return std::nullopt;
  Reduction r;
  r.op = op;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  r.parallel = 0;
  while (r.parallel < int64_t(iterators.size()) &&
         iterators[r.parallel] == utils::IteratorType::parallel)
    ++r.parallel;
  int64_t loops = op.getNumLoops();
  if (r.parallel == loops)
    return std::nullopt;
  for (int64_t d = r.parallel; d < loops; ++d)
    if (iterators[d] != utils::IteratorType::reduction)
      return std::nullopt;

  OpOperand *init = op.getDpsInitOperand(0);
  auto outType = dyn_cast<MemRefType>(init->get().getType());
  if (!outType || !outType.getElementType().isF32() ||
      !isLeadingDims(op.getMatchingIndexingMap(init), r.parallel))
    return std::nullopt;

  Block &body = op->getRegion(0).front();
  BlockArgument outArg = body.getArgument(op.getNumDpsInputs());
  Operation *combine =
      body.getTerminator()->getOperand(0).getDefiningOp();
  if (!combine || combine->getBlock() != &body || !outArg.hasOneUse() ||
      outArg.getUses().begin()->getOwner() != combine)
    return std::nullopt;
  std::optional<Combine> kind = combineOf(combine);
  if (!kind)
    return std::nullopt;
  r.combine = *kind;
  r.value = combine->getOperand(0) == outArg ? combine->getOperand(1)
                                             : combine->getOperand(0);
  if (r.value == outArg)
    return std::nullopt;
  for (Operation &inner : body.without_terminator())
    if (&inner != combine && !isLaneWise(inner))
      return std::nullopt;

  for (OpOperand *input : op.getDpsInputOperands()) {
    auto type = dyn_cast<MemRefType>(input->get().getType());
    if (!type || !type.getElementType().isIntOrFloat())
      return std::nullopt;
    AffineMap map = op.getMatchingIndexingMap(input);
    if (map.isIdentity() && trailingContiguous(type, r.parallel)) {
      r.reads.push_back(Read::Streamed);
      continue;
    }
    // Dims and constants only, none of them a reduction dim.
    bool perOutput = llvm::all_of(map.getResults(), [&](AffineExpr expr) {
      if (isa<AffineConstantExpr>(expr))
        return true;
      auto dim = dyn_cast<AffineDimExpr>(expr);
      return dim && int64_t(dim.getPosition()) < r.parallel;
    });
    if (!perOutput)
      return std::nullopt;
    r.reads.push_back(Read::PerOutput);
  }
  // The run is read from a streamed input.
  if (!llvm::is_contained(r.reads, Read::Streamed))
    return std::nullopt;
  return r;
}

class ReductionEmitter {
public:
  ReductionEmitter(OpBuilder &b, Location loc, const Reduction &r,
                   int64_t lanes)
      : b(b), loc(loc), r(r), lanes(lanes) {
    vectorType = VectorType::get({lanes}, b.getF32Type());
  }

  void emit();

private:
  OpBuilder &b;
  Location loc;
  const Reduction &r;
  int64_t lanes;
  VectorType vectorType;
  /// Streamed inputs: flat views and strides.
  SmallVector<Value> flats;
  SmallVector<SmallVector<Value>> strides;

  Value identity() {
    return arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(vectorType,
                               b.getFloatAttr(b.getF32Type(),
                                              combineIdentity(r.combine))));
  }
  Value combine(Value x, Value y) {
    return combineValues(b, loc, r.combine, x, y);
  }
  vector::CombiningKind kind() {
    switch (r.combine) {
    case Combine::Add:
      return vector::CombiningKind::ADD;
    case Combine::Maximum:
      return vector::CombiningKind::MAXIMUMF;
    case Combine::MaxNum:
      return vector::CombiningKind::MAXNUMF;
    case Combine::Minimum:
      return vector::CombiningKind::MINIMUMF;
    case Combine::MinNum:
      return vector::CombiningKind::MINNUMF;
    }
    llvm_unreachable("unknown combine");
  }

  /// The body's value for elements [start, start + lanes) of the run,
  /// `mask` the lanes inside it (null: all).
  Value bodyAt(ArrayRef<Value> bases, ArrayRef<Value> perOutput, Value start,
               Value mask);
  void emitElement(ValueRange ivs);
};

Value ReductionEmitter::bodyAt(ArrayRef<Value> bases,
                               ArrayRef<Value> perOutput, Value start,
                               Value mask) {
  IndexMath im{b, loc};
  linalg::LinalgOp op = r.op;
  Block &body = op->getRegion(0).front();
  IRMapping mapping;
  for (auto [i, read] : llvm::enumerate(r.reads)) {
    if (read == Read::PerOutput) {
      mapping.map(body.getArgument(i), perOutput[i]);
      continue;
    }
    Value flat = flats[i];
    auto type = VectorType::get(
        {lanes}, cast<MemRefType>(flat.getType()).getElementType());
    Value index = im.add(bases[i], start);
    Value loaded;
    if (mask) {
      Value zero = arith::ConstantOp::create(
          b, loc,
          DenseElementsAttr::get(type, b.getZeroAttr(type.getElementType())));
      loaded = vector::MaskedLoadOp::create(b, loc, type, flat,
                                            ValueRange{index}, mask, zero);
    } else {
      loaded = vector::LoadOp::create(b, loc, type, flat, ValueRange{index});
    }
    mapping.map(body.getArgument(i), loaded);
  }
  // The body up to the combine, which the loops do themselves.
  Value value = vectorizeLaneWise(
      b, loc, body, mapping, lanes, r.value, [](Value scalar) { return scalar; },
      body.getTerminator()->getOperand(0).getDefiningOp());
  if (mask)
    value = arith::SelectOp::create(b, loc, mask, value, identity());
  return value;
}

void ReductionEmitter::emitElement(ValueRange ivs) {
  IndexMath im{b, loc};
  linalg::LinalgOp op = r.op;
  Value out = op.getDpsInits()[0];
  int64_t loops = op.getNumLoops();

  // The run: the product of the reduction dims' sizes, read from the
  // streamed inputs (every streamed input has all the loops' dims).
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  Value run = im.c(1);
  int64_t streamed = llvm::find(r.reads, Read::Streamed) - r.reads.begin();
  for (int64_t d = r.parallel; d < loops; ++d)
    run = im.mul(run, ShapedType::isDynamic(ranges[d])
                          ? b.createOrFold<memref::DimOp>(
                                loc, op.getDpsInputs()[streamed], d)
                          : im.c(ranges[d]));

  SmallVector<Value> bases(r.reads.size()), perOutput(r.reads.size());
  for (auto [i, read] : llvm::enumerate(r.reads)) {
    OpOperand *input = op.getDpsInputOperand(i);
    if (read == Read::Streamed) {
      Value base = im.c(0);
      for (int64_t d = 0; d < r.parallel; ++d)
        base = im.add(base, im.mul(ivs[d], strides[i][d]));
      bases[i] = base;
      continue;
    }
    SmallVector<Value> indices;
    for (AffineExpr expr : op.getMatchingIndexingMap(input).getResults()) {
      if (auto constant = dyn_cast<AffineConstantExpr>(expr))
        indices.push_back(im.c(constant.getValue()));
      else
        indices.push_back(ivs[cast<AffineDimExpr>(expr).getPosition()]);
    }
    Value scalar = memref::LoadOp::create(b, loc, input->get(), indices);
    perOutput[i] = vector::BroadcastOp::create(
        b, loc, VectorType::get({lanes}, scalar.getType()), scalar);
  }

  int64_t chunk = kAccumulators * lanes;
  Value full = im.mul(im.div(run, im.c(chunk)), im.c(chunk));
  SmallVector<Value> init(kAccumulators, identity());
  auto unrolled = scf::ForOp::create(
      b, loc, im.c(0), full, im.c(chunk), init,
      [&](OpBuilder &nb, Location nloc, Value start, ValueRange acc) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
        IndexMath in{b, loc};
        SmallVector<Value> next;
        for (int64_t u = 0; u < kAccumulators; ++u)
          next.push_back(combine(
              acc[u], bodyAt(bases, perOutput,
                             in.add(start, in.c(u * lanes)), Value())));
        scf::YieldOp::create(b, loc, next);
      });
  auto tail = scf::ForOp::create(
      b, loc, full, run, im.c(lanes), ValueRange{unrolled.getResult(0)},
      [&](OpBuilder &nb, Location nloc, Value start, ValueRange acc) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
        IndexMath in{b, loc};
        Value mask = laneMasks(b, loc, lanes, 1, in.sub(run, start))[0];
        scf::YieldOp::create(
            b, loc,
            ValueRange{combine(acc[0], bodyAt(bases, perOutput, start,
                                               mask))});
      });
  Value total = tail.getResult(0);
  for (int64_t u = 1; u < kAccumulators; ++u)
    total = combine(total, unrolled.getResult(u));
  // Lanes added in a tree.
  Value reduced = vector::ReductionOp::create(b, loc, kind(), total,
                                              arith::FastMathFlags::reassoc);
  SmallVector<Value> outIndices(ivs.begin(), ivs.begin() + r.parallel);
  Value old = memref::LoadOp::create(b, loc, out, outIndices);
  Value result = combine(old, reduced);
  memref::StoreOp::create(b, loc, result, out, outIndices);
}

void ReductionEmitter::emit() {
  IndexMath im{b, loc};
  linalg::LinalgOp op = r.op;
  flats.resize(r.reads.size());
  strides.resize(r.reads.size());
  for (auto [i, read] : llvm::enumerate(r.reads)) {
    if (read != Read::Streamed)
      continue;
    SmallVector<Value> sizes;
    flats[i] = flattenBuffer(b, loc, op.getDpsInputs()[i], strides[i], sizes);
  }
  if (r.parallel == 0) {
    emitElement(ValueRange{});
    return;
  }
  Value out = op.getDpsInits()[0];
  SmallVector<Value> lower, upper, steps;
  for (int64_t d = 0; d < r.parallel; ++d) {
    lower.push_back(im.c(0));
    upper.push_back(b.createOrFold<memref::DimOp>(loc, out, d));
    steps.push_back(im.c(1));
  }
  scf::ParallelOp::create(
      b, loc, lower, upper, steps,
      [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
        emitElement(ivs);
      });
}

struct LowerReductions : ds::impl::LowerReductionsBase<LowerReductions> {
  using Base::Base;

  void runOnOperation() override {
    // Without a vector unit the scalar loops of the ops are as good.
    if (vectorBits < 64)
      return;
    int64_t lanes = vectorBits / 32;
    SmallVector<Reduction> candidates;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (std::optional<Reduction> r = match(op))
        candidates.push_back(*r);
    });
    for (Reduction &r : candidates) {
      OpBuilder b(r.op);
      ReductionEmitter(b, r.op.getLoc(), r, lanes).emit();
      r.op->erase();
    }
  }
};

} // namespace
