//===- SignalOps.cpp - Signal ds ops ----------------------------*- C++ -*-===//
//
// Part of ds. Result-type inference of DFT and STFT, and the inference and
// folder of MelWeightMatrix. Every constraint is checked by the inference,
// which the verifier runs with the op as error sink.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/SignalOps.h"

#include "dialects/ds/Folding.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APFloat.h"

#include <cmath>

using namespace mlir;
using namespace ds;
using llvm::APFloat;
using llvm::APInt;

#define GET_OP_CLASSES
#include "dialects/ds/SignalOps.cpp.inc"

void DSDialect::registerSignalOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/SignalOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

/// Checks that `value`, the operand `name`, is a scalar: rank 0, or rank 1
/// with one element.
static LogicalResult checkScalar(ErrorSink location, Value value,
                                 StringRef name) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() == 0 ||
      (type.getRank() == 1 && compatibleSizes(type.getDimSize(0), 1)))
    return success();
  return emitOptionalError(location, "operand ", name,
                           " must be a scalar (rank 0 or one element), got ",
                           value.getType());
}

/// The value of the constant integer scalar `value`, if it is one.
static std::optional<int64_t> getConstantScalar(Value value) {
  std::optional<SmallVector<int64_t>> values = getConstantInts(value);
  if (!values || values->size() != 1)
    return std::nullopt;
  return values->front();
}

/// Checks that the constant integer scalar `value` (if it is constant) is
/// positive, and returns it.
static FailureOr<std::optional<int64_t>>
getPositiveScalar(ErrorSink location, Value value, StringRef name) {
  std::optional<int64_t> constant = getConstantScalar(value);
  if (constant && *constant <= 0)
    return emitOptionalError(location, name, " must be positive, got ",
                             *constant);
  return constant;
}

/// `n / 2 + 1`, the number of non-redundant frequencies of an `n`-point DFT
/// of a real signal (dynamic for a dynamic `n`).
static int64_t oneSidedBins(int64_t n) {
  return ShapedType::isDynamic(n) ? kDynamic : n / 2 + 1;
}

//===----------------------------------------------------------------------===//
// DFT
//===----------------------------------------------------------------------===//

