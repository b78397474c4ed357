"""The writer's create_or_replace: a file that may not exist yet is written whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mcli_lint.edit.writer import TEMP_SUFFIX, create_or_replace
from mcli_lint.loader import Limits


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_new_file_gets_the_mode_of_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "clusters.yaml"
    assert create_or_replace(str(target), b"clusters: []\n", Limits()) is None
    assert target.read_bytes() == b"clusters: []\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask()
    assert [p.name for p in tmp_path.iterdir()] == ["clusters.yaml"]


def test_an_existing_file_is_replaced_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "clusters.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    assert create_or_replace(str(target), b"new\n", Limits()) is None
    assert (target.read_bytes(), stat.S_IMODE(target.stat().st_mode)) == (b"new\n", 0o640)


def test_through_a_symlink_the_target_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_bytes(b"old\n")
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    assert create_or_replace(str(tmp_path / "link.yaml"), b"new\n", Limits()) is None
    assert (tmp_path / "link.yaml").is_symlink()
    assert (tmp_path / "real.yaml").read_bytes() == b"new\n"


def test_a_read_only_file_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "clusters.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o444)
    assert (
        create_or_replace(str(target), b"new\n", Limits()) == "is read-only (no write permission bit); left unchanged"
    )
    assert target.read_bytes() == b"old\n"


def test_a_directory_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "clusters.yaml").mkdir()
    found = create_or_replace(str(tmp_path / "clusters.yaml"), b"new\n", Limits())
    assert found == "cannot replace it: is a directory, not a file"


def test_a_missing_directory(tmp_path: Path) -> None:
    found = create_or_replace(str(tmp_path / "no" / "clusters.yaml"), b"x", Limits())
    assert found == f"cannot create a file in {tmp_path / 'no'}: No such file or directory"
    assert list(tmp_path.iterdir()) == []


def test_a_long_name_still_gets_a_temporary_file(tmp_path: Path) -> None:
    name = "c" * 250 + ".yaml"
    assert create_or_replace(str(tmp_path / name), b"x\n", Limits()) is None
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert not any(p.name.endswith(TEMP_SUFFIX) for p in tmp_path.iterdir())
