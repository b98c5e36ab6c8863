//===- NormalizationOps.cpp - Normalization ds ops --------------*- C++ -*-===//
//
// Part of ds. Result-type inference, verifiers and folders of the
// normalization family.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/NormalizationOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/NormalizationOps.cpp.inc"

void DSDialect::registerNormalizationOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/NormalizationOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

/// The float type of an ONNX `stash_type` data type, or null if unsupported.
static Type stashElementType(MLIRContext *context, int64_t stashType) {
  switch (stashType) {
  case 1:
    return Float32Type::get(context);
  case 10:
    return Float16Type::get(context);
  case 11:
    return Float64Type::get(context);
  case 16:
    return BFloat16Type::get(context);
  default:
    return {};
  }
}

static LogicalResult verifyStashType(Operation *op, int64_t stashType) {
  if (!stashElementType(op->getContext(), stashType))
    return op->emitOpError("stash_type must be 1 (f32), 10 (f16), 11 (f64) "
                           "or 16 (bf16), got ")
           << stashType;
  return success();
}

/// Requires `x` to have rank at least `minRank` when ranked.
static LogicalResult verifyMinRank(Operation *op, Value x, int64_t minRank) {
  auto type = dyn_cast<RankedTensorType>(x.getType());
  if (type && type.getRank() < minRank)
    return op->emitOpError("operand x must have rank >= ")
           << minRank << ", got " << type.getRank();
  return success();
}

/// The channel count `x.shape[1]`, dynamic when unknown.
static int64_t getChannels(Value x) {
  auto type = dyn_cast<RankedTensorType>(x.getType());
  return type && type.getRank() >= 2 ? type.getDimSize(1) : kDynamic;
}

/// Requires the per-channel operand `value` to be 1-D of size `channels`.
static LogicalResult verifyPerChannel(Operation *op, Value value,
                                      StringRef name, int64_t channels) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type)
    return success();
  if (type.getRank() != 1)
    return op->emitOpError("operand ")
           << name << " must have rank 1, got " << type.getRank();
  if (!compatibleSizes(type.getDimSize(0), channels))
    return op->emitOpError("operand ")
           << name << " must have size C = x.shape[1] = " << channels
           << ", got " << type.getDimSize(0);
  return success();
}

/// Requires the operands `values` (named `names`; null ones are skipped) to
/// have the element type of `reference` (named `referenceName`).
static LogicalResult verifySameElementType(Operation *op, Value reference,
                                           ArrayRef<Value> values,
                                           ArrayRef<StringRef> names,
                                           StringRef referenceName = "x") {
  Type expected = getElementType(reference.getType());
  for (auto [value, name] : llvm::zip_equal(values, names)) {
    if (!value)
      continue;
    Type actual = getElementType(value.getType());
    if (actual != expected)
      return op->emitOpError("operand ")
             << name << " has element type " << actual << ", expected "
             << referenceName << "'s " << expected;
  }
  return success();
}

/// Checks `axis` against `rank` with an op diagnostic.
static LogicalResult verifyAxisInRange(Operation *op, int64_t axis,
                                       int64_t rank) {
  if (axis < -rank || axis >= rank)
    return op->emitOpError("axis ")
           << axis << " is out of range for rank " << rank << " (expected in ["
           << -rank << ", " << rank << "))";
  return success();
}

//===----------------------------------------------------------------------===//
// BatchNormalization
//===----------------------------------------------------------------------===//

LogicalResult
BatchNormalizationOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getX().getType());
  if (!adaptor.getTrainingMode())
    return success();
  int64_t channels = getChannels(adaptor.getX());
  for (Value stat : {adaptor.getMean(), adaptor.getVar()}) {
    int64_t size = channels;
    if (auto type = dyn_cast<RankedTensorType>(stat.getType())) {
      if (type.getRank() != 1 || !compatibleSizes(type.getDimSize(0), size))
        return emitOptionalError(location,
                                 "running statistics must be 1-D "
                                 "of size C = ",
                                 channels, ", got ", type);
      size = refineSize(size, type.getDimSize(0));
    }
    inferred.push_back(
        RankedTensorType::get({size}, getElementType(stat.getType())));
  }
  return success();
}

