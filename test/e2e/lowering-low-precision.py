# ONNX's float8, float4 and e8m0 formats end to end: Cast to and from each,
# compiled by ds-compile and run through the runtime's C API, bit for bit
# against ml_dtypes and onnx.numpy_helper (ONNX's reference). Every encoding
# (256, 16 for float4) converts to f32, f16, f64 and int32; f32, f16, f64
# and int32 values convert to each format: every representable value, the
# midpoints between neighbours (ties to even) and the f32 values next to
# them, values beyond the largest finite one, infinities, NaN, signed zeros
# and subnormals, with saturate on and off and e8m0's three rounding modes.
# f64 inputs near a midpoint round once (ml_dtypes rounds through f32, so
# those expectations are computed here). Also data movement ops on float8
# tensors (Transpose, Reshape, Concat, Pad, Slice), initializers of every
# format, small and large, and QuantizeLinear / DequantizeLinear with
# per-axis scales and saturate = 0.
# RUN: %python %s %t %ds_bin %ds_lib/libds_runtime.so | FileCheck %s
# CHECK: float8e4m3fn: ok
# CHECK: float8e4m3fnuz: ok
# CHECK: float8e5m2: ok
# CHECK: float8e5m2fnuz: ok
# CHECK: float4e2m1: ok
# CHECK: float8e8m0: ok
# CHECK: data movement: ok
# CHECK: constants: ok
# CHECK: quantization: ok
import os
import subprocess
import sys

import ml_dtypes
import numpy as np
from onnx import TensorProto, helper, numpy_helper

from ds_runtime import Model
from onnx_test_models import save, value

out, bin_dir, runtime = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
T = TensorProto

# name: (ONNX type, ml_dtypes type, number of encodings)
FORMATS = {
    "float8e4m3fn": (T.FLOAT8E4M3FN, ml_dtypes.float8_e4m3fn, 256),
    "float8e4m3fnuz": (T.FLOAT8E4M3FNUZ, ml_dtypes.float8_e4m3fnuz, 256),
    "float8e5m2": (T.FLOAT8E5M2, ml_dtypes.float8_e5m2, 256),
    "float8e5m2fnuz": (T.FLOAT8E5M2FNUZ, ml_dtypes.float8_e5m2fnuz, 256),
    "float4e2m1": (T.FLOAT4E2M1, ml_dtypes.float4_e2m1fn, 16),
    "float8e8m0": (T.FLOAT8E8M0, ml_dtypes.float8_e8m0fnu, 256),
}
SOURCES = [("f32", T.FLOAT, np.float32), ("f16", T.FLOAT16, np.float16),
           ("f64", T.DOUBLE, np.float64), ("i32", T.INT32, np.int32)]


def compile_model(name, nodes, inputs, outputs, opset=25):
    path = os.path.join(out, name + ".onnx")
    lib = os.path.join(out, name + ".so")
    save(path, nodes, inputs, outputs, opset=opset)
    subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o", lib],
                   check=True)
    return Model(lib, runtime)


def same_bits(name, got, want):
    """Equal encodings (uint8 views), or equal floats with NaN for NaN."""
    assert got.dtype == want.dtype and got.shape == want.shape, \
        (name, got.dtype, want.dtype, got.shape, want.shape)
    if want.dtype.kind == "f":
        nan = np.isnan(want)
        bad = (np.isnan(got) != nan) | (~nan & (got.view(f"u{got.itemsize}") !=
                                               want.view(f"u{want.itemsize}")))
    elif want.dtype.kind == "i":
        bad = got != want
    else:
        bad = got.view(np.uint8) != want.view(np.uint8)
    if bad.any():
        i = np.flatnonzero(bad)[:8]
        raise AssertionError(f"{name}: {int(bad.sum())} differ at {i}: got "
                             f"{got.ravel()[i]}, want {want.ravel()[i]}")


