# f32 <-> f16 and f32 -> bf16 conversions in compiled models, on the host
# and on each edge target (where they are compiler-runtime functions that
# ds-compile defines in the library), bit for bit against numpy: every f16
# value, and f32 values around every rounding case (ties, subnormals,
# overflow, infinities, NaN).
# RUN: %python %s %t %ds_bin host | FileCheck %s
# CHECK: host: ok
import os
import subprocess
import sys

import numpy as np

out, bin_dir, target = sys.argv[1:4]
runner = sys.argv[4:]  # qemu and the cross ds-run, for an edge target
os.makedirs(out, exist_ok=True)
model = os.path.join(out, "half.mlir")
open(model, "w").write("""
func.func @half(%x: tensor<?xf32> {ds.name = "x"}, %h: tensor<?xf16> {ds.name = "h"})
    -> (tensor<?xf16> {ds.name = "to_f16"}, tensor<?xf32> {ds.name = "via_bf16"},
        tensor<?xf32> {ds.name = "from_f16"}) {
  %0 = ds.cast %x {to = f16} : (tensor<?xf32>) -> tensor<?xf16>
  %1 = ds.cast %x {to = bf16} : (tensor<?xf32>) -> tensor<?xbf16>
  %2 = ds.cast %1 {to = f32} : (tensor<?xbf16>) -> tensor<?xf32>
  %3 = ds.cast %h {to = f32} : (tensor<?xf16>) -> tensor<?xf32>
  return %0, %2, %3 : tensor<?xf16>, tensor<?xf32>, tensor<?xf32>
}
""")
lib = os.path.join(out, f"half.{target}.so")
compile_args = [os.path.join(bin_dir, "ds-compile"), model, "-o", lib]
if target != "host":
    compile_args.append(f"--target={target}")
subprocess.run(compile_args, check=True)

# Every f16 bit pattern; f32 values: random bits, the f16 range's edges and
# halfway points, and every f16 value with a bit below its last one set
# (ties and just-above-ties).
h = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16)
rng = np.random.default_rng(0)
halves = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16)
finite = halves[np.isfinite(halves)].astype(np.float32)
ties = (finite.view(np.uint32) + np.uint32(1 << 12)).view(np.float32)
x = np.concatenate([
    rng.integers(0, 2**32, 50000, dtype=np.uint64).astype(np.uint32).view(np.float32),
    finite, ties, (ties.view(np.uint32) + np.uint32(1)).view(np.float32),
    np.array([65504, 65519.99, 65520, 1e10, np.inf, -np.inf, np.nan, 2**-25,
              2**-24, 3 * 2**-26, 0.0, -0.0], np.float32)])
h = np.resize(h, x.shape)
np.save(os.path.join(out, "x.npy"), x)
np.save(os.path.join(out, "h.npy"), h)
result_dir = os.path.join(out, target)
os.makedirs(result_dir, exist_ok=True)
ds_run = runner if runner else [os.path.join(bin_dir, "ds-run")]
subprocess.run(ds_run + [lib, "--input", "x=" + os.path.join(out, "x.npy"),
                         "--input", "h=" + os.path.join(out, "h.npy"),
                         "--output-dir", result_dir], check=True,
               stdout=subprocess.DEVNULL)


def same_bits(got, want, what):
    """Equal bits, any NaN matching any NaN."""
    nan = np.isnan(want)
    assert np.array_equal(np.isnan(got), nan), what + ": NaNs differ"
    bits = np.dtype(f"u{want.dtype.itemsize}")
    bad = np.nonzero(got[~nan].view(bits) != want[~nan].view(bits))[0]
    assert bad.size == 0, (what, got[~nan][bad[:5]], want[~nan][bad[:5]])


def to_bf16(values):
    """f32 -> bf16 -> f32 with round to nearest even."""
    bits = values.view(np.uint32).astype(np.uint64)
    rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16) << 16
    return np.where(np.isnan(values), values,
                    rounded.astype(np.uint32).view(np.float32))


with np.errstate(over="ignore"):
    same_bits(np.load(os.path.join(result_dir, "to_f16.npy")), x.astype(np.float16),
              "f32->f16")
# AVX512-BF16's conversion instruction treats f32 subnormals as zero; they
# are compared where the conversion is ds's own (no such instruction).
normal = np.abs(x) >= np.finfo(np.float32).tiny
via_bf16 = np.load(os.path.join(result_dir, "via_bf16.npy"))
same_bits(via_bf16[normal | (x == 0) | np.isnan(x)],
          to_bf16(x)[normal | (x == 0) | np.isnan(x)], "f32->bf16")
if target != "host":
    same_bits(via_bf16, to_bf16(x), "f32->bf16 subnormals")
same_bits(np.load(os.path.join(result_dir, "from_f16.npy")), h.astype(np.float32), "f16->f32")
print(f"{target}: ok")