LogicalResult BatchNormalizationOp::verify() {
  if (failed(verifyMinRank(*this, getX(), 2)))
    return failure();
  int64_t channels = getChannels(getX());
  // Named arrays: an ArrayRef of a braced list would dangle in the loop.
  Value values[] = {getScale(), getBias(), getMean(), getVar()};
  StringRef names[] = {"scale", "bias", "mean", "var"};
  for (auto [value, name] : llvm::zip_equal(values, names))
    if (failed(verifyPerChannel(*this, value, name, channels)))
      return failure();
  // ONNX types scale and bias alike (T1), and mean and var alike (T2).
  if (failed(verifySameElementType(*this, getScale(), {getBias()}, {"bias"},
                                   "scale")) ||
      failed(
          verifySameElementType(*this, getMean(), {getVar()}, {"var"}, "mean")))
    return failure();
  size_t numStats = getRunningStats().size();
  if (getTrainingMode() && numStats != 2)
    return emitOpError("training_mode requires the results running_mean and "
                       "running_var, got ")
           << numStats << " extra results";
  if (!getTrainingMode() && numStats != 0)
    return emitOpError("has ")
           << numStats
           << " running-statistics results, which require training_mode";
  return success();
}

//===----------------------------------------------------------------------===//
// LayerNormalization
//===----------------------------------------------------------------------===//

LogicalResult
LayerNormalizationOp::inferReturnTypes(MLIRContext *context, ErrorSink location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  Type x = adaptor.getX().getType();
  inferred.push_back(x);
  // The optional results present, as the result segments record them.
  ArrayRef<int32_t> segments = adaptor.getProperties().resultSegmentSizes;
  int64_t numStats = segments[1] + segments[2];
  if (numStats == 0)
    return success();
  int64_t stashType = adaptor.getStashType();
  Type stash = stashElementType(context, stashType);
  if (!stash)
    return emitOptionalError(location, "unsupported stash_type ", stashType);
  Type statType = UnrankedTensorType::get(stash);
  if (auto ranked = dyn_cast<RankedTensorType>(x)) {
    FailureOr<int64_t> axis =
        normalizeAxis(location, adaptor.getAxis(), ranked.getRank());
    if (failed(axis))
      return failure();
    SmallVector<int64_t> shape(ranked.getShape());
    std::fill(shape.begin() + *axis, shape.end(), 1);
    statType = RankedTensorType::get(shape, stash);
  }
  inferred.append(numStats, statType);
  return success();
}

/// Requires `value` (`name`) to broadcast unidirectionally to `normalized`.
static LogicalResult verifyBroadcastsTo(Operation *op, Value value,
                                        StringRef name,
                                        ArrayRef<int64_t> normalized) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type)
    return success();
  ArrayRef<int64_t> shape = type.getShape();
  bool ok = shape.size() <= normalized.size();
  for (size_t i = 0; ok && i < shape.size(); ++i) {
    int64_t size = shape[shape.size() - 1 - i];
    int64_t target = normalized[normalized.size() - 1 - i];
    ok = size == 1 || compatibleSizes(size, target);
  }
  if (!ok) {
    InFlightDiagnostic diag = op->emitOpError("operand ");
    diag << name << " of shape [";
    llvm::interleaveComma(shape, diag);
    diag << "] does not broadcast to x.shape[axis:] = [";
    llvm::interleaveComma(normalized, diag);
    return diag << "]";
  }
  return success();
}

