//===- RandomLowering.cpp - ds Random ops to linalg -----------------------===//
//
// Part of ds. The lowering of the Random family (dialects/ds/RandomOps.td):
// RandomNormal, RandomUniform, RandomNormalLike, RandomUniformLike,
// Bernoulli and Multinomial, all of them, static and dynamic shapes.
//
// The generator is counter-based, so that every element is a pure function
// of (key, counter): a linalg.generic over the result computes each element
// from its linalg.index, the values do not depend on how the loops are
// split between threads, and a seeded op gives the same values on every run.
//
//   counter n   the row-major linear index of the element in the result (for
//               Multinomial: of the sample, batch * sample_size + sample);
//   key k       mix64(bits of the f32 seed) for a seeded op; for an op
//               without a seed, mix64(FNV-1a(function name) + (i + 1) *
//               0x9E3779B97F4A7C15) where i numbers the function's unseeded
//               random ops in program order: distinct ops draw distinct
//               values, the same on every run (ds has no run-time state
//               for a fresh seed; likewise an op in a loop body draws the
//               same values at each iteration);
//   bits(n)     mix64(k + (n + 1) * 0x9E3779B97F4A7C15): the n-th output of
//               SplitMix64 started at state k, with
//   mix64(z)    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
//               z = (z ^ (z >> 27)) * 0x94D049BB133111EB; z ^ (z >> 31).
//
// The distributions, computed in f32 (f64 for f64 results) and rounded to
// the result type:
//   uniform     u = (bits >> (64 - p)) * 2^-p, p the significand width of
//               the result type (11 for f16, 8 for bf16, 24, 53), which is
//               exact in that type and in [0, 1); low + u * (high - low);
//   normal      Box-Muller on the two 32-bit halves: u1 = (hi + 1) * 2^-32
//               in (0, 1], u2 = lo * 2^-32; mean + scale * sqrt(-2 ln u1) *
//               cos(2 pi u2) (one normal value per draw, tails beyond about
//               6.7 sigma cut off);
//   Bernoulli   1 when u < p (u as for uniform, in the input's type), else
//               0, converted to `dtype` (NaN probabilities give 0): what
//               ONNX's function body does with RandomUniformLike and Less;
//   Multinomial per row, the softmax weights w_c = exp(x_c - max x) and
//               their sum W; per sample, t = u * W (u uniform in f32, or
//               f64 for f64 input) and the class is the first c whose
//               running sum of weights exceeds t (the last class if rounding
//               leaves t uncrossed).
//
// Multinomial's running sum is a linalg.generic with a reduction dimension
// over the classes that carries (running sum, chosen class): the body relies
// on the classes being visited in order, which is how linalg's loops run
// them (the pipeline turns reduction dimensions into sequential loops).
//
//===----------------------------------------------------------------------===//

#include "passes/Conversion/DSToLinalg/Passes.h"

#include "passes/Conversion/DSToLinalg/LoweringUtils.h"

#include "dialects/ds/DSOps.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/bit.h"
#include "mlir/IR/SymbolTable.h"

#include <cmath>

using namespace mlir;

