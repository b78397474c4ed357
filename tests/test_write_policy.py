"""The one write policy, for every command that writes (fmt, check --fix, infer --write): never out of
the tree given through a symlink, never to a read-only file, never over a concurrent edit; mode, owner,
ACLs and extended attributes kept; temporary names that fit any file name."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import struct
from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_FINDINGS, EXIT_OK
from mcli_lint.compute.write import WriteError, write_compute
from mcli_lint.loader import Limits, load_text
from tests.cli_helpers import run
from tests.needs import in_ci

EXAMPLES = Path(__file__).parent.parent / "examples"
# Reformatted by fmt (indented by four), fixed by --fix (the branch 1.10 read as a number), completed by infer.
RUN = (
    "name: ok\nimage: bash\ncommand: echo hi\ncompute:\n    cluster: r1z1\n    gpus: 16\n"
    "integrations:\n  - {integration_type: git_repo, git_repo: a/b, git_branch: 1.10}\n"
)
COMMANDS = {
    "fmt": ["fmt"],
    "fix": ["check", "--fix", "--unsafe-fixes", "--no-show-source"],
    "infer": ["infer", "--write", "--clusters", "clusters.json"],
}


@pytest.fixture
def runs(work: Path) -> Path:
    shutil.copy(EXAMPLES / "clusters.json", work / "clusters.json")
    (work / "tree").mkdir()
    return work / "tree"


def temporaries(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if "mcli" in p.name and p.name != "clusters.json")


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_rewrites_a_file_in_the_tree(runs: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    (runs / "a.yaml").write_text(RUN)
    code, _, _ = run([*COMMANDS[command], "tree"], capsys)
    assert code == EXIT_OK
    assert (runs / "a.yaml").read_text() != RUN
    assert temporaries(runs) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symlink_out_of_the_tree_is_reported_and_left_alone(
    runs: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    outside = runs.parent / "outside.yaml"
    outside.write_text(RUN)
    (runs / "link.yaml").symlink_to(os.path.join("..", "outside.yaml"))
    (runs / "inside.yaml").write_text(RUN)
    (runs / "inner.yaml").symlink_to("inside.yaml")  # a link inside the tree is followed
    code, _, err = run([*COMMANDS[command], "tree"], capsys)
    assert code == EXIT_FINDINGS
    assert f"is a symlink to {outside}, outside tree; left unchanged\n" in err
    assert outside.read_text() == RUN
    assert (runs / "inside.yaml").read_text() != RUN
    assert (runs / "link.yaml").is_symlink() and (runs / "inner.yaml").is_symlink()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symlink_named_itself_writes_its_target(runs: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    outside = runs.parent / "outside.yaml"
    outside.write_text(RUN)
    (runs / "link.yaml").symlink_to(os.path.join("..", "outside.yaml"))
    code, _, _ = run([*COMMANDS[command], "tree/link.yaml"], capsys)
    assert code == EXIT_OK
    assert outside.read_text() != RUN and (runs / "link.yaml").is_symlink()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_file_is_never_written_and_the_run_fails(
    runs: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    # The tests run as root in CI containers: the mode bits themselves are the promise.
    target = runs / "a.yaml"
    target.write_text(RUN)
    target.chmod(0o444)
    code, _, err = run([*COMMANDS[command], "tree/a.yaml"], capsys)
    assert code == EXIT_FINDINGS
    assert "is read-only (no write permission bit); left unchanged\n" in err
    assert (target.read_text(), stat.S_IMODE(target.stat().st_mode)) == (RUN, 0o444)


def test_infer_never_writes_over_an_edit_saved_after_it_read_the_file(runs: Path) -> None:
    target = runs / "a.yaml"
    target.write_text(RUN)
    loaded = load_text(RUN)
    assert loaded.document is not None
    target.write_text(RUN.replace("echo hi", "echo edited"))
    with pytest.raises(WriteError, match=r"^the file changed while it was being read$"):
        write_compute(str(target), loaded.document, {"instance": "a100-8x"}, Limits())
    assert target.read_text() == RUN.replace("echo hi", "echo edited")


def _acl(*entries: tuple[int, int, int]) -> bytes:
    """A POSIX access ACL as Linux stores it in ``system.posix_acl_access``."""
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", tag, perm, uid) for tag, perm, uid in entries)


ANY = 0xFFFFFFFF
# user::rw-, user:nobody:rw-, group::r--, mask::rw-, other::r--
ACL = _acl((0x01, 6, ANY), (0x02, 6, 65534), (0x04, 4, ANY), (0x10, 6, ANY), (0x20, 4, ANY))


@pytest.mark.parametrize("command", COMMANDS)
def test_acls_and_extended_attributes_are_kept(runs: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    target = runs / "a.yaml"
    target.write_text(RUN)
    try:
        os.setxattr(target, "user.origin", b"kept")
        os.setxattr(target, "system.posix_acl_access", ACL)
    except OSError as error:
        if error.errno != errno.ENOTSUP or in_ci():
            raise
        pytest.skip(f"this file system has no extended attributes or ACLs: {error}")
    mode = stat.S_IMODE(target.stat().st_mode)
    code, _, _ = run([*COMMANDS[command], "tree/a.yaml"], capsys)
    assert code == EXIT_OK
    assert target.read_text() != RUN
    assert os.getxattr(target, "user.origin") == b"kept"
    assert os.getxattr(target, "system.posix_acl_access") == ACL
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.parametrize("command", COMMANDS)
def test_the_longest_file_name_is_written(runs: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    name = "r" * (os.pathconf(runs, "PC_NAME_MAX") - len(".yaml")) + ".yaml"
    (runs / name).write_text(RUN)
    code, _, err = run([*COMMANDS[command], "tree"], capsys)
    assert code == EXIT_OK, err
    assert (runs / name).read_text() != RUN
    assert os.listdir(runs) == [name]  # no temporary file left


def test_fix_fails_when_it_cannot_write_even_if_only_warnings_remain(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "d.yaml").write_text("name: ok\nimage: bash\ncommand: echo hi\ngpu_num: 16\n")
    (work / "d.yaml").chmod(0o444)
    assert run(["check", "--fix", "--unsafe-fixes", "--no-show-source", "d.yaml"], capsys) == (
        EXIT_FINDINGS,
        "d.yaml:4:1: MCL106 top-level `gpu_num` is deprecated; use `compute.gpus`\n"
        "  help: move it under `compute:` as `gpus`\n"
        "Found 0 errors and 1 warning in 1 file.\n",
        "d.yaml: not fixed: is read-only (no write permission bit); left unchanged\n",
    )


def test_a_fix_that_cannot_be_written_fails_even_with_exit_zero(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "d.yaml").write_text("name: ok\nimage: bash\ncommand: echo hi\ngpu_num: 16\n")
    (work / "d.yaml").chmod(0o444)
    code, _, err = run(["check", "--fix", "--unsafe-fixes", "--exit-zero", "--no-show-source", "d.yaml"], capsys)
    assert (code, err) == (EXIT_FINDINGS, "d.yaml: not fixed: is read-only (no write permission bit); left unchanged\n")
