//===- NodeContext.cpp - What an op converter sees of a node ----*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "lib/Importer/ONNX/NodeContext.h"

#include "dialects/ds/DSOps.h"
#include "dialects/ds/ShapeInference.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

using namespace mlir;

namespace ds::onnx_import {

NodeContext::NodeContext(GraphImporter &graph, Scope &scope,
                         const onnx::NodeProto &node, int64_t index,
                         int64_t opset, OpBuilder &builder)
    : b(builder), loc(graph.getContext().nodeLoc(node.name())), opset(opset),
      node(node), graph(graph), scope(scope), index(index) {}

InFlightDiagnostic NodeContext::emitError() {
  hadError = true;
  InFlightDiagnostic diag = mlir::emitError(loc);
  diag << describeNode(node, index, opset) << ": ";
  return diag;
}

LogicalResult NodeContext::fail(const Twine &message) {
  return emitError() << message;
}

Value NodeContext::input(unsigned i) const {
  if (i >= numInputs() || node.input(i).empty())
    return {};
  return scope.lookup(node.input(i));
}

FailureOr<Value> NodeContext::requiredInput(unsigned i) {
  if (Value value = input(i))
    return value;
  return fail("input #" + Twine(i) + " is required but absent");
}

SmallVector<Value> NodeContext::inputsFrom(unsigned i) const {
  SmallVector<Value> values;
  for (unsigned n = numInputs(); i < n; ++i)
    if (Value value = input(i))
      values.push_back(value);
  return values;
}

/// The value of `value` as a constant, if the ops that compute it fold to
/// one: shape computations of models (Shape, Gather, Concat, arithmetic on
/// them) often have values known at import though no op is a constant.
/// Evaluated with the ops' folders without changing the IR.
static Attribute evaluateConstant(Value value,
                                  llvm::DenseMap<Value, Attribute> &memo,
                                  unsigned depth) {
  Attribute attr;
  if (matchPattern(value, m_Constant(&attr)))
    return attr;
  auto found = memo.find(value);
  if (found != memo.end())
    return found->second;
  Operation *op = value.getDefiningOp();
  memo[value] = Attribute();
  if (!op || depth == 0 || op->getNumRegions() != 0 ||
      !isa<DSDialect>(op->getDialect()))
    return {};
  SmallVector<Attribute> operands;
  for (Value operand : op->getOperands())
    operands.push_back(evaluateConstant(operand, memo, depth - 1));
  // An integer Range whose bounds are known: its folder needs a static
  // result type, which the op only gets once its limit is a constant.
  if (auto range = dyn_cast<RangeOp>(op)) {
    auto scalar = [](Attribute attr) -> std::optional<int64_t> {
      auto dense = dyn_cast_or_null<DenseIntElementsAttr>(attr);
      if (!dense || dense.getNumElements() != 1)
        return std::nullopt;
      return (*dense.getValues<APInt>().begin()).getSExtValue();
    };
    std::optional<int64_t> start = scalar(operands[0]),
                           limit = scalar(operands[1]),
                           delta = scalar(operands[2]);
    if (!start || !limit || !delta || *delta == 0)
      return {};
    SmallVector<int64_t> values;
    for (int64_t v = *start; (*delta > 0 ? v < *limit : v > *limit) &&
                             values.size() < 4096;
         v += *delta)
      values.push_back(v);
    auto elementType = cast<ShapedType>(range.getType()).getElementType();
    if (!elementType.isSignlessInteger())
      return {};
    SmallVector<APInt> ints;
    for (int64_t v : values)
      ints.push_back(APInt(elementType.getIntOrFloatBitWidth(), v, true));
    attr = DenseElementsAttr::get(
        RankedTensorType::get({static_cast<int64_t>(values.size())},
                              elementType),
        ints);
    memo[value] = attr;
    return attr;
  }
  SmallVector<OpFoldResult> results;
  if (failed(op->fold(operands, results)) ||
      results.size() != op->getNumResults())
    return {};
  OpFoldResult result = results[cast<OpResult>(value).getResultNumber()];
  if (auto folded = dyn_cast<Attribute>(result))
    attr = folded;
  else
    attr = evaluateConstant(cast<Value>(result), memo, depth - 1);
  memo[value] = attr;
  return attr;
}

std::optional<SmallVector<int64_t>> NodeContext::evaluateInts(Value value) {
  if (std::optional<SmallVector<int64_t>> values = getConstantInts(value))
    return values;
  llvm::DenseMap<Value, Attribute> memo;
  auto attr = dyn_cast_or_null<DenseIntElementsAttr>(
      evaluateConstant(value, memo, /*depth=*/32));
  if (!attr)
    return std::nullopt;
  SmallVector<int64_t> result;
  bool isUnsigned = attr.getElementType().isUnsignedInteger();
  for (const APInt &v : attr.getValues<APInt>())
    result.push_back(isUnsigned ? static_cast<int64_t>(v.getZExtValue())
                                : v.getSExtValue());
  return result;
}

FailureOr<std::optional<SmallVector<int64_t>>>
NodeContext::constantInts(unsigned i, StringRef what) {
  Value value = input(i);
  if (!value)
    return std::optional<SmallVector<int64_t>>();
  std::optional<SmallVector<int64_t>> values = evaluateInts(value);
  if (!values)
    return fail(what + " (input #" + Twine(i) +
                ") must be a constant: ds takes it as an attribute");
  return values;
}

const onnx::AttributeProto *
NodeContext::findAttr(StringRef name,
                      onnx::AttributeProto::AttributeType type) {
  for (const onnx::AttributeProto &attr : node.attribute()) {
    if (attr.name() != name)
      continue;
    if (!attr.ref_attr_name().empty()) {
      (void)fail("attribute '" + name +
                 "' refers to a function attribute outside a function");
      return nullptr;
    }
    if (attr.type() != type) {
      emitError() << "attribute '" << name << "' has type "
                  << onnx::AttributeProto_AttributeType_Name(attr.type())
                  << ", expected "
                  << onnx::AttributeProto_AttributeType_Name(type);
      return nullptr;
    }
    return &attr;
  }
  return nullptr;
}

bool NodeContext::hasAttr(StringRef name) const {
  return llvm::any_of(node.attribute(), [&](const onnx::AttributeProto &attr) {
    return attr.name() == name;
  });
}

std::optional<int64_t> NodeContext::intAttr(StringRef name) {
  if (auto *attr = findAttr(name, onnx::AttributeProto::INT))
    return attr->i();
  return std::nullopt;
}

int64_t NodeContext::intAttr(StringRef name, int64_t dflt) {
  return intAttr(name).value_or(dflt);
}

std::optional<float> NodeContext::floatAttr(StringRef name) {
  if (auto *attr = findAttr(name, onnx::AttributeProto::FLOAT))
    return attr->f();
  return std::nullopt;
}

float NodeContext::floatAttr(StringRef name, float dflt) {
  return floatAttr(name).value_or(dflt);
}

std::optional<std::string> NodeContext::stringAttr(StringRef name) {
  if (auto *attr = findAttr(name, onnx::AttributeProto::STRING))
    return attr->s();
  return std::nullopt;
}

std::string NodeContext::stringAttr(StringRef name, StringRef dflt) {
  return stringAttr(name).value_or(dflt.str());
}

std::optional<SmallVector<int64_t>> NodeContext::intsAttr(StringRef name) {
  if (auto *attr = findAttr(name, onnx::AttributeProto::INTS))
    return SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
  return std::nullopt;
}

std::optional<SmallVector<float>> NodeContext::floatsAttr(StringRef name) {
  if (auto *attr = findAttr(name, onnx::AttributeProto::FLOATS))
    return SmallVector<float>(attr->floats().begin(), attr->floats().end());
  return std::nullopt;
}

const onnx::TensorProto *NodeContext::tensorAttr(StringRef name) {
  if (auto *attr = findAttr(name, onnx::AttributeProto::TENSOR))
    return &attr->t();
  return nullptr;
}

const onnx::GraphProto *NodeContext::graphAttr(StringRef name) {
  if (auto *attr = findAttr(name, onnx::AttributeProto::GRAPH))
    return &attr->g();
  return nullptr;
}

LogicalResult NodeContext::setResults(ValueRange values) {
  unsigned next = 0;
  for (const std::string &name : node.output()) {
    if (next >= values.size()) {
      if (name.empty())
        continue;
      return fail("output '" + name + "' is not produced by the conversion");
    }
    Value value = values[next++];
    if (!name.empty())
      scope.define(name, value);
  }
  return success();
}

Value NodeContext::constI64(ArrayRef<int64_t> values) {
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    b.getI64Type());
  return ConstantOp::create(b, loc, type, DenseElementsAttr::get(type, values));
}

