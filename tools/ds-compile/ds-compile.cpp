//===- ds-compile.cpp - ONNX or ds models to native libraries ---*- C++ -*-===//
//
// Part of ds.
//
//   ds-compile model.onnx -o model.so [--target=host|x86_64|aarch64|armv7|
//              riscv64] [--mcpu=CPU] [--mattr=+f,-g] [-O0..-O3]
//              [--emit=mlir|llvm|obj|so] [--entry=NAME] [--winograd=false]
//
// Imports the model (ONNX, or a .mlir file of ds ops on tensors), lowers it
// to the LLVM dialect with the model ABI, translates it to LLVM IR, emits
// an object file in process and links a shared library that the ds runtime
// loads. The signature (inputs and outputs with dtypes and shapes) is
// written as JSON beside the library: model.so -> model.json.
//
// Exit status: 0 on success; 1 for a bad command line or target; 2 when the
// model cannot be read or imported (a missing file, malformed ONNX, an
// unsupported op); 3 when it cannot be compiled (an op that does not lower,
// code generation, the link). Test runners tell the stages apart by it.
//
//===----------------------------------------------------------------------===//

#include "ds/Compiler/Compiler.h"
#include "ds/Importer/ONNXImporter.h"
#include "ds/InitAll.h"
#include "passes/Codegen/ModelABI.h"
#include "passes/Codegen/ModelSignature.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

#include <chrono>

using namespace mlir;
namespace cl = llvm::cl;

