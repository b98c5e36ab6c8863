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
// Padding that was materialized (a buffer filled with the combine's
// identity, zeros or -inf, with the input copied into its interior) is
// read implicitly: the loops read the unpadded input and skip the taps
// outside it. Output rows whose taps are all inside run the loops above;
// the others test each row of taps. Along a row, chunks whose taps are
// all inside load unmasked; the chunks at the edges mask the lanes outside
// the input, which then hold the identity. A constant fill of the output
// right before a pool becomes the sums' start in registers.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/BufferPatterns.h"
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


/// One op: out[n, c, oy, ox] = combine over (i, j) < (kh, kw) of
/// in[n, c, oy*sh + i*dh, ox*sw + j*dw] (and filter[c, i, j]).
struct Window {
  /// A depthwise convolution multiplies each tap by its filter value and
  /// adds it (`combine` is Add); pools combine the taps themselves.
  bool multiply = false;
  Combine combine;
  Value input, filter, output;
  int64_t kh, kw, sh, sw, dh, dw;
  /// Implicit padding: `input` is the unpadded input, whose (y, x) is the
  /// padded input's (y + padTop, x + padLeft); it is inH x inW.
  bool padded = false;
  int64_t padTop = 0, padLeft = 0, inH = 0, inW = 0;
  /// The constant the output was filled with right before the op (the
  /// fill is dropped): the sums start from it.
  std::optional<APFloat> start;
};

bool isMaximum(Combine combine) {
  return combine == Combine::Maximum || combine == Combine::MaxNum;
}

/// Output columns per chunk: `vectors` vectors of `lanes` elements.
struct Blocking {
  int64_t lanes, vectors;
};


/// The chunk being emitted: its first output column and, in a masked
/// chunk, the columns left in the row from there.
struct Chunk {
  Value n, c, oy, ox0;
  Value left; // null: all `vectors * lanes` columns are in the row
  /// Vectors of the chunk: the blocking's, or fewer for a short masked
  /// segment of the row.
  int64_t vectors;
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
  Value splat(const APFloat &value) {
    return arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(vectorType, b.getFloatAttr(f32, value)));
  }
  /// What the taps outside the input (implicit padding) hold: the
  /// combine's identity.
  Value identityVector() { return splat(combineIdentity(w.combine)); }
  /// With implicit padding: the lanes l whose element e = offset + l is
  /// below `count` and whose input column firstColumn + e * step is inside
  /// the input.
  Value insideColumns(Value firstColumn, int64_t step, int64_t offset,
                      Value count);
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
  SmallVector<Value> accumulateTaps(const Chunk &chunk, Value i,
                                    ArrayRef<Value> acc,
                                    function_ref<Value(int64_t)> weight,
                                    bool borderRow);
  void emitChunk(const Chunk &chunk, ArrayRef<Value> weights, bool borderRow);
  void chooseFullChunks();
  void emitRows(ValueRange ivs, Value first, Value last,
                ArrayRef<Value> weights, bool borderRows);

  /// Output columns of the unmasked chunks (chooseFullChunks).
  Value fullStart, fullEnd;
};

Value WindowEmitter::insideColumns(Value firstColumn, int64_t step,
                                   int64_t offset, Value count) {
  auto laneType = VectorType::get({g.lanes}, b.getI32Type());
  auto i32 = [&](Value index) {
    return b.createOrFold<arith::IndexCastOp>(loc, b.getI32Type(), index);
  };
  auto splatI32 = [&](Value scalar) -> Value {
    return vector::BroadcastOp::create(b, loc, laneType, scalar);
  };
  auto constant = [&](int64_t value) -> Value {
    return arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(laneType, b.getI32IntegerAttr(value)));
  };
  Value elements =
      arith::AddIOp::create(b, loc, laneIds(b, loc, g.lanes), constant(offset));
  Value columns = arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, elements, constant(step)),
      splatI32(i32(firstColumn)));
  auto cmp = [&](arith::CmpIPredicate predicate, Value x, Value y) -> Value {
    return arith::CmpIOp::create(b, loc, predicate, x, y);
  };
  Value inRow = cmp(arith::CmpIPredicate::slt, elements, splatI32(i32(count)));
  Value low = cmp(arith::CmpIPredicate::sge, columns, constant(0));
  Value high = cmp(arith::CmpIPredicate::slt, columns, constant(w.inW));
  return arith::AndIOp::create(b, loc, inRow,
                               arith::AndIOp::create(b, loc, low, high));
}

