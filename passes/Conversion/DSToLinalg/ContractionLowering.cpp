//===- ContractionLowering.cpp - Contraction ds ops to linalg ---*- C++ -*-===//
//
// Part of ds. Matrix products to linalg's named contractions:
//  - ds.matmul of 2-D operands is one linalg.matmul; a batched `a` against a
//    2-D `b` folds its batch dimensions into the rows of one linalg.matmul;
//    equal static batch dimensions on both sides are collapsed into one and
//    use linalg.batch_matmul. 1-D operands are expanded to 1xK / Kx1 matrices
//    and the unit dimension is collapsed away afterwards. Batch broadcasting
//    stays unlowered.
//  - ds.gemm is a linalg.matmul whose indexing maps read the transposed
//    operands in place, followed (when needed) by a linalg.generic that
//    scales the product by alpha and adds beta * C, C broadcast through its
//    indexing map.
// Accumulators start from a linalg.fill of zero in the element type.
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/LoweringUtils.h"
#include "passes/Conversion/DSToLinalg/Passes.h"

#include "dialects/ds/DSOps.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace ds {
namespace {

/// Floats and signless integers; unsigned integers have no arith lowering
/// in linalg's named ops here.
bool isSupportedElement(Type type) {
  return isa<FloatType>(type) || type.isSignlessInteger();
}

/// The static shape of `sizes`, dynamic where a size is not constant.
SmallVector<int64_t> staticShape(ArrayRef<OpFoldResult> sizes) {
  SmallVector<int64_t> shape;
  for (OpFoldResult size : sizes)
    shape.push_back(getConstantIntValue(size).value_or(ShapedType::kDynamic));
  return shape;
}

/// A tensor of `sizes` filled with zero: the accumulator of a contraction.
Value zeroFilled(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                 Type elementType) {
  Value empty = tensor::EmptyOp::create(b, loc, sizes, elementType);
  Value zero = arith::ConstantOp::create(
      b, loc, cast<TypedAttr>(b.getZeroAttr(elementType)));
  return linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{empty})
      .getResult(0);
}

/// `value` (of a float type) converted elementwise to `elementType`.
Value truncated(OpBuilder &b, Location loc, Value value, Type elementType) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
  Value init = tensor::EmptyOp::create(b, loc, sizes, elementType);
  AffineMap identity =
      AffineMap::getMultiDimIdentityMap(type.getRank(), b.getContext());
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{value},
             ValueRange{init}, SmallVector<AffineMap>{identity, identity},
             SmallVector<utils::IteratorType>(type.getRank(),
                                              utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(
                   nb, nl,
                   arith::TruncFOp::create(nb, nl, elementType, args[0])
                       .getResult());
             })
      .getResult(0);
}

/// Expands `value` to `sizes`, with `reassociation` grouping the result
/// dimensions per source dimension.
Value expand(OpBuilder &b, Location loc, Value value,
             ArrayRef<ReassociationIndices> reassociation,
             ArrayRef<OpFoldResult> sizes) {
  auto type = RankedTensorType::get(
      staticShape(sizes),
      cast<RankedTensorType>(value.getType()).getElementType());
  return tensor::ExpandShapeOp::create(b, loc, type, value, reassociation,
                                       sizes);
}

/// Reassociation folding dimensions [0, leading) into one and keeping the
/// others of a rank-`rank` tensor.
SmallVector<ReassociationIndices> foldLeading(int64_t leading, int64_t rank) {
  SmallVector<ReassociationIndices> groups(1);
  for (int64_t d = 0; d < leading; ++d)
    groups[0].push_back(d);
  for (int64_t d = leading; d < rank; ++d)
    groups.push_back({d});
  return groups;
}

/// Reassociation dropping the unit dimensions `drop` of a rank-`rank`
/// tensor: each joins the next kept dimension, or the last kept one.
SmallVector<ReassociationIndices> dropUnitDims(ArrayRef<int64_t> drop,
                                               int64_t rank) {
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  for (int64_t d = 0; d < rank; ++d) {
    pending.push_back(d);
    if (llvm::is_contained(drop, d))
      continue;
    groups.push_back(pending);
    pending.clear();
  }
  if (!groups.empty())
    groups.back().append(pending.begin(), pending.end());
  return groups;
}

