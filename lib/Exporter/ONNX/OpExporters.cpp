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
      {"scatter_nd", "ScatterND"}};
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

LogicalResult exportGeneric(ExportContext &ctx, Operation *op) {
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
    inputs.insert(inputs.begin() + position, ctx.addInt64s(axes.asArrayRef()));
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

LogicalResult exportCast(ExportContext &ctx, Operation *op) {
  onnx::NodeProto *node =
      ctx.addNode("Cast", {op->getOperand(0)}, op->getResults(), op->getLoc());
  Type elementType =
      cast<ShapedType>(op->getResult(0).getType()).getElementType();
  addAttr(node, "to", int64_t(onnx_import::getDataType(elementType)));
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
    t["optional"] = exportOptional;
    return t;
  }();
  return table;
}

} // namespace

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
