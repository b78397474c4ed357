"""What every command shares: options records, exit codes, streams, configuration and clusters."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters
    from mcli_lint.config import Config
    from mcli_lint.engine.files import Selection

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3  # the tool's own failure, told apart from the user's mistakes (as actionlint does)

# Every command; any other first word is a path for `check`.
COMMANDS = ("check", "infer", "rule", "rules", "schema", "fmt", "to-python", "to-yaml", "clusters", "server")
FORMATS = ("text", "json", "sarif", "github")
COLORS = ("auto", "always", "never")
INFER_FORMATS = ("text", "json")
REPORTERS = {
    "json": "mcli_lint.report.json_report",
    "sarif": "mcli_lint.report.sarif",
    "github": "mcli_lint.report.github",
}


class UsageError(Exception):
    """Bad options or configuration: reported on stderr, exit 2."""


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...]
    output_format: str | None = None
    strict: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config_file: str | None = None
    stdin_filename: str | None = None
    show_source: bool | None = None
    color: str = "auto"
    fix: bool = False
    clusters_file: str | None = None
    # ruff's conventions, with ruff's meanings.
    exit_zero: bool = False
    statistics: bool = False
    output_file: str | None = None
    quiet: bool = False  # the diagnostics and nothing else
    silent: bool = False  # nothing at all: the exit code says it
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    force_exclude: bool = False
    force_run: bool = False
    verbose: bool = False
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    watch: bool = False
    # The fixes (mcli_lint/engine/fix.py). None: as `unsafe-fixes` in [tool.mcli-lint] says.
    unsafe_fixes: bool | None = None
    diff: bool = False  # print the fixes as a diff, write nothing
    show_fixes: bool = False
    exit_non_zero_on_fix: bool = False


@dataclass(frozen=True)
class FmtOptions:
    paths: tuple[str, ...]
    check: bool = False
    diff: bool = False
    config_file: str | None = None
    stdin_filename: str | None = None
    force_exclude: bool = False
    force_run: bool = False
    quiet: bool = False
    # None: as `sort-keys` in [tool.mcli-lint] says (default false).
    sort_keys: bool | None = None


@dataclass(frozen=True)
class InferOptions:
    paths: tuple[str, ...]
    clusters_file: str | None = None
    write: bool = False
    output_format: str = "text"
    config_file: str | None = None


@dataclass(frozen=True)
class ToPythonOptions:
    path: str
    output: str | None = None
    force: bool = False


@dataclass(frozen=True)
class ToYamlOptions:
    path: str
    output: str | None = None


@dataclass(frozen=True)
class ClustersPullOptions:
    output: str | None = None
    # Seconds to wait for the platform's answer; None: $MCLI_TIMEOUT as mcli reads it, else mcli's 10.
    timeout: float | None = None


@dataclass(frozen=True)
class ClustersShowOptions:
    path: str | None = None
    config_file: str | None = None


Options = (
    CheckOptions
    | FmtOptions
    | InferOptions
    | ToPythonOptions
    | ToYamlOptions
    | ClustersPullOptions
    | ClustersShowOptions
)


@dataclass
class Streams:
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)


def codes(values: tuple[str, ...]) -> list[str]:
    return [part for value in values for part in value.split(",") if part.strip()]


def load_config_for(config_file: str | None) -> Config:
    # Lazy: the configuration brings the rules and the schema (about 200 ms measured);
    # `rules`, `schema` and `server` need neither.
    from mcli_lint.config import ConfigError, find_pyproject, load_config

    try:
        return load_config(Path(config_file) if config_file is not None else find_pyproject(Path.cwd()))
    except ConfigError as error:
        raise UsageError(str(error)) from None


@dataclass(frozen=True)
class Walking:
    """The command-line side of file selection; the configuration holds the rest."""

    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    force_exclude: bool = False
    force_run: bool = False


def selection_for(config: Config, walking: Walking) -> Selection:
    """Which files to take: the configuration's patterns (relative to its pyproject) and the
    command line's (relative to the working directory); ``--exclude`` replaces ``exclude``."""
    # Lazy: discovery (about 7 ms measured), for the commands that walk.
    from mcli_lint.engine.files import DEFAULT_EXCLUDE, Patterns, Selection

    base = str(config.source.parent) if config.source is not None else "."
    if walking.exclude:
        exclude = [Patterns(".", walking.exclude)]
    else:
        exclude = [Patterns(base, config.exclude if config.exclude is not None else DEFAULT_EXCLUDE)]
    exclude += [Patterns(base, config.extend_exclude), Patterns(".", walking.extend_exclude)]
    include = (Patterns(base, config.include), Patterns(".", walking.include))
    return Selection(
        tuple(exclude),
        include,
        force_exclude=walking.force_exclude or config.force_exclude,
        force_run=walking.force_run,
    )


def load_clusters_for(option: str | None, config: Config) -> Clusters | None:
    """The clusters (option, else pyproject, else environment), or a usage error if malformed."""
    # Lazy: as above.
    from mcli_lint.config import clusters_path

    path = clusters_path(Path(option) if option is not None else None, config.clusters, os.environ)
    if path is None:
        return None
    # Lazy: the clusters loader and its validator (about 170 ms measured), only with a clusters file.
    from mcli_lint.compute.clusters import ClustersError, load_clusters

    try:
        return load_clusters(path, config.limits)
    except ClustersError as error:
        raise UsageError(str(error)) from None


def internal_error(error: BaseException) -> int:
    """A bug of the tool's own: one line on stderr, asking for a report; exit 3."""
    # Lazy: only on the tool's own failure (exit 3).
    from mcli_lint import __version__
    from mcli_lint.text import escape

    sys.stderr.write(
        f"mcli-lint: internal error: {type(error).__name__}: {escape(str(error))}"
        f" (a bug in mcli-lint {__version__}: please report it as an issue,"
        " with the command and the file that caused it)\n"
    )
    return EXIT_INTERNAL
