"""A ctypes binding of the ds runtime's C API (runtime/include/ds/runtime/
runtime.h), for tests and scripts: load a compiled model, run it on numpy
arrays, get numpy arrays back.

    model = Model("model.so", "build/lib/libds_runtime.so")
    outputs = model.run({"x": x}, threads=2)     # list, in signature order
    run = model.bind({"x": x}, threads=2)        # for timing: run() runs once
"""
import ctypes

import numpy as np

__all__ = ["BoundRun", "DsError", "Model"]

_DTYPES = {1: np.float32, 2: np.uint8, 3: np.int8, 4: np.uint16, 5: np.int16,
           6: np.int32, 7: np.int64, 9: np.bool_, 10: np.float16, 11: np.float64,
           12: np.uint32, 13: np.uint64}
try:
    # bfloat16, float8, float4 (one a byte, as the runtime holds it) and e8m0.
    import ml_dtypes
    _DTYPES.update({16: ml_dtypes.bfloat16, 17: ml_dtypes.float8_e4m3fn,
                    18: ml_dtypes.float8_e4m3fnuz, 19: ml_dtypes.float8_e5m2,
                    20: ml_dtypes.float8_e5m2fnuz, 23: ml_dtypes.float4_e2m1fn,
                    24: ml_dtypes.float8_e8m0fnu})
except ImportError:
    pass
_CODES = {np.dtype(v): k for k, v in _DTYPES.items()}


