//===- RecurrentOps.cpp - Recurrent ds ops ----------------------*- C++ -*-===//
//
// Part of ds. ds.lstm, ds.gru and ds.rnn share one shape inference that
// unifies the sizes every operand implies (sequence length, batch, input and
// hidden size, directions) and one attribute verifier; ds.scan and
// ds.scan_yield follow ds.loop and ds.yield: the ops check their operands,
// block arguments and results, and the terminator what it yields.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/RecurrentOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace ds;

#define GET_OP_CLASSES
#include "dialects/ds/RecurrentOps.cpp.inc"

void DSDialect::registerRecurrentOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/ds/RecurrentOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Recurrent layers: shared inference and verification
//===----------------------------------------------------------------------===//

namespace {

/// What distinguishes LSTM, GRU and RNN for their shapes and attributes.
struct RecurrentKind {
  /// Gates per direction: the factor of H in the rows of W and R.
  int64_t numGates;
  /// The default activations of one direction.
  ArrayRef<StringRef> defaultActivations;
};

/// The operands and attributes that decide a recurrent layer's shapes.
struct RecurrentOperands {
  Value x, w, r, b, sequenceLens, initialH, initialC, p;
  StringRef direction;
  std::optional<int64_t> hiddenSize;
  int64_t layout;
  /// Number of results: Y, Y_h and, for LSTM, Y_c.
  unsigned numResults;
};

/// The sizes a recurrent layer's operands agree on, dynamic while unknown.
struct RecurrentDims {
  int64_t seq = kDynamic, batch = kDynamic, input = kDynamic, hidden = kDynamic,
          directions = kDynamic;
};

/// One dimension of an operand: it is `factor` times the size `*dim`, named
/// `name` in messages.
struct DimUse {
  int64_t *dim;
  StringRef name;
  int64_t factor = 1;
};

constexpr StringRef kLSTMActivations[] = {"Sigmoid", "Tanh", "Tanh"};
constexpr StringRef kGRUActivations[] = {"Sigmoid", "Tanh"};
constexpr StringRef kRNNActivations[] = {"Tanh"};

constexpr RecurrentKind kLSTM{4, kLSTMActivations};
constexpr RecurrentKind kGRU{3, kGRUActivations};
constexpr RecurrentKind kRNN{1, kRNNActivations};

/// An activation function of the recurrent layers and the parameters it
/// takes.
struct Activation {
  StringRef name;
  bool takesAlpha, takesBeta;
};

constexpr Activation kActivations[] = {
    {"Relu", false, false},     {"Tanh", false, false},
    {"Sigmoid", false, false},  {"Affine", true, true},
    {"LeakyRelu", true, false}, {"ThresholdedRelu", true, false},
    {"ScaledTanh", true, true}, {"HardSigmoid", true, true},
    {"Elu", true, false},       {"Softsign", false, false},
    {"Softplus", false, false}};

} // namespace

/// The number of directions of `direction`, or an error.
static FailureOr<int64_t> getNumDirections(ErrorSink loc, StringRef direction) {
  if (direction == "forward" || direction == "reverse")
    return 1;
  if (direction == "bidirectional")
    return 2;
  return emitOptionalError(loc,
                           "direction must be \"forward\", \"reverse\" or "
                           "\"bidirectional\", got \"",
                           direction, "\"");
}

/// Matches the shape of `value` (if present and ranked) against `uses`, one
/// per dimension, refining the unknown sizes they name.
static LogicalResult matchShape(ErrorSink loc, Value value, StringRef operand,
                                ArrayRef<DimUse> uses) {
  if (!value)
    return success();
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type)
    return success();
  if (type.getRank() != static_cast<int64_t>(uses.size()))
    return emitOptionalError(loc, operand, " must have rank ", uses.size(),
                             ", got ", type);
  for (auto [i, use, size] : llvm::enumerate(uses, type.getShape())) {
    if (ShapedType::isDynamic(size))
      continue;
    std::string expected =
        (use.factor == 1 ? Twine(use.name)
                         : Twine(use.factor) + " * " + use.name)
            .str();
    if (size % use.factor != 0)
      return emitOptionalError(loc, operand, " dimension ", i, " is ", size,
                               ", not a multiple of ", use.factor, " (",
                               expected, ")");
    int64_t value = size / use.factor;
    if (ShapedType::isDynamic(*use.dim)) {
      *use.dim = value;
      continue;
    }
    if (*use.dim != value)
      return emitOptionalError(loc, operand, " dimension ", i, " is ", size,
                               ", expected ", expected, " = ",
                               use.factor * *use.dim);
  }
  return success();
}

