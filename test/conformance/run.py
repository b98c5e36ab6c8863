#!/usr/bin/env python3
"""ONNX backend node tests through ds: import, compile, run, compare.

    run.py --bin BUILD/bin --work BUILD/conformance [--jobs N] [--target host]
           [--filter REGEX] [--expected FILE [--update]] [--report FILE]
           [--results FILE]

The tests are the node test cases of the pinned onnx package
(onnx.backend.test.case.node), written out once into WORK/data with a
fixed random seed: per test a model.onnx and test_data_set_*/input_*.pb,
output_*.pb, plus its tolerances. For each test, ds-compile builds the
model for --target (a library cached under WORK/cache by the hash of the
model and of the compiler), ds-run runs every data set, and each output is
compared with the reference as ONNX's backend runner does
(numpy.testing.assert_allclose with the test's rtol and atol: 1e-3 and
1e-7 unless the test says otherwise; NaNs equal; dtypes and shapes must
match).

An outcome is `pass`, or the stage that failed: `import` (ds-compile
exit 2), `compile` (exit 3: lowering, code generation, link), `run`
(ds-run failed), `mismatch` (with the worst error), each with a reason.

--expected FILE compares with the recorded outcomes: a test recorded as
`pass` that no longer passes is a regression and makes the exit status 1;
tests that newly pass are listed (rerun with --update to record them).
--report writes docs/conformance.md. --target other than host is for
later devices and cross targets (the runner must then be told how to run).
"""
import argparse
import concurrent.futures
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

import numpy as np

STAGES = ("pass", "import", "compile", "run", "mismatch")


# --- Test data -------------------------------------------------------------

def generate(data_dir):
    """Writes every node test of the pinned onnx into data_dir."""
    import onnx
    from onnx import numpy_helper

    np.random.seed(0)
    import onnx.backend.test.case.node as node_cases

    cases = node_cases.collect_testcases()
    tmp = data_dir + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    for case in cases:
        case_dir = os.path.join(tmp, case.name)
        os.makedirs(case_dir)
        with open(os.path.join(case_dir, "model.onnx"), "wb") as f:
            f.write(case.model.SerializeToString())
        graph = case.model.graph
        meta = {"rtol": case.rtol, "atol": case.atol,
                "ops": sorted({f"{n.domain or 'ai.onnx'}:{n.op_type}" for n in graph.node}),
                "inputs": [i.name for i in graph.input],
                "outputs": [o.name for o in graph.output],
                "data_sets": len(case.data_sets), "boundary": []}
        for i, (inputs, outputs) in enumerate(case.data_sets):
            set_dir = os.path.join(case_dir, f"test_data_set_{i}")
            os.makedirs(set_dir)
            for kind, values, infos in (("input", inputs, graph.input),
                                        ("output", outputs, graph.output)):
                for j, (value, info) in enumerate(zip(values, infos)):
                    path = os.path.join(set_dir, f"{kind}_{j}.pb")
                    if not info.type.HasField("tensor_type"):
                        meta["boundary"].append(info.type.WhichOneof("value"))
                        continue
                    proto = value if isinstance(value, onnx.TensorProto) else \
                        numpy_helper.from_array(np.asarray(value), info.name)
                    with open(path, "wb") as f:
                        f.write(proto.SerializeToString())
        with open(os.path.join(case_dir, "meta.json"), "w") as f:
            json.dump(meta, f)
    with open(os.path.join(tmp, "VERSION"), "w") as f:
        f.write(onnx.__version__)
    shutil.rmtree(data_dir, ignore_errors=True)
    os.rename(tmp, data_dir)


def onnx_version():
    import onnx
    return onnx.__version__


def ensure_data(work):
    data_dir = os.path.join(work, "data")
    version_file = os.path.join(data_dir, "VERSION")
    if not os.path.exists(version_file) or open(version_file).read() != onnx_version():
        print(f"conformance: writing the node tests of onnx {onnx_version()} to {data_dir}",
              flush=True)
        generate(data_dir)
    return data_dir


# --- One test ----------------------------------------------------------------