/// ds.matmul -> linalg.matmul / linalg.batch_matmul.
struct LowerMatMul : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MatMulOp op,
                                PatternRewriter &rewriter) const override {
    auto aType = dyn_cast<RankedTensorType>(op.getA().getType());
    auto bType = dyn_cast<RankedTensorType>(op.getB().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    if (!aType || !bType || !resultType)
      return rewriter.notifyMatchFailure(op, "unranked operand or result");
    Type elementType = resultType.getElementType();
    if (!isSupportedElement(elementType))
      return rewriter.notifyMatchFailure(op, "unsupported element type");
    bool vectorA = aType.getRank() == 1, vectorB = bType.getRank() == 1;
    int64_t rankA = std::max<int64_t>(aType.getRank(), 2);
    int64_t rankB = std::max<int64_t>(bType.getRank(), 2);
    bool batchedA = rankA > 2, batchedB = rankB > 2;
    Location loc = op.getLoc();
    Value a = op.getA(), b = op.getB();
    if (batchedB) {
      // Both batched with equal batch sizes (both static and the same, or
      // both dynamic: taken to be the same, as the elementwise lowering
      // does) go to batch_matmul as they are. Otherwise the batch
      // dimensions broadcast (numpy rules): both operands are broadcast to
      // the common batch sizes first, at run time where a dynamic size may
      // be 1.
      bool same = rankA == rankB;
      for (int64_t d = 0; same && d < rankA - 2; ++d)
        same = aType.getDimSize(d) == bType.getDimSize(d);
      if (!same) {
        if (vectorA)
          return rewriter.notifyMatchFailure(op, "1-D a with batched b");
        int64_t batch = std::max(rankA, rankB) - 2;
        SmallVector<OpFoldResult> target;
        for (int64_t p = 0; p < batch; ++p) {
          int64_t da = p - (batch - (rankA - 2));
          int64_t db = p - (batch - (rankB - 2));
          int64_t sa = da < 0 ? 1 : aType.getDimSize(da);
          int64_t sb = db < 0 ? 1 : bType.getDimSize(db);
          auto dimOf = [&](Value v, int64_t d) -> Value {
            return tensor::DimOp::create(rewriter, loc, v, d);
          };
          if (sa == sb && !ShapedType::isDynamic(sa)) {
            target.push_back(rewriter.getIndexAttr(sa));
          } else if (sa == 1) {
            target.push_back(tensor::getMixedSize(rewriter, loc, b, db));
          } else if (sb == 1) {
            target.push_back(tensor::getMixedSize(rewriter, loc, a, da));
          } else if (!ShapedType::isDynamic(sa) || !ShapedType::isDynamic(sb)) {
            target.push_back(rewriter.getIndexAttr(
                ShapedType::isDynamic(sa) ? sb : sa));
          } else {
            target.push_back(
                arith::MaxSIOp::create(rewriter, loc, dimOf(a, da),
                                       dimOf(b, db))
                    .getResult());
          }
        }
        auto broadcastOperand = [&](Value v, RankedTensorType type) {
          SmallVector<OpFoldResult> sizes(target);
          for (int64_t d = type.getRank() - 2; d < type.getRank(); ++d)
            sizes.push_back(tensor::getMixedSize(rewriter, loc, v, d));
          return ds::broadcastAtRunTime(rewriter, loc, v, sizes);
        };
        a = broadcastOperand(a, aType);
        b = broadcastOperand(b, bType);
        aType = cast<RankedTensorType>(a.getType());
        bType = cast<RankedTensorType>(b.getType());
        rankA = rankB = batch + 2;
        batchedA = true;
      }
    }

    // 1-D operands: K -> 1xK for `a`, K -> Kx1 for `b`.
    OpFoldResult one = rewriter.getIndexAttr(1);
    if (vectorA)
      a = expand(rewriter, loc, a, {{0, 1}},
                 {one, tensor::getMixedSize(rewriter, loc, a, 0)});
    if (vectorB)
      b = expand(rewriter, loc, b, {{0, 1}},
                 {tensor::getMixedSize(rewriter, loc, b, 0), one});
    SmallVector<OpFoldResult> sizesA = tensor::getMixedSizes(rewriter, loc, a);
    SmallVector<OpFoldResult> sizesB = tensor::getMixedSizes(rewriter, loc, b);
    OpFoldResult n = sizesB.back();

    // f16 and bf16 products accumulate in f32 (as the reference and
    // onnxruntime do), then round once.
    Type accType = elementType.isF16() || elementType.isBF16()
                       ? Type(rewriter.getF32Type())
                       : elementType;
    // The product with the batch dimensions of `a` (and `b`), M and N.
    SmallVector<OpFoldResult> productSizes(sizesA.begin(), sizesA.end() - 1);
    productSizes.push_back(n);
    Value product;
    if (!batchedA) {
      Value init = zeroFilled(rewriter, loc, {sizesA[0], n}, accType);
      product = linalg::MatmulOp::create(rewriter, loc, ValueRange{a, b},
                                         ValueRange{init})
                    .getResult(0);
    } else if (!batchedB) {
      // Rows of every batch are rows of one matrix.
      SmallVector<ReassociationIndices> rows = foldLeading(rankA - 1, rankA);
      Value flatA = tensor::CollapseShapeOp::create(rewriter, loc, a, rows);
      Value init = zeroFilled(
          rewriter, loc, {tensor::getMixedSize(rewriter, loc, flatA, 0), n},
          accType);
      Value flat = linalg::MatmulOp::create(rewriter, loc, ValueRange{flatA, b},
                                            ValueRange{init})
                       .getResult(0);
      product = expand(rewriter, loc, flat, rows, productSizes);
    } else {
      // Equal batch dimensions collapsed into one.
      SmallVector<ReassociationIndices> batch = foldLeading(rankA - 2, rankA);
      Value batchA = a, batchB = b;
      if (rankA > 3) {
        batchA = tensor::CollapseShapeOp::create(rewriter, loc, a, batch);
        batchB = tensor::CollapseShapeOp::create(rewriter, loc, b, batch);
      }
      Value init = zeroFilled(rewriter, loc,
                              {tensor::getMixedSize(rewriter, loc, batchA, 0),
                               sizesA[rankA - 2], n},
                              accType);
      product = linalg::BatchMatmulOp::create(
                    rewriter, loc, ValueRange{batchA, batchB}, ValueRange{init})
                    .getResult(0);
      if (rankA > 3)
        product = expand(rewriter, loc, product, batch, productSizes);
    }

    if (accType != elementType)
      product = truncated(rewriter, loc, product, elementType);

    // Drop the unit dimensions that 1-D operands added.
    int64_t rank = productSizes.size();
    SmallVector<int64_t> drop;
    if (vectorA)
      drop.push_back(rank - 2);
    if (vectorB)
      drop.push_back(rank - 1);
    if (!drop.empty())
      product = tensor::CollapseShapeOp::create(rewriter, loc, product,
                                                dropUnitDims(drop, rank));
    if (product.getType() != resultType)
      product = tensor::CastOp::create(rewriter, loc, resultType, product);
    rewriter.replaceOp(op, product);
    return success();
  }
};

