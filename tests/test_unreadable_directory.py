"""A directory that cannot be listed is reported (MCL005 on the directory, exit 1), never skipped in silence."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

CLEAN = "name: ok\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  cluster: r1z1\n  gpus: 8\n"
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory another user can reach (pytest's own temporary folders are private to their owner)."""
    top = Path(tempfile.mkdtemp(prefix="mcli-walk-"))
    top.chmod(0o755)
    yield top
    for directory, _, _ in os.walk(top):
        os.chmod(directory, 0o755)
    shutil.rmtree(top)


def as_a_user(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``mcli-lint ARGS`` run by a user the permission bits apply to (root drops to nobody once the
    command's modules are imported: nobody may not be able to read the Python installation)."""
    script = f"import contextlib, io, os, sys\nfrom mcli_lint.cli import main\nargs = {args!r}\n"
    if os.geteuid() == 0:
        script += (
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
            "    main([*args[:-1], 'runs/b'])\n"
            "os.setgid(65534); os.setuid(65534)\n"
        )
    script += "sys.exit(main(args))\n"
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize(
    ("args", "stdout", "stderr"),
    [
        (
            ["check", "--no-show-source", "runs"],
            "runs/a:1:1: MCL005 permission denied\nFound 1 error and 0 warnings in 2 files.\n",
            "",
        ),
        (
            ["fmt", "runs"],
            "",
            "runs/a:1:1: MCL005 permission denied\n0 files reformatted, 1 file left unchanged, 1 file not formatted.\n",
        ),
        (["infer", "--clusters", "clusters.json", "runs"], None, None),
    ],
    ids=["check", "fmt", "infer"],
)
def test_an_unlistable_directory_is_reported_and_fails_the_run(
    shared_dir: Path, args: list[str], stdout: str | None, stderr: str | None
) -> None:
    shutil.copy(EXAMPLES / "clusters.json", shared_dir / "clusters.json")
    for name in ("a", "b"):
        (shared_dir / "runs" / name).mkdir(parents=True)
        (shared_dir / "runs" / name / "run.yaml").write_text(CLEAN)
    (shared_dir / "runs" / "a").chmod(0)
    done = as_a_user(args, shared_dir)
    assert done.returncode == 1, done.stderr
    if stdout is None:
        assert done.stdout.startswith("runs/a:1:1: MCL005 permission denied\nruns/a: compute does not resolve\n")
    else:
        assert (done.stdout, done.stderr) == (stdout, stderr)