namespace ds {
namespace {

constexpr uint64_t kGamma = 0x9E3779B97F4A7C15ULL;
constexpr uint64_t kMix1 = 0xBF58476D1CE4E5B9ULL;
constexpr uint64_t kMix2 = 0x94D049BB133111EBULL;

/// SplitMix64's finalizer, at compile time.
uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * kMix1;
  z = (z ^ (z >> 27)) * kMix2;
  return z ^ (z >> 31);
}

/// FNV-1a of `text`.
uint64_t hashText(StringRef text) {
  uint64_t hash = 0xCBF29CE484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

bool isRandomOp(Operation *op) {
  return isa<RandomNormalOp, RandomUniformOp, RandomNormalLikeOp,
             RandomUniformLikeOp, BernoulliOp, MultinomialOp>(op);
}

/// The discardable attribute that numbers the unseeded random ops.
constexpr StringLiteral kOrdinalAttr = "ds_random_ordinal";

/// The position of the unseeded random op `op` among those of its function
/// in program order. They are numbered all at once when the first of them
/// is lowered, while they all still exist (a count at each op's own
/// lowering would change as the ops before it are replaced).
int64_t unseededOrdinal(Operation *op, PatternRewriter &rewriter) {
  if (auto ordinal = op->getAttrOfType<IntegerAttr>(kOrdinalAttr))
    return ordinal.getInt();
  Operation *scope = op->getParentWithTrait<mlir::OpTrait::IsIsolatedFromAbove>();
  int64_t next = 0;
  scope->walk([&](Operation *other) {
    if (auto ordinal = other->getAttrOfType<IntegerAttr>(kOrdinalAttr))
      next = std::max(next, ordinal.getInt() + 1);
  });
  scope->walk([&](Operation *other) {
    if (!isRandomOp(other) || other->hasAttr("seed") ||
        other->hasAttr(kOrdinalAttr))
      return;
    rewriter.modifyOpInPlace(other, [&] {
      other->setAttr(kOrdinalAttr, rewriter.getI64IntegerAttr(next++));
    });
  });
  return op->getAttrOfType<IntegerAttr>(kOrdinalAttr).getInt();
}

/// The key of `op`'s generator (see the file comment).
uint64_t generatorKey(Operation *op, std::optional<llvm::APFloat> seed,
                      PatternRewriter &rewriter) {
  if (seed)
    return mix64(llvm::bit_cast<uint32_t>(seed->convertToFloat()));
  StringRef function;
  Operation *scope = op->getParentWithTrait<mlir::OpTrait::IsIsolatedFromAbove>();
  if (auto name =
          scope->getAttrOfType<StringAttr>(SymbolTable::getSymbolAttrName()))
    function = name.getValue();
  uint64_t ordinal = unseededOrdinal(op, rewriter);
  return mix64(hashText(function) + (ordinal + 1) * kGamma);
}

Value i64Constant(OpBuilder &b, Location loc, uint64_t value) {
  return arith::ConstantOp::create(
      b, loc, b.getI64Type(),
      b.getIntegerAttr(b.getI64Type(), static_cast<int64_t>(value)));
}

Value floatConstant(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, value));
}

/// bits(n) = mix64(k + (n + 1) * gamma) for the i64 counter `n`.
Value randomBits(OpBuilder &b, Location loc, Value counter, uint64_t key) {
  Value z = arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, counter, i64Constant(b, loc, kGamma)),
      i64Constant(b, loc, key + kGamma));
  auto step = [&](Value v, unsigned shift, uint64_t multiplier) {
    Value mixed = arith::XOrIOp::create(
        b, loc, v, arith::ShRUIOp::create(b, loc, v, i64Constant(b, loc, shift)));
    return multiplier ? arith::MulIOp::create(b, loc, mixed,
                                              i64Constant(b, loc, multiplier))
                            .getResult()
                      : mixed;
  };
  z = step(z, 30, kMix1);
  z = step(z, 27, kMix2);
  return step(z, 31, 0);
}

/// The significand width (implicit bit included) of a float type.
unsigned significandBits(Type type) {
  return llvm::APFloat::semanticsPrecision(
      cast<FloatType>(type).getFloatSemantics());
}

/// The type random values are computed in for results of `type`.
Type computeTypeFor(OpBuilder &b, Type type) {
  return type.isF64() ? Type(b.getF64Type()) : Type(b.getF32Type());
}

/// A uniform value in [0, 1) of `computeType` with `precision` random bits.
Value uniformFromBits(OpBuilder &b, Location loc, Value bits,
                      unsigned precision, Type computeType) {
  Value top = arith::ShRUIOp::create(b, loc, bits,
                                     i64Constant(b, loc, 64 - precision));
  Value value = arith::UIToFPOp::create(b, loc, computeType, top);
  return arith::MulFOp::create(
      b, loc, value,
      floatConstant(b, loc, computeType, std::ldexp(1.0, -int(precision))));
}

/// A standard normal value of `computeType` (Box-Muller, see above).
Value normalFromBits(OpBuilder &b, Location loc, Value bits,
                     Type computeType) {
  Value scale = floatConstant(b, loc, computeType, std::ldexp(1.0, -32));
  Value high =
      arith::ShRUIOp::create(b, loc, bits, i64Constant(b, loc, 32));
  Value low = arith::AndIOp::create(b, loc, bits,
                                    i64Constant(b, loc, 0xFFFFFFFFULL));
  Value u1 = arith::MulFOp::create(
      b, loc,
      arith::AddFOp::create(b, loc,
                            arith::UIToFPOp::create(b, loc, computeType, high),
                            floatConstant(b, loc, computeType, 1.0)),
      scale);
  Value u2 = arith::MulFOp::create(
      b, loc, arith::UIToFPOp::create(b, loc, computeType, low), scale);
  Value radius = math::SqrtOp::create(
      b, loc,
      arith::MulFOp::create(b, loc, floatConstant(b, loc, computeType, -2.0),
                            math::LogOp::create(b, loc, u1)));
  Value angle = arith::MulFOp::create(
      b, loc, floatConstant(b, loc, computeType, 2 * M_PI), u2);
  return arith::MulFOp::create(b, loc, radius,
                               math::CosOp::create(b, loc, angle));
}