/// ds.gemm -> linalg.matmul (transposes in its indexing maps), then
/// alpha * product + beta * C in a linalg.generic.
struct LowerGemm : OpRewritePattern<GemmOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GemmOp op,
                                PatternRewriter &rewriter) const override {
    auto aType = dyn_cast<RankedTensorType>(op.getA().getType());
    auto bType = dyn_cast<RankedTensorType>(op.getB().getType());
    auto resultType = dyn_cast<RankedTensorType>(op.getType());
    double alpha = op.getAlpha().convertToDouble();
    double beta = op.getBeta().convertToDouble();
    // beta = 0 ignores C, as the canonical form does.
    Value c = beta == 0.0 ? Value() : op.getC();
    auto cType = c ? dyn_cast<RankedTensorType>(c.getType()) : nullptr;
    if (!aType || !bType || !resultType || (c && !cType))
      return rewriter.notifyMatchFailure(op, "unranked operand or result");
    Type elementType = resultType.getElementType();
    if (!isSupportedElement(elementType))
      return rewriter.notifyMatchFailure(op, "unsupported element type");
    bool isFloat = isa<FloatType>(elementType);
    if (!isFloat && (alpha != 1.0 || (c && beta != 1.0)))
      return rewriter.notifyMatchFailure(op, "integer gemm with scaling");
    bool transA = op.getTransA(), transB = op.getTransB();

    // C's indexing map: unidirectional broadcasting to MxN.
    MLIRContext *context = op.getContext();
    AffineMap cMap;
    if (c) {
      int64_t offset = 2 - cType.getRank();
      SmallVector<AffineExpr> exprs;
      for (int64_t i = 0; i < cType.getRank(); ++i) {
        int64_t size = cType.getDimSize(i);
        int64_t resultSize = resultType.getDimSize(offset + i);
        if (size == 1 && resultSize != 1) {
          exprs.push_back(getAffineConstantExpr(0, context));
          continue;
        }
        if (ShapedType::isDynamic(size) && !ShapedType::isDynamic(resultSize) &&
            resultSize > 1)
          return rewriter.notifyMatchFailure(
              op, "a dynamic size of C may broadcast at run time");
        exprs.push_back(getAffineDimExpr(offset + i, context));
      }
      cMap = AffineMap::get(2, 0, exprs, context);
    }

    Location loc = op.getLoc();
    Value a = op.getA(), b = op.getB();
    OpFoldResult m = tensor::getMixedSize(rewriter, loc, a, transA ? 1 : 0);
    OpFoldResult n = tensor::getMixedSize(rewriter, loc, b, transB ? 0 : 1);
    Value init = zeroFilled(rewriter, loc, {m, n}, elementType);
    auto matmul = linalg::MatmulOp::create(rewriter, loc, ValueRange{a, b},
                                           ValueRange{init});
    if (transA || transB) {
      // Iteration space (m, n, k).
      AffineExpr dm, dn, dk;
      bindDims(context, dm, dn, dk);
      auto map = [&](AffineExpr row, AffineExpr col) {
        return AffineMapAttr::get(AffineMap::get(3, 0, {row, col}, context));
      };
      matmul.setIndexingMapsAttr(rewriter.getArrayAttr(
          {transA ? map(dk, dm) : map(dm, dk),
           transB ? map(dn, dk) : map(dk, dn), map(dm, dn)}));
    }
    Value product = matmul.getResult(0);

    if (c || alpha != 1.0) {
      // In place on the product: out = alpha * out (+ beta * c).
      auto scale = [&](OpBuilder &builder, Location bodyLoc, Value value,
                       double factor) -> Value {
        if (factor == 1.0)
          return value;
        Value constant = arith::ConstantOp::create(
            builder, bodyLoc, builder.getFloatAttr(elementType, factor));
        return arith::MulFOp::create(builder, bodyLoc, value, constant);
      };
      SmallVector<Value> inputs;
      SmallVector<AffineMap> maps;
      if (c) {
        inputs.push_back(c);
        maps.push_back(cMap);
      }
      maps.push_back(AffineMap::getMultiDimIdentityMap(2, context));
      SmallVector<utils::IteratorType> iterators(2,
                                                 utils::IteratorType::parallel);
      product =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{product.getType()}, inputs,
              ValueRange{product}, maps, iterators,
              [&](OpBuilder &builder, Location bodyLoc, ValueRange args) {
                Value result = scale(builder, bodyLoc, args.back(), alpha);
                if (c) {
                  Value bias = scale(builder, bodyLoc, args[0], beta);
                  result = isFloat ? arith::AddFOp::create(builder, bodyLoc,
                                                           result, bias)
                                         .getResult()
                                   : arith::AddIOp::create(builder, bodyLoc,
                                                           result, bias)
                                         .getResult();
                }
                linalg::YieldOp::create(builder, bodyLoc, result);
              })
              .getResult(0);
    }
    if (product.getType() != resultType)
      product = tensor::CastOp::create(rewriter, loc, resultType, product);
    rewriter.replaceOp(op, product);
    return success();
  }
};

} // namespace

void populateContractionToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerMatMul, LowerGemm>(patterns.getContext());
}

} // namespace ds
