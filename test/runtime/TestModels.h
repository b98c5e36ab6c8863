//===- TestModels.h - The hand-written models the tests load ----*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_TEST_RUNTIME_TESTMODELS_H
#define DS_TEST_RUNTIME_TESTMODELS_H

#include "ds/runtime/runtime.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <dlfcn.h>
#include <string>
#include <vector>

namespace ds::test {

// Paths of the model libraries built next to the tests (CMakeLists.txt).
inline const char *addModel() { return DS_TEST_ADD_MODEL; }
inline const char *multiModel() { return DS_TEST_MULTI_MODEL; }
inline const char *threadsModel() { return DS_TEST_THREADS_MODEL; }
inline const char *squareModel() { return DS_TEST_SQUARE_MODEL; }
inline const char *badOutputModel() { return DS_TEST_BAD_OUTPUT_MODEL; }
inline const char *badAbiModel() { return DS_TEST_BAD_ABI_MODEL; }
inline const char *noSymbolModel() { return DS_TEST_NO_SYMBOL_MODEL; }
inline const char *scratchModel() { return DS_TEST_SCRATCH_MODEL; }

/// The model at `path`; fails the test when it does not load.
inline runtime::ModelPtr load(const char *path) {
  DsModel *model = nullptr;
  runtime::StatusPtr status(ds_model_load(path, &model));
  EXPECT_EQ(status, nullptr) << ds_status_message(status.get());
  return runtime::ModelPtr(model);
}

/// A tensor over `data` (borrowed), with its full byte size.
template <typename T>
runtime::TensorPtr wrap(DsDType dtype, std::vector<int64_t> dims,
                        std::vector<T> &data) {
  DsTensor *tensor = nullptr;
  runtime::StatusPtr status(ds_tensor_wrap(dtype, dims.data(), dims.size(),
                                           data.data(), data.size() * sizeof(T),
                                           &tensor));
  EXPECT_EQ(status, nullptr) << ds_status_message(status.get());
  return runtime::TensorPtr(tensor);
}

/// The output blocks of the model library at `path` not yet released
/// (fake_model.c's counter), or -1 when it is not loaded.
inline long liveBlocks(const char *path) {
  void *handle = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
  if (!handle)
    return -1;
  auto count = reinterpret_cast<long (*)()>(dlsym(handle, "fake_live_blocks"));
  long live = count ? count() : -1;
  dlclose(handle);
  return live;
}

/// Runs `model`, expecting success; the outputs are owned.
inline std::vector<runtime::TensorPtr>
run(const DsModel *model, std::vector<DsTensor *> inputs, int32_t threads = 0) {
  DsRunOptions options;
  ds_run_options_init(&options);
  options.num_threads = threads;
  std::vector<DsTensor *> raw(ds_model_num_outputs(model), nullptr);
  runtime::StatusPtr status(ds_model_run(
      model, &options, inputs.data(), inputs.size(), raw.data(), raw.size()));
  EXPECT_EQ(status, nullptr) << ds_status_message(status.get());
  std::vector<runtime::TensorPtr> outputs;
  for (DsTensor *tensor : raw)
    outputs.emplace_back(tensor);
  return outputs;
}

/// The status's code and message, for one EXPECT on both.
inline std::string describe(const DsStatus *status) {
  if (!status)
    return "ok";
  return std::string(ds_status_code_name(ds_status_code(status))) + ": " +
         ds_status_message(status);
}

} // namespace ds::test

#endif // DS_TEST_RUNTIME_TESTMODELS_H
