//===- Pipelines.h - Pass pipelines of ds ------------------------*- C++
//-*-===//
//
// Part of ds. Pipelines are C++ builders, used by ds-opt (as registered
// pipelines) and by the compiler driver alike.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_PIPELINES_PIPELINES_H
#define DS_PASSES_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace ds {

/// Options of the lowering from ds to the LLVM dialect.
struct LowerToLLVMOptions
    : public mlir::PassPipelineOptions<LowerToLLVMOptions> {
  Option<bool> simplify{
      *this, "simplify",
      llvm::cl::desc("Run ds-infer-shapes, canonicalize and "
                     "ds-fold-batchnorm before lowering"),
      llvm::cl::init(true)};
  Option<bool> fuseElementwise{
      *this, "fuse-elementwise",
      llvm::cl::desc("Fuse elementwise linalg ops after the lowering to "
                     "linalg (ds-fuse-elementwise)"),
      llvm::cl::init(true)};
  Option<bool> modelABI{
      *this, "model-abi",
      llvm::cl::desc("Record the model's signature and emit the model ABI "
                     "(ds_model_get) that compiled libraries export"),
      llvm::cl::init(false)};
  Option<std::string> entry{
      *this, "entry",
      llvm::cl::desc("With model-abi: the model's function (default: the "
                     "only public one)"),
      llvm::cl::init("")};
  // The target's vector unit and caches (TargetDescription), from which
  // ds-lower-contractions derives its tiling. The defaults describe a
  // 128-bit SIMD unit with 16 registers, 32 KiB L1 and 512 KiB L2.
  Option<unsigned> vectorBits{
      *this, "vector-bits",
      llvm::cl::desc("Bits of a vector register (0: no vector unit)"),
      llvm::cl::init(128)};
  Option<unsigned> vectorRegisters{
      *this, "vector-registers",
      llvm::cl::desc("Number of vector registers"), llvm::cl::init(16)};
  Option<unsigned> l1CacheBytes{*this, "l1-cache-bytes",
                                llvm::cl::desc("Per-core L1 data cache"),
                                llvm::cl::init(32768)};
  Option<unsigned> l2CacheBytes{*this, "l2-cache-bytes",
                                llvm::cl::desc("Per-core L2 cache"),
                                llvm::cl::init(524288)};
  Option<bool> winograd{
      *this, "winograd",
      llvm::cl::desc("Run the 3x3 convolutions ds-lower-contractions takes "
                     "as Winograd F(2x2, 3x3)"),
      llvm::cl::init(true)};
};

/// ds on tensors -> linalg (every ds op must lower) -> buffers (with
/// deallocation) -> loops -> the LLVM dialect. Contractions become packed,
/// register-tiled vector loops (ds-lower-contractions); the other linalg
/// ops become parallel loops that LLVM vectorizes.
void buildLowerToLLVMPipeline(mlir::OpPassManager &pm,
                              const LowerToLLVMOptions &options);

/// Registers the pipelines with the global registry (`ds-lower-to-llvm`).
void registerDSPipelines();

} // namespace ds

#endif // DS_PASSES_PIPELINES_PIPELINES_H
