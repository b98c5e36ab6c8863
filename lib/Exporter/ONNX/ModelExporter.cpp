//===- ModelExporter.cpp - ds IR back to ONNX -------------------*- C++ -*-===//
//
// Part of ds. The ModelProto around the exported graph: opset and IR
// version, inputs and outputs named after the `ds.name` argument and result
// attributes the importer sets, and (optionally) external data.
//
//===----------------------------------------------------------------------===//

#include "ds/Exporter/ONNXExporter.h"

#include "dialects/ds/DSOps.h"
#include "lib/Exporter/ONNX/ExportContext.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <climits>

using namespace mlir;
using namespace ds::onnx_export;

/// The IR version that goes with an opset of the default domain (the
/// pairing onnx.helper uses).
/// Writes the symbolic names of `info`'s dynamic dims from a `ds.dim_names`
/// attribute (what the importer read from dim_param).
static void setDimNames(onnx::ValueInfoProto &info, ArrayAttr names) {
  if (!names || !info.type().has_tensor_type())
    return;
  auto *shape = info.mutable_type()->mutable_tensor_type()->mutable_shape();
  if (static_cast<size_t>(shape->dim_size()) != names.size())
    return;
  for (auto [dim, name] : llvm::zip_equal(*shape->mutable_dim(), names)) {
    auto text = dyn_cast<StringAttr>(name);
    if (text && !text.getValue().empty() && !dim.has_dim_value())
      dim.set_dim_param(text.str());
  }
}

static int64_t irVersionFor(int64_t opset) {
  if (opset <= 22)
    return 10;
  if (opset == 23)
    return 11;
  if (opset == 24)
    return 12;
  if (opset <= 27)
    return 13;
  return onnx::IR_VERSION;
}

/// Moves initializers over the threshold into the external data file.
static LogicalResult writeExternalData(onnx::GraphProto &graph,
                                       const ds::ONNXExportOptions &options,
                                       Location loc) {
  SmallString<256> path(options.externalDataDir);
  llvm::sys::path::append(path, options.externalDataFile);
  std::error_code error;
  llvm::raw_fd_ostream os(path, error);
  if (error)
    return emitError(loc) << "cannot write external data file '" << path
                          << "': " << error.message();
  uint64_t offset = 0;
  for (onnx::TensorProto &tensor : *graph.mutable_initializer()) {
    const std::string &raw = tensor.raw_data();
    if (static_cast<int64_t>(raw.size()) <= options.externalThreshold)
      continue;
    // Page-aligned, so that importers can map the weights in place.
    uint64_t aligned = llvm::alignTo(offset, 4096);
    os.write_zeros(aligned - offset);
    os.write(raw.data(), raw.size());
    auto add = [&](StringRef key, StringRef value) {
      onnx::StringStringEntryProto *entry = tensor.add_external_data();
      entry->set_key(key.str());
      entry->set_value(value.str());
    };
    add("location", options.externalDataFile);
    add("offset", std::to_string(aligned));
    add("length", std::to_string(raw.size()));
    tensor.set_data_location(onnx::TensorProto::EXTERNAL);
    offset = aligned + raw.size();
    tensor.clear_raw_data();
  }
  return success();
}

LogicalResult ds::exportONNX(func::FuncOp func, llvm::raw_ostream &os,
                             const ONNXExportOptions &options) {
  Location loc = func.getLoc();
  if (options.opset < 21 || options.opset > 28)
    return emitError(loc) << "export to opset " << options.opset
                          << " is not supported (ds exports opsets 21 to 28)";
  if (func.isExternal() || !func.getBody().hasOneBlock())
    return emitError(loc) << "only a function with one block is exported";

  // The opset asked for, raised to the newest any op needs.
  int64_t version = options.opset;
  func.walk(
      [&](Operation *op) { version = std::max(version, minimumOpset(op)); });
  onnx::ModelProto model;
  model.set_ir_version(irVersionFor(version));
  model.set_producer_name("ds");
  onnx::OperatorSetIdProto *opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(version);
  onnx::GraphProto *graph = model.mutable_graph();
  graph->set_name(func.getSymName().str());

  ExportContext ctx(options);
  ctx.graph = graph;
  Block &body = func.getBody().front();
  for (BlockArgument arg : body.getArguments()) {
    auto name =
        func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "ds.name");
    ctx.setName(arg, name ? name.getValue().str()
                          : "input_" + std::to_string(arg.getArgNumber()));
    onnx::ValueInfoProto *info = graph->add_input();
    if (failed(ctx.setValueInfo(*info, arg, loc)))
      return failure();
    setDimNames(*info, func.getArgAttrOfType<ArrayAttr>(arg.getArgNumber(),
                                                        "ds.dim_names"));
  }
  // Results produced by an op (once, not a constant) take the output's name
  // directly; the others are copied to it with Identity.
  Operation *terminator = body.getTerminator();
  SmallVector<std::string> outputNames;
  llvm::SmallPtrSet<Value, 8> named;
  for (auto [i, value] : llvm::enumerate(terminator->getOperands())) {
    auto attr = func.getResultAttrOfType<StringAttr>(i, "ds.name");
    std::string name =
        attr ? attr.getValue().str() : "output_" + std::to_string(i);
    outputNames.push_back(name);
    if (value.getDefiningOp() && !isa<ConstantOp>(value.getDefiningOp()) &&
        named.insert(value).second)
      ctx.setName(value, name);
  }
  bool ok = true;
  for (Operation &op : body.without_terminator())
    ok &= succeeded(ctx.exportOp(&op));
  if (!ok)
    return failure();
  for (auto [i, value, name] :
       llvm::enumerate(terminator->getOperands(), outputNames)) {
    if (ctx.name(value) != name) {
      onnx::NodeProto *node = graph->add_node();
      node->set_op_type("Identity");
      node->add_input(ctx.name(value));
      node->add_output(name);
    }
    onnx::ValueInfoProto *info = graph->add_output();
    if (failed(ctx.setValueInfo(*info, value, loc)))
      return failure();
    info->set_name(name);
    setDimNames(*info, func.getResultAttrOfType<ArrayAttr>(i, "ds.dim_names"));
  }

  if (!options.externalDataFile.empty() &&
      failed(writeExternalData(*graph, options, loc)))
    return failure();
  if (model.ByteSizeLong() > static_cast<size_t>(INT_MAX))
    return emitError(loc) << "the model is over the 2 GB protobuf limit: "
                             "export its weights as external data";
  std::string bytes;
  if (!model.SerializeToString(&bytes))
    return emitError(loc) << "the ONNX model could not be serialized";
  os << bytes;
  return success();
}
