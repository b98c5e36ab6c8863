//===- LowerWindowOps.cpp - ds-lower-window-ops ---------------------------===//
//
// Part of ds.
//
// Depthwise convolutions and pools of bufferized linalg over NCHW buffers,
// as vector loops along the output rows. The loops of one task (n, c, a
// block of output rows):
//
//   w[kh][kw] = broadcast(filter[c, kh, kw])           // depthwise only
//   for oy in the block:
//     for ox0 in [0, OW) step V = vectors * lanes:      // masked past OW
//       acc[v] = out[n, c, oy, ox0 + v*lanes ...]
//       for kh, kw:                                      // unrolled
//         x[v] = in[n, c, oy*sh + kh*dh, (ox0 + v*lanes + l)*sw + kw*dw]
//         acc[v] = combine(acc[v], x[v] (, w[kh][kw]))
//       out[n, c, oy, ox0 + v*lanes ...] = acc[v]
//
// The taps are visited in the order of the named ops' loops (kh, then kw),
// each combined into the output as they do, so that sums and maxima give
// the values of the reference loops.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/GemmEpilogue.h"
#include "passes/Codegen/KernelUtils.h"
#include "passes/Codegen/Passes.h"
#include "passes/Codegen/TargetDescription.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <algorithm>

namespace ds {
#define GEN_PASS_DEF_LOWERWINDOWOPS
#include "passes/Codegen/Passes.h.inc"
} // namespace ds

using namespace mlir;
using namespace ds;

namespace {

/// Tasks an op of static sizes is split into at least, by blocks of output
/// rows where (n, c) alone gives fewer.
constexpr int64_t kMinTasks = 64;
/// Windows of more taps keep a loop over kh (kw stays unrolled).
constexpr int64_t kMaxUnrolledTaps = 64;

/// How a tap is combined into the output.
enum class Combine { MultiplyAdd, Add, Maximum, MaxNum };

/// One op: out[n, c, oy, ox] = combine over (i, j) < (kh, kw) of
/// in[n, c, oy*sh + i*dh, ox*sw + j*dw] (and filter[c, i, j]).
struct Window {
  Combine combine;
  Value input, filter, output;
  int64_t kh, kw, sh, sw, dh, dw;
};

/// Output columns per chunk: `vectors` vectors of `lanes` elements.
struct Blocking {
  int64_t lanes, vectors;
};


/// The chunk being emitted: its first output column and, in a masked
/// chunk, the columns left in the row from there.
struct Chunk {
  Value n, c, oy, ox0;
  Value left; // null: all `vectors * lanes` columns are in the row
};

class WindowEmitter {
public:
  /// `fused`, if given, has the epilogue and the zero start of a
  /// depthwise convolution (GemmEpilogue.h): its C is where the final
  /// values go.
  WindowEmitter(OpBuilder &b, Location loc, const Window &w,
                const Blocking &g, const GemmProblem *fused = nullptr)
      : b(b), loc(loc), w(w), g(g), fused(fused) {
    f32 = b.getF32Type();
    vectorType = VectorType::get({g.lanes}, f32);
  }

  void emit();

private:
  OpBuilder &b;
  Location loc;
  const Window &w;
  const Blocking &g;
  const GemmProblem *fused;
  Type f32;
  VectorType vectorType;

  Value zeroVector() {
    return arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(vectorType, b.getZeroAttr(f32)));
  }
  /// The mask of the lanes below `count` (none for a negative count).
  Value mask(Value count) { return laneMasks(b, loc, g.lanes, 1, count)[0]; }
  /// Lanes of vector `v` of the chunk that are in the row (null: all).
  Value lanesLeft(const Chunk &chunk, int64_t v) {
    if (!chunk.left)
      return Value();
    IndexMath ix{b, loc};
    return ix.sub(chunk.left, ix.c(v * g.lanes));
  }

  Value loadTap(const Chunk &chunk, Value iy, Value firstColumn, Value left);
  Value combine(Value acc, Value x, Value weight);
  SmallVector<Value> accumulateRow(const Chunk &chunk, Value i, int64_t j,
                                   ArrayRef<Value> acc, Value weight);
  void emitChunk(const Chunk &chunk, ArrayRef<Value> weights);
};

