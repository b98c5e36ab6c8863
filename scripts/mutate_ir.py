#!/usr/bin/env python3
"""Robustness check: mutates the ds IR of the test files (sizes in tensor
types, integer literals, attribute values) and runs ds-opt on each mutant
through verification, canonicalization and shape inference. Invalid IR must
be diagnosed, never crash. Deterministic for a given seed.

    mutate_ir.py <ds-opt> <count> <seed> <file.mlir>...

Exits non-zero and prints the mutant if ds-opt dies from a signal.
"""
import random
import re
import subprocess
import sys
import tempfile

NUMBER = re.compile(r"(?<![\w%#.])-?\d+(?![\w.])")
SIZE = re.compile(r"(?<=[<x])(\d+|\?)(?=x)")
PIPELINE = "builtin.module(func.func(ds-infer-shapes,canonicalize))"
REPLACEMENTS = ["0", "1", "-1", "2", "3", "7", "-5", "100000", "?"]


def chunks(path):
    return [c for c in open(path).read().split("// -----") if "ds." in c]


def mutate(text, rng):
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        pattern = SIZE if kind < 0.5 else NUMBER
        matches = list(pattern.finditer(text))
        if not matches:
            continue
        m = rng.choice(matches)
        choices = REPLACEMENTS if pattern is SIZE else REPLACEMENTS[:-1]
        text = text[: m.start()] + rng.choice(choices) + text[m.end():]
    return text


def main(argv):
    opt, count, seed = argv[1], int(argv[2]), int(argv[3])
    rng = random.Random(seed)
    pool = [c for path in argv[4:] for c in chunks(path)]
    crashes = 0
    for i in range(count):
        mutant = mutate(rng.choice(pool), rng)
        with tempfile.NamedTemporaryFile("w", suffix=".mlir") as f:
            f.write(mutant)
            f.flush()
            for args in ([], ["--pass-pipeline=" + PIPELINE],
                         ["--mlir-print-op-generic"]):
                r = subprocess.run([opt, f.name] + args, capture_output=True,
                                   text=True, timeout=60)
                if r.returncode < 0 or "Stack dump" in r.stderr:
                    crashes += 1
                    print(f"mutant {i} crashed ds-opt {' '.join(args)}:")
                    print(mutant)
                    print(r.stderr[-3000:])
                    break
    print(f"{count} mutants, {crashes} crashes")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
