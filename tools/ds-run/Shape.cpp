//===- Shape.cpp - Sizes of arrays read from files ------------------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "Shape.h"

#include <cstddef>
#include <limits>

namespace ds::run {

bool byteSizeOf(DsDType dtype, const std::vector<int64_t> &dims,
                uint64_t &bytes, std::string &error) {
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] < 0) {
      error = "dim " + std::to_string(i) + " is " + std::to_string(dims[i]);
      return false;
    }
    if (dims[i] == 0) {
      bytes = 0;
      return true;
    }
  }
  const uint64_t limit = std::numeric_limits<size_t>::max();
  uint64_t total = ds_dtype_size(dtype);
  for (int64_t dim : dims) {
    if (total > limit / static_cast<uint64_t>(dim)) {
      error = "the shape is too large for memory";
      return false;
    }
    total *= static_cast<uint64_t>(dim);
  }
  bytes = total;
  return true;
}

} // namespace ds::run