/// The input vector of a tap: lane l is in[n, c, iy, firstColumn + l*sw].
Value WindowEmitter::loadTap(const Chunk &chunk, Value iy, Value firstColumn,
                             Value left) {
  IndexMath ix{b, loc};
  auto indices = [&](Value column) {
    return SmallVector<Value>{chunk.n, chunk.c, iy, column};
  };
  if (w.sw == 1) {
    if (!left)
      return vector::LoadOp::create(b, loc, vectorType, w.input,
                                    indices(firstColumn));
    return vector::MaskedLoadOp::create(b, loc, vectorType, w.input,
                                        indices(firstColumn), mask(left),
                                        zeroVector());
  }
  if (w.sw == 2 && g.lanes > 1) {
    // Two contiguous vectors, the even elements of both. Lane l needs
    // element 2l: masked, the first 2 * left - 1 elements.
    Value second = ix.add(firstColumn, ix.c(g.lanes));
    Value low, high;
    if (!left) {
      low = vector::LoadOp::create(b, loc, vectorType, w.input,
                                   indices(firstColumn));
      high = vector::LoadOp::create(b, loc, vectorType, w.input,
                                    indices(second));
    } else {
      Value needed = ix.sub(ix.mul(left, ix.c(2)), ix.c(1));
      low = vector::MaskedLoadOp::create(b, loc, vectorType, w.input,
                                         indices(firstColumn), mask(needed),
                                         zeroVector());
      high = vector::MaskedLoadOp::create(
          b, loc, vectorType, w.input, indices(second),
          mask(ix.sub(needed, ix.c(g.lanes))), zeroVector());
    }
    SmallVector<int64_t> even;
    for (int64_t l = 0; l < g.lanes; ++l)
      even.push_back(2 * l);
    return vector::ShuffleOp::create(b, loc, low, high, even);
  }
  // Larger strides: a gather of constant offsets.
  auto offsetType = VectorType::get({g.lanes}, b.getI32Type());
  SmallVector<int32_t> offsets;
  for (int64_t l = 0; l < g.lanes; ++l)
    offsets.push_back(static_cast<int32_t>(l * w.sw));
  Value offsetVector = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(offsetType, ArrayRef<int32_t>(offsets)));
  Value lanes = left ? mask(left) : mask(ix.c(g.lanes));
  return vector::GatherOp::create(b, loc, vectorType, w.input,
                                  indices(firstColumn), offsetVector, lanes,
                                  zeroVector());
}

Value WindowEmitter::combine(Value acc, Value x, Value weight) {
  switch (w.combine) {
  case Combine::MultiplyAdd: {
    auto contract = arith::FastMathFlagsAttr::get(
        b.getContext(), arith::FastMathFlags::contract);
    Value product = arith::MulFOp::create(b, loc, x, weight, contract);
    return arith::AddFOp::create(b, loc, acc, product, contract);
  }
  case Combine::Add:
    return arith::AddFOp::create(b, loc, acc, x);
  case Combine::Maximum:
    return arith::MaximumFOp::create(b, loc, acc, x);
  case Combine::MaxNum:
    return arith::MaxNumFOp::create(b, loc, acc, x);
  }
  llvm_unreachable("unknown combiner");
}

/// Combines the taps (i, j) of every vector of the chunk into `acc`.
SmallVector<Value> WindowEmitter::accumulateRow(const Chunk &chunk, Value i,
                                                int64_t j,
                                                ArrayRef<Value> acc,
                                                Value weight) {
  IndexMath ix{b, loc};
  Value iy = ix.add(ix.mul(chunk.oy, ix.c(w.sh)), ix.mul(i, ix.c(w.dh)));
  SmallVector<Value> next;
  for (int64_t v = 0; v < g.vectors; ++v) {
    Value ox = ix.add(chunk.ox0, ix.c(v * g.lanes));
    Value column = ix.add(ix.mul(ox, ix.c(w.sw)), ix.c(j * w.dw));
    Value x = loadTap(chunk, iy, column, lanesLeft(chunk, v));
    next.push_back(combine(acc[v], x, weight));
  }
  return next;
}

