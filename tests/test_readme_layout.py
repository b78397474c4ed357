"""The README's Layout section is the tree: one line a folder, every folder of the package and of
the project there, and no folder that is gone."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def listed() -> list[str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\n(.*?)```", section, re.S)
    assert block is not None
    return [line.split()[0] for line in block.group(1).splitlines()]


def test_each_line_is_a_folder_that_exists() -> None:
    folders = listed()
    assert all(name.endswith("/") and (ROOT / name).is_dir() for name in folders), folders
    assert len(set(folders)) == len(folders)


def test_every_package_and_project_folder_is_listed() -> None:
    packages = {f"{p.parent.relative_to(ROOT)}/" for p in (ROOT / "mcli_lint").rglob("__init__.py")}
    top = {f"{p.name}/" for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".")}
    top -= {"build/", "dist/", "node_modules/"} | {f"{p.name}/" for p in ROOT.glob("*.egg-info")}
    shown = listed()
    missing = [name for name in packages | top | {"tests/rules/"} if not any(s.startswith(name) for s in shown)]
    assert sorted(missing) == []
    assert sorted(packages - set(shown)) == []  # each package on its own line
