//===- Shape.h - Sizes of arrays read from files ----------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_TOOLS_DS_RUN_SHAPE_H
#define DS_TOOLS_DS_RUN_SHAPE_H

#include "ds/runtime/runtime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ds::run {

/// The bytes `dims` of `dtype` need, or false with `error` when a dim is
/// negative or the size does not fit in memory. The readers compare it with
/// what the file holds before allocating, so that a corrupt shape cannot
/// ask for terabytes.
bool byteSizeOf(DsDType dtype, const std::vector<int64_t> &dims,
                uint64_t &bytes, std::string &error);

} // namespace ds::run

#endif // DS_TOOLS_DS_RUN_SHAPE_H
