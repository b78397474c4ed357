"""File-system objects in a tree given to every command: FIFOs, sockets, symlinks (inside, out of the
tree, dangling, looping), directories named like run files, empty and unreadable files. Each command
ends with exit 0 or 1, never blocks (a watchdog ends the run), and writes nothing outside the tree."""

from __future__ import annotations

import faulthandler
import os
import shutil
import socket
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from tests.fuzz.mutations import SEEDS, mutated_runs
from tests.fuzz.oracles import assert_ended_well, invoke
from tests.profiles import scaled

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
KINDS = [
    "seed",
    "mutated",
    "empty",
    "fifo",
    "socket",
    "link-inside",
    "link-outside",
    "dangling",
    "loop",
    "dir-named-yaml",
    "dir-link",
    "unreadable",
]
COMMANDS = [
    ["check", "--format", "json", "tree"],
    ["fmt", "tree"],
    ["fmt", "--check", "tree"],
    ["check", "--fix", "tree"],
    ["infer", "--write", "--clusters", "clusters.json", "tree"],
]
WATCHDOG_SECONDS = 60


def make(tree: Path, index: int, kind: str, data: bytes) -> None:
    target = tree / f"sub{index % 2}" / f"r{index}.yaml"
    target.parent.mkdir(exist_ok=True)
    if kind == "seed":
        target.write_text(SEEDS[index % len(SEEDS)])
    elif kind == "mutated":
        target.write_bytes(data)
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "socket":
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(target))
    elif kind == "link-inside":
        (target.parent / f"real{index}.txt").write_text(SEEDS[0])
        target.symlink_to(f"real{index}.txt")
    elif kind == "link-outside":
        target.symlink_to(tree.parent / "outside.yaml")
    elif kind == "dangling":
        target.symlink_to("nowhere.yaml")
    elif kind == "loop":
        target.symlink_to(target.name)
    elif kind == "dir-named-yaml":
        target.mkdir()
        (target / "inner.yaml").write_text(SEEDS[1])
    elif kind == "dir-link":
        (tree / f"alias{index}").symlink_to(tree.parent / "elsewhere", target_is_directory=True)
    else:
        target.write_text(SEEDS[2])
        target.chmod(0)


@scaled(0.25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.sampled_from(KINDS), min_size=1, max_size=6), mutated_runs(), st.sampled_from(COMMANDS))
def test_every_command_on_a_tree_of_file_system_objects(kinds: list[str], data: bytes, args: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="mcli-fuzz-fs-") as name:
        root = Path(name)
        (root / "pyproject.toml").write_text("[project]\nname = 'fuzz'\n")
        shutil.copy(EXAMPLES / "clusters.json", root / "clusters.json")
        outside = root / "outside.yaml"
        outside.write_text(SEEDS[1])
        (root / "elsewhere").mkdir()
        (root / "elsewhere" / "far.yaml").write_text(SEEDS[1])
        tree = root / "tree"
        tree.mkdir()
        for index, kind in enumerate(kinds):
            make(tree, index, kind, data)
        faulthandler.dump_traceback_later(WATCHDOG_SECONDS, exit=True)  # a blocked read ends the run, loudly
        try:
            code, _, err = invoke(args, root)
        finally:
            faulthandler.cancel_dump_traceback_later()
            for directory, _, files in os.walk(tree):
                for file in files:
                    path = Path(directory) / file
                    if not path.is_symlink() and path.exists() and path.stat().st_mode & 0o777 == 0:
                        path.chmod(0o644)
        assert_ended_well(code, err)
        assert outside.read_text() == SEEDS[1]
        assert (root / "elsewhere" / "far.yaml").read_text() == SEEDS[1]
        if any(kind in ("fifo", "socket", "loop", "dangling") for kind in kinds):
            assert code == 1  # reported (MCL005), never skipped
