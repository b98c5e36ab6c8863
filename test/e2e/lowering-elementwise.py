# Elementwise lowerings that the ONNX node tests do not reach, compiled by
# ds-compile and run through the runtime's C API against numpy: unsigned
# integer arithmetic and comparisons past 2^63, integer Sign, Mod, PRelu and
# Pow (wrapping, negative exponents), Clip on uint8, Cast between signed and
# unsigned types, BitShift by the width or more, BitwiseNot, IsInf with one
# sign, float Sign of NaN and zeros; with a dynamic batch size.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: integers: ok
# CHECK: unsigned: ok
# CHECK: casts: ok
# CHECK: floats: ok
import os
import subprocess
import sys

import numpy as np
from onnx import TensorProto, helper

from ds_runtime import Model
from onnx_test_models import save, value

out, bin_dir, runtime = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
T = TensorProto


def compile_model(name, nodes, inputs, outputs, opset=21):
    path = os.path.join(out, name + ".onnx")
    lib = os.path.join(out, name + ".so")
    save(path, nodes, inputs, outputs, opset=opset)
    subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib], check=True)
    return Model(lib, runtime)


def check(name, model, feeds, wants):
    for threads in (1, 2):
        got = model.run(feeds, threads=threads)
        for output, g, w in zip(model.outputs, got, wants):
            w = np.asarray(w)
            assert g.dtype == w.dtype, (name, output, g.dtype, w.dtype)
            assert g.shape == w.shape, (name, output, g.shape, w.shape)
            if w.dtype.kind == "f":
                np.testing.assert_allclose(g, w, rtol=1e-6, atol=0, equal_nan=True,
                                           err_msg=f"{name} {output}")
                assert (np.signbit(g) == np.signbit(w)).all(), (name, output, g, w)
            else:
                assert np.array_equal(g, w), (name, output, g, w)
    print(f"{name}: ok")


def node(op, inputs, output, **attrs):
    return helper.make_node(op, inputs, [output], **attrs)


# Signed integers: the batch dimension N is dynamic.
a = np.array([[-7, 7, -7, 7, 0, -128], [5, -5, 3, -3, 9, 100]], np.int32)
b = np.array([[3, 3, -3, -3, 4, 7], [-2, 2, -5, 5, 1, -9]], np.int32)
base = np.array([[2, 3, -2, -1, 1, 0], [-1, 1, 2, 5, 3, -3]], np.int64)
exponent = np.array([[10, 41, 63, 7, -5, 3], [-4, -3, -2, 0, 40, 39]], np.int64)


def int_pow(x, e):
    """numpy's wrapping integer power, with ONNX-style truncated 1 / x^|e|."""
    result = np.ones_like(x)
    for i in np.ndindex(x.shape):
        if e[i] >= 0:
            with np.errstate(over="ignore"):
                result[i] = np.power(x[i], e[i])
        else:
            result[i] = x[i] ** (-e[i]) if abs(x[i]) == 1 else 0
    return result


model = compile_model("integers", [
    node("Sign", ["a"], "sign"),
    node("Mod", ["a", "b"], "mod"),
    node("Mod", ["a", "b"], "fmod", fmod=1),
    node("PRelu", ["a", "b"], "prelu"),
    node("Pow", ["base", "exponent"], "pow"),
    node("Div", ["a", "b"], "div"),
], [value("a", T.INT32, ["N", 6]), value("b", T.INT32, ["N", 6]),
    value("base", T.INT64, ["N", 6]), value("exponent", T.INT64, ["N", 6])],
   [value(n, t, ["N", 6]) for n, t in [
       ("sign", T.INT32), ("mod", T.INT32), ("fmod", T.INT32), ("prelu", T.INT32),
       ("pow", T.INT64), ("div", T.INT32)]])
check("integers", model, {"a": a, "b": b, "base": base, "exponent": exponent},
      [np.sign(a), np.mod(a, b), np.fmod(a, b), np.where(a < 0, a * b, a),
       int_pow(base, exponent), (np.trunc(a / b)).astype(np.int32)])

