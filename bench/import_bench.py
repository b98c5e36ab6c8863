#!/usr/bin/env python3
"""Import time and peak memory of a ResNet-18-sized model (46.8 MB of fp32
weights), embedded and as external data. Runs ds-import-bench in fresh
processes, R times each, and prints medians; the memory figure is the peak
resident set grown by the import, against the size of the weights.

    import_bench.py <build dir> [runs=5]
"""
import os
import statistics
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))


def main(build, runs):
    tool = os.path.join(build, "bin", "ds-import-bench")
    with tempfile.TemporaryDirectory() as tmp:
        for variant, flags in (("embedded", []), ("external data", ["--external"])):
            path = os.path.join(tmp, f"resnet18-{len(flags)}.onnx")
            subprocess.run([sys.executable, os.path.join(here, "models", "resnet18.py"),
                            path] + flags, check=True, capture_output=True)
            weights = 11_689_512 * 4  # torchvision ResNet-18 parameters, fp32
            times, grown = [], []
            for _ in range(runs):
                out = subprocess.run([tool, path], check=True, capture_output=True,
                                     text=True).stdout
                values = dict(line.split() for line in out.splitlines())
                times.append(float(values["import_seconds"]))
                grown.append((int(values["peak_rss_after_kib"]) -
                              int(values["peak_rss_before_kib"])) * 1024)
            print(f"resnet18 ({variant}): import median {statistics.median(times):.3f} s "
                  f"(min {min(times):.3f}, max {max(times):.3f}); peak memory grown "
                  f"{statistics.median(grown) / 1e6:.1f} MB = "
                  f"{statistics.median(grown) / weights:.2f}x the {weights / 1e6:.1f} MB "
                  f"of weights; {runs} runs")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5)