namespace {

/// Exit statuses (see the file comment).
enum ExitCode { kUsageError = 1, kImportError = 2, kCompileError = 3 };

enum class Emit { MLIR, LLVM, Object, Library };

cl::opt<std::string> inputFile(cl::Positional, cl::Required,
                               cl::desc("<model.onnx | model.mlir>"));
cl::opt<std::string> outputFile("o", cl::Required,
                                cl::desc("Output file"),
                                cl::value_desc("path"));
cl::opt<std::string>
    target("target", cl::init("host"),
           cl::desc("Target: host, x86_64, aarch64, armv7 or riscv64"));
cl::opt<std::string> cpu("mcpu", cl::desc("CPU to tune and select for "
                                          "(LLVM's names; default: the "
                                          "target's baseline, or the host's)"));
cl::opt<std::string> features("mattr",
                              cl::desc("CPU features to add or remove "
                                       "(+neon,-avx512f; LLVM's names)"));
cl::opt<unsigned> optLevel("O", cl::Prefix, cl::init(2),
                           cl::desc("Optimization level 0-3 (default 2)"));
cl::opt<Emit> emit(
    "emit", cl::init(Emit::Library), cl::desc("What to write"),
    cl::values(clEnumValN(Emit::MLIR, "mlir",
                          "the model in the LLVM dialect, with its ABI"),
               clEnumValN(Emit::LLVM, "llvm", "optimized LLVM IR"),
               clEnumValN(Emit::Object, "obj", "an object file"),
               clEnumValN(Emit::Library, "so",
                          "a shared library for the ds runtime (default)")));
cl::opt<std::string> entry("entry",
                           cl::desc("The model's function in a .mlir input "
                                    "(default: the only public one)"));
cl::opt<std::string> externalDataDir(
    "onnx-external-data-dir",
    cl::desc("Folder of the ONNX model's external data (default: the "
             "model's folder)"));
cl::opt<bool> winograd(
    "winograd", cl::init(true),
    cl::desc("Run 3x3 convolutions at stride 1 as Winograd F(2x2, 3x3) "
             "where that applies (default; --winograd=false for the "
             "direct product)"));
cl::opt<bool> timePhases("time-phases",
                         cl::desc("Print the time each phase takes"));

/// Prints phase times to stderr with --time-phases.
class PhaseTimer {
public:
  void done(llvm::StringRef phase) {
    auto now = std::chrono::steady_clock::now();
    if (timePhases)
      llvm::errs() << llvm::format(
          "ds-compile: %-10s %8.3f s\n", phase.str().c_str(),
          std::chrono::duration<double>(now - last).count());
    last = now;
  }

private:
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
};

OwningOpRef<ModuleOp> loadModel(MLIRContext &context,
                                llvm::SourceMgr &sourceMgr) {
  if (llvm::StringRef(inputFile).ends_with(".onnx")) {
    ds::ONNXImportOptions options;
    options.externalDataDir = externalDataDir;
    return ds::importONNXFile(inputFile, &context, options);
  }
  std::string error;
  auto buffer = openInputFile(inputFile, &error);
  if (!buffer) {
    llvm::errs() << "ds-compile: " << error << "\n";
    return nullptr;
  }
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  return parseSourceFile<ModuleOp>(sourceMgr, &context);
}

/// model.so -> model.json.
std::string signaturePath() {
  llvm::SmallString<256> path(outputFile);
  llvm::sys::path::replace_extension(path, "json");
  return std::string(path);
}

LogicalResult writeSignature(ModuleOp module) {
  FailureOr<ds::ModelSignature> signature = ds::readModelSignature(module);
  if (failed(signature))
    return failure();
  std::string error;
  auto file = openOutputFile(signaturePath(), &error);
  if (!file) {
    llvm::errs() << "ds-compile: " << error << "\n";
    return failure();
  }
  llvm::json::Value json = ds::toJSON(*signature);
  // The bytes of scratch memory a run needs (ds-plan-memory), which the
  // runtime allocates once per concurrent run.
  int64_t workspace = 0;
  if (auto bytes = module->getAttrOfType<IntegerAttr>(ds::kWorkspaceBytesAttr))
    workspace = bytes.getInt();
  json.getAsObject()->try_emplace("workspace_bytes", workspace);
  file->os() << llvm::formatv("{0:2}", json) << "\n";
  file->keep();
  return success();
}

int compile() {
  DialectRegistry registry;
  ds::registerDSDialects(registry);
  ds::registerCompilerDependencies(registry);
  MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  PhaseTimer timer;

  ds::TargetOptions targetOptions;
  targetOptions.target = target;
  targetOptions.cpu = cpu;
  targetOptions.features = features;
  targetOptions.optLevel = optLevel;
  if (optLevel > 3) {
    llvm::errs() << "ds-compile: -O" << optLevel
                 << " is not an optimization level (0-3)\n";
    return kUsageError;
  }
  std::string error;
  std::unique_ptr<llvm::TargetMachine> machine =
      ds::createTargetMachine(targetOptions, error);
  if (!machine) {
    llvm::errs() << "ds-compile: " << error << "\n";
    return kUsageError;
  }

  OwningOpRef<ModuleOp> module = loadModel(context, sourceMgr);
  if (!module)
    return kImportError;
  timer.done("import");
  if (failed(ds::lowerToLLVMDialect(*module, *machine, entry, winograd)))
    return kCompileError;
  timer.done("lower");

  if (emit == Emit::MLIR) {
    auto file = openOutputFile(outputFile, &error);
    if (!file) {
      llvm::errs() << "ds-compile: " << error << "\n";
      return kCompileError;
    }
    module->print(file->os());
    file->keep();
    return 0;
  }

  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      ds::translateToLLVMIR(*module, llvmContext, *machine, optLevel);
  if (!llvmModule)
    return kCompileError;
  timer.done("llvm-opt");
  if (emit == Emit::LLVM) {
    auto file = openOutputFile(outputFile, &error);
    if (!file) {
      llvm::errs() << "ds-compile: " << error << "\n";
      return kCompileError;
    }
    llvmModule->print(file->os(), nullptr);
    file->keep();
    return 0;
  }

  // The object goes to the output itself, or to a temporary file that the
  // linker reads.
  std::string objectPath = outputFile;
  if (emit == Emit::Library) {
    llvm::SmallString<128> temp;
    if (std::error_code ec =
            llvm::sys::fs::createTemporaryFile("ds-compile", "o", temp)) {
      llvm::errs() << "ds-compile: cannot create a temporary file: "
                   << ec.message() << "\n";
      return kCompileError;
    }
    objectPath = std::string(temp);
  }
  llvm::FileRemover removeObject(objectPath, emit == Emit::Library);
  {
    auto file = openOutputFile(objectPath, &error);
    if (!file) {
      llvm::errs() << "ds-compile: " << error << "\n";
      return kCompileError;
    }
    if (failed(ds::emitObject(*llvmModule, *machine, file->os(), error))) {
      llvm::errs() << "ds-compile: " << error << "\n";
      return kCompileError;
    }
    file->keep();
  }
  // The IR (with the weights) is no longer needed.
  llvmModule.reset();
  timer.done("codegen");
  if (emit == Emit::Object)
    return 0;

  if (failed(ds::linkSharedLibrary(objectPath, outputFile, error))) {
    llvm::errs() << "ds-compile: " << error << "\n";
    return kCompileError;
  }
  timer.done("link");
  if (failed(writeSignature(*module)))
    return kCompileError;
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv,
                              "ds-compile: ONNX models to native libraries\n");
  return compile();
}
