//===- ContractionOps.cpp - Contraction ds ops ------------------*- C++ -*-===//
//
// Part of ds. Verification, result-type inference and canonicalization of
// MatMul and Gemm. Each op has one shape function that serves both its
// verifier (reporting as an op error) and its inferReturnTypes (reporting at
// the optional location).
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/ContractionOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/ContractionOps.cpp.inc"

void DSDialect::registerContractionOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/ContractionOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// MatMul
//===----------------------------------------------------------------------===//

static LogicalResult inferMatMul(ErrorSink report, MatMulOp::Adaptor adaptor,
                                 SmallVectorImpl<Type> &results) {
  Type aType = adaptor.getA().getType(), bType = adaptor.getB().getType();
  Type elementType = getElementType(aType);
  for (auto [name, type] : {std::pair{"A", aType}, std::pair{"B", bType}})
    if (auto ranked = dyn_cast<RankedTensorType>(type);
        ranked && ranked.getRank() == 0)
      return emitOptionalError(report, "operand ", name,
                               " must have rank at least 1, got 0");
  auto a = dyn_cast<RankedTensorType>(aType);
  auto b = dyn_cast<RankedTensorType>(bType);
  if (!a || !b) {
    results.push_back(UnrankedTensorType::get(elementType));
    return success();
  }

  // Promote vectors to matrices: [K] -> [1, K] for A, [K] -> [K, 1] for B.
  SmallVector<int64_t> aShape(a.getShape()), bShape(b.getShape());
  bool aIsVector = aShape.size() == 1, bIsVector = bShape.size() == 1;
  if (aIsVector)
    aShape.insert(aShape.begin(), 1);
  if (bIsVector)
    bShape.push_back(1);

  int64_t aK = aShape.back(), bK = bShape[bShape.size() - 2];
  if (!compatibleSizes(aK, bK))
    return emitOptionalError(report, "contracted dimensions differ: ", aK,
                             " in operand A ", a, " vs ", bK, " in operand B ",
                             b);
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(std::nullopt, ArrayRef(aShape).drop_back(2),
                      ArrayRef(bShape).drop_back(2));
  if (failed(shape))
    return emitOptionalError(report, "batch dimensions of operand A ", a,
                             " and operand B ", b, " are not broadcastable");
  if (!aIsVector)
    shape->push_back(aShape[aShape.size() - 2]);
  if (!bIsVector)
    shape->push_back(bShape.back());
  results.push_back(RankedTensorType::get(*shape, elementType));
  return success();
}

LogicalResult MatMulOp::verify() {
  SmallVector<Type, 1> results;
  return inferMatMul(ErrorSink(getOperation()), Adaptor(*this), results);
}

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &results) {
  return inferMatMul(ErrorSink(location), adaptor, results);
}

//===----------------------------------------------------------------------===//
// Gemm
//===----------------------------------------------------------------------===//

/// The sizes (rows, columns) of `value`, a matrix optionally transposed;
/// dynamic if unranked. Fails unless the rank is 2.
static FailureOr<std::pair<int64_t, int64_t>>
getMatrixSizes(ErrorSink report, Value value, StringRef name, bool transposed) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type)
    return std::pair{kDynamic, kDynamic};
  if (type.getRank() != 2)
    return emitOptionalError(report, "operand ", name,
                             " must have rank 2, got ", type.getRank());
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  return transposed ? std::pair{cols, rows} : std::pair{rows, cols};
}

static LogicalResult inferGemm(ErrorSink report, GemmOp::Adaptor adaptor,
                               SmallVectorImpl<Type> &results) {
  FailureOr<std::pair<int64_t, int64_t>> a =
      getMatrixSizes(report, adaptor.getA(), "A", adaptor.getTransA());
  if (failed(a))
    return failure();
  FailureOr<std::pair<int64_t, int64_t>> b =
      getMatrixSizes(report, adaptor.getB(), "B", adaptor.getTransB());
  if (failed(b))
    return failure();
  auto [m, aK] = *a;
  auto [bK, n] = *b;
  if (!compatibleSizes(aK, bK))
    return emitOptionalError(report, "contracted dimensions differ: A' is ", m,
                             "x", aK, " but B' is ", bK, "x", n);

  // C broadcasts to (M, N) one way: its sizes refine the result's.
  SmallVector<int64_t, 2> shape = {m, n};
  if (Value c = adaptor.getC()) {
    if (auto cType = dyn_cast<RankedTensorType>(c.getType())) {
      if (cType.getRank() > 2)
        return emitOptionalError(report,
                                 "operand C must have rank at most 2, got ",
                                 cType.getRank());
      for (auto [size, out] :
           llvm::zip(llvm::reverse(cType.getShape()), llvm::reverse(shape))) {
        if (size == 1 || ShapedType::isDynamic(size))
          continue;
        if (!compatibleSizes(size, out))
          return emitOptionalError(
              report, "operand C ", cType,
              " is not unidirectionally broadcastable to the "
              "result's ",
              shape[0], "x", shape[1]);
        out = size;
      }
    }
  }
  results.push_back(
      RankedTensorType::get(shape, getElementType(adaptor.getA().getType())));
  return success();
}

LogicalResult GemmOp::verify() {
  SmallVector<Type, 1> results;
  return inferGemm(ErrorSink(getOperation()), Adaptor(*this), results);
}

LogicalResult GemmOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &results) {
  return inferGemm(ErrorSink(location), adaptor, results);
}

namespace {
/// gemm(a, b, c) with beta = 0 -> gemm(a, b).
struct GemmDropZeroBetaC : OpRewritePattern<GemmOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GemmOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getC() || !op.getBeta().isZero())
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      op.getCMutable().clear();
      op.setBeta(llvm::APFloat(1.0f));
    });
    return success();
  }
};
} // namespace

void GemmOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                         MLIRContext *context) {
  patterns.add<GemmDropZeroBetaC>(context);
}
