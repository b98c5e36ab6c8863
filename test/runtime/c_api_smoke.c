/*===- c_api_smoke.c - runtime.h from C99 ---------------------------------===*
 *
 * Part of ds.
 *
 * Compiled as strict C99 (-std=c99 -pedantic-errors), which proves that
 * runtime.h is C. RuntimeTest calls it with the "add" model.
 *===----------------------------------------------------------------------===*/

#include "ds/runtime/runtime.h"

#include <string.h>

/* Loads `path`, runs x + y on a [2, 4] pair, returns 0 when z is right,
 * otherwise a line number; `error` receives a status message. */
int ds_c_api_smoke(const char *path, char *error, size_t error_size) {
  DsModel *model = NULL;
  DsTensor *inputs[2] = {NULL, NULL};
  DsTensor *output = NULL;
  DsRunOptions options;
  DsStatus *status;
  int64_t dims[2] = {2, 4};
  float x[8], y[8];
  const float *z;
  int result = 0, i;

  error[0] = '\0';
  for (i = 0; i < 8; ++i) {
    x[i] = (float)i;
    y[i] = 10.0f * (float)i;
  }
  ds_run_options_init(&options);
  options.num_threads = 2;
  if ((status = ds_model_load(path, &model)) ||
      (status = ds_tensor_wrap(DS_DTYPE_FLOAT32, dims, 2, x, sizeof x,
                               &inputs[0])) ||
      (status = ds_tensor_wrap(DS_DTYPE_FLOAT32, dims, 2, y, sizeof y,
                               &inputs[1])) ||
      (status = ds_model_run(model, &options, inputs, 2, &output, 1))) {
    strncpy(error, ds_status_message(status), error_size - 1);
    error[error_size - 1] = '\0';
    ds_status_free(status);
    result = __LINE__;
  } else {
    z = (const float *)ds_tensor_data(output);
    for (i = 0; i < 8 && !result; ++i)
      if (z[i] != 11.0f * (float)i)
        result = __LINE__;
  }
  ds_tensor_free(output);
  ds_tensor_free(inputs[0]);
  ds_tensor_free(inputs[1]);
  ds_model_free(model);
  return result;
}