/// Infers Y, Y_h (and Y_c) of a recurrent layer, checking that the operand
/// shapes agree.
static LogicalResult inferRecurrent(ErrorSink loc, const RecurrentKind &kind,
                                    const RecurrentOperands &ops,
                                    SmallVectorImpl<Type> &results) {
  RecurrentDims d;
  FailureOr<int64_t> directions = getNumDirections(loc, ops.direction);
  if (failed(directions))
    return failure();
  d.directions = *directions;
  if (ops.layout != 0 && ops.layout != 1)
    return emitOptionalError(loc, "layout must be 0 or 1, got ", ops.layout);
  if (ops.hiddenSize) {
    if (*ops.hiddenSize < 1)
      return emitOptionalError(loc, "hidden_size must be at least 1, got ",
                               *ops.hiddenSize);
    d.hidden = *ops.hiddenSize;
  }
  bool batchFirst = ops.layout == 1;
  DimUse seq{&d.seq, "seq_length"}, batch{&d.batch, "batch_size"},
      input{&d.input, "input_size"}, hidden{&d.hidden, "hidden_size"},
      dirs{&d.directions, "num_directions"};
  int64_t g = kind.numGates;
  DimUse gates{&d.hidden, "hidden_size", g};
  DimUse biases{&d.hidden, "hidden_size", 2 * g};
  DimUse peepholes{&d.hidden, "hidden_size", 3};
  SmallVector<DimUse> xUses = {seq, batch, input};
  SmallVector<DimUse> stateUses = {dirs, batch, hidden};
  if (batchFirst) {
    std::swap(xUses[0], xUses[1]);
    std::swap(stateUses[0], stateUses[1]);
  }
  if (failed(matchShape(loc, ops.x, "X", xUses)) ||
      failed(matchShape(loc, ops.w, "W", {dirs, gates, input})) ||
      failed(matchShape(loc, ops.r, "R", {dirs, gates, hidden})) ||
      failed(matchShape(loc, ops.b, "B", {dirs, biases})) ||
      failed(matchShape(loc, ops.sequenceLens, "sequence_lens", {batch})) ||
      failed(matchShape(loc, ops.initialH, "initial_h", stateUses)) ||
      failed(matchShape(loc, ops.initialC, "initial_c", stateUses)) ||
      failed(matchShape(loc, ops.p, "P", {dirs, peepholes})))
    return failure();

  Type elementType = getElementType(ops.x.getType());
  SmallVector<int64_t> y = {d.seq, d.directions, d.batch, d.hidden};
  SmallVector<int64_t> state = {d.directions, d.batch, d.hidden};
  if (batchFirst) {
    y = {d.batch, d.seq, d.directions, d.hidden};
    state = {d.batch, d.directions, d.hidden};
  }
  results.push_back(RankedTensorType::get(y, elementType));
  for (unsigned i = 1; i < ops.numResults; ++i)
    results.push_back(RankedTensorType::get(state, elementType));
  return success();
}

