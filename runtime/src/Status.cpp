//===- Status.cpp - DsStatus ----------------------------------------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "Status.h"

namespace {
// Handed out when there is no memory left for a status of its own; its
// message is a literal, so building it allocates nothing that can fail at
// the time. ds_status_free recognizes it and leaves it alone.
DsStatus &staticOutOfMemory() {
  static DsStatus status{DS_STATUS_OUT_OF_MEMORY, "out of memory"};
  return status;
}
} // namespace

namespace ds::rt {

DsStatus *makeStatus(DsStatusCode code, std::string message) {
  DsStatus *status = new (std::nothrow) DsStatus{code, {}};
  if (!status)
    return &staticOutOfMemory();
  try {
    status->message = std::move(message);
  } catch (...) {
    delete status;
    return &staticOutOfMemory();
  }
  return status;
}

DsStatus *outOfMemory() { return &staticOutOfMemory(); }

} // namespace ds::rt

extern "C" {

DS_API DsStatusCode ds_status_code(const DsStatus *status) {
  return status ? status->code : DS_STATUS_OK;
}

DS_API const char *ds_status_message(const DsStatus *status) {
  return status ? status->message.c_str() : "";
}

DS_API const char *ds_status_code_name(DsStatusCode code) {
  switch (code) {
  case DS_STATUS_OK:
    return "ok";
  case DS_STATUS_INVALID_ARGUMENT:
    return "invalid argument";
  case DS_STATUS_NOT_FOUND:
    return "not found";
  case DS_STATUS_INCOMPATIBLE:
    return "incompatible";
  case DS_STATUS_OUT_OF_MEMORY:
    return "out of memory";
  case DS_STATUS_INTERNAL:
    return "internal";
  }
  return "unknown";
}

DS_API void ds_status_free(DsStatus *status) {
  if (status != &staticOutOfMemory())
    delete status;
}

} // extern "C"