def encode(x, dtype, saturate, mode):
    """ONNX's reference Cast of x to dtype."""
    if dtype == ml_dtypes.float8_e8m0fnu:
        return numpy_helper.to_float8e8m0(x.astype(np.float32), saturate, mode)
    if saturate and dtype != ml_dtypes.float4_e2m1fn:
        return numpy_helper.saturate_cast(x, dtype)
    with np.errstate(all="ignore"):
        return x.astype(dtype)


def probe_values(dtype, count):
    """f64 values that exercise every rounding case of `dtype`."""
    codes = np.arange(count, dtype=np.uint8).view(dtype)
    finite = np.unique(codes.astype(np.float64)[np.isfinite(
        codes.astype(np.float64))])
    mids = (finite[:-1] + finite[1:]) / 2
    top = float(ml_dtypes.finfo(dtype).max)
    # Past the largest value: the next value would be top + ulp; its midpoint
    # rounds up (overflow) or, with an even top, to top.
    ulp = top - finite[-2] if finite[-2] > 0 else top
    beyond = [top + ulp / 2, top + ulp / 4, top + ulp, top * 2, 1e6, 3e38]
    values = np.concatenate([finite, mids, beyond, [0.0, -0.0, 1e-30, 1e-40]])
    f32 = values.astype(np.float32)
    near = np.concatenate([np.nextafter(f32, np.float32(np.inf)),
                           np.nextafter(f32, np.float32(-np.inf))])
    values = np.concatenate([values, near.astype(np.float64)])
    values = np.concatenate([values, -values, [np.inf, -np.inf, np.nan,
                                               -np.nan]])
    return values


def e8m0_probe_values():
    k = np.arange(-149, 128, dtype=np.float64)
    base = np.exp2(k)
    values = np.concatenate([base * m for m in (1, 1.25, 1.5, 1.75, 1 + 2**-23,
                                                1 + 2**-22, 1.5 + 2**-23)])
    values = np.concatenate([values, [0.0, -0.0, 3.4e38, np.inf, -np.inf,
                                      np.nan, -2.0, -3.0]])
    return values[np.isfinite(values.astype(np.float32)) |
                  ~np.isfinite(values)]


def test_format(name, onnx_type, dtype, count):
    e8m0 = dtype == ml_dtypes.float8_e8m0fnu
    f4 = dtype == ml_dtypes.float4_e2m1fn
    values = e8m0_probe_values() if e8m0 else probe_values(dtype, count)
    # (suffix, attributes, saturate, mode) of the casts to the format.
    if e8m0:
        variants = [(f"_{mode}_{s}", dict(saturate=s, round_mode=mode), s, mode)
                    for mode in ("up", "down", "nearest") for s in (1, 0)]
    elif f4:
        variants = [("_sat", {}, 1, "up")]
    else:
        variants = [("_sat", {}, 1, "up"), ("_nosat", dict(saturate=0), 0, "up")]

    nodes, outputs = [], []
    ints = np.arange(-600, 601, 7, dtype=np.int32)
    for src, src_type, _ in SOURCES:
        size = "m" if src == "i32" else "n"
        for suffix, attrs, _, _ in variants:
            nodes.append(helper.make_node("Cast", [src], [src + suffix],
                                          to=onnx_type, **attrs))
            outputs.append(value(src + suffix, onnx_type, [size]))
    for dst, dst_type, _ in SOURCES:
        nodes.append(helper.make_node("Cast", ["codes"], ["to_" + dst],
                                      to=dst_type))
        outputs.append(value("to_" + dst, dst_type, [count]))
    inputs = [value(src, src_type, ["n" if src != "i32" else "m"])
              for src, src_type, _ in SOURCES]
    inputs.append(value("codes", onnx_type, [count]))
    model = compile_model(name, nodes, inputs, outputs)

    f16 = values.astype(np.float16)
    feeds = {"f32": values.astype(np.float32), "f16": f16,
             "f64": values, "i32": ints,
             "codes": np.arange(count, dtype=np.uint8).view(dtype)}
    got = dict(zip([o.name for o in outputs], model.run(feeds)))
    for src, _, _ in SOURCES:
        for suffix, _, saturate, mode in variants:
            x = feeds[src]
            if src == "f64":
                # ml_dtypes rounds f64 through f32: give it the f32 value
                # rounded to odd, which rounds as x itself would.
                x32 = x.astype(np.float32)
                inexact = (x32.astype(np.float64) != x) & ~np.isnan(x)
                bits = x32.view(np.uint32).copy()
                even = (bits & 1) == 0
                away = np.abs(x) > np.abs(x32.astype(np.float64))
                fix = inexact & even
                bits[fix & away] += 1
                bits[fix & ~away] -= 1
                x = bits.view(np.float32)
            want = encode(x if src != "i32" else x.astype(np.float64), dtype,
                          saturate, mode)
            same_bits(f"{name} {src}{suffix}", got[src + suffix], want)
    codes = feeds["codes"]
    for dst, _, np_type in SOURCES:
        want = codes.astype(np.float64)
        if dst == "i32":
            finite = np.isfinite(want) & (np.abs(want) < 2**31)
            g = got["to_" + dst][finite]
            same_bits(f"{name} to {dst}", g, want[finite].astype(np.int32))
        else:
            with np.errstate(all="ignore"):
                same_bits(f"{name} to {dst}", got["to_" + dst],
                          codes.astype(np_type))
    print(f"{name}: ok")