/// Checks what shape inference does not: one float element type, the
/// activations and their parameters, and clip.
static LogicalResult verifyRecurrent(Operation *op, const RecurrentKind &kind,
                                     const RecurrentOperands &ops,
                                     std::optional<ArrayAttr> activations,
                                     std::optional<ArrayRef<float>> alpha,
                                     std::optional<ArrayRef<float>> beta,
                                     std::optional<APFloat> clip) {
  Type elementType = getElementType(ops.x.getType());
  for (Value value : {ops.w, ops.r, ops.b, ops.initialH, ops.initialC, ops.p})
    if (value && getElementType(value.getType()) != elementType)
      return op->emitOpError("operands must have the element type of X (")
             << elementType << "), got " << value.getType();
  for (Type type : op->getResultTypes())
    if (getElementType(type) != elementType)
      return op->emitOpError("results must have the element type of X (")
             << elementType << "), got " << type;

  if (clip && !(clip->convertToDouble() > 0))
    return op->emitOpError("clip must be positive, got ")
           << clip->convertToDouble();

  // The activations, the defaults when absent.
  FailureOr<int64_t> directions =
      getNumDirections(ErrorSink(op), ops.direction);
  if (failed(directions))
    return failure();
  SmallVector<StringRef> names;
  if (activations) {
    size_t expected = kind.defaultActivations.size() * *directions;
    if (activations->size() != expected)
      return op->emitOpError("expected ")
             << expected << " activations (" << kind.defaultActivations.size()
             << " per direction), got " << activations->size();
    for (Attribute attr : *activations)
      names.push_back(cast<StringAttr>(attr).getValue());
  } else {
    for (int64_t i = 0; i < *directions; ++i)
      llvm::append_range(names, kind.defaultActivations);
  }
  size_t takingAlpha = 0, takingBeta = 0;
  for (auto [i, name] : llvm::enumerate(names)) {
    StringRef wanted = name;
    const Activation *activation = llvm::find_if(
        kActivations, [&](const Activation &a) { return a.name == wanted; });
    if (activation == std::end(kActivations))
      return op->emitOpError("activation #")
             << i << " \"" << name
             << "\" is not one of Relu, Tanh, Sigmoid, Affine, LeakyRelu, "
                "ThresholdedRelu, ScaledTanh, HardSigmoid, Elu, Softsign, "
                "Softplus";
    takingAlpha += activation->takesAlpha;
    takingBeta += activation->takesBeta;
  }
  if (alpha && alpha->size() > takingAlpha)
    return op->emitOpError("activation_alpha has ")
           << alpha->size() << " values but only " << takingAlpha
           << " of the activations take an alpha";
  if (beta && beta->size() > takingBeta)
    return op->emitOpError("activation_beta has ")
           << beta->size() << " values but only " << takingBeta
           << " of the activations take a beta";
  return success();
}

/// The shared view of a recurrent op or its adaptor.
template <typename OpOrAdaptor>
static RecurrentOperands getRecurrentOperands(OpOrAdaptor op,
                                              unsigned numResults) {
  RecurrentOperands ops;
  ops.x = op.getX();
  ops.w = op.getW();
  ops.r = op.getR();
  ops.b = op.getB();
  ops.sequenceLens = op.getSequenceLens();
  ops.initialH = op.getInitialH();
  ops.direction = op.getDirection();
  if (std::optional<uint64_t> hidden = op.getHiddenSize())
    ops.hiddenSize = static_cast<int64_t>(*hidden);
  ops.layout = static_cast<int64_t>(op.getLayout());
  ops.numResults = numResults;
  return ops;
}

template <typename OpTy>
static LogicalResult verifyRecurrentOp(OpTy op, const RecurrentKind &kind,
                                       RecurrentOperands ops) {
  return verifyRecurrent(op, kind, ops, op.getActivations(),
                         op.getActivationAlpha(), op.getActivationBeta(),
                         op.getClip());
}

//===----------------------------------------------------------------------===//
// LSTMOp
//===----------------------------------------------------------------------===//

template <typename OpOrAdaptor>
static RecurrentOperands getLSTMOperands(OpOrAdaptor op) {
  RecurrentOperands ops = getRecurrentOperands(op, 3);
  ops.initialC = op.getInitialC();
  ops.p = op.getP();
  return ops;
}

LogicalResult LSTMOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &results) {
  return inferRecurrent(location, kLSTM, getLSTMOperands(adaptor), results);
}

LogicalResult LSTMOp::verify() {
  return verifyRecurrentOp(*this, kLSTM, getLSTMOperands(*this));
}

//===----------------------------------------------------------------------===//
// GRUOp
//===----------------------------------------------------------------------===//