# Unsigned integers, values past the signed range included.
u64a = np.array([2**64 - 1, 2**63 + 5, 7, 0], np.uint64)
u64b = np.array([3, 2**63, 2**64 - 2, 9], np.uint64)
u8 = np.array([[0, 1, 200, 255, 128, 17]], np.uint8)
shift = np.array([[1, 7, 8, 9, 0, 3]], np.uint8)
u16 = np.array([0, 1, 65535, 300], np.uint16)
model = compile_model("unsigned", [
    node("Div", ["u64a", "u64b"], "div"),
    node("Mod", ["u64a", "u64b"], "mod"),
    node("Max", ["u64a", "u64b"], "max"),
    node("Min", ["u64a", "u64b"], "min"),
    node("Less", ["u64a", "u64b"], "less"),
    node("GreaterOrEqual", ["u64a", "u64b"], "ge"),
    node("Sub", ["u64a", "u64b"], "sub"),
    node("Sign", ["u8"], "sign"),
    node("Abs", ["u8"], "abs"),
    node("Clip", ["u8", "lo", "hi"], "clip"),
    node("BitShift", ["u8", "shift"], "left", direction="LEFT"),
    node("BitShift", ["u8", "shift"], "right", direction="RIGHT"),
    node("BitwiseNot", ["u16"], "not"),
    node("BitwiseXor", ["u16", "u16r"], "xor"),
], [value("u64a", T.UINT64, [4]), value("u64b", T.UINT64, [4]),
    value("u8", T.UINT8, ["N", 6]), value("shift", T.UINT8, ["N", 6]),
    value("lo", T.UINT8, [1]), value("hi", T.UINT8, [1]),
    value("u16", T.UINT16, [4]), value("u16r", T.UINT16, [4])],
   [value(n, t, [4]) for n, t in [
       ("div", T.UINT64), ("mod", T.UINT64), ("max", T.UINT64), ("min", T.UINT64),
       ("less", T.BOOL), ("ge", T.BOOL), ("sub", T.UINT64)]] +
   [value(n, T.UINT8, ["N", 6]) for n in ["sign", "abs", "clip", "left", "right"]] +
   [value(n, T.UINT16, [4]) for n in ["not", "xor"]])
# One-element bounds: the ctypes binding passes 0-d arrays as 1-d.
lo, hi = np.array([10], np.uint8), np.array([150], np.uint8)
u16r = u16[::-1].copy()


def shifted(x, s, left):
    wide = x.astype(np.uint64)
    r = (wide << s.astype(np.uint64)) if left else (wide >> s.astype(np.uint64))
    return np.where(s >= 8, 0, r & 0xFF).astype(np.uint8)


check("unsigned", model,
      {"u64a": u64a, "u64b": u64b, "u8": u8, "shift": shift, "lo": lo, "hi": hi,
       "u16": u16, "u16r": u16r},
      [u64a // u64b, u64a % u64b, np.maximum(u64a, u64b), np.minimum(u64a, u64b),
       u64a < u64b, u64a >= u64b, u64a - u64b, np.sign(u8), u8, np.clip(u8, lo, hi),
       shifted(u8, shift, True), shifted(u8, shift, False), ~u16, u16 ^ u16r])

# Casts between signed, unsigned, bool and float types.
i8 = np.array([-1, -128, 127, 0, 5], np.int8)
u32 = np.array([0, 1, 2**31, 2**32 - 1, 12345], np.uint32)
f = np.array([0.0, 1.9, 200.5, 255.0, 3.0], np.float32)
big = np.array([2**64 - 2048, 2**63, 1, 0, 77], np.uint64)
model = compile_model("casts", [
    node("Cast", ["i8"], "i8_u16", to=T.UINT16),
    node("Cast", ["i8"], "i8_u64", to=T.UINT64),
    node("Cast", ["u32"], "u32_i64", to=T.INT64),
    node("Cast", ["u32"], "u32_f32", to=T.FLOAT),
    node("Cast", ["u32"], "u32_u8", to=T.UINT8),
    node("Cast", ["u32"], "u32_bool", to=T.BOOL),
    node("Cast", ["f"], "f_u8", to=T.UINT8),
    node("Cast", ["big"], "big_f64", to=T.DOUBLE),
    node("Cast", ["big_f64"], "f64_big", to=T.UINT64),
    node("Cast", ["u32_bool"], "bool_u16", to=T.UINT16),
], [value("i8", T.INT8, [5]), value("u32", T.UINT32, [5]), value("f", T.FLOAT, [5]),
    value("big", T.UINT64, [5])],
   [value(n, t, [5]) for n, t in [
       ("i8_u16", T.UINT16), ("i8_u64", T.UINT64), ("u32_i64", T.INT64),
       ("u32_f32", T.FLOAT), ("u32_u8", T.UINT8), ("u32_bool", T.BOOL),
       ("f_u8", T.UINT8), ("big_f64", T.DOUBLE), ("f64_big", T.UINT64),
       ("bool_u16", T.UINT16)]])
