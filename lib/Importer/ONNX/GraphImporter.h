//===- GraphImporter.h - ONNX graphs as ds IR -------------------*- C++ -*-===//
//
// Part of ds. Imports a GraphProto into a block: initializers become
// ds.constant, nodes become ds ops through the converter registry, and
// subgraphs (If, Loop) become regions that see the values of their
// enclosing graphs.
//
//===----------------------------------------------------------------------===//

#ifndef DS_LIB_IMPORTER_ONNX_GRAPHIMPORTER_H
#define DS_LIB_IMPORTER_ONNX_GRAPHIMPORTER_H

#include "lib/Importer/ONNX/ImportContext.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"

namespace ds::onnx_import {

/// The values visible in a graph: its own, then its enclosing graphs'.
class Scope {
public:
  explicit Scope(const Scope *parent = nullptr) : parent(parent) {}
  mlir::Value lookup(llvm::StringRef name) const;
  void define(llvm::StringRef name, mlir::Value value) { values[name] = value; }

private:
  const Scope *parent;
  llvm::StringMap<mlir::Value> values;
};

class GraphImporter {
public:
  explicit GraphImporter(ImportContext &ctx) : ctx(ctx) {}

  /// Reports every node in `graph` (and its subgraphs) that no converter
  /// handles; fails if there is any. `path` names the graph in messages.
  llvm::LogicalResult checkSupport(const onnx::GraphProto &graph,
                                   llvm::StringRef path);
  llvm::LogicalResult
  checkSupport(const google::protobuf::RepeatedPtrField<onnx::NodeProto> &nodes,
               llvm::StringRef path);

  /// Imports initializers and nodes of `graph` into the builder's block,
  /// defining them in `scope`; the graph's outputs are appended to
  /// `outputs`.
  llvm::LogicalResult importBody(const onnx::GraphProto &graph, Scope &scope,
                                 mlir::OpBuilder &builder,
                                 llvm::SmallVectorImpl<mlir::Value> &outputs);

  /// Imports `graph` as the single block of `region`, with block arguments
  /// of `argTypes` bound to the graph's inputs, ending in ds.yield of its
  /// outputs.
  llvm::LogicalResult importSubgraph(const onnx::GraphProto &graph,
                                     mlir::Region &region,
                                     mlir::TypeRange argTypes,
                                     const Scope &parent);

  ImportContext &getContext() { return ctx; }

private:
  llvm::LogicalResult importNode(const onnx::NodeProto &node, int64_t index,
                                 Scope &scope, mlir::OpBuilder &builder);
  /// Imports the body of a model-local function in place of `node`.
  llvm::LogicalResult inlineFunction(const onnx::FunctionProto &function,
                                     const onnx::NodeProto &node, int64_t index,
                                     Scope &scope, mlir::OpBuilder &builder);
  /// Refines the types of `values` with the graph's value_info hints.
  void applyTypeHints(const onnx::GraphProto &graph, Scope &scope);

  ImportContext &ctx;
  /// Functions being inlined, innermost last (recursion is an error).
  llvm::SmallVector<const onnx::FunctionProto *> inlining;
  /// Functions whose bodies checkSupport has visited.
  llvm::SmallPtrSet<const onnx::FunctionProto *, 4> checkedFunctions;
};

} // namespace ds::onnx_import

#endif // DS_LIB_IMPORTER_ONNX_GRAPHIMPORTER_H
