/*===- add_model.c - Test model: z = x + y over rows ----------------------===*
 *
 * Part of ds.
 *
 * "add": x, y: float32 [N, 4] -> z: float32 [N, 4], one parallel_for
 * iteration per row.
 *===----------------------------------------------------------------------===*/

#include "fake_model.h"

static const int64_t kDims[] = {-1, 4};
static const char *const kDimNames[] = {"N", ""};

static const DsAbiTensor kInputs[] = {
    {"x", DS_ABI_FLOAT, 2, kDims, kDimNames},
    {"y", DS_ABI_FLOAT, 2, kDims, kDimNames},
};
static const DsAbiTensor kOutputs[] = {
    {"z", DS_ABI_FLOAT, 2, kDims, kDimNames},
};

typedef struct {
  const float *x, *y;
  float *z;
} AddCtx;

static void add_rows(void *opaque, int64_t begin, int64_t end) {
  AddCtx *ctx = (AddCtx *)opaque;
  for (int64_t i = begin * 4; i < end * 4; ++i)
    ctx->z[i] = ctx->x[i] + ctx->y[i];
}

static void run(void *const *inputs, const int64_t *input_dims, void **outputs,
                void **output_allocs, int64_t *output_dims, void *workspace) {
  (void)workspace;
  int64_t rows = input_dims[0];
  float *z = (float *)fake_alloc((size_t)rows * 4 * sizeof(float));
  AddCtx ctx = {(const float *)inputs[0], (const float *)inputs[1], z};
  fake_parallel_for(add_rows, &ctx, rows);
  outputs[0] = z;
  output_allocs[0] = z;
  output_dims[0] = rows;
  output_dims[1] = 4;
}

static const DsAbiModel kModel = {DS_MODEL_ABI_VERSION,
                                  2,
                                  1,
                                  0,
                                  "add",
                                  kInputs,
                                  kOutputs,
                                  run,
                                  fake_release,
                                  &fake_parallel_for_slot,
                                  0};

FAKE_EXPORT const DsAbiModel *ds_model_get(void) { return &kModel; }