/// The input vector of a tap: lane l is in[n, c, iy, firstColumn + l*sw].
Value WindowEmitter::loadTap(const Chunk &chunk, Value iy, Value firstColumn,
                             Value left) {
  IndexMath ix{b, loc};
  auto indices = [&](Value column) {
    return SmallVector<Value>{chunk.n, chunk.c, iy, column};
  };
  if (w.padded && left) {
    // An edge chunk of implicit padding: lanes outside the input (or past
    // the row) load the identity.
    Value identity = identityVector();
    if (w.sw == 1)
      return vector::MaskedLoadOp::create(
          b, loc, vectorType, w.input, indices(firstColumn),
          insideColumns(firstColumn, 1, 0, left), identity);
    if (w.sw == 2 && g.lanes > 1) {
      Value needed = ix.sub(ix.mul(left, ix.c(2)), ix.c(1));
      Value low = vector::MaskedLoadOp::create(
          b, loc, vectorType, w.input, indices(firstColumn),
          insideColumns(firstColumn, 1, 0, needed), identity);
      Value high = vector::MaskedLoadOp::create(
          b, loc, vectorType, w.input,
          indices(ix.add(firstColumn, ix.c(g.lanes))),
          insideColumns(firstColumn, 1, g.lanes, needed), identity);
      SmallVector<int64_t> even;
      for (int64_t l = 0; l < g.lanes; ++l)
        even.push_back(2 * l);
      return vector::ShuffleOp::create(b, loc, low, high, even);
    }
  }
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
  if (w.padded && left)
    lanes = insideColumns(firstColumn, w.sw, 0, left);
  return vector::GatherOp::create(b, loc, vectorType, w.input,
                                  indices(firstColumn), offsetVector, lanes,
                                  w.padded ? identityVector() : zeroVector());
}

Value WindowEmitter::combine(Value acc, Value x, Value weight) {
  if (w.multiply) {
    auto contract = arith::FastMathFlagsAttr::get(
        b.getContext(), arith::FastMathFlags::contract);
    Value product = arith::MulFOp::create(b, loc, x, weight, contract);
    return arith::AddFOp::create(b, loc, acc, product, contract);
  }
  return combineValues(b, loc, w.combine, acc, x);
}

/// Combines the taps (i, j) of every vector of the chunk into `acc`.
SmallVector<Value> WindowEmitter::accumulateRow(const Chunk &chunk, Value i,
                                                int64_t j,
                                                ArrayRef<Value> acc,
                                                Value weight) {
  IndexMath ix{b, loc};
  Value iy = ix.sub(ix.add(ix.mul(chunk.oy, ix.c(w.sh)), ix.mul(i, ix.c(w.dh))),
                    ix.c(w.padTop));
  SmallVector<Value> next;
  for (int64_t v = 0; v < chunk.vectors; ++v) {
    Value ox = ix.add(chunk.ox0, ix.c(v * g.lanes));
    Value column = ix.sub(ix.add(ix.mul(ox, ix.c(w.sw)), ix.c(j * w.dw)),
                          ix.c(w.padLeft));
    Value x = loadTap(chunk, iy, column, lanesLeft(chunk, v));
    next.push_back(combine(acc[v], x, weight));
  }
  return next;
}

