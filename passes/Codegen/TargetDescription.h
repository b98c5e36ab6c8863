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
};

/// The tiling for `elementBytes`-byte elements on `target`; for a GEMM
/// whose M and N are known (> 0), the micro-tile that pads them least.
GemmTiling deriveGemmTiling(const TargetDescription &target,
                            unsigned elementBytes, int64_t m = -1,
                            int64_t n = -1);

} // namespace ds

#endif // DS_PASSES_CODEGEN_TARGETDESCRIPTION_H
