//===- Passes.h - Graph-level passes on the ds dialect ----------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_GRAPH_PASSES_H
#define DS_PASSES_GRAPH_PASSES_H

#include "dialects/ds/DSDialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace ds {

#define GEN_PASS_DECL
#include "passes/Graph/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Graph/Passes.h.inc"

/// The meet of two compatible tensor types: the more refined size in each
/// dimension; null if they are incompatible.
mlir::Type refineType(mlir::Type written, mlir::Type inferred);

} // namespace ds

#endif // DS_PASSES_GRAPH_PASSES_H
