//===- GemmEpilogue.cpp - Element-wise consumers fused into GEMMs ---------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/GemmEpilogue.h"
#include "passes/Codegen/BufferPatterns.h"
#include "passes/Codegen/KernelUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;
using namespace ds;

namespace {


/// Whether `buffer` holds zeros when `reader` (in the same block) runs: an
/// allocation filled with zeros before it, and written by nothing between
/// the fill and `reader`.
bool holdsZerosAt(Value buffer, Operation *reader) {
  if (!buffer.getDefiningOp<memref::AllocOp>())
    return false;
  Operation *fill = nullptr;
  for (Operation *user : buffer.getUsers())
    if (isZeroFill(user, buffer) && user->getBlock() == reader->getBlock() &&
        user->isBeforeInBlock(reader) &&
        (!fill || fill->isBeforeInBlock(user)))
      fill = user;
  if (!fill)
    return false;
  for (Operation *user : buffer.getUsers()) {
    if (user == fill || user == reader)
      continue;
    Operation *ancestor = reader->getBlock()->findAncestorOpInBlock(*user);
    if (!ancestor || !fill->isBeforeInBlock(ancestor) ||
        !ancestor->isBeforeInBlock(reader))
      continue;
    // Between the fill and the reader: only other reads are allowed.
    auto linalgOp = dyn_cast<linalg::LinalgOp>(user);
    if (!linalgOp || llvm::is_contained(linalgOp.getDpsInits(), buffer))
      return false;
  }
  return true;
}

/// Whether `type`'s column dims hold consecutive elements: unit stride
/// along the last, and (for two) the first's stride equal to the last's
/// size.
bool columnsContiguous(MemRefType type, const ResultDims &dims) {
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  int64_t last = dims.columns.back();
  if (strides[last] != 1)
    return false;
  if (dims.columns.size() == 2) {
    int64_t size = type.getDimSize(last);
    return !ShapedType::isDynamic(size) && strides[dims.columns[0]] == size;
  }
  return true;
}

/// Whether every result of `map` is a dim or a constant.
bool indexedByDims(AffineMap map) {
  return llvm::all_of(map.getResults(), [](AffineExpr expr) {
    return isa<AffineDimExpr, AffineConstantExpr>(expr);
  });
}

bool isColumn(AffineExpr expr, const ResultDims &dims) {
  auto dim = dyn_cast<AffineDimExpr>(expr);
  return dim && llvm::is_contained(dims.columns, int64_t(dim.getPosition()));
}

bool dependsOnColumns(AffineMap map, const ResultDims &dims) {
  return llvm::any_of(map.getResults(),
                      [&](AffineExpr expr) { return isColumn(expr, dims); });
}

/// Whether the column dims are `map`'s last results, in order, and appear
/// nowhere else.
bool hasTrailingColumns(AffineMap map, const ResultDims &dims) {
  int64_t count = dims.columns.size(), results = map.getNumResults();
  if (results < count)
    return false;
  for (int64_t r = 0; r < results; ++r) {
    bool trailing = r >= results - count;
    if (trailing) {
      auto dim = dyn_cast<AffineDimExpr>(map.getResult(r));
      if (!dim ||
          int64_t(dim.getPosition()) != dims.columns[r - (results - count)])
        return false;
    } else if (isColumn(map.getResult(r), dims)) {
      return false;
    }
  }
  return true;
}

/// Whether the last `count` dims of `type` hold consecutive elements.
bool trailingContiguous(MemRefType type, int64_t count) {
  SmallVector<int64_t> strides;
  int64_t offset;
  int64_t rank = type.getRank();
  if (failed(type.getStridesAndOffset(strides, offset)) || rank < count ||
      strides[rank - 1] != 1)
    return false;
  if (count == 2) {
    int64_t size = type.getDimSize(rank - 1);
    return !ShapedType::isDynamic(size) && strides[rank - 2] == size;
  }
  return true;
}

/// `value` usable at `gemm`: itself if it dominates it, a clone of its
/// constant-like definition (made at `b`) otherwise, null if neither.
Value availableAt(OpBuilder &b, Operation *gemm, DominanceInfo &dominance,
                  Value value) {
  if (dominance.properlyDominates(value, gemm))
    return value;
  Operation *def = value.getDefiningOp();
  if (def && (isa<memref::GetGlobalOp>(def) || matchPattern(value, m_Constant())))
    return b.clone(*def)->getResult(cast<OpResult>(value).getResultNumber());
  return nullptr;
}

/// How the epilogue reads one input of the generic.
struct EpilogueInput {
  enum Kind { Sums, PerRow, PerElement } kind = Sums;
  Value buffer;                  // PerRow: the buffer, indexed by `map`
  AffineMap map;                 // PerRow and PerElement
  Value flat;                    // PerElement: the flat view
  SmallVector<Value> strides;    // PerElement: the buffer's strides
};

} // namespace

