#!/usr/bin/env python3
"""Checks the references generated from ODS: every op and every pass has a
summary, a description and an ```mlir example, and every op is listed in the
hand-written overview. Usage:

    check_docs.py <overview.md> <dialect.md> <passes.md>...
"""
import re
import sys


def sections(text, heading):
    parts = re.split(r"\n%s `" % re.escape(heading), text)
    return [(p.split("`", 1)[0], p) for p in parts[1:]]


def main(argv):
    problems = []
    count = 0
    overview = open(argv[1]).read()
    dialect = open(argv[2]).read()
    for name, body in sections(dialect, "###"):
        count += 1
        mnemonic = name.split(".", 1)[1]
        if f"`{mnemonic}`" not in overview:
            problems.append(f"op {name}: not listed in {argv[1]}")
        if not re.search(r"\n_[^\n]+_\n", body):
            problems.append(f"op {name}: no summary")
        if "```mlir" not in body:
            problems.append(f"op {name}: no mlir example in the description")
    for path in argv[3:]:
        for name, body in sections(open(path).read(), "###"):
            count += 1
            if "```mlir" not in body:
                problems.append(f"pass {name}: no mlir example in the description")
    for p in problems:
        print(p)
    print(f"checked {count} ops and passes, {len(problems)} problems")
    return 1 if problems or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
