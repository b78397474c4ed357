"""Turning the paths given on the command line into the files to check."""

from __future__ import annotations

import os
from collections.abc import Iterator

YAML_SUFFIXES = (".yaml", ".yml")


def discover(paths: list[str]) -> Iterator[str]:
    """Files as given; directories walked for *.yaml / *.yml, sorted, hidden folders skipped."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            yield from _walk(path)
        else:
            yield path


def _walk(root: str) -> Iterator[str]:
    # A directory that cannot be listed is yielded itself, where its files would be: reading it
    # reports it (MCL005), so it is never skipped in silence.
    unlisted: list[str] = []

    def shown(path: str) -> str:
        return os.path.normpath(path) if root != "." else os.path.relpath(path)

    for directory, folders, names in os.walk(root, onerror=lambda error: unlisted.append(error.filename)):
        yield from (shown(path) for path in unlisted)
        unlisted.clear()
        folders[:] = sorted(f for f in folders if not f.startswith("."))  # never follows directory symlinks
        for name in sorted(names):
            full = os.path.join(directory, name)
            if name.endswith(YAML_SUFFIXES) and not os.path.isdir(full):
                yield shown(full)
    yield from (shown(path) for path in unlisted)


def discover_trees(paths: list[str]) -> Iterator[tuple[str, str | None]]:
    """Each file ``discover`` finds, with the directory given that it was found in (None for a file
    given itself): files are written only inside the tree they were found in."""
    for path in paths:
        tree = path if path != "-" and os.path.isdir(path) else None
        for found in discover([path]):
            yield found, tree
