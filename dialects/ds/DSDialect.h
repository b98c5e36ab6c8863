//===- DSDialect.h - The ds dialect -----------------------------*- C++ -*-===//
//
// Part of ds. The dialect class, the compute-precision attribute and
// interface, and the shared helpers their verifiers use. Ops are declared per
// family in <Family>Ops.h; DSOps.h includes them all.
//
//===----------------------------------------------------------------------===//

#ifndef DS_DIALECTS_DS_DSDIALECT_H
#define DS_DIALECTS_DS_DSDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/ds/ShapeInference.h"

namespace ds {
/// Whether two lists of result types are compatible: same length, same
/// element types, same ranks where both are ranked, and equal sizes where
/// both sizes are static. Used by every op's InferTypeOpInterface.
bool areCompatibleResultTypes(mlir::TypeRange lhs, mlir::TypeRange rhs);

/// Verifier of ComputePrecisionOpInterface.
llvm::LogicalResult verifyComputePrecision(mlir::Operation *op);

/// Checks the op's result types against `inferred` (which may list more
/// types than the op has results, for optional results): one error naming
/// the op on a mismatch.
llvm::LogicalResult verifyResultsAgainstInferred(mlir::Operation *op,
                                                 mlir::TypeRange inferred);

namespace OpTrait {
/// Runs the op's result-type inference with the op as ErrorSink after the
/// op's own verifier (it is a region trait, so it runs after verify()), so
/// that a shape error is a single diagnostic that names the op. Listed
/// before InferTypeOpInterface, whose own check then never reports twice.
template <typename ConcreteType>
class VerifyInferredTypes
    : public mlir::OpTrait::TraitBase<ConcreteType, VerifyInferredTypes> {
public:
  static llvm::LogicalResult verifyRegionTrait(mlir::Operation *op) {
    auto concrete = llvm::cast<ConcreteType>(op);
    typename ConcreteType::Adaptor adaptor(concrete);
    llvm::SmallVector<mlir::Type> inferred;
    if (failed(ConcreteType::inferReturnTypes(op->getContext(), ErrorSink(op),
                                              adaptor, inferred)))
      return llvm::failure();
    return verifyResultsAgainstInferred(op, inferred);
  }
};
} // namespace OpTrait
} // namespace ds

#include "dialects/ds/DSDialect.h.inc"
#include "dialects/ds/DSEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/ds/DSAttrs.h.inc"

#define GET_TYPEDEF_CLASSES
#include "dialects/ds/DSTypes.h.inc"

#include "dialects/ds/DSInterfaces.h.inc"

#endif // DS_DIALECTS_DS_DSDIALECT_H
