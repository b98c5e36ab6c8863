//===- NodeContext.h - What an op converter sees of a node ------*- C++ -*-===//
//
// Part of ds. A converter turns one ONNX node into ds ops: it reads the
// node's inputs and attributes here (with the opset version that decides
// their meaning), builds ops with the builder at the node's location, and
// sets the node's results. Errors name the node, its op type and opset.
//
//===----------------------------------------------------------------------===//

#ifndef DS_LIB_IMPORTER_ONNX_NODECONTEXT_H
#define DS_LIB_IMPORTER_ONNX_NODECONTEXT_H

#include "lib/Importer/ONNX/GraphImporter.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"

#include <optional>

namespace ds::onnx_import {

class NodeContext {
public:
  NodeContext(GraphImporter &graph, Scope &scope, const onnx::NodeProto &node,
              int64_t index, int64_t opset, mlir::OpBuilder &builder);

  mlir::OpBuilder &b;
  mlir::Location loc;
  /// The opset version of the node's domain.
  const int64_t opset;
  const onnx::NodeProto &node;

  llvm::StringRef opType() const { return node.op_type(); }
  GraphImporter &getGraph() { return graph; }
  Scope &getScope() { return scope; }
  mlir::MLIRContext *getContext() const { return b.getContext(); }

  //===--------------------------------------------------------------------===//
  // Inputs
  //===--------------------------------------------------------------------===//

  /// The number of inputs listed, absent optional ones included.
  unsigned numInputs() const { return node.input_size(); }
  /// Input `i`, or null when it is absent (beyond the list or named "").
  mlir::Value input(unsigned i) const;
  /// Input `i`, reporting an error when it is absent.
  mlir::FailureOr<mlir::Value> requiredInput(unsigned i);
  /// The present inputs from `i` on (variadic inputs).
  llvm::SmallVector<mlir::Value> inputsFrom(unsigned i) const;
  /// The integer values of `value` if it is a constant or the ds ops that
  /// compute it fold to one (shape arithmetic known at import).
  static std::optional<llvm::SmallVector<int64_t>>
  evaluateInts(mlir::Value value);
  /// The integer values of input `i`, which must be a constant, or computed
  /// by ops that fold to one (ONNX inputs that ds takes as attributes, such
  /// as axes); an error naming `what` otherwise. std::nullopt when the input
  /// is absent.
  mlir::FailureOr<std::optional<llvm::SmallVector<int64_t>>>
  constantInts(unsigned i, llvm::StringRef what);

  //===--------------------------------------------------------------------===//
  // Attributes (an attribute of the wrong type is reported and read as
  // absent, so converters check failed() of the node at the end).
  //===--------------------------------------------------------------------===//

  bool hasAttr(llvm::StringRef name) const;
  std::optional<int64_t> intAttr(llvm::StringRef name);
  int64_t intAttr(llvm::StringRef name, int64_t dflt);
  std::optional<float> floatAttr(llvm::StringRef name);
  float floatAttr(llvm::StringRef name, float dflt);
  std::optional<std::string> stringAttr(llvm::StringRef name);
  std::string stringAttr(llvm::StringRef name, llvm::StringRef dflt);
  std::optional<llvm::SmallVector<int64_t>> intsAttr(llvm::StringRef name);
  std::optional<llvm::SmallVector<float>> floatsAttr(llvm::StringRef name);
  const onnx::TensorProto *tensorAttr(llvm::StringRef name);
  const onnx::GraphProto *graphAttr(llvm::StringRef name);

  //===--------------------------------------------------------------------===//
  // Results and errors
  //===--------------------------------------------------------------------===//

  /// Binds the node's outputs to `values` in order; outputs named "" are
  /// skipped, and `values` may not be shorter than the named outputs.
  llvm::LogicalResult setResults(mlir::ValueRange values);
  /// An error at the node:
  /// "node #i 'name' (op Conv, domain ai.onnx, opset 13): message".
  mlir::InFlightDiagnostic emitError();
  llvm::LogicalResult fail(const llvm::Twine &message);
  /// Whether an error was reported for this node (attribute reads too).
  bool failed() const { return hadError; }

  /// Common attribute shorthands.
  mlir::IntegerAttr i64(int64_t value) { return b.getI64IntegerAttr(value); }
  mlir::FloatAttr f32(float value) { return b.getF32FloatAttr(value); }
  mlir::BoolAttr boolean(bool value) { return b.getBoolAttr(value); }
  mlir::DenseI64ArrayAttr i64s(llvm::ArrayRef<int64_t> values) {
    return b.getDenseI64ArrayAttr(values);
  }
  /// A ds.constant holding `values` as a 1-D i64 tensor.
  mlir::Value constI64(llvm::ArrayRef<int64_t> values);
  /// A ds.constant holding `value` as a rank-0 tensor of `elementType`.
  mlir::Value constScalar(mlir::Type elementType, double value);

  //===--------------------------------------------------------------------===//
  // Building ops
  //===--------------------------------------------------------------------===//

