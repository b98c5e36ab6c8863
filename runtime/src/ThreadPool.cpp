//===- ThreadPool.cpp - Worker threads for parallel_for -------------------===//
//
// Part of ds.
//
//===----------------------------------------------------------------------===//

#include "ThreadPool.h"

#include <algorithm>
#include <atomic>
#include <chrono>

namespace ds::rt {

namespace {
// The run options of the run on this thread. A thread-local rather than
// state of the model, because the model's parallel_for slot is one global
// function shared by concurrent runs with different thread counts.
thread_local const RunThreads *currentRun = nullptr;

// Chunks per thread: many, so that a thread that finishes early (or a
// caller whose workers are busy with another run) takes over work. The
// generated code already makes its tasks coarse (a GEMM has 8 to a few
// hundred), so they are chunks of their own up to 64 per thread: with
// chunks of 2 or 3 tasks, a thread could wait for up to 3 tasks of the
// other at the end of each loop (ResNet-18 at 2 threads: 66 tasks a 3x3
// layer).
constexpr int64_t kChunksPerThread = 64;
// The size of a cache line: counters that different threads update are
// this far apart.
constexpr size_t kCacheLine = 64;
// How long a thread polls for work or for the end of a loop before it
// sleeps: models run their loops back to back, with short serial parts
// between them, and waking a sleeping thread costs tens of microseconds.
constexpr std::chrono::microseconds kSpinTime(200);

/// A pause for spin loops.
inline void relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#else
  std::atomic_signal_fence(std::memory_order_seq_cst);
#endif
}

/// Polls `done` (with pauses) for up to kSpinTime; whether it came true.
template <typename Done> bool spinUntil(Done done) {
  auto deadline = std::chrono::steady_clock::now() + kSpinTime;
  for (;;) {
    for (int i = 0; i < 64; ++i) {
      if (done())
        return true;
      relax();
    }
    if (std::chrono::steady_clock::now() >= deadline)
      return done();
  }
}

} // namespace

struct ThreadPool::Loop {
  DsAbiTaskFn fn;
  void *ctx;
  int64_t count;
  int64_t chunkSize;
  int64_t numChunks;
  /// The threads that share the loop (the caller and its helpers). Part p
  /// of the chunks, [p * numChunks / parts, (p + 1) * numChunks / parts),
  /// is thread p's first: with equal threads, a thread runs the same
  /// chunks in every run of a model, so the data it writes stays in its
  /// own caches instead of moving between cores; a thread that finishes
  /// its part takes chunks from the others'.
  int64_t parts = 1;
  /// The next chunk of each part, a cache line each: a thread claims the
  /// chunks of its own part without touching the others' lines.
  struct alignas(kCacheLine) Counter {
    std::atomic<int64_t> value{0};
  };
  std::unique_ptr<Counter[]> next;
  /// Helpers that joined: helper i is thread i + 1 (the caller is 0).
  std::atomic<int64_t> joined{0};
  std::atomic<int64_t> chunksDone{0};
  std::mutex doneMutex;
  std::condition_variable doneCv;

  int64_t partEnd(int64_t part) const {
    return (part + 1) * numChunks / parts;
  }

  /// Claims chunks of `part` from its counter: into `first` the first
  /// and into `taken` how many. Its owner takes a share of what is left
  /// (guided self-scheduling: few claims while the part is long, single
  /// chunks at its end), another thread one chunk at a time. A claim is a
  /// locked read-modify-write, which waits for the stores of the chunk
  /// before it to drain: one per chunk cost ResNet-18 3% of its time at 2
  /// threads. False when the part has nothing left.
  bool claim(int64_t part, bool owner, int64_t &first, int64_t &taken) {
    int64_t end = partEnd(part);
    std::atomic<int64_t> &counter = next[part].value;
    if (!owner) {
      first = counter.fetch_add(1, std::memory_order_relaxed);
      taken = 1;
      return first < end;
    }
    first = counter.load(std::memory_order_relaxed);
    do {
      if (first >= end)
        return false;
      taken = std::max<int64_t>(1, (end - first) / (2 * parts));
    } while (!counter.compare_exchange_weak(first, first + taken,
                                            std::memory_order_relaxed));
    return true;
  }

