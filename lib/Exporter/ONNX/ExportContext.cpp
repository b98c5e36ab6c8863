//===- ExportContext.cpp - State of one ONNX export -------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "lib/Exporter/ONNX/ExportContext.h"

#include "dialects/ds/ControlFlowOps.h"
#include "dialects/ds/DSDialect.h"
#include "lib/Importer/ONNX/TensorImport.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;

namespace ds::onnx_export {

std::string ExportContext::name(Value value) {
  if (!value)
    return "";
  auto it = names.find(value);
  if (it != names.end())
    return it->second;
  std::string fresh = freshName("ds_");
  names[value] = fresh;
  return fresh;
}

std::string ExportContext::freshName(StringRef prefix) {
  std::string fresh;
  do {
    fresh = prefix.str() + std::to_string(nextName++);
  } while (usedNames.contains(fresh));
  usedNames.insert(fresh);
  return fresh;
}

void ExportContext::setName(Value value, StringRef name) {
  names[value] = name.str();
  usedNames.insert(name);
}

onnx::NodeProto *ExportContext::addNode(StringRef opType,
                                        ArrayRef<Value> inputs,
                                        ValueRange outputs, Location loc) {
  onnx::NodeProto *node = graph->add_node();
  node->set_op_type(opType.str());
  // Node names must be unique in a graph; the ops that one ONNX node was
  // decomposed into share its name, so later ones get a suffix.
  if (auto nameLoc = dyn_cast<NameLoc>(loc)) {
    std::string name = nameLoc.getName().str();
    for (unsigned i = 1; !nodeNames.insert(name).second; ++i)
      name = nameLoc.getName().str() + "_" + std::to_string(i);
    node->set_name(name);
  }
  // Trailing absent inputs are dropped; inner ones are written "".
  size_t count = inputs.size();
  while (count && !inputs[count - 1])
    --count;
  for (Value input : inputs.take_front(count))
    node->add_input(name(input));
  for (Value output : outputs)
    node->add_output(name(output));
  return node;
}

std::string ExportContext::addInt64s(ArrayRef<int64_t> values, bool scalar,
                                     bool asInt32) {
  onnx::TensorProto *tensor = graph->add_initializer();
  std::string tensorName = freshName("ds_c");
  tensor->set_name(tensorName);
  if (!scalar)
    tensor->add_dims(static_cast<int64_t>(values.size()));
  if (asInt32) {
    tensor->set_data_type(onnx::TensorProto::INT32);
    for (int64_t value : values)
      tensor->add_int32_data(static_cast<int32_t>(value));
  } else {
    tensor->set_data_type(onnx::TensorProto::INT64);
    tensor->set_raw_data(values.data(), values.size() * sizeof(int64_t));
  }
  return tensorName;
}

LogicalResult ExportContext::fillTensor(ElementsAttr attr,
                                        onnx::TensorProto &tensor,
                                        Location loc) {
  auto type = cast<ShapedType>(attr.getType());
  int32_t dataType = onnx_import::getDataType(type.getElementType());
  if (dataType == onnx::TensorProto::UNDEFINED)
    return emitError(loc) << "element type " << type.getElementType()
                          << " has no ONNX equivalent";
  tensor.set_data_type(dataType);
  for (int64_t dim : type.getShape())
    tensor.add_dims(dim);
  int64_t count = type.getNumElements();
  std::string *raw = tensor.mutable_raw_data();
  if (type.getElementType().isInteger(1)) {
    auto dense = dyn_cast<DenseElementsAttr>(attr);
    if (!dense)
      return emitError(loc) << "boolean constants must be dense";
    raw->reserve(count);
    for (bool value : dense.getValues<bool>())
      raw->push_back(value ? 1 : 0);
    return success();
  }
  if (type.getElementType().getIntOrFloatBitWidth() == 4) {
    // ONNX packs 4-bit elements two to a byte, the first in the low bits;
    // MLIR stores one a byte.
    ArrayRef<char> data;
    bool splat = false;
    if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
      data = dense.getRawData();
      splat = dense.isSplat();
    } else if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
      if (AsmResourceBlob *blob = resource.getRawHandle().getBlob())
        data = blob->getData();
    }
    if (data.size() != static_cast<size_t>(splat ? 1 : count))
      return emitError(loc) << "4-bit constant " << attr
                            << " does not hold one byte per element";
    raw->assign(static_cast<size_t>((count + 1) / 2), '\0');
    for (int64_t i = 0; i < count; ++i) {
      auto nibble = static_cast<uint8_t>(data[splat ? 0 : i] & 0xF);
      (*raw)[i / 2] = static_cast<char>(static_cast<uint8_t>((*raw)[i / 2]) |
                                        (nibble << (i % 2 ? 4 : 0)));
    }
    return success();
  }
  size_t width = type.getElementType().getIntOrFloatBitWidth() / 8;
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    ArrayRef<char> data = dense.getRawData();
    if (dense.isSplat()) {
      raw->reserve(count * width);
      for (int64_t i = 0; i < count; ++i)
        raw->append(data.data(), width);
    } else {
      raw->assign(data.data(), data.size());
    }
    return success();
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return emitError(loc)
             << "the data of resource '" << resource.getRawHandle().getKey()
             << "' is not loaded";
    ArrayRef<char> data = blob->getData();
    if (data.size() != count * width)
      return emitError(loc)
             << "resource '" << resource.getRawHandle().getKey() << "' holds "
             << data.size() << " bytes, not " << count * width;
    raw->assign(data.data(), data.size());
    return success();
  }
  return emitError(loc) << "constants of kind " << attr
                        << " cannot be exported";
}

