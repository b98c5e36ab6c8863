/*===- scratch_model.c - Test model: y = 2 x through the workspace --------===*
 *
 * Part of ds.
 *
 * "scratch": x: float32 [200] -> y: float32 [200], with a workspace of 1000
 * bytes. Each run copies x into its workspace, yields the CPU a few times
 * (so that concurrent runs interleave) and computes y from the workspace:
 * runs sharing a workspace at the same time would mix up their inputs. It
 * exports what it saw: workspaces that were NULL or misaligned, and the
 * number of distinct workspaces.
 *===----------------------------------------------------------------------===*/

#include "fake_model.h"

#include <pthread.h>
#include <sched.h>
#include <stdint.h>

#define COUNT 200
#define MAX_SEEN 64

static const int64_t kDims[] = {COUNT};

static const DsAbiTensor kInputs[] = {
    {"x", DS_ABI_FLOAT, 1, kDims, 0},
};
static const DsAbiTensor kOutputs[] = {
    {"y", DS_ABI_FLOAT, 1, kDims, 0},
};

static pthread_mutex_t gMutex = PTHREAD_MUTEX_INITIALIZER;
static void *gSeen[MAX_SEEN];
static long gNumSeen;
static long gBad;

static void note(void *workspace) {
  pthread_mutex_lock(&gMutex);
  if (!workspace || (uintptr_t)workspace % 64 != 0)
    ++gBad;
  long i = 0;
  while (i < gNumSeen && gSeen[i] != workspace)
    ++i;
  if (i == gNumSeen && gNumSeen < MAX_SEEN)
    gSeen[gNumSeen++] = workspace;
  pthread_mutex_unlock(&gMutex);
}

FAKE_EXPORT long scratch_bad_workspaces(void) { return gBad; }
FAKE_EXPORT long scratch_distinct_workspaces(void) { return gNumSeen; }

static void run(void *const *inputs, const int64_t *input_dims, void **outputs,
                void **output_allocs, int64_t *output_dims, void *workspace) {
  (void)input_dims;
  note(workspace);
  if (!workspace)
    return;
  const float *x = (const float *)inputs[0];
  volatile float *scratch = (volatile float *)workspace;
  for (int i = 0; i < COUNT; ++i)
    scratch[i] = x[i];
  for (int k = 0; k < 4; ++k)
    sched_yield();
  float *y = (float *)fake_alloc(COUNT * sizeof(float));
  for (int i = 0; i < COUNT; ++i)
    y[i] = 2 * scratch[i];
  outputs[0] = y;
  output_allocs[0] = y;
  output_dims[0] = COUNT;
}

static const DsAbiModel kModel = {DS_MODEL_ABI_VERSION,
                                  1,
                                  1,
                                  0,
                                  "scratch",
                                  kInputs,
                                  kOutputs,
                                  run,
                                  fake_release,
                                  &fake_parallel_for_slot,
                                  1000};

FAKE_EXPORT const DsAbiModel *ds_model_get(void) { return &kModel; }
