//===- TargetDescription.cpp - GEMM tiling from a CPU description ---------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/TargetDescription.h"

#include <algorithm>

using namespace ds;

namespace {

int64_t roundDown(int64_t value, int64_t multiple) {
  return std::max(multiple, value / multiple * multiple);
}

} // namespace

GemmTiling ds::deriveGemmTiling(const TargetDescription &target,
                                unsigned elementBytes) {
  GemmTiling tiling;
  tiling.lanes = std::max<int64_t>(1, target.vectorBits / (8 * elementBytes));
  // Rows of B in registers per step: enough vectors that the broadcasts of
  // A are amortized, few enough to leave room for many rows of
  // accumulators.
  tiling.vectors = tiling.lanes >= 8 ? 2 : tiling.lanes == 4 ? 3 : 4;
  int64_t registers = std::max<int64_t>(target.vectorRegisters, 8);
  // Accumulators, the vectors of B and one broadcast of A.
  tiling.mr = std::clamp<int64_t>(
      (registers - tiling.vectors - 1) / tiling.vectors, 1, 16);
  tiling.nr = tiling.vectors * tiling.lanes;
  // A micro-panel of A and of B, kc deep, share three quarters of L1.
  int64_t bytesPerStep = (tiling.mr + tiling.nr) * elementBytes;
  tiling.kc = std::clamp<int64_t>(
      roundDown(int64_t(target.l1CacheBytes) * 3 / 4 / bytesPerStep, 16), 32,
      512);
  // Blocks of A (mc x kc) and of B (kc x nc) within half of L2 each, and
  // small enough that a layer splits into several tasks for the threads.
  int64_t l2Rows = int64_t(target.l2CacheBytes) / 2 / (tiling.kc * elementBytes);
  tiling.mc = roundDown(std::min<int64_t>(l2Rows, 8 * tiling.mr), tiling.mr);
  tiling.nc = roundDown(std::min<int64_t>(l2Rows, 16 * tiling.nr), tiling.nr);
  return tiling;
}
