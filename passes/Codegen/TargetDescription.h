//===- TargetDescription.h - What code generation knows of a CPU -*- C++ -*-===//
//
// Part of ds.
//
// The parameters of tiling and vectorization come from here, never from
// constants in the generators: the width and number of the vector
// registers and the sizes of the data caches. The compiler driver fills it
// from the TargetMachine (lib/Compiler/Target.cpp); ds-opt takes it as pass
// options.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CODEGEN_TARGETDESCRIPTION_H
#define DS_PASSES_CODEGEN_TARGETDESCRIPTION_H

#include <cstdint>

namespace ds {

/// The vector unit and data caches of a CPU.
struct TargetDescription {
  /// Bits of one SIMD register; 0 for a CPU without one (scalar code).
  unsigned vectorBits = 128;
  /// Registers that hold a vector (or, without SIMD, a float).
  unsigned vectorRegisters = 16;
  /// Per-core data caches, in bytes.
  unsigned l1CacheBytes = 32 * 1024;
  unsigned l2CacheBytes = 512 * 1024;
};

/// The register and cache blocking of C += A * B for one element type: a
/// micro-tile of `mr` x `nr` accumulators (`nr` = `vectors` * `lanes`) held
/// in registers over a `kc`-deep slice of K; `mc` x `kc` blocks of A and
/// `kc` x `nc` blocks of B packed into panels that stay in L2 and L1.
struct GemmTiling {
  int64_t lanes;
  int64_t vectors;
  int64_t mr, nr;
  int64_t kc, mc, nc;
  /// Columns after the last whole panel (N % nr) that its micro-kernel
  /// sums in vectors along its mr rows (mr lanes a vector) instead of a
  /// panel of their own; 0 for none. Needs A packed at compile time and B
  /// read in place (GemmProblem); dropped otherwise.
  int64_t extra = 0;
  /// The vectors run along M instead of N: a micro-tile is mr = vectors *
  /// lanes rows of C by nr columns, and each step of K loads `vectors`
  /// vectors of A's packed column (A packed at compile time) and
  /// broadcasts nr elements of B, read in place; kc is all of K. For products whose N
  /// fills vectors badly and whose M is a multiple of the lanes (the
  /// 7x7 and 14x14 layers of CNNs, where the output channels are M).
  bool alongM = false;
};

/// The tiling for `elementBytes`-byte elements on `target`; for a GEMM
/// whose M and N are known (> 0), the micro-tile that pads them least,
/// counting, where `extraColumns` allows them, the columns past the whole
/// panels as extra columns of the last one (GemmTiling::extra).
GemmTiling deriveGemmTiling(const TargetDescription &target,
                            unsigned elementBytes, int64_t m = -1,
                            int64_t n = -1, bool extraColumns = false);

/// The tiling along M (GemmTiling::alongM) for `elementBytes`-byte
/// elements on `target` and an M x N x K product of known sizes: the
/// micro-tile that pads M and N least, of those with enough accumulators,
/// over one slice of all of K.
GemmTiling deriveGemmTilingAlongM(const TargetDescription &target,
                                  unsigned elementBytes, int64_t m,
                                  int64_t n, int64_t k);

/// The multiply-adds a tiling computes per step of K for an M x N product,
/// padding included.
double paddedWork(const GemmTiling &tiling, int64_t m, int64_t n);

/// Whether a constant A of `bytes` packed for a tiling along M is streamed
/// past the caches (GemmProblem::streamA): from 2 L2s on. ResNet-18's
/// 256- and 512-filter layers (1.2 to 9.4 MB, with 46 MB of weights in all
/// that do not fit the 32 MB L3) ran 2% faster so than with none streamed,
/// 1% faster than with only those of 4 L2s or more.
inline bool streamsPastCaches(const TargetDescription &target,
                              int64_t bytes) {
  return bytes >= 2 * int64_t(target.l2CacheBytes);
}

} // namespace ds

#endif // DS_PASSES_CODEGEN_TARGETDESCRIPTION_H
