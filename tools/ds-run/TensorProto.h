//===- TensorProto.h - ONNX TensorProto files -------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_TOOLS_DS_RUN_TENSORPROTO_H
#define DS_TOOLS_DS_RUN_TENSORPROTO_H

#include "ds/runtime/runtime.hpp"

#include <string>

namespace ds::run {

/// Reads a serialized onnx.TensorProto (the .pb files of ONNX test data
/// sets, onnx.numpy_helper.from_array(...).SerializeToString()) into a new
/// tensor; `name` receives the proto's name. On failure returns false with
/// `error` saying why (without the path).
bool readTensorProto(const std::string &path, ds::runtime::TensorPtr &out,
                     std::string &name, std::string &error);

} // namespace ds::run

#endif // DS_TOOLS_DS_RUN_TENSORPROTO_H
