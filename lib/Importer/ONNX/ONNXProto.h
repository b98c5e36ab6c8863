//===- ONNXProto.h - The ONNX protobuf classes ------------------*- C++ -*-===//
//
// Part of ds. The C++ classes generated at build time by protoc from the
// onnx.proto of the pinned onnx release (the project venv's onnx package).
//
//===----------------------------------------------------------------------===//

#ifndef DS_LIB_IMPORTER_ONNX_ONNXPROTO_H
#define DS_LIB_IMPORTER_ONNX_ONNXPROTO_H

#include "lib/Importer/ONNX/onnx.pb.h"

#endif // DS_LIB_IMPORTER_ONNX_ONNXPROTO_H
