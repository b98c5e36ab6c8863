//===- Recurrent.cpp - Converters of ONNX ops to the Recurrent family -----===//
//
// Part of ds. LSTM, GRU and RNN (opset 7 and later) become ds.lstm, ds.gru
// and ds.rnn in the opset 14 form: absent optional inputs are absent
// operands, default activations are dropped and activation names take the
// spelling of the ONNX specification. Scan (opset 9 and later; opset 8's
// batched form is not supported) becomes ds.scan, its body graph the op's
// region ending in ds.scan_yield. CausalConvWithState and LinearAttention
// (opset 27) map one to one.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "dialects/ds/ShapeInference.h"
#include "lib/Importer/ONNX/NodeContext.h"

#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

#include <type_traits>

using namespace mlir;

namespace ds::onnx_import {
namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// The inputs of a node with `numRequired` required inputs followed by
/// optional ones, up to `numInputs` in all, as operands with their
/// operandSegmentSizes; an error for a missing required input or too many.
FailureOr<std::pair<SmallVector<Value>, NamedAttribute>>
optionalOperands(NodeContext &node, unsigned numRequired, unsigned numInputs) {
  if (node.numInputs() > numInputs)
    return node.fail("expected at most " + Twine(numInputs) + " inputs, got " +
                     Twine(node.numInputs()));
  SmallVector<Value> operands;
  SmallVector<int32_t> segments;
  for (unsigned i = 0; i < numInputs; ++i) {
    Value input;
    if (i < numRequired) {
      FailureOr<Value> required = node.requiredInput(i);
      if (failed(required))
        return failure();
      input = *required;
    } else {
      input = node.input(i);
    }
    if (input)
      operands.push_back(input);
    segments.push_back(input ? 1 : 0);
  }
  return std::pair(operands, node.named("operandSegmentSizes",
                                        node.b.getDenseI32ArrayAttr(segments)));
}

/// The STRINGS attribute `name`, std::nullopt when absent; an error at the
/// node (and std::nullopt) when it has another type.
std::optional<SmallVector<std::string>> stringsAttr(NodeContext &node,
                                                    StringRef name) {
  for (const onnx::AttributeProto &attr : node.node.attribute()) {
    if (attr.name() != name)
      continue;
    if (!attr.ref_attr_name().empty()) {
      (void)node.fail("attribute '" + name +
                      "' refers to a function attribute outside a function");
      return std::nullopt;
    }
    if (attr.type() != onnx::AttributeProto::STRINGS) {
      node.emitError() << "attribute '" << name << "' has type "
                       << onnx::AttributeProto_AttributeType_Name(attr.type())
                       << ", expected STRINGS";
      return std::nullopt;
    }
    return SmallVector<std::string>(attr.strings().begin(),
                                    attr.strings().end());
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// LSTM, GRU, RNN
//===----------------------------------------------------------------------===//

/// The activation names of the ONNX specification.
constexpr StringRef kActivationNames[] = {
    "Relu",       "Tanh",        "Sigmoid",
    "Affine",     "LeakyRelu",   "ThresholdedRelu",
    "ScaledTanh", "HardSigmoid", "Elu",
    "Softsign",   "Softplus"};

/// LSTM, GRU, RNN: inputs X, W, R, then `NumOptional` optional inputs (B,
/// sequence_lens, initial_h, and initial_c, P for LSTM).
template <typename OpTy> LogicalResult recurrent(NodeContext &node) {
  constexpr bool isLSTM = std::is_same_v<OpTy, LSTMOp>;
  constexpr bool isGRU = std::is_same_v<OpTy, GRUOp>;
  constexpr unsigned numOptional = isLSTM ? 5 : 3;
  static constexpr StringRef lstmDefaults[] = {"Sigmoid", "Tanh", "Tanh"};
  static constexpr StringRef gruDefaults[] = {"Sigmoid", "Tanh"};
  static constexpr StringRef rnnDefaults[] = {"Tanh"};
  ArrayRef<StringRef> defaults = isLSTM  ? ArrayRef(lstmDefaults)
                                 : isGRU ? ArrayRef(gruDefaults)
                                         : ArrayRef(rnnDefaults);

  auto operands = optionalOperands(node, 3, 3 + numOptional);
  if (failed(operands))
    return failure();
  Type rType = operands->first[2].getType();

  std::string direction = node.stringAttr("direction", "forward");
  std::optional<int64_t> hiddenSize = node.intAttr("hidden_size");
  std::optional<SmallVector<std::string>> activations =
      stringsAttr(node, "activations");
  std::optional<SmallVector<float>> alpha = node.floatsAttr("activation_alpha");
  std::optional<SmallVector<float>> beta = node.floatsAttr("activation_beta");
  std::optional<float> clip = node.floatAttr("clip");
  if (node.opset < 14 && node.hasAttr("layout"))
    return node.fail("attribute 'layout' exists from opset 14 on");
  int64_t layout = node.intAttr("layout", 0);
  bool flag = false;
  if constexpr (isLSTM)
    flag = node.intAttr("input_forget", 0) != 0;
  if constexpr (isGRU)
    flag = node.intAttr("linear_before_reset", 0) != 0;
  if (node.failed())
    return failure();

  // Without hidden_size, the last dimension of R gives it.
  if (!hiddenSize)
    if (auto r = dyn_cast<RankedTensorType>(rType);
        r && r.getRank() == 3 && !r.isDynamicDim(2))
      hiddenSize = r.getDimSize(2);

  SmallVector<NamedAttribute> attrs = {
      operands->second,
      node.named("direction", node.b.getStringAttr(direction))};
  if (hiddenSize)
    attrs.push_back(node.named("hidden_size", node.i64(*hiddenSize)));
  if (alpha && alpha->empty())
    alpha.reset();
  if (beta && beta->empty())
    beta.reset();
  if (activations) {
    // The specification's spelling of each name (runtimes accept any case).
    SmallVector<StringRef> names;
    for (const std::string &name : *activations) {
      const StringRef *known =
          llvm::find_if(kActivationNames, [&](StringRef candidate) {
            return candidate.equals_insensitive(name);
          });
      names.push_back(known != std::end(kActivationNames) ? *known
                                                          : StringRef(name));
    }
    // The defaults, without parameters, are the absent attribute.
    bool isDefault = !alpha && !beta && !names.empty() &&
                     names.size() % defaults.size() == 0;
    for (auto [i, name] : llvm::enumerate(names))
      isDefault = isDefault && name == defaults[i % defaults.size()];
    int64_t directions = direction == "bidirectional" ? 2 : 1;
    if (isDefault && names.size() == defaults.size() * directions)
      activations.reset();
    else
      attrs.push_back(node.named("activations", node.b.getStrArrayAttr(names)));
  }
  if (alpha)
    attrs.push_back(
        node.named("activation_alpha", node.b.getDenseF32ArrayAttr(*alpha)));
  if (beta)
    attrs.push_back(
        node.named("activation_beta", node.b.getDenseF32ArrayAttr(*beta)));
  if (clip)
    attrs.push_back(node.named("clip", node.f32(*clip)));
  if (layout != 0)
    attrs.push_back(node.named("layout", node.i64(layout)));
  if (flag)
    attrs.push_back(node.named(isLSTM ? "input_forget" : "linear_before_reset",
                               node.boolean(true)));
  return node.emit<OpTy>(operands->first, attrs, isLSTM ? 3 : 2);
}

//===----------------------------------------------------------------------===//
// Scan
//===----------------------------------------------------------------------===//

/// The number of outputs the node names, trailing empty ones excluded.
int numNamedOutputs(const onnx::NodeProto &node) {
  int n = node.output_size();
  while (n > 0 && node.output(n - 1).empty())
    --n;
  return n;
}

/// The type of the slices of a value of type `type` along `axis`; null when
/// the axis is out of range (the op reports it).
Type sliceType(Type type, int64_t axis) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return type;
  int64_t rank = ranked.getRank();
  if (axis < -rank || axis >= rank)
    return {};
  if (axis < 0)
    axis += rank;
  SmallVector<int64_t> shape(ranked.getShape());
  shape.erase(shape.begin() + axis);
  return RankedTensorType::get(shape, ranked.getElementType());
}

/// Scan (opset 9 form): inputs (states..., scan inputs...); the body takes
/// (states..., slices...) and yields (states..., scan values...); the
/// outputs are the final states, then the scan outputs.
LogicalResult scan(NodeContext &node) {
  SmallVector<Value> inputs;
  for (unsigned i = 0, e = node.numInputs(); i < e; ++i) {
    FailureOr<Value> input = node.requiredInput(i);
    if (failed(input))
      return failure();
    inputs.push_back(*input);
  }
  const onnx::GraphProto *body = node.graphAttr("body");
  std::optional<int64_t> numScanInputs = node.intAttr("num_scan_inputs");
  const char *listNames[] = {"scan_input_axes", "scan_input_directions",
                             "scan_output_axes", "scan_output_directions"};
  std::optional<SmallVector<int64_t>> lists[4];
  for (auto [name, list] : llvm::zip_equal(listNames, lists))
    list = node.intsAttr(name);
  if (node.failed())
    return failure();
  if (!body)
    return node.fail("attribute 'body' (a graph) is required");
  if (!numScanInputs)
    return node.fail("attribute 'num_scan_inputs' is required");
  int64_t numInputs = inputs.size();
  if (*numScanInputs < 1 || *numScanInputs > numInputs)
    return node.fail("num_scan_inputs must be in [1, " + Twine(numInputs) +
                     "] (the number of inputs), got " + Twine(*numScanInputs));
  // Negative axes came with opset 11.
  if (node.opset < 11)
    for (int i : {0, 2})
      if (lists[i] && llvm::any_of(*lists[i], [](int64_t a) { return a < 0; }))
        return node.fail(Twine(listNames[i]) +
                         " has a negative axis, allowed from opset 11 on");

  int64_t numStates = numInputs - *numScanInputs;
  if (body->input_size() != numInputs)
    return node.fail("body has " + Twine(body->input_size()) +
                     " inputs, expected " + Twine(numInputs) + " (" +
                     Twine(numStates) + " states and " + Twine(*numScanInputs) +
                     " scan input slices)");
  if (body->output_size() < numStates)
    return node.fail("body has " + Twine(body->output_size()) +
                     " outputs, expected at least " + Twine(numStates) +
                     " (the states)");
  int numResults = body->output_size();
  if (numNamedOutputs(node.node) > numResults)
    return node.fail("the node has " + Twine(node.node.output_size()) +
                     " outputs but its body yields " + Twine(numResults) +
                     " states and scan values");

  // The body takes the states as they start and one slice of each scan
  // input.
  SmallVector<Type> argTypes;
  for (auto [i, input] : llvm::enumerate(inputs)) {
    if (static_cast<int64_t>(i) < numStates) {
      argTypes.push_back(input.getType());
      continue;
    }
    size_t index = i - numStates;
    int64_t axis =
        lists[0] && index < lists[0]->size() ? (*lists[0])[index] : 0;
    Type slice = sliceType(input.getType(), axis);
    if (!slice)
      return node.fail("scan_input_axes: axis " + Twine(axis) +
                       " is out of range for scan input #" + Twine(index) +
                       " of rank " +
                       Twine(cast<TensorType>(input.getType()).getRank()));
    argTypes.push_back(slice);
  }

  // Lists of zeros are the absent attributes (unless of a wrong length,
  // which the op reports).
  size_t expectedSizes[] = {static_cast<size_t>(*numScanInputs),
                            static_cast<size_t>(*numScanInputs),
                            static_cast<size_t>(numResults - numStates),
                            static_cast<size_t>(numResults - numStates)};
  SmallVector<NamedAttribute> attrs = {
      node.named("num_scan_inputs", node.i64(*numScanInputs))};
  for (auto [name, list, expected] :
       llvm::zip_equal(listNames, lists, expectedSizes)) {
    if (!list)
      continue;
    bool zeros = llvm::all_of(*list, [](int64_t v) { return v == 0; });
    if (!zeros || list->size() != expected)
      attrs.push_back(node.named(name, node.i64s(*list)));
  }

  OperationState state(node.loc, ScanOp::getOperationName());
  state.addOperands(inputs);
  state.addAttributes(attrs);
  state.addRegion();
  state.addTypes(SmallVector<Type>(
      numResults, UnrankedTensorType::get(node.b.getF32Type())));
  Operation *op = node.b.create(state);
  Region &region = op->getRegion(0);
  if (failed(node.getGraph().importSubgraph(*body, region, argTypes,
                                            node.getScope()))) {
    op->erase();
    return failure();
  }
  // The subgraph ends in ds.yield; a scan body ends in ds.scan_yield.
  Operation *yield = region.front().getTerminator();
  OpBuilder builder(yield);
  ScanYieldOp::create(builder, yield->getLoc(), yield->getOperands());
  yield->erase();

  if (failed(node.inferTypes(op, /*verifyRegions=*/true)))
    return failure();
  return node.setResults(op->getResults());
}

//===----------------------------------------------------------------------===//
// CausalConvWithState, LinearAttention
//===----------------------------------------------------------------------===//

/// CausalConvWithState: input, weight, bias?, past_state?.
LogicalResult causalConvWithState(NodeContext &node) {
  auto operands = optionalOperands(node, 2, 4);
  if (failed(operands))
    return failure();
  std::string activation = node.stringAttr("activation", "none");
  if (node.failed())
    return failure();
  SmallVector<NamedAttribute> attrs = {operands->second};
  if (activation != "none")
    attrs.push_back(node.named("activation", node.b.getStringAttr(activation)));
  return node.emit<CausalConvWithStateOp>(operands->first, attrs, 2);
}

/// LinearAttention: query, key, value, past_state?, decay?, beta?.
LogicalResult linearAttention(NodeContext &node) {
  auto operands = optionalOperands(node, 3, 6);
  if (failed(operands))
    return failure();
  std::optional<int64_t> qHeads = node.intAttr("q_num_heads");
  std::optional<int64_t> kvHeads = node.intAttr("kv_num_heads");
  int64_t chunkSize = node.intAttr("chunk_size", 64);
  float scale = node.floatAttr("scale", 0.0f);
  std::string rule = node.stringAttr("update_rule", "gated_delta");
  if (node.failed())
    return failure();
  if (!qHeads || !kvHeads)
    return node.fail("attributes 'q_num_heads' and 'kv_num_heads' are "
                     "required");
  SmallVector<NamedAttribute> attrs = {
      operands->second, node.named("q_num_heads", node.i64(*qHeads)),
      node.named("kv_num_heads", node.i64(*kvHeads))};
  if (chunkSize != 64)
    attrs.push_back(node.named("chunk_size", node.i64(chunkSize)));
  if (scale != 0.0f)
    attrs.push_back(node.named("scale", node.f32(scale)));
  if (rule != "gated_delta")
    attrs.push_back(node.named("update_rule", node.b.getStringAttr(rule)));
  return node.emit<LinearAttentionOp>(operands->first, attrs, 2);
}

} // namespace

void registerRecurrentConverters(ConverterRegistry &r) {
  r.add("LSTM", recurrent<LSTMOp>, 7);
  r.add("GRU", recurrent<GRUOp>, 7);
  r.add("RNN", recurrent<RNNOp>, 7);
  r.add("Scan", scan, 9);
  r.add("CausalConvWithState", causalConvWithState, 27);
  r.add("LinearAttention", linearAttention, 27);
}

} // namespace ds::onnx_import