def file_hash(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def first_error(text):
    """The first line of a diagnostic that says what went wrong."""
    for line in text.splitlines():
        if "error:" in line:
            return line.split("error:", 1)[1].strip()
    lines = [l for l in text.splitlines() if l.strip()]
    return lines[0].strip() if lines else "(no message)"


def compile_model(test_dir, options):
    """(library path, None) or (None, (stage, reason)), cached."""
    model = os.path.join(test_dir, "model.onnx")
    key = hashlib.sha256((options.compiler_id + options.target).encode()
                         + open(model, "rb").read()).hexdigest()[:32]
    cache = os.path.join(options.work, "cache")
    lib, err = os.path.join(cache, key + ".so"), os.path.join(cache, key + ".err")
    if os.path.exists(lib):
        return lib, None
    if os.path.exists(err):
        stage, reason = open(err).read().split("\n", 1)
        return None, (stage, reason)
    args = [os.path.join(options.bin, "ds-compile"), model, "-o", lib + ".tmp"]
    if options.target != "host":
        args.append("--target=" + options.target)
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=300)
        code, text = result.returncode, result.stderr
    except subprocess.TimeoutExpired:
        code, text = 3, "error: ds-compile took more than 300 s"
    options.compiled += 1
    if code == 0:
        os.replace(lib + ".tmp", lib)
        return lib, None
    stage = {2: "import", 3: "compile"}.get(code, "compile")
    if code < 0:
        text = f"error: ds-compile crashed (signal {-code})\n" + text
    reason = first_error(text)
    with open(err, "w") as f:
        f.write(stage + "\n" + reason)
    return None, (stage, reason)


LOW_PRECISION_FLOATS = ("float8_e4m3fn", "float8_e4m3fnuz", "float8_e5m2",
                        "float8_e5m2fnuz", "float4_e2m1fn", "float8_e8m0fnu")


def compare(got, want, rtol, atol):
    """None if equal as ONNX's runner requires, else the reason."""
    # .npy has no bfloat16: ds-run writes its bits as uint16. Nor float8,
    # float4 or e8m0 (ml_dtypes' one-byte floats): their bits as uint8.
    if want.dtype.name == "bfloat16" and got.dtype == np.uint16:
        got = got.view(want.dtype)
    if want.dtype.name in LOW_PRECISION_FLOATS and got.dtype == np.uint8:
        got = got.view(want.dtype)
    if got.dtype != want.dtype:
        return f"dtype {got.dtype}, expected {want.dtype}"
    if got.shape != want.shape:
        return f"shape {list(got.shape)}, expected {list(want.shape)}"
    # ml_dtypes' floats (bfloat16, float8...) are not numpy float kinds
    # (float8_e5m2 claims to be one): compare their values as float32, with
    # the tolerances, NaN equal to NaN.
    if want.dtype.kind == "V" or want.dtype.name in LOW_PRECISION_FLOATS:
        got, want = got.astype(np.float32), want.astype(np.float32)
    if want.dtype.kind in "fc":
        try:
            np.testing.assert_allclose(got, want, rtol=rtol, atol=atol)
            return None
        except AssertionError:
            bad = ~np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True)
            diff = np.abs(got.astype(np.float64) - want.astype(np.float64))
            diff = np.where(bad, diff, 0)
            return (f"{int(bad.sum())} of {want.size} elements differ, worst abs "
                    f"{float(np.nanmax(diff)):.3g}")
    if not np.array_equal(got, want):
        return f"{int((got != want).sum())} of {want.size} elements differ"
    return None