void WindowEmitter::emitChunk(const Chunk &chunk, ArrayRef<Value> weights) {
  IndexMath ix{b, loc};
  SmallVector<Value> acc;
  SmallVector<Value> masks;
  auto outIndices = [&](int64_t v) {
    return SmallVector<Value>{chunk.n, chunk.c, chunk.oy,
                              ix.add(chunk.ox0, ix.c(v * g.lanes))};
  };
  for (int64_t v = 0; v < g.vectors; ++v) {
    if (chunk.left)
      masks.push_back(mask(lanesLeft(chunk, v)));
    if (fused && fused->zeroInit) {
      acc.push_back(zeroVector());
    } else if (chunk.left) {
      acc.push_back(vector::MaskedLoadOp::create(b, loc, vectorType, w.output,
                                                 outIndices(v), masks.back(),
                                                 zeroVector()));
    } else {
      acc.push_back(
          vector::LoadOp::create(b, loc, vectorType, w.output, outIndices(v)));
    }
  }
  bool multiply = w.combine == Combine::MultiplyAdd;
  if (w.kh * w.kw <= kMaxUnrolledTaps) {
    // Every tap unrolled, the filter values hoisted to the task.
    for (int64_t i = 0; i < w.kh; ++i)
      for (int64_t j = 0; j < w.kw; ++j)
        acc = accumulateRow(chunk, ix.c(i), j, acc,
                            multiply ? weights[i * w.kw + j] : Value());
  } else {
    // A loop over kh; the filter values are loaded where they are used.
    auto loop = scf::ForOp::create(
        b, loc, ix.c(0), ix.c(w.kh), ix.c(1), acc,
        [&](OpBuilder &nb, Location nloc, Value i, ValueRange sums) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
          SmallVector<Value> row(sums.begin(), sums.end());
          for (int64_t j = 0; j < w.kw; ++j) {
            Value weight;
            if (multiply) {
              Value scalar = memref::LoadOp::create(
                  b, loc, w.filter, ValueRange{chunk.c, i, ix.c(j)});
              weight = vector::BroadcastOp::create(b, loc, vectorType, scalar);
            }
            row = accumulateRow(chunk, i, j, row, weight);
          }
          scf::YieldOp::create(b, loc, row);
        });
    acc.assign(loop.getResults().begin(), loop.getResults().end());
  }
  if (fused && fused->epilogue) {
    // The element-wise consumer applied in registers, stored into its
    // output (columns of [OH, OW] flattened, as the epilogue takes them).
    Value outW = b.createOrFold<memref::DimOp>(loc, w.output, 3);
    Value row = ix.add(ix.mul(chunk.oy, outW), chunk.ox0);
    Value start = ix.add(ix.add(ix.mul(chunk.n, fused->cBatchStride),
                                ix.mul(chunk.c, fused->cRowStride)),
                         row);
    Value all = mask(ix.c(g.lanes));
    // The convolution's own buffer keeps the plain sums where it is read
    // again (GemmProblem::accum).
    if (fused->accum)
      for (int64_t v = 0; v < g.vectors; ++v) {
        if (chunk.left)
          vector::MaskedStoreOp::create(b, loc, w.output, outIndices(v),
                                        masks[v], acc[v]);
        else
          vector::StoreOp::create(b, loc, acc[v], w.output, outIndices(v));
      }
    for (int64_t v = 0; v < g.vectors; ++v) {
      Value lanes = chunk.left ? masks[v] : all;
      Value column = ix.add(row, ix.c(v * g.lanes));
      Value value = fused->epilogue(b, loc, chunk.n, chunk.c, column, lanes,
                                    acc[v]);
      Value index = ix.add(start, ix.c(v * g.lanes));
      if (chunk.left)
        vector::MaskedStoreOp::create(b, loc, fused->c, ValueRange{index},
                                      masks[v], value);
      else
        vector::StoreOp::create(b, loc, value, fused->c, ValueRange{index});
    }
    return;
  }
  for (int64_t v = 0; v < g.vectors; ++v) {
    if (chunk.left)
      vector::MaskedStoreOp::create(b, loc, w.output, outIndices(v), masks[v],
                                    acc[v]);
    else
      vector::StoreOp::create(b, loc, acc[v], w.output, outIndices(v));
  }
}

int64_t staticSize(Value buffer, int64_t d) {
  int64_t size = cast<MemRefType>(buffer.getType()).getDimSize(d);
  return ShapedType::isDynamic(size) ? -1 : size;
}

