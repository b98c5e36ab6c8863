//===- RandomOps.cpp - Random ds ops ----------------------------*- C++ -*-===//
//
// Part of ds. Result-type inference and folders of the random ops. Every
// constraint is checked by the inference, which the verifier runs with the
// op as error sink. The folders fold only draws that have a single possible
// value, and drop a `dtype` equal to the input's element type.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/RandomOps.h"

#include "dialects/ds/Folding.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APFloat.h"

using namespace mlir;
using namespace ds;
using llvm::APFloat;
using llvm::APInt;

#define GET_OP_CLASSES
#include "dialects/ds/RandomOps.cpp.inc"

void DSDialect::registerRandomOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/RandomOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

/// A splat of `value` in the static tensor type `type` (a float, integer or
/// bool element type), or null when `type` is not static or too large.
static Attribute getSplat(Type type, double value) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape() ||
      ranked.getNumElements() > kMaxFoldedElements)
    return {};
  Type element = ranked.getElementType();
  if (auto floatType = dyn_cast<FloatType>(element)) {
    APFloat v(value);
    bool losesInfo = false;
    v.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
              &losesInfo);
    return DenseElementsAttr::get(ranked, v);
  }
  if (auto intType = dyn_cast<IntegerType>(element))
    return DenseElementsAttr::get(
        ranked, APInt(intType.getWidth(), static_cast<int64_t>(value),
                      /*isSigned=*/!intType.isUnsigned(),
                      /*implicitTrunc=*/true));
  return {};
}

/// The shape attribute of RandomNormal and RandomUniform as a result type of
/// element type `dtype`; fails on a missing attribute or a negative size.
static LogicalResult inferFromShape(ErrorSink location, DenseI64ArrayAttr shape,
                                    TypeAttr dtype,
                                    SmallVectorImpl<Type> &inferred) {
  if (!shape || !dtype)
    return emitOptionalError(location, "requires the attributes 'shape' and "
                                       "'dtype'");
  for (int64_t size : shape.asArrayRef())
    if (size < 0)
      return emitOptionalError(location,
                               "shape must have non-negative sizes, "
                               "got ",
                               size);
  inferred.push_back(
      RankedTensorType::get(shape.asArrayRef(), dtype.getValue()));
  return success();
}

/// The type of `input` with element type `dtype`, or the input's own element
/// type without it, which must then satisfy `allowed` (described by `what`).
static LogicalResult inferLike(ErrorSink location, Type input, TypeAttr dtype,
                               bool (*allowed)(Type), StringRef what,
                               SmallVectorImpl<Type> &inferred) {
  Type element = dtype ? dtype.getValue() : getElementType(input);
  if (!dtype && !allowed(element))
    return emitOptionalError(location,
                             "dtype is required when the input's "
                             "element type ",
                             element, " is not ", what);
  inferred.push_back(withElementType(input, element));
  return success();
}

static bool isFloat(Type type) { return isa<FloatType>(type); }
static bool isAnyType(Type) { return true; }

/// Checks the bounds of a uniform distribution.
static LogicalResult checkUniformBounds(ErrorSink location, APFloat low,
                                        APFloat high) {
  if (high.compare(low) == APFloat::cmpLessThan)
    return emitOptionalError(location, "low (", low.convertToDouble(),
                             ") must not exceed high (", high.convertToDouble(),
                             ")");
  return success();
}

/// Drops a `dtype` attribute equal to the input's element type (an in-place
/// fold); true when it did.
template <typename OpTy> static bool dropRedundantDtype(OpTy op) {
  std::optional<Type> dtype = op.getDtype();
  if (!dtype || *dtype != getElementType(op.getInput().getType()))
    return false;
  op.removeDtypeAttr();
  return true;
}

//===----------------------------------------------------------------------===//
// RandomNormal, RandomUniform
//===----------------------------------------------------------------------===//

LogicalResult
RandomNormalOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                 Adaptor adaptor,
                                 SmallVectorImpl<Type> &inferred) {
  return inferFromShape(location, adaptor.getShapeAttr(),
                        adaptor.getDtypeAttr(), inferred);
}

OpFoldResult RandomNormalOp::fold(FoldAdaptor) {
  if (!getScale().isZero())
    return {};
  return getSplat(getType(), getMean().convertToDouble());
}

