"""Time the command's start-up (``--help``, one file) in this tree against a git revision.

    python benchmarks/startup.py                     # this tree, against main
    python benchmarks/startup.py --baseline HEAD~3 --rounds 40

Each command runs as the installed ``mcli-lint`` script does (``from MODULE import FUNC;
sys.exit(FUNC())``, MODULE:FUNC read from each tree's ``[project.scripts]``), as a whole process,
with the tree first on ``sys.path``, from a temporary folder holding one run file (so no
pyproject.toml is found). The trees take turns, command by command, so a machine that gets busier
or quieter weighs on both alike. Reported: the median wall-clock time and the median CPU time (user
+ system: what the process itself cost, which load from other processes disturbs much less).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_FILE = ROOT / "examples" / "llm-finetune.yaml"
# Bytecode is written and reused, as after a normal install.
ENV = {key: value for key, value in os.environ.items() if key not in ("PYTHONDONTWRITEBYTECODE", "GITHUB_ACTIONS")}
CASES = {
    "--help": ["--help"],
    "check one.yaml": ["check", "one.yaml"],
    "one.yaml": ["one.yaml"],
}


def script_of(tree: Path) -> tuple[str, str]:
    """The module and function ``[project.scripts] mcli-lint`` names in ``tree``."""
    with open(tree / "pyproject.toml", "rb") as stream:
        target: str = tomllib.load(stream)["project"]["scripts"]["mcli-lint"]
    module, _, function = target.partition(":")
    return module, function


def extract(revision: str, into: Path) -> Path:
    """The package, schema and pyproject of ``revision``, written below ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "mcli_lint", "schema", "pyproject.toml"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default="main", help="git revision to compare with [default: main]")
    parser.add_argument("--rounds", type=int, default=20, help="runs of each command in each tree [default: 20]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch) / "work"
        work.mkdir()
        shutil.copyfile(RUN_FILE, work / "one.yaml")
        trees = {"this tree": ROOT, args.baseline: extract(args.baseline, Path(scratch) / "baseline")}
        commands = {}
        for label, tree in trees.items():
            module, function = script_of(tree)
            env = {**ENV, "PYTHONPATH": str(tree)}
            prefix = [sys.executable, "-c", f"import sys; from {module} import {function}; sys.exit({function}())"]
            commands[label] = (prefix, env)
        for prefix, env in commands.values():  # bytecode written, caches warm
            for case in CASES.values():
                timed(prefix + case, env, work)
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(args.rounds):
            for case, case_args in CASES.items():
                for label, (prefix, env) in commands.items():
                    results.setdefault((label, case), []).append(timed(prefix + case_args, env, work))
    medians = {
        key: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for key, runs in results.items()
    }
    quick = medians[(args.baseline, "one.yaml")]
    print(f"{args.rounds} rounds; ratios are to {args.baseline}'s `mcli-lint one.yaml`\n")
    print("| tree | command | wall (median) | cpu (median) | wall ratio | cpu ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for (label, case), (wall, cpu) in medians.items():
        print(
            f"| {label} | `mcli-lint {case}` | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms"
            f" | {wall / quick[0]:.2f}x | {cpu / quick[1]:.2f}x |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
