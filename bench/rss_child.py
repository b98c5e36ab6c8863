#!/usr/bin/env python3
"""One engine alone in a fresh process, for bench/run.py --rss: loads the
model, runs it 3 times on the inputs of an .npz, and prints as JSON the
resident set after the imports (VmRSS, KiB) and the process's peak
(VmHWM). Only numpy and the engine are imported.

    rss_child.py ds MODEL.so INPUTS.npz THREADS RUNTIME.so
    rss_child.py ort MODEL.onnx INPUTS.npz THREADS
"""
import json
import os
import sys

import numpy as np


def status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main(engine, path, inputs, threads, runtime=None):
    feeds = dict(np.load(inputs))
    threads = int(threads)
    if engine == "ds":
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                        "..", "test", "lib"))
        import ds_runtime
        baseline = status("VmRSS")
        model = ds_runtime.Model(path, runtime)
        run = model.bind(feeds, threads)
    else:
        import onnxruntime as ort
        baseline = status("VmRSS")
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        session = ort.InferenceSession(path, options,
                                       providers=["CPUExecutionProvider"])
        def run():
            session.run(None, feeds)
    for _ in range(3):
        run()
    print(json.dumps({"baseline_kib": baseline, "peak_kib": status("VmHWM")}))


if __name__ == "__main__":
    main(*sys.argv[1:])
