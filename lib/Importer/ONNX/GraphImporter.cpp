//===- GraphImporter.cpp - ONNX graphs as ds IR -----------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "lib/Importer/ONNX/GraphImporter.h"

#include "dialects/ds/DSOps.h"
#include "lib/Importer/ONNX/NodeContext.h"
#include "lib/Importer/ONNX/TensorImport.h"
#include "passes/Graph/Passes.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;

namespace ds::onnx_import {

Value Scope::lookup(StringRef name) const {
  for (const Scope *scope = this; scope; scope = scope->parent) {
    auto it = scope->values.find(name);
    if (it != scope->values.end())
      return it->second;
  }
  return {};
}

//===----------------------------------------------------------------------===//
// Support check
//===----------------------------------------------------------------------===//

LogicalResult GraphImporter::checkSupport(const onnx::GraphProto &graph,
                                          StringRef path) {
  return checkSupport(graph.node(), path);
}

LogicalResult GraphImporter::checkSupport(
    const google::protobuf::RepeatedPtrField<onnx::NodeProto> &nodes,
    StringRef path) {
  const ConverterRegistry &registry = ConverterRegistry::get();
  bool ok = true;
  for (int index = 0, e = nodes.size(); index < e; ++index) {
    const onnx::NodeProto &node = nodes[index];
    StringRef domain = canonicalDomain(node.domain());
    int64_t opset = ctx.getOpsetVersion(domain);
    Location loc = ctx.nodeLoc(node.name());
    auto report = [&]() {
      ok = false;
      InFlightDiagnostic diag = emitError(loc);
      if (!path.empty())
        diag << "in " << path << ": ";
      diag << describeNode(node, index, opset) << ": ";
      return diag;
    };
    if (const onnx::FunctionProto *function =
            ctx.lookupFunction(domain, node.op_type())) {
      if (checkedFunctions.insert(function).second)
        ok &= succeeded(
            checkSupport(function->node(), "function " + function->domain() +
                                               "." + function->name()));
    } else if (!domain.empty()) {
      report() << "domain '" << domain << "' is not supported";
    } else if (!registry.lookup(node.op_type(), opset)) {
      if (registry.knows(node.op_type()))
        report() << "op " << node.op_type()
                 << " is not supported at this opset";
      else
        report() << "op " << node.op_type() << " is not supported";
    }
    for (const onnx::AttributeProto &attr : node.attribute()) {
      std::string sub = (path.empty() ? "" : path.str() + "/") + "node #" +
                        std::to_string(index) + "." + attr.name();
      if (attr.type() == onnx::AttributeProto::GRAPH)
        ok &= succeeded(checkSupport(attr.g(), sub));
      for (const onnx::GraphProto &g : attr.graphs())
        ok &= succeeded(checkSupport(g, sub));
    }
  }
  return success(ok);
}

//===----------------------------------------------------------------------===//
// Bodies
//===----------------------------------------------------------------------===//

/// The nodes of `graph` in an order where each node follows the producers
/// of its inputs (ONNX requires it; some exporters do not comply). Fails on
/// a cycle.
static FailureOr<SmallVector<int>>
topologicalOrder(const onnx::GraphProto &graph) {
  int n = graph.node_size();
  llvm::StringMap<int> producer;
  for (int i = 0; i < n; ++i)
    for (const std::string &out : graph.node(i).output())
      if (!out.empty())
        producer[out] = i;
  SmallVector<int> pending(n, 0);
  SmallVector<SmallVector<int>> users(n);
  for (int i = 0; i < n; ++i) {
    llvm::SmallSet<int, 4> seen;
    for (const std::string &in : graph.node(i).input()) {
      auto it = producer.find(in);
      if (in.empty() || it == producer.end() || it->second == i ||
          !seen.insert(it->second).second)
        continue;
      ++pending[i];
      users[it->second].push_back(i);
    }
  }
  SmallVector<int> order, ready;
  for (int i = n - 1; i >= 0; --i)
    if (!pending[i])
      ready.push_back(i);
  while (!ready.empty()) {
    int i = ready.pop_back_val();
    order.push_back(i);
    for (int user : llvm::reverse(users[i]))
      if (--pending[user] == 0)
        ready.push_back(user);
    // Keep file order among ready nodes: smallest index on top.
    llvm::sort(ready, std::greater<int>());
  }
  if (static_cast<int>(order.size()) != n)
    return failure();
  return order;
}

LogicalResult GraphImporter::importBody(const onnx::GraphProto &graph,
                                        Scope &scope, OpBuilder &builder,
                                        SmallVectorImpl<Value> &outputs) {
  for (const onnx::TensorProto &tensor : graph.initializer()) {
    Location loc = ctx.nodeLoc(tensor.name());
    FailureOr<ElementsAttr> value = convertTensor(tensor, ctx, loc);
    if (failed(value))
      return failure();
    scope.define(tensor.name(),
                 ConstantOp::create(builder, loc, value->getType(), *value));
  }
  for (const onnx::SparseTensorProto &tensor : graph.sparse_initializer()) {
    Location loc = ctx.nodeLoc(tensor.values().name());
    FailureOr<ElementsAttr> value = convertSparseTensor(tensor, ctx, loc);
    if (failed(value))
      return failure();
    scope.define(tensor.values().name(),
                 ConstantOp::create(builder, loc, value->getType(), *value));
  }

  FailureOr<SmallVector<int>> order = topologicalOrder(graph);
  if (failed(order))
    return emitError(ctx.fileLoc())
           << "graph '" << graph.name() << "' has a cycle among its nodes";
  for (int index : *order)
    if (failed(importNode(graph.node(index), index, scope, builder)))
      return failure();

  applyTypeHints(graph, scope);
  for (const onnx::ValueInfoProto &output : graph.output()) {
    Value value = scope.lookup(output.name());
    if (!value)
      return emitError(ctx.fileLoc())
             << "graph output '" << output.name() << "' is never defined";
    outputs.push_back(value);
  }
  return success();
}

LogicalResult GraphImporter::importNode(const onnx::NodeProto &node,
                                        int64_t index, Scope &scope,
                                        OpBuilder &builder) {
  StringRef domain = canonicalDomain(node.domain());
  int64_t opset = ctx.getOpsetVersion(domain);
  for (const std::string &input : node.input())
    if (!input.empty() && !scope.lookup(input))
      return emitError(ctx.nodeLoc(node.name()))
             << describeNode(node, index, opset) << ": input '" << input
             << "' is not defined in the graph";

  if (const onnx::FunctionProto *function =
          ctx.lookupFunction(domain, node.op_type()))
    return inlineFunction(*function, node, index, scope, builder);

  ConvertFn convert = ConverterRegistry::get().lookup(node.op_type(), opset);
  if (!convert || !domain.empty())
    return emitError(ctx.nodeLoc(node.name()))
           << describeNode(node, index, opset) << ": op " << node.op_type()
           << " is not supported";
  NodeContext context(*this, scope, node, index, opset, builder);
  if (failed(convert(context)) || context.failed())
    return failure();
  for (const std::string &output : node.output())
    if (!output.empty() && !scope.lookup(output))
      return context.fail("output '" + output + "' was not produced");
  return success();
}

LogicalResult GraphImporter::importSubgraph(const onnx::GraphProto &graph,
                                            Region &region, TypeRange argTypes,
                                            const Scope &parent) {
  Block *block = new Block();
  region.push_back(block);
  Scope scope(&parent);
  Location loc = ctx.fileLoc();
  for (auto [i, input] : llvm::enumerate(graph.input())) {
    Type type;
    if (i < argTypes.size()) {
      type = argTypes[i];
    } else {
      FailureOr<Type> converted =
          convertType(input.type(), ctx.getContext(), loc,
                      "subgraph input '" + input.name() + "'");
      if (failed(converted))
        return failure();
      type = *converted;
    }
    scope.define(input.name(), block->addArgument(type, loc));
  }
  OpBuilder builder = OpBuilder::atBlockEnd(block);
  SmallVector<Value> outputs;
  if (failed(importBody(graph, scope, builder, outputs)))
    return failure();
  YieldOp::create(builder, loc, outputs);
  return success();
}

LogicalResult GraphImporter::inlineFunction(const onnx::FunctionProto &function,
                                            const onnx::NodeProto &node,
                                            int64_t index, Scope &scope,
                                            OpBuilder &builder) {
  Location loc = ctx.nodeLoc(node.name());
  if (llvm::is_contained(inlining, &function))
    return emitError(loc) << "function " << function.domain() << "."
                          << function.name() << " calls itself";
  // The body sees only the function's inputs.
  Scope body;
  for (auto [i, name] : llvm::enumerate(function.input()))
    if (i < static_cast<size_t>(node.input_size()) && !node.input(i).empty())
      body.define(name, scope.lookup(node.input(i)));

  // Attributes the body refers to: the call's, else the function's defaults.
  llvm::StringMap<const onnx::AttributeProto *> attrs;
  for (const onnx::AttributeProto &attr : function.attribute_proto())
    attrs[attr.name()] = &attr;
  for (const onnx::AttributeProto &attr : node.attribute())
    attrs[attr.name()] = &attr;

  // The function's own opset imports apply inside it.
  ImportContext::OpsetScope opsets(ctx);
  for (const onnx::OperatorSetIdProto &opset : function.opset_import())
    ctx.setOpsetVersion(opset.domain(), opset.version());

  inlining.push_back(&function);
  llvm::scope_exit popInlining([&] { inlining.pop_back(); });
  for (auto [bodyIndex, original] : llvm::enumerate(function.node())) {
    onnx::NodeProto inner = original;
    inner.set_name(node.name() + "/" +
                   (original.name().empty() ? std::to_string(bodyIndex)
                                            : original.name()));
    inner.clear_attribute();
    for (const onnx::AttributeProto &attr : original.attribute()) {
      if (attr.ref_attr_name().empty()) {
        *inner.add_attribute() = attr;
        continue;
      }
      auto it = attrs.find(attr.ref_attr_name());
      if (it == attrs.end())
        continue; // Unset: the inner op's default applies.
      onnx::AttributeProto *resolved = inner.add_attribute();
      *resolved = *it->second;
      resolved->set_name(attr.name());
    }
    if (failed(importNode(inner, bodyIndex, body, builder)))
      return failure();
  }
  for (auto [i, name] : llvm::enumerate(function.output())) {
    if (i >= static_cast<size_t>(node.output_size()) || node.output(i).empty())
      continue;
    Value value = body.lookup(name);
    if (!value)
      return emitError(loc) << "function " << function.name() << " output '"
                            << name << "' is never defined";
    scope.define(node.output(i), value);
  }
  return success();
}

void GraphImporter::applyTypeHints(const onnx::GraphProto &graph,
                                   Scope &scope) {
  auto apply = [&](const onnx::ValueInfoProto &info) {
    Value value = scope.lookup(info.name());
    if (!value || !value.getDefiningOp() || !info.has_type() ||
        !info.type().has_tensor_type())
      return;
    // A hint only: one that cannot be read is ignored.
    ScopedDiagnosticHandler silence(ctx.getContext(),
                                    [](Diagnostic &) { return success(); });
    FailureOr<Type> hint =
        convertType(info.type(), ctx.getContext(), ctx.fileLoc(), "");
    if (failed(hint))
      return;
    if (Type refined = refineType(value.getType(), *hint))
      value.setType(refined);
  };
  for (const onnx::ValueInfoProto &info : graph.value_info())
    apply(info);
  for (const onnx::ValueInfoProto &info : graph.output())
    apply(info);
}

} // namespace ds::onnx_import
