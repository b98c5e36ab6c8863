//===- Winograd.cpp - 3x3 convolutions in the Winograd domain ------------===//
//
// Part of ds.
//
// F(2x2, 3x3) with the transforms of Lavin and Gray:
//   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]
//   G   = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]
//   A^T = [1 1 1 0; 0 1 -1 -1]
// Layouts (xi = 4 * row + column of the 4x4 domain, p = the tile, tiles of
// all images one after the other: p = (n * tilesH + ty) * tilesW + tx):
//   U [16][F][C]   constant, A of the GEMMs read in place; or, tiled along
//                  M, [16][F / mr][C][mr] (panels of mr filters per point)
//   V [16][C][NP]  B of the GEMMs, read in place (never packed)
//   M [16][F][NP]  C of the GEMMs
// In blocks of rows of tiles, V and M are [block][16][C or F][tiles of
// the block] instead, one slice per block. The input transform and the
// output transform are loops over rows of tiles, a vector of tiles at a
// time.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/Winograd.h"

#include "passes/Codegen/BufferPatterns.h"
#include "passes/Codegen/ConstantPacker.h"
#include "passes/Codegen/GemmEpilogue.h"
#include "passes/Codegen/GemmKernel.h"
#include "passes/Codegen/KernelUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;
using namespace ds;