check("casts", model, {"i8": i8, "u32": u32, "f": f, "big": big},
      [i8.astype(np.uint16), i8.astype(np.uint64), u32.astype(np.int64),
       u32.astype(np.float32), u32.astype(np.uint8), u32.astype(bool),
       f.astype(np.uint8), big.astype(np.float64),
       big.astype(np.float64).astype(np.uint64), u32.astype(bool).astype(np.uint16)])

# Floats: Sign keeps NaN and the sign of zero; IsInf with one sign; Mod
# fmod=1 with infinities; inverse hyperbolic functions over wide ranges, in
# f64 too (where math.erf goes through f32).
x = np.array([np.nan, -0.0, 0.0, -3.5, 2.0, np.inf, -np.inf, 1e-30], np.float32)
y = np.array([1.0, 2.0, -2.0, 2.0, np.inf, 3.0, 1.0, 1.0], np.float32)
h = np.array([1e-6, -1e-3, 0.5, -2.0, 100.0, 1e5, -1e30, 3e38], np.float32)
c = np.array([1.0, 1.0 + 1e-6, 1.5, 3.0, 100.0, 1e5, 1e30, 3e38], np.float32)
t = np.array([1e-6, -1e-3, 0.5, -0.9, 0.999, -0.999999, 0.0, -0.25], np.float32)
d = np.array([-3.0, -0.5, 0.0, 1e-5, 0.7, 2.5], np.float64)
model = compile_model("floats", [
    node("Sign", ["x"], "sign"),
    node("IsInf", ["x"], "pos", detect_negative=0),
    node("IsInf", ["x"], "neg", detect_positive=0),
    node("IsNaN", ["x"], "nan"),
    node("Mod", ["x", "y"], "fmod", fmod=1),
    node("Asinh", ["h"], "asinh"),
    node("Acosh", ["c"], "acosh"),
    node("Atanh", ["t"], "atanh"),
    node("Erf", ["d"], "erf"),
    node("Asinh", ["d"], "asinh64"),
], [value("x", T.FLOAT, [8]), value("y", T.FLOAT, [8]), value("h", T.FLOAT, [8]),
    value("c", T.FLOAT, [8]), value("t", T.FLOAT, [8]), value("d", T.DOUBLE, [6])],
   [value(n, tt, [8]) for n, tt in [
       ("sign", T.FLOAT), ("pos", T.BOOL), ("neg", T.BOOL), ("nan", T.BOOL),
       ("fmod", T.FLOAT), ("asinh", T.FLOAT), ("acosh", T.FLOAT),
       ("atanh", T.FLOAT)]] +
   [value("erf", T.DOUBLE, [6]), value("asinh64", T.DOUBLE, [6])])
from math import erf

feeds = {"x": x, "y": y, "h": h, "c": c, "t": t, "d": d}
with np.errstate(invalid="ignore"):
    fmod = np.fmod(x, y)
wants = [np.sign(x), np.isposinf(x), np.isneginf(x), np.isnan(x), fmod,
         np.arcsinh(h.astype(np.float64)).astype(np.float32),
         np.arccosh(c.astype(np.float64)).astype(np.float32),
         np.arctanh(t.astype(np.float64)).astype(np.float32),
         np.array([erf(v) for v in d]), np.arcsinh(d)]
got = model.run(feeds, threads=1)
for name, g, w in zip(["sign", "pos", "neg", "nan", "fmod"], got, wants):
    assert g.dtype == w.dtype and np.array_equal(g, w, equal_nan=True), (name, g, w)
    if w.dtype.kind == "f":
        assert (np.signbit(g) == np.signbit(w)).all(), (name, g, w)
# The polynomial approximations: a few ulp in f32; erf in f64 through f32.
for name, g, w, rtol in zip(["asinh", "acosh", "atanh", "erf", "asinh64"], got[5:],
                            wants[5:], [2e-6, 2e-6, 2e-6, 1e-6, 1e-13]):
    assert g.dtype == w.dtype, (name, g.dtype)
    np.testing.assert_allclose(g, w, rtol=rtol, atol=1e-30, err_msg=name)
print("floats: ok")
