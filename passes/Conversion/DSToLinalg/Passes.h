//===- Passes.h - Lowering of ds to linalg ----------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_PASSES_CONVERSION_DSTOLINALG_PASSES_H
#define DS_PASSES_CONVERSION_DSTOLINALG_PASSES_H

#include "dialects/ds/DSDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace ds {

#define GEN_PASS_DECL
#include "passes/Conversion/DSToLinalg/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Conversion/DSToLinalg/Passes.h.inc"

/// Patterns lowering ds's elementwise ops (ElementwiseLowering.cpp).
void populateElementwiseToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateContractionToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateConvToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateNormalizationToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateReductionToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateTensorToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateIndexingToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateSelectionToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateImageToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateControlFlowToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateRecurrentToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateSequenceToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateSignalToLinalgPatterns(mlir::RewritePatternSet &patterns);
void populateRandomToLinalgPatterns(mlir::RewritePatternSet &patterns);

} // namespace ds

#endif // DS_PASSES_CONVERSION_DSTOLINALG_PASSES_H
