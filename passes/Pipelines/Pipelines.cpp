//===- Pipelines.cpp - Pass pipelines of ds ---------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Pipelines/Pipelines.h"

#include "passes/Codegen/Passes.h"
#include "passes/Conversion/DSToLinalg/Passes.h"
#include "passes/Graph/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void ds::buildLowerToLLVMPipeline(OpPassManager &pm,
                                  const LowerToLLVMOptions &options) {
  if (options.simplify) {
    pm.addNestedPass<func::FuncOp>(createInferShapes());
    pm.addPass(createCanonicalizerPass());
    pm.addNestedPass<func::FuncOp>(createInferShapes());
    // Batch normalization and per-channel scales and offsets into the
    // weights of the convolutions and matrix products before them.
    pm.addNestedPass<func::FuncOp>(createFoldBatchNorm());
    pm.addNestedPass<func::FuncOp>(createTransposeConstantWeights());
  }
  if (options.modelABI) {
    RecordModelSignatureOptions record;
    record.entry = options.entry;
    pm.addPass(createRecordModelSignature(record));
  }
  ConvertDSToLinalgOptions lowering;
  lowering.requireFull = true;
  pm.addNestedPass<func::FuncOp>(createConvertDSToLinalg(lowering));
  if (options.fuseElementwise) {
    // Chains of elementwise linalg.generic ops (bias + activation, residual
    // add + ReLU, the parts of GELU, softmax and normalizations) become one
    // generic each: one loop nest and no buffer in between. A producer is
    // fused only into its single user, so nothing is computed twice.
    // Canonicalization first resolves the tensor.dim queries of results
    // (which the lowering's size computations leave as extra users).
    pm.addPass(createCanonicalizerPass());
    pm.addNestedPass<func::FuncOp>(createFuseElementwise());
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
  }

  // Each result its own buffer: kernels may read a value longer than the
  // tensor program did (implicit padding), and the memory plan shares
  // memory between buffers afterwards. The operands of a concatenation
  // are written straight into their slices of its result.
  pm.addNestedPass<func::FuncOp>(createDecomposeConcat());
  pm.addNestedPass<func::FuncOp>(createUnshareEmptyTensors());
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  // Dense row-major buffers at function boundaries: what callers (the model
  // ABI, C programs) pass and expect back.
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  // Loops whose results are fresh buffers (scan outputs, carried values of
  // dynamic shape) return their allocations.
  bufferize.allowReturnAllocsFromLoops = true;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());
  pm.addPass(createLowerMemRefCopy());

  // Matmuls and convolutions as GEMM kernels tiled for the target.
  LowerContractionsOptions contractions;
  contractions.vectorBits = options.vectorBits;
  contractions.vectorRegisters = options.vectorRegisters;
  contractions.l1CacheBytes = options.l1CacheBytes;
  contractions.l2CacheBytes = options.l2CacheBytes;
  contractions.winograd = options.winograd;
  pm.addPass(createLowerContractions(contractions));
  // Depthwise convolutions and pools as vector loops along output rows.
  LowerWindowOpsOptions windows;
  windows.vectorBits = options.vectorBits;
  windows.vectorRegisters = options.vectorRegisters;
  windows.l1CacheBytes = options.l1CacheBytes;
  windows.l2CacheBytes = options.l2CacheBytes;
  pm.addNestedPass<func::FuncOp>(createLowerWindowOps(windows));
  // Reductions over trailing contiguous dims (pools over a whole image,
  // normalizations, softmax) as vector loops.
  LowerReductionsOptions reductions;
  reductions.vectorBits = options.vectorBits;
  pm.addNestedPass<func::FuncOp>(createLowerReductions(reductions));
  // Temporary buffers of static size (the GEMMs' included) share one
  // workspace.
  pm.addPass(createPlanMemory());
  // Parallel loops for the parallel dimensions of linalg ops; the
  // outermost ones become tasks for the runtime's threads.
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
  pm.addPass(createOutlineParallelLoops());
  pm.addPass(createApproximateMath());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // The dynamic form reads the index width from the module's data layout
  // (32 bits on 32-bit targets).
  ConvertToLLVMPassOptions toLLVM;
  toLLVM.useDynamic = true;
  pm.addPass(createConvertToLLVMPass(toLLVM));
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createLowerParallelLaunch());
  if (options.modelABI)
    pm.addPass(createGenerateModelABI());
}

void ds::registerDSPipelines() {
  PassPipelineRegistration<LowerToLLVMOptions>(
      "ds-lower-to-llvm",
      "Lower ds on tensors through linalg, buffers and loops to the LLVM "
      "dialect (the reference CPU path)",
      buildLowerToLLVMPipeline);
}
