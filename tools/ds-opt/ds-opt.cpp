//===- ds-opt.cpp - mlir-opt for the ds dialect and passes ------*- C++ -*-===//
//
// Part of ds. Every upstream dialect, extension and pass (the lowerings of ds
// use many of them) plus everything ds provides. An ONNX model as input
// (a `.onnx` file, or any file with --import-onnx) is imported first.
//
//===----------------------------------------------------------------------===//

#include "ds/Importer/ONNXImporter.h"
#include "ds/InitAll.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

static llvm::cl::OptionCategory onnxCategory("ONNX import options");

static llvm::cl::opt<bool>
    importONNX("import-onnx",
               llvm::cl::desc("Read the input as an ONNX model (implied for "
                              "files ending in .onnx)"),
               llvm::cl::cat(onnxCategory));

static llvm::cl::opt<std::string> onnxExternalDataDir(
    "onnx-external-data-dir",
    llvm::cl::desc("Folder of the model's external data (default: the "
                   "model's folder)"),
    llvm::cl::cat(onnxCategory));

static llvm::cl::opt<bool> onnxInferShapes(
    "onnx-infer-shapes", llvm::cl::init(true),
    llvm::cl::desc("Refine the imported types with ds-infer-shapes"),
    llvm::cl::cat(onnxCategory));

/// The ONNX model in `input` as bytecode of its ds IR, or null after the
/// importer has reported why.
static std::unique_ptr<llvm::MemoryBuffer>
importToBytecode(const llvm::MemoryBuffer &input, llvm::StringRef name,
                 DialectRegistry &registry) {
  MLIRContext context(registry);
  // Every location is in the model file: print its name, not "file:0:0".
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    llvm::errs() << name << ": "
                 << (diag.getSeverity() == DiagnosticSeverity::Error ? "error"
                     : diag.getSeverity() == DiagnosticSeverity::Warning
                         ? "warning"
                         : "note")
                 << ": " << diag << "\n";
    for (const Diagnostic &note : diag.getNotes())
      llvm::errs() << name << ": note: " << note << "\n";
    return success();
  });
  ds::ONNXImportOptions options;
  options.externalDataDir = onnxExternalDataDir;
  options.inferShapes = onnxInferShapes;
  // A file is streamed (its bytes are held once, by the parsed model);
  // standard input is parsed from memory.
  OwningOpRef<ModuleOp> module =
      name == "-"
          ? ds::importONNXBuffer(input.getBuffer(), name, &context, options)
          : ds::importONNXFile(name, &context, options);
  if (!module)
    return nullptr;
  std::string bytes;
  llvm::raw_string_ostream os(bytes);
  if (failed(writeBytecodeToFile(*module, os)))
    return nullptr;
  return llvm::MemoryBuffer::getMemBufferCopy(bytes, name);
}

int main(int argc, char **argv) {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllPasses();
  ds::registerDSDialects(registry);
  ds::registerDSPasses();

  auto [inputFilename, outputFilename] =
      registerAndParseCLIOptions(argc, argv, "ds optimizer driver\n", registry);
  MlirOptMainConfig config = MlirOptMainConfig::createFromCLOptions();

  std::string error;
  std::unique_ptr<llvm::MemoryBuffer> input =
      openInputFile(inputFilename, &error);
  if (!input) {
    llvm::errs() << error << "\n";
    return 1;
  }
  if (importONNX || llvm::StringRef(inputFilename).ends_with(".onnx")) {
    input = importToBytecode(*input, inputFilename, registry);
    if (!input)
      return 1;
  }
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputFilename, &error);
  if (!output) {
    llvm::errs() << error << "\n";
    return 1;
  }
  if (failed(MlirOptMain(output->os(), std::move(input), registry, config)))
    return 1;
  output->keep();
  return 0;
}
