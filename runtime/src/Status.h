//===- Status.h - DsStatus and the C boundary -------------------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_RUNTIME_SRC_STATUS_H
#define DS_RUNTIME_SRC_STATUS_H

#include "ds/runtime/runtime.h"

#include <new>
#include <string>

struct DsStatus {
  DsStatusCode code;
  std::string message;
};

namespace ds::rt {

/// A new status; never NULL (out of memory gives a shared static status).
DsStatus *makeStatus(DsStatusCode code, std::string message);

inline DsStatus *invalidArgument(std::string message) {
  return makeStatus(DS_STATUS_INVALID_ARGUMENT, std::move(message));
}
inline DsStatus *internalError(std::string message) {
  return makeStatus(DS_STATUS_INTERNAL, std::move(message));
}
DsStatus *outOfMemory();

/// Runs `body` (returning DsStatus *) so that no exception crosses the C
/// API: std::bad_alloc becomes DS_STATUS_OUT_OF_MEMORY, anything else
/// DS_STATUS_INTERNAL.
template <typename Body> DsStatus *guarded(Body &&body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc &) {
    return outOfMemory();
  } catch (...) {
    return makeStatus(DS_STATUS_INTERNAL,
                      "unexpected exception in the runtime");
  }
}

} // namespace ds::rt

#endif // DS_RUNTIME_SRC_STATUS_H