  /// Claims and runs chunks, those of part `me` first, until none is left;
  /// then counts them done (once, rather than per chunk, so that the
  /// threads do not share a counter's line per chunk) and tells the caller
  /// if they were the last.
  void work(int64_t me) {
    int64_t ran = 0;
    {
      // A parallel_for inside a chunk runs inline: the pool's threads are
      // already busy with this loop.
      ScopedRunThreads inline_(nullptr);
      for (int64_t i = 0; i < parts; ++i) {
        int64_t part = (me + i) % parts;
        for (;;) {
          int64_t first, taken;
          if (!claim(part, part == me, first, taken))
            break;
          int64_t begin = first * chunkSize;
          fn(ctx, begin, std::min(count, begin + taken * chunkSize));
          ran += taken;
        }
      }
    }
    if (ran > 0 &&
        chunksDone.fetch_add(ran, std::memory_order_acq_rel) + ran ==
            numChunks) {
      // Taking the mutex orders this notification after the caller's
      // check of chunksDone, so the wake-up cannot be lost.
      std::lock_guard<std::mutex> lock(doneMutex);
      doneCv.notify_all();
    }
  }
};

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread &worker : workers_)
    worker.join();
}

void ThreadPool::reserve(unsigned count) {
  std::lock_guard<std::mutex> lock(mutex_);
  workers_.reserve(count);
  while (workers_.size() < count)
    workers_.emplace_back([this] { workerMain(); });
}

void ThreadPool::workerMain() {
  for (;;) {
    std::shared_ptr<Loop> loop;
    spinUntil([this] { return queued_.load(std::memory_order_relaxed) > 0; });
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_)
        return;
      loop = std::move(queue_.front());
      queue_.pop_front();
      queued_.fetch_sub(1, std::memory_order_relaxed);
    }
    int64_t me = loop->joined.fetch_add(1, std::memory_order_relaxed) + 1;
    loop->work(std::min(me, loop->parts - 1));
  }
}

void ThreadPool::parallelFor(DsAbiTaskFn fn, void *ctx, int64_t count,
                             unsigned threads) noexcept {
  if (count <= 0)
    return;
  if (threads <= 1 || count == 1) {
    ScopedRunThreads inline_(nullptr);
    fn(ctx, 0, count);
    return;
  }
  // This is called from the model's C code: nothing may throw out of it.
  // Without memory for the loop, it runs inline; without memory for all
  // the tickets, on fewer workers.
  std::shared_ptr<Loop> loop;
  try {
    loop = std::make_shared<Loop>();
  } catch (...) {
    ScopedRunThreads inline_(nullptr);
    fn(ctx, 0, count);
    return;
  }
  loop->fn = fn;
  loop->ctx = ctx;
  loop->count = count;
  int64_t wanted = std::min<int64_t>(count, kChunksPerThread * threads);
  loop->chunkSize = (count + wanted - 1) / wanted;
  loop->numChunks = (count + loop->chunkSize - 1) / loop->chunkSize;
  int64_t helpers = std::min<int64_t>(threads - 1, loop->numChunks - 1);
  try {
    loop->next = std::make_unique<Loop::Counter[]>(helpers + 1);
    loop->parts = helpers + 1;
  } catch (...) {
    loop->next = nullptr;
  }
  if (!loop->next) {
    ScopedRunThreads inline_(nullptr);
    fn(ctx, 0, count);
    return;
  }
  for (int64_t part = 0; part < loop->parts; ++part)
    loop->next[part].value.store(part * loop->numChunks / loop->parts,
                                 std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    try {
      for (int64_t i = 0; i < helpers; ++i) {
        queue_.push_back(loop);
        queued_.fetch_add(1, std::memory_order_relaxed);
      }
    } catch (...) {
    }
  }
  if (helpers == 1)
    wake_.notify_one();
  else
    wake_.notify_all();
  loop->work(0);
  spinUntil([&] {
    return loop->chunksDone.load(std::memory_order_acquire) == loop->numChunks;
  });
  std::unique_lock<std::mutex> lock(loop->doneMutex);
  loop->doneCv.wait(lock, [&] {
    return loop->chunksDone.load(std::memory_order_acquire) == loop->numChunks;
  });
}

ScopedRunThreads::ScopedRunThreads(const RunThreads *threads)
    : saved_(currentRun) {
  currentRun = threads;
}

ScopedRunThreads::~ScopedRunThreads() { currentRun = saved_; }

extern "C" void dsRuntimeParallelFor(DsAbiTaskFn fn, void *ctx, int64_t count) {
  const RunThreads *run = currentRun;
  if (!run || !run->pool) {
    if (count > 0) {
      ScopedRunThreads inline_(nullptr);
      fn(ctx, 0, count);
    }
    return;
  }
  run->pool->parallelFor(fn, ctx, count, run->threads);
}

} // namespace ds::rt