LogicalResult GRUOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &results) {
  return inferRecurrent(location, kGRU, getRecurrentOperands(adaptor, 2),
                        results);
}

LogicalResult GRUOp::verify() {
  return verifyRecurrentOp(*this, kGRU, getRecurrentOperands(*this, 2));
}

//===----------------------------------------------------------------------===//
// RNNOp
//===----------------------------------------------------------------------===//

LogicalResult RNNOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &results) {
  return inferRecurrent(location, kRNN, getRecurrentOperands(adaptor, 2),
                        results);
}

LogicalResult RNNOp::verify() {
  return verifyRecurrentOp(*this, kRNN, getRecurrentOperands(*this, 2));
}

//===----------------------------------------------------------------------===//
// Scan helpers
//===----------------------------------------------------------------------===//

static bool isCompatible(Type a, Type b) {
  return areCompatibleResultTypes(TypeRange{a}, TypeRange{b});
}

/// The more refined of two compatible tensor types: a state of a scan keeps
/// its shape, so what the initial value and the yielded value tell of it
/// both hold.
static Type refineTypes(Type a, Type b) {
  auto ta = cast<TensorType>(a), tb = cast<TensorType>(b);
  if (!ta.hasRank())
    return b;
  if (!tb.hasRank())
    return a;
  SmallVector<int64_t> shape;
  for (auto [x, y] : llvm::zip_equal(ta.getShape(), tb.getShape()))
    shape.push_back(refineSize(x, y));
  return RankedTensorType::get(shape, ta.getElementType());
}

/// The i-th entry of an optional list attribute, 0 when it is absent.
static int64_t entryOr0(std::optional<ArrayRef<int64_t>> list, size_t i) {
  return list && i < list->size() ? (*list)[i] : 0;
}

/// Checks that an optional list attribute `name` has `expected` entries and,
/// for directions, that each is 0 or 1.
static LogicalResult checkScanList(ErrorSink loc, StringRef name,
                                   std::optional<ArrayRef<int64_t>> list,
                                   size_t expected, StringRef what,
                                   bool isDirection) {
  if (!list)
    return success();
  if (list->size() != expected)
    return emitOptionalError(loc, name, " has ", list->size(),
                             " entries, expected ", expected, " (one per ",
                             what, ")");
  if (isDirection)
    for (auto [i, value] : llvm::enumerate(*list))
      if (value != 0 && value != 1)
        return emitOptionalError(loc, name, "[", i,
                                 "] must be 0 (forward) or 1 (reverse), got ",
                                 value);
  return success();
}

/// The type of one slice of a scan input of type `type` along `axis`, and
/// the number of slices (the sequence length), or an error.
static FailureOr<std::pair<Type, int64_t>>
getScanSlice(ErrorSink loc, Type type, int64_t axis, size_t index) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return std::pair(type, kDynamic);
  if (ranked.getRank() == 0)
    return emitOptionalError(loc, "scan input #", index,
                             " must have rank at least 1, got ", type);
  FailureOr<int64_t> normalized =
      normalizeAxis(loc, axis, ranked.getRank(),
                    ("scan_input_axes[" + Twine(index) + "]").str());
  if (failed(normalized))
    return failure();
  SmallVector<int64_t> shape(ranked.getShape());
  int64_t length = shape[*normalized];
  shape.erase(shape.begin() + *normalized);
  return std::pair(Type(RankedTensorType::get(shape, ranked.getElementType())),
                   length);
}

/// The type of a scan output stacking `trips` values of type `type` along
/// `axis` (of the result).
static FailureOr<Type> getStackedType(ErrorSink loc, Type type, int64_t axis,
                                      int64_t trips, size_t index) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return type;
  FailureOr<int64_t> normalized =
      normalizeAxis(loc, axis, ranked.getRank() + 1,
                    ("scan_output_axes[" + Twine(index) + "]").str());
  if (failed(normalized))
    return failure();
  SmallVector<int64_t> shape(ranked.getShape());
  shape.insert(shape.begin() + *normalized, trips);
  return Type(RankedTensorType::get(shape, ranked.getElementType()));
}

