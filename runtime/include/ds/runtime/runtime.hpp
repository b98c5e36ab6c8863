//===- runtime.hpp - C++ ownership helpers for the C API --------*- C++ -*-===//
//
// Part of ds.
//
// unique_ptr types for the objects of runtime.h, so that C++ callers free
// them on every path. Header-only; the API itself stays the C one.
//
//===----------------------------------------------------------------------===//

#ifndef DS_RUNTIME_RUNTIME_HPP
#define DS_RUNTIME_RUNTIME_HPP

#include "ds/runtime/runtime.h"

#include <memory>

namespace ds::runtime {

struct StatusDeleter {
  void operator()(DsStatus *status) const { ds_status_free(status); }
};
struct TensorDeleter {
  void operator()(DsTensor *tensor) const { ds_tensor_free(tensor); }
};
struct ModelDeleter {
  void operator()(DsModel *model) const { ds_model_free(model); }
};

using StatusPtr = std::unique_ptr<DsStatus, StatusDeleter>;
using TensorPtr = std::unique_ptr<DsTensor, TensorDeleter>;
using ModelPtr = std::unique_ptr<DsModel, ModelDeleter>;

} // namespace ds::runtime

#endif // DS_RUNTIME_RUNTIME_HPP
