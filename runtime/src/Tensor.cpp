//===- Tensor.cpp - DsTensor ----------------------------------------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "Tensor.h"
#include "Status.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>

DsTensor::~DsTensor() {
  switch (storage) {
  case DsStorage::Owned:
    std::free(data);
    break;
  case DsStorage::Borrowed:
    break;
  case DsStorage::ModelBlock:
    if (block)
      library->abi->release(block);
    break;
  }
}

namespace ds::rt {

bool byteSizeOf(DsDType dtype, const int64_t *dims, size_t rank, size_t &bytes,
                std::string &why) {
  // Sizes are kept below both SIZE_MAX and INT64_MAX: models index with
  // int64_t, and a 32-bit target has a 32-bit size_t.
  const uint64_t limit = std::min<uint64_t>(
      std::numeric_limits<size_t>::max(), std::numeric_limits<int64_t>::max());
  bool empty = false;
  for (size_t i = 0; i < rank; ++i) {
    if (dims[i] < 0) {
      why = "dim " + std::to_string(i) + " is " + std::to_string(dims[i]) +
            ", dims must be >= 0";
      return false;
    }
    empty |= dims[i] == 0;
  }
  // A zero dim makes the tensor empty, however large the others are.
  if (empty) {
    bytes = 0;
    return true;
  }
  uint64_t total = ds_dtype_size(dtype);
  for (size_t i = 0; i < rank; ++i) {
    uint64_t dim = static_cast<uint64_t>(dims[i]);
    if (total > limit / dim) {
      why = "dims " + formatDims(dims, rank) + " of " + ds_dtype_name(dtype) +
            " do not fit in memory";
      return false;
    }
    total *= dim;
  }
  bytes = static_cast<size_t>(total);
  return true;
}

DsStatus *createOwnedTensor(DsDType dtype, const int64_t *dims, size_t rank,
                            DsTensor **out) {
  size_t bytes = 0;
  std::string why;
  if (!byteSizeOf(dtype, dims, rank, bytes, why))
    return invalidArgument("cannot create a tensor: " + why);
  // posix_memalign wants a multiple of the alignment, and at least one
  // block so that even an empty tensor has a valid, unique pointer.
  size_t rounded = bytes + (kTensorAlignment - bytes % kTensorAlignment);
  if (rounded < bytes)
    return outOfMemory();
  void *data = nullptr;
  if (posix_memalign(&data, kTensorAlignment, rounded) != 0)
    return makeStatus(DS_STATUS_OUT_OF_MEMORY,
                      "cannot allocate " + std::to_string(bytes) +
                          " bytes for a tensor of " + ds_dtype_name(dtype) +
                          " " + formatDims(dims, rank));
  std::memset(data, 0, bytes);
  auto *tensor = new (std::nothrow) DsTensor;
  if (!tensor) {
    std::free(data);
    return outOfMemory();
  }
  tensor->dtype = dtype;
  tensor->data = data;
  tensor->byteSize = bytes;
  tensor->storage = DsStorage::Owned;
  try {
    tensor->dims.assign(dims, dims + rank);
  } catch (...) {
    delete tensor;
    throw;
  }
  *out = tensor;
  return nullptr;
}

std::string formatDims(const int64_t *dims, size_t rank) {
  std::string text = "[";
  for (size_t i = 0; i < rank; ++i) {
    if (i)
      text += ", ";
    text += std::to_string(dims[i]);
  }
  return text + "]";
}

} // namespace ds::rt

using namespace ds::rt;

namespace {
DsStatus *checkTensorArgs(const char *function, DsDType dtype,
                          const int64_t *dims, size_t rank, DsTensor **out) {
  if (!out)
    return invalidArgument(std::string(function) + ": `out` is NULL");
  *out = nullptr;
  if (ds_dtype_size(dtype) == 0)
    return invalidArgument(std::string(function) + ": " +
                           std::to_string(dtype) + " is not a DsDType");
  if (rank > 0 && !dims)
    return invalidArgument(std::string(function) +
                           ": `dims` is NULL for rank " + std::to_string(rank));
  return nullptr;
}
} // namespace

extern "C" {

DS_API DsStatus *ds_tensor_create(DsDType dtype, const int64_t *dims,
                                  size_t rank, DsTensor **out) {
  return guarded([&]() -> DsStatus * {
    if (DsStatus *status =
            checkTensorArgs("ds_tensor_create", dtype, dims, rank, out))
      return status;
    return createOwnedTensor(dtype, dims, rank, out);
  });
}

DS_API DsStatus *ds_tensor_wrap(DsDType dtype, const int64_t *dims, size_t rank,
                                void *data, size_t byte_size, DsTensor **out) {
  return guarded([&]() -> DsStatus * {
    if (DsStatus *status =
            checkTensorArgs("ds_tensor_wrap", dtype, dims, rank, out))
      return status;
    if (!data && byte_size != 0)
      return invalidArgument("ds_tensor_wrap: `data` is NULL for " +
                             std::to_string(byte_size) + " bytes");
    auto tensor = std::make_unique<DsTensor>();
    tensor->dtype = dtype;
    tensor->dims.assign(dims, dims + rank);
    tensor->data = data;
    tensor->byteSize = byte_size;
    tensor->storage = DsStorage::Borrowed;
    *out = tensor.release();
    return nullptr;
  });
}

DS_API void ds_tensor_free(DsTensor *tensor) { delete tensor; }

DS_API DsDType ds_tensor_dtype(const DsTensor *tensor) {
  return tensor ? tensor->dtype : 0;
}

DS_API size_t ds_tensor_rank(const DsTensor *tensor) {
  return tensor ? tensor->dims.size() : 0;
}

DS_API const int64_t *ds_tensor_dims(const DsTensor *tensor) {
  return tensor && !tensor->dims.empty() ? tensor->dims.data() : nullptr;
}

DS_API void *ds_tensor_data(const DsTensor *tensor) {
  return tensor ? tensor->data : nullptr;
}

DS_API size_t ds_tensor_byte_size(const DsTensor *tensor) {
  return tensor ? tensor->byteSize : 0;
}

DS_API int64_t ds_tensor_num_elements(const DsTensor *tensor) {
  if (!tensor)
    return 0;
  for (int64_t dim : tensor->dims)
    if (dim <= 0)
      return 0;
  int64_t count = 1;
  for (int64_t dim : tensor->dims) {
    // Saturate rather than overflow for wrapped tensors with absurd dims;
    // ds_model_run rejects those anyway.
    if (count > std::numeric_limits<int64_t>::max() / dim)
      return std::numeric_limits<int64_t>::max();
    count *= dim;
  }
  return count;
}

} // extern "C"