LogicalResult LayerNormalizationOp::verify() {
  if (failed(verifyStashType(*this, getStashType())) ||
      failed(verifySameElementType(*this, getX(), {getScale(), getBias()},
                                   {"scale", "bias"})))
    return failure();
  if (static_cast<bool>(getMean()) != static_cast<bool>(getInvStdDev()))
    return emitOpError("results mean and inv_std_dev must be both present "
                       "or both absent");
  auto x = dyn_cast<RankedTensorType>(getX().getType());
  if (!x)
    return success();
  int64_t axis = getAxis(); // I64Attr getters return uint64_t.
  if (failed(verifyAxisInRange(*this, axis, x.getRank())))
    return failure();
  if (axis < 0)
    axis += x.getRank();
  ArrayRef<int64_t> normalized = x.getShape().drop_front(axis);
  if (failed(verifyBroadcastsTo(*this, getScale(), "scale", normalized)))
    return failure();
  if (getBias() &&
      failed(verifyBroadcastsTo(*this, getBias(), "bias", normalized)))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// GroupNormalization, InstanceNormalization
//===----------------------------------------------------------------------===//

LogicalResult
GroupNormalizationOp::inferReturnTypes(MLIRContext *, ErrorSink,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getX().getType());
  return success();
}

LogicalResult GroupNormalizationOp::verify() {
  if (failed(verifyMinRank(*this, getX(), 2)) ||
      failed(verifyStashType(*this, getStashType())) ||
      failed(verifySameElementType(*this, getX(), {getScale(), getBias()},
                                   {"scale", "bias"})))
    return failure();
  int64_t groups = getNumGroups();
  if (groups <= 0)
    return emitOpError("num_groups must be positive, got ") << groups;
  int64_t channels = getChannels(getX());
  if (!ShapedType::isDynamic(channels) && channels % groups != 0)
    return emitOpError("channel count C = ")
           << channels << " is not divisible by num_groups = " << groups;
  if (failed(verifyPerChannel(*this, getScale(), "scale", channels)) ||
      failed(verifyPerChannel(*this, getBias(), "bias", channels)))
    return failure();
  return success();
}

LogicalResult
InstanceNormalizationOp::inferReturnTypes(MLIRContext *, ErrorSink,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getX().getType());
  return success();
}

LogicalResult InstanceNormalizationOp::verify() {
  if (failed(verifyMinRank(*this, getX(), 3)) ||
      failed(verifySameElementType(*this, getX(), {getScale(), getBias()},
                                   {"scale", "bias"})))
    return failure();
  int64_t channels = getChannels(getX());
  if (failed(verifyPerChannel(*this, getScale(), "scale", channels)) ||
      failed(verifyPerChannel(*this, getBias(), "bias", channels)))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Softmax, LogSoftmax, Hardmax, LpNormalization
//===----------------------------------------------------------------------===//

/// Verifies the axis of an op normalizing along one axis of `input`.
static LogicalResult verifyNormalizedAxis(Operation *op, Value input,
                                          int64_t axis) {
  if (auto type = dyn_cast<RankedTensorType>(input.getType()))
    return verifyAxisInRange(op, axis, type.getRank());
  return success();
}

LogicalResult SoftmaxOp::verify() {
  return verifyNormalizedAxis(*this, getInput(), getAxis());
}

LogicalResult LogSoftmaxOp::verify() {
  return verifyNormalizedAxis(*this, getInput(), getAxis());
}

LogicalResult HardmaxOp::verify() {
  return verifyNormalizedAxis(*this, getInput(), getAxis());
}

OpFoldResult HardmaxOp::fold(FoldAdaptor) {
  // Every slice of one element has its maximum at index 0.
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!type || !type.hasStaticShape())
    return {};
  FailureOr<int64_t> axis =
      normalizeAxis(std::nullopt, getAxis(), type.getRank());
  if (failed(axis) || type.getDimSize(*axis) != 1)
    return {};
  return DenseElementsAttr::get(
      type, ArrayRef<Attribute>{FloatAttr::get(type.getElementType(), 1.0)});
}

LogicalResult LpNormalizationOp::verify() {
  int64_t p = getP();
  if (p != 1 && p != 2)
    return emitOpError("p must be 1 or 2, got ") << p;
  return verifyNormalizedAxis(*this, getInput(), getAxis());
}
