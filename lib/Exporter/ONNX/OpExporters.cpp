//===- OpExporters.cpp - ds ops as ONNX nodes -------------------*- C++ -*-===//
//
// Part of ds. Most ds ops are one ONNX node of the same name (CamelCase of
// the mnemonic) with the same attributes; the rest, whose canonical ds form
// moved an ONNX input into an attribute (axes, split, ...) or which hold
// regions, have exporters of their own. The `precision` attribute has no
// ONNX form and is not written.
//
//===----------------------------------------------------------------------===//

#include "lib/Exporter/ONNX/ExportContext.h"

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/TensorImport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;

namespace ds::onnx_export {
namespace {

using ExportFn = LogicalResult (*)(ExportContext &, Operation *);

/// The ONNX op type of a ds mnemonic: CamelCase, with ONNX's spellings.
std::string onnxOpType(StringRef mnemonic) {
  static const llvm::StringMap<StringRef> spelled = {
      {"prelu", "PRelu"},
      {"is_nan", "IsNaN"},
      {"matmul", "MatMul"},
      {"gather_nd", "GatherND"},
      {"scatter_nd", "ScatterND"},
      {"dft", "DFT"},
      {"stft", "STFT"},
      {"lstm", "LSTM"},
      {"gru", "GRU"},
      {"rnn", "RNN"}};
  auto it = spelled.find(mnemonic);
  if (it != spelled.end())
    return it->second.str();
  std::string result;
  bool upper = true;
  for (char c : mnemonic) {
    if (c == '_') {
      upper = true;
      continue;
    }
    result.push_back(upper ? llvm::toUpper(c) : c);
    upper = false;
  }
  return result;
}

/// The ONNX name of a ds attribute.
StringRef onnxAttrName(StringRef name) {
  if (name == "trans_a")
    return "transA";
  if (name == "trans_b")
    return "transB";
  return name;
}

/// Writes the op's attributes except `skip` (and precision and segment
/// sizes, which have no ONNX form).
LogicalResult writeAttrs(ExportContext &ctx, Operation *op,
                         onnx::NodeProto *node, ArrayRef<StringRef> skip = {}) {
  for (NamedAttribute named : op->getAttrDictionary()) {
    StringRef name = named.getName();
    if (name == "precision" || name == "operandSegmentSizes" ||
        name == "resultSegmentSizes" || llvm::is_contained(skip, name))
      continue;
    Attribute attr = named.getValue();
    StringRef onnxName = onnxAttrName(name);
    if (auto b = dyn_cast<BoolAttr>(attr)) {
      addAttr(node, onnxName, int64_t(b.getValue()));
    } else if (auto i = dyn_cast<IntegerAttr>(attr)) {
      addAttr(node, onnxName, i.getInt());
    } else if (auto f = dyn_cast<FloatAttr>(attr)) {
      addAttr(node, onnxName, static_cast<float>(f.getValueAsDouble()));
    } else if (auto s = dyn_cast<StringAttr>(attr)) {
      addAttr(node, onnxName, s.getValue());
    } else if (auto ints = dyn_cast<DenseI64ArrayAttr>(attr)) {
      addAttr(node, onnxName, ints.asArrayRef());
    } else if (auto floats = dyn_cast<DenseF32ArrayAttr>(attr)) {
      onnx::AttributeProto *proto = node->add_attribute();
      proto->set_name(onnxName.str());
      proto->set_type(onnx::AttributeProto::FLOATS);
      for (float value : floats.asArrayRef())
        proto->add_floats(value);
    } else if (auto type = dyn_cast<TypeAttr>(attr)) {
      // Element types (dtype, output_datatype) are ONNX data type numbers.
      int32_t dataType = onnx_import::getDataType(type.getValue());
      if (!dataType)
        return op->emitOpError("attribute '")
               << name << "' names a type with no ONNX form: " << type;
      addAttr(node, onnxName, int64_t(dataType));
    } else if (auto array = dyn_cast<ArrayAttr>(attr)) {
      onnx::AttributeProto *proto = node->add_attribute();
      proto->set_name(onnxName.str());
      if (llvm::all_of(array, llvm::IsaPred<StringAttr>)) {
        proto->set_type(onnx::AttributeProto::STRINGS);
        for (Attribute element : array)
          proto->add_strings(cast<StringAttr>(element).getValue().str());
      } else if (llvm::all_of(array, llvm::IsaPred<FloatAttr>)) {
        proto->set_type(onnx::AttributeProto::FLOATS);
        for (Attribute element : array)
          proto->add_floats(cast<FloatAttr>(element).getValueAsDouble());
      } else if (llvm::all_of(array, llvm::IsaPred<IntegerAttr>)) {
        proto->set_type(onnx::AttributeProto::INTS);
        for (Attribute element : array)
          proto->add_ints(cast<IntegerAttr>(element).getInt());
      } else {
        return op->emitOpError("attribute '")
               << name << "' has no ONNX form: " << attr;
      }
    } else if (auto elements = dyn_cast<ElementsAttr>(attr)) {
      onnx::AttributeProto *proto = node->add_attribute();
      proto->set_name(onnxName.str());
      proto->set_type(onnx::AttributeProto::TENSOR);
      if (failed(ctx.fillTensor(elements, *proto->mutable_t(), op->getLoc())))
        return failure();
    } else {
      return op->emitOpError("attribute '")
             << name << "' has no ONNX form: " << attr;
    }
  }
  return success();
}

LogicalResult exportSegmented(ExportContext &ctx, Operation *op,
                              StringRef opType);

LogicalResult exportGeneric(ExportContext &ctx, Operation *op) {
  // Optional operands sized by segments keep their positions ("" inputs).
  if (op->getAttrOfType<DenseI32ArrayAttr>("operandSegmentSizes"))
    return exportSegmented(ctx, op, onnxOpType(op->getName().stripDialect()));
  onnx::NodeProto *node = ctx.addNode(onnxOpType(op->getName().stripDialect()),
                                      llvm::to_vector(op->getOperands()),
                                      op->getResults(), op->getLoc());
  return writeAttrs(ctx, op, node);
}

/// The op's `axes` attribute as an extra int64 input at `position`.
LogicalResult exportWithAxesInput(ExportContext &ctx, Operation *op,
                                  StringRef attrName, size_t position) {
  SmallVector<std::string> inputs;
  for (Value operand : op->getOperands())
    inputs.push_back(ctx.name(operand));
  if (auto axes = op->getAttrOfType<DenseI64ArrayAttr>(attrName)) {
    inputs.resize(std::max(inputs.size(), position), "");
    // Slice's index inputs share one type (int32 or int64).
    bool int32 = op->getNumOperands() > 1 &&
                 cast<ShapedType>(op->getOperand(1).getType())
                     .getElementType()
                     .isInteger(32) &&
                 op->getName().stripDialect() == "slice";
    inputs.insert(inputs.begin() + position,
                  ctx.addInt64s(axes.asArrayRef(), /*scalar=*/false, int32));
  }
  onnx::NodeProto *node = ctx.addNode(onnxOpType(op->getName().stripDialect()),
                                      {}, op->getResults(), op->getLoc());
  for (const std::string &input : inputs)
    node->add_input(input);
  return writeAttrs(ctx, op, node, {attrName});
}

LogicalResult exportReduction(ExportContext &ctx, Operation *op) {
  return exportWithAxesInput(ctx, op, "axes", 1);
}
LogicalResult exportSqueeze(ExportContext &ctx, Operation *op) {
  return exportWithAxesInput(ctx, op, "axes", 1);
}
LogicalResult exportSplit(ExportContext &ctx, Operation *op) {
  return exportWithAxesInput(ctx, op, "split", 1);
}
/// Slice: data, starts, ends, axes, steps.
LogicalResult exportSlice(ExportContext &ctx, Operation *op) {
  return exportWithAxesInput(ctx, op, "axes", 3);
}
/// Pad: data, pads, constant_value, axes.
LogicalResult exportPad(ExportContext &ctx, Operation *op) {
  return exportWithAxesInput(ctx, op, "axes", 3);
}

/// The op's integer attributes `attrNames` as int64 inputs inserted at
/// `position` (absent inputs before it written ""): rank 0 for a scalar
/// attribute, 1-D for an array.
LogicalResult exportWithAttrInputs(ExportContext &ctx, Operation *op,
                                   ArrayRef<StringRef> attrNames,
                                   size_t position) {
  SmallVector<std::string> inputs;
  for (Value operand : op->getOperands())
    inputs.push_back(ctx.name(operand));
  inputs.resize(std::max(inputs.size(), position), "");
  for (auto [i, attrName] : llvm::enumerate(attrNames)) {
    Attribute attr = op->getAttr(attrName);
    std::string input;
    if (auto integer = dyn_cast_or_null<IntegerAttr>(attr))
      input = ctx.addInt64s({integer.getInt()}, /*scalar=*/true);
    else if (auto ints = dyn_cast_or_null<DenseI64ArrayAttr>(attr))
      input = ctx.addInt64s(ints.asArrayRef());
    else
      return op->emitOpError("attribute '") << attrName << "' is missing";
    inputs.insert(inputs.begin() + position + i, input);
  }
  onnx::NodeProto *node = ctx.addNode(onnxOpType(op->getName().stripDialect()),
                                      {}, op->getResults(), op->getLoc());
  for (const std::string &input : inputs)
    node->add_input(input);
  return writeAttrs(ctx, op, node, attrNames);
}

/// Range: ONNX takes rank-0 bounds; ds also one-element 1-D ones, which are
/// reshaped to scalars first.
LogicalResult exportRange(ExportContext &ctx, Operation *op) {
  SmallVector<std::string> inputs;
  for (Value operand : op->getOperands()) {
    std::string input = ctx.name(operand);
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    if (!type || type.getRank() != 0) {
      onnx::NodeProto *reshape = ctx.graph->add_node();
      reshape->set_op_type("Reshape");
      reshape->add_input(input);
      reshape->add_input(ctx.addInt64s({}, /*scalar=*/false));
      input = ctx.freshValueName();
      reshape->add_output(input);
    }
    inputs.push_back(input);
  }
  onnx::NodeProto *node =
      ctx.addNode("Range", {}, op->getResults(), op->getLoc());
  for (const std::string &input : inputs)
    node->add_input(input);
  return success();
}

/// CumSum and CumProd: data, axis (a scalar input).
LogicalResult exportCumulative(ExportContext &ctx, Operation *op) {
  return exportWithAttrInputs(ctx, op, {"axis"}, 1);
}
/// DFT: input, dft_length, axis (a scalar input since opset 20).
LogicalResult exportDFT(ExportContext &ctx, Operation *op) {
  return exportWithAttrInputs(ctx, op, {"axis"}, 2);
}
/// Col2Im: input, image_shape, block_shape.
LogicalResult exportCol2Im(ExportContext &ctx, Operation *op) {
  return exportWithAttrInputs(ctx, op, {"image_shape", "block_shape"}, 1);
}

/// BitCast: the target type is the result's element type.
LogicalResult exportBitCast(ExportContext &ctx, Operation *op) {
  onnx::NodeProto *node = ctx.addNode("BitCast", {op->getOperand(0)},
                                      op->getResults(), op->getLoc());
  Type elementType =
      cast<ShapedType>(op->getResult(0).getType()).getElementType();
  addAttr(node, "to", int64_t(onnx_import::getDataType(elementType)));
  return success();
}

/// Scan: its attributes, and the body as a graph.
LogicalResult exportScan(ExportContext &ctx, Operation *op) {
  onnx::NodeProto *node =
      ctx.addNode("Scan", llvm::to_vector(op->getOperands()), op->getResults(),
                  op->getLoc());
  if (failed(writeAttrs(ctx, op, node)))
    return failure();
  onnx::AttributeProto *attr = node->add_attribute();
  attr->set_name("body");
  attr->set_type(onnx::AttributeProto::GRAPH);
  return ctx.exportRegion(op->getRegion(0), *attr->mutable_g(), "body");
}

/// Cast: the target type is the result's element type; saturate and
/// round_mode (which matter for the float8, float4 and e8m0 targets only)
/// are written when they differ from ONNX's defaults.
LogicalResult exportCast(ExportContext &ctx, Operation *op) {
  onnx::NodeProto *node =
      ctx.addNode("Cast", {op->getOperand(0)}, op->getResults(), op->getLoc());
  Type elementType =
      cast<ShapedType>(op->getResult(0).getType()).getElementType();
  addAttr(node, "to", int64_t(onnx_import::getDataType(elementType)));
  auto castOp = cast<CastOp>(op);
  if (!castOp.getSaturate())
    addAttr(node, "saturate", int64_t(0));
  if (castOp.getRoundMode() != "up")
    addAttr(node, "round_mode", castOp.getRoundMode());
  return success();
}

/// Ops whose optional operands are sized by operandSegmentSizes: absent
/// ones become "" inputs.
LogicalResult exportSegmented(ExportContext &ctx, Operation *op,
                              StringRef opType) {
  auto sizes = op->getAttrOfType<DenseI32ArrayAttr>("operandSegmentSizes");
  SmallVector<Value> inputs;
  unsigned next = 0;
  for (int32_t size : sizes.asArrayRef()) {
    if (size == 0)
      inputs.push_back(Value());
    for (int32_t i = 0; i < size; ++i)
      inputs.push_back(op->getOperand(next++));
  }
  onnx::NodeProto *node =
      ctx.addNode(opType, inputs, op->getResults(), op->getLoc());
  return writeAttrs(ctx, op, node);
}

LogicalResult exportClip(ExportContext &ctx, Operation *op) {
  return exportSegmented(ctx, op, "Clip");
}
LogicalResult exportResize(ExportContext &ctx, Operation *op) {
  return exportSegmented(ctx, op, "Resize");
}

LogicalResult exportIf(ExportContext &ctx, Operation *op) {
  auto ifOp = cast<IfOp>(op);
  onnx::NodeProto *node =
      ctx.addNode("If", {ifOp.getCondition()}, op->getResults(), op->getLoc());
  for (auto [region, name] :
       {std::pair{&ifOp.getThenRegion(), "then_branch"},
        std::pair{&ifOp.getElseRegion(), "else_branch"}}) {
    onnx::AttributeProto *attr = node->add_attribute();
    attr->set_name(name);
    attr->set_type(onnx::AttributeProto::GRAPH);
    if (failed(ctx.exportRegion(*region, *attr->mutable_g(), name)))
      return failure();
  }
  return success();
}

LogicalResult exportLoop(ExportContext &ctx, Operation *op) {
  auto loop = cast<LoopOp>(op);
  onnx::NodeProto *node = nullptr;
  if (failed(exportSegmented(ctx, op, "Loop")))
    return failure();
  node = ctx.graph->mutable_node(ctx.graph->node_size() - 1);
  onnx::AttributeProto *attr = node->add_attribute();
  attr->set_name("body");
  attr->set_type(onnx::AttributeProto::GRAPH);
  return ctx.exportRegion(loop.getBody(), *attr->mutable_g(), "body");
}

/// SequenceEmpty: the element type becomes `dtype`.
LogicalResult exportSequenceEmpty(ExportContext &ctx, Operation *op) {
  onnx::NodeProto *node =
      ctx.addNode("SequenceEmpty", {}, op->getResults(), op->getLoc());
  Type element = cast<SequenceType>(op->getResult(0).getType())
                     .getElementType()
                     .getElementType();
  addAttr(node, "dtype", int64_t(onnx_import::getDataType(element)));
  return success();
}

/// Optional: an empty one names its type in `type`.
LogicalResult exportOptional(ExportContext &ctx, Operation *op) {
  onnx::NodeProto *node =
      ctx.addNode("Optional", llvm::to_vector(op->getOperands()),
                  op->getResults(), op->getLoc());
  if (op->getNumOperands() != 0)
    return success();
  onnx::AttributeProto *attr = node->add_attribute();
  attr->set_name("type");
  attr->set_type(onnx::AttributeProto::TYPE_PROTO);
  return fillTypeProto(
      cast<OptionalType>(op->getResult(0).getType()).getValueType(),
      *attr->mutable_tp(), op->getLoc());
}

const llvm::StringMap<ExportFn> &specialExporters() {
  static const llvm::StringMap<ExportFn> table = [] {
    llvm::StringMap<ExportFn> t;
    for (StringRef reduction :
         {"reduce_sum", "reduce_mean", "reduce_max", "reduce_min",
          "reduce_prod", "reduce_l1", "reduce_l2", "reduce_log_sum",
          "reduce_log_sum_exp", "reduce_sum_square"})
      t[reduction] = exportReduction;
    t["squeeze"] = exportSqueeze;
    t["unsqueeze"] = exportSqueeze;
    t["split"] = exportSplit;
    t["slice"] = exportSlice;
    t["pad"] = exportPad;
    t["cast"] = exportCast;
    t["clip"] = exportClip;
    t["resize"] = exportResize;
    t["if"] = exportIf;
    t["loop"] = exportLoop;
    t["sequence_empty"] = exportSequenceEmpty;
    t["range"] = exportRange;
    t["cum_sum"] = exportCumulative;
    t["cum_prod"] = exportCumulative;
    t["dft"] = exportDFT;
    t["col2_im"] = exportCol2Im;
    t["bit_cast"] = exportBitCast;
    t["scan"] = exportScan;
    t["optional"] = exportOptional;
    return t;
  }();
  return table;
}

} // namespace

int64_t minimumOpset(Operation *op) {
  static const llvm::StringMap<int64_t> since = {{"tensor_scatter", 24},
                                                 {"bit_cast", 26},
                                                 {"cum_prod", 26},
                                                 {"causal_conv_with_state", 27},
                                                 {"linear_attention", 27}};
  auto it = since.find(op->getName().stripDialect());
  int64_t version = it == since.end() ? 0 : it->second;
  // FLOAT4E2M1 came with opset 23, FLOAT8E8M0 and Cast's round_mode with 24.
  auto needs = [&](Type type) {
    Type element = getElementTypeOrSelf(type);
    if (isa<Float4E2M1FNType>(element))
      version = std::max<int64_t>(version, 23);
    if (isa<Float8E8M0FNUType>(element))
      version = std::max<int64_t>(version, 24);
  };
  llvm::for_each(op->getOperandTypes(), needs);
  llvm::for_each(op->getResultTypes(), needs);
  if (auto castOp = dyn_cast<CastOp>(op);
      castOp && castOp.getRoundMode() != "up")
    version = std::max<int64_t>(version, 24);
  return version;
}

LogicalResult ExportContext::exportOp(Operation *op) {
  if (auto constant = dyn_cast<ConstantOp>(op)) {
    onnx::TensorProto *tensor = graph->add_initializer();
    tensor->set_name(name(constant.getResult()));
    return fillTensor(constant.getValue(), *tensor, op->getLoc());
  }
  if (!isa<DSDialect>(op->getDialect()))
    return op->emitOpError("has no ONNX form (only ds ops are exported)");
  auto it = specialExporters().find(op->getName().stripDialect());
  if (it != specialExporters().end())
    return it->second(*this, op);
  return exportGeneric(*this, op);
}

} // namespace ds::onnx_export