std::string describeNode(const onnx::NodeProto &node, int64_t index,
                         int64_t opset) {
  std::string text = "node #" + std::to_string(index);
  if (!node.name().empty())
    text += " '" + node.name() + "'";
  std::string domain = node.domain().empty() ? "ai.onnx" : node.domain();
  text += " (op " + node.op_type() + ", domain " + domain + ", opset " +
          std::to_string(opset) + ")";
  return text;
}

Value NodeContext::constScalar(Type elementType, double value) {
  auto type = RankedTensorType::get({}, elementType);
  Attribute element;
  if (auto floatType = dyn_cast<FloatType>(elementType))
    element = FloatAttr::get(floatType, value);
  else
    element = IntegerAttr::get(elementType, static_cast<int64_t>(value));
  return ConstantOp::create(b, loc, type,
                            DenseElementsAttr::get(type, element));
}

/// The range of operand counts `op` accepts, from its arity trait.
static std::pair<unsigned, unsigned> operandArity(Operation *op) {
  constexpr unsigned any = ~0u;
  if (op->hasTrait<mlir::OpTrait::ZeroOperands>())
    return {0, 0};
  if (op->hasTrait<mlir::OpTrait::OneOperand>())
    return {1, 1};
  if (op->hasTrait<mlir::OpTrait::NOperands<2>::Impl>())
    return {2, 2};
  if (op->hasTrait<mlir::OpTrait::NOperands<3>::Impl>())
    return {3, 3};
  if (op->hasTrait<mlir::OpTrait::NOperands<4>::Impl>())
    return {4, 4};
  if (op->hasTrait<mlir::OpTrait::NOperands<5>::Impl>())
    return {5, 5};
  if (op->hasTrait<mlir::OpTrait::AtLeastNOperands<1>::Impl>())
    return {1, any};
  if (op->hasTrait<mlir::OpTrait::AtLeastNOperands<2>::Impl>())
    return {2, any};
  if (op->hasTrait<mlir::OpTrait::AtLeastNOperands<3>::Impl>())
    return {3, any};
  if (op->hasTrait<mlir::OpTrait::AtLeastNOperands<4>::Impl>())
    return {4, any};
  return {0, any};
}

