/*===- libm_host.c - A model's libm calls, with the runtime loaded locally -===*
 *
 * Part of ds.
 *
 *   libm_host RUNTIME.so EXP_MODEL.so
 *
 * A C program without libm that dlopens the runtime with RTLD_LOCAL (as a
 * Python binding or a plugin host would) and runs the "exp" test model,
 * which calls expf but has no DT_NEEDED entry for libm. Without the
 * runtime's care, libm would sit in the runtime's local scope only and the
 * model would fail to load with "undefined symbol: expf".
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "ds/runtime/runtime.h"

#include <dlfcn.h>
#include <stdio.h>

typedef DsStatus *(*LoadFn)(const char *, DsModel **);
typedef DsStatus *(*WrapFn)(DsDType, const int64_t *, size_t, void *, size_t,
                            DsTensor **);
typedef DsStatus *(*RunFn)(const DsModel *, const DsRunOptions *,
                           DsTensor *const *, size_t, DsTensor **, size_t);
typedef const char *(*MessageFn)(const DsStatus *);
typedef void *(*DataFn)(const DsTensor *);

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: libm_host RUNTIME.so EXP_MODEL.so\n");
    return 2;
  }
  /* The premise: nothing global provides expf yet. */
  if (dlsym(RTLD_DEFAULT, "expf")) {
    fprintf(stderr, "libm is already global in this process: test is void\n");
    return 1;
  }
  void *runtime = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!runtime) {
    fprintf(stderr, "cannot load the runtime: %s\n", dlerror());
    return 1;
  }
  LoadFn load = (LoadFn)dlsym(runtime, "ds_model_load");
  WrapFn wrap = (WrapFn)dlsym(runtime, "ds_tensor_wrap");
  RunFn run = (RunFn)dlsym(runtime, "ds_model_run");
  MessageFn message = (MessageFn)dlsym(runtime, "ds_status_message");
  DataFn data = (DataFn)dlsym(runtime, "ds_tensor_data");
  if (!load || !wrap || !run || !message || !data) {
    fprintf(stderr, "the runtime lacks a function\n");
    return 1;
  }

  DsModel *model = NULL;
  DsStatus *status = load(argv[2], &model);
  if (status) {
    fprintf(stderr, "ds_model_load: %s\n", message(status));
    return 1;
  }
  float x[2] = {0.0f, 1.0f};
  int64_t dims[1] = {2};
  DsTensor *input = NULL, *output = NULL;
  if ((status = wrap(DS_DTYPE_FLOAT32, dims, 1, x, sizeof x, &input)) ||
      (status = run(model, NULL, &input, 1, &output, 1))) {
    fprintf(stderr, "run: %s\n", message(status));
    return 1;
  }
  const float *y = (const float *)data(output);
  /* exp(0) = 1 and exp(1) = e, to float precision. */
  if (y[0] != 1.0f || y[1] < 2.71828f || y[1] > 2.71829f) {
    fprintf(stderr, "wrong values: %g %g\n", y[0], y[1]);
    return 1;
  }
  printf("expf from the model: %g %g\n", y[0], y[1]);
  return 0;
}