for name, (onnx_type, dtype, count) in FORMATS.items():
    test_format(name, onnx_type, dtype, count)

# Data movement on float8 tensors: the elements travel untouched.
E4 = T.FLOAT8E4M3FN
x = np.arange(256, dtype=np.uint8).view(ml_dtypes.float8_e4m3fn).reshape(16, 16)
pads = helper.make_tensor("pads", T.INT64, [4], [1, 0, 0, 2])
starts = helper.make_tensor("starts", T.INT64, [1], [3])
ends = helper.make_tensor("ends", T.INT64, [1], [9])
shape = helper.make_tensor("shape", T.INT64, [3], [4, -1, 8])
model = compile_model("movement", [
    helper.make_node("Constant", [], ["pads"], value=pads),
    helper.make_node("Constant", [], ["starts"], value=starts),
    helper.make_node("Constant", [], ["ends"], value=ends),
    helper.make_node("Constant", [], ["shape"], value=shape),
    helper.make_node("Transpose", ["x"], ["t"], perm=[1, 0]),
    helper.make_node("Reshape", ["t", "shape"], ["r"]),
    helper.make_node("Identity", ["x"], ["i"]),
    helper.make_node("Flatten", ["x"], ["f"], axis=0),
    helper.make_node("Concat", ["x", "t"], ["c"], axis=0),
    helper.make_node("Pad", ["x", "pads"], ["p"]),
    helper.make_node("Slice", ["x", "starts", "ends"], ["s"]),
], [value("x", E4, ["n", 16])],
   [value("t", E4, [16, "n"]), value("r", E4, [4, None, 8]),
    value("i", E4, ["n", 16]), value("f", E4, [1, None]),
    value("c", E4, [None, 16]), value("p", E4, [None, 18]),
    value("s", E4, [None, 16])])
t, r, i, f, c, p, s = model.run({"x": x})
padded = np.zeros((17, 18), np.uint8)
padded[1:, :16] = x.view(np.uint8)
for label, g, w in [("transpose", t, x.T), ("reshape", r, x.T.reshape(4, -1, 8)),
                    ("identity", i, x), ("flatten", f, x.reshape(1, -1)),
                    ("concat", c, np.concatenate([x, x.T])),
                    ("pad", p, padded.view(ml_dtypes.float8_e4m3fn)),
                    ("slice", s, x[3:9])]:
    same_bits(label, g, np.ascontiguousarray(w))
