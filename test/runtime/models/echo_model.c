/*===- echo_model.c - Test model: every dtype, returned as is -------------===*
 *
 * Part of ds.
 *
 * "echo": one rank-1 input of each element type the ABI knows, each
 * returned unchanged as the output of the same name with "_out" appended
 * (output_allocs NULL: the runtime copies). Exercises ds-run's readers and
 * writer for every dtype.
 *===----------------------------------------------------------------------===*/

#include "fake_model.h"

static const int64_t kDims[] = {-1};
static const char *const kDimNames[] = {""};

#define PORT(name, dtype)                                                      \
  { name, dtype, 1, kDims, kDimNames }
static const DsAbiTensor kInputs[] = {
    PORT("f32", DS_ABI_FLOAT),    PORT("u8", DS_ABI_UINT8),
    PORT("i8", DS_ABI_INT8),      PORT("u16", DS_ABI_UINT16),
    PORT("i16", DS_ABI_INT16),    PORT("i32", DS_ABI_INT32),
    PORT("i64", DS_ABI_INT64),    PORT("b", DS_ABI_BOOL),
    PORT("f16", DS_ABI_FLOAT16),  PORT("f64", DS_ABI_DOUBLE),
    PORT("u32", DS_ABI_UINT32),   PORT("u64", DS_ABI_UINT64),
    PORT("bf16", DS_ABI_BFLOAT16),
    PORT("e4m3fn", DS_ABI_FLOAT8E4M3FN),
    PORT("e4m3fnuz", DS_ABI_FLOAT8E4M3FNUZ),
    PORT("e5m2", DS_ABI_FLOAT8E5M2),
    PORT("e5m2fnuz", DS_ABI_FLOAT8E5M2FNUZ),
    PORT("e2m1", DS_ABI_FLOAT4E2M1),
    PORT("e8m0", DS_ABI_FLOAT8E8M0)};
static const DsAbiTensor kOutputs[] = {
    PORT("f32_out", DS_ABI_FLOAT),    PORT("u8_out", DS_ABI_UINT8),
    PORT("i8_out", DS_ABI_INT8),      PORT("u16_out", DS_ABI_UINT16),
    PORT("i16_out", DS_ABI_INT16),    PORT("i32_out", DS_ABI_INT32),
    PORT("i64_out", DS_ABI_INT64),    PORT("b_out", DS_ABI_BOOL),
    PORT("f16_out", DS_ABI_FLOAT16),  PORT("f64_out", DS_ABI_DOUBLE),
    PORT("u32_out", DS_ABI_UINT32),   PORT("u64_out", DS_ABI_UINT64),
    PORT("bf16_out", DS_ABI_BFLOAT16),
    PORT("e4m3fn_out", DS_ABI_FLOAT8E4M3FN),
    PORT("e4m3fnuz_out", DS_ABI_FLOAT8E4M3FNUZ),
    PORT("e5m2_out", DS_ABI_FLOAT8E5M2),
    PORT("e5m2fnuz_out", DS_ABI_FLOAT8E5M2FNUZ),
    PORT("e2m1_out", DS_ABI_FLOAT4E2M1),
    PORT("e8m0_out", DS_ABI_FLOAT8E8M0)};
#define COUNT (sizeof kInputs / sizeof kInputs[0])

static void run(void *const *inputs, const int64_t *input_dims, void **outputs,
                void **output_allocs, int64_t *output_dims, void *workspace) {
  (void)workspace;
  for (unsigned i = 0; i < COUNT; ++i) {
    outputs[i] = inputs[i];
    output_allocs[i] = 0;
    output_dims[i] = input_dims[i];
  }
}

static const DsAbiModel kModel = {
    DS_MODEL_ABI_VERSION, COUNT, COUNT, 0, "echo", kInputs, kOutputs, run,
    fake_release,         0,     0};

FAKE_EXPORT const DsAbiModel *ds_model_get(void) { return &kModel; }
