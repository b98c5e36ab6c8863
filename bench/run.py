#!/usr/bin/env python3
"""The CPU benchmark: ds against onnxruntime on whole models.

    bench/run.sh [--models resnet18,mlp] [--threads 1,2] [--rounds 7]
                 [--report docs/benchmarks.md] [--json results.json] [--rss]

For each model of bench/models (made once and cached in the work dir,
default build/bench) it compiles the model with `ds-compile -O3` for the
host, loads the library in this process through the runtime's C API
(ctypes), opens an onnxruntime session on the same ONNX file (all graph
optimizations, intra-op threads = the thread count, one inter-op thread,
sequential execution), and then per thread count:

- runs both once on the same input and compares the outputs (the largest
  absolute difference, and that over the largest |onnxruntime output|,
  flagged above --tolerance): a fast wrong answer shows;
- times them in interleaved rounds: each round runs a warmup and then k
  timed runs of one engine, then of the other, the first engine
  alternating from round to round, so that both see the same machine
  (other processes, clock, caches) over the same stretch of time;
- reports the median latency of each, the ratio ds/ORT, the model's FLOPs
  (2 x the multiply-adds of Conv, ConvTranspose, Gemm and MatMul from the
  shapes of ONNX shape inference; nothing else is counted), the GFLOP/s of
  each and their share of the fp32 FMA peak that bench/fma_probe.c measures
  in the same run for that thread count (at the start and at the end; the
  larger counts, since load from other processes only lowers it).

A model that ds fails to compile or run is reported with the error. Before
a library is loaded here, ds-run runs it once in a child process, so that a
crash in generated code is a reported failure, not the end of the harness.
With --rss, ds and onnxruntime each run the model in a child process of
their own (bench/rss_child.py) and report the peak resident set.
"""
import argparse
import datetime
import gc
import hashlib
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "test", "lib"))

import ds_runtime  # noqa: E402
import models as model_makers  # noqa: E402

REPORT_BEGIN = "<!-- bench/run.py --report: begin -->"
REPORT_END = "<!-- bench/run.py --report: end -->"
COUNTED_OPS = ("Conv", "ConvTranspose", "Gemm", "MatMul")


# --- Models, FLOPs, compilation ---------------------------------------------

