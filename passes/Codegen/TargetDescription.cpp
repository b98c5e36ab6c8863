//===- TargetDescription.cpp - GEMM tiling from a CPU description ---------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/TargetDescription.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>

using namespace ds;
using llvm::ArrayRef;
using llvm::SmallVector;

namespace {

/// The most rows of A a micro-kernel reads at once. Each row, read in
/// place along K, is a stream for the L1 prefetcher: on Zen 5 (32 vector
/// registers, room for 14 rows of 2 vectors) 8 rows ran the 1024^3 matmul
/// 13% faster than 14, and ResNet-18's 512-filter layers 3% faster.
constexpr int64_t kMaxTileRows = 8;

int64_t roundDown(int64_t value, int64_t multiple) {
  return std::max(multiple, value / multiple * multiple);
}

} // namespace

namespace {

/// A candidate micro-tile: the multiply-adds it computes (padding
/// included), its accumulators, a tie-breaker (more is better), and its
/// shape: `rows` of accumulators by `vectors` vectors, or along M
/// (deriveGemmTilingAlongM) `vectors` by `rows` columns; `extra` columns.
struct Shape {
  double work;
  int64_t accumulators, tie, rows, vectors, extra;
};

/// Of the shapes within 2% of the least work, the one with the most
/// accumulators, then the largest tie-breaker; null if there are none.
const Shape *pickShape(ArrayRef<Shape> shapes) {
  double fewest = -1;
  for (const Shape &shape : shapes)
    fewest = fewest < 0 ? shape.work : std::min(fewest, shape.work);
  const Shape *chosen = nullptr;
  for (const Shape &shape : shapes) {
    if (shape.work > fewest * 1.02)
      continue;
    if (!chosen || shape.accumulators > chosen->accumulators ||
        (shape.accumulators == chosen->accumulators &&
         shape.tie > chosen->tie))
      chosen = &shape;
  }
  return chosen;
}

/// kc, mc and nc for a micro-tile of mr x nr.
void blockForCaches(const TargetDescription &target, unsigned elementBytes,
                    GemmTiling &tiling) {
  // A micro-panel of A and of B, kc deep, share three quarters of L1.
  int64_t bytesPerStep = (tiling.mr + tiling.nr) * elementBytes;
  tiling.kc = std::clamp<int64_t>(
      roundDown(int64_t(target.l1CacheBytes) * 3 / 4 / bytesPerStep, 16), 32,
      512);
  // Blocks of A (mc x kc) and of B (kc x nc) within half of L2 each, and
  // small enough that a layer splits into several tasks for the threads.
  int64_t l2Rows =
      int64_t(target.l2CacheBytes) / 2 / (tiling.kc * elementBytes);
  tiling.mc = roundDown(std::min<int64_t>(l2Rows, 8 * tiling.mr), tiling.mr);
  tiling.nc = roundDown(std::min<int64_t>(l2Rows, 16 * tiling.nr), tiling.nr);
}

int64_t roundUp(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

} // namespace

GemmTiling ds::deriveGemmTiling(const TargetDescription &target,
                                unsigned elementBytes, int64_t m, int64_t n,
                                bool extraColumns) {
  GemmTiling tiling;
  tiling.lanes = std::max<int64_t>(1, target.vectorBits / (8 * elementBytes));
  int64_t registers = std::max<int64_t>(target.vectorRegisters, 8);
  // The most rows of accumulators that `vectors` vectors of B leave room
  // for (one more register holds the broadcast of A), and at most
  // kMaxTileRows.
  auto maxRows = [&](int64_t vectors) {
    return std::clamp<int64_t>((registers - vectors - 1) / vectors, 1,
                               kMaxTileRows);
  };
  // By default: enough vectors of B that the broadcasts of A are
  // amortized, few enough to leave room for many rows of accumulators.
  tiling.vectors = tiling.lanes >= 8 ? 2 : tiling.lanes == 4 ? 3 : 4;
  tiling.mr = maxRows(tiling.vectors);
  if (m > 0 && n > 0 && tiling.lanes > 1) {
    // For known sizes, the shape of micro-tile that pads M and N least,
    // among those with enough accumulators to hide the FMA latency and few
    // enough loads per FMA.
    auto padded = [&](int64_t mr, int64_t vectors) {
      return double(roundUp(m, mr)) * double(roundUp(n, vectors * tiling.lanes));
    };
    SmallVector<Shape> shapes;
    for (int64_t vectors = 1; vectors <= 4; ++vectors) {
      for (int64_t mr = 1; mr <= maxRows(vectors); ++mr) {
        int64_t accumulators = mr * vectors;
        if (accumulators < 12 || mr + vectors > accumulators * 3 / 4)
          continue;
        shapes.push_back(
            {padded(mr, vectors), accumulators, mr, mr, vectors, 0});
        // The columns past the whole panels as extra columns: each one an
        // FMA of an mr-lane vector per step, as much as lanes / mr
        // columns of a panel. They need a register each, besides the
        // accumulators, B's vectors, A's column and a broadcast; mr is a
        // power of two (a whole register or half of one).
        int64_t nr = vectors * tiling.lanes, extra = n % nr;
        if (extraColumns && extra > 0 && n >= nr && mr <= tiling.lanes &&
            (mr & (mr - 1)) == 0 &&
            accumulators + extra + vectors + 2 <= registers)
          shapes.push_back(
              {double(roundUp(m, mr)) *
                   (double(n - extra) +
                    double(extra * tiling.lanes) / double(mr)),
               accumulators, mr, mr, vectors, extra});
      }
    }
    // The default unless another shape does 2% less work; then, of those
    // within 2% of the least work, the one with the most accumulators
    // (more rows first).
    double fewest = padded(tiling.mr, tiling.vectors);
    for (const Shape &shape : shapes)
      fewest = std::min(fewest, shape.work);
    if (padded(tiling.mr, tiling.vectors) > fewest / 0.98) {
      const Shape *chosen = pickShape(shapes);
      tiling.mr = chosen->rows;
      tiling.vectors = chosen->vectors;
      tiling.extra = chosen->extra;
    }
  }
  tiling.nr = tiling.vectors * tiling.lanes;
  blockForCaches(target, elementBytes, tiling);
  return tiling;
}

GemmTiling ds::deriveGemmTilingAlongM(const TargetDescription &target,
                                      unsigned elementBytes, int64_t m,
                                      int64_t n, int64_t k) {
  GemmTiling tiling;
  tiling.alongM = true;
  tiling.lanes = std::max<int64_t>(1, target.vectorBits / (8 * elementBytes));
  int64_t registers = std::max<int64_t>(target.vectorRegisters, 8);
  // Accumulators, A's vectors and one broadcast in the registers; at most
  // kMaxTileRows columns (each a stream of B's elements). Of equal
  // accumulators, more vectors: fewer broadcasts per FMA.
  SmallVector<Shape> shapes;
  for (int64_t vectors = 1; vectors <= 4; ++vectors)
    for (int64_t columns = 1; columns <= kMaxTileRows; ++columns) {
      int64_t accumulators = vectors * columns;
      if (accumulators < 12 || accumulators + vectors + 1 > registers)
        continue;
      double work = double(roundUp(m, vectors * tiling.lanes)) *
                    double(roundUp(n, columns));
      shapes.push_back({work, accumulators, vectors, columns, vectors, 0});
    }
  const Shape *chosen = pickShape(shapes);
  tiling.vectors = chosen ? chosen->vectors : 1;
  tiling.mr = tiling.vectors * tiling.lanes;
  tiling.nr = chosen ? chosen->rows : kMaxTileRows;
  blockForCaches(target, elementBytes, tiling);
  // The task's tile of sums is a stack buffer: at most 4 panels of A by 8
  // of B (64 KiB for f32 on AVX-512).
  tiling.mc = std::min(tiling.mc, 4 * tiling.mr);
  tiling.nc = std::min(tiling.nc, 8 * tiling.nr);
  // One slice of all of K: the sums stay in registers, A's panel streams
  // (prefetched) from L2 or memory. On ResNet-18, 2% faster than slices
  // that keep A's panel and B's lines in L1 (kc = 64), which add the
  // partial sums' loads and stores.
  tiling.kc = k;
  return tiling;
}

double ds::paddedWork(const GemmTiling &tiling, int64_t m, int64_t n) {
  return double(roundUp(m, tiling.mr)) * double(roundUp(n, tiling.nr));
}
