//===- ThreadPool.h - Worker threads for parallel_for -----------*- C++ -*-===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#ifndef DS_RUNTIME_SRC_THREADPOOL_H
#define DS_RUNTIME_SRC_THREADPOOL_H

#include "ds/runtime/model_abi.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace ds::rt {

/// Worker threads shared by all runs of a model. A parallel loop is split
/// into chunks that the calling thread and up to `threads - 1` workers
/// claim one at a time, so a loop never waits on a worker that is busy
/// elsewhere: the caller works through whatever chunks nobody took.
class ThreadPool {
public:
  ThreadPool() = default;
  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;
  ~ThreadPool();

  /// Starts workers until there are at least `count`. Throws
  /// std::system_error when the system refuses a thread.
  void reserve(unsigned count);

  /// Runs fn over [0, count) on the caller and up to `threads - 1` workers;
  /// returns when every chunk has run.
  void parallelFor(DsAbiTaskFn fn, void *ctx, int64_t count,
                   unsigned threads) noexcept;

private:
  struct Loop;
  void workerMain();

  std::mutex mutex_;
  std::condition_variable wake_;
  /// One entry per worker a loop asks for; a worker that pops an entry
  /// whose chunks are all claimed simply drops it.
  std::deque<std::shared_ptr<Loop>> queue_;
  /// queue_.size(), for workers that poll before they sleep.
  std::atomic<int64_t> queued_{0};
  std::vector<std::thread> workers_;
  bool stopping_ = false;
};

/// What the calling thread's current run allows: its pool and thread
/// count. Set around the model's `run`; nullptr elsewhere (and on workers,
/// and inside a chunk), where parallel_for runs the loop inline.
struct RunThreads {
  ThreadPool *pool;
  unsigned threads;
};

/// Makes `threads` current on this thread for its lifetime.
class ScopedRunThreads {
public:
  explicit ScopedRunThreads(const RunThreads *threads);
  ~ScopedRunThreads();
  ScopedRunThreads(const ScopedRunThreads &) = delete;
  ScopedRunThreads &operator=(const ScopedRunThreads &) = delete;

private:
  const RunThreads *saved_;
};

/// The function installed into a model's `parallel_for` slot.
extern "C" void dsRuntimeParallelFor(DsAbiTaskFn fn, void *ctx, int64_t count);

} // namespace ds::rt

#endif // DS_RUNTIME_SRC_THREADPOOL_H
