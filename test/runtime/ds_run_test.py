#!/usr/bin/env python3
"""ds-run end to end: .npy and .pb inputs, outputs, --bench, --signature,
errors and exit codes, on the hand-written test models.

    ds_run_test.py --list
    ds_run_test.py --case NAME --ds-run PATH --models DIR --work DIR

Each case is its own ctest test (test/runtime/CMakeLists.txt lists them
with --list).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


class Env:
    def __init__(self, ds_run, models, work):
        self.ds_run = ds_run
        self.models = models
        self.work = work

    def model(self, name):
        return os.path.join(self.models, name + "_model.so")

    def path(self, name):
        return os.path.join(self.work, name)

    def run(self, *args, expect_rc=0):
        proc = subprocess.run([self.ds_run, *args], capture_output=True, text=True,
                              cwd=self.work, timeout=120)
        if proc.returncode != expect_rc:
            raise AssertionError(
                f"ds-run {' '.join(args)}: exit {proc.returncode}, expected "
                f"{expect_rc}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
        return proc

    def fails(self, *args, rc, message):
        """ds-run must exit with `rc` and print `message` on stderr."""
        proc = self.run(*args, expect_rc=rc)
        if message not in proc.stderr:
            raise AssertionError(f"expected {message!r} in stderr:\n{proc.stderr}")
        return proc


def np():
    import numpy
    return numpy


def save_npy(env, name, array, version=None):
    path = env.path(name)
    if version is None:
        np().save(path, array)
    else:
        with open(path, "wb") as f:
            np().lib.format.write_array(f, array, version=version)
    return path


def save_pb(env, name, tensor):
    path = env.path(name)
    with open(path, "wb") as f:
        f.write(tensor.SerializeToString())
    return path


def load_npy(path):
    return np().load(path)


def expect_equal(actual, expected, what):
    n = np()
    if actual.dtype != expected.dtype or actual.shape != expected.shape:
        raise AssertionError(f"{what}: got {actual.dtype} {actual.shape}, expected "
                             f"{expected.dtype} {expected.shape}")
    if not n.array_equal(actual.view(n.uint8), expected.view(n.uint8)):
        raise AssertionError(f"{what}: got {actual}, expected {expected}")


def add_inputs(rows=2):
    n = np()
    x = n.arange(rows * 4, dtype=n.float32).reshape(rows, 4) * 0.5
    y = n.full((rows, 4), 10.0, dtype=n.float32) - n.arange(rows * 4).reshape(rows, 4)
    return x, y.astype(n.float32)


# --- Runs -----------------------------------------------------------------

@case
def npy_named(env):
    x, y = add_inputs(3)
    # Named inputs may come in any order.
    proc = env.run(env.model("add"), "--input", "y=" + save_npy(env, "y.npy", y),
                   "--input", "x=" + save_npy(env, "x.npy", x), "--output-dir", "out")
    expect_equal(load_npy(env.path("out/z.npy")), x + y, "z")
    assert "z: float32 [3, 4] -> out/z.npy" in proc.stdout, proc.stdout


@case
def npy_format_versions(env):
    x, y = add_inputs()
    env.run(env.model("add"), "--input", "x=" + save_npy(env, "x.npy", x, (2, 0)),
            "--input", "y=" + save_npy(env, "y.npy", y, (3, 0)),
            "--output-dir", "nested/out")
    expect_equal(load_npy(env.path("nested/out/z.npy")), x + y, "z")


@case
def pb_positional_raw(env):
    from onnx import numpy_helper
    x, y = add_inputs()
    env.run(env.model("add"),
            "--input", save_pb(env, "x.pb", numpy_helper.from_array(x, "x")),
            "--input", save_pb(env, "y.pb", numpy_helper.from_array(y, "y")),
            "--output-dir", "out")
    expect_equal(load_npy(env.path("out/z.npy")), x + y, "z")


@case
def pb_float_data_and_mixed_binding(env):
    from onnx import TensorProto, helper
    x, y = add_inputs()
    # float_data (packed), bound by name, with y positional from a .npy.
    tx = helper.make_tensor("x", TensorProto.FLOAT, x.shape, x.flatten().tolist())
    assert not tx.raw_data and len(tx.float_data) == 8
    env.run(env.model("add"), "--input", save_npy(env, "y.npy", y),
            "--input", "x=" + save_pb(env, "x.pb", tx), "--output-dir", "out")
    expect_equal(load_npy(env.path("out/z.npy")), x + y, "z")


@case
def outputs_of_every_ownership(env):
    from onnx import TensorProto, helper
    n = np()
    ids = helper.make_tensor("ids", TensorProto.INT64, [4], [5, -6, 7, 1 << 40])
    proc = env.run(env.model("multi"), "--input", save_pb(env, "ids.pb", ids),
                   "--output-dir", "out")
    expected = n.array([5, -6, 7, 1 << 40], dtype=n.int64)
    expect_equal(load_npy(env.path("out/doubled.npy")), expected * 2, "doubled")
    expect_equal(load_npy(env.path("out/echo.npy")), expected, "echo")
    # "table/const" may not make a subfolder.
    expect_equal(load_npy(env.path("out/table_const.npy")),
                 n.array([[0.5, 1.5, 2.5], [3.5, 4.5, 5.5]], dtype=n.float32),
                 "table/const")
    assert "table/const: float32 [2, 3] -> out/table_const.npy" in proc.stdout


def low_precision_dtypes():
    """(input name, ml_dtypes array, ONNX type) for the echo model's float8,
    float4 and e8m0 inputs: an odd count, so that float4 packs a lone half
    byte in a .pb."""
    import ml_dtypes
    from onnx import TensorProto
    n = np()
    floats = n.array([1.5, -2.0, 0.25], dtype=n.float32)
    return [
        ("e4m3fn", floats.astype(ml_dtypes.float8_e4m3fn), TensorProto.FLOAT8E4M3FN),
        ("e4m3fnuz", floats.astype(ml_dtypes.float8_e4m3fnuz),
         TensorProto.FLOAT8E4M3FNUZ),
        ("e5m2", floats.astype(ml_dtypes.float8_e5m2), TensorProto.FLOAT8E5M2),
        ("e5m2fnuz", floats.astype(ml_dtypes.float8_e5m2fnuz),
         TensorProto.FLOAT8E5M2FNUZ),
        ("e2m1", floats.astype(ml_dtypes.float4_e2m1fn), TensorProto.FLOAT4E2M1),
        ("e8m0", n.array([0.5, 2.0, 1024.0], n.float32).astype(ml_dtypes.float8_e8m0fnu),
         TensorProto.FLOAT8E8M0),
    ]


def every_dtype():
    """(input name, numpy array, ONNX type) for each input of the echo model;
    bfloat16 as its uint16 bits, float8, float4 and e8m0 as ml_dtypes arrays
    (ds-run reads and writes their bits as uint8)."""
    from onnx import TensorProto
    n = np()
    floats = n.array([1.5, -2.0, 0.25], dtype=n.float32)
    return low_precision_dtypes() + [
        ("f32", floats, TensorProto.FLOAT),
        ("u8", n.array([0, 200, 255], dtype=n.uint8), TensorProto.UINT8),
        ("i8", n.array([-128, -3, 127], dtype=n.int8), TensorProto.INT8),
        ("u16", n.array([1, 40000, 65535], dtype=n.uint16), TensorProto.UINT16),
        ("i16", n.array([-32768, -5, 300], dtype=n.int16), TensorProto.INT16),
        ("i32", n.array([-(1 << 31), 0, (1 << 31) - 1], dtype=n.int32), TensorProto.INT32),
        ("i64", n.array([-(1 << 62), -1, 1 << 62], dtype=n.int64), TensorProto.INT64),
        ("b", n.array([True, False, True]), TensorProto.BOOL),
        ("f16", floats.astype(n.float16), TensorProto.FLOAT16),
        ("f64", n.array([1e300, -0.5, 3.0], dtype=n.float64), TensorProto.DOUBLE),
        ("u32", n.array([0, 1, (1 << 32) - 1], dtype=n.uint32), TensorProto.UINT32),
        ("u64", n.array([0, 1 << 63, (1 << 64) - 1], dtype=n.uint64), TensorProto.UINT64),
        ("bf16", (floats.view(n.uint32) >> 16).astype(n.uint16), TensorProto.BFLOAT16),
    ]


def bits(array):
    """ml_dtypes arrays as their uint8 bits, as ds-run writes them."""
    low = array.dtype.name.startswith(("float8", "float4"))
    return array.view(np().uint8) if low else array


def check_echo(env):
    for name, array, _ in every_dtype():
        expect_equal(load_npy(env.path(f"out/{name}_out.npy")), bits(array), name)


@case
def every_dtype_npy(env):
    args = []
    for name, array, _ in every_dtype():
        args += ["--input", f"{name}=" + save_npy(env, name + ".npy", bits(array))]
    proc = env.run(env.model("echo"), *args, "--output-dir", "out")
    check_echo(env)
    assert "bf16_out: bfloat16 [3] -> out/bf16_out.npy (bfloat16 written as its " \
           "uint16 bits)" in proc.stdout, proc.stdout
    assert "e2m1_out: float4_e2m1fn [3] -> out/e2m1_out.npy (float4_e2m1fn " \
           "written as its uint8 bits)" in proc.stdout, proc.stdout
    # Printed as numbers.
    proc = env.run(env.model("echo"), *args)
    for name, array, _ in low_precision_dtypes():
        values = ", ".join(f"{v:g}" for v in array.astype(np().float32))
        line = f"{name}_out: {array.dtype.name} [3] = [{values}]"
        assert line in proc.stdout.splitlines(), (line, proc.stdout)


@case
def every_dtype_pb_typed_fields(env):
    from onnx import helper
    n = np()
    args = []
    for name, array, onnx_type in every_dtype():
        if name == "bf16":  # make_tensor takes floats and rounds them itself
            values = n.array([1.5, -2.0, 0.25], dtype=n.float32).tolist()
        elif name == "f16" or array.dtype.name.startswith(("float8", "float4")):
            # float8, float4 (packed two a value) and e8m0 from floats too.
            values = array.astype(n.float32).tolist()
        else:
            values = array.tolist()
        tensor = helper.make_tensor(name, onnx_type, array.shape, values)
        assert not tensor.raw_data, name
        args += ["--input", f"{name}=" + save_pb(env, name + ".pb", tensor)]
    env.run(env.model("echo"), *args, "--output-dir", "out")
    check_echo(env)


@case
def every_dtype_pb_raw(env):
    from onnx import numpy_helper
    args = []
    for name, array, onnx_type in every_dtype():
        tensor = numpy_helper.from_array(array, name)
        if name == "bf16":
            tensor.data_type = onnx_type  # the uint16 bits, relabelled
        args += ["--input", f"{name}=" + save_pb(env, name + ".pb", tensor)]
    env.run(env.model("echo"), *args, "--output-dir", "out")
    check_echo(env)


@case
def error_float4_npy_high_bits(env):
    # One float4 a byte, in the low 4 bits: a byte above 15 is refused.
    args = []
    for name, array, _ in every_dtype():
        data = bits(array)
        if name == "e2m1":
            data = np().array([1, 0x21, 2], np().uint8)
        args += ["--input", f"{name}=" + save_npy(env, name + ".npy", data)]
    env.fails(env.model("echo"), *args, rc=1,
              message="element 1 is 33: float4_e2m1fn holds one element a byte, "
                      "in its low 4 bits")


@case
def print_without_output_dir(env):
    n = np()
    x = n.arange(12, dtype=n.float32).reshape(3, 4)
    y = n.full((3, 4), 0.5, dtype=n.float32)
    proc = env.run(env.model("add"), "--input", "x=" + save_npy(env, "x.npy", x),
                   "--input", "y=" + save_npy(env, "y.npy", y))
    assert proc.stdout == \
        "z: float32 [3, 4] = [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, ...]\n", proc.stdout


@case
def bench(env):
    x, y = add_inputs(64)
    proc = env.run(env.model("add"), "--input", "x=" + save_npy(env, "x.npy", x),
                   "--input", "y=" + save_npy(env, "y.npy", y),
                   "--bench", "7", "--warmup", "2", "--threads", "2")
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("z: float32 [64, 4] = ["), lines
    assert lines[1] == "bench: 7 runs after 2 warmup, 2 threads", lines
    m = re.fullmatch(r"latency: median (\S+) ms, p90 (\S+) ms, mean (\S+) ms, "
                     r"min (\S+) ms", lines[2])
    assert m and len(lines) == 3, lines
    median, p90, mean, low = map(float, m.groups())
    assert 0 <= low <= median <= p90 and low <= mean, lines[2]


@case
def bench_default_threads(env):
    x, y = add_inputs()
    proc = env.run(env.model("add"), "--input", "x=" + save_npy(env, "x.npy", x),
                   "--input", "y=" + save_npy(env, "y.npy", y), "--bench", "1")
    threads = len(os.sched_getaffinity(0))
    assert f"bench: 1 runs after 1 warmup, {threads} threads" in proc.stdout, proc.stdout


@case
def signature(env):
    proc = env.run(env.model("add"), "--signature")
    assert proc.stdout == (
        "model 'add'\n"
        "inputs:\n"
        "  #0 x: float32 [N, 4]\n"
        "  #1 y: float32 [N, 4]\n"
        "outputs:\n"
        "  #0 z: float32 [N, 4]\n"
        "workspace: 0 bytes\n"), proc.stdout


@case
def signature_workspace(env):
    proc = env.run(env.model("scratch"), "--signature")
    assert proc.stdout.endswith("workspace: 1000 bytes\n"), proc.stdout


# --- Errors ---------------------------------------------------------------

@case
def error_fortran_order(env):
    x, y = add_inputs()
    path = save_npy(env, "x.npy", np().asfortranarray(x))
    env.fails(env.model("add"), "--input", "x=" + path,
              "--input", "y=" + save_npy(env, "y.npy", y), rc=1,
              message=f"ds-run: error: '{path}' (input 'x'): Fortran-order arrays "
                      "are not supported")


@case
def error_big_endian(env):
    x, y = add_inputs()
    path = save_npy(env, "x.npy", x.astype(">f4"))
    env.fails(env.model("add"), "--input", "x=" + path,
              "--input", "y=" + save_npy(env, "y.npy", y), rc=1,
              message=f"'{path}' (input 'x'): big-endian data ('>f4') is not "
                      "supported")


@case
def error_dtype(env):
    x, y = add_inputs()
    env.fails(env.model("add"), "--input", "x=" + save_npy(env, "x.npy", x),
              "--input", "y=" + save_npy(env, "y.npy", y.astype(np().float64)), rc=1,
              message="ds-run: error: input 'y' (#1): dtype is float64, the model "
                      "expects float32")


@case
def error_symbolic_dim(env):
    x, _ = add_inputs(2)
    _, y = add_inputs(3)
    env.fails(env.model("add"), "--input", "x=" + save_npy(env, "x.npy", x),
              "--input", "y=" + save_npy(env, "y.npy", y), rc=1,
              message="input 'y' (#1): dim 0 ('N') is 3, but input 'x' (#0) has N = 2")


@case
def error_static_dim(env):
    n = np()
    x = n.zeros((2, 5), dtype=n.float32)
    env.fails(env.model("add"), "--input", "x=" + save_npy(env, "x.npy", x),
              "--input", "y=" + save_npy(env, "y.npy", x), rc=1,
              message="input 'x' (#0): dim 1 is 5, the model expects 4")


@case
def error_input_not_given(env):
    x, _ = add_inputs()
    env.fails(env.model("add"), "--input", "x=" + save_npy(env, "x.npy", x), rc=1,
              message="input #1 y: float32 [N, 4] is not given (--input)")


@case
def error_unknown_input(env):
    x, _ = add_inputs()
    path = save_npy(env, "x.npy", x)
    env.fails(env.model("add"), "--input", "q=" + path, rc=1,
              message=f"--input q={path}: model 'add' has no input named 'q' (its "
                      "inputs: x, y)")


@case
def error_input_twice(env):
    x, _ = add_inputs()
    path = save_npy(env, "x.npy", x)
    env.fails(env.model("add"), "--input", "x=" + path, "--input", "x=" + path, rc=1,
              message="input 'x' is given twice")


@case
def error_too_many_inputs(env):
    x, _ = add_inputs()
    path = save_npy(env, "x.npy", x)
    env.fails(env.model("add"), "--input", path, "--input", path, "--input", path,
              rc=1, message="every input of the model (2) is already given")


@case
def error_missing_file(env):
    env.fails(env.model("add"), "--input", "x=nope.npy", "--input", "y=nope.npy",
              rc=1, message="'nope.npy' (input 'x'): cannot open: No such file or "
                            "directory")


@case
def error_truncated_npy(env):
    x, y = add_inputs()
    path = save_npy(env, "x.npy", x)
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data[:-16])
    env.fails(env.model("add"), "--input", "x=" + path,
              "--input", "y=" + save_npy(env, "y.npy", y), rc=1,
              message="holds 16 bytes of data, its shape needs 32")


@case
def error_shape_larger_than_file(env):
    # Refused before allocating what the shape asks for (4 TiB).
    path = env.path("x.npy")
    with open(path, "wb") as f:
        np().lib.format.write_array_header_1_0(
            f, {"descr": "<f4", "fortran_order": False, "shape": (1 << 40,)})
        f.write(bytes(32))
    env.fails(env.model("add"), "--input", "x=" + path, "--input", "y=" + path,
              rc=1, message="holds 32 bytes of data, its shape needs 4398046511104")


@case
def error_tensor_proto_dims_larger_than_data(env):
    from onnx import numpy_helper
    tensor = numpy_helper.from_array(np().zeros(8, dtype=np().float32), "x")
    tensor.dims[0] = 1 << 40
    path = save_pb(env, "x.pb", tensor)
    env.fails(env.model("add"), "--input", "x=" + path, "--input", "y=" + path,
              rc=1, message="raw_data holds 32 bytes, dims need 4398046511104 of float32")


@case
def error_not_npy(env):
    path = env.path("x.npy")
    with open(path, "w") as f:
        f.write("1,2,3\n")
    env.fails(env.model("add"), "--input", "x=" + path, "--input", "y=" + path,
              rc=1, message=f"'{path}' (input 'x'): not a .npy file")


@case
def error_not_a_tensor_proto(env):
    path = env.path("x.pb")
    with open(path, "wb") as f:
        f.write(b"\x0a\xff\xff\xff")  # field 1, length-delimited, length past the end
    env.fails(env.model("add"), "--input", "x=" + path, "--input", "y=" + path,
              rc=1, message=f"'{path}' (input 'x'): not a TensorProto")


@case
def error_tensor_proto_count(env):
    from onnx import TensorProto, helper
    tensor = helper.make_tensor("x", TensorProto.FLOAT, [2, 4], [1.0] * 8)
    del tensor.float_data[7]
    path = save_pb(env, "x.pb", tensor)
    env.fails(env.model("add"), "--input", "x=" + path, "--input", "y=" + path,
              rc=1, message="holds 7 values of float32, its dims need 8")


@case
def error_tensor_proto_string(env):
    from onnx import TensorProto, helper
    tensor = helper.make_tensor("x", TensorProto.STRING, [1], [b"text"])
    path = save_pb(env, "x.pb", tensor)
    env.fails(env.model("add"), "--input", "x=" + path, "--input", "y=" + path,
              rc=1, message="data_type 8 (STRING) is not supported")


@case
def error_unknown_file_type(env):
    env.fails(env.model("add"), "--input", "x=x.txt", "--input", "y=y.txt", rc=1,
              message="'x.txt' (input 'x'): unknown file type: expected .npy or .pb")


@case
def error_usage(env):
    env.fails(env.model("add"), "--frobnicate", rc=2,
              message="ds-run: unknown option '--frobnicate'")
    env.fails(env.model("add"), "--bench", "0", rc=2,
              message="--bench 0: expected a count >= 1")
    env.fails(env.model("add"), "--threads", "-1", rc=2,
              message="--threads -1: expected 0 to 1024")
    env.fails(env.model("add"), "--input", rc=2, message="--input needs a value")
    env.fails(rc=2, message="no model library given")


@case
def error_model_missing(env):
    env.fails("nope.so", rc=1,
              message="ds-run: error: cannot open model library 'nope.so': No such "
                      "file or directory")


@case
def error_not_a_model(env):
    path = env.model("no_symbol")
    env.fails(path, "--signature", rc=1,
              message=f"'{path}' is not a ds model library: it does not export "
                      "ds_model_get")


@case
def error_abi_version(env):
    env.fails(env.model("bad_abi"), "--signature", rc=1,
              message="was built for model ABI version 3, this runtime reads version 2")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--case")
    parser.add_argument("--ds-run")
    parser.add_argument("--models")
    parser.add_argument("--work")
    args = parser.parse_args()
    if args.list:
        print(";".join(CASES))
        return 0
    if args.case not in CASES:
        print(f"unknown case {args.case!r}", file=sys.stderr)
        return 1
    work = os.path.join(args.work, args.case)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    CASES[args.case](Env(os.path.abspath(args.ds_run), os.path.abspath(args.models), work))
    print(f"{args.case}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