  /// Creates the op `name` with `operands`, `attrs`, `numRegions` empty
  /// regions and `numResults` results of placeholder types, for ops whose
  /// regions must be filled (GraphImporter::importSubgraph) before
  /// inferTypes gives them their types.
  mlir::Operation *createUntyped(llvm::StringRef name,
                                 mlir::ValueRange operands,
                                 llvm::ArrayRef<mlir::NamedAttribute> attrs,
                                 unsigned numResults, unsigned numRegions);
  /// Checks the operand count of `op`, gives its results the types it
  /// infers, and verifies it (with its regions when `verifyRegions`); on
  /// failure an error at the node quoting the op's diagnostic, and `op` is
  /// erased.
  llvm::LogicalResult inferTypes(mlir::Operation *op,
                                 bool verifyRegions = false);

  /// Creates the op `name` with `operands` and `attrs` (inherent attributes
  /// by name, as in the generic form) and `numResults` results whose types
  /// the op infers. An operand combination the op rejects is an error at the
  /// node that quotes the op's diagnostic; the op is then not created.
  mlir::FailureOr<mlir::Operation *>
  create(llvm::StringRef name, mlir::ValueRange operands,
         llvm::ArrayRef<mlir::NamedAttribute> attrs = {},
         unsigned numResults = 1, unsigned numRegions = 0);
  template <typename OpTy>
  mlir::FailureOr<OpTy> create(mlir::ValueRange operands,
                               llvm::ArrayRef<mlir::NamedAttribute> attrs = {},
                               unsigned numResults = 1) {
    auto op = create(OpTy::getOperationName(), operands, attrs, numResults);
    if (mlir::failed(op))
      return mlir::failure();
    return llvm::cast<OpTy>(*op);
  }
  /// The single result of a new `OpTy`.
  template <typename OpTy>
  mlir::FailureOr<mlir::Value>
  value(mlir::ValueRange operands,
        llvm::ArrayRef<mlir::NamedAttribute> attrs = {}) {
    auto op = create(OpTy::getOperationName(), operands, attrs, 1);
    if (mlir::failed(op))
      return mlir::failure();
    return (*op)->getResult(0);
  }
  /// Converts with `OpTy` and sets the node's results to all its results.
  template <typename OpTy>
  llvm::LogicalResult emit(mlir::ValueRange operands,
                           llvm::ArrayRef<mlir::NamedAttribute> attrs = {},
                           unsigned numResults = 1) {
    auto op = create(OpTy::getOperationName(), operands, attrs, numResults);
    if (mlir::failed(op))
      return mlir::failure();
    return setResults((*op)->getResults());
  }
  /// `name = value`, for attribute lists.
  mlir::NamedAttribute named(llvm::StringRef name, mlir::Attribute value) {
    return b.getNamedAttr(name, value);
  }

private:
  const onnx::AttributeProto *
  findAttr(llvm::StringRef name, onnx::AttributeProto::AttributeType type);

  GraphImporter &graph;
  Scope &scope;
  int64_t index;
  bool hadError = false;
};

/// "node #i 'name' (op Conv, domain ai.onnx, opset 13)".
std::string describeNode(const onnx::NodeProto &node, int64_t index,
                         int64_t opset);

/// A converter: builds the ds ops of one node.
using ConvertFn = llvm::LogicalResult (*)(NodeContext &);

/// The converters of the ONNX ops ds supports, by op type (default domain).
class ConverterRegistry {
public:
  /// Adds `fn` for `opType` at opsets [minOpset, maxOpset].
  void add(llvm::StringRef opType, ConvertFn fn, int64_t minOpset = 1,
           int64_t maxOpset = INT64_MAX);
  /// The converter for `opType` at `opset`, or null.
  ConvertFn lookup(llvm::StringRef opType, int64_t opset) const;
  /// Whether `opType` has a converter at some opset.
  bool knows(llvm::StringRef opType) const { return map.count(opType); }
  /// Every op type with a converter, sorted, with the opset ranges of its
  /// converters.
  std::vector<std::pair<std::string, std::vector<std::pair<int64_t, int64_t>>>>
  ranges() const;

  /// The registry with every converter of ds.
  static const ConverterRegistry &get();

private:
  struct Entry {
    int64_t minOpset, maxOpset;
    ConvertFn fn;
  };
  llvm::StringMap<llvm::SmallVector<Entry, 2>> map;
};

/// Registration, one function per op family (Converters/*.cpp).
void registerElementwiseConverters(ConverterRegistry &registry);
void registerContractionConverters(ConverterRegistry &registry);
void registerConvConverters(ConverterRegistry &registry);
void registerNormalizationConverters(ConverterRegistry &registry);
void registerReductionConverters(ConverterRegistry &registry);
void registerTensorConverters(ConverterRegistry &registry);
void registerIndexingConverters(ConverterRegistry &registry);
void registerControlFlowConverters(ConverterRegistry &registry);
/// ONNX ops that ONNX defines as functions of other ops, decomposed.
void registerFunctionConverters(ConverterRegistry &registry);
void registerQuantizationConverters(ConverterRegistry &registry);
void registerEinsumConverters(ConverterRegistry &registry);
void registerAttentionConverters(ConverterRegistry &registry);
void registerSequenceConverters(ConverterRegistry &registry);
void registerSelectionConverters(ConverterRegistry &registry);
void registerRandomConverters(ConverterRegistry &registry);
void registerSignalConverters(ConverterRegistry &registry);
void registerRecurrentConverters(ConverterRegistry &registry);
void registerImageConverters(ConverterRegistry &registry);

} // namespace ds::onnx_import

#endif // DS_LIB_IMPORTER_ONNX_NODECONTEXT_H
