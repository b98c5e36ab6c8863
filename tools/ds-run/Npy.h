//===- Npy.h - NumPy .npy files ---------------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_TOOLS_DS_RUN_NPY_H
#define DS_TOOLS_DS_RUN_NPY_H

#include "ds/runtime/runtime.hpp"

#include <string>

namespace ds::run {

/// Reads a .npy file (format 1.0, 2.0 or 3.0; little-endian, C order) into
/// a new tensor. NumPy has no bfloat16, so a uint16 array is read as
/// bfloat16 bits when `expected` is DS_DTYPE_BFLOAT16, and a uint8 array as
/// the bits of the float8, float4 (one a byte, in the low 4 bits) or e8m0
/// type `expected` names. On failure returns false with `error` saying why
/// (without the path).
bool readNpy(const std::string &path, DsDType expected,
             ds::runtime::TensorPtr &out, std::string &error);

/// Writes `tensor` as a format 1.0 .npy file (bfloat16 as uint16 bits;
/// float8, float4 and e8m0 as uint8 bits, float4 one element a byte).
bool writeNpy(const std::string &path, const DsTensor *tensor,
              std::string &error);

} // namespace ds::run

#endif // DS_TOOLS_DS_RUN_NPY_H