print("data movement: ok")

# Initializers of each format, small (dense) and large (a dense_resource
# blob, but float4, which stays dense), through Cast and Identity.
nodes, outputs, initializers = [], [], []
for name, (onnx_type, dtype, count) in FORMATS.items():
    for n in (5, 1000):
        k = (np.arange(n) % count).astype(np.uint8).view(dtype)
        kname = f"{name}_{n}"
        initializers.append(numpy_helper.from_array(k, kname))
        nodes += [helper.make_node("Cast", [kname], [kname + "_f32"], to=T.FLOAT),
                  helper.make_node("Identity", [kname], [kname + "_id"])]
        outputs += [value(kname + "_f32", T.FLOAT, [n]),
                    value(kname + "_id", onnx_type, [n])]
path = os.path.join(out, "constants.onnx")
save(path, nodes, [], outputs, initializers, opset=25)
subprocess.run([os.path.join(bin_dir, "ds-compile"), path, "-o",
                os.path.join(out, "constants.so")], check=True)
got = Model(os.path.join(out, "constants.so"), runtime).run({})
for k, (f32, ident) in zip(initializers, zip(got[::2], got[1::2])):
    want = numpy_helper.to_array(k)
    same_bits(k.name, ident, want)
    same_bits(k.name + " as f32", f32, want.astype(np.float32))
print("constants: ok")

# QuantizeLinear / DequantizeLinear: per-axis scales, saturate = 0.
xq = np.array([[0.0, 1.0, -3.3, 500.0, -1e6], [0.01, 7.5, np.inf, -0.0, 2.0],
               [1e-9, -448.0, 300.0, 57344.0, 70000.0]], np.float32)
scale = np.array([0.5, 2.0, 4.0], np.float32)
zp = numpy_helper.from_array(np.zeros(3, ml_dtypes.float8_e5m2), "zp")
model = compile_model("quantization", [
    helper.make_node("QuantizeLinear", ["x", "scale"], ["q8"], axis=0,
                     saturate=0, output_dtype=E4),
    helper.make_node("QuantizeLinear", ["x", "scale", "zp"], ["q5"], axis=0),
    helper.make_node("QuantizeLinear", ["x", "scale"], ["q4"], axis=0,
                     output_dtype=T.FLOAT4E2M1),
    helper.make_node("DequantizeLinear", ["q8", "scale"], ["d8"], axis=0),
    helper.make_node("DequantizeLinear", ["q4", "scale"], ["d4"], axis=0,
                     output_dtype=T.FLOAT16),
], [value("x", T.FLOAT, [3, 5]), value("scale", T.FLOAT, [3]),
    value("zp", T.FLOAT8E5M2, [3])],
   [value("q8", E4, [3, 5]), value("q5", T.FLOAT8E5M2, [3, 5]),
    value("q4", T.FLOAT4E2M1, [3, 5]), value("d8", T.FLOAT, [3, 5]),
    value("d4", T.FLOAT16, [3, 5])])
q8, q5, q4, d8, d4 = model.run({"x": xq, "scale": scale,
                                "zp": numpy_helper.to_array(zp)})
scaled = xq / scale[:, None]
with np.errstate(all="ignore"):
    same_bits("quantize e4m3fn", q8, scaled.astype(ml_dtypes.float8_e4m3fn))
same_bits("quantize e5m2", q5,
          numpy_helper.saturate_cast(scaled + np.float32(0),
                                     ml_dtypes.float8_e5m2))
same_bits("quantize e2m1", q4, scaled.astype(ml_dtypes.float4_e2m1fn))
same_bits("dequantize e4m3fn", d8, q8.astype(np.float32) * scale[:, None])
same_bits("dequantize e2m1", d4,
          (q4.astype(np.float32) * scale[:, None]).astype(np.float16))
print("quantization: ok")