/// `value` (of the compute type) rounded to `type`.
Value roundTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return arith::TruncFOp::create(b, loc, type, value);
}

/// The sizes of `type`'s dimensions as index values: constants, or
/// tensor.dim of `source` (a tensor of the same shape) where dynamic.
SmallVector<Value> sizesOf(OpBuilder &b, Location loc, RankedTensorType type,
                           Value source) {
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    sizes.push_back(type.isDynamicDim(d)
                        ? tensor::DimOp::create(b, loc, source, d).getResult()
                        : arith::ConstantIndexOp::create(b, loc,
                                                         type.getDimSize(d))
                              .getResult());
  return sizes;
}

SmallVector<Value> dynamicOnly(RankedTensorType type, ArrayRef<Value> sizes) {
  SmallVector<Value> dynamic;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamic.push_back(sizes[d]);
  return dynamic;
}

/// The row-major linear index, as i64, of the current iteration's first
/// `sizes.size()` dimensions.
Value linearIndex(OpBuilder &b, Location loc, ArrayRef<Value> sizes) {
  Value index;
  for (auto [d, size] : llvm::enumerate(sizes)) {
    Value i = linalg::IndexOp::create(b, loc, d);
    index = index ? arith::AddIOp::create(
                        b, loc, arith::MulIOp::create(b, loc, index, size), i)
                        .getResult()
                  : i;
  }
  if (!index)
    index = arith::ConstantIndexOp::create(b, loc, 0);
  return arith::IndexCastUIOp::create(b, loc, b.getI64Type(), index);
}

/// The element of a draw: computes the result element from the random bits
/// of its counter and the input element (if any).
using ElementFn =
    function_ref<Value(OpBuilder &b, Location loc, Value bits, Value input)>;

/// A linalg.generic of `resultType` (shaped like `shapeSource` where
/// dynamic) whose element n is `element(bits(n), input[n])`, the input
/// being optional.
Value buildDraw(PatternRewriter &rewriter, Location loc,
                RankedTensorType resultType, Value shapeSource, Value input,
                uint64_t key, ElementFn element) {
  int64_t rank = resultType.getRank();
  SmallVector<Value> sizes = sizesOf(rewriter, loc, resultType, shapeSource);
  Value init = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                       resultType.getElementType(),
                                       dynamicOnly(resultType, sizes));
  AffineMap identity =
      AffineMap::getMultiDimIdentityMap(rank, rewriter.getContext());
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  if (input) {
    inputs.push_back(input);
    maps.push_back(identity);
  }
  maps.push_back(identity);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      rewriter, loc, TypeRange{resultType}, inputs, init, maps, iterators,
      [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
        Value bits = randomBits(b, bodyLoc, linearIndex(b, bodyLoc, sizes), key);
        Value result = element(b, bodyLoc, bits, input ? args[0] : Value());
        linalg::YieldOp::create(b, bodyLoc, result);
      });
  return generic.getResult(0);
}

std::optional<llvm::APFloat> seedOf(Operation *op) {
  if (auto seed = op->getAttrOfType<FloatAttr>("seed"))
    return seed.getValue();
  return std::nullopt;
}

