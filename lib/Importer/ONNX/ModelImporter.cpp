//===- ModelImporter.cpp - ONNX models into the ds dialect ------*- C++ -*-===//
//
// Part of ds. Reads and checks the ModelProto (IR version, opsets,
// functions), reports every unsupported node, then imports the main graph
// as a func.func and refines its types.
//
//===----------------------------------------------------------------------===//

#include "ds/Importer/ONNXImporter.h"

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/GraphImporter.h"
#include "lib/Importer/ONNX/NodeContext.h"
#include "lib/Importer/ONNX/TensorImport.h"
#include "passes/Graph/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <climits>

using namespace mlir;
using namespace ds::onnx_import;

/// The opsets of the default domain that ds imports, and the newest IR
/// version it reads (those of the pinned onnx release).
static constexpr int64_t kMinOpset = 7;
static constexpr int64_t kMaxOpset = 28;
static constexpr int64_t kMinIRVersion = 3;

static LogicalResult checkModel(const onnx::ModelProto &model,
                                ImportContext &ctx) {
  Location loc = ctx.fileLoc();
  if (model.ir_version() < kMinIRVersion)
    return emitError(loc) << "IR version " << model.ir_version()
                          << " is older than the oldest ds reads ("
                          << kMinIRVersion << ")";
  if (model.ir_version() > onnx::IR_VERSION)
    return emitError(loc) << "IR version " << model.ir_version()
                          << " is newer than the newest ds reads ("
                          << onnx::IR_VERSION << ")";
  if (model.opset_import_size() == 0)
    return emitError(loc) << "the model imports no opset";
  for (const onnx::OperatorSetIdProto &opset : model.opset_import()) {
    StringRef domain = canonicalDomain(opset.domain());
    if (domain.empty() &&
        (opset.version() < kMinOpset || opset.version() > kMaxOpset))
      return emitError(loc) << "opset " << opset.version()
                            << " of domain ai.onnx is not supported (ds "
                               "supports opsets "
                            << kMinOpset << " to " << kMaxOpset << ")";
    ctx.setOpsetVersion(domain, opset.version());
  }
  if (!model.has_graph())
    return emitError(loc) << "the model has no graph";
  return success();
}

/// The symbolic names of a value's dims ("batch"), "" where a dim has
/// none; empty if it has no named dim at all or is not a tensor.
static SmallVector<StringRef> dimNames(const onnx::ValueInfoProto &value) {
  SmallVector<StringRef> names;
  if (!value.type().has_tensor_type() ||
      !value.type().tensor_type().has_shape())
    return names;
  bool any = false;
  for (const auto &dim : value.type().tensor_type().shape().dim()) {
    names.push_back(dim.has_dim_param() ? StringRef(dim.dim_param())
                                        : StringRef());
    any |= !names.back().empty();
  }
  if (!any)
    names.clear();
  return names;
}

static func::FuncOp importMainGraph(const onnx::GraphProto &graph,
                                    ImportContext &ctx, ModuleOp module) {
  GraphImporter importer(ctx);
  if (failed(importer.checkSupport(graph, "")))
    return nullptr;

  // Graph inputs that are also initializers (IR < 4) are constants.
  llvm::StringSet<> initialized;
  for (const onnx::TensorProto &tensor : graph.initializer())
    initialized.insert(tensor.name());
  for (const onnx::SparseTensorProto &tensor : graph.sparse_initializer())
    initialized.insert(tensor.values().name());
  SmallVector<const onnx::ValueInfoProto *> inputs;
  SmallVector<Type> inputTypes;
  for (const onnx::ValueInfoProto &input : graph.input()) {
    if (initialized.contains(input.name()))
      continue;
    FailureOr<Type> type =
        convertType(input.type(), ctx.getContext(), ctx.fileLoc(),
                    "graph input '" + input.name() + "'");
    if (failed(type))
      return nullptr;
    inputs.push_back(&input);
    inputTypes.push_back(*type);
  }

  OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
  std::string name = ctx.getOptions().functionName;
  if (name.empty())
    name = graph.name().empty() ? "main" : graph.name();
  auto func = func::FuncOp::create(builder, ctx.fileLoc(), name,
                                   builder.getFunctionType(inputTypes, {}));
  Block *entry = func.addEntryBlock();
  Scope scope;
  for (auto [input, arg] : llvm::zip_equal(inputs, entry->getArguments()))
    scope.define(input->name(), arg);
  // Names of the inputs, for users of the signature (ds-compile).
  for (auto [i, input] : llvm::enumerate(inputs)) {
    func.setArgAttr(i, "ds.name", builder.getStringAttr(input->name()));
    SmallVector<StringRef> names = dimNames(*input);
    if (!names.empty())
      func.setArgAttr(i, "ds.dim_names", builder.getStrArrayAttr(names));
  }

  builder.setInsertionPointToEnd(entry);
  SmallVector<Value> outputs;
  if (failed(importer.importBody(graph, scope, builder, outputs)))
    return nullptr;
  func::ReturnOp::create(builder, ctx.fileLoc(), outputs);
  func.setFunctionType(
      builder.getFunctionType(inputTypes, TypeRange(ValueRange(outputs))));
  for (auto [i, output] : llvm::enumerate(graph.output())) {
    func.setResultAttr(i, "ds.name", builder.getStringAttr(output.name()));
    SmallVector<StringRef> names = dimNames(output);
    if (!names.empty())
      func.setResultAttr(i, "ds.dim_names", builder.getStrArrayAttr(names));
  }
  return func;
}

