//===- ThreadTest.cpp - parallel_for, thread counts, concurrent runs ------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "TestModels.h"

#include <pthread.h>
#include <set>
#include <thread>

using namespace ds::test;
using ds::runtime::ModelPtr;
using ds::runtime::TensorPtr;

namespace {

int64_t selfId() {
  return static_cast<int64_t>(reinterpret_cast<uintptr_t>(pthread_self()));
}

/// The distinct thread ids in the `tid` output of the threads model.
std::set<int64_t> threadIds(const DsTensor *tid) {
  const auto *ids = static_cast<const int64_t *>(ds_tensor_data(tid));
  return std::set<int64_t>(ids, ids + ds_tensor_num_elements(tid));
}

/// Runs the threads model over `rows` iterations with `threads` threads;
/// returns its outputs (tid, nested).
std::vector<TensorPtr> runThreads(const DsModel *model, int64_t rows,
                                  int32_t threads) {
  std::vector<float> x(static_cast<size_t>(rows));
  TensorPtr input = wrap(DS_DTYPE_FLOAT32, {rows}, x);
  return run(model, {input.get()}, threads);
}

TEST(Threads, UsesTheThreadsAskedFor) {
  auto model = load(threadsModel());
  ASSERT_TRUE(model);
  auto outputs = runThreads(model.get(), 64, 4);
  ASSERT_TRUE(outputs[0]);
  std::set<int64_t> ids = threadIds(outputs[0].get());
  EXPECT_GE(ids.size(), 2u);
  EXPECT_LE(ids.size(), 4u);

  // The pool now has three workers; a run with two threads uses two.
  outputs = runThreads(model.get(), 64, 2);
  ASSERT_TRUE(outputs[0]);
  EXPECT_EQ(threadIds(outputs[0].get()).size(), 2u);
}

TEST(Threads, OneThreadRunsOnTheCaller) {
  auto model = load(threadsModel());
  ASSERT_TRUE(model);
  auto outputs = runThreads(model.get(), 64, 1);
  ASSERT_TRUE(outputs[0]);
  EXPECT_EQ(threadIds(outputs[0].get()), std::set<int64_t>{selfId()});
}

TEST(Threads, NestedParallelForRunsInline) {
  auto model = load(threadsModel());
  ASSERT_TRUE(model);
  auto outputs = runThreads(model.get(), 32, 4);
  ASSERT_TRUE(outputs[1]);
  const auto *nested =
      static_cast<const int64_t *>(ds_tensor_data(outputs[1].get()));
  for (int r = 0; r < 32; ++r)
    EXPECT_EQ(nested[r], 1) << "row " << r;
}

// Every row runs exactly once (the model adds 1 to a row's `nested` when
// it runs it), whatever the count of rows and threads: chunks claimed a
// share of a part at a time and one at a time by other threads.
TEST(Threads, EveryRowRunsOnce) {
  auto model = load(threadsModel());
  ASSERT_TRUE(model);
  for (int32_t threads : {2, 3, 4}) {
    for (int64_t rows : {1, 2, 3, 7, 64, 129, 1000}) {
      auto outputs = runThreads(model.get(), rows, threads);
      ASSERT_TRUE(outputs[1]);
      const auto *runs =
          static_cast<const int64_t *>(ds_tensor_data(outputs[1].get()));
      for (int64_t r = 0; r < rows; ++r)
        ASSERT_EQ(runs[r], 1) << rows << " rows, " << threads
                              << " threads, row " << r;
    }
  }
}

TEST(Threads, DefaultThreadCount) {
  int32_t threads = ds_default_num_threads();
  EXPECT_GE(threads, 1);
  EXPECT_LE(threads, DS_MAX_THREADS);
}

// Four threads run the same two models at once, each with its own thread
// count (1 to 4): every result must be right and every run must stay
// within its own count, although all share the models' worker pools.
TEST(Threads, ConcurrentRunsWithDifferentThreadCounts) {
  auto add = load(addModel());
  auto threads = load(threadsModel());
  ASSERT_TRUE(add && threads);
  constexpr int kCallers = 4, kIterations = 20;
  std::vector<std::thread> callers;
  for (int caller = 0; caller < kCallers; ++caller) {
    callers.emplace_back([&, caller] {
      int32_t count = caller + 1;
      for (int iteration = 0; iteration < kIterations; ++iteration) {
        int64_t rows = 16 + caller * 8 + iteration;
        std::vector<float> x(static_cast<size_t>(rows * 4)), y(x.size());
        for (size_t i = 0; i < x.size(); ++i) {
          x[i] = static_cast<float>(i);
          y[i] = static_cast<float>(caller * 1000 + iteration);
        }
        TensorPtr tx = wrap(DS_DTYPE_FLOAT32, {rows, 4}, x);
        TensorPtr ty = wrap(DS_DTYPE_FLOAT32, {rows, 4}, y);
        auto sum = run(add.get(), {tx.get(), ty.get()}, count);
        ASSERT_TRUE(sum[0]);
        ASSERT_EQ(ds_tensor_dims(sum[0].get())[0], rows);
        const float *z =
            static_cast<const float *>(ds_tensor_data(sum[0].get()));
        for (size_t i = 0; i < x.size(); ++i)
          ASSERT_EQ(z[i], x[i] + y[i])
              << "caller " << caller << ", element " << i;

        auto ids = runThreads(threads.get(), 32, count);
        ASSERT_TRUE(ids[0]);
        std::set<int64_t> used = threadIds(ids[0].get());
        EXPECT_LE(used.size(), static_cast<size_t>(count))
            << "caller " << caller;
        if (count == 1) {
          EXPECT_EQ(used, std::set<int64_t>{selfId()});
        }
      }
    });
  }
  for (std::thread &caller : callers)
    caller.join();
}

} // namespace
