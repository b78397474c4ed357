"""Time `fmt --check` against `check` on the same files, side by side, and print the ratios.

    python benchmarks/fmt.py                      # 1 file and 2 000 files, 5 runs each
    python benchmarks/fmt.py --sizes 1 2000 10000 --repeat 7

Two copies of the corpus (benchmarks/corpus.py): as written (every file needs formatting: a quoted
scalar continued at column 0) and already formatted (by `fmt` itself), so both of fmt's paths are
timed: verifying and reporting a change, and finding nothing to do. Every command is a whole process
(start-up included), wall clock; the commands of one round run back to back, and each figure is the
median over the rounds, so load from other processes on the machine hits both sides alike.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus
from run import ENV

BIN = Path(sys.executable).parent


def once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    tool = str(BIN / "mcli-lint")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            raw = Path(scratch) / f"raw-{size}"
            write_corpus(raw, size)
            formatted = Path(scratch) / f"formatted-{size}"
            shutil.copytree(raw, formatted)
            subprocess.run([tool, "fmt", str(formatted)], capture_output=True, check=True)
            commands = {
                "check": [tool, "check", str(raw)],
                "fmt --check (needs formatting)": [tool, "fmt", "--check", str(raw)],
                "fmt --check (formatted)": [tool, "fmt", "--check", str(formatted)],
            }
            times: dict[str, list[float]] = {name: [] for name in commands}
            for _ in range(args.repeat):
                for name, command in commands.items():
                    times[name].append(once(command))
            rows.append((size, {name: statistics.median(runs) for name, runs in times.items()}))
    print("| files | check | fmt --check, needs formatting | fmt --check, formatted | ratios to check |")
    print("|---:|---:|---:|---:|---|")
    for size, median in rows:
        base = median["check"]
        dirty, clean = median["fmt --check (needs formatting)"], median["fmt --check (formatted)"]
        print(f"| {size} | {base:.3f} s | {dirty:.3f} s | {clean:.3f} s | {dirty / base:.2f}x, {clean / base:.2f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
