"""What every command must do on any input, checked on each fuzzed run: the oracles of the fuzz suite."""

from __future__ import annotations

import contextlib
import io
import json
import math
import time
from pathlib import Path
from typing import Any

import yaml

from mcli_lint.cli import main

# Seconds one command may take on a fuzzed file of a few kilobytes, on a loaded CI machine.
COMMAND_SECONDS = 30.0
# The deprecated top-level fields --fix moves, and where (README: Rules, MCL106).
MOVED = {"cluster": "cluster", "gpu_type": "gpu_type", "gpu_num": "gpus", "cpus": "cpus"}


def invoke(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """``mcli-lint ARGS`` in process, in ``cwd``: (exit code, stdout, stderr), timed."""
    out, err = io.StringIO(), io.StringIO()
    began = time.perf_counter()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    elapsed = time.perf_counter() - began
    assert elapsed < COMMAND_SECONDS, f"{args} took {elapsed:.1f} s"
    return code, out.getvalue(), err.getvalue()


def assert_ended_well(code: int, err: str, *, usage: bool = False) -> None:
    """Exit 0 or 1 (2 only for usage and configuration), never an internal error or a traceback."""
    assert code in ((0, 1, 2) if usage else (0, 1)), (code, err)
    assert "internal error" not in err, err
    assert "Traceback" not in err, err


def lines_as_read(data: bytes) -> list[str]:
    """The file's lines as positions count them: UTF-8 (undecodable bytes as one character each),
    CRLF and lone CR ending lines as LF does."""
    text = data.decode("utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_positions_inside(report: dict[str, Any], name: str, data: bytes) -> None:
    """Every diagnostic on the file starts and ends inside it (a column may be one past a line's end)."""
    lines = lines_as_read(data)
    for d in report["diagnostics"]:
        if d["path"] != name:
            continue
        start, end = (d["start"]["line"], d["start"]["column"]), (d["end"]["line"], d["end"]["column"])
        assert start <= end, d
        for line, column in (start, end):
            assert 1 <= line <= len(lines), d
            assert 1 <= column <= len(lines[line - 1]) + 1, (d, lines[line - 1][:80])


def mcli_reads(data: bytes) -> tuple[bool, Any]:
    """(True, data) as mcli 0.8.3 reads the file (UTF-8 text mode, PyYAML's safe_load), else (False, None)."""
    try:
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        return True, yaml.safe_load(text)
    except Exception:  # anything mcli would fail on
        return False, None


def same(a: Any, b: Any) -> bool:
    """Equal data, types included (1, 1.0 and True differ), NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict):
        return len(a) == len(b) and all(k in b and same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def assert_fmt_kept_data(before: bytes, after: bytes) -> None:
    """fmt changes layout only: a file mcli cannot read is left as it is; any other keeps its data."""
    if after == before:
        return
    read, old = mcli_reads(before)
    assert read, "fmt rewrote a file mcli cannot read"
    read, new = mcli_reads(after)
    assert read and same(old, new), "fmt changed the data"


def fixes(err: str, name: str) -> list[str]:
    """The fixes --fix reports, as `CODE pointer`."""
    prefix = f"{name}: fixed "
    return [item for line in err.splitlines() if line.startswith(prefix) for item in line[len(prefix) :].split(", ")]


def _delete(data: Any, pointer: str) -> None:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    for part in parts[:-1]:
        data = data[int(part)] if isinstance(data, list) else data[part]
    if isinstance(data, list):
        del data[int(parts[-1])]
    else:
        del data[parts[-1]]


def assert_fix_changed_only_what_it_reported(before: bytes, after: bytes, err: str, name: str) -> None:
    """--fix changes data at the pointers it reports, nowhere else (not through aliases either)."""
    if after == before:
        return
    done = fixes(err, name)
    pointers = list(dict.fromkeys(item.split(" ", 1)[1] for item in done))
    assert pointers, "--fix changed the file without reporting a fix"
    read, old = mcli_reads(before)
    assert read and isinstance(old, dict)
    read, new = mcli_reads(after)
    assert read and isinstance(new, dict)
    old, new = json.loads(json.dumps(old, default=str)), json.loads(json.dumps(new, default=str))  # unshared copies
    if "/env_variables" in pointers:
        assert new["env_variables"] == {item["key"]: item["value"] for item in old["env_variables"]} or any(
            p.startswith("/env_variables/") for p in pointers
        )
        del old["env_variables"], new["env_variables"]
    for pointer in pointers:
        if pointer.startswith("/env_variables") and "/env_variables" in pointers:  # converted as a whole
            continue
        field = pointer[1:]
        if field in MOVED:
            quoted = f"MCL108 {pointer}" in done  # quoted, then moved
            moved = new["compute"][MOVED[field]]
            assert isinstance(moved, str) if quoted else same(moved, old[field])
            _delete(old, pointer)
            _delete(new, f"/compute/{MOVED[field]}")
            if new["compute"] == {} and "compute" not in old:
                del new["compute"]
        else:
            _delete(old, pointer)
            _delete(new, pointer)
    assert same(old, new), "--fix changed data it did not report"
