/*===- multi_model.c - Test model: outputs of every kind of ownership -----===*
 *
 * Part of ds.
 *
 * "multi": ids: int64 [K] ->
 *   doubled: int64 [K]          2 * ids, a block of the model (released)
 *   table/const: float32 [2, 3] a constant of the library (output_allocs NULL)
 *   echo: int64 [K]             the input itself (output_allocs NULL)
 *===----------------------------------------------------------------------===*/

#include "fake_model.h"

static const int64_t kVector[] = {-1};
static const char *const kVectorNames[] = {"K"};
static const int64_t kTableDims[] = {2, 3};
static const char *const kTableNames[] = {"", ""};

static const DsAbiTensor kInputs[] = {
    {"ids", DS_ABI_INT64, 1, kVector, kVectorNames}};
static const DsAbiTensor kOutputs[] = {
    {"doubled", DS_ABI_INT64, 1, kVector, kVectorNames},
    {"table/const", DS_ABI_FLOAT, 2, kTableDims, kTableNames},
    {"echo", DS_ABI_INT64, 1, kVector, kVectorNames},
};

static float kTable[6] = {0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f};

static void run(void *const *inputs, const int64_t *input_dims, void **outputs,
                void **output_allocs, int64_t *output_dims, void *workspace) {
  (void)workspace;
  int64_t count = input_dims[0];
  const int64_t *ids = (const int64_t *)inputs[0];
  int64_t *doubled = (int64_t *)fake_alloc((size_t)count * sizeof(int64_t));
  for (int64_t i = 0; i < count; ++i)
    doubled[i] = 2 * ids[i];
  outputs[0] = doubled;
  output_allocs[0] = doubled;
  outputs[1] = kTable;
  output_allocs[1] = 0;
  outputs[2] = inputs[0];
  output_allocs[2] = 0;
  output_dims[0] = count;
  output_dims[1] = 2;
  output_dims[2] = 3;
  output_dims[3] = count;
}

static const DsAbiModel kModel = {DS_MODEL_ABI_VERSION,
                                  1,
                                  3,
                                  0,
                                  "multi",
                                  kInputs,
                                  kOutputs,
                                  run,
                                  fake_release,
                                  0 /* no parallel loops: no slot */,
                                  0};

FAKE_EXPORT const DsAbiModel *ds_model_get(void) { return &kModel; }
