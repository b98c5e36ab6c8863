/*===- exp_model.c - Test model that needs libm ---------------------------===*
 *
 * Part of ds.
 *
 * "exp": x: float32 [N] -> y: float32 [N] = expf(x), N <= 16, in a static
 * buffer that the runtime copies (output_allocs NULL), so that the library
 * needs nothing but expf. It is linked like ds-compile's output, without
 * any DT_NEEDED entry: expf must come from what the runtime loaded.
 *===----------------------------------------------------------------------===*/

#include "ds/runtime/model_abi.h"

float expf(float);

static const int64_t kDims[] = {-1};
static const char *const kDimNames[] = {"N"};

static const DsAbiTensor kInputs[] = {{"x", DS_ABI_FLOAT, 1, kDims, kDimNames}};
static const DsAbiTensor kOutputs[] = {
    {"y", DS_ABI_FLOAT, 1, kDims, kDimNames}};

/* The test runs one thread at a time on at most 16 elements. */
static float result[16];

static void run(void *const *inputs, const int64_t *input_dims, void **outputs,
                void **output_allocs, int64_t *output_dims, void *workspace) {
  (void)workspace;
  const float *x = (const float *)inputs[0];
  int64_t count = input_dims[0] < 16 ? input_dims[0] : 16;
  for (int64_t i = 0; i < count; ++i)
    result[i] = expf(x[i]);
  outputs[0] = result;
  output_allocs[0] = 0;
  output_dims[0] = count;
}

static void release(void *block) { (void)block; }

static const DsAbiModel kModel = {DS_MODEL_ABI_VERSION,
                                  1,
                                  1,
                                  0,
                                  "exp",
                                  kInputs,
                                  kOutputs,
                                  run,
                                  release,
                                  0,
                                  0};

__attribute__((visibility("default"))) const DsAbiModel *ds_model_get(void) {
  return &kModel;
}