/// The number of iterations of a scan over `inputs` (the common length of
/// their scan axes), or an error when two static lengths differ. Also gives
/// the slice types.
static FailureOr<int64_t>
getScanLength(ErrorSink loc, ValueRange inputs,
              std::optional<ArrayRef<int64_t>> axes,
              SmallVectorImpl<Type> *sliceTypes = nullptr) {
  int64_t length = kDynamic;
  for (auto [i, input] : llvm::enumerate(inputs)) {
    FailureOr<std::pair<Type, int64_t>> slice =
        getScanSlice(loc, input.getType(), entryOr0(axes, i), i);
    if (failed(slice))
      return failure();
    if (sliceTypes)
      sliceTypes->push_back(slice->first);
    if (!compatibleSizes(length, slice->second))
      return emitOptionalError(loc, "scan input #", i, " has ", slice->second,
                               " slices along its scan axis, but scan input "
                               "#0 has ",
                               length);
    length = refineSize(length, slice->second);
  }
  return length;
}

//===----------------------------------------------------------------------===//
// ScanYieldOp
//===----------------------------------------------------------------------===//

MutableOperandRange ScanYieldOp::getMutableSuccessorOperands(RegionSuccessor) {
  // Only the states flow back into the body or out to the results.
  auto scan = cast<ScanOp>((*this)->getParentOp());
  return getOperandsMutable().slice(
      0, std::min<unsigned>(scan.getNumStates(), getNumOperands()));
}

