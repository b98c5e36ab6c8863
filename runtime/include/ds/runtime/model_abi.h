/*===- model_abi.h - Contract between compiled models and the runtime -----===*
 *
 * Part of ds.
 *
 * A library made by `ds-compile --emit=so` exports one C function,
 * `ds_model_get`, that returns a description of the model and its entry
 * points. The runtime (ds/runtime/runtime.h) is the usual client; this
 * header is the contract, and ds-compile's code generator produces exactly
 * these layouts for the target it compiles for (pointer sizes follow the
 * target, so a 32-bit ARM library has 4-byte pointers here).
 *
 * Nothing in a compiled model is global mutable state except the
 * `parallel_for` slot, which the runtime writes once after loading: `run`
 * is reentrant and may be called from several threads at once, each call
 * with its own workspace.
 *===----------------------------------------------------------------------===*/

#ifndef DS_RUNTIME_MODEL_ABI_H
#define DS_RUNTIME_MODEL_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on any incompatible change of the structures below. */
#define DS_MODEL_ABI_VERSION 2u
/* The one symbol a compiled model exports. */
#define DS_MODEL_ENTRY_SYMBOL "ds_model_get"

/* Element types. The numbering is ONNX's TensorProto.DataType. */
enum {
  DS_ABI_FLOAT = 1,
  DS_ABI_UINT8 = 2,
  DS_ABI_INT8 = 3,
  DS_ABI_UINT16 = 4,
  DS_ABI_INT16 = 5,
  DS_ABI_INT32 = 6,
  DS_ABI_INT64 = 7,
  DS_ABI_BOOL = 9, /* one byte per element, 0 or 1 */
  DS_ABI_FLOAT16 = 10,
  DS_ABI_DOUBLE = 11,
  DS_ABI_UINT32 = 12,
  DS_ABI_UINT64 = 13,
  DS_ABI_BFLOAT16 = 16,
  /* ONNX's float8, float4 and e8m0 formats, one byte per element (their
   * bits; FLOAT4E2M1 in the low 4 bits, the high 4 bits 0: not packed). */
  DS_ABI_FLOAT8E4M3FN = 17,
  DS_ABI_FLOAT8E4M3FNUZ = 18,
  DS_ABI_FLOAT8E5M2 = 19,
  DS_ABI_FLOAT8E5M2FNUZ = 20,
  DS_ABI_FLOAT4E2M1 = 23,
  DS_ABI_FLOAT8E8M0 = 24
};

/* One input or output of the model. */
typedef struct DsAbiTensor {
  const char *name;             /* the ONNX value name */
  int32_t dtype;                /* DS_ABI_* */
  int32_t rank;
  const int64_t *dims;          /* `rank` entries; -1 marks a dynamic dim */
  const char *const *dim_names; /* `rank` entries: the symbolic name of a
                                   dynamic dim ("batch"), or "" */
} DsAbiTensor;

/* A chunk of a parallel loop: iterations [begin, end) of the loop whose
 * captured values `ctx` points to. */
typedef void (*DsAbiTaskFn)(void *ctx, int64_t begin, int64_t end);

/* Runs fn over [0, count), split into chunks over the caller's threads,
 * and returns when every chunk has run. The runtime provides it; it may
 * run everything on the calling thread. */
typedef void (*DsAbiParallelForFn)(DsAbiTaskFn fn, void *ctx, int64_t count);

/* Runs the model once.
 * - inputs[i]: the data of input i, dense and row-major, with the dims
 *   input_dims[o_i .. o_i + rank_i), where o_i is the sum of the ranks of
 *   the inputs before i. The caller has checked dtypes, ranks and static
 *   dims against `inputs` below; the code trusts them.
 * - On return, outputs[j] points to the data of output j (dense,
 *   row-major), its dims are output_dims[p_j .. p_j + rank_j) (p_j as for
 *   the inputs), and output_allocs[j] is the block to give to `release`
 *   when the caller is done with it. If output_allocs[j] is NULL, the data
 *   is not the caller's (a constant of the library, or one of the inputs):
 *   the caller copies it before the library is unloaded or the input is
 *   freed.
 * - workspace: at least `workspace_bytes` (DsAbiModel) bytes, 64-byte
 *   aligned, for the model's temporary buffers; its contents need not be
 *   initialized and are garbage afterwards. No two calls that run at the
 *   same time may share one. Unused (may be NULL) when workspace_bytes is
 *   0. */
typedef void (*DsAbiRunFn)(void *const *inputs, const int64_t *input_dims,
                           void **outputs, void **output_allocs,
                           int64_t *output_dims, void *workspace);

typedef struct DsAbiModel {
  uint32_t abi_version; /* DS_MODEL_ABI_VERSION */
  uint32_t num_inputs;
  uint32_t num_outputs;
  uint32_t reserved; /* 0 */
  const char *name;  /* the model's (graph's) name */
  const DsAbiTensor *inputs;
  const DsAbiTensor *outputs;
  DsAbiRunFn run;
  void (*release)(void *alloc); /* frees an output block */
  /* The slot the runtime fills with its parallel_for after loading, before
   * the first run. While it is NULL, loops run on the calling thread. */
  DsAbiParallelForFn *parallel_for;
  /* The size of the workspace each call of `run` needs (version 2). */
  uint64_t workspace_bytes;
} DsAbiModel;

/* Exported by every compiled model. */
const DsAbiModel *ds_model_get(void);

#ifdef __cplusplus
}
#endif

#endif /* DS_RUNTIME_MODEL_ABI_H */