LogicalResult
RandomUniformOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                  Adaptor adaptor,
                                  SmallVectorImpl<Type> &inferred) {
  if (failed(checkUniformBounds(location, adaptor.getLow(), adaptor.getHigh())))
    return failure();
  return inferFromShape(location, adaptor.getShapeAttr(),
                        adaptor.getDtypeAttr(), inferred);
}

OpFoldResult RandomUniformOp::fold(FoldAdaptor) {
  if (getLow().compare(getHigh()) != APFloat::cmpEqual)
    return {};
  return getSplat(getType(), getLow().convertToDouble());
}

//===----------------------------------------------------------------------===//
// RandomNormalLike, RandomUniformLike
//===----------------------------------------------------------------------===//

LogicalResult
RandomNormalLikeOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                     Adaptor adaptor,
                                     SmallVectorImpl<Type> &inferred) {
  return inferLike(location, adaptor.getInput().getType(),
                   adaptor.getDtypeAttr(), isFloat, "floating-point", inferred);
}

OpFoldResult RandomNormalLikeOp::fold(FoldAdaptor) {
  if (getScale().isZero())
    if (Attribute splat = getSplat(getType(), getMean().convertToDouble()))
      return splat;
  if (dropRedundantDtype(*this))
    return getResult();
  return {};
}

LogicalResult
RandomUniformLikeOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  if (failed(checkUniformBounds(location, adaptor.getLow(), adaptor.getHigh())))
    return failure();
  return inferLike(location, adaptor.getInput().getType(),
                   adaptor.getDtypeAttr(), isFloat, "floating-point", inferred);
}

OpFoldResult RandomUniformLikeOp::fold(FoldAdaptor) {
  if (getLow().compare(getHigh()) == APFloat::cmpEqual)
    if (Attribute splat = getSplat(getType(), getLow().convertToDouble()))
      return splat;
  if (dropRedundantDtype(*this))
    return getResult();
  return {};
}

//===----------------------------------------------------------------------===//
// Bernoulli
//===----------------------------------------------------------------------===//

LogicalResult BernoulliOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  return inferLike(location, adaptor.getInput().getType(),
                   adaptor.getDtypeAttr(), isAnyType, "", inferred);
}

OpFoldResult BernoulliOp::fold(FoldAdaptor adaptor) {
  // Probabilities that are all 0 or all 1 leave nothing to chance.
  auto dense = dyn_cast_or_null<DenseFPElementsAttr>(adaptor.getInput());
  if (dense && dense.isSplat()) {
    APFloat p = dense.getSplatValue<APFloat>();
    if (p.isZero() || p.isExactlyValue(1.0))
      if (Attribute splat = getSplat(getType(), p.isZero() ? 0.0 : 1.0))
        return splat;
  }
  if (dropRedundantDtype(*this))
    return getResult();
  return {};
}

//===----------------------------------------------------------------------===//
// Multinomial
//===----------------------------------------------------------------------===//

LogicalResult MultinomialOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  TypeAttr dtype = adaptor.getDtypeAttr();
  if (!dtype)
    return emitOptionalError(location, "requires attribute 'dtype'");
  int64_t sampleSize = adaptor.getSampleSize(); // I64Attr getters are unsigned.
  if (sampleSize < 1)
    return emitOptionalError(location, "sample_size must be at least 1, got ",
                             sampleSize);
  int64_t batch = kDynamic;
  if (auto input = dyn_cast<RankedTensorType>(adaptor.getInput().getType())) {
    if (input.getRank() != 2)
      return emitOptionalError(location,
                               "operand input must have rank 2 "
                               "([batch, classes]), got ",
                               input.getRank());
    if (input.getDimSize(1) == 0)
      return emitOptionalError(location, "operand input must have at least "
                                         "one class");
    batch = input.getDimSize(0);
  }
  inferred.push_back(
      RankedTensorType::get({batch, sampleSize}, dtype.getValue()));
  return success();
}

OpFoldResult MultinomialOp::fold(FoldAdaptor) {
  auto input = dyn_cast<RankedTensorType>(getInput().getType());
  if (!input || input.getRank() != 2 || input.getDimSize(1) != 1)
    return {};
  return getSplat(getType(), 0.0);
}
