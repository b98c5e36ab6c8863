/*===- square_model.c - Test model: one symbol for two dims of an input ---===*
 *
 * Part of ds.
 *
 * "square": m: float32 [S, S] -> out: float32 [S, S], m itself (copied by
 * the runtime). Both dims of m are named S, so they must be equal.
 *===----------------------------------------------------------------------===*/

#include "fake_model.h"

static const int64_t kDims[] = {-1, -1};
static const char *const kDimNames[] = {"S", "S"};

static const DsAbiTensor kInputs[] = {{"m", DS_ABI_FLOAT, 2, kDims, kDimNames}};
static const DsAbiTensor kOutputs[] = {
    {"out", DS_ABI_FLOAT, 2, kDims, kDimNames}};

static void run(void *const *inputs, const int64_t *input_dims, void **outputs,
                void **output_allocs, int64_t *output_dims, void *workspace) {
  (void)workspace;
  outputs[0] = inputs[0];
  output_allocs[0] = 0;
  output_dims[0] = input_dims[0];
  output_dims[1] = input_dims[1];
}

static const DsAbiModel kModel = {
    DS_MODEL_ABI_VERSION, 1, 1, 0, "square", kInputs, kOutputs, run,
    fake_release,         0, 0};

FAKE_EXPORT const DsAbiModel *ds_model_get(void) { return &kModel; }