LogicalResult ScanYieldOp::verify() {
  auto op = cast<ScanOp>((*this)->getParentOp());
  unsigned numStates = op.getNumStates();
  if (op.getNumResults() < numStates)
    return success(); // Reported by the ds.scan.
  unsigned numScans = op.getNumResults() - numStates;
  if (getNumOperands() != numStates + numScans)
    return emitOpError("scan body must yield ")
           << numStates + numScans << " values (" << numStates << " states and "
           << numScans << " scan output values), got " << getNumOperands();
  for (unsigned i = 0; i < numStates; ++i) {
    Type type = getOperand(i).getType();
    Type argType = op.getRegionIterArgs()[i].getType();
    Type resultType = op.getResult(i).getType();
    if (!isCompatible(type, argType) || !isCompatible(type, resultType))
      return emitOpError("scan body yields ")
             << type << " for state #" << i
             << ", incompatible with its body argument type " << argType
             << " or result type " << resultType;
  }
  std::optional<ArrayRef<int64_t>> axes = op.getScanOutputAxes();
  for (unsigned i = 0; i < numScans; ++i) {
    Type type = getOperand(numStates + i).getType();
    Type resultType = op.getResult(numStates + i).getType();
    FailureOr<Type> stacked = getStackedType(ErrorSink(getOperation()), type,
                                             entryOr0(axes, i), kDynamic, i);
    if (failed(stacked))
      return failure();
    if (!isCompatible(*stacked, resultType))
      return emitOpError("scan body yields ")
             << type << " for scan output #" << i
             << ", which cannot stack into the result type " << resultType
             << " (expected one more dimension, at the scan output axis)";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// ScanOp
//===----------------------------------------------------------------------===//

ScanYieldOp ScanOp::bodyYield() {
  return cast<ScanYieldOp>(getBody().front().getTerminator());
}

LogicalResult ScanOp::verify() {
  int64_t numScanInputs = static_cast<int64_t>(getNumScanInputs());
  int64_t numInputs = getInputs().size();
  if (numScanInputs < 1 || numScanInputs > numInputs)
    return emitOpError("num_scan_inputs must be in [1, ")
           << numInputs << "] (the number of operands), got " << numScanInputs;
  unsigned numStates = getNumStates();
  if (getNumResults() < numStates)
    return emitOpError("expected at least ")
           << numStates << " results (one per state), got " << getNumResults();
  for (auto [i, init, result] :
       llvm::enumerate(getInitialStates(), getResults().take_front(numStates)))
    if (!isCompatible(init.getType(), result.getType()))
      return emitOpError("initial state #")
             << i << " of type " << init.getType()
             << " is incompatible with its result type " << result.getType();

  ErrorSink loc(getOperation());
  SmallVector<Type> sliceTypes;
  if (failed(
          getScanLength(loc, getScanInputs(), getScanInputAxes(), &sliceTypes)))
    return failure();
  Block &body = getBody().front();
  if (body.getNumArguments() != numInputs)
    return emitOpError("body must have ")
           << numInputs << " arguments (" << numStates << " states and "
           << numScanInputs << " scan input slices), got "
           << body.getNumArguments();
  for (auto [i, init, arg] :
       llvm::enumerate(getInitialStates(), getRegionIterArgs()))
    if (!isCompatible(init.getType(), arg.getType()))
      return emitOpError("initial state #")
             << i << " of type " << init.getType()
             << " is incompatible with its body argument type "
             << arg.getType();
  for (auto [i, slice, arg] :
       llvm::enumerate(sliceTypes, body.getArguments().drop_front(numStates)))
    if (!isCompatible(slice, arg.getType()))
      return emitOpError("body argument #")
             << numStates + i << " of type " << arg.getType()
             << " is incompatible with the slices of scan input #" << i
             << ", of type " << slice;
  return success();
}

LogicalResult ScanOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &results) {
  Region &body = adaptor.getBody();
  if (body.empty() || body.front().empty() ||
      !isa<ScanYieldOp>(body.front().back()))
    return emitOptionalError(location, "body must end with ds.scan_yield");
  auto yield = cast<ScanYieldOp>(body.front().back());

  ValueRange inputs = adaptor.getInputs();
  int64_t numScanInputs = static_cast<int64_t>(adaptor.getNumScanInputs());
  if (numScanInputs < 1 || numScanInputs > static_cast<int64_t>(inputs.size()))
    return emitOptionalError(location, "num_scan_inputs must be in [1, ",
                             inputs.size(), "] (the number of operands), got ",
                             numScanInputs);
  size_t numStates = inputs.size() - numScanInputs;
  if (yield.getNumOperands() < numStates)
    return emitOptionalError(location, "scan body must yield the ", numStates,
                             " states, got ", yield.getNumOperands(),
                             " values");
  size_t numScans = yield.getNumOperands() - numStates;
  if (failed(checkScanList(location, "scan_input_axes",
                           adaptor.getScanInputAxes(), numScanInputs,
                           "scan input", false)) ||
      failed(checkScanList(location, "scan_input_directions",
                           adaptor.getScanInputDirections(), numScanInputs,
                           "scan input", true)) ||
      failed(checkScanList(location, "scan_output_axes",
                           adaptor.getScanOutputAxes(), numScans, "scan output",
                           false)) ||
      failed(checkScanList(location, "scan_output_directions",
                           adaptor.getScanOutputDirections(), numScans,
                           "scan output", true)))
    return failure();
  FailureOr<int64_t> length = getScanLength(
      location, inputs.drop_front(numStates), adaptor.getScanInputAxes());
  if (failed(length))
    return failure();

  for (auto [i, init, value] :
       llvm::enumerate(inputs.take_front(numStates),
                       yield.getOperands().take_front(numStates))) {
    if (!isCompatible(init.getType(), value.getType()))
      return emitOptionalError(location, "scan body yields ", value.getType(),
                               " for state #", i, " of initial type ",
                               init.getType(), " (a state keeps its type)");
    results.push_back(refineTypes(init.getType(), value.getType()));
  }
  std::optional<ArrayRef<int64_t>> axes = adaptor.getScanOutputAxes();
  for (auto [i, value] :
       llvm::enumerate(yield.getOperands().drop_front(numStates))) {
    FailureOr<Type> stacked = getStackedType(location, value.getType(),
                                             entryOr0(axes, i), *length, i);
    if (failed(stacked))
      return failure();
    results.push_back(*stacked);
  }
  return success();
}

void ScanOp::getSuccessorRegions(RegionBranchPoint,
                                 SmallVectorImpl<RegionSuccessor> &regions) {
  // From the parent or the body, control enters the body (another
  // iteration) or leaves with the states.
  regions.push_back(RegionSuccessor(&getBody(), getRegionIterArgs()));
  regions.push_back(RegionSuccessor(getOperation(),
                                    getResults().take_front(std::min<unsigned>(
                                        getNumStates(), getNumResults()))));
}

OperandRange ScanOp::getEntrySuccessorOperands(RegionSuccessor) {
  return getInitialStates();
}

bool ScanOp::areTypesCompatible(Type lhs, Type rhs) {
  return isCompatible(lhs, rhs);
}

//===----------------------------------------------------------------------===//
// CausalConvWithStateOp
//===----------------------------------------------------------------------===//

LogicalResult
CausalConvWithStateOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &results) {
  int64_t batch = kDynamic, channels = kDynamic, length = kDynamic,
          kernel = kDynamic, middle = kDynamic;
  DimUse n{&batch, "batch_size"}, c{&channels, "channels"},
      l{&length, "length"}, k{&kernel, "kernel_size"}, m{&middle, "1"};
  if (failed(matchShape(location, adaptor.getInput(), "input", {n, c, l})) ||
      failed(matchShape(location, adaptor.getWeight(), "weight", {c, m, k})) ||
      failed(matchShape(location, adaptor.getBias(), "bias", {c})))
    return failure();
  if (!ShapedType::isDynamic(middle) && middle != 1)
    return emitOptionalError(location, "weight dimension 1 is ", middle,
                             ", expected 1 (a depthwise weight is "
                             "[channels, 1, kernel_size])");
  if (kernel == 0)
    return emitOptionalError(location,
                             "weight must have a kernel of size at least 1");
  // past_state holds K - 1 positions.
  int64_t stateLength = ShapedType::isDynamic(kernel) ? kDynamic : kernel - 1;
  DimUse s{&stateLength, "kernel_size - 1"};
  if (failed(matchShape(location, adaptor.getPastState(), "past_state",
                        {n, c, s})))
    return failure();
  Type elementType = getElementType(adaptor.getInput().getType());
  results.push_back(
      RankedTensorType::get({batch, channels, length}, elementType));
  results.push_back(
      RankedTensorType::get({batch, channels, stateLength}, elementType));
  return success();
}

