#!/usr/bin/env python3
"""ds's generated matmul against the FMA peak: writes ONNX MatMul models
[n,n] x [n,n] for each size, with both operands as inputs and with B a
constant initializer (as weights are), compiles them with `ds-compile -O3`
for the host, and runs ds-gemm-bench (bench/GemmBench.cpp, Google
Benchmark) on the libraries at each thread count.

    bench/gemm.py [--sizes 64,128,256,512,1024,2048] [--threads 1,2]
                  [--build-dir build] [--work-dir build/bench/gemm]
                  [-- --benchmark_min_time=0.2 --benchmark_format=json ...]

The models and libraries are cached in the work dir; a library is made
again when its model or ds-compile changed.
"""
import argparse
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from run import compile_model  # noqa: E402


def constant_b(n):
    """The pattern GemmBench.cpp's constantB() recomputes: small integers
    over 16, exact in fp32."""
    i, j = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    return (((i * 31 + j * 17) % 23 - 11) / 16).astype(np.float32)


def matmul_model(n, const_b):
    inputs = [helper.make_tensor_value_info("A", TensorProto.FLOAT, [n, n])]
    inits = []
    if const_b:
        inits.append(numpy_helper.from_array(constant_b(n), "B"))
    else:
        inputs.append(helper.make_tensor_value_info("B", TensorProto.FLOAT, [n, n]))
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["A", "B"], ["C"])],
        f"matmul_{n}" + ("_const_b" if const_b else ""), inputs,
        [helper.make_tensor_value_info("C", TensorProto.FLOAT, [n, n])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="64,128,256,512,1024,2048")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    parser.add_argument("--work-dir",
                        default=os.path.join(ROOT, "build", "bench", "gemm"))
    args = parser.parse_args(argv)
    bench = os.path.join(args.build_dir, "bin", "ds-gemm-bench")
    ds_compile = os.path.join(args.build_dir, "bin", "ds-compile")
    for path in (bench, ds_compile):
        if not os.path.exists(path):
            sys.exit(f"gemm.py: {path} is missing: ninja -C {args.build_dir} "
                     "ds-compile ds-gemm-bench (needs libbenchmark-dev)")
    os.makedirs(args.work_dir, exist_ok=True)
    libraries = []
    for n in [int(s) for s in args.sizes.split(",") if s]:
        for const_b in (False, True):
            name = f"matmul_{n}" + ("_const_b" if const_b else "")
            onnx_path = os.path.join(args.work_dir, name + ".onnx")
            model = matmul_model(n, const_b)
            data = model.SerializeToString()
            if not os.path.exists(onnx_path) or open(onnx_path, "rb").read() != data:
                with open(onnx_path, "wb") as f:
                    f.write(data)
            so_path = os.path.join(args.work_dir, name + ".so")
            seconds, error = compile_model(onnx_path, so_path, ds_compile, ["-O3"])
            if error:
                print(f"{name}: {error}", file=sys.stderr)
                continue
            libraries.append(so_path)
    if not libraries:
        sys.exit("gemm.py: no model compiled")
    return subprocess.run([bench, f"--threads={args.threads}"] + libraries + extra
                          ).returncode


if __name__ == "__main__":
    sys.exit(main())
