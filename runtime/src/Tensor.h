//===- Tensor.h - DsTensor --------------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_RUNTIME_SRC_TENSOR_H
#define DS_RUNTIME_SRC_TENSOR_H

#include "Library.h"
#include "ds/runtime/runtime.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

/// Who frees a tensor's data decides how it is released.
enum class DsStorage {
  Owned,      ///< the runtime's aligned allocation
  Borrowed,   ///< the caller's memory (ds_tensor_wrap)
  ModelBlock, ///< an output block of a model, given back to its `release`
};

struct DsTensor {
  DsDType dtype = 0;
  std::vector<int64_t> dims;
  void *data = nullptr;
  size_t byteSize = 0;
  DsStorage storage = DsStorage::Owned;
  void *block = nullptr;                    ///< ModelBlock only
  std::shared_ptr<ds::rt::Library> library; ///< ModelBlock only

  DsTensor() = default;
  DsTensor(const DsTensor &) = delete;
  DsTensor &operator=(const DsTensor &) = delete;
  ~DsTensor();
};

namespace ds::rt {

/// Alignment of the runtime's own tensor data: a cache line, and enough for
/// any vector load a compiled model may do.
constexpr size_t kTensorAlignment = 64;

/// The byte size of `dims` of `dtype`, or an explanation in `why` when a
/// dim is negative or the size does not fit in memory.
bool byteSizeOf(DsDType dtype, const int64_t *dims, size_t rank, size_t &bytes,
                std::string &why);

/// A tensor owning zeroed, aligned memory for `dims` (checked).
DsStatus *createOwnedTensor(DsDType dtype, const int64_t *dims, size_t rank,
                            DsTensor **out);

/// "[2, 3, 4]"
std::string formatDims(const int64_t *dims, size_t rank);

} // namespace ds::rt

#endif // DS_RUNTIME_SRC_TENSOR_H
