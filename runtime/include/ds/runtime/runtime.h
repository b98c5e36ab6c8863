/*===- runtime.h - The ds runtime C API -----------------------------------===*
 *
 * Part of ds.
 *
 * Loads a model library made by `ds-compile --emit=so` and runs it. Plain C
 * (C99 and C++); see docs/runtime.md for the rules in full.
 *
 * - Errors: a function that can fail returns `DsStatus *`, NULL on success.
 *   A non-NULL status belongs to the caller, who frees it with
 *   ds_status_free().
 * - Ownership: what a `_create`, `_load` or `ds_model_run` hands out belongs
 *   to the caller and is freed with the matching `_free`; every `_free`
 *   accepts NULL. Pointers returned by queries (names, dims, specs) live as
 *   long as the object they were read from.
 * - Threads: a DsModel may be run from several threads at once; a DsTensor
 *   may be read by several runs at once, written by one thread at a time.
 *===----------------------------------------------------------------------===*/

#ifndef DS_RUNTIME_RUNTIME_H
#define DS_RUNTIME_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#if defined(DS_RUNTIME_BUILD)
#define DS_API __attribute__((visibility("default")))
#else
#define DS_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*===--- Status -----------------------------------------------------------===*/

typedef enum DsStatusCode {
  DS_STATUS_OK = 0,
  /** A NULL or out-of-range argument, or an input that does not fit the
   *  model's signature. */
  DS_STATUS_INVALID_ARGUMENT = 1,
  /** A file that does not exist or cannot be read; a name the model lacks. */
  DS_STATUS_NOT_FOUND = 2,
  /** A file that is not a ds model library for this runtime: not loadable,
   *  no `ds_model_get`, another model ABI version, a malformed descriptor. */
  DS_STATUS_INCOMPATIBLE = 3,
  DS_STATUS_OUT_OF_MEMORY = 4,
  /** The model broke its contract (bad output dims), or a runtime bug. */
  DS_STATUS_INTERNAL = 5
} DsStatusCode;

typedef struct DsStatus DsStatus;

/** The code of `status`; DS_STATUS_OK for NULL. */
DS_API DsStatusCode ds_status_code(const DsStatus *status);
/** The message of `status`, "" for NULL. Valid until the status is freed. */
DS_API const char *ds_status_message(const DsStatus *status);
/** "ok", "invalid argument", "not found", ... */
DS_API const char *ds_status_code_name(DsStatusCode code);
DS_API void ds_status_free(DsStatus *status);

/*===--- Element types ----------------------------------------------------===*/

/** Element types, numbered as ONNX's TensorProto.DataType (and as the
 *  DS_ABI_* constants of model_abi.h). */
typedef int32_t DsDType;
enum {
  DS_DTYPE_FLOAT32 = 1,
  DS_DTYPE_UINT8 = 2,
  DS_DTYPE_INT8 = 3,
  DS_DTYPE_UINT16 = 4,
  DS_DTYPE_INT16 = 5,
  DS_DTYPE_INT32 = 6,
  DS_DTYPE_INT64 = 7,
  DS_DTYPE_BOOL = 9, /* one byte per element, 0 or 1 */
  DS_DTYPE_FLOAT16 = 10,
  DS_DTYPE_FLOAT64 = 11,
  DS_DTYPE_UINT32 = 12,
  DS_DTYPE_UINT64 = 13,
  DS_DTYPE_BFLOAT16 = 16,
  /* ONNX's float8, float4 and e8m0 formats, one byte per element holding
   * its bits. FLOAT4E2M1 is not packed here (ONNX packs two to a byte):
   * its 4 bits are the low bits of the byte, the high bits 0. */
  DS_DTYPE_FLOAT8E4M3FN = 17,
  DS_DTYPE_FLOAT8E4M3FNUZ = 18,
  DS_DTYPE_FLOAT8E5M2 = 19,
  DS_DTYPE_FLOAT8E5M2FNUZ = 20,
  DS_DTYPE_FLOAT4E2M1 = 23,
  DS_DTYPE_FLOAT8E8M0 = 24
};

/** Bytes per element; 0 for a value that is no DsDType. */
DS_API size_t ds_dtype_size(DsDType dtype);
/** "float32", "int64", "bool", "bfloat16", "float8_e4m3fn", ... (the names
 *  of numpy and ml_dtypes); "unknown" otherwise. */
DS_API const char *ds_dtype_name(DsDType dtype);

/*===--- Tensors ----------------------------------------------------------===*/

/** A dense, row-major array with its dtype and dims. */
typedef struct DsTensor DsTensor;

