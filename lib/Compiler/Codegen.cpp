//===- Codegen.cpp - ds to LLVM IR and object code ------------------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "ds/Compiler/Compiler.h"

#include "passes/Pipelines/Pipelines.h"

#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Passes/PassBuilder.h"

using namespace mlir;

void ds::registerCompilerDependencies(DialectRegistry &registry) {
  // The lowering passes through most of upstream's dialects, and each
  // contributes interfaces (bufferization, conversion to LLVM) by extension.
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

LogicalResult ds::lowerToLLVMDialect(ModuleOp module,
                                     llvm::TargetMachine &machine,
                                     StringRef entry, bool winograd) {
  MLIRContext *ctx = module.getContext();
  ctx->loadDialect<DLTIDialect, LLVM::LLVMDialect>();
  // The index type is as wide as a pointer of the target, so that sizes
  // passed to malloc and offsets in GEPs have the C types.
  llvm::DataLayout layout = machine.createDataLayout();
  Builder b(ctx);
  auto indexEntry = DataLayoutEntryAttr::get(
      IndexType::get(ctx),
      b.getI32IntegerAttr(layout.getPointerSizeInBits()));
  module->setAttr(DLTIDialect::kDataLayoutAttrName,
                  DataLayoutSpecAttr::get(ctx, {indexEntry}));
  module->setAttr(LLVM::LLVMDialect::getDataLayoutAttrName(),
                  b.getStringAttr(layout.getStringRepresentation()));
  module->setAttr(LLVM::LLVMDialect::getTargetTripleAttrName(),
                  b.getStringAttr(machine.getTargetTriple().str()));

  PassManager pm(ctx);
  LowerToLLVMOptions options;
  options.modelABI = true;
  options.entry = entry.str();
  TargetDescription description = describeTarget(machine);
  options.vectorBits = description.vectorBits;
  options.vectorRegisters = description.vectorRegisters;
  options.l1CacheBytes = description.l1CacheBytes;
  options.l2CacheBytes = description.l2CacheBytes;
  options.winograd = winograd;
  buildLowerToLLVMPipeline(pm, options);
  return pm.run(module);
}

std::unique_ptr<llvm::Module>
ds::translateToLLVMIR(ModuleOp module, llvm::LLVMContext &context,
                      llvm::TargetMachine &machine, unsigned optLevel) {
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, context);
  if (!llvmModule)
    return nullptr;
  llvmModule->setDataLayout(machine.createDataLayout());
  llvmModule->setTargetTriple(machine.getTargetTriple());

  // LLVM's own pipeline for the level, tuned for the machine.
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = optLevel >= 2;
  tuning.SLPVectorization = optLevel >= 2;
  llvm::PassBuilder builder(&machine, tuning);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel level =
      optLevel == 0   ? llvm::OptimizationLevel::O0
      : optLevel == 1 ? llvm::OptimizationLevel::O1
      : optLevel == 2 ? llvm::OptimizationLevel::O2
                      : llvm::OptimizationLevel::O3;
  llvm::ModulePassManager passes =
      optLevel == 0 ? builder.buildO0DefaultPipeline(level)
                    : builder.buildPerModuleDefaultPipeline(level);
  passes.run(*llvmModule, mam);
  // After optimization: nothing calls them yet; instruction selection will.
  addCompilerRuntimeHelpers(*llvmModule, machine.getTargetTriple());
  return llvmModule;
}

LogicalResult ds::emitObject(llvm::Module &module,
                             llvm::TargetMachine &machine,
                             llvm::raw_pwrite_stream &os,
                             std::string &error) {
  llvm::legacy::PassManager passes;
  if (machine.addPassesToEmitFile(passes, os, nullptr,
                                  llvm::CodeGenFileType::ObjectFile)) {
    error = "LLVM cannot emit an object file for " +
            machine.getTargetTriple().str();
    return failure();
  }
  passes.run(module);
  return success();
}
