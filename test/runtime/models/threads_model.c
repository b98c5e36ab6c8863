/*===- threads_model.c - Test model: which threads ran the loop -----------===*
 *
 * Part of ds.
 *
 * "threads": x: float32 [R] -> tid: int64 [R], nested: int64 [R].
 * tid[r] is the id (pthread_self) of the thread that ran iteration r of a
 * parallel_for over R. nested[r] is 1 when a parallel_for issued inside
 * the chunk of r ran inline: as one call over its whole range, on that
 * chunk's thread.
 *===----------------------------------------------------------------------===*/

#define _DEFAULT_SOURCE
#include "fake_model.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

static const int64_t kDims[] = {-1};
static const char *const kDimNames[] = {"R"};

static const DsAbiTensor kInputs[] = {{"x", DS_ABI_FLOAT, 1, kDims, kDimNames}};
static const DsAbiTensor kOutputs[] = {
    {"tid", DS_ABI_INT64, 1, kDims, kDimNames},
    {"nested", DS_ABI_INT64, 1, kDims, kDimNames},
};

typedef struct {
  int64_t *tid;
  int64_t *nested;
  int64_t count;
  atomic_int started; /* chunks begun */
} Ctx;

enum { kInnerCount = 16 };

typedef struct {
  int64_t owner;
  atomic_int split; /* set when the inner loop did not run inline */
} InnerCtx;

static int64_t self_id(void) { return (int64_t)(uintptr_t)pthread_self(); }

static void inner(void *opaque, int64_t begin, int64_t end) {
  InnerCtx *ctx = (InnerCtx *)opaque;
  if (self_id() != ctx->owner || begin != 0 || end != kInnerCount)
    atomic_store(&ctx->split, 1);
}

static void rows(void *opaque, int64_t begin, int64_t end) {
  Ctx *ctx = (Ctx *)opaque;
  /* When the loop was split, the first chunk waits (up to 1 s) for another
   * chunk to begin. That one can only begin on another thread, so a runtime
   * that uses its threads shows several ids however loaded the machine is,
   * and one that runs the chunks one after the other shows one. */
  struct timespec pause = {0, 1000 * 1000};
  int order = atomic_fetch_add(&ctx->started, 1);
  if (order == 0 && end - begin < ctx->count) {
    for (int i = 0; i < 1000 && atomic_load(&ctx->started) < 2; ++i)
      nanosleep(&pause, NULL);
  }
  /* Every chunk takes a while, so that every thread the runtime lets in
   * takes some: a run that uses more threads than it may shows it. */
  nanosleep(&pause, NULL);
  for (int64_t r = begin; r < end; ++r) {
    InnerCtx innerCtx;
    innerCtx.owner = self_id();
    atomic_init(&innerCtx.split, 0);
    fake_parallel_for(inner, &innerCtx, kInnerCount);
    ctx->tid[r] = self_id();
    /* Added rather than stored: a row run twice shows 2, one skipped 0. */
    __atomic_fetch_add(&ctx->nested[r], !atomic_load(&innerCtx.split),
                       __ATOMIC_RELAXED);
  }
}

static void run(void *const *inputs, const int64_t *input_dims, void **outputs,
                void **output_allocs, int64_t *output_dims, void *workspace) {
  (void)workspace;
  (void)inputs;
  int64_t count = input_dims[0];
  Ctx ctx;
  ctx.tid = (int64_t *)fake_alloc((size_t)count * sizeof(int64_t));
  ctx.nested = (int64_t *)fake_alloc((size_t)count * sizeof(int64_t));
  ctx.count = count;
  if (ctx.nested)
    memset(ctx.nested, 0, (size_t)count * sizeof(int64_t));
  atomic_init(&ctx.started, 0);
  fake_parallel_for(rows, &ctx, count);
  outputs[0] = output_allocs[0] = ctx.tid;
  outputs[1] = output_allocs[1] = ctx.nested;
  output_dims[0] = count;
  output_dims[1] = count;
}

static const DsAbiModel kModel = {DS_MODEL_ABI_VERSION,
                                  1,
                                  2,
                                  0,
                                  "threads",
                                  kInputs,
                                  kOutputs,
                                  run,
                                  fake_release,
                                  &fake_parallel_for_slot,
                                  0};

FAKE_EXPORT const DsAbiModel *ds_model_get(void) { return &kModel; }