def digest(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
        h.update(b"\0")
    return h.hexdigest()


def file_digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_stamp(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def write_stamp(path, stamp):
    with open(path, "w") as f:
        json.dump(stamp, f)


def make_model(name, work):
    """The model's ONNX file in `work`, made again when its maker changed."""
    maker = model_makers.MODELS[name]
    path = os.path.join(work, name + ".onnx")
    sources = [maker.__file__, os.path.join(HERE, "models", "common.py")]
    key = digest(*[open(s, "rb").read() for s in sources])
    stamp_path = path + ".stamp"
    if not (os.path.exists(path) and read_stamp(stamp_path).get("key") == key):
        onnx.save(maker.build(maker.BATCH), path)
        write_stamp(stamp_path, {"key": key})
    return path


def shape_of(value):
    dims = value.type.tensor_type.shape.dim
    return [d.dim_value if d.HasField("dim_value") else None for d in dims]


def count_flops(model):
    """2 x the multiply-adds of the ops in COUNTED_OPS, from the inferred
    shapes; also the nodes that could not be counted (unknown shapes)."""
    graph = onnx.shape_inference.infer_shapes(model).graph
    shapes = {v.name: shape_of(v) for v in
              list(graph.input) + list(graph.value_info) + list(graph.output)}
    shapes.update({t.name: list(t.dims) for t in graph.initializer})

    def known(name):
        s = shapes.get(name)
        return s if s is not None and None not in s else None

    total, uncounted = 0, []
    for node in graph.node:
        if node.op_type not in COUNTED_OPS:
            continue
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        a, w, y = known(node.input[0]), known(node.input[1]), known(node.output[0])
        if a is None or w is None or y is None:
            uncounted.append(node.name or node.op_type)
            continue
        if node.op_type == "Conv":
            # Each output element: (Cin / group) x kernel multiply-adds.
            macs = int(np.prod(y)) * int(np.prod(w[1:]))
        elif node.op_type == "ConvTranspose":
            # Each input element scatters into (Cout / group) x kernel outputs.
            macs = int(np.prod(a)) * int(np.prod(w[1:]))
        elif node.op_type == "Gemm":
            k = a[0] if attrs.get("transA", 0) else a[1]
            macs = int(np.prod(y)) * k
        else:  # MatMul: each output element is a dot product of length K.
            macs = int(np.prod(y)) * a[-1]
        total += 2 * macs
    return total, uncounted


def compile_model(onnx_path, so_path, ds_compile, flags):
    """Compiles unless the library is current; returns (seconds, error)."""
    stamp_path = so_path + ".stamp"
    st = os.stat(ds_compile)
    key = digest(file_digest(onnx_path), st.st_mtime_ns, st.st_size, *flags)
    stamp = read_stamp(stamp_path)
    if os.path.exists(so_path) and stamp.get("key") == key:
        return stamp["seconds"], stamp.get("error")
    for stale in (so_path, stamp_path):
        if os.path.exists(stale):
            os.remove(stale)
    start = time.perf_counter()
    try:
        proc = subprocess.run([ds_compile, onnx_path, "-o", so_path] + flags,
                              capture_output=True, text=True, timeout=1800)
        error = None if proc.returncode == 0 else (
            f"ds-compile exit {proc.returncode}: " + last_lines(proc.stderr))
    except subprocess.TimeoutExpired:
        error = "ds-compile timed out (1800 s)"
    seconds = time.perf_counter() - start
    if error is None:
        write_stamp(stamp_path, {"key": key, "seconds": seconds})
    return seconds, error


def last_lines(text, n=3):
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " / ".join(lines[-n:]) if lines else "(no message)"


# --- The FMA peak -----------------------------------------------------------

def build_probe(work):
    """bench/fma_probe.c built with the host C compiler ($CC or cc)."""
    exe = os.path.join(work, "fma_probe")
    sources = [os.path.join(HERE, f) for f in ("fma_probe.c", "fma_peak.c", "fma_peak.h")]
    cc = os.environ.get("CC", "cc")
    key = digest(cc, *[open(s, "rb").read() for s in sources])
    if os.path.exists(exe) and read_stamp(exe + ".stamp").get("key") == key:
        return exe
    subprocess.run([cc, "-O2", "-march=native", "-pthread", sources[0], sources[1],
                    "-o", exe, "-lm"], check=True)
    write_stamp(exe + ".stamp", {"key": key})
    return exe


def measure_peak(exe, threads, quick):
    args = [exe, "--threads", ",".join(map(str, threads))]
    args += ["--seconds", "0.05", "--repeats", "2"] if quick else \
        ["--seconds", "0.05", "--repeats", "20"]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    peak = {"isa": None, "gflops": {}}
    for line in out.splitlines():
        words = line.split()
        if words[0] == "isa":
            peak["isa"] = words[1]
        elif words[0] in ("lanes", "chains"):
            peak[words[0]] = int(words[1])
        elif words[0] == "threads":
            peak["gflops"][int(words[1])] = float(words[3])
    return peak


# --- Running ----------------------------------------------------------------

def make_input(model, batch):
    """One float32 array per graph input (not initializer), fixed seed;
    dims given by name are `batch`."""
    rng = np.random.default_rng(0)
    inits = {t.name for t in model.graph.initializer}
    feeds = {}
    for value in model.graph.input:
        if value.name in inits:
            continue
        shape = [d if d is not None else batch for d in shape_of(value)]
        feeds[value.name] = rng.standard_normal(shape).astype(np.float32)
    return feeds


def ort_session(path, threads, spinning=True):
    import onnxruntime as ort
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    if not spinning:
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


class OrtTurns:
    """onnxruntime as an engine of `interleaved` whose session lives for
    one turn: made before the turn (not timed) and released after it, so
    that its pool threads, which keep spinning while idle, have exited
    when the other engine is timed. Calling it runs the session."""

    def __init__(self, path, threads, spinning, feeds):
        self.args = (path, threads, spinning)
        self.feeds = feeds
        self.session = None

    def before_turn(self):
        if self.session is None:
            self.session = ort_session(*self.args)

    def after_turn(self):
        self.session = None
        gc.collect()

    def __call__(self):
        return self.session.run(None, self.feeds)


def check_in_child(ds_run, so_path, feeds, threads):
    """Runs the library once with ds-run in a child process; the error
    text, or None when it ran."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [ds_run, so_path, "--threads", str(threads), "--output-dir",
                os.path.join(tmp, "out")]
        for name, array in feeds.items():
            path = os.path.join(tmp, f"in{len(args)}.npy")
            np.save(path, array)
            args += ["--input", f"{name}={path}"]
        try:
            proc = subprocess.run(args, capture_output=True, text=True, timeout=600)
        except subprocess.TimeoutExpired:
            return "ds-run timed out (600 s)"
        if proc.returncode < 0:
            return f"ds-run killed by signal {-proc.returncode}: " + last_lines(proc.stderr)
        if proc.returncode != 0:
            return f"ds-run exit {proc.returncode}: " + last_lines(proc.stderr)
    return None


def compare(ds_outputs, ort_outputs):
    """The largest |ds - ORT| over all outputs, and that over the largest
    |ORT| (a relative error that zeros in the output do not inflate)."""
    max_abs, scale = 0.0, 0.0
    for d, r in zip(ds_outputs, ort_outputs):
        if d.shape != r.shape:
            return {"max_abs": float("inf"), "rel": float("inf"),
                    "note": f"shape {d.shape} against {r.shape}"}
        diff = np.abs(d.astype(np.float64) - r.astype(np.float64))
        max_abs = max(max_abs, float(diff.max()) if diff.size else 0.0)
        if diff.size and not np.isfinite(diff).all():
            max_abs = float("inf")
        scale = max(scale, float(np.abs(r).max()) if r.size else 0.0)
    return {"max_abs": max_abs, "rel": max_abs / scale if scale else max_abs}


# Warmup time per engine and turn (see interleaved).
WARMUP_SECONDS = 0.02


def timed(fn, warmup, runs):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def estimate(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def turn(engine, step):
    """Calls the engine's `before_turn` or `after_turn`, if it has one."""
    hook = getattr(engine, step, None)
    if hook is not None:
        hook()


def interleaved(engines, rounds, runs, warmup, round_seconds, max_runs,
                settle=0.0):
    """{engine: [seconds]}: `rounds` rounds, each engine's warmup and runs
    back to back, the first engine alternating. runs=0: per engine, as many
    as fill round_seconds (1..max_runs); warmup=-1: warmup runs that fill
    WARMUP_SECONDS (at least one) for engines faster than 0.5 s a run, none
    for slower ones. Before each
    engine's turn the harness sleeps `settle` seconds, so that the pool
    threads the other engine left spinning go to sleep and do not take a
    core from the engine being timed. An engine with `before_turn` and
    `after_turn` methods (OrtTurns) gets them called around each turn."""
    plan = {}
    for name, fn in engines.items():
        turn(fn, "before_turn")
        t = estimate(fn)
        turn(fn, "after_turn")
        k = runs or max(1, min(max_runs, int(round_seconds / max(t, 1e-6))))
        # By default, warmup runs that fill kWarmupSeconds (at least one)
        # for engines faster than 0.5 s a run: after the settle pause the
        # other vCPU is idle, and waking it takes longer than a short run.
        w = warmup if warmup >= 0 else (
            max(1, math.ceil(WARMUP_SECONDS / max(t, 1e-6))) if t < 0.5 else 0)
        plan[name] = (fn, w, k)
    samples = {name: [] for name in engines}
    order = list(engines)
    for r in range(rounds):
        for name in (order if r % 2 == 0 else order[::-1]):
            fn, w, k = plan[name]
            turn(fn, "before_turn")
            if settle > 0:
                time.sleep(settle)
            samples[name] += timed(fn, w, k)
            turn(fn, "after_turn")
    return samples, {name: {"warmup": w, "runs_per_round": k}
                     for name, (_, w, k) in plan.items()}


def summarize(samples):
    s = sorted(samples)
    return {"median_ms": 1e3 * statistics.median(s), "min_ms": 1e3 * s[0],
            "p90_ms": 1e3 * s[min(len(s) - 1, int(0.9 * len(s)))],
            "samples": len(s)}


def bench_model(name, args, tools, peak, work):
    maker = model_makers.MODELS[name]
    result = {"model": name, "description": maker.DESCRIPTION, "runs": {}}
    onnx_path = make_model(name, work)
    model = onnx.load(onnx_path)
    feeds = make_input(model, maker.BATCH)
    result["inputs"] = {k: list(v.shape) for k, v in feeds.items()}
    result["parameters"] = model_makers.common.parameters(model)
    result["flops"], uncounted = count_flops(model)
    if uncounted:
        result["flops_uncounted"] = uncounted
    print(f"== {name}: {result['flops'] / 1e9:.3f} GFLOP, inputs {result['inputs']}",
          flush=True)

    so_path = os.path.join(work, name + ".so")
    seconds, error = compile_model(onnx_path, so_path, tools["ds-compile"],
                                   ["-O3"])
    result["compile_seconds"] = seconds
    if error is None:
        error = check_in_child(tools["ds-run"], so_path, feeds, max(args.threads))
        if error:
            error = "run: " + error
    else:
        error = "compile: " + error
    ds_model = None
    if error is None:
        try:
            ds_model = ds_runtime.Model(so_path, tools["runtime"])
        except ds_runtime.DsError as e:
            error = f"load: {e}"
    result["ds_error"] = error
    if error:
        print(f"   ds: {error}", flush=True)

    for threads in args.threads:
        run = {}
        result["runs"][threads] = run
        try:
            session = ort_session(onnx_path, threads, args.ort_spinning)
            reference = session.run(None, feeds)
        except Exception as e:  # noqa: BLE001 - any ORT failure is reported
            run["ort_error"] = str(e).splitlines()[0]
            session = None
        engines = {}
        if ds_model is not None:
            try:
                outputs = ds_model.run(feeds, threads=threads)
                if session is not None:
                    run["compare"] = compare(outputs, reference)
                    run["compare"]["ok"] = run["compare"]["rel"] <= args.tolerance
                engines["ds"] = ds_model.bind(feeds, threads)
            except ds_runtime.DsError as e:
                run["ds_error"] = str(e)
        if session is not None:
            if args.ort_session_per_turn:
                session = None
                engines["ort"] = OrtTurns(onnx_path, threads, args.ort_spinning,
                                          feeds)
            else:
                engines["ort"] = (lambda s=session: s.run(None, feeds))
        if not engines:
            continue
        samples, plan = interleaved(engines, args.rounds, args.runs, args.warmup,
                                    args.round_seconds, args.max_runs,
                                    args.settle_ms / 1000.0)
        run["plan"] = plan
        for engine, s in samples.items():
            stats = summarize(s)
            gflops = result["flops"] / (stats["median_ms"] * 1e-3) / 1e9
            stats["gflops"] = gflops
            if threads in peak["gflops"]:
                stats["peak_pct"] = 100 * gflops / peak["gflops"][threads]
            run[engine] = stats
        if "ds" in run and "ort" in run:
            run["ratio"] = run["ds"]["median_ms"] / run["ort"]["median_ms"]
        print("   " + line_of(threads, run), flush=True)
        if "ds" in engines:
            engines["ds"].close()
    if args.rss:
        result["rss"] = measure_rss(name, onnx_path, so_path if ds_model else None,
                                    feeds, max(args.threads), tools)
    return result


def line_of(threads, run):
    parts = [f"{threads} thread{'s' if threads > 1 else ''}:"]
    for engine in ("ds", "ort"):
        if engine in run:
            s = run[engine]
            parts.append(f"{engine} {s['median_ms']:.3f} ms ({s['gflops']:.2f} GFLOP/s"
                         + (f", {s['peak_pct']:.1f}% of peak" if "peak_pct" in s else "")
                         + ")")
    if "ratio" in run:
        parts.append(f"ds/ORT {run['ratio']:.2f}")
    if "compare" in run:
        c = run["compare"]
        parts.append(f"max abs diff {c['max_abs']:.3g}, rel {c['rel']:.3g}"
                     + ("" if c["ok"] else " ABOVE TOLERANCE"))
    for key in ("ds_error", "ort_error"):
        if key in run:
            parts.append(f"{key}: {run[key]}")
    return " ".join(parts)


# --- Peak memory in child processes -----------------------------------------

def measure_rss(name, onnx_path, so_path, feeds, threads, tools):
    rss = {}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = os.path.join(tmp, "inputs.npz")
        np.savez(inputs, **feeds)
        for engine, path in (("ds", so_path), ("ort", onnx_path)):
            if path is None:
                continue
            proc = subprocess.run(
                [sys.executable, os.path.join(HERE, "rss_child.py"), engine,
                 path, inputs, str(threads)] + ([tools["runtime"]] if engine == "ds" else []),
                capture_output=True, text=True, timeout=1800)
            if proc.returncode == 0:
                rss[engine] = json.loads(proc.stdout.strip().splitlines()[-1])
            else:
                rss[engine] = {"error": last_lines(proc.stderr)}
    print(f"   peak RSS: " + ", ".join(
        f"{e} {v['peak_kib'] / 1024:.0f} MiB (+{(v['peak_kib'] - v['baseline_kib']) / 1024:.0f})"
        if "peak_kib" in v else f"{e} failed" for e, v in rss.items()), flush=True)
    return rss


# --- Reports ----------------------------------------------------------------

def machine():
    info = {"cpu": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(), "system": f"{platform.system()} {platform.release()}"}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            info["memory_gib"] = round(int(f.readline().split()[1]) / 2**20, 1)
    except OSError:
        pass
    return info


def revision():
    try:
        rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "diff", "--quiet", "HEAD"]).returncode
        return rev + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def fmt(value, digits=2):
    return f"{value:.{digits}f}" if value is not None else "-"


