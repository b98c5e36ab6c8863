//===- TensorImport.h - ONNX types and tensors as MLIR ----------*- C++ -*-===//
//
// Part of ds. Element types, value types (TypeProto) and tensor data
// (TensorProto, SparseTensorProto: raw, typed or external storage) of ONNX
// as MLIR types and ElementsAttr.
//
//===----------------------------------------------------------------------===//

#ifndef DS_LIB_IMPORTER_ONNX_TENSORIMPORT_H
#define DS_LIB_IMPORTER_ONNX_TENSORIMPORT_H

#include "lib/Importer/ONNX/ImportContext.h"

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"

namespace ds::onnx_import {

/// The name of an ONNX TensorProto::DataType value ("FLOAT", "STRING", ...).
std::string dataTypeName(int32_t dataType);

/// The MLIR element type of an ONNX data type; an error at `loc` naming
/// `what` for the types ds does not support (strings, complex, float8...).
mlir::FailureOr<mlir::Type> convertElementType(int32_t dataType,
                                               mlir::MLIRContext *context,
                                               mlir::Location loc,
                                               llvm::StringRef what);

/// The ONNX data type of an MLIR element type, or 0 (UNDEFINED).
int32_t getDataType(mlir::Type elementType);

/// The type of a value's TypeProto: a tensor type (`?` for symbolic or
/// missing sizes, unranked without a shape), a !ds.seq of tensors or a
/// !ds.opt; maps and sparse tensors are errors.
mlir::FailureOr<mlir::Type> convertType(const onnx::TypeProto &type,
                                        mlir::MLIRContext *context,
                                        mlir::Location loc,
                                        llvm::StringRef what);

/// The data of `tensor` as an ElementsAttr: `dense` up to the options'
/// maxDenseElements, else a `dense_resource` blob (external data that is
/// suitably aligned is mapped, not copied).
mlir::FailureOr<mlir::ElementsAttr>
convertTensor(const onnx::TensorProto &tensor, ImportContext &ctx,
              mlir::Location loc);

/// A sparse initializer, densified.
mlir::FailureOr<mlir::ElementsAttr>
convertSparseTensor(const onnx::SparseTensorProto &tensor, ImportContext &ctx,
                    mlir::Location loc);

} // namespace ds::onnx_import

#endif // DS_LIB_IMPORTER_ONNX_TENSORIMPORT_H