namespace {

/// Points of the 4x4 domain.
constexpr int64_t kPoints = 16;
/// The largest transformed filter taken (16/9 of the filter's bytes):
/// ResNet-18's 256-filter layers (4 MiB) are; its 512-filter ones, whose
/// 9.4 MB filters already come from memory at each run, are not.
constexpr int64_t kMaxTransformedBytes = int64_t(4) << 20;
/// Multiply-adds per task of the GEMMs, as for convolutions.
constexpr int64_t kTaskMacs = int64_t(1) << 21;
/// Within a block's task its products are a nested loop nest, which runs
/// on the task's thread: large tiles (one per point and tile of filters,
/// GemmKernel.cpp's task tiles for 16M multiply-adds each).
constexpr int64_t kBlockTaskMacs = int64_t(1) << 24;

/// The static sizes of a convolution that usesWinograd takes. With a
/// dynamic batch, `batch` is 1: the images run one after another, each
/// through the same buffers.
struct Sizes {
  int64_t batch, channels, filters, oh, ow;
  bool dynamicBatch = false;
  /// Tiles of 2x2 outputs: an odd height or width computes one more row
  /// or column, which is not stored.
  int64_t tilesH() const { return (oh + 1) / 2; }
  int64_t tilesW() const { return (ow + 1) / 2; }
  int64_t tiles() const { return batch * tilesH() * tilesW(); }
  /// The bytes of U, the transformed filter (f32).
  int64_t transformedBytes() const { return kPoints * filters * channels * 4; }
};

std::optional<Sizes> winogradSizes(linalg::Conv2DNchwFchwOp op,
                                   const TargetDescription &target) {
  if (target.vectorBits < 128 || !constantGlobalOf(op.getDpsInputs()[1], op))
    return std::nullopt;
  auto isOne = [](int64_t v) { return v == 1; };
  if (!llvm::all_of(op.getStrides().getValues<int64_t>(), isOne) ||
      !llvm::all_of(op.getDilations().getValues<int64_t>(), isOne))
    return std::nullopt;
  Value input = op.getDpsInputs()[0], filter = op.getDpsInputs()[1];
  Value output = op.getDpsInits()[0];
  auto inputType = cast<MemRefType>(input.getType());
  auto filterType = cast<MemRefType>(filter.getType());
  auto outputType = cast<MemRefType>(output.getType());
  // Static but for the batch.
  auto staticPastBatch = [](MemRefType type) {
    return type.getRank() == 4 &&
           llvm::none_of(type.getShape().drop_front(), ShapedType::isDynamic);
  };
  if (!staticPastBatch(inputType) || !filterType.hasStaticShape() ||
      !staticPastBatch(outputType) || !inputType.getElementType().isF32() ||
      !filterType.getElementType().isF32() ||
      !outputType.getElementType().isF32())
    return std::nullopt;
  Sizes s{outputType.getDimSize(0), filterType.getDimSize(1),
          filterType.getDimSize(0), outputType.getDimSize(2),
          outputType.getDimSize(3)};
  if (ShapedType::isDynamic(s.batch)) {
    s.batch = 1;
    s.dynamicBatch = true;
  }
  if (filterType.getDimSize(2) != 3 || filterType.getDimSize(3) != 3 ||
      s.channels < 16 || s.filters < 16 ||
      s.transformedBytes() > kMaxTransformedBytes)
    return std::nullopt;
  std::optional<SmallVector<int64_t>> iStrides = staticStrides(input);
  std::optional<SmallVector<int64_t>> oStrides = staticStrides(output);
  if (!iStrides || (*iStrides)[3] != 1 || !oStrides || (*oStrides)[3] != 1 ||
      (*oStrides)[2] != s.ow)
    return std::nullopt;
  return s;
}

/// U = G g G^T for every filter and channel, [16][F][C], from the filter's
/// values [F][C][3][3] (in double, rounded once).
SmallVector<float> transformFilter(ArrayRef<float> g, int64_t filters,
                                   int64_t channels) {
  static const double kG[4][3] = {
      {1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};
  SmallVector<float> u(kPoints * filters * channels);
  for (int64_t f = 0; f < filters; ++f)
    for (int64_t c = 0; c < channels; ++c) {
      const float *w = &g[(f * channels + c) * 9];
      double left[4][3]; // G g
      for (int64_t i = 0; i < 4; ++i)
        for (int64_t j = 0; j < 3; ++j)
          left[i][j] =
              kG[i][0] * w[j] + kG[i][1] * w[3 + j] + kG[i][2] * w[6 + j];
      for (int64_t i = 0; i < 4; ++i)
        for (int64_t j = 0; j < 4; ++j) {
          double value = left[i][0] * kG[j][0] + left[i][1] * kG[j][1] +
                         left[i][2] * kG[j][2];
          u[((i * 4 + j) * filters + f) * channels + c] = float(value);
        }
    }
  return u;
}

/// Lane indices of the even lanes of two vectors of `lanes` (a, b).
SmallVector<int64_t> evenLanes(int64_t lanes) {
  SmallVector<int64_t> indices;
  for (int64_t l = 0; l < lanes; ++l)
    indices.push_back(2 * l);
  return indices;
}

/// Lane indices that interleave two vectors of `lanes` (a, b): the first
/// (`upper` false) or second half of a0 b0 a1 b1 ...
SmallVector<int64_t> interleavedLanes(int64_t lanes, bool upper) {
  SmallVector<int64_t> indices;
  int64_t base = upper ? lanes / 2 : 0;
  for (int64_t l = 0; l < lanes; ++l)
    indices.push_back((l % 2 ? lanes : 0) + base + l / 2);
  return indices;
}

/// Float adds and subtracts at a builder.
struct FloatMath {
  OpBuilder &b;
  Location loc;
  Value add(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
};

/// The constant mask of the lanes l of a vector whose positions x + l lie
/// in [0, width).
Value constantMask(OpBuilder &b, Location loc, int64_t lanes, int64_t x,
                   int64_t width) {
  SmallVector<bool> inside;
  for (int64_t l = 0; l < lanes; ++l)
    inside.push_back(x + l >= 0 && x + l < width);
  return arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(VectorType::get({lanes}, b.getI1Type()),
                             ArrayRef<bool>(inside)));
}

/// The input a transform reads: `src` (flat) with its NCHW strides, of
/// `h` x `w` rows and columns, read at (y - top, x - left) with zeros
/// outside.
struct InputView {
  Value src;
  SmallVector<Value> strides;
  int64_t h, w, top, left;
};

/// Where the transforms put and take the points of the tiles: point xi of
/// channel (or filter) r of the tile at index t is element
/// base + (xi * rows + r) * pitch + t of `buffer`.
struct PointLayout {
  Value buffer, base;
  int64_t rows, pitch;
};

/// The tiles of one row of tiles of image n and channel c, B^T d B, into
/// V (`tileStart`: the index of its first tile in the layout), a vector of
/// tiles at a time. Column j of the tiles' rows is the even lanes of two
/// vectors that start at input column 2 * tile + j - left, read straight
/// from the input with masks (zeros past its right edge, and for rows
/// above or below it); where such a vector would start left of the input,
/// it is shifted in from the vectors at column 0 with zeros (a shuffle).
void emitInputRow(OpBuilder &nb, Location nloc, const Sizes &s, int64_t lanes,
                  const InputView &input, Value n, Value c, Value ty,
                  const PointLayout &v, Value tileStart) {
  IndexMath in{nb, nloc};
  FloatMath fm{nb, nloc};
  auto vectorType = VectorType::get({lanes}, nb.getF32Type());
  int64_t vectorsPerRow = llvm::divideCeil(s.tilesW(), lanes);
  Value zero = zeros(nb, nloc, vectorType);
  Value noLanes = constantMask(nb, nloc, lanes, 0, 0);
  Value plane =
      in.add(in.mul(n, input.strides[0]), in.mul(c, input.strides[1]));
  // Per row i of the tiles: the input row's start (clamped into the
  // input) and whether it lies in the input.
  SmallVector<Value> rowStarts, rowInside;
  for (int64_t i = 0; i < 4; ++i) {
    Value y = in.sub(in.add(in.mul(ty, in.c(2)), in.c(i)), in.c(input.top));
    Value inside = arith::AndIOp::create(nb, nloc, in.ge(y, in.c(0)),
                                         in.lt(y, in.c(input.h)));
    Value clamped = in.min(in.max(y, in.c(0)), in.c(input.h - 1));
    rowStarts.push_back(in.add(plane, in.mul(clamped, input.strides[2])));
    rowInside.push_back(inside);
  }
  // The input's vector of `lanes` columns from x (>= 0) on, zeros
  // outside the input.
  auto loadRow = [&](int64_t i, int64_t x) -> Value {
    if (x >= input.w)
      return zero;
    Value mask = arith::SelectOp::create(
        nb, nloc, rowInside[i], constantMask(nb, nloc, lanes, x, input.w),
        noLanes);
    return vector::MaskedLoadOp::create(
        nb, nloc, vectorType, input.src,
        ValueRange{in.add(rowStarts[i], in.c(x))}, mask, zero);
  };
  SmallVector<int64_t> evens = evenLanes(lanes);
  for (int64_t tv = 0; tv < vectorsPerRow; ++tv) {
    int64_t tx0 = tv * lanes;
    // d[i][j]: row i, column j of the tiles tx0 .. tx0 + lanes - 1.
    Value d[4][4];
    for (int64_t i = 0; i < 4; ++i) {
      Value first, second; // the vectors at columns 0 and lanes
      for (int64_t j = 0; j < 4; ++j) {
        int64_t x = 2 * tx0 + j - input.left;
        Value lo, hi;
        if (x >= 0) {
          lo = loadRow(i, x);
          hi = loadRow(i, x + lanes);
        } else {
          if (!first) {
            first = loadRow(i, 0);
            second = loadRow(i, lanes);
          }
          // Columns x .. x + 2 * lanes - 1, x = -shift: lane l of each is
          // lane lanes - shift + l of (zeros, first) and of (first,
          // second).
          SmallVector<int64_t> shifted;
          for (int64_t l = 0; l < lanes; ++l)
            shifted.push_back(lanes + x + l);
          lo = vector::ShuffleOp::create(nb, nloc, zero, first, shifted);
          hi = vector::ShuffleOp::create(nb, nloc, first, second, shifted);
        }
        d[i][j] = vector::ShuffleOp::create(nb, nloc, lo, hi, evens);
      }
    }
    // B^T d: rows.
    Value e[4][4];
    for (int64_t j = 0; j < 4; ++j) {
      e[0][j] = fm.sub(d[0][j], d[2][j]);
      e[1][j] = fm.add(d[1][j], d[2][j]);
      e[2][j] = fm.sub(d[2][j], d[1][j]);
      e[3][j] = fm.sub(d[1][j], d[3][j]);
    }
    // (B^T d) B: columns.
    int64_t count = std::min(lanes, s.tilesW() - tx0);
    Value mask = constantMask(nb, nloc, lanes, 0, count);
    Value tile = in.add(tileStart, in.c(tx0));
    for (int64_t i = 0; i < 4; ++i) {
      Value out[4] = {fm.sub(e[i][0], e[i][2]), fm.add(e[i][1], e[i][2]),
                      fm.sub(e[i][2], e[i][1]), fm.sub(e[i][1], e[i][3])};
      for (int64_t j = 0; j < 4; ++j) {
        Value at =
            in.add(in.add(v.base, in.mul(in.add(in.c((i * 4 + j) * v.rows), c),
                                         in.c(v.pitch))),
                   tile);
        if (count == lanes)
          vector::StoreOp::create(nb, nloc, out[j], v.buffer, ValueRange{at});
        else
          vector::MaskedStoreOp::create(nb, nloc, v.buffer, ValueRange{at},
                                        mask, out[j]);
      }
    }
  }
}

/// The output transform, A^T M A, of one row of tiles of image n and
/// filter `filter` (`tileStart`: the index of its first tile in M's
/// layout) into the convolution's output, through the fused epilogue `out`
/// (GemmEpilogue.h), a vector of tiles at a time; each gives two output
/// rows of two vectors each (the tiles' left and right columns
/// interleaved).
void emitOutputRow(OpBuilder &nb, Location nloc, const Sizes &s, int64_t lanes,
                   const PointLayout &m, Value tileStart,
                   const GemmProblem &out, Value n, Value filter, Value ty) {
  IndexMath in{nb, nloc};
  FloatMath fm{nb, nloc};
  auto vectorType = VectorType::get({lanes}, nb.getF32Type());
  int64_t vectorsPerRow = llvm::divideCeil(s.tilesW(), lanes);
  Value zero = zeros(nb, nloc, vectorType);
  Value cBase =
      in.add(in.mul(n, out.cBatchStride), in.mul(filter, out.cRowStride));
  Value accumBase = out.accum ? in.add(in.mul(n, out.accumBatchStride),
                                       in.mul(filter, out.accumRowStride))
                              : Value();
  for (int64_t tv = 0; tv < vectorsPerRow; ++tv) {
    int64_t tx0 = tv * lanes;
    int64_t count = std::min(lanes, s.tilesW() - tx0);
    Value tileMask = constantMask(nb, nloc, lanes, 0, count);
    Value tile = in.add(tileStart, in.c(tx0));
    Value p[4][4];
    for (int64_t i = 0; i < 4; ++i)
      for (int64_t j = 0; j < 4; ++j) {
        Value at = in.add(
            in.add(m.base, in.mul(in.add(in.c((i * 4 + j) * m.rows), filter),
                                  in.c(m.pitch))),
            tile);
        p[i][j] =
            count == lanes
                ? vector::LoadOp::create(nb, nloc, vectorType, m.buffer,
                                         ValueRange{at})
                      .getResult()
                : vector::MaskedLoadOp::create(nb, nloc, vectorType, m.buffer,
                                               ValueRange{at}, tileMask, zero)
                      .getResult();
      }
    // A^T p: two rows.
    Value t[2][4];
    for (int64_t j = 0; j < 4; ++j) {
      t[0][j] = fm.add(fm.add(p[0][j], p[1][j]), p[2][j]);
      t[1][j] = fm.sub(fm.sub(p[1][j], p[2][j]), p[3][j]);
    }
    for (int64_t a = 0; a < 2; ++a) {
      // An odd height: the last row of tiles has one output row.
      OpBuilder::InsertionGuard guard(nb);
      Value y = in.add(in.mul(ty, in.c(2)), in.c(a));
      if (a == 1 && s.oh % 2 != 0) {
        auto inside = scf::IfOp::create(nb, nloc, in.lt(y, in.c(s.oh)),
                                        /*withElseRegion=*/false);
        nb.setInsertionPoint(inside.thenBlock()->getTerminator());
      }
      // (A^T p) A: the tiles' left and right columns of row a.
      Value leftColumn = fm.add(fm.add(t[a][0], t[a][1]), t[a][2]);
      Value rightColumn = fm.sub(fm.sub(t[a][1], t[a][2]), t[a][3]);
      for (int64_t half = 0; half < 2; ++half) {
        int64_t x = 2 * tx0 + half * lanes;
        int64_t valid = std::min(lanes, s.ow - x);
        if (valid <= 0)
          continue;
        Value sums =
            vector::ShuffleOp::create(nb, nloc, leftColumn, rightColumn,
                                      interleavedLanes(lanes, half == 1));
        Value mask = constantMask(nb, nloc, lanes, 0, valid);
        Value column = in.add(in.mul(y, in.c(s.ow)), in.c(x));
        auto load = [&](Value buffer, Value at) -> Value {
          return vector::MaskedLoadOp::create(nb, nloc, vectorType, buffer,
                                              ValueRange{at}, mask, zero);
        };
        auto store = [&](Value buffer, Value at, Value values) {
          if (valid == lanes)
            vector::StoreOp::create(nb, nloc, values, buffer, ValueRange{at});
          else
            vector::MaskedStoreOp::create(nb, nloc, buffer, ValueRange{at},
                                          mask, values);
        };
        Value cAt = in.add(cBase, column);
        if (out.accum) {
          Value accumAt = in.add(accumBase, column);
          if (!out.zeroInit)
            sums = fm.add(load(out.accum, accumAt), sums);
          store(out.accum, accumAt, sums);
        } else if (!out.zeroInit) {
          sums = fm.add(load(out.c, cAt), sums);
        }
        if (out.epilogue)
          sums = out.epilogue(nb, nloc, n, filter, column, mask, sums);
        store(out.c, cAt, sums);
      }
    }
  }
}

/// The tiling of the products of `tiles` tiles: along M (U packed at
/// compile time into panels of mr filters per point, V's tiles broadcast
/// in place, no packing in the run), as for convolutions, where that
/// computes no more lanes than vectors of tiles (2% slack); vectors of
/// tiles otherwise (U read in place, V read in place as B).
GemmTiling productTiling(const Sizes &s, const TargetDescription &target,
                         int64_t tiles) {
  GemmTiling alongN =
      deriveGemmTiling(target, /*elementBytes=*/4, s.filters, tiles);
  GemmTiling alongM = deriveGemmTilingAlongM(target, /*elementBytes=*/4,
                                             s.filters, tiles, s.channels);
  double nWork = double(s.filters) *
                 double(llvm::divideCeil(tiles, alongN.lanes) * alongN.lanes);
  return paddedWork(alongM, s.filters, tiles) <= 1.02 * nWork ? alongM : alongN;
}

/// U in the layout `tiling` reads: [16][F][C], or along M, per point,
/// panels of mr filters over all channels ([16][panel][C][mr], zero past
/// F); from the filter's values [F][C][3][3].
std::optional<SmallVector<float>> layOutU(ArrayRef<float> g, const Sizes &s,
                                          const GemmTiling &tiling) {
  if (int64_t(g.size()) != s.filters * s.channels * 9)
    return std::nullopt;
  SmallVector<float> u = transformFilter(g, s.filters, s.channels);
  if (!tiling.alongM)
    return u;
  int64_t mr = tiling.mr, panels = llvm::divideCeil(s.filters, mr);
  int64_t perPoint = panels * s.channels * mr;
  SmallVector<float> packed(kPoints * perPoint, 0.0f);
  for (int64_t xi = 0; xi < kPoints; ++xi)
    for (int64_t f = 0; f < s.filters; ++f)
      for (int64_t c = 0; c < s.channels; ++c)
        packed[xi * perPoint + ((f / mr) * s.channels + c) * mr + f % mr] =
            u[(xi * s.filters + f) * s.channels + c];
  return packed;
}

/// The 16 products M_xi = U_xi V_xi of `tiles` tiles, V and M in the
/// layouts given (rows: channels and filters; pitch: `tiles`), U laid out
/// for `tiling` (layOutU), V read in place. `taskMacs`: multiply-adds per
/// task (GemmProblem).
void emitProducts(OpBuilder &b, Location loc, const Sizes &s,
                  const TargetDescription &target, const GemmTiling &tiling,
                  Value u, Value v, Value m, int64_t tiles, int64_t taskMacs) {
  IndexMath im{b, loc};
  GemmProblem g;
  g.batch = im.c(kPoints);
  g.m = im.c(s.filters);
  g.n = im.c(tiles);
  g.k = im.c(s.channels);
  g.a = u;
  g.b = v;
  g.c = m;
  g.aRowStride = im.c(s.channels);
  g.aColStride = im.c(1);
  g.bBatchStride = im.c(s.channels * tiles);
  g.bRowOffset = [tiles](OpBuilder &nb, Location nloc, Value q) -> Value {
    IndexMath in{nb, nloc};
    return in.mul(q, in.c(tiles));
  };
  g.bColOffset = [](OpBuilder &, Location, Value j) -> Value { return j; };
  g.staticRowOffset = [tiles](int64_t q) -> int64_t { return q * tiles; };
  if (tiling.alongM) {
    int64_t panels = llvm::divideCeil(s.filters, tiling.mr);
    g.aBatchStride = im.c(panels * s.channels * tiling.mr);
    g.packedConstantA = [u](OpBuilder &, Location, int64_t) -> Value {
      return u;
    };
    // As a convolution's filter (ResNet-18's 256-filter layers: 4 MiB).
    g.streamA = streamsPastCaches(target, s.transformedBytes());
  } else {
    g.aBatchStride = im.c(s.filters * s.channels);
    g.bDirect = true;
    g.wideRow = tiles;
    g.realRow = tiles;
  }
  g.cBatchStride = im.c(s.filters * tiles);
  g.cRowStride = im.c(tiles);
  g.zeroInit = true;
  g.taskMacs = taskMacs;
  g.staticM = s.filters;
  g.staticN = tiles;
  g.staticBatch = kPoints;
  emitGemm(b, loc, g, tiling);
}

/// Rows of tiles per block of the blocked form (0: not blocked). A block's
/// transformed input and products stay in its task's L2 (with U, within
/// three quarters of it): the largest divisor of the rows of tiles whose
/// block fits, with at least 3 vectors of tiles (the products' N) and 8
/// blocks for the threads.
int64_t blockRows(const Sizes &s, const TargetDescription &target,
                  int64_t lanes) {
  int64_t uBytes = s.transformedBytes();
  int64_t budget = int64_t(target.l2CacheBytes) * 3 / 4;
  int64_t chosen = 0;
  for (int64_t rows = 1; rows <= s.tilesH(); ++rows) {
    if (s.tilesH() % rows != 0)
      continue;
    int64_t tiles = rows * s.tilesW();
    int64_t bytes = kPoints * (s.channels + s.filters) * tiles * 4;
    if (uBytes + bytes > budget || s.batch * (s.tilesH() / rows) < 8)
      break;
    if (tiles >= 3 * lanes)
      chosen = rows;
  }
  return chosen;
}

/// The materialized zero padding of `op`'s input that the input transform
/// reads implicitly (from its source, zeros outside): a padding whose
/// source's rows are unit-stride and whose left columns (at most a vector
/// of them) the transform shifts in; none otherwise (the padded buffer is
/// read as the input).
std::optional<PaddedInput> implicitPadding(linalg::Conv2DNchwFchwOp op,
                                           int64_t lanes) {
  std::optional<PaddedInput> padded =
      matchPadding(op.getDpsInputs()[0], op,
                   [](const APFloat &value) { return value.isZero(); });
  if (!padded || padded->left > lanes)
    return std::nullopt;
  std::optional<SmallVector<int64_t>> strides = staticStrides(padded->source);
  if (!strides || (*strides)[3] != 1)
    return std::nullopt;
  return padded;
}

/// The buffer that `value` views (through view-like ops), itself if none.
Value rootBuffer(Value value) {
  while (auto view = value.getDefiningOp<ViewLikeOpInterface>())
    value = view.getViewSource();
  return value;
}

} // namespace

bool ds::usesWinograd(linalg::Conv2DNchwFchwOp op,
                      const TargetDescription &target) {
  return winogradSizes(op, target).has_value();
}

bool ds::winogradReadsPadding(linalg::Conv2DNchwFchwOp op,
                              const TargetDescription &target) {
  return usesWinograd(op, target) &&
         implicitPadding(op, target.vectorBits / 32).has_value();
}

LogicalResult ds::lowerConvWinograd(OpBuilder &b, linalg::Conv2DNchwFchwOp op,
                                    const TargetDescription &target,
                                    ConstantPacker &packer,
                                    SmallVectorImpl<Operation *> &erase) {
  std::optional<Sizes> sizes = winogradSizes(op, target);
  if (!sizes)
    return failure();
  const Sizes &s = *sizes;
  Location loc = op.getLoc();
  int64_t lanes = target.vectorBits / 32;
  // The blocks, the products' tiling, and U laid out for it, once per
  // filter: fails before anything is emitted.
  int64_t rows = blockRows(s, target, lanes);
  int64_t productTiles = rows ? rows * s.tilesW() : s.tiles();
  GemmTiling tiling = productTiling(s, target, productTiles);
  std::string key = "winograd2x2";
  if (tiling.alongM)
    key += "_rows" + std::to_string(tiling.mr);
  Value u = packer.derive(
      b, loc, constantGlobalOf(op.getDpsInputs()[1], op), key, "_winograd",
      [&](ArrayRef<float> values) { return layOutU(values, s, tiling); });
  if (!u)
    return failure();

  // The input, or the source of its materialized zero padding (read with
  // the padding implicit: the fill and the copy go).
  Value input = op.getDpsInputs()[0];
  Value source = input;
  int64_t top = 0, left = 0;
  if (std::optional<PaddedInput> padded = implicitPadding(op, lanes)) {
    source = padded->source;
    top = padded->top;
    left = padded->left;
    llvm::append_range(erase, padded->ops);
  }
  auto sourceType = cast<MemRefType>(source.getType());
  int64_t srcH = sourceType.getDimSize(2), srcW = sourceType.getDimSize(3);

  // The consumer's epilogue, or the output itself.
  GemmProblem out;
  ResultDims dims;
  dims.batch = 0;
  dims.row = 1;
  dims.columns = {2, 3};
  Value fused = fuseIntoGemm(b, op, dims, lanes, out, erase, {source});
  // Blocks write their outputs while other blocks still read the input:
  // not where the output may be a view of the input's buffer (a residual
  // added in place).
  Value written = fused ? fused : op.getDpsInits()[0];
  if (rootBuffer(written) == rootBuffer(source) ||
      rootBuffer(written) == rootBuffer(input))
    rows = 0;
  IndexMath im{b, loc};
  SmallVector<Value> strides, bufferSizes;
  if (!out.c) {
    out.c = flattenBuffer(b, loc, op.getDpsInits()[0], strides, bufferSizes);
    out.cBatchStride = strides[0];
    out.cRowStride = strides[1];
  }

  auto f32 = b.getF32Type();
  int64_t np = s.tiles();
  auto alignment = b.getI64IntegerAttr(64);
  Value v = memref::AllocOp::create(
      b, loc, MemRefType::get({kPoints * s.channels * np}, f32), ValueRange{},
      alignment);
  Value m = memref::AllocOp::create(
      b, loc, MemRefType::get({kPoints * s.filters * np}, f32), ValueRange{},
      alignment);
  InputView view;
  view.src = flattenBuffer(b, loc, source, view.strides, bufferSizes);
  view.h = srcH;
  view.w = srcW;
  view.top = top;
  view.left = left;
  Value c0 = im.c(0), c1 = im.c(1);

  // The convolution of images first .. first + s.batch - 1.
  auto emitImages = [&](Value first) {
    if (rows) {
      // Blocked: a task per block of rows of tiles transforms its tiles,
      // multiplies them and transforms the products back, with its V and M
      // (its own slices of the buffers) in its caches. Taken where U is
      // small beside V and M (ResNet-18's 64-filter layers: V and M 3.2 MB
      // each, U 256 KiB).
      int64_t tiles = rows * s.tilesW();
      int64_t blocks = s.tilesH() / rows;
      // The body is built in place (the products' row table is a global
      // of the module, which a body being built does not reach).
      auto loop = scf::ParallelOp::create(
          b, loc, ValueRange{c0, c0}, ValueRange{im.c(s.batch), im.c(blocks)},
          ValueRange{c1, c1});
      {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(loop.getBody()->getTerminator());
        OpBuilder &nb = b;
        Location nloc = loc;
        SmallVector<Value> ivs(loop.getInductionVars());
        IndexMath in{nb, nloc};
        Value index = in.add(in.mul(ivs[0], in.c(blocks)), ivs[1]);
        Value n = in.add(first, ivs[0]), block = ivs[1];
        Value ty0 = in.mul(block, in.c(rows));
        auto slice = [&](Value buffer, int64_t rowsOf) -> PointLayout {
          int64_t size = kPoints * rowsOf * tiles;
          return {buffer, in.mul(index, in.c(size)), rowsOf, tiles};
        };
        PointLayout vBlock = slice(v, s.channels);
        PointLayout mBlock = slice(m, s.filters);
        forLoop(nb, nloc, in.c(0), in.c(s.channels), in.c(1), [&](Value c) {
          forLoop(nb, nloc, in.c(0), in.c(rows), in.c(1), [&](Value r) {
            IndexMath il{nb, nloc};
            emitInputRow(nb, nloc, s, lanes, view, n, c, il.add(ty0, r), vBlock,
                         il.mul(r, il.c(s.tilesW())));
          });
        });
        // The block's products: views of its slices, one task.
        auto flatSlice = [&](const PointLayout &layout) -> Value {
          int64_t size = kPoints * layout.rows * tiles;
          auto type =
              MemRefType::get({size}, f32,
                              StridedLayoutAttr::get(
                                  nb.getContext(), ShapedType::kDynamic, {1}));
          return memref::SubViewOp::create(
              nb, nloc, type, layout.buffer,
              ArrayRef<OpFoldResult>{layout.base},
              ArrayRef<OpFoldResult>{nb.getIndexAttr(size)},
              ArrayRef<OpFoldResult>{nb.getIndexAttr(1)});
        };
        emitProducts(nb, nloc, s, target, tiling, u, flatSlice(vBlock),
                     flatSlice(mBlock), tiles, kBlockTaskMacs);
        forLoop(nb, nloc, in.c(0), in.c(s.filters), in.c(1), [&](Value filter) {
          forLoop(nb, nloc, in.c(0), in.c(rows), in.c(1), [&](Value r) {
            IndexMath il{nb, nloc};
            emitOutputRow(nb, nloc, s, lanes, mBlock,
                          il.mul(r, il.c(s.tilesW())), out, n, filter,
                          il.add(ty0, r));
          });
        });
      }
    } else {
      // Each step over all tiles: the input transform over (image, channel,
      // row of tiles), the products, the output transform over (image,
      // filter, row of tiles).
      PointLayout vAll{v, c0, s.channels, np};
      PointLayout mAll{m, c0, s.filters, np};
      // An scf.parallel over (image, channel or filter, row of tiles);
      // `body(nb, nloc, image, row, ty, tileRow)`, tileRow the index of
      // the row of tiles' first tile.
      auto overRowsOfTiles = [&](int64_t rowsOf, auto body) {
        scf::ParallelOp::create(
            b, loc, ValueRange{c0, c0, c0},
            ValueRange{im.c(s.batch), im.c(rowsOf), im.c(s.tilesH())},
            ValueRange{c1, c1, c1},
            [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
              IndexMath in{nb, nloc};
              Value tileRow =
                  in.mul(in.add(in.mul(ivs[0], in.c(s.tilesH())), ivs[2]),
                         in.c(s.tilesW()));
              body(nb, nloc, in.add(first, ivs[0]), ivs[1], ivs[2], tileRow);
            });
      };
      overRowsOfTiles(s.channels, [&](OpBuilder &nb, Location nloc, Value n,
                                      Value c, Value ty, Value tileRow) {
        emitInputRow(nb, nloc, s, lanes, view, n, c, ty, vAll, tileRow);
      });
      emitProducts(b, loc, s, target, tiling, u, v, m, np, kTaskMacs);
      overRowsOfTiles(s.filters, [&](OpBuilder &nb, Location nloc, Value n,
                                     Value filter, Value ty, Value tileRow) {
        emitOutputRow(nb, nloc, s, lanes, mAll, tileRow, out, n, filter, ty);
      });
    }
  };
  if (s.dynamicBatch) {
    // One image at a time (V and M of one image, planned like other
    // buffers of static size).
    Value images = b.createOrFold<memref::DimOp>(loc, source, int64_t(0));
    forLoop(b, loc, c0, images, c1, emitImages);
  } else {
    emitImages(c0);
  }
  memref::DeallocOp::create(b, loc, v);
  memref::DeallocOp::create(b, loc, m);
  return success();
}