LogicalResult fillTypeProto(Type type, onnx::TypeProto &proto, Location loc) {
  if (auto sequence = dyn_cast<SequenceType>(type))
    return fillTypeProto(sequence.getElementType(),
                         *proto.mutable_sequence_type()->mutable_elem_type(),
                         loc);
  if (auto optional = dyn_cast<OptionalType>(type))
    return fillTypeProto(optional.getValueType(),
                         *proto.mutable_optional_type()->mutable_elem_type(),
                         loc);
  auto tensorType = dyn_cast<TensorType>(type);
  if (!tensorType)
    return emitError(loc) << "type " << type << " has no ONNX form";
  int32_t dataType = onnx_import::getDataType(tensorType.getElementType());
  if (dataType == onnx::TensorProto::UNDEFINED)
    return emitError(loc) << "element type " << tensorType.getElementType()
                          << " has no ONNX equivalent";
  onnx::TypeProto::Tensor *tensor = proto.mutable_tensor_type();
  tensor->set_elem_type(dataType);
  if (auto ranked = dyn_cast<RankedTensorType>(tensorType)) {
    onnx::TensorShapeProto *shape = tensor->mutable_shape();
    for (int64_t dim : ranked.getShape()) {
      onnx::TensorShapeProto::Dimension *d = shape->add_dim();
      if (!ShapedType::isDynamic(dim))
        d->set_dim_value(dim);
    }
  }
  return success();
}

LogicalResult ExportContext::setValueInfo(onnx::ValueInfoProto &info,
                                          Value value, Location loc) {
  info.set_name(name(value));
  return fillTypeProto(value.getType(), *info.mutable_type(), loc);
}

LogicalResult ExportContext::exportRegion(Region &region,
                                          onnx::GraphProto &subgraph,
                                          StringRef graphName) {
  onnx::GraphProto *outer = graph;
  graph = &subgraph;
  subgraph.set_name(graphName.str());
  Block &block = region.front();
  LogicalResult result = success();
  for (BlockArgument arg : block.getArguments())
    if (failed(setValueInfo(*subgraph.add_input(), arg, arg.getLoc())))
      result = failure();
  for (Operation &op : block.without_terminator())
    if (failed(exportOp(&op)))
      result = failure();
  Operation *terminator = block.getTerminator();
  for (Value output : terminator->getOperands()) {
    // An output that is a block argument or an outer value needs its own
    // name in the subgraph: copy it through Identity.
    std::string outputName = name(output);
    if (!output.getDefiningOp() || output.getParentRegion() != &region) {
      onnx::NodeProto *node = subgraph.add_node();
      node->set_op_type("Identity");
      node->add_input(outputName);
      outputName += "_out" + std::to_string(subgraph.output_size());
      node->add_output(outputName);
    }
    onnx::ValueInfoProto *info = subgraph.add_output();
    if (failed(setValueInfo(*info, output, terminator->getLoc())))
      result = failure();
    info->set_name(outputName);
  }
  graph = outer;
  return result;
}

void addAttr(onnx::NodeProto *node, StringRef name, int64_t value) {
  onnx::AttributeProto *attr = node->add_attribute();
  attr->set_name(name.str());
  attr->set_type(onnx::AttributeProto::INT);
  attr->set_i(value);
}

void addAttr(onnx::NodeProto *node, StringRef name, float value) {
  onnx::AttributeProto *attr = node->add_attribute();
  attr->set_name(name.str());
  attr->set_type(onnx::AttributeProto::FLOAT);
  attr->set_f(value);
}

void addAttr(onnx::NodeProto *node, StringRef name, StringRef value) {
  onnx::AttributeProto *attr = node->add_attribute();
  attr->set_name(name.str());
  attr->set_type(onnx::AttributeProto::STRING);
  attr->set_s(value.str());
}

void addAttr(onnx::NodeProto *node, StringRef name, ArrayRef<int64_t> values) {
  onnx::AttributeProto *attr = node->add_attribute();
  attr->set_name(name.str());
  attr->set_type(onnx::AttributeProto::INTS);
  for (int64_t value : values)
    attr->add_ints(value);
}

} // namespace ds::onnx_export