/// Why `op`'s operands cannot be those of its kind (a count out of range,
/// or segment sizes that do not add up), or std::nullopt.
static std::optional<std::string> checkOperandCount(Operation *op) {
  auto [min, max] = operandArity(op);
  unsigned count = op->getNumOperands();
  if (count < min || count > max)
    return "the op takes " +
           (min == max ? std::to_string(min)
                       : std::to_string(min) +
                             (max == ~0u ? " or more"
                                         : " to " + std::to_string(max))) +
           " operands, the node gives " + std::to_string(count);
  if (op->hasTrait<mlir::OpTrait::AttrSizedOperandSegments>()) {
    auto sizes = dyn_cast_or_null<DenseI32ArrayAttr>(
        op->getInherentAttr("operandSegmentSizes").value_or(Attribute()));
    int64_t sum = 0;
    if (sizes)
      for (int32_t size : sizes.asArrayRef())
        sum += size;
    if (!sizes || sum != count)
      return std::string("operand segment sizes do not match the operands");
  }
  return std::nullopt;
}

Operation *NodeContext::createUntyped(StringRef name, ValueRange operands,
                                      ArrayRef<NamedAttribute> attrs,
                                      unsigned numResults,
                                      unsigned numRegions) {
  OperationState state(loc, name);
  state.addOperands(operands);
  state.addAttributes(attrs);
  for (unsigned i = 0; i < numRegions; ++i)
    state.addRegion();
  // Placeholder result types until the op, with its properties built from
  // the attributes, infers them.
  Type placeholder = UnrankedTensorType::get(b.getF32Type());
  state.addTypes(SmallVector<Type>(numResults, placeholder));
  return b.create(state);
}