void WindowEmitter::emit() {
  IndexMath ix{b, loc};
  auto dim = [&](Value buffer, int64_t d) {
    return b.createOrFold<memref::DimOp>(loc, buffer, d);
  };
  Value batch = dim(w.output, 0), channels = dim(w.output, 1);
  Value outH = dim(w.output, 2), outW = dim(w.output, 3);
  Value inW = dim(w.input, 3);

  // Blocks of rows, where (n, c) gives few tasks.
  int64_t n = staticSize(w.output, 0), c = staticSize(w.output, 1);
  int64_t oh = staticSize(w.output, 2);
  Value rows = outH, blocks = ix.c(1);
  if (n > 0 && c > 0 && oh > 0 && n * c < kMinTasks) {
    int64_t wanted = std::min(oh, (kMinTasks + n * c - 1) / (n * c));
    int64_t perBlock = (oh + wanted - 1) / wanted;
    rows = ix.c(perBlock);
    blocks = ix.c((oh + perBlock - 1) / perBlock);
  }

  // Chunks that need no mask: inside the output row, and at stride 2 with
  // both loads of each tap inside the input row.
  int64_t width = g.vectors * g.lanes;
  Value fullChunks = ix.div(outW, ix.c(width));
  if (w.sw == 2 && g.lanes > 1) {
    Value span = ix.sub(inW, ix.c((w.kw - 1) * w.dw));
    fullChunks = ix.min(fullChunks, ix.div(span, ix.c(2 * width)));
  }
  Value fullEnd = ix.mul(fullChunks, ix.c(width));

  Value c0 = ix.c(0), c1 = ix.c(1);
  scf::ParallelOp::create(
      b, loc, ValueRange{c0, c0, c0}, ValueRange{batch, channels, blocks},
      ValueRange{c1, c1, c1},
      [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
        IndexMath in{b, loc};
        // The channel's filter values, broadcast once.
        SmallVector<Value> weights;
        if (w.combine == Combine::MultiplyAdd &&
            w.kh * w.kw <= kMaxUnrolledTaps) {
          for (int64_t i = 0; i < w.kh; ++i)
            for (int64_t j = 0; j < w.kw; ++j) {
              Value scalar = memref::LoadOp::create(
                  b, loc, w.filter, ValueRange{ivs[1], in.c(i), in.c(j)});
              weights.push_back(
                  vector::BroadcastOp::create(b, loc, vectorType, scalar));
            }
        }
        Value first = in.mul(ivs[2], rows);
        Value last = in.min(outH, in.add(first, rows));
        auto rowLoop = scf::ForOp::create(b, loc, first, last, in.c(1));
        b.setInsertionPoint(rowLoop.getBody()->getTerminator());
        Value oy = rowLoop.getInductionVar();
        auto chunks = [&](Value lb, Value ub, bool masked) {
          auto loop = scf::ForOp::create(b, loc, lb, ub, in.c(width));
          OpBuilder::InsertionGuard inner(b);
          b.setInsertionPoint(loop.getBody()->getTerminator());
          Value ox0 = loop.getInductionVar();
          Chunk chunk{ivs[0], ivs[1], oy, ox0, Value()};
          if (masked)
            chunk.left = IndexMath{b, loc}.sub(outW, ox0);
          emitChunk(chunk, weights);
        };
        chunks(in.c(0), fullEnd, /*masked=*/false);
        chunks(fullEnd, outW, /*masked=*/true);
      });
}

//===----------------------------------------------------------------------===//
// Matching
//===----------------------------------------------------------------------===//

/// f32 elements and, for `unitW`, a static unit stride along the last
/// dimension.
bool isF32Buffer(Value value, bool unitW) {
  auto type = dyn_cast<MemRefType>(value.getType());
  if (!type || !type.getElementType().isF32())
    return false;
  if (!unitW)
    return true;
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(type.getStridesAndOffset(strides, offset)) &&
         !strides.empty() && strides.back() == 1;
}

/// The combiner of a pooling op's body: its one arithmetic op.
std::optional<Combine> poolingCombine(linalg::LinalgOp op) {
  std::optional<Combine> found;
  for (Operation &body : op->getRegion(0).front().without_terminator()) {
    if (isa<arith::AddFOp>(body))
      found = Combine::Add;
    else if (isa<arith::MaximumFOp>(body))
      found = Combine::Maximum;
    else if (isa<arith::MaxNumFOp>(body))
      found = Combine::MaxNum;
    else
      return std::nullopt;
  }
  return found;
}

template <typename OpTy>
std::optional<Window> windowOf(OpTy op, Value kernel, Combine combine,
                               int64_t kernelDim) {
  Window w;
  w.combine = combine;
  w.input = op.getDpsInputs()[0];
  w.output = op.getDpsInits()[0];
  auto kernelType = dyn_cast<MemRefType>(kernel.getType());
  if (!kernelType)
    return std::nullopt;
  w.kh = kernelType.getDimSize(kernelDim);
  w.kw = kernelType.getDimSize(kernelDim + 1);
  SmallVector<int64_t> strides(op.getStrides().template getValues<int64_t>());
  SmallVector<int64_t> dilations(
      op.getDilations().template getValues<int64_t>());
  if (ShapedType::isDynamic(w.kh) || ShapedType::isDynamic(w.kw) ||
      w.kh < 1 || w.kw < 1 || strides.size() != 2 || dilations.size() != 2)
    return std::nullopt;
  w.sh = strides[0];
  w.sw = strides[1];
  w.dh = dilations[0];
  w.dw = dilations[1];
  if (w.sh < 1 || w.sw < 1 || w.dh < 1 || w.dw < 1)
    return std::nullopt;
  if (!isF32Buffer(w.input, true) || !isF32Buffer(w.output, true))
    return std::nullopt;
  return w;
}

