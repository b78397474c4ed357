"""Turning the paths given on the command line into the files to check, walking directories as ruff does.

A directory is walked for ``*.yaml`` / ``*.yml`` (and files an ``include`` pattern names), sorted,
skipping hidden folders (but ``.github``), what the ``exclude`` patterns name (by default ``node_modules``, virtual
environments and build output), and what git ignores: ``.gitignore`` files inside a git
repository, ``.git/info/exclude``, git's global excludes file, and ``.ignore`` files anywhere.
A file named on the command line is always taken, unless ``force_exclude`` and an exclude pattern
names it (pre-commit passes files by name).
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Lazy: pathspec (about 16 ms measured) only for patterns the simple matcher cannot take.
    from pathspec import GitIgnoreSpec

YAML_SUFFIXES = (".yaml", ".yml")
# The one hidden folder walked: CI keeps files there, regression-test runs among them
# (`.github/workflows/regression_yamls/`), and pre-commit names them all anyway.
WALKED_HIDDEN = (".github",)
# A name that says "this is a run": always linted as one.
RUN_SUFFIXES = (".mcli.yaml", ".mcli.yml")
DEFAULT_EXCLUDE = (
    "node_modules",
    "venv",
    "site-packages",
    "__pypackages__",
    "_build",
    "buck-out",
)


@dataclass(frozen=True)
class Patterns:
    """Gitignore-style patterns, relative to ``base`` (the pyproject's directory, or the working one)."""

    base: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Selection:
    """Which files a walk takes, and which of them are runs whatever their content says."""

    exclude: tuple[Patterns, ...] = (Patterns(".", DEFAULT_EXCLUDE),)
    include: tuple[Patterns, ...] = ()
    force_exclude: bool = False
    force_run: bool = False
    # Where git's global excludes file is looked up (HOME, XDG_CONFIG_HOME).
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))


@dataclass(frozen=True)
class Candidate:
    path: str
    # Named on the command line (or by pre-commit), not found by walking a directory.
    named: bool = True
    # An include pattern, the name (*.mcli.yaml) or --force-run says it is a run: no detection.
    forced: bool = False
    # The directory given that it was found in (None for a file given itself): files are written
    # only inside the tree they were found in.
    tree: str | None = None


# A pattern that names a file or folder anywhere (`node_modules`, `*.log`, `build/`): matched
# component by component without pathspec, whose import costs more than checking a file.
_SIMPLE = re.compile(r"[^/!\\#\s][^/\\]*/?")


class _Spec:
    """Compiled patterns and their base directory (absolute)."""

    def __init__(self, base: str, lines: list[str] | tuple[str, ...], anywhere: bool = False) -> None:
        self.base = os.path.abspath(base)
        # Settings apply outside their base too (to what is below a named directory); an ignore
        # file only below its own directory.
        self.anywhere = anywhere
        patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        self.spec: GitIgnoreSpec | None = None
        # Simple patterns as one regular expression for any name, one for folder names only.
        self.names: re.Pattern[str] | None = None
        self.folders: re.Pattern[str] | None = None
        if all(_SIMPLE.fullmatch(pattern) and "**" not in pattern for pattern in patterns):
            self.names = _any_of([p for p in patterns if not p.endswith("/")])
            self.folders = _any_of([p.rstrip("/") for p in patterns if p.endswith("/")])
        else:
            # Lazy: pathspec (about 16 ms measured) only for patterns the simple matcher cannot take.
            from pathspec import GitIgnoreSpec

            self.spec = GitIgnoreSpec.from_lines(lines)

    def prefix(self, directory: str) -> str | None:
        """``directory`` (absolute) relative to the base, as a prefix for names; None outside it."""
        if directory == self.base:
            return ""
        relative = os.path.relpath(directory, self.base)
        if relative.startswith(".."):
            return "" if self.anywhere else None
        return relative.replace(os.sep, "/") + "/"

    def check(self, relative: str) -> bool | None:
        """True if the patterns exclude the path (a folder's ends with /), False if they re-include
        it, None if silent."""
        if self.spec is not None:
            return self.spec.check_file(relative).include
        parts = relative.split("/")
        if self.names is not None and any(self.names.match(part) for part in parts if part):
            return True
        # A folder's path ends with "/": then its last part is a folder too.
        folders = parts[:-1] if parts[-1] else parts[:-2] + parts[-2:-1]
        if self.folders is not None and any(self.folders.match(part) for part in folders):
            return True
        return None


def _any_of(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(fnmatch.translate(p) for p in patterns)) if patterns else None


# Each active spec with the walked directory's prefix relative to its base.
_Scoped = list[tuple[_Spec, str]]


def _scoped(specs: list[_Spec], directory: str) -> _Scoped:
    scoped = []
    for spec in specs:
        prefix = spec.prefix(directory)
        if prefix is not None:
            scoped.append((spec, prefix))
    return scoped


def _decide(scoped: _Scoped, name: str, is_dir: bool) -> bool:
    """Whether the first (highest-precedence) spec with an opinion excludes ``name``."""
    suffix = "/" if is_dir else ""
    for spec, prefix in scoped:
        verdict = spec.check(prefix + name + suffix)
        if verdict is not None:
            return verdict
    return False


