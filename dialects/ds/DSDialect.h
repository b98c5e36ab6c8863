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

namespace ds {
/// Whether two lists of result types are compatible: same length, same
/// element types, same ranks where both are ranked, and equal sizes where
/// both sizes are static. Used by every op's InferTypeOpInterface.
bool areCompatibleResultTypes(mlir::TypeRange lhs, mlir::TypeRange rhs);

/// Verifier of ComputePrecisionOpInterface.
llvm::LogicalResult verifyComputePrecision(mlir::Operation *op);
} // namespace ds

#include "dialects/ds/DSDialect.h.inc"
#include "dialects/ds/DSEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/ds/DSAttrs.h.inc"

#include "dialects/ds/DSInterfaces.h.inc"

#endif // DS_DIALECTS_DS_DSDIALECT_H