/** A tensor that owns `product(dims)` zeroed elements, 64-byte aligned.
 *  Dims must be >= 0; rank 0 is a scalar. */
DS_API DsStatus *ds_tensor_create(DsDType dtype, const int64_t *dims,
                                  size_t rank, DsTensor **out);
/** A tensor over the caller's `data` (`byte_size` bytes), which must outlive
 *  it. The dims are recorded as given: ds_model_run checks them, and that
 *  `byte_size` covers them. */
DS_API DsStatus *ds_tensor_wrap(DsDType dtype, const int64_t *dims, size_t rank,
                                void *data, size_t byte_size, DsTensor **out);
DS_API void ds_tensor_free(DsTensor *tensor);

DS_API DsDType ds_tensor_dtype(const DsTensor *tensor);
DS_API size_t ds_tensor_rank(const DsTensor *tensor);
/** `rank` entries (NULL for rank 0). */
DS_API const int64_t *ds_tensor_dims(const DsTensor *tensor);
DS_API void *ds_tensor_data(const DsTensor *tensor);
DS_API size_t ds_tensor_byte_size(const DsTensor *tensor);
/** The product of the dims (1 for a scalar); 0 if a dim is negative. */
DS_API int64_t ds_tensor_num_elements(const DsTensor *tensor);

/*===--- Models -----------------------------------------------------------===*/

typedef struct DsModel DsModel;

/** One input or output of a model. */
typedef struct DsTensorSpec {
  const char *name;
  DsDType dtype;
  size_t rank;
  /** `rank` entries; -1 marks a dim known only at run time. */
  const int64_t *dims;
  /** `rank` entries: the symbolic name of a dynamic dim ("batch") or "".
   *  Inputs sharing a name must agree on its value. */
  const char *const *dim_names;
} DsTensorSpec;

/** Loads the model library at `path` (a file path: a bare name is relative
 *  to the current directory, never searched for). */
DS_API DsStatus *ds_model_load(const char *path, DsModel **out);
/** Outputs of earlier runs stay valid after the model is freed. Must not
 *  run concurrently with a ds_model_run on the same model. */
DS_API void ds_model_free(DsModel *model);

/** The model's (graph's) name. */
DS_API const char *ds_model_name(const DsModel *model);
DS_API size_t ds_model_num_inputs(const DsModel *model);
DS_API size_t ds_model_num_outputs(const DsModel *model);
/** The spec of input/output `index`; NULL when out of range. */
DS_API const DsTensorSpec *ds_model_input(const DsModel *model, size_t index);
DS_API const DsTensorSpec *ds_model_output(const DsModel *model, size_t index);
/** The bytes of scratch memory one run of the model uses for its
 *  temporary tensors (its static memory plan; 0 when it has none). The
 *  runtime keeps one such workspace per concurrent run and reuses it, so
 *  that steady-state runs allocate nothing for them. */
DS_API uint64_t ds_model_workspace_bytes(const DsModel *model);
/** The index of the input/output called `name` (DS_STATUS_NOT_FOUND). */
DS_API DsStatus *ds_model_input_index(const DsModel *model, const char *name,
                                      size_t *index);
DS_API DsStatus *ds_model_output_index(const DsModel *model, const char *name,
                                       size_t *index);

/*===--- Running ----------------------------------------------------------===*/

typedef struct DsRunOptions {
  /** sizeof(DsRunOptions) as the caller knows it; set by
   *  ds_run_options_init. Lets later fields be added compatibly. */
  size_t struct_size;
  /** Threads a run may use, the calling thread included; 0 means
   *  ds_default_num_threads(). At most DS_MAX_THREADS. */
  int32_t num_threads;
} DsRunOptions;

#define DS_MAX_THREADS 1024

/** Fills `options` with the defaults (num_threads 0). */
DS_API void ds_run_options_init(DsRunOptions *options);
/** The hardware threads of the machine (at least 1). */
DS_API int32_t ds_default_num_threads(void);

/** Runs `model` once. `inputs` holds one tensor per model input, in
 *  signature order; they are checked (count, dtype, rank, dims, symbolic
 *  dims, data size) before the model sees them. On success `outputs[j]`
 *  receives a new tensor for output j, owned by the caller; on failure
 *  every `outputs[j]` is NULL. `options` may be NULL (the defaults). */
DS_API DsStatus *ds_model_run(const DsModel *model, const DsRunOptions *options,
                              DsTensor *const *inputs, size_t num_inputs,
                              DsTensor **outputs, size_t num_outputs);

#ifdef __cplusplus
}
#endif

#endif /* DS_RUNTIME_RUNTIME_H */
