//===- ModelSignature.cpp - The inputs and outputs of a model -------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "passes/Codegen/ModelSignature.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"

using namespace mlir;

int ds::abiDTypeCode(Type type) {
  if (type.isF32())
    return 1;
  if (type.isF16())
    return 10;
  if (type.isBF16())
    return 16;
  if (type.isF64())
    return 11;
  // ONNX's float8, float4 and e8m0: one byte per element (float4 too).
  if (isa<Float8E4M3FNType>(type))
    return 17;
  if (isa<Float8E4M3FNUZType>(type))
    return 18;
  if (isa<Float8E5M2Type>(type))
    return 19;
  if (isa<Float8E5M2FNUZType>(type))
    return 20;
  if (isa<Float4E2M1FNType>(type))
    return 23;
  if (isa<Float8E8M0FNUType>(type))
    return 24;
  auto integer = dyn_cast<IntegerType>(type);
  if (!integer)
    return 0;
  bool isUnsigned = integer.isUnsigned();
  switch (integer.getWidth()) {
  case 1:
    return integer.isSignless() ? 9 : 0;
  case 8:
    return isUnsigned ? 2 : 3;
  case 16:
    return isUnsigned ? 4 : 5;
  case 32:
    return isUnsigned ? 12 : 6;
  case 64:
    return isUnsigned ? 13 : 7;
  default:
    return 0;
  }
}

llvm::StringRef ds::abiDTypeName(int code) {
  switch (code) {
  case 1:
    return "float";
  case 2:
    return "uint8";
  case 3:
    return "int8";
  case 4:
    return "uint16";
  case 5:
    return "int16";
  case 6:
    return "int32";
  case 7:
    return "int64";
  case 9:
    return "bool";
  case 10:
    return "float16";
  case 11:
    return "double";
  case 12:
    return "uint32";
  case 13:
    return "uint64";
  case 16:
    return "bfloat16";
  case 17:
    return "float8e4m3fn";
  case 18:
    return "float8e4m3fnuz";
  case 19:
    return "float8e5m2";
  case 20:
    return "float8e5m2fnuz";
  case 23:
    return "float4e2m1";
  case 24:
    return "float8e8m0";
  default:
    return "unknown";
  }
}

static FailureOr<ds::TensorSignature> readTensor(Attribute attr,
                                                 ModuleOp module) {
  auto dict = dyn_cast<DictionaryAttr>(attr);
  auto name = dict ? dict.getAs<StringAttr>("name") : StringAttr();
  auto type = dict ? dict.getAs<TypeAttr>("type") : TypeAttr();
  auto dimNames = dict ? dict.getAs<ArrayAttr>("dim_names") : ArrayAttr();
  auto tensor = type ? dyn_cast<RankedTensorType>(type.getValue())
                     : RankedTensorType();
  if (!name || !tensor || !dimNames ||
      dimNames.size() != static_cast<size_t>(tensor.getRank()) ||
      !llvm::all_of(dimNames, llvm::IsaPred<StringAttr>)) {
    module.emitError() << "malformed '" << ds::kModelAttrName
                       << "' entry: " << attr;
    return failure();
  }
  ds::TensorSignature result;
  result.name = name.str();
  result.type = tensor;
  for (Attribute dimName : dimNames)
    result.dimNames.push_back(cast<StringAttr>(dimName).str());
  return result;
}

FailureOr<ds::ModelSignature> ds::readModelSignature(ModuleOp module) {
  auto model = module->getAttrOfType<DictionaryAttr>(kModelAttrName);
  if (!model)
    return module.emitError()
           << "the module has no '" << kModelAttrName
           << "' attribute: run ds-record-model-signature before lowering";
  auto entry = model.getAs<StringAttr>("entry");
  auto inputs = model.getAs<ArrayAttr>("inputs");
  auto outputs = model.getAs<ArrayAttr>("outputs");
  if (!entry || !inputs || !outputs)
    return module.emitError() << "malformed '" << kModelAttrName
                              << "' attribute: " << model;
  ModelSignature signature;
  signature.entry = entry.str();
  for (auto [list, into] : {std::pair{inputs, &signature.inputs},
                            std::pair{outputs, &signature.outputs}}) {
    for (Attribute attr : list) {
      FailureOr<TensorSignature> tensor = readTensor(attr, module);
      if (failed(tensor))
        return failure();
      into->push_back(std::move(*tensor));
    }
  }
  return signature;
}

static llvm::json::Value toJSON(const ds::TensorSignature &tensor) {
  llvm::json::Array shape;
  for (auto [dim, name] : llvm::zip_equal(tensor.type.getShape(),
                                          tensor.dimNames)) {
    if (!ShapedType::isDynamic(dim))
      shape.push_back(dim);
    else if (!name.empty())
      shape.push_back(name);
    else
      shape.push_back(nullptr);
  }
  return llvm::json::Object{
      {"name", tensor.name},
      {"dtype",
       ds::abiDTypeName(ds::abiDTypeCode(tensor.type.getElementType()))},
      {"shape", std::move(shape)}};
}

llvm::json::Value ds::toJSON(const ModelSignature &signature) {
  llvm::json::Array inputs, outputs;
  for (const TensorSignature &tensor : signature.inputs)
    inputs.push_back(::toJSON(tensor));
  for (const TensorSignature &tensor : signature.outputs)
    outputs.push_back(::toJSON(tensor));
  return llvm::json::Object{{"entry", signature.entry},
                            {"inputs", std::move(inputs)},
                            {"outputs", std::move(outputs)}};
}
