/*===- bad_abi_model.c - Test model of a future ABI version ---------------===*
 *
 * Part of ds.
 *
 * Well-formed except for abi_version: the runtime must refuse it.
 *===----------------------------------------------------------------------===*/

#include "fake_model.h"

static void run(void *const *inputs, const int64_t *input_dims, void **outputs,
                void **output_allocs, int64_t *output_dims, void *workspace) {
  (void)workspace;
  (void)inputs;
  (void)input_dims;
  (void)outputs;
  (void)output_allocs;
  (void)output_dims;
}

static const DsAbiModel kModel = {
    DS_MODEL_ABI_VERSION + 1, 0, 0, 0, "future", 0, 0, run, fake_release,
    &fake_parallel_for_slot,  0};

FAKE_EXPORT const DsAbiModel *ds_model_get(void) { return &kModel; }
