/*===- bad_output_model.c - Test model that breaks its own signature ------===*
 *
 * Part of ds.
 *
 * "bad_output": x: float32 [3] -> y: float32 [3], but it reports y with
 * dims [4]. The runtime must refuse the output and still release its block.
 *===----------------------------------------------------------------------===*/

#include "fake_model.h"

static const int64_t kDims[] = {3};
static const char *const kDimNames[] = {""};

static const DsAbiTensor kInputs[] = {{"x", DS_ABI_FLOAT, 1, kDims, kDimNames}};
static const DsAbiTensor kOutputs[] = {
    {"y", DS_ABI_FLOAT, 1, kDims, kDimNames}};

static void run(void *const *inputs, const int64_t *input_dims, void **outputs,
                void **output_allocs, int64_t *output_dims, void *workspace) {
  (void)workspace;
  (void)inputs;
  (void)input_dims;
  float *y = (float *)fake_alloc(4 * sizeof(float));
  outputs[0] = output_allocs[0] = y;
  output_dims[0] = 4;
}

static const DsAbiModel kModel = {DS_MODEL_ABI_VERSION, 1,       1,        0,
                                  "bad_output",         kInputs, kOutputs, run,
                                  fake_release,         0,       0};

FAKE_EXPORT const DsAbiModel *ds_model_get(void) { return &kModel; }