def markdown(report):
    m, peak = report["machine"], report["peak"]
    lines = [
        f"Measured {report['date']} on {m['cpu']}, {m['cpus']} CPUs, "
        f"{m.get('memory_gib', '?')} GiB ({m['system']}); ds {report['revision']}, "
        f"onnxruntime {report['onnxruntime']}, numpy {report['numpy']}. "
        f"{report['rounds']} rounds, ds compiled with `{' '.join(report['ds_flags'])}`.",
        "",
        f"fp32 FMA peak (bench/fma_probe.c, {peak['isa']}, {peak.get('lanes')} lanes, "
        f"{peak.get('chains')} chains; the larger of the measurements before and after "
        "the models): "
        + ", ".join(f"{t} thread{'s' if t > 1 else ''} {g:.1f} GFLOP/s"
                    for t, g in sorted(peak["gflops"].items())) + ".",
        "",
        "| model | input | GFLOP | threads | ds ms | ORT ms | ds/ORT | ds GFLOP/s (% peak) "
        "| ORT GFLOP/s (% peak) | max abs diff | rel diff |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    errors = []
    for r in report["models"]:
        shape = "; ".join("x".join(map(str, s)) for s in r["inputs"].values())
        if r.get("ds_error"):
            errors.append(f"- {r['model']}: {r['ds_error']}")
        for threads, run in r["runs"].items():
            ds, ort = run.get("ds"), run.get("ort")
            c = run.get("compare")
            cells = [r["model"], shape, fmt(r["flops"] / 1e9, 3), str(threads),
                     fmt(ds and ds["median_ms"], 3) if ds else "failed",
                     fmt(ort and ort["median_ms"], 3) if ort else "failed",
                     fmt(run.get("ratio")),
                     f"{ds['gflops']:.2f} ({ds.get('peak_pct', 0):.1f}%)" if ds else "-",
                     f"{ort['gflops']:.2f} ({ort.get('peak_pct', 0):.1f}%)" if ort else "-",
                     f"{c['max_abs']:.2g}" if c else "-",
                     (f"{c['rel']:.2g}" + ("" if c["ok"] else " **!**")) if c else "-"]
            lines.append("| " + " | ".join(cells) + " |")
            for key in ("ds_error", "ort_error"):
                if key in run:
                    errors.append(f"- {r['model']}, {threads} threads: {run[key]}")
    if errors:
        lines += ["", "Failures:", ""] + errors
    rss = [r for r in report["models"] if r.get("rss")]
    if rss:
        lines += ["", f"Peak resident memory, each engine alone in a Python child process "
                  f"({max(report['threads'])} threads, 3 runs): the peak (VmHWM), and in "
                  "brackets the peak less the resident set after the imports of "
                  "numpy and the engine:", "",
                  "| model | ds MiB | ORT MiB |", "|---|---|---|"]
        for r in rss:
            def cell(v):
                if not v or "peak_kib" not in v:
                    return "failed" if v else "-"
                return (f"{v['peak_kib'] / 1024:.0f} "
                        f"(+{(v['peak_kib'] - v['baseline_kib']) / 1024:.0f})")
            lines.append(f"| {r['model']} | {cell(r['rss'].get('ds'))} | "
                         f"{cell(r['rss'].get('ort'))} |")
    return "\n".join(lines) + "\n"


def write_report(path, text):
    """Replaces what lies between the report markers of `path`; a file
    without them is written anew."""
    section = f"{REPORT_BEGIN}\n{text}{REPORT_END}\n"
    try:
        with open(path) as f:
            old = f.read()
    except OSError:
        old = ""
    if REPORT_BEGIN in old and REPORT_END in old:
        head, rest = old.split(REPORT_BEGIN, 1)
        tail = rest.split(REPORT_END, 1)[1].lstrip("\n")
        new = head + section + tail
    else:
        new = "# Benchmarks\n\n" + section
    with open(path, "w") as f:
        f.write(new)


# --- Command line -----------------------------------------------------------

def int_list(text):
    return [int(t) for t in text.split(",") if t]


def main():
    parser = argparse.ArgumentParser(
        description="ds against onnxruntime on whole models, interleaved rounds.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="models: " + ", ".join(model_makers.MODELS))
    parser.add_argument("--models", default=",".join(model_makers.MODELS),
                        help="comma-separated (default: all)")
    parser.add_argument("--threads", type=int_list, default=[1, 2],
                        help="thread counts, comma-separated (default 1,2)")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (7)")
    parser.add_argument("--runs", type=int, default=0,
                        help="timed runs per engine and round (default 0: as many "
                             "as fill --round-seconds, at most --max-runs)")
    parser.add_argument("--round-seconds", type=float, default=0.25)
    parser.add_argument("--max-runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=-1,
                        help="warmup runs per engine and round (default: as many "
                             "as fill 20 ms, at least 1, for runs under 0.5 s, "
                             "else 0)")
    parser.add_argument("--tolerance", type=float, default=1e-3,
                        help="flag outputs whose max abs diff over max |ORT| is above")
    parser.add_argument("--work-dir", default=os.path.join(ROOT, "build", "bench"))
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build"),
                        help="where bin/ds-compile, bin/ds-run, lib/libds_runtime.so are")
    parser.add_argument("--report", help="write the figures into this markdown file")
    parser.add_argument("--json", help="write every figure and sample count as JSON")
    parser.add_argument("--rss", action="store_true",
                        help="also the peak RSS of each engine, in child processes")
    parser.add_argument("--settle-ms", type=float, default=50.0,
                        help="pause before each engine's turn in a round, so that "
                             "the other engine's spinning threads sleep (50)")
    parser.add_argument("--no-ort-spinning", dest="ort_spinning", action="store_false",
                        help="onnxruntime's pool threads block instead of spinning")
    parser.add_argument("--ort-session-kept", dest="ort_session_per_turn",
                        action="store_false",
                        help="keep one onnxruntime session for all rounds (its idle "
                             "pool threads keep spinning during ds's turns); by "
                             "default each turn makes its own session")
    parser.add_argument("--quick", action="store_true",
                        help="one round, one run, a short probe: a smoke test")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a model fails or its outputs are above "
                             "the tolerance")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.runs, args.warmup = 1, 1, 0
    names = [n for n in args.models.split(",") if n]
    unknown = [n for n in names if n not in model_makers.MODELS]
    if unknown:
        parser.error(f"unknown models {unknown}; known: {', '.join(model_makers.MODELS)}")

    tools = {"ds-compile": os.path.join(args.build_dir, "bin", "ds-compile"),
             "ds-run": os.path.join(args.build_dir, "bin", "ds-run"),
             "runtime": os.path.join(args.build_dir, "lib", "libds_runtime.so")}
    for tool, path in tools.items():
        if not os.path.exists(path):
            sys.exit(f"run.py: {path} is missing: ninja -C {args.build_dir} "
                     "ds-compile ds-run ds_runtime")
    os.makedirs(args.work_dir, exist_ok=True)

    import onnxruntime
    probe = build_probe(args.work_dir)
    peak = measure_peak(probe, sorted(set(args.threads)), args.quick)
    print(f"fp32 FMA peak ({peak['isa']}): " + ", ".join(
        f"{t} threads {g:.1f} GFLOP/s" for t, g in sorted(peak["gflops"].items())),
        flush=True)
    report = {"date": datetime.date.today().isoformat(), "machine": machine(),
              "revision": revision(), "onnxruntime": onnxruntime.__version__,
              "numpy": np.__version__, "rounds": args.rounds, "threads": args.threads,
              "ds_flags": ["-O3"], "peak": peak, "models": []}
    for name in names:
        report["models"].append(bench_model(name, args, tools, peak, args.work_dir))
    # The peak once more at the end: another process's load during the first
    # measurement would understate it. The larger of the two counts.
    end = measure_peak(probe, sorted(set(args.threads)), args.quick)
    peak["gflops_start"], peak["gflops_end"] = dict(peak["gflops"]), end["gflops"]
    peak["gflops"] = {t: max(g, end["gflops"].get(t, 0)) for t, g in peak["gflops"].items()}
    for r in report["models"]:
        for threads, run in r["runs"].items():
            for engine in ("ds", "ort"):
                if engine in run and threads in peak["gflops"]:
                    run[engine]["peak_pct"] = 100 * run[engine]["gflops"] / \
                        peak["gflops"][threads]
    print(f"fp32 FMA peak at the end: " + ", ".join(
        f"{t} threads {g:.1f} GFLOP/s" for t, g in sorted(end["gflops"].items())),
        flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
    if args.report:
        write_report(args.report, markdown(report))
    flagged = [r["model"] for r in report["models"]
               for run in r["runs"].values()
               if run.get("compare") and not run["compare"]["ok"]]
    failed = [r["model"] for r in report["models"]
              if r.get("ds_error") or any("ds_error" in run or "ort_error" in run
                                          for run in r["runs"].values())]
    if flagged:
        print(f"outputs above tolerance: {sorted(set(flagged))}")
    if failed:
        print(f"failed: {sorted(set(failed))}")
    return 1 if args.strict and (flagged or failed) else 0


if __name__ == "__main__":
    sys.exit(main())