class DsError(Exception):
    """A DsStatus from the runtime: `code` is its name, the message its text."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code


class _Spec(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("dtype", ctypes.c_int32),
                ("rank", ctypes.c_size_t), ("dims", ctypes.POINTER(ctypes.c_int64)),
                ("dim_names", ctypes.POINTER(ctypes.c_char_p))]


class _RunOptions(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_size_t), ("num_threads", ctypes.c_int32)]


def _load_runtime(path):
    lib = ctypes.CDLL(path)
    vp, sz = ctypes.c_void_p, ctypes.c_size_t
    for name, res, args in [
        ("ds_status_code", ctypes.c_int32, [vp]),
        ("ds_status_message", ctypes.c_char_p, [vp]),
        ("ds_status_code_name", ctypes.c_char_p, [ctypes.c_int32]),
        ("ds_status_free", None, [vp]),
        ("ds_tensor_wrap", vp, [ctypes.c_int32, ctypes.POINTER(ctypes.c_int64), sz,
                                vp, sz, ctypes.POINTER(vp)]),
        ("ds_tensor_free", None, [vp]),
        ("ds_tensor_dtype", ctypes.c_int32, [vp]),
        ("ds_tensor_rank", sz, [vp]),
        ("ds_tensor_dims", ctypes.POINTER(ctypes.c_int64), [vp]),
        ("ds_tensor_data", vp, [vp]),
        ("ds_tensor_byte_size", sz, [vp]),
        ("ds_model_load", vp, [ctypes.c_char_p, ctypes.POINTER(vp)]),
        ("ds_model_free", None, [vp]),
        ("ds_model_num_inputs", sz, [vp]),
        ("ds_model_num_outputs", sz, [vp]),
        ("ds_model_input", ctypes.POINTER(_Spec), [vp, sz]),
        ("ds_model_output", ctypes.POINTER(_Spec), [vp, sz]),
        ("ds_run_options_init", None, [ctypes.POINTER(_RunOptions)]),
        ("ds_model_run", vp, [vp, ctypes.POINTER(_RunOptions), ctypes.POINTER(vp), sz,
                              ctypes.POINTER(vp), sz]),
    ]:
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = res, args
    return lib


class Model:
    """A compiled model loaded through the runtime library at `runtime`."""

    def __init__(self, path, runtime):
        self._rt = _load_runtime(runtime)
        handle = ctypes.c_void_p()
        self._check(self._rt.ds_model_load(path.encode(), ctypes.byref(handle)))
        self._handle = handle

    def _check(self, status):
        if status:
            code = self._rt.ds_status_code_name(self._rt.ds_status_code(status))
            message = self._rt.ds_status_message(status).decode()
            self._rt.ds_status_free(status)
            raise DsError(code.decode(), message)

    def _specs(self, count, get):
        specs = []
        for i in range(count(self._handle)):
            s = get(self._handle, i).contents
            specs.append((s.name.decode(), s.dtype,
                          [s.dims[k] for k in range(s.rank)]))
        return specs

    @property
    def inputs(self):
        """[(name, dtype code, dims with -1 for dynamic)] in order."""
        return self._specs(self._rt.ds_model_num_inputs, self._rt.ds_model_input)

    @property
    def outputs(self):
        return self._specs(self._rt.ds_model_num_outputs, self._rt.ds_model_output)

    def run(self, feeds, threads=0, arrays=None):
        """Runs on `feeds` ({name: array}, or `arrays` in signature order,
        wrapped as they are: any dtype, shape or count goes to the runtime's
        checks). Returns the outputs as numpy arrays."""
        if arrays is None:
            arrays = [feeds[name] for name, _, _ in self.inputs]
        # np.require keeps rank 0 (np.ascontiguousarray makes it 1-D).
        arrays = [np.require(a, requirements='C') for a in arrays]
        tensors = []
        try:
            for a in arrays:
                t = ctypes.c_void_p()
                dims = (ctypes.c_int64 * max(1, a.ndim))(*a.shape)
                self._check(self._rt.ds_tensor_wrap(
                    _CODES.get(a.dtype, 0), dims, a.ndim, a.ctypes.data, a.nbytes,
                    ctypes.byref(t)))
                tensors.append(t)
            n_out = self._rt.ds_model_num_outputs(self._handle)
            ins = (ctypes.c_void_p * max(1, len(tensors)))(*[t.value for t in tensors])
            outs = (ctypes.c_void_p * max(1, n_out))()
            options = _RunOptions()
            self._rt.ds_run_options_init(ctypes.byref(options))
            options.num_threads = threads
            self._check(self._rt.ds_model_run(self._handle, ctypes.byref(options), ins,
                                              len(tensors), outs, n_out))
        finally:
            for t in tensors:
                self._rt.ds_tensor_free(t)
        results = []
        for j in range(n_out):
            t = outs[j]
            rank = self._rt.ds_tensor_rank(t)
            dims = self._rt.ds_tensor_dims(t)
            shape = tuple(dims[k] for k in range(rank))
            dtype = np.dtype(_DTYPES[self._rt.ds_tensor_dtype(t)])
            size = self._rt.ds_tensor_byte_size(t)
            data = ctypes.string_at(self._rt.ds_tensor_data(t), size) if size else b""
            results.append(np.frombuffer(data, dtype).reshape(shape).copy())
            self._rt.ds_tensor_free(t)
        return results

    def bind(self, feeds, threads=0):
        """A `BoundRun` of this model on `feeds` ({name: array}) with
        `threads`: the inputs are wrapped once, and each call is one
        ds_model_run whose outputs are freed unread, which is what a
        benchmark wants to time."""
        return BoundRun(self, feeds, threads)

    def __del__(self):
        if getattr(self, "_handle", None):
            self._rt.ds_model_free(self._handle)
            self._handle = None


class BoundRun:
    """One model, its inputs wrapped and its run options set: calling it
    runs the model once and frees the outputs. The arrays must not change
    shape while it lives; close() (or the garbage collector) frees the
    wrappers. Holds its model, so the model outlives it."""

    def __init__(self, model, feeds, threads):
        self._model = model
        rt = model._rt
        self._arrays = [np.require(feeds[name], requirements='C')
                        for name, _, _ in model.inputs]
        self._tensors = []
        for a in self._arrays:
            t = ctypes.c_void_p()
            dims = (ctypes.c_int64 * max(1, a.ndim))(*a.shape)
            model._check(rt.ds_tensor_wrap(_CODES.get(a.dtype, 0), dims, a.ndim,
                                           a.ctypes.data, a.nbytes, ctypes.byref(t)))
            self._tensors.append(t)
        self._ins = (ctypes.c_void_p * max(1, len(self._tensors)))(
            *[t.value for t in self._tensors])
        self._n_out = rt.ds_model_num_outputs(model._handle)
        self._outs = (ctypes.c_void_p * max(1, self._n_out))()
        self._options = _RunOptions()
        rt.ds_run_options_init(ctypes.byref(self._options))
        self._options.num_threads = threads

    def __call__(self):
        model, rt = self._model, self._model._rt
        model._check(rt.ds_model_run(model._handle, ctypes.byref(self._options),
                                     self._ins, len(self._tensors), self._outs,
                                     self._n_out))
        for j in range(self._n_out):
            rt.ds_tensor_free(self._outs[j])
            self._outs[j] = None

    def close(self):
        for t in getattr(self, "_tensors", []):
            self._model._rt.ds_tensor_free(t)
        self._tensors = []

    def __del__(self):
        self.close()