std::optional<Window> match(Operation *op) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || !linalgOp.hasPureBufferSemantics())
    return std::nullopt;
  if (auto conv = dyn_cast<linalg::DepthwiseConv2DNchwChwOp>(op)) {
    Value filter = conv.getDpsInputs()[1];
    if (!isF32Buffer(filter, /*unitW=*/false))
      return std::nullopt;
    std::optional<Window> w =
        windowOf(conv, filter, Combine::MultiplyAdd, /*kernelDim=*/1);
    if (w)
      w->filter = filter;
    return w;
  }
  if (isa<linalg::PoolingNchwMaxOp, linalg::PoolingNchwSumOp>(op)) {
    std::optional<Combine> combine = poolingCombine(linalgOp);
    if (!combine)
      return std::nullopt;
    // A sum pool must add, a max pool must take a maximum.
    if (isa<linalg::PoolingNchwSumOp>(op) != (*combine == Combine::Add))
      return std::nullopt;
    if (auto pool = dyn_cast<linalg::PoolingNchwMaxOp>(op))
      return windowOf(pool, pool.getDpsInputs()[1], *combine, 0);
    auto pool = cast<linalg::PoolingNchwSumOp>(op);
    return windowOf(pool, pool.getDpsInputs()[1], *combine, 0);
  }
  return std::nullopt;
}

/// Lanes from the vector width; vectors from the registers left after the
/// hoisted filter values and the temporaries of the loads, at most a
/// quarter of them and no more than the output row needs.
Blocking chooseBlocking(const TargetDescription &target, const Window &w) {
  Blocking g;
  g.lanes = std::max<int64_t>(1, target.vectorBits / 32);
  int64_t registers = std::max<unsigned>(target.vectorRegisters, 8);
  int64_t taps = w.kh * w.kw;
  int64_t hoisted = w.combine == Combine::MultiplyAdd && taps <= kMaxUnrolledTaps
                        ? std::min(taps, registers / 2)
                        : 0;
  int64_t temporaries = w.sw == 1 ? 2 : 4;
  g.vectors = std::clamp<int64_t>(registers - hoisted - temporaries, 1,
                                  registers / 4);
  int64_t ow = staticSize(w.output, 3);
  if (ow > 0)
    g.vectors = std::min(g.vectors, (ow + g.lanes - 1) / g.lanes);
  return g;
}

struct LowerWindowOps : ds::impl::LowerWindowOpsBase<LowerWindowOps> {
  using Base::Base;

  void runOnOperation() override {
    TargetDescription target = targetOfOptions(
        vectorBits, vectorRegisters, l1CacheBytes, l2CacheBytes);
    // Without a vector unit the scalar loops of the ops are as good.
    if (target.vectorBits < 64)
      return;

    SmallVector<std::pair<Operation *, Window>> candidates;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (std::optional<Window> w = match(op))
        candidates.push_back({op, *w});
    });
    for (auto &candidate : candidates) {
      Operation *op = candidate.first;
      const Window &w = candidate.second;
      OpBuilder b(op);
      Blocking blocking = chooseBlocking(target, w);
      // A depthwise convolution takes the zero fill before it and the
      // element-wise generic after it (bias, activation) as the GEMMs do.
      GemmProblem fused;
      SmallVector<Operation *> erase;
      bool depthwise = w.combine == Combine::MultiplyAdd;
      if (depthwise) {
        ResultDims dims;
        dims.batch = 0;
        dims.row = 1;
        dims.columns = {2, 3};
        fuseIntoGemm(b, cast<linalg::LinalgOp>(op), dims, blocking.lanes,
                     fused, erase);
      }
      bool withEpilogue = depthwise && (fused.zeroInit || fused.epilogue);
      WindowEmitter(b, op->getLoc(), w, blocking,
                    withEpilogue ? &fused : nullptr)
          .emit();
      op->erase();
      for (Operation *dead : erase)
        dead->erase();
    }
  }
};

} // namespace