/// Combines the taps (i, j), j < kw, into `acc`; in a border row, only
/// where row i of the window is inside the input.
SmallVector<Value>
WindowEmitter::accumulateTaps(const Chunk &chunk, Value i, ArrayRef<Value> acc,
                              function_ref<Value(int64_t)> weight,
                              bool borderRow) {
  auto taps = [&](ArrayRef<Value> sums) {
    SmallVector<Value> row(sums.begin(), sums.end());
    for (int64_t j = 0; j < w.kw; ++j)
      row = accumulateRow(chunk, i, j, row, weight(j));
    return row;
  };
  if (!borderRow)
    return taps(acc);
  IndexMath ix{b, loc};
  Value y = ix.sub(ix.add(ix.mul(chunk.oy, ix.c(w.sh)), ix.mul(i, ix.c(w.dh))),
                   ix.c(w.padTop));
  Value inside = arith::AndIOp::create(
      b, loc,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, y, ix.c(0)),
      ix.lt(y, ix.c(w.inH)));
  auto op = scf::IfOp::create(b, loc, ValueRange(acc).getTypes(), inside,
                              /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(op.thenBlock());
  scf::YieldOp::create(b, loc, taps(acc));
  b.setInsertionPointToStart(op.elseBlock());
  scf::YieldOp::create(b, loc, acc);
  return SmallVector<Value>(op.getResults().begin(), op.getResults().end());
}

