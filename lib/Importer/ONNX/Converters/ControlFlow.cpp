//===- ControlFlow.cpp - Converters of ONNX ops to the ControlFlow family -===//
//
// Part of ds. If and Loop: their graph attributes become the regions of
// ds.if and ds.loop (GraphImporter::importSubgraph), which see the values
// of the enclosing graphs.
//
//===----------------------------------------------------------------------===//

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"

#include "mlir/Interfaces/InferTypeOpInterface.h"

using namespace mlir;

namespace ds::onnx_import {
namespace {

/// The most refined tensor type that both `a` and `b` refine (sizes that
/// differ become `?`, differing ranks give an unranked tensor); null when
/// the element types differ.
Type joinTypes(Type a, Type b) {
  if (a == b)
    return a;
  auto ta = cast<TensorType>(a), tb = cast<TensorType>(b);
  if (ta.getElementType() != tb.getElementType())
    return {};
  if (!ta.hasRank() || !tb.hasRank() || ta.getRank() != tb.getRank())
    return UnrankedTensorType::get(ta.getElementType());
  SmallVector<int64_t> shape;
  for (auto [x, y] : llvm::zip_equal(ta.getShape(), tb.getShape()))
    shape.push_back(x == y ? x : ShapedType::kDynamic);
  return RankedTensorType::get(shape, ta.getElementType());
}

/// The graph attribute `name`, or an error when it is missing.
FailureOr<const onnx::GraphProto *> requiredGraph(NodeContext &node,
                                                  StringRef name) {
  if (const onnx::GraphProto *graph = node.graphAttr(name))
    return graph;
  if (!node.failed())
    return node.fail("attribute '" + name + "' (a graph) is required");
  return failure();
}

/// The number of outputs the node names, trailing empty ones excluded.
int numNamedOutputs(const onnx::NodeProto &node) {
  int n = node.output_size();
  while (n > 0 && node.output(n - 1).empty())
    --n;
  return n;
}

/// If: the branches take no inputs and yield one value per output.
LogicalResult ifOp(NodeContext &node) {
  FailureOr<Value> cond = node.requiredInput(0);
  FailureOr<const onnx::GraphProto *> thenGraph =
      requiredGraph(node, "then_branch");
  FailureOr<const onnx::GraphProto *> elseGraph =
      requiredGraph(node, "else_branch");
  if (failed(cond) || failed(thenGraph) || failed(elseGraph))
    return failure();
  for (auto [graph, name] : {std::pair(*thenGraph, "then_branch"),
                             std::pair(*elseGraph, "else_branch")})
    if (graph->input_size() != 0)
      return node.fail(Twine(name) + " has " + Twine(graph->input_size()) +
                       " inputs: If branches take none");
  int numResults = (*thenGraph)->output_size();
  if ((*elseGraph)->output_size() != numResults)
    return node.fail("then_branch yields " + Twine(numResults) +
                     " values but else_branch yields " +
                     Twine((*elseGraph)->output_size()));
  if (numNamedOutputs(node.node) > numResults)
    return node.fail("the node has " + Twine(node.node.output_size()) +
                     " outputs but its branches yield " + Twine(numResults));

  Operation *op = node.createUntyped(IfOp::getOperationName(), *cond, {},
                                     numResults, /*numRegions=*/2);
  // A named array: an ArrayRef of a braced list would dangle in the loop.
  const onnx::GraphProto *graphs[] = {*thenGraph, *elseGraph};
  for (auto [graph, region] : llvm::zip_equal(graphs, op->getRegions())) {
    if (failed(node.getGraph().importSubgraph(*graph, region, {},
                                              node.getScope()))) {
      op->erase();
      return failure();
    }
  }
  if (failed(node.inferTypes(op)))
    return failure();
  return node.setResults(op->getResults());
}

/// Loop: inputs (M, cond, carried...), both M and cond optional; the body
/// takes (iteration_num, cond, carried...) and yields (cond, carried...,
/// scans...); the outputs are the final carried values, then the scans.
LogicalResult loop(NodeContext &node) {
  Value maxTripCount = node.input(0), cond = node.input(1);
  SmallVector<Value> inits;
  for (unsigned i = 2, e = node.numInputs(); i < e; ++i) {
    FailureOr<Value> init = node.requiredInput(i);
    if (failed(init))
      return failure();
    inits.push_back(*init);
  }
  FailureOr<const onnx::GraphProto *> body = requiredGraph(node, "body");
  if (failed(body))
    return failure();
  int numCarried = inits.size();
  if ((*body)->input_size() != 2 + numCarried)
    return node.fail("body has " + Twine((*body)->input_size()) +
                     " inputs, expected " + Twine(2 + numCarried) +
                     " (iteration_num, cond and " + Twine(numCarried) +
                     " loop-carried values)");
  if ((*body)->output_size() < 1 + numCarried)
    return node.fail("body has " + Twine((*body)->output_size()) +
                     " outputs, expected at least " + Twine(1 + numCarried) +
                     " (cond and " + Twine(numCarried) +
                     " loop-carried values)");
  int numResults = (*body)->output_size() - 1;
  if (numNamedOutputs(node.node) > numResults)
    return node.fail("the node has " + Twine(node.node.output_size()) +
                     " outputs but its body yields " + Twine(numResults) +
                     " loop-carried and scan values");

  // A carried value may change type between iterations: its body argument
  // starts as the initial value's type and is widened by what the body
  // yields until they agree (each round widens, so this ends).
  Builder &b = node.b;
  SmallVector<Type> argTypes = {RankedTensorType::get({}, b.getI64Type()),
                                RankedTensorType::get({}, b.getI1Type())};
  for (Value init : inits)
    argTypes.push_back(init.getType());
  SmallVector<Value> operands;
  if (maxTripCount)
    operands.push_back(maxTripCount);
  if (cond)
    operands.push_back(cond);
  llvm::append_range(operands, inits);
  NamedAttribute segments = node.named(
      "operandSegmentSizes",
      b.getDenseI32ArrayAttr({maxTripCount ? 1 : 0, cond ? 1 : 0, numCarried}));
  Operation *op = node.createUntyped(LoopOp::getOperationName(), operands,
                                     segments, numResults, /*numRegions=*/1);
  Region &region = op->getRegion(0);
  while (true) {
    if (failed(node.getGraph().importSubgraph(**body, region, argTypes,
                                              node.getScope()))) {
      op->erase();
      return failure();
    }
    Operation *yield = region.front().getTerminator();
    bool widened = false;
    for (int i = 0; i < numCarried; ++i) {
      Type &argType = argTypes[2 + i];
      Type yielded = yield->getOperand(1 + i).getType();
      Type joined = joinTypes(argType, yielded);
      if (!joined) {
        op->erase();
        return node.emitError()
               << "body yields " << yielded << " for loop-carried value #" << i
               << ", whose initial value has type " << inits[i].getType()
               << ": the element types differ";
      }
      widened |= joined != argType;
      argType = joined;
    }
    if (!widened)
      break;
    region.dropAllReferences();
    region.getBlocks().clear();
  }
  if (failed(node.inferTypes(op)))
    return failure();
  return node.setResults(op->getResults());
}

} // namespace

void registerControlFlowConverters(ConverterRegistry &r) {
  r.add("If", ifOp);
  r.add("Loop", loop);
}

} // namespace ds::onnx_import
