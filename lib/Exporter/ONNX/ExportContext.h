//===- ExportContext.h - State of one ONNX export ---------------*- C++ -*-===//
//
// Part of ds. Names of values, the graph being written (nested graphs for
// the regions of ds.if and ds.loop), and the helpers op exporters use to
// add nodes, attributes and initializers.
//
//===----------------------------------------------------------------------===//

#ifndef DS_LIB_EXPORTER_ONNX_EXPORTCONTEXT_H
#define DS_LIB_EXPORTER_ONNX_EXPORTCONTEXT_H

#include "ds/Exporter/ONNXExporter.h"
#include "lib/Importer/ONNX/ONNXProto.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

namespace ds::onnx_export {

class ExportContext {
public:
  ExportContext(const ONNXExportOptions &options) : options(options) {}

  const ONNXExportOptions &getOptions() const { return options; }

  /// The graph nodes and initializers go to (the innermost being written).
  onnx::GraphProto *graph = nullptr;

  /// The ONNX name of `value` (assigned on first use); "" for null.
  std::string name(mlir::Value value);
  /// Gives `value` the name `name` (graph inputs and outputs).
  void setName(mlir::Value value, llvm::StringRef name);

  /// A node of `opType` with `inputs` (null: an absent optional input,
  /// written "") and `outputs`.
  onnx::NodeProto *addNode(llvm::StringRef opType,
                           llvm::ArrayRef<mlir::Value> inputs,
                           mlir::ValueRange outputs, mlir::Location loc);

  /// An initializer holding `values` (1-D int64, or rank 0 for one value
  /// when `scalar`), returning its name.
  std::string addInt64s(llvm::ArrayRef<int64_t> values, bool scalar = false,
                        bool asInt32 = false);
  /// A name for an intermediate value no op result has.
  std::string freshValueName() { return freshName("ds_t"); }

  /// Writes `attr` into `tensor` (data as raw little-endian bytes).
  llvm::LogicalResult fillTensor(mlir::ElementsAttr attr,
                                 onnx::TensorProto &tensor, mlir::Location loc);

  /// Exports the single block of `region` as `graph`: block arguments as
  /// its inputs, the terminator's operands as its outputs.
  llvm::LogicalResult exportRegion(mlir::Region &region,
                                   onnx::GraphProto &graph,
                                   llvm::StringRef graphName);

  /// Exports one op (dispatching on its name).
  llvm::LogicalResult exportOp(mlir::Operation *op);

  /// Fills `info` with the name and tensor type of `value`.
  llvm::LogicalResult setValueInfo(onnx::ValueInfoProto &info,
                                   mlir::Value value, mlir::Location loc);

private:
  ONNXExportOptions options;
  /// A name not used yet, starting with `prefix`.
  std::string freshName(llvm::StringRef prefix);

  llvm::DenseMap<mlir::Value, std::string> names;
  llvm::StringSet<> usedNames;
  /// Names of the nodes written so far (unique in the graph).
  llvm::StringSet<> nodeNames;
  unsigned nextName = 0;
};

/// The oldest opset of the default domain with the ONNX form of `op` (0 for
/// any the exporter writes), its element types and attributes included.
int64_t minimumOpset(mlir::Operation *op);

/// Writes the ONNX form of `type` (tensor, !ds.seq or !ds.opt).
llvm::LogicalResult fillTypeProto(mlir::Type type, onnx::TypeProto &proto,
                                  mlir::Location loc);

/// Attribute writers.
void addAttr(onnx::NodeProto *node, llvm::StringRef name, int64_t value);
void addAttr(onnx::NodeProto *node, llvm::StringRef name, float value);
void addAttr(onnx::NodeProto *node, llvm::StringRef name,
             llvm::StringRef value);
void addAttr(onnx::NodeProto *node, llvm::StringRef name,
             llvm::ArrayRef<int64_t> values);

} // namespace ds::onnx_export

#endif // DS_LIB_EXPORTER_ONNX_EXPORTCONTEXT_H