void WindowEmitter::emitChunk(const Chunk &chunk, ArrayRef<Value> weights,
                              bool borderRow) {
  IndexMath ix{b, loc};
  SmallVector<Value> acc;
  SmallVector<Value> masks;
  auto outIndices = [&](int64_t v) {
    return SmallVector<Value>{chunk.n, chunk.c, chunk.oy,
                              ix.add(chunk.ox0, ix.c(v * g.lanes))};
  };
  for (int64_t v = 0; v < chunk.vectors; ++v) {
    if (chunk.left)
      masks.push_back(mask(lanesLeft(chunk, v)));
    if (fused && fused->zeroInit) {
      acc.push_back(zeroVector());
    } else if (w.start) {
      acc.push_back(splat(*w.start));
    } else if (chunk.left) {
      acc.push_back(vector::MaskedLoadOp::create(b, loc, vectorType, w.output,
                                                 outIndices(v), masks.back(),
                                                 zeroVector()));
    } else {
      acc.push_back(
          vector::LoadOp::create(b, loc, vectorType, w.output, outIndices(v)));
    }
  }
  bool multiply = w.multiply;
  if (w.kh * w.kw <= kMaxUnrolledTaps) {
    // Every tap unrolled, the filter values hoisted to the task.
    for (int64_t i = 0; i < w.kh; ++i)
      acc = accumulateTaps(
          chunk, ix.c(i), acc,
          [&](int64_t j) {
            return multiply ? weights[i * w.kw + j] : Value();
          },
          borderRow);
  } else {
    // A loop over kh; the filter values are loaded where they are used.
    auto loop = scf::ForOp::create(
        b, loc, ix.c(0), ix.c(w.kh), ix.c(1), acc,
        [&](OpBuilder &nb, Location nloc, Value i, ValueRange sums) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
          SmallVector<Value> row = accumulateTaps(
              chunk, i, SmallVector<Value>(sums.begin(), sums.end()),
              [&](int64_t j) -> Value {
                if (!multiply)
                  return Value();
                Value scalar = memref::LoadOp::create(
                    b, loc, w.filter, ValueRange{chunk.c, i, ix.c(j)});
                return vector::BroadcastOp::create(b, loc, vectorType, scalar);
              },
              borderRow);
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
      for (int64_t v = 0; v < chunk.vectors; ++v) {
        if (chunk.left)
          vector::MaskedStoreOp::create(b, loc, w.output, outIndices(v),
                                        masks[v], acc[v]);
        else
          vector::StoreOp::create(b, loc, acc[v], w.output, outIndices(v));
      }
    for (int64_t v = 0; v < chunk.vectors; ++v) {
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
  for (int64_t v = 0; v < chunk.vectors; ++v) {
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

/// Output columns [fullStart, fullEnd) are chunks that need no mask:
/// inside the output row and with every tap's loads inside the input row.
void WindowEmitter::chooseFullChunks() {
  IndexMath ix{b, loc};
  Value outW = b.createOrFold<memref::DimOp>(loc, w.output, 3);
  int64_t width = g.vectors * g.lanes;
  fullStart = ix.c(0);
  if (!w.padded) {
    Value fullChunks = ix.div(outW, ix.c(width));
    if (w.sw == 2 && g.lanes > 1) {
      Value inW = b.createOrFold<memref::DimOp>(loc, w.input, 3);
      Value span = ix.sub(inW, ix.c((w.kw - 1) * w.dw));
      fullChunks = ix.min(fullChunks, ix.div(span, ix.c(2 * width)));
    }
    fullEnd = ix.mul(fullChunks, ix.c(width));
  } else {
    // Static sizes (the padded input's shape is). The first column whose
    // taps start inside the input, and the last chunk start whose loads
    // end inside it.
    int64_t ow = staticSize(w.output, 3);
    int64_t lo = std::min(ow, (w.padLeft + w.sw - 1) / w.sw);
    int64_t reach = w.inW - 1 - (w.kw - 1) * w.dw + w.padLeft;
    int64_t maxStart;
    if (w.sw == 1)
      maxStart = reach - (width - 1);
    else if (w.sw == 2 && g.lanes > 1)
      maxStart = reach - (2 * width - 1) >= 0
                     ? (reach - (2 * width - 1)) / 2
                     : -1;
    else
      maxStart = (reach >= 0 ? reach / w.sw : -1) - (width - 1);
    maxStart = std::min(maxStart, ow - width);
    int64_t chunks = maxStart >= lo ? (maxStart - lo) / width + 1 : 0;
    // Without an unmasked chunk, the whole row is masked chunks from 0
    // (rather than a chunk for the columns before `lo` and more after).
    if (chunks == 0)
      lo = 0;
    fullStart = ix.c(lo);
    fullEnd = ix.c(lo + chunks * width);
  }
}

void WindowEmitter::emit() {
  IndexMath ix{b, loc};
  auto dim = [&](Value buffer, int64_t d) {
    return b.createOrFold<memref::DimOp>(loc, buffer, d);
  };
  Value batch = dim(w.output, 0), channels = dim(w.output, 1);
  Value outH = dim(w.output, 2);

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

  chooseFullChunks();
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
        if (w.multiply &&
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
        if (!w.padded) {
          emitRows(ivs, first, last, weights, /*borderRows=*/false);
          return;
        }
        // Rows whose taps are all inside the input: [rowLo, rowHi).
        int64_t oh = staticSize(w.output, 2);
        int64_t rowLo = std::min(oh, (w.padTop + w.sh - 1) / w.sh);
        int64_t rowHi = std::clamp<int64_t>(
            (w.inH - 1 - (w.kh - 1) * w.dh + w.padTop) / w.sh + 1, rowLo, oh);
        if (w.inH - 1 - (w.kh - 1) * w.dh + w.padTop < 0)
          rowHi = rowLo;
        auto max = [&](Value x, Value y) {
          return b.createOrFold<arith::MaxSIOp>(loc, x, y);
        };
        emitRows(ivs, first, in.min(last, in.c(rowLo)), weights,
                 /*borderRows=*/true);
        emitRows(ivs, max(first, in.c(rowLo)), in.min(last, in.c(rowHi)),
                 weights, /*borderRows=*/false);
        emitRows(ivs, max(first, in.c(rowHi)), last, weights,
                 /*borderRows=*/true);
      });
}

/// Output rows [first, last) of the task's (n, c): chunks along each row,
/// unmasked where they can be.
void WindowEmitter::emitRows(ValueRange ivs, Value first, Value last,
                             ArrayRef<Value> weights, bool borderRows) {
  IndexMath ix{b, loc};
  Value outW = b.createOrFold<memref::DimOp>(loc, w.output, 3);
  int64_t width = g.vectors * g.lanes;
  auto rowLoop = scf::ForOp::create(b, loc, first, last, ix.c(1));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(rowLoop.getBody()->getTerminator());
  Value oy = rowLoop.getInductionVar();
  // Chunks from lb to ub; masked ones hold the columns before ub.
  auto chunks = [&](Value lb, Value ub, bool masked) {
    auto loop = scf::ForOp::create(b, loc, lb, ub, ix.c(width));
    OpBuilder::InsertionGuard inner(b);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    Value ox0 = loop.getInductionVar();
    Chunk chunk{ivs[0], ivs[1], oy, ox0, Value(), g.vectors};
    if (masked) {
      chunk.left = IndexMath{b, loc}.sub(ub, ox0);
      // A masked segment of known length shorter than a chunk (the
      // columns before the first unmasked chunk, the row's tail) takes
      // only the vectors it needs.
      std::optional<int64_t> first = getConstantIntValue(lb);
      std::optional<int64_t> end = getConstantIntValue(ub);
      if (first && end && *end - *first <= width)
        chunk.vectors = std::max<int64_t>(
            1, (*end - *first + g.lanes - 1) / g.lanes);
    }
    emitChunk(chunk, weights, borderRows);
  };
  if (w.padded)
    chunks(ix.c(0), fullStart, /*masked=*/true);
  chunks(fullStart, fullEnd, /*masked=*/false);
  chunks(fullEnd, outW, /*masked=*/true);
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
    found = combineOf(&body);
    if (!found || (*found != Combine::Add && !isMaximum(*found)))
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
        windowOf(conv, filter, Combine::Add, /*kernelDim=*/1);
    if (w) {
      w->multiply = true;
      w->filter = filter;
    }
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
  int64_t hoisted = w.multiply && taps <= kMaxUnrolledTaps
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
      Window &w = candidate.second;
      OpBuilder b(op);
      Blocking blocking = chooseBlocking(target, w);
      SmallVector<Operation *> erase;
      bool depthwise = w.multiply;
      // Padding filled with the combine's identity is read implicitly.
      bool maximum = isMaximum(w.combine);
      if (std::optional<PaddedInput> padded =
              matchPadding(w.input, op, [&](const APFloat &value) {
                return maximum ? value.isInfinity() && value.isNegative()
                               : value.isZero();
              });
          padded && staticSize(w.output, 2) >= 0 &&
          staticSize(w.output, 3) >= 0) {
        w.input = padded->source;
        w.padded = true;
        w.padTop = padded->top;
        w.padLeft = padded->left;
        w.inH = staticSize(w.input, 2);
        w.inW = staticSize(w.input, 3);
        llvm::append_range(erase, padded->ops);
      }
      // A pool's output filled with a constant right before it: the sums
      // start from the constant in registers.
      if (!depthwise) {
        Operation *previous = op->getPrevNode();
        while (previous && !touchesBuffer(previous, w.output))
          previous = previous->getPrevNode();
        if ((w.start = constantFill(previous, w.output)))
          erase.push_back(previous);
      }
      // A depthwise convolution takes the zero fill before it and the
      // element-wise generic after it (bias, activation) as the GEMMs do.
      GemmProblem fused;
      if (depthwise) {
        ResultDims dims;
        dims.batch = 0;
        dims.row = 1;
        dims.columns = {2, 3};
        SmallVector<Value> reads;
        if (w.padded)
          reads.push_back(w.input);
        fuseIntoGemm(b, cast<linalg::LinalgOp>(op), dims, blocking.lanes,
                     fused, erase, reads);
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