LogicalResult CausalConvWithStateOp::verify() {
  Type elementType = getElementType(getInput().getType());
  for (Type type : getOperation()->getOperandTypes())
    if (getElementType(type) != elementType)
      return emitOpError("operands must have the element type of input (")
             << elementType << "), got " << type;
  for (Type type : getOperation()->getResultTypes())
    if (getElementType(type) != elementType)
      return emitOpError("results must have the element type of input (")
             << elementType << "), got " << type;
  StringRef activation = getActivation();
  if (activation != "none" && activation != "silu" && activation != "swish")
    return emitOpError("activation must be \"none\", \"silu\" or \"swish\", "
                       "got \"")
           << activation << "\"";
  return success();
}

//===----------------------------------------------------------------------===//
// LinearAttentionOp
//===----------------------------------------------------------------------===//

/// Checks the last dimension of `decay` or `beta` (`[N, T, X]`): X must be
/// `heads` or, when `perKey` is given (decay), `heads * *perKey`, refining
/// `*perKey`; for beta, `heads` or 1.
static LogicalResult matchGateWidth(ErrorSink loc, Value value,
                                    StringRef operand, int64_t &batch,
                                    int64_t &seq, int64_t heads,
                                    int64_t *perKey) {
  int64_t width = kDynamic;
  DimUse n{&batch, "batch_size"}, t{&seq, "sequence_length"},
      w{&width, "width"};
  if (failed(matchShape(loc, value, operand, {n, t, w})))
    return failure();
  if (ShapedType::isDynamic(width) || width == heads)
    return success();
  if (!perKey) {
    if (width == 1)
      return success();
    return emitOptionalError(loc, operand, " dimension 2 is ", width,
                             ", expected kv_num_heads = ", heads, " or 1");
  }
  if (width % heads == 0 &&
      (ShapedType::isDynamic(*perKey) || *perKey == width / heads)) {
    *perKey = width / heads;
    return success();
  }
  std::string perKeySize = ShapedType::isDynamic(*perKey)
                               ? ""
                               : " = " + std::to_string(heads * *perKey);
  return emitOptionalError(loc, operand, " dimension 2 is ", width,
                           ", expected kv_num_heads = ", heads,
                           " or kv_num_heads * d_k", perKeySize);
}

