//===- Library.h - A loaded model library -----------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_RUNTIME_SRC_LIBRARY_H
#define DS_RUNTIME_SRC_LIBRARY_H

#include "ds/runtime/model_abi.h"

#include <dlfcn.h>

namespace ds::rt {

/// The dlopen handle of a model library. Shared by the DsModel and by the
/// output tensors whose blocks the library's `release` frees, so that the
/// code stays mapped until the last of them is gone.
struct Library {
  void *handle = nullptr;
  const DsAbiModel *abi = nullptr;

  Library() = default;
  Library(const Library &) = delete;
  Library &operator=(const Library &) = delete;
  ~Library() {
    if (handle)
      dlclose(handle);
  }
};

} // namespace ds::rt

#endif // DS_RUNTIME_SRC_LIBRARY_H
