//===- Pipelines.cpp - Pass pipelines of ds ---------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Pipelines/Pipelines.h"

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
  }
  ConvertDSToLinalgOptions lowering;
  lowering.requireFull = true;
  pm.addNestedPass<func::FuncOp>(createConvertDSToLinalg(lowering));

  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::buildBufferDeallocationPipeline(pm);

  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void ds::registerDSPipelines() {
  PassPipelineRegistration<LowerToLLVMOptions>(
      "ds-lower-to-llvm",
      "Lower ds on tensors through linalg, buffers and loops to the LLVM "
      "dialect (the reference CPU path)",
      buildLowerToLLVMPipeline);
}
