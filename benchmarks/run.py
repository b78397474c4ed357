"""Time mcli-lint against the alternatives on the same corpus, in one run, and print ratios.

    pip install -e '.[bench]'              # check-jsonschema and yamllint
    python benchmarks/run.py               # 1 file, 100, 2 000 and 10 000 files
    python benchmarks/run.py --sizes 1 2000 --repeat 5 --markdown results.md

Every command is timed as a whole process (start-up included), wall clock, median of the runs.
The parse floors are loops inside one process, start-up excluded: libyaml (``yaml.load`` with
``CSafeLoader``, the practical floor) and PyYAML's pure loader (what mcli uses). check-jsonschema
gets the very same schema (``mcli-lint schema``). Slow tools are skipped above --slow-limit files.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

BIN = Path(sys.executable).parent
# Bytecode is written and reused, as after a normal install.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
ENV.pop("GITHUB_ACTIONS", None)

FLOOR = """
import sys, time, yaml
paths = sys.argv[2:]
loader = {"libyaml": yaml.CSafeLoader, "pure": yaml.SafeLoader}[sys.argv[1]]
start = time.perf_counter()
for path in paths:
    with open(path, encoding="utf-8") as handle:
        yaml.load(handle, Loader=loader)
print(time.perf_counter() - start)
"""

PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def timed(command: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def floor(kind: str, paths: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", FLOOR, kind, *paths], capture_output=True, text=True, env=ENV, check=True
        )
        runs.append(float(done.stdout))
    return statistics.median(runs)


def peak_kib(command: list[str]) -> int:
    done = subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True, text=True, env=ENV)
    return int(done.stdout)


def tool(name: str) -> str | None:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 2000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slow-limit", type=int, default=2000, help="skip check-jsonschema/yamllint above this")
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    args = parser.parse_args()

    mcli_lint = tool("mcli-lint")
    if mcli_lint is None:
        print("mcli-lint is not installed: pip install -e .", file=sys.stderr)
        return 2
    check_jsonschema, yamllint = tool("check-jsonschema"), tool("yamllint")
    if check_jsonschema is None or yamllint is None:
        print("note: install the alternatives with: pip install -e '.[bench]'", file=sys.stderr)

    work = Path(tempfile.mkdtemp(prefix="mcli-lint-bench-"))
    schema = work / "run.schema.json"
    schema.write_text(subprocess.run([mcli_lint, "schema"], capture_output=True, text=True, check=True).stdout)
    corpus = write_corpus(work / "corpus", max(args.sizes))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(mcli_lint).resolve().parent.parent)], env=ENV)
    timed([mcli_lint, "--version"], 1)  # write bytecode once

    rows = []
    for size in args.sizes:
        paths = [str(p) for p in corpus[:size]]
        repeat = args.repeat * 5 if size == 1 else args.repeat
        row: dict[str, float | None] = {
            "libyaml floor": floor("libyaml", paths, repeat),
            "pure floor": floor("pure", paths, repeat),
            "mcli-lint": timed([mcli_lint, "--format", "json", *paths], repeat),
            "check-jsonschema": None,
            "yamllint": None,
        }
        if size <= args.slow_limit:
            if check_jsonschema:
                row["check-jsonschema"] = timed([check_jsonschema, "--schemafile", str(schema), *paths], repeat)
            if yamllint:
                row["yamllint"] = timed([yamllint, "-f", "parsable", *paths], repeat)
        peak = peak_kib([mcli_lint, "--format", "json", *paths])
        rows.append((size, row, peak))
        print(f"{size} files done", file=sys.stderr)

    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, {platform.system()}",
        "",
        "| files | libyaml floor | pure floor | mcli-lint | check-jsonschema | yamllint "
        "| mcli-lint / libyaml | mcli-lint / check-jsonschema | mcli-lint peak RSS |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def seconds(value: float | None) -> str:
        return "—" if value is None else f"{value:.3f} s"

    for size, row, peak in rows:
        ours = row["mcli-lint"]
        assert ours is not None
        floor_ratio = f"{ours / row['libyaml floor']:.2f}x" if row["libyaml floor"] else "—"
        cj = row["check-jsonschema"]
        cj_ratio = f"{ours / cj:.3f} (1/{cj / ours:.1f})" if cj else "—"
        lines.append(
            f"| {size} | {seconds(row['libyaml floor'])} | {seconds(row['pure floor'])} | {seconds(ours)} "
            f"| {seconds(cj)} | {seconds(row['yamllint'])} | {floor_ratio} | {cj_ratio} | {peak / 1024:.0f} MiB |"
        )
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
