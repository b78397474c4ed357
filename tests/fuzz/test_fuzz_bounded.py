"""Hostile files through every command in a child process under a memory limit, each within its time:
the limits are checked before work that can explode (digits, sexagesimal parts, nodes while
scanning, source lines shown), so each answer is a positioned diagnostic, exit 1, in seconds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
HEAD = "name: a\nimage: b\ncommand: c\ncompute:\n  gpus: 1\n"
# Address space for the child: the interpreter, the package and the largest input many times over.
MEMORY = 2 << 30
SECONDS = 20.0  # for one command on a file of up to 10 MB, on a loaded CI machine

CHILD = """
import contextlib, io, json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
from mcli_lint.cli import main
results = []
for args in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    began = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    results.append([args, code, time.perf_counter() - began, out.getvalue()[:2000], err.getvalue()[:2000]])
print(json.dumps(results))
"""

CHECK = ["check", "--no-show-source", "a.yaml"]
SHOWN = ["check", "--show-source", "a.yaml"]
FMT = ["fmt", "a.yaml"]
FIX = ["check", "--fix", "a.yaml"]
INFER = ["infer", "--write", "--clusters", "clusters.json", "a.yaml"]
TO_PYTHON = ["to-python", "a.yaml", "-o", "run.py"]
EVERY = [CHECK, SHOWN, FMT, FIX, INFER, TO_PYTHON]


def laughs() -> str:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    rows += [f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)]
    return HEAD + "parameters:\n" + "".join(f"  {row}\n" for row in rows)


# name: (the file, the commands, what each must say)
CASES = {
    "billion-laughs": (laughs, EVERY, "MCL006 more than 100000 nodes after alias and merge expansion"),
    "six-mb-flow-list-over-max-nodes": (
        lambda: (
            HEAD
            + "parameters:\n  x: ["
            + ", ".join(["abcdefghijklmnopqrstuvwxyz0123456789abcdefghijk"] * 120_000)
            + "]\n"
        ),
        [CHECK, INFER],
        "MCL006 more than 100000 nodes after alias and merge expansion",
    ),
    "nine-mb-number": (
        lambda: HEAD + "parameters:\n  x: " + "9" * 9_000_000 + "\n",
        [SHOWN],
        "MCL006 a number written with more than 4300 characters",
    ),
    "nine-mb-name-shown": (
        lambda: "image: b\ncommand: c\ncompute:\n  gpus: 1\nname: " + "a" * 9_000_000 + "\n",
        [SHOWN],
        "MCL202 `name` is 9000000 characters long",
    ),
    "sexagesimal-chain": (
        lambda: HEAD + "parameters:\n  x: " + ":".join(["1"] * 150_000) + "\n",
        [CHECK, TO_PYTHON],
        "MCL006 a number written with more than 4300 characters",
    ),
    "deep-flow": (
        lambda: HEAD + "parameters: " + "[" * 100_000 + "]" * 100_000 + "\n",
        [CHECK, FMT],
        "MCL006 nesting deeper than 64 levels",
    ),
    "merge-bomb": (
        lambda: (
            HEAD
            + "parameters:\n"
            + "".join(
                f"  m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 10)}], k{i}: 1}}\n" if i else "  m0: &m0 {k: 1}\n"
                for i in range(8)
            )
        ),
        EVERY,
        "MCL006 more than 100000 nodes after alias and merge expansion",
    ),
    "over-max-file-size": (
        lambda: HEAD + "parameters:\n  x: '" + "y" * 10_485_760 + "'\n",
        [CHECK, FMT],
        "MCL005 file is",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_hostile_files_are_refused_in_bounded_time_and_memory(tmp_path: Path, case: str) -> None:
    make, commands, message = CASES[case]
    text = make()
    (tmp_path / "a.yaml").write_text(text)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'bounded'\n")
    shutil.copy(EXAMPLES / "clusters.json", tmp_path / "clusters.json")
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(memory=MEMORY), json.dumps(commands)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=SECONDS * len(commands) + 60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for args, code, elapsed, out, err in json.loads(done.stdout):
        assert code == 1, (args, out, err)
        assert elapsed < SECONDS, (args, elapsed)
        assert "internal error" not in err and "Traceback" not in err, (args, err)
        assert message in out + err, (args, out, err)
    assert (tmp_path / "a.yaml").read_text() == text
