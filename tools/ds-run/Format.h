//===- Format.h - What ds-run prints ----------------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_TOOLS_DS_RUN_FORMAT_H
#define DS_TOOLS_DS_RUN_FORMAT_H

#include "ds/runtime/runtime.h"

#include <cstdio>
#include <string>

namespace ds::run {

/// "[N, 4]": a dynamic dim by its symbolic name, or "?".
std::string formatSpecDims(const DsTensorSpec &spec);
/// "[2, 4]"
std::string formatDims(const int64_t *dims, size_t rank);
/// "x: float32 [N, 4]"
std::string formatSpec(const DsTensorSpec &spec);
/// The first `limit` elements of `tensor`: "[1, 2.5, 3, ...]".
std::string formatValues(const DsTensor *tensor, size_t limit);
/// The model's name, inputs and outputs, one per line.
void printSignature(std::FILE *out, const DsModel *model);

} // namespace ds::run

#endif // DS_TOOLS_DS_RUN_FORMAT_H