Value ds::fuseIntoGemm(OpBuilder &b, linalg::LinalgOp gemm,
                       const ResultDims &dims, int64_t lanes,
                       GemmProblem &problem,
                       SmallVectorImpl<Operation *> &erase,
                       ArrayRef<Value> reads) {
  DominanceInfo dominance(gemm->getParentOp());
  Value c = gemm.getDpsInits()[0];
  auto cType = cast<MemRefType>(c.getType());
  // The zero start: the nearest op before the GEMM that touches C (ops
  // that touch neither C nor a view of it are passed over), a zero fill or
  // a copy of a buffer that holds zeros (bufferization copies a zero
  // tensor that several products start from).
  Operation *previous = gemm->getPrevNode();
  while (previous && !touchesBuffer(previous, c))
    previous = previous->getPrevNode();
  Operation *zeroInit = nullptr;
  if (isZeroFill(previous, c)) {
    zeroInit = previous;
  } else if (auto copy = dyn_cast_or_null<linalg::CopyOp>(previous);
             copy && copy.hasPureBufferSemantics() &&
             copy.getDpsInits()[0] == c &&
             holdsZerosAt(copy.getDpsInputs()[0], copy)) {
    zeroInit = copy;
  }

  // The generic: the next op, past deallocations of other buffers (the
  // deallocation pipeline frees the GEMM's inputs right after it), past
  // allocations (of the generic's output) and static views of buffers
  // other than C (the generic's output as a slice of a concatenation).
  auto isStaticView = [&](Operation *op) {
    auto view = dyn_cast<memref::SubViewOp>(op);
    return view && view.getSource() != c && view.getOffsets().empty() &&
           view.getSizes().empty() && view.getStrides().empty();
  };
  Operation *next = gemm->getNextNode();
  while (next && ((isa<memref::DeallocOp>(next) && next->getOperand(0) != c) ||
                  (isa<memref::AllocOp>(next) && next->getNumOperands() == 0) ||
                  isStaticView(next)))
    next = next->getNextNode();
  auto generic = dyn_cast_or_null<linalg::GenericOp>(next);
  auto finish = [&]() -> Value {
    if (zeroInit) {
      problem.zeroInit = true;
      erase.push_back(zeroInit);
    }
    return Value();
  };
  if (!generic || !generic.hasPureBufferSemantics() ||
      generic.getNumDpsInits() != 1 ||
      generic.getNumLoops() != cType.getRank() ||
      generic.getNumParallelLoops() != generic.getNumLoops())
    return finish();
  Value d = generic.getDpsInits()[0];
  // A view of the output after the GEMM moves before it, with its source
  // if that is an allocation there: anything else must come before.
  if (auto view = d.getDefiningOp<memref::SubViewOp>();
      view && view->getBlock() == gemm->getBlock() &&
      gemm->isBeforeInBlock(view)) {
    Value source = view.getSource();
    auto alloc = source.getDefiningOp<memref::AllocOp>();
    bool allocatedAfter = alloc && alloc->getNumOperands() == 0 &&
                          alloc->getBlock() == gemm->getBlock() &&
                          gemm->isBeforeInBlock(alloc);
    if (!allocatedAfter && !dominance.properlyDominates(source, gemm))
      return finish();
  }
  auto dType = cast<MemRefType>(d.getType());
  OpOperand *dOperand = generic.getDpsInitOperand(0);
  if (!dType.getElementType().isF32() || dType.getShape() != cType.getShape() ||
      !generic.getMatchingIndexingMap(dOperand).isIdentity() ||
      !columnsContiguous(dType, dims))
    return finish();
  // Partial sums go to D from the first slice on, so D must not be read by
  // the epilogue (except as the sums, in place) nor by the GEMM, and C must
  // start from zeros unless it is D.
  if (d == gemm.getDpsInputs()[0] || d == gemm.getDpsInputs()[1] ||
      llvm::is_contained(reads, d))
    return finish();
  // Where the partial sums go. D itself when the generic writes C in
  // place, or when C starts from zeros and nothing else reads it (C then
  // goes). Otherwise C keeps accumulating the plain sums, and D is written
  // once, by the last slice, which lets the epilogue read D's old values
  // (a residual added in place) element by element.
  bool cReadElsewhere = llvm::any_of(c.getUsers(), [&](Operation *user) {
    return user != gemm && user != generic && user != zeroInit &&
           !isa<memref::DeallocOp, memref::DimOp>(user);
  });
  bool accumulateInC = d != c && (!zeroInit || cReadElsewhere);
  if (accumulateInC && !columnsContiguous(cType, dims))
    return finish();

  Block &body = generic.getRegion().front();
  SmallVector<EpilogueInput> inputs;
  bool readsSums = false;
  for (OpOperand *operand : generic.getDpsInputOperands()) {
    EpilogueInput input;
    AffineMap map = generic.getMatchingIndexingMap(operand);
    Value value = operand->get();
    if (value == c && map.isIdentity()) {
      input.kind = EpilogueInput::Sums;
      readsSums = true;
    } else if (value == c || (value == d && !(accumulateInC &&
                                              map.isIdentity()))) {
      return finish();
    } else if (!indexedByDims(map)) {
      return finish();
    } else if (!dependsOnColumns(map, dims)) {
      input.kind = EpilogueInput::PerRow;
      input.buffer = availableAt(b, gemm, dominance, value);
      input.map = map;
      if (!input.buffer)
        return finish();
    } else if (hasTrailingColumns(map, dims) &&
               trailingContiguous(cast<MemRefType>(value.getType()),
                                  dims.columns.size())) {
      // Consecutive along the columns: a vector a row, as C's own elements
      // (a residual) or a bias per column.
      input.kind = EpilogueInput::PerElement;
      input.map = map;
      Value buffer = availableAt(b, gemm, dominance, value);
      if (!buffer)
        return finish();
      SmallVector<Value> sizes;
      input.flat = flattenBuffer(b, gemm.getLoc(), buffer, input.strides,
                                 sizes);
    } else {
      return finish();
    }
    inputs.push_back(input);
  }
  // The output's old value is only readable when it is C.
  bool readsOutput = !body.getArgument(inputs.size()).use_empty();
  if (readsOutput && d != c)
    return finish();
  readsSums |= readsOutput;
  if (!readsSums)
    return finish();
  for (Operation &op : body.without_terminator())
    if (!isLaneWise(op))
      return finish();
  for (Operation &op : body.without_terminator())
    for (Value operand : op.getOperands())
      if (operand.getParentBlock() != &body &&
          !availableAt(b, gemm, dominance, operand))
        return finish();

  // The output allocated (or viewed) between the GEMM and the generic:
  // before the GEMM now, which writes it.
  auto hoist = [&](Operation *op) {
    if (op && op->getBlock() == gemm->getBlock() &&
        gemm->isBeforeInBlock(op))
      op->moveBefore(gemm);
  };
  if (auto view = d.getDefiningOp<memref::SubViewOp>()) {
    hoist(view.getSource().getDefiningOp<memref::AllocOp>());
    hoist(view);
  }
  hoist(d.getDefiningOp<memref::AllocOp>());

  // Fuse: the kernel writes D.
  Location loc = gemm.getLoc();
  SmallVector<Value> dStrides, dSizes;
  problem.c = flattenBuffer(b, loc, d, dStrides, dSizes);
  problem.cBatchStride =
      dims.batch >= 0 ? dStrides[dims.batch]
                      : arith::ConstantIndexOp::create(b, loc, 0).getResult();
  problem.cRowStride = dStrides[dims.row];
  if (accumulateInC) {
    SmallVector<Value> cStrides, cSizes;
    problem.accum = flattenBuffer(b, loc, c, cStrides, cSizes);
    problem.accumBatchStride =
        dims.batch >= 0
            ? cStrides[dims.batch]
            : arith::ConstantIndexOp::create(b, loc, 0).getResult();
    problem.accumRowStride = cStrides[dims.row];
  }
  // Values of the body defined outside it, made available at the GEMM.
  IRMapping outside;
  for (Operation &op : body.without_terminator())
    for (Value operand : op.getOperands())
      if (operand.getParentBlock() != &body && !outside.contains(operand))
        outside.map(operand, availableAt(b, gemm, dominance, operand));

  Block *bodyBlock = &body;
  ResultDims rd = dims;
  problem.epilogue = [inputs, bodyBlock, outside, rd, lanes](
                         OpBuilder &nb, Location nloc, Value batch, Value row,
                         Value column, Value mask, Value sums) -> Value {
    auto vectorOf = [&](Type scalar) {
      return VectorType::get({lanes}, scalar);
    };
    IRMapping mapping;
    for (auto [index, input] : llvm::enumerate(inputs)) {
      BlockArgument arg = bodyBlock->getArgument(index);
      Value value;
      switch (input.kind) {
      case EpilogueInput::Sums:
        value = sums;
        break;
      case EpilogueInput::PerRow: {
        SmallVector<Value> indices;
        for (AffineExpr expr : input.map.getResults()) {
          if (auto constant = dyn_cast<AffineConstantExpr>(expr)) {
            indices.push_back(
                arith::ConstantIndexOp::create(nb, nloc, constant.getValue()));
            continue;
          }
          int64_t dim = cast<AffineDimExpr>(expr).getPosition();
          indices.push_back(dim == rd.row ? row : batch);
        }
        Value scalar =
            memref::LoadOp::create(nb, nloc, input.buffer, indices);
        value = vector::BroadcastOp::create(nb, nloc,
                                            vectorOf(scalar.getType()), scalar);
        break;
      }
      case EpilogueInput::PerElement: {
        // The leading results at their strides, then the column.
        Value offset = column;
        int64_t leading = input.map.getNumResults() - rd.columns.size();
        for (int64_t r = 0; r < leading; ++r) {
          AffineExpr expr = input.map.getResult(r);
          Value index;
          if (auto constant = dyn_cast<AffineConstantExpr>(expr))
            index = arith::ConstantIndexOp::create(nb, nloc,
                                                   constant.getValue());
          else
            index = int64_t(cast<AffineDimExpr>(expr).getPosition()) == rd.row
                        ? row
                        : batch;
          offset = nb.createOrFold<arith::AddIOp>(
              nloc, offset,
              nb.createOrFold<arith::MulIOp>(nloc, index, input.strides[r]));
        }
        Type element =
            cast<MemRefType>(input.flat.getType()).getElementType();
        Value zero = arith::ConstantOp::create(
            nb, nloc,
            DenseElementsAttr::get(vectorOf(element),
                                   nb.getZeroAttr(element)));
        value = vector::MaskedLoadOp::create(nb, nloc, vectorOf(element),
                                             input.flat, ValueRange{offset},
                                             mask, zero);
        break;
      }
      }
      mapping.map(arg, value);
    }
    mapping.map(bodyBlock->getArgument(inputs.size()), sums);
    return vectorizeLaneWise(
        nb, nloc, *bodyBlock, mapping, lanes,
        bodyBlock->getTerminator()->getOperand(0),
        [&](Value scalar) { return outside.lookup(scalar); });
  };

  finish();
  erase.push_back(generic);
  if (d != c && !accumulateInC) {
    for (Operation *user : c.getUsers())
      if (isa<memref::DeallocOp>(user))
        erase.push_back(user);
    if (auto alloc = c.getDefiningOp<memref::AllocOp>())
      erase.push_back(alloc);
  }
  return d;
}
