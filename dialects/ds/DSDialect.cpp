//===- DSDialect.cpp - The ds dialect ---------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSDialect.h"

#include "dialects/ds/TensorOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace ds;

#include "dialects/ds/DSDialect.cpp.inc"
#include "dialects/ds/DSEnums.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "dialects/ds/DSAttrs.cpp.inc"
#define GET_TYPEDEF_CLASSES
#include "dialects/ds/DSInterfaces.cpp.inc"
#include "dialects/ds/DSTypes.cpp.inc"

void DSDialect::initialize() {
  registerAttributes();
  registerTypes();
  registerSequenceOps();
  registerElementwiseOps();
  registerContractionOps();
  registerConvOps();
  registerNormalizationOps();
  registerReductionOps();
  registerTensorOps();
  registerIndexingOps();
  registerControlFlowOps();
  registerSelectionOps();
  registerRandomOps();
  registerSignalOps();
  registerRecurrentOps();
  registerImageOps();
}

void DSDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/ds/DSAttrs.cpp.inc"
      >();
}

void DSDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "dialects/ds/DSTypes.cpp.inc"
      >();
}

LogicalResult OptionalType::verify(function_ref<InFlightDiagnostic()> emitError,
                                   Type valueType) {
  if (!isa<TensorType, SequenceType>(valueType))
    return emitError() << "an optional holds a tensor or a sequence, not "
                       << valueType;
  return success();
}

Operation *DSDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, type, elements);
}

bool ds::areCompatibleResultTypes(TypeRange lhs, TypeRange rhs) {
  if (lhs.size() != rhs.size())
    return false;
  for (auto [l, r] : llvm::zip_equal(lhs, rhs)) {
    if (l == r)
      continue;
    // Sequences and optionals: their contents must be compatible.
    if (auto ls = dyn_cast<SequenceType>(l)) {
      auto rs = dyn_cast<SequenceType>(r);
      if (!rs || !areCompatibleResultTypes(TypeRange{ls.getElementType()},
                                           TypeRange{rs.getElementType()}))
        return false;
      continue;
    }
    if (auto lo = dyn_cast<OptionalType>(l)) {
      auto ro = dyn_cast<OptionalType>(r);
      if (!ro || !areCompatibleResultTypes(TypeRange{lo.getValueType()},
                                           TypeRange{ro.getValueType()}))
        return false;
      continue;
    }
    auto lt = dyn_cast<ShapedType>(l), rt = dyn_cast<ShapedType>(r);
    if (!lt || !rt || lt.getElementType() != rt.getElementType())
      return false;
    if (!lt.hasRank() || !rt.hasRank())
      continue;
    if (lt.getRank() != rt.getRank())
      return false;
    for (auto [a, b] : llvm::zip_equal(lt.getShape(), rt.getShape()))
      if (!ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b)
        return false;
  }
  return true;
}

LogicalResult ds::verifyResultsAgainstInferred(Operation *op,
                                               TypeRange inferred) {
  if (inferred.size() < op->getNumResults())
    return op->emitOpError("inferred ")
           << inferred.size() << " result types for " << op->getNumResults()
           << " results";
  for (auto [index, result] : llvm::enumerate(op->getResults())) {
    Type type = result.getType();
    if (!areCompatibleResultTypes(type, inferred[index]))
      return op->emitOpError("result #")
             << index << " type " << type
             << " is incompatible with the inferred type " << inferred[index];
  }
  return success();
}

LogicalResult ds::verifyComputePrecision(Operation *op) {
  auto iface = cast<ComputePrecisionOpInterface>(op);
  std::optional<Precision> precision = iface.getComputePrecision();
  if (!precision)
    return success();
  Type elementType;
  for (Value operand : op->getOperands())
    if (auto shaped = dyn_cast<ShapedType>(operand.getType())) {
      elementType = shaped.getElementType();
      break;
    }
  if (!elementType || !isa<FloatType>(elementType))
    return op->emitOpError("precision '")
           << stringifyPrecision(*precision)
           << "' requires a floating-point operand, got "
           << (elementType ? elementType : Type());
  if (*precision == Precision::TF32 && !elementType.isF32())
    return op->emitOpError("precision 'tf32' requires f32 operands, got ")
           << elementType;
  return success();
}