LogicalResult DFTOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  Value input = adaptor.getInput();
  Value length = adaptor.getDftLength();
  std::optional<int64_t> n;
  if (length) {
    FailureOr<std::optional<int64_t>> constant;
    if (failed(checkScalar(location, length, "dft_length")) ||
        failed(constant = getPositiveScalar(location, length, "dft_length")))
      return failure();
    n = *constant;
  }
  auto ranked = dyn_cast<RankedTensorType>(input.getType());
  if (!ranked) {
    inferred.push_back(input.getType());
    return success();
  }
  int64_t rank = ranked.getRank();
  if (rank < 2)
    return emitOptionalError(location,
                             "operand input must have rank at least "
                             "2 (signal axes and a last axis of "
                             "size 1 or 2), got ",
                             rank);
  int64_t last = ranked.getDimSize(rank - 1);
  if (!ShapedType::isDynamic(last) && last != 1 && last != 2)
    return emitOptionalError(location,
                             "the last dimension of input must have size 1 "
                             "(real) or 2 (complex), got ",
                             last);
  int64_t axis = adaptor.getAxis(); // I64Attr getters are unsigned.
  if (axis < -rank || axis > rank - 2 || axis == -1)
    return emitOptionalError(
        location, "axis ", axis, " is out of range for rank ", rank,
        " (expected in [", -rank, ", -2] or [0, ", rank - 2, "])");
  if (axis < 0)
    axis += rank;

  bool onesided = adaptor.getOnesided(), inverse = adaptor.getInverse();
  if (onesided && !inverse && last == 2)
    return emitOptionalError(location, "a one-sided forward DFT needs a real "
                                       "input (last dimension 1)");
  if (onesided && inverse && last == 1)
    return emitOptionalError(location, "a one-sided inverse DFT needs a "
                                       "complex input (last dimension 2)");

  int64_t size = ranked.getDimSize(axis);
  int64_t points = kDynamic;
  if (length) {
    points = n.value_or(kDynamic);
  } else if (!ShapedType::isDynamic(size)) {
    points = onesided && inverse ? 2 * (size - 1) : size;
    if (points <= 0)
      return emitOptionalError(location,
                               "the default dft_length of a "
                               "one-sided inverse DFT, 2 * (",
                               size, " - 1), must be positive");
  }
  SmallVector<int64_t> shape(ranked.getShape());
  shape[axis] = onesided && !inverse ? oneSidedBins(points) : points;
  shape[rank - 1] = onesided && inverse ? 1 : 2;
  inferred.push_back(RankedTensorType::get(shape, ranked.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// STFT
//===----------------------------------------------------------------------===//

LogicalResult STFTOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  Value signal = adaptor.getSignal(), step = adaptor.getFrameStep();
  Value window = adaptor.getWindow(), length = adaptor.getFrameLength();
  Type elementType = getElementType(signal.getType());
  if (failed(checkScalar(location, step, "frame_step")))
    return failure();
  FailureOr<std::optional<int64_t>> stepValue =
      getPositiveScalar(location, step, "frame_step");
  if (failed(stepValue))
    return failure();

  // The frame length: frame_length, else the window's size.
  int64_t frame = kDynamic;
  if (length) {
    if (getElementType(length.getType()) != getElementType(step.getType()))
      return emitOptionalError(location, "operands frame_step and "
                                         "frame_length must have the same "
                                         "element type");
    FailureOr<std::optional<int64_t>> constant;
    if (failed(checkScalar(location, length, "frame_length")) ||
        failed(constant = getPositiveScalar(location, length, "frame_length")))
      return failure();
    frame = constant->value_or(kDynamic);
  }
  if (window) {
    if (getElementType(window.getType()) != elementType)
      return emitOptionalError(location,
                               "operand window must have the "
                               "element type of the signal, ",
                               elementType);
    auto windowType = dyn_cast<RankedTensorType>(window.getType());
    if (windowType && windowType.getRank() != 1)
      return emitOptionalError(location,
                               "operand window must have rank 1, "
                               "got ",
                               windowType.getRank());
    int64_t size = windowType ? windowType.getDimSize(0) : kDynamic;
    if (!compatibleSizes(size, frame))
      return emitOptionalError(location, "the window has ", size,
                               " elements but frame_length is ", frame);
    if (!length)
      frame = size;
  }

  // Without frame_length and window, the one frame is the whole signal.
  bool wholeSignal = !length && !window;
  SmallVector<int64_t> shape = {kDynamic, wholeSignal ? 1 : kDynamic, kDynamic,
                                2};
  if (auto ranked = dyn_cast<RankedTensorType>(signal.getType())) {
    if (ranked.getRank() != 3)
      return emitOptionalError(location,
                               "operand signal must have rank 3 "
                               "([batch, signal_length, 1 or 2]), "
                               "got ",
                               ranked.getRank());
    int64_t last = ranked.getDimSize(2);
    if (!ShapedType::isDynamic(last) && last != 1 && last != 2)
      return emitOptionalError(location,
                               "the last dimension of signal must have size "
                               "1 (real) or 2 (complex), got ",
                               last);
    if (adaptor.getOnesided() && last == 2)
      return emitOptionalError(location, "a one-sided STFT needs a real signal "
                                         "(last dimension 1)");
    shape[0] = ranked.getDimSize(0);
    int64_t signalLength = ranked.getDimSize(1);
    if (wholeSignal)
      frame = signalLength;
    if (!ShapedType::isDynamic(frame) && !ShapedType::isDynamic(signalLength) &&
        frame > signalLength)
      return emitOptionalError(location, "the frame length ", frame,
                               " exceeds the signal length ", signalLength);
    if (!ShapedType::isDynamic(frame) && !ShapedType::isDynamic(signalLength) &&
        *stepValue)
      shape[1] = (signalLength - frame) / **stepValue + 1;
  }
  shape[2] = adaptor.getOnesided() ? oneSidedBins(frame) : frame;
  inferred.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

//===----------------------------------------------------------------------===//
// MelWeightMatrix
//===----------------------------------------------------------------------===//

LogicalResult
MelWeightMatrixOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                    Adaptor adaptor,
                                    SmallVectorImpl<Type> &inferred) {
  TypeAttr outputType = adaptor.getOutputDatatypeAttr();
  if (!outputType)
    return emitOptionalError(location, "requires attribute 'output_datatype'");
  Value bins = adaptor.getNumMelBins(), length = adaptor.getDftLength();
  Value rate = adaptor.getSampleRate();
  Value lower = adaptor.getLowerEdgeHertz(),
        upper = adaptor.getUpperEdgeHertz();
  for (auto [value, name] :
       {std::pair{bins, "num_mel_bins"}, std::pair{length, "dft_length"},
        std::pair{rate, "sample_rate"}, std::pair{lower, "lower_edge_hertz"},
        std::pair{upper, "upper_edge_hertz"}})
    if (failed(checkScalar(location, value, name)))
      return failure();
  Type intType = getElementType(bins.getType());
  if (getElementType(length.getType()) != intType ||
      getElementType(rate.getType()) != intType)
    return emitOptionalError(location, "operands num_mel_bins, dft_length and "
                                       "sample_rate must have the same "
                                       "element type");
  if (getElementType(lower.getType()) != getElementType(upper.getType()))
    return emitOptionalError(location, "operands lower_edge_hertz and "
                                       "upper_edge_hertz must have the same "
                                       "element type");
  FailureOr<std::optional<int64_t>> numBins =
      getPositiveScalar(location, bins, "num_mel_bins");
  if (failed(numBins))
    return failure();
  FailureOr<std::optional<int64_t>> points =
      getPositiveScalar(location, length, "dft_length");
  if (failed(points))
    return failure();
  if (failed(getPositiveScalar(location, rate, "sample_rate")))
    return failure();
  inferred.push_back(RankedTensorType::get(
      {oneSidedBins(points->value_or(kDynamic)), numBins->value_or(kDynamic)},
      outputType.getValue()));
  return success();
}

/// The single value of a constant integer scalar.
static std::optional<int64_t> getIntScalar(Attribute attr) {
  auto dense = dyn_cast_or_null<DenseIntElementsAttr>(attr);
  if (!dense || dense.getNumElements() != 1)
    return std::nullopt;
  return (*dense.getValues<APInt>().begin()).getSExtValue();
}

/// The single value of a constant floating-point scalar.
static std::optional<double> getFloatScalar(Attribute attr) {
  auto dense = dyn_cast_or_null<DenseFPElementsAttr>(attr);
  if (!dense || dense.getNumElements() != 1)
    return std::nullopt;
  return (*dense.getValues<APFloat>().begin()).convertToDouble();
}

/// `floor(a / b)` for b > 0 as Python (and numpy) compute it on doubles.
static double floorDivide(double a, double b) {
  double mod = std::fmod(a, b);
  double div = (a - mod) / b;
  if (mod != 0 && mod < 0)
    div -= 1.0;
  double floored = std::floor(div);
  if (div - floored > 0.5)
    floored += 1.0;
  return floored;
}

/// The mel filter bank in row-major order, as ONNX's reference computes it,
/// or std::nullopt when a band edge lies outside the `points / 2 + 1` bins
/// (the last edge, an exclusive bound, may equal their number).
static std::optional<SmallVector<double>>
computeMelWeights(int64_t numBins, int64_t points, int64_t rate, double lower,
                  double upper) {
  int64_t rows = points / 2 + 1;
  auto mel = [](double hz) {
    return 2595.0 * std::log1p(hz / 700.0) / std::log(10.0);
  };
  double lowMel = mel(lower), step = (mel(upper) - lowMel) / (numBins + 2);
  SmallVector<int64_t> edges;
  for (int64_t i = 0; i < numBins + 2; ++i) {
    double hz = 700.0 * std::expm1((i * step + lowMel) / 2595.0 * std::log(10));
    double bin = floorDivide((points + 1) * hz, static_cast<double>(rate));
    bool last = i == numBins + 1;
    if (!std::isfinite(bin) || bin < 0 || bin > rows || (!last && bin == rows))
      return std::nullopt;
    edges.push_back(static_cast<int64_t>(bin));
  }
  SmallVector<double> weights(rows * numBins, 0.0);
  for (int64_t i = 0; i < numBins; ++i) {
    int64_t left = edges[i], center = edges[i + 1], right = edges[i + 2];
    if (center == left)
      weights[center * numBins + i] = 1.0;
    for (int64_t j = left; center > left && j <= center; ++j)
      weights[j * numBins + i] =
          static_cast<double>(j - left) / static_cast<double>(center - left);
    for (int64_t j = center; j < right; ++j)
      weights[j * numBins + i] =
          static_cast<double>(right - j) / static_cast<double>(right - center);
  }
  return weights;
}

OpFoldResult MelWeightMatrixOp::fold(FoldAdaptor adaptor) {
  std::optional<int64_t> numBins = getIntScalar(adaptor.getNumMelBins());
  std::optional<int64_t> points = getIntScalar(adaptor.getDftLength());
  std::optional<int64_t> rate = getIntScalar(adaptor.getSampleRate());
  std::optional<double> lower = getFloatScalar(adaptor.getLowerEdgeHertz());
  std::optional<double> upper = getFloatScalar(adaptor.getUpperEdgeHertz());
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!numBins || !points || !rate || !lower || !upper || *numBins <= 0 ||
      *points <= 0 || *rate <= 0 || !type || !type.hasStaticShape() ||
      type.getNumElements() > kMaxFoldedElements ||
      type.getNumElements() != (*points / 2 + 1) * *numBins)
    return {};
  std::optional<SmallVector<double>> weights =
      computeMelWeights(*numBins, *points, *rate, *lower, *upper);
  if (!weights)
    return {};
  Type element = type.getElementType();
  if (auto floatType = dyn_cast<FloatType>(element)) {
    SmallVector<APFloat> values;
    for (double w : *weights) {
      APFloat v(w);
      bool losesInfo = false;
      v.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                &losesInfo);
      values.push_back(v);
    }
    return DenseElementsAttr::get(type, values);
  }
  // Integer types truncate the weights in [0, 1].
  unsigned width = element.getIntOrFloatBitWidth();
  SmallVector<APInt> values;
  for (double w : *weights)
    values.push_back(APInt(width, static_cast<uint64_t>(w)));
  return DenseElementsAttr::get(type, values);
}
