"""How fmt writes files: atomically, keeping the mode, through symlinks, never over a read-only file or a
concurrent edit, and never leaving a partial file when the write fails or is interrupted."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mcli_lint.cli import EXIT_FINDINGS, EXIT_OK, main
from mcli_lint.format import Status, format_path

MESSY = "image: bash\nname:   writer\ncommand: echo hi\ncompute:\n    gpus: 8  \n    cluster: c\n"
TIDY = "image: bash\nname: writer\ncommand: echo hi\ncompute:\n  gpus: 8\n  cluster: c\n"
# Large enough that the formatted text cannot be written under a 64-byte file-size limit.
BIG = MESSY + "parameters: {" + ", ".join(f"key{i}: {i}" for i in range(40)) + "}\n"
EDITED = "name: edited-meanwhile\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".mcli-fmt"))


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_mode_is_kept(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_file = work / "run.yaml"
    run_file.write_text(MESSY)
    run_file.chmod(0o755)
    assert run(["fmt", "run.yaml"], capsys)[0] == EXIT_OK
    assert (run_file.read_text(), stat.S_IMODE(run_file.stat().st_mode)) == (TIDY, 0o755)
    assert leftovers(work) == []


def test_a_read_only_file_is_refused(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Checked on the mode bits themselves: root could write (and rename over) the file anyway.
    run_file = work / "run.yaml"
    run_file.write_text(MESSY)
    run_file.chmod(0o444)
    assert run(["fmt", "run.yaml"], capsys) == (
        EXIT_FINDINGS,
        "",
        "run.yaml: is read-only (no write permission bit); left unchanged\n"
        "0 files reformatted, 0 files left unchanged, 1 file not formatted.\n",
    )
    assert (run_file.read_text(), stat.S_IMODE(run_file.stat().st_mode)) == (MESSY, 0o444)
    assert run(["fmt", "--check", "run.yaml"], capsys)[0] == EXIT_FINDINGS  # checking needs no write bit
    assert leftovers(work) == []


def test_a_symlink_formats_its_target_and_stays_a_link(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "real").mkdir()
    target = work / "real" / "run.yaml"
    target.write_text(MESSY)
    (work / "link.yaml").symlink_to(os.path.join("real", "run.yaml"))
    assert run(["fmt", "link.yaml"], capsys)[0] == EXIT_OK
    assert (work / "link.yaml").is_symlink()
    assert os.readlink(work / "link.yaml") == os.path.join("real", "run.yaml")
    assert target.read_text() == TIDY
    assert leftovers(work / "real") == leftovers(work) == []


def test_a_concurrent_edit_is_not_overwritten(work: Path) -> None:
    run_file = work / "run.yaml"
    run_file.write_text(MESSY)

    def edit_meanwhile() -> None:
        run_file.write_text(EDITED)

    done = format_path(str(run_file), before_rename=edit_meanwhile)
    assert (done.status, done.message) == (Status.REFUSED, "changed on disk while being formatted; left as it is now")
    assert run_file.read_text() == EDITED
    assert leftovers(work) == []


def test_an_editors_atomic_save_is_not_overwritten(work: Path) -> None:
    run_file = work / "run.yaml"
    run_file.write_text(MESSY)

    def save_as_editors_do() -> None:
        (work / "run.yaml.swp").write_text(MESSY)  # same bytes, another file: still another save
        os.replace(work / "run.yaml.swp", run_file)

    done = format_path(str(run_file), before_rename=save_as_editors_do)
    assert done.status is Status.REFUSED
    assert run_file.read_text() == MESSY


def test_an_interrupted_write_leaves_the_original(work: Path) -> None:
    run_file = work / "run.yaml"
    run_file.write_text(MESSY)

    def interrupt() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        format_path(str(run_file), before_rename=interrupt)
    assert run_file.read_text() == MESSY
    assert leftovers(work) == []


# ------------------------------------------------------------------------- in a separate process, for real

PRELUDE = """
import os, resource, signal, sys
from mcli_lint.cli import main
from mcli_lint.format import format_path, comments, report, verify
from mcli_lint.edit import writer
"""


def python(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PRELUDE + script], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_a_write_over_the_file_size_limit_leaves_the_original(work: Path) -> None:
    (work / "run.yaml").write_text(BIG)
    # The limit makes write() fail with EFBIG (Python ignores SIGXFSZ) once the temporary file is 64 bytes.
    done = python("resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))\nsys.exit(main(['fmt', 'run.yaml']))", work)
    assert (done.returncode, done.stderr) == (
        EXIT_FINDINGS,
        "run.yaml: cannot write: File too large; left unchanged\n"
        "0 files reformatted, 0 files left unchanged, 1 file not formatted.\n",
    )
    assert (work / "run.yaml").read_text() == BIG
    assert leftovers(work) == []


def test_a_killed_write_leaves_the_original(work: Path) -> None:
    (work / "run.yaml").write_text(MESSY)
    # Killed after the new bytes are written, just before the rename: nothing can clean up after SIGKILL.
    script = "format_path('run.yaml', before_rename=lambda: os.kill(os.getpid(), signal.SIGKILL))"
    done = python(script, work)
    assert done.returncode == -signal.SIGKILL
    assert (work / "run.yaml").read_text() == MESSY
    left = leftovers(work)
    assert len(left) == 1 and left[0].startswith(".run.yaml.")
    assert (work / left[0]).read_text() == TIDY  # a complete copy, never a partial original


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory another user can reach (pytest's own temporary folders are private to their owner)."""
    top = Path(tempfile.mkdtemp(prefix="mcli-fmt-"))
    top.chmod(0o755)
    yield top
    for directory, _, _ in os.walk(top):
        os.chmod(directory, 0o755)
    subprocess.run(["rm", "-rf", str(top)], check=False)


def test_an_unwritable_directory_is_reported_and_the_file_left_alone(shared_dir: Path) -> None:
    runs = shared_dir / "runs"
    runs.mkdir()
    run_file = runs / "run.yaml"
    run_file.write_text(MESSY)
    run_file.chmod(0o666)  # the file is writable: only the directory (for the temporary file) is not
    runs.chmod(0o555)
    script = "sys.exit(main(['fmt', 'runs/run.yaml']))"
    if os.geteuid() == 0:
        # Root ignores permission bits: drop to nobody, once a dry run has imported all the command needs
        # (nobody may not be able to read the Python installation).
        warm_up = "with contextlib.redirect_stderr(io.StringIO()): main(['fmt', '--check', 'runs/run.yaml'])"
        script = f"import contextlib, io\n{warm_up}\nos.setgid(65534); os.setuid(65534)\n{script}"
    done = python(script, shared_dir)
    assert (done.returncode, done.stderr) == (
        EXIT_FINDINGS,
        "runs/run.yaml: cannot create a file in " + str(runs) + ": Permission denied; left unchanged\n"
        "0 files reformatted, 0 files left unchanged, 1 file not formatted.\n",
    )
    assert run_file.read_text() == MESSY
    assert leftovers(runs) == []
