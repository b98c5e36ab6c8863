//===- ds-export.cpp - Write ds IR as an ONNX model -------------*- C++ -*-===//
//
// Part of ds.
//
//   ds-export in.mlir -o out.onnx [--opset=21] [--external-data=out.onnx.data]
//   ds-export in.onnx -o out.onnx      (import, then export: a round trip)
//
// Exports one function (--function, or the module's only one).
//
//===----------------------------------------------------------------------===//

#include "ds/Exporter/ONNXExporter.h"
#include "ds/Importer/ONNXImporter.h"
#include "ds/InitAll.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::Required,
                                      cl::desc("<input .mlir or .onnx>"));
static cl::opt<std::string> outputFile("o", cl::Required,
                                       cl::desc("Output ONNX model"));
static cl::opt<int64_t> opset("opset", cl::init(21),
                              cl::desc("Opset of the default domain"));
static cl::opt<std::string>
    externalData("external-data",
                 cl::desc("Write large initializers to this file, beside "
                          "the model"));
static cl::opt<std::string> functionName("function",
                                         cl::desc("The function to export"));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "ds ONNX exporter\n");
  DialectRegistry registry;
  ds::registerDSDialects(registry);
  MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);

  OwningOpRef<ModuleOp> module;
  if (llvm::StringRef(inputFile).ends_with(".onnx")) {
    module = ds::importONNXFile(inputFile, &context);
  } else {
    std::string error;
    auto buffer = openInputFile(inputFile, &error);
    if (!buffer) {
      llvm::errs() << error << "\n";
      return 1;
    }
    sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
    module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  }
  if (!module)
    return 1;

  func::FuncOp func;
  for (auto candidate : module->getOps<func::FuncOp>()) {
    if (!functionName.empty() && candidate.getSymName() != functionName)
      continue;
    if (func) {
      llvm::errs() << inputFile << ": several functions: choose one with "
                   << "--function\n";
      return 1;
    }
    func = candidate;
  }
  if (!func) {
    llvm::errs() << inputFile << ": no function "
                 << (functionName.empty() ? "" : "'" + functionName + "' ")
                 << "to export\n";
    return 1;
  }
  ds::ONNXExportOptions options;
  options.opset = opset;
  options.externalDataFile = externalData;
  options.externalDataDir = llvm::sys::path::parent_path(outputFile).str();
  std::string error;
  auto output = openOutputFile(outputFile, &error);
  if (!output) {
    llvm::errs() << error << "\n";
    return 1;
  }
  if (failed(ds::exportONNX(func, output->os(), options)))
    return 1;
  output->keep();
  return 0;
}