/// Gives the results of `op` the types it infers and verifies it; why not,
/// quoting the op's first diagnostic, on failure.
static std::optional<std::string> inferAndVerify(Operation *op, Location loc,
                                                 bool verifyRegions) {
  if (std::optional<std::string> problem = checkOperandCount(op))
    return problem;
  auto infer = dyn_cast<InferTypeOpInterface>(op);
  if (!infer)
    return std::string("the op does not infer its result types");
  MLIRContext *context = op->getContext();
  std::string message;
  ScopedDiagnosticHandler capture(context, [&](Diagnostic &diag) {
    if (message.empty())
      message = diag.str();
    return success();
  });
  SmallVector<Type> types;
  if (failed(infer.inferReturnTypes(
          context, loc, op->getOperands(), op->getRawDictionaryAttrs(),
          op->getPropertiesStorage(), op->getRegions(), types)))
    return message;
  // Ops with optional results may infer more types than they have.
  if (types.size() < op->getNumResults())
    return "the op infers " + std::to_string(types.size()) + " results, not " +
           std::to_string(op->getNumResults());
  for (auto [result, type] : llvm::zip(op->getResults(), types))
    result.setType(type);
  // The op's own constraints (element types, attributes), reported at the
  // node rather than later by the module's verifier.
  if (failed(verify(op, verifyRegions)))
    return message;
  return std::nullopt;
}

LogicalResult NodeContext::inferTypes(Operation *op, bool verifyRegions) {
  std::optional<std::string> problem = inferAndVerify(op, loc, verifyRegions);
  if (!problem)
    return success();
  std::string name = op->getName().getStringRef().str();
  op->erase();
  return emitError() << "cannot convert to '" << name << "': " << *problem;
}

FailureOr<Operation *> NodeContext::create(StringRef name, ValueRange operands,
                                           ArrayRef<NamedAttribute> attrs,
                                           unsigned numResults,
                                           unsigned numRegions) {
  Operation *op = createUntyped(name, operands, attrs, numResults, numRegions);
  if (mlir::failed(inferTypes(op)))
    return failure();
  return op;
}

//===----------------------------------------------------------------------===//
// ConverterRegistry
//===----------------------------------------------------------------------===//

void ConverterRegistry::add(StringRef opType, ConvertFn fn, int64_t minOpset,
                            int64_t maxOpset) {
  map[opType].push_back({minOpset, maxOpset, fn});
}

ConvertFn ConverterRegistry::lookup(StringRef opType, int64_t opset) const {
  auto it = map.find(opType);
  if (it == map.end())
    return nullptr;
  for (const Entry &entry : it->second)
    if (opset >= entry.minOpset && opset <= entry.maxOpset)
      return entry.fn;
  return nullptr;
}

std::vector<std::pair<std::string, std::vector<std::pair<int64_t, int64_t>>>>
ConverterRegistry::ranges() const {
  std::vector<std::pair<std::string, std::vector<std::pair<int64_t, int64_t>>>>
      result;
  for (const auto &entry : map) {
    std::vector<std::pair<int64_t, int64_t>> opsets;
    for (const Entry &converter : entry.getValue())
      opsets.emplace_back(converter.minOpset, converter.maxOpset);
    llvm::sort(opsets);
    result.emplace_back(entry.getKey().str(), std::move(opsets));
  }
  llvm::sort(result);
  return result;
}

const ConverterRegistry &ConverterRegistry::get() {
  static const ConverterRegistry registry = [] {
    ConverterRegistry r;
    registerElementwiseConverters(r);
    registerContractionConverters(r);
    registerConvConverters(r);
    registerNormalizationConverters(r);
    registerReductionConverters(r);
    registerTensorConverters(r);
    registerIndexingConverters(r);
    registerControlFlowConverters(r);
    registerFunctionConverters(r);
    registerQuantizationConverters(r);
    registerEinsumConverters(r);
    registerAttentionConverters(r);
    registerSequenceConverters(r);
    registerSelectionConverters(r);
    registerRandomConverters(r);
    registerSignalConverters(r);
    registerRecurrentConverters(r);
    registerImageConverters(r);
    return r;
  }();
  return registry;
}

} // namespace ds::onnx_import
