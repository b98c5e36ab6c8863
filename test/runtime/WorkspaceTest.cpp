//===- WorkspaceTest.cpp - The workspaces of runs -------------------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "TestModels.h"

#include <thread>

using namespace ds::test;
using ds::runtime::TensorPtr;

namespace {

/// A counter the scratch model exports, or -1 when it is not loaded.
long scratchCounter(const char *name) {
  void *handle = dlopen(scratchModel(), RTLD_NOW | RTLD_NOLOAD);
  if (!handle)
    return -1;
  auto counter = reinterpret_cast<long (*)()>(dlsym(handle, name));
  long value = counter ? counter() : -1;
  dlclose(handle);
  return value;
}

/// Runs the scratch model on x = base + i and checks y = 2 x.
void runScratch(const DsModel *model, float base) {
  std::vector<float> x(200);
  for (size_t i = 0; i < x.size(); ++i)
    x[i] = base + static_cast<float>(i);
  TensorPtr input = wrap(DS_DTYPE_FLOAT32, {200}, x);
  auto outputs = run(model, {input.get()}, 1);
  ASSERT_TRUE(outputs[0]);
  const float *y = static_cast<const float *>(ds_tensor_data(outputs[0].get()));
  for (size_t i = 0; i < x.size(); ++i)
    ASSERT_EQ(y[i], 2 * x[i]) << "base " << base << ", element " << i;
}

TEST(Workspace, SizeFromTheModel) {
  auto scratch = load(scratchModel());
  auto add = load(addModel());
  ASSERT_TRUE(scratch && add);
  EXPECT_EQ(ds_model_workspace_bytes(scratch.get()), 1000u);
  EXPECT_EQ(ds_model_workspace_bytes(add.get()), 0u);
  EXPECT_EQ(ds_model_workspace_bytes(nullptr), 0u);
}

// Runs one after the other reuse one workspace: the steady state allocates
// none.
TEST(Workspace, ReusedBySequentialRuns) {
  auto model = load(scratchModel());
  ASSERT_TRUE(model);
  for (int i = 0; i < 10; ++i)
    runScratch(model.get(), 1000.0f * i);
  EXPECT_EQ(scratchCounter("scratch_bad_workspaces"), 0);
  EXPECT_EQ(scratchCounter("scratch_distinct_workspaces"), 1);
}

// Concurrent runs each get their own workspace (the model would mix up
// inputs otherwise), and no more are made than runs at the same time.
TEST(Workspace, OnePerConcurrentRun) {
  auto model = load(scratchModel());
  ASSERT_TRUE(model);
  constexpr int kCallers = 4, kIterations = 200;
  std::vector<std::thread> callers;
  for (int caller = 0; caller < kCallers; ++caller)
    callers.emplace_back([&, caller] {
      for (int iteration = 0; iteration < kIterations; ++iteration)
        runScratch(model.get(), 1e5f * caller + 300.0f * iteration);
    });
  for (std::thread &caller : callers)
    caller.join();
  EXPECT_EQ(scratchCounter("scratch_bad_workspaces"), 0);
  long distinct = scratchCounter("scratch_distinct_workspaces");
  EXPECT_GE(distinct, 1);
  EXPECT_LE(distinct, kCallers);
}

} // namespace