class Walker:
    def __init__(self, selection: Selection) -> None:
        self.selection = selection
        self.exclude = [_Spec(p.base, p.lines, anywhere=True) for p in selection.exclude if p.lines]
        self.include = [_Spec(p.base, p.lines, anywhere=True) for p in selection.include if p.lines]

    def forced(self, path: str) -> bool:
        if self.selection.force_run or path.endswith(RUN_SUFFIXES):
            return True
        full = os.path.abspath(path)
        return _decide(_scoped(self.include, os.path.dirname(full)), os.path.basename(full), False)

    def excluded(self, path: str, is_dir: bool) -> bool:
        full = os.path.abspath(path)
        return _decide(_scoped(self.exclude, os.path.dirname(full)), os.path.basename(full), is_dir)

    def walk(self, root: str) -> Iterator[Candidate]:
        top = os.path.abspath(root)
        ignores: dict[str, list[_Spec]] = {top: _inherited_ignores(top, self.selection.environ)}
        in_git = _git_root(top) is not None
        # A directory that cannot be listed is a candidate itself, where its files would be: reading
        # it reports it (MCL005), so it is never skipped in silence.
        unlisted: list[str] = []

        def shown(path: str) -> str:
            return os.path.normpath(path) if root != "." else os.path.relpath(path)

        for directory, folders, names in os.walk(root, onerror=lambda error: unlisted.append(error.filename)):
            yield from (Candidate(shown(path), True, True, root) for path in unlisted)
            unlisted.clear()
            full = os.path.abspath(directory)
            own = _ignore_files(full, names, in_git)
            specs = own + ignores.pop(full, [])
            scoped_ignores = _scoped(specs, full)
            scoped_exclude = _scoped(self.exclude, full)
            scoped_include = _scoped(self.include, full)
            kept = []
            for folder in sorted(folders):
                hidden = folder.startswith(".") and folder not in WALKED_HIDDEN
                if hidden or _decide(scoped_exclude, folder, True):
                    continue
                if _decide(scoped_ignores, folder, True):
                    continue
                kept.append(folder)
                ignores[os.path.join(full, folder)] = specs
            folders[:] = kept
            for name in sorted(names):
                path = os.path.join(directory, name)
                forced = _decide(scoped_include, name, False)
                if not (forced or name.endswith(YAML_SUFFIXES)) or os.path.isdir(path):
                    continue
                if _decide(scoped_exclude, name, False) or _decide(scoped_ignores, name, False):
                    continue
                forced = forced or self.selection.force_run or name.endswith(RUN_SUFFIXES)
                yield Candidate(shown(path), False, forced, root)
        yield from (Candidate(shown(path), True, True, root) for path in unlisted)


def discover(paths: list[str], selection: Selection | None = None) -> Iterator[Candidate]:
    """Files as given (``-`` too); directories walked. With ``force_exclude``, excluded names are
    dropped even when given."""
    walker = Walker(selection or Selection())
    for path in paths:
        if path == "-":
            yield Candidate(path)
            continue
        is_dir = os.path.isdir(path)
        if walker.selection.force_exclude and walker.excluded(path, is_dir):
            continue
        if is_dir:
            yield from walker.walk(path)
        else:
            yield Candidate(path, True, walker.forced(path))


def _git_root(directory: str) -> str | None:
    for candidate in [directory, *_parents(directory)]:
        if os.path.exists(os.path.join(candidate, ".git")):
            return candidate
    return None


def _parents(directory: str) -> list[str]:
    parents: list[str] = []
    while True:
        parent = os.path.dirname(directory)
        if parent == directory:
            return parents
        parents.append(parent)
        directory = parent


def _read_lines(path: str) -> list[str] | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read().splitlines()
    except OSError:
        return None


def _ignore_files(directory: str, names: list[str], in_git: bool) -> list[_Spec]:
    """The directory's own ``.ignore`` (always) and ``.gitignore`` (in a git repository), strongest first."""
    found = []
    for name in (".ignore", ".gitignore") if in_git else (".ignore",):
        if name in names:
            lines = _read_lines(os.path.join(directory, name))
            if lines:
                found.append(_Spec(directory, lines))
    return found


def _inherited_ignores(top: str, environ: Mapping[str, str]) -> list[_Spec]:
    """What applies to the walk's root from above it: ignore files of the directories between the
    git root and the walk's root, ``.git/info/exclude``, and git's global excludes file."""
    root = _git_root(top)
    specs: list[_Spec] = []
    if root is None:
        return specs
    if top != root:
        for directory in _parents(top):
            specs.extend(_ignore_files(directory, [".ignore", ".gitignore"], True))
            if directory == root:
                break
    for path in (os.path.join(root, ".git", "info", "exclude"), _global_excludes(environ)):
        lines = _read_lines(path) if path else None
        if lines:
            specs.append(_Spec(root, lines))
    return specs


def _global_excludes(environ: Mapping[str, str]) -> str | None:
    """git's ``core.excludesFile``, else its default ``$XDG_CONFIG_HOME/git/ignore``."""
    home = environ.get("HOME", "")
    xdg = environ.get("XDG_CONFIG_HOME") or (os.path.join(home, ".config") if home else "")
    for config in (os.path.join(home, ".gitconfig") if home else "", os.path.join(xdg, "git", "config") if xdg else ""):
        lines = _read_lines(config) if config else None
        section = ""
        for line in lines or []:
            stripped = line.strip()
            if stripped.startswith("["):
                section = stripped.strip("[]").strip().lower()
                continue
            match = re.match(r"(?i)excludesfile\s*=\s*(.+)", stripped)
            if section == "core" and match:
                value = match.group(1).strip().strip('"')
                return os.path.join(home, value[2:]) if value.startswith("~/") and home else value
    return os.path.join(xdg, "git", "ignore") if xdg else None