/// RandomUniform and RandomUniformLike: `low` and `high` attributes.
template <typename OpTy>
struct LowerUniform : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getType());
    Value source = op->getNumOperands() ? op->getOperand(0) : Value();
    if (!type || (source && !isa<RankedTensorType>(source.getType())))
      return rewriter.notifyMatchFailure(op, "unranked tensors");
    Type elementType = type.getElementType();
    double low = op.getLow().convertToDouble();
    double high = op.getHigh().convertToDouble();
    Value result = buildDraw(
        rewriter, op.getLoc(), type, source, Value(),
        generatorKey(op, seedOf(op), rewriter),
        [&](OpBuilder &b, Location loc, Value bits, Value) {
          Type computeType = computeTypeFor(b, elementType);
          Value u = uniformFromBits(b, loc, bits, significandBits(elementType),
                                    computeType);
          Value value = arith::AddFOp::create(
              b, loc, floatConstant(b, loc, computeType, low),
              arith::MulFOp::create(
                  b, loc, u, floatConstant(b, loc, computeType, high - low)));
          return roundTo(b, loc, value, elementType);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// RandomNormal and RandomNormalLike: `mean` and `scale` attributes.
template <typename OpTy>
struct LowerNormal : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getType());
    Value source = op->getNumOperands() ? op->getOperand(0) : Value();
    if (!type || (source && !isa<RankedTensorType>(source.getType())))
      return rewriter.notifyMatchFailure(op, "unranked tensors");
    Type elementType = type.getElementType();
    double mean = op.getMean().convertToDouble();
    double scale = op.getScale().convertToDouble();
    Value result = buildDraw(
        rewriter, op.getLoc(), type, source, Value(),
        generatorKey(op, seedOf(op), rewriter),
        [&](OpBuilder &b, Location loc, Value bits, Value) {
          Type computeType = computeTypeFor(b, elementType);
          Value z = normalFromBits(b, loc, bits, computeType);
          Value value = arith::AddFOp::create(
              b, loc, floatConstant(b, loc, computeType, mean),
              arith::MulFOp::create(
                  b, loc, z, floatConstant(b, loc, computeType, scale)));
          return roundTo(b, loc, value, elementType);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Bernoulli: u < p, as `dtype`.
struct LowerBernoulli : OpRewritePattern<BernoulliOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BernoulliOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getType());
    Value input = op.getInput();
    auto inputType = dyn_cast<RankedTensorType>(input.getType());
    if (!type || !inputType)
      return rewriter.notifyMatchFailure(op, "unranked tensors");
    Type probabilityType = inputType.getElementType();
    Type elementType = type.getElementType();
    Value result = buildDraw(
        rewriter, op.getLoc(), type, input, input,
        generatorKey(op, op.getSeed(), rewriter),
        [&](OpBuilder &b, Location loc, Value bits, Value p) {
          Type computeType = computeTypeFor(b, probabilityType);
          Value u = uniformFromBits(b, loc, bits,
                                    significandBits(probabilityType),
                                    computeType);
          if (p.getType() != computeType)
            p = arith::ExtFOp::create(b, loc, computeType, p);
          Value hit =
              arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, u, p);
          if (isa<FloatType>(elementType))
            return arith::UIToFPOp::create(b, loc, elementType, hit)
                .getResult();
          Type signless = toSignless(elementType);
          if (signless != hit.getType())
            hit = arith::ExtUIOp::create(b, loc, signless, hit);
          return castSignedness(b, loc, hit, elementType);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Multinomial (see the file comment).
struct LowerMultinomial : OpRewritePattern<MultinomialOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MultinomialOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getType());
    Value input = op.getInput();
    auto inputType = dyn_cast<RankedTensorType>(input.getType());
    if (!type || !inputType || inputType.getRank() != 2)
      return rewriter.notifyMatchFailure(op, "not a ranked [batch, classes] "
                                             "input");
    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    Type inputElement = inputType.getElementType();
    Type computeType = computeTypeFor(rewriter, inputElement);
    Type indexType = type.getElementType();
    int64_t samples = op.getSampleSize();
    uint64_t key = generatorKey(op, op.getSeed(), rewriter);

    AffineExpr d0, d1, d2;
    bindDims(context, d0, d1, d2);
    auto map2 = [&](ArrayRef<AffineExpr> exprs) {
      return AffineMap::get(2, 0, exprs, context);
    };
    auto map3 = [&](ArrayRef<AffineExpr> exprs) {
      return AffineMap::get(3, 0, exprs, context);
    };
    auto parallel = utils::IteratorType::parallel;
    auto reduction = utils::IteratorType::reduction;

    SmallVector<Value> sizes = sizesOf(rewriter, loc, inputType, input);
    int64_t batch = inputType.getDimSize(0);
    SmallVector<Value> batchDynamic;
    if (ShapedType::isDynamic(batch))
      batchDynamic.push_back(sizes[0]);
    auto filled = [&](ArrayRef<int64_t> shape, Type element, Value value) {
      Value empty = tensor::EmptyOp::create(rewriter, loc, shape, element,
                                            batchDynamic);
      return linalg::FillOp::create(rewriter, loc, value, empty).getResult(0);
    };
    auto rowType = RankedTensorType::get({batch}, computeType);

    // The largest logit of each row.
    Value minusInf = arith::ConstantOp::create(
        rewriter, loc, computeType,
        rewriter.getFloatAttr(
            computeType,
            llvm::APFloat::getInf(
                cast<FloatType>(computeType).getFloatSemantics(), true)));
    Value rowMax =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{rowType}, input,
            filled({batch}, computeType, minusInf),
            {map2({d0, d1}), map2({d0})}, {parallel, reduction},
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value x = args[0];
              if (x.getType() != computeType)
                x = arith::ExtFOp::create(b, l, computeType, x);
              linalg::YieldOp::create(
                  b, l, arith::MaximumFOp::create(b, l, x, args[1]).getResult());
            })
            .getResult(0);

    // The weights exp(x - max) and their sum per row.
    auto weightsType =
        RankedTensorType::get(inputType.getShape(), computeType);
    Value weightsInit = tensor::EmptyOp::create(
        rewriter, loc, inputType.getShape(), computeType,
        dynamicOnly(inputType, sizes));
    Value weights =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{weightsType}, ValueRange{input, rowMax},
            weightsInit, {map2({d0, d1}), map2({d0}), map2({d0, d1})},
            {parallel, parallel},
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value x = args[0];
              if (x.getType() != computeType)
                x = arith::ExtFOp::create(b, l, computeType, x);
              Value shifted = arith::SubFOp::create(b, l, x, args[1]);
              linalg::YieldOp::create(
                  b, l, math::ExpOp::create(b, l, shifted).getResult());
            })
            .getResult(0);
    Value zero = floatConstant(rewriter, loc, computeType, 0.0);
    Value rowSum =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{rowType}, weights,
            filled({batch}, computeType, zero), {map2({d0, d1}), map2({d0})},
            {parallel, reduction},
            [&](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(
                  b, l, arith::AddFOp::create(b, l, args[0], args[1])
                            .getResult());
            })
            .getResult(0);

    // The target t = u * W of each sample.
    auto sampleShape = SmallVector<int64_t>{batch, samples};
    auto targetType = RankedTensorType::get(sampleShape, computeType);
    Value samplesSize = arith::ConstantIndexOp::create(rewriter, loc, samples);
    Value targetInit = tensor::EmptyOp::create(rewriter, loc, sampleShape,
                                               computeType, batchDynamic);
    unsigned precision = significandBits(computeType);
    Value targets =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{targetType}, rowSum, targetInit,
            {map2({d0}), map2({d0, d1})}, {parallel, parallel},
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value bits = randomBits(
                  b, l, linearIndex(b, l, {sizes[0], samplesSize}), key);
              Value u = uniformFromBits(b, l, bits, precision, computeType);
              linalg::YieldOp::create(
                  b, l, arith::MulFOp::create(b, l, u, args[0]).getResult());
            })
            .getResult(0);

    // The running sum over the classes, in order, and the class at which it
    // first exceeds the target (the last class by default).
    Value lastClass = arith::IndexCastOp::create(
        rewriter, loc, indexType,
        arith::SubIOp::create(rewriter, loc, sizes[1],
                              arith::ConstantIndexOp::create(rewriter, loc, 1)));
    Value scan = filled(sampleShape, computeType, zero);
    Value chosenInit = filled(sampleShape, indexType, lastClass);
    auto scanOp = linalg::GenericOp::create(
        rewriter, loc, TypeRange{targetType, type}, ValueRange{weights, targets},
        ValueRange{scan, chosenInit},
        {map3({d0, d2}), map3({d0, d1}), map3({d0, d1}), map3({d0, d1})},
        {parallel, parallel, reduction},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value weight = args[0], target = args[1], before = args[2],
                chosen = args[3];
          Value after = arith::AddFOp::create(b, l, before, weight);
          Value notYet = arith::CmpFOp::create(
              b, l, arith::CmpFPredicate::OLE, before, target);
          Value now = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGT,
                                            after, target);
          Value crossed = arith::AndIOp::create(b, l, notYet, now);
          Value index = arith::IndexCastOp::create(
              b, l, indexType, linalg::IndexOp::create(b, l, 2));
          Value next = arith::SelectOp::create(b, l, crossed, index, chosen);
          linalg::YieldOp::create(b, l, ValueRange{after, next});
        });
    rewriter.replaceOp(op, scanOp.getResult(1));
    return success();
  }
};

} // namespace

void populateRandomToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<LowerUniform<RandomUniformOp>, LowerUniform<RandomUniformLikeOp>,
               LowerNormal<RandomNormalOp>, LowerNormal<RandomNormalLikeOp>,
               LowerBernoulli, LowerMultinomial>(context);
}

} // namespace ds