LogicalResult
LinearAttentionOp::inferReturnTypes(MLIRContext *, ErrorSink location,
                                    Adaptor adaptor,
                                    SmallVectorImpl<Type> &results) {
  int64_t qHeads = static_cast<int64_t>(adaptor.getQNumHeads());
  int64_t kvHeads = static_cast<int64_t>(adaptor.getKvNumHeads());
  if (qHeads < 1 || kvHeads < 1)
    return emitOptionalError(location,
                             "q_num_heads and kv_num_heads must be at least "
                             "1, got ",
                             qHeads, " and ", kvHeads);
  if (qHeads % kvHeads != 0)
    return emitOptionalError(location, "q_num_heads (", qHeads,
                             ") must be a multiple of kv_num_heads (", kvHeads,
                             ")");
  int64_t batch = kDynamic, seq = kDynamic, dk = kDynamic, dv = kDynamic,
          heads = kvHeads;
  DimUse n{&batch, "batch_size"}, t{&seq, "sequence_length"},
      h{&heads, "kv_num_heads"}, k{&dk, "d_k"}, v{&dv, "d_v"};
  DimUse qk{&dk, "d_k", qHeads}, kvk{&dk, "d_k", kvHeads},
      kvv{&dv, "d_v", kvHeads};
  if (failed(matchShape(location, adaptor.getQuery(), "query", {n, t, qk})) ||
      failed(matchShape(location, adaptor.getKey(), "key", {n, t, kvk})) ||
      failed(matchShape(location, adaptor.getValue(), "value", {n, t, kvv})) ||
      failed(matchShape(location, adaptor.getPastState(), "past_state",
                        {n, h, k, v})) ||
      failed(matchGateWidth(location, adaptor.getDecay(), "decay", batch, seq,
                            kvHeads, &dk)) ||
      failed(matchGateWidth(location, adaptor.getBeta(), "beta", batch, seq,
                            kvHeads, nullptr)))
    return failure();
  Type elementType = getElementType(adaptor.getQuery().getType());
  Type stateType = adaptor.getPastState()
                       ? getElementType(adaptor.getPastState().getType())
                       : elementType;
  int64_t outputWidth = ShapedType::isDynamic(dv) ? kDynamic : qHeads * dv;
  results.push_back(
      RankedTensorType::get({batch, seq, outputWidth}, elementType));
  results.push_back(RankedTensorType::get({batch, kvHeads, dk, dv}, stateType));
  return success();
}

LogicalResult LinearAttentionOp::verify() {
  Type elementType = getElementType(getQuery().getType());
  Value values[] = {getKey(), getValue(), getDecay(), getBeta(), getOutput()};
  for (Value value : values)
    if (value && getElementType(value.getType()) != elementType)
      return emitOpError("query, key, value, decay, beta and output must have "
                         "one element type (")
             << elementType << "), got " << value.getType();
  if (getPastState() && getElementType(getPastState().getType()) !=
                            getElementType(getPresentState().getType()))
    return emitOpError("past_state and present_state must have one element "
                       "type, got ")
           << getPastState().getType() << " and "
           << getPresentState().getType();
  StringRef rule = getUpdateRule();
  bool gated = rule == "gated" || rule == "gated_delta";
  bool delta = rule == "delta" || rule == "gated_delta";
  if (!gated && !delta && rule != "linear")
    return emitOpError("update_rule must be \"linear\", \"gated\", \"delta\" "
                       "or \"gated_delta\", got \"")
           << rule << "\"";
  if (gated && !getDecay())
    return emitOpError("update_rule \"") << rule << "\" requires decay";
  if (delta && !getBeta())
    return emitOpError("update_rule \"") << rule << "\" requires beta";
  if (static_cast<int64_t>(getChunkSize()) < 1)
    return emitOpError("chunk_size must be positive, got ")
           << static_cast<int64_t>(getChunkSize());
  return success();
}