def run_test(name, options):
    from onnx import TensorProto, numpy_helper

    test_dir = os.path.join(options.data, name)
    meta = json.load(open(os.path.join(test_dir, "meta.json")))
    lib, failure = compile_model(test_dir, options)
    if failure:
        return name, failure[0], failure[1], meta["ops"]
    out_root = os.path.join(options.work, "out", name)
    for i in range(meta["data_sets"]):
        set_dir = os.path.join(test_dir, f"test_data_set_{i}")
        out_dir = os.path.join(out_root, str(i))
        shutil.rmtree(out_dir, ignore_errors=True)
        os.makedirs(out_dir)
        args = [os.path.join(options.bin, "ds-run"), lib, "--output-dir", out_dir,
                "--threads", "1"]
        for j, input_name in enumerate(meta["inputs"]):
            path = os.path.join(set_dir, f"input_{j}.pb")
            if os.path.exists(path):
                args += ["--input", f"{input_name}={path}"]
        try:
            result = subprocess.run(args, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            return name, "run", "ds-run took more than 120 s", meta["ops"]
        if result.returncode != 0:
            why = first_error(result.stderr) if result.returncode > 0 else \
                f"ds-run crashed (signal {-result.returncode})"
            return name, "run", why, meta["ops"]
        for j, output_name in enumerate(meta["outputs"]):
            proto = TensorProto()
            with open(os.path.join(set_dir, f"output_{j}.pb"), "rb") as f:
                proto.ParseFromString(f.read())
            want = numpy_helper.to_array(proto)
            file = os.path.join(out_dir, output_name.replace("/", "_") + ".npy")
            if not os.path.exists(file):
                return name, "run", f"no output {output_name}", meta["ops"]
            why = compare(np.load(file), want, meta["rtol"], meta["atol"])
            if why:
                return name, "mismatch", f"output {output_name}: {why}", meta["ops"]
    shutil.rmtree(out_root, ignore_errors=True)
    return name, "pass", "", meta["ops"]


# --- Reports -----------------------------------------------------------------

CATEGORIES = [
    # (category, stage or None for any, pattern of the reason or of an op)
    ("ai.onnx.ml operators (not in ds's scope yet)", None, re.compile(r"ai\.onnx\.ml")),
    ("training operators (ai.onnx.preview.training; training is a later issue)",
     None, re.compile(r"ai\.onnx\.preview\.training")),
    ("string tensors and string operators (ds has no string type)", None,
     re.compile(r"string|Regex|TfIdfVectorizer", re.I)),
    # Before the element types: a verifier's message on a sequence lists
    # every tensor type ds has, float8 included.
    ("sequences, optionals and maps at the model boundary (a compiled model "
     "takes and returns tensors)", None,
     re.compile(r"!ds\.seq|!ds\.opt|sequence|optional|map_type", re.I)),
    ("float8, float4, int4 and int2 element types (int4 and int2 are not in "
     "ds's type list yet)", None,
     re.compile(r"float8|f8E|float4|f4E|int4|uint4|INT2|UINT2|\bi4\b|\bui4\b", re.I)),
    ("random operators: the reference values come from numpy's generator", None,
     re.compile(r"^ai\.onnx:Bernoulli$|bernoulli")),
    ("Attention with an external KV cache (nonpad_kv_seqlen) and the "
     "ai.onnx.preview domain", "import", re.compile(r"nonpad_kv_seqlen|ai\.onnx\.preview")),
    ("inputs ds takes as attributes that the model computes at run time in a "
     "form not handled yet (axes of unknown length, Split sizes, Squeeze axes, "
     "DFT axis, Col2Im image_shape)", "import",
     re.compile(r"computed at run time|must be a constant|squeeze without axes|"
                r"cannot split")),
    ("ops or op forms not imported yet (ImageDecoder, Dropout in training mode, "
     "blocked quantization, diagonal Einsum, Scan at opset 8, opset 1)", "import",
     re.compile(r"")),
    ("ds op not lowered to linalg yet", "compile", re.compile(r"not lowered")),
    ("other compile errors (reshapes the code generator cannot express yet)",
     "compile", re.compile(r"")),
    ("run-time errors", "run", re.compile(r"")),
    ("f16/bf16 rounding of intermediate results (the reference keeps f32 "
     "between ops) and reductions over empty axes given at run time", "mismatch",
     re.compile(r"")),
]


def category(name, stage, reason, ops):
    for label, want_stage, pattern in CATEGORIES:
        if want_stage and stage != want_stage:
            continue
        if pattern.search(reason) or (not want_stage and (
                pattern.search(name) or any(pattern.search(op) for op in ops))):
            return label
    return "other"


def write_report(path, results, wall, target, compiled):
    total = len(results)
    passed = sum(1 for r in results.values() if r["status"] == "pass")
    by_op = {}
    for name, r in results.items():
        if name.endswith("_expanded") or "_expanded_" in name:
            continue
        for op in r["ops"] or ["(none)"]:
            entry = by_op.setdefault(op, [0, 0])
            entry[1] += 1
            entry[0] += r["status"] == "pass"
    categories = {}
    for name, r in results.items():
        if r["status"] != "pass":
            c = category(name, r["status"], r["reason"], r["ops"])
            categories[c] = categories.get(c, 0) + 1
    lines = [
        "# ONNX backend conformance",
        "",
        "Generated by `test/conformance/run.py --report` (do not edit). The node",
        f"tests of onnx {onnx_version()} (every test, `_expanded` variants",
        f"included), imported, compiled for the `{target}` target and run by ds.",
        "",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Passed: **{passed} of {total} ({100.0 * passed / max(total, 1):.1f}%)**",
        f"- Wall time of this run: {wall:.0f} s, {compiled} models compiled in it "
        "(the others came from the cache of an earlier run; a run from scratch "
        "compiles all of them)",
        "",
        "## Failures by category",
        "",
        "| category | tests |",
        "|---|---|",
    ]
    for label, count in sorted(categories.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {label} | {count} |")
    lines += ["", "## Per operator", "",
              "Tests whose model uses the operator (`_expanded` variants left out",
              "here: they use many operators each).", "",
              "| operator | passed | tests |", "|---|---|---|"]
    for op, (ok, count) in sorted(by_op.items()):
        lines.append(f"| {op} | {ok} | {count} |")
    lines += ["", "## Every test", "", "| test | outcome | reason |", "|---|---|---|"]
    for name in sorted(results):
        r = results[name]
        reason = r["reason"].replace("|", "\\|")[:160]
        lines.append(f"| {name} | {r['status']} | {reason} |")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="folder with ds-compile and ds-run")
    parser.add_argument("--work", required=True, help="folder for data, cache and outputs")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--target", default="host")
    parser.add_argument("--filter", default="", help="only tests matching this regex")
    parser.add_argument("--expected", help="recorded outcomes to check against")
    parser.add_argument("--update", action="store_true", help="rewrite --expected")
    parser.add_argument("--report", help="write the markdown report here")
    parser.add_argument("--results", help="write every outcome as JSON here")
    parser.add_argument("--verbose", "-v", action="store_true")
    options = parser.parse_args()
    os.makedirs(os.path.join(options.work, "cache"), exist_ok=True)
    options.data = ensure_data(options.work)
    options.compiler_id = file_hash(os.path.join(options.bin, "ds-compile"))
    options.compiled = 0  # models compiled in this run (the rest were cached)

    names = sorted(n for n in os.listdir(options.data)
                   if os.path.isdir(os.path.join(options.data, n)))
    if options.filter:
        names = [n for n in names if re.search(options.filter, n)]
    start = time.time()
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=options.jobs) as pool:
        for name, status, reason, ops in pool.map(lambda n: run_test(n, options), names):
            results[name] = {"status": status, "reason": reason, "ops": ops}
            if options.verbose and status != "pass":
                print(f"{name}: {status}: {reason}", flush=True)
    wall = time.time() - start

    counts = {s: sum(1 for r in results.values() if r["status"] == s) for s in STAGES}
    total = len(results)
    print(f"conformance: {counts['pass']} of {total} node tests pass "
          f"({100.0 * counts['pass'] / max(total, 1):.1f}%) in {wall:.0f} s "
          f"({options.compiled} compiled, the rest cached); failed at "
          + ", ".join(f"{s}: {counts[s]}" for s in STAGES[1:]))

    if options.results:
        with open(options.results, "w") as f:
            json.dump(results, f, indent=1, sort_keys=True)
    if options.report:
        write_report(options.report, results, wall, options.target, options.compiled)

    status = 0
    if options.expected:
        expected = {}
        if os.path.exists(options.expected):
            for line in open(options.expected):
                if line.strip() and not line.startswith("#"):
                    test, outcome = line.split()[:2]
                    expected[test] = outcome
        regressions = sorted(n for n, r in results.items()
                             if expected.get(n) == "pass" and r["status"] != "pass")
        newly = sorted(n for n, r in results.items()
                       if r["status"] == "pass" and expected.get(n) != "pass")
        for n in regressions:
            print(f"REGRESSION: {n} passed before, now {results[n]['status']}: "
                  f"{results[n]['reason']}")
        if newly:
            print(f"conformance: {len(newly)} tests pass that the expected file does not "
                  "record; rerun with --update to record them: " + " ".join(newly[:20])
                  + (" ..." if len(newly) > 20 else ""))
        if options.update:
            merged = dict(expected)
            merged.update({n: r["status"] for n, r in results.items()})
            with open(options.expected, "w") as f:
                f.write("# Outcome of every ONNX node test (test/conformance/run.py "
                        "--update).\n# A test recorded as pass must keep passing.\n")
                for n in sorted(merged):
                    f.write(f"{n} {merged[n]}\n")
        elif regressions:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