/// Parses a ModelProto from `stream`; an error at `loc` if it does not parse
/// or does not end where the stream does.
static std::shared_ptr<onnx::ModelProto>
parseModel(google::protobuf::io::ZeroCopyInputStream &stream, Location loc) {
  auto model = std::make_shared<onnx::ModelProto>();
  google::protobuf::io::CodedInputStream coded(&stream);
  coded.SetTotalBytesLimit(INT_MAX);
  if (!model->ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage()) {
    emitError(loc) << "not a valid ONNX model: the protobuf does not parse "
                      "(corrupt or truncated file, or not ONNX)";
    return nullptr;
  }
  return model;
}

static OwningOpRef<ModuleOp>
importModel(std::shared_ptr<onnx::ModelProto> model, ImportContext &ctx) {
  // Weights point into the parsed model instead of copying it.
  ctx.setModelOwner(model);
  if (failed(checkModel(*model, ctx)))
    return nullptr;
  for (const onnx::FunctionProto &function : model->functions())
    ctx.addFunction(function);

  OwningOpRef<ModuleOp> module = ModuleOp::create(ctx.fileLoc());
  func::FuncOp func = importMainGraph(model->graph(), ctx, *module);
  if (!func)
    return nullptr;
  if (failed(verify(*module)))
    return nullptr;
  if (ctx.getOptions().inferShapes) {
    PassManager pm(ctx.getContext(), ModuleOp::getOperationName());
    pm.addNestedPass<func::FuncOp>(ds::createInferShapes());
    if (failed(pm.run(*module)))
      return nullptr;
  }
  return module;
}

OwningOpRef<ModuleOp> ds::importONNXBuffer(StringRef bytes,
                                           StringRef bufferName,
                                           MLIRContext *context,
                                           const ONNXImportOptions &options) {
  context->loadDialect<DSDialect, func::FuncDialect>();
  ImportContext ctx(context, bufferName, options);
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    emitError(ctx.fileLoc()) << "the model's protobuf is over 2 GB: store "
                                "its weights as external data";
    return nullptr;
  }
  google::protobuf::io::ArrayInputStream stream(bytes.data(),
                                                static_cast<int>(bytes.size()));
  std::shared_ptr<onnx::ModelProto> model = parseModel(stream, ctx.fileLoc());
  if (!model)
    return nullptr;
  return importModel(std::move(model), ctx);
}

OwningOpRef<ModuleOp> ds::importONNXFile(StringRef path, MLIRContext *context,
                                         const ONNXImportOptions &options) {
  context->loadDialect<DSDialect, func::FuncDialect>();
  ImportContext ctx(context, path, options);
  // Streamed from the file: the model is in memory once, as parsed.
  int fd;
  if (std::error_code error = llvm::sys::fs::openFileForRead(path, fd)) {
    emitError(ctx.fileLoc())
        << "cannot open ONNX model '" << path << "': " << error.message();
    return nullptr;
  }
  std::shared_ptr<onnx::ModelProto> model;
  {
    google::protobuf::io::FileInputStream stream(fd, 1 << 20);
    stream.SetCloseOnDelete(true);
    model = parseModel(stream, ctx.fileLoc());
  }
  if (!model)
    return nullptr;
  return importModel(std::move(model), ctx);
}

int64_t ds::getMinSupportedOpset() { return kMinOpset; }
int64_t ds::getMaxSupportedOpset() { return kMaxOpset; }

std::vector<ds::ONNXOpSupport> ds::getSupportedONNXOps() {
  std::vector<ONNXOpSupport> ops;
  for (auto &[opType, ranges] : ConverterRegistry::get().ranges()) {
    for (auto [lo, hi] : ranges) {
      lo = std::max(lo, kMinOpset);
      hi = std::min(hi, kMaxOpset);
      if (lo > hi)
        continue;
      // Merge ranges that touch (converters split by opset).
      if (!ops.empty() && ops.back().opType == opType &&
          ops.back().maxOpset + 1 >= lo) {
        ops.back().maxOpset = std::max(ops.back().maxOpset, hi);
        continue;
      }
      ops.push_back({opType, lo, hi});
    }
  }
  return ops;
}

void ds::registerONNXImportDialects(DialectRegistry &registry) {
  registry.insert<DSDialect, func::FuncDialect>();
}
