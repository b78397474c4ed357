"""Many files: the paths given (``-`` is standard input), discovered, linted, gathered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from mcli_lint.config import Config
from mcli_lint.diagnostics import Diagnostic
from mcli_lint.engine.batch import lint_many
from mcli_lint.engine.files import discover
from mcli_lint.engine.lint import lint_loaded
from mcli_lint.loader import load_path, load_stream

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    # Source lines of the files that have diagnostics, for reporters that show them.
    sources: dict[str, list[str]] = field(default_factory=dict)


def check_paths(
    paths: list[str],
    config: Config,
    stdin: BinaryIO | None = None,
    stdin_filename: str | None = None,
    clusters: Clusters | None = None,
    sources: bool = True,
) -> CheckResult:
    """Lint every file the paths name (``-`` is standard input); ``sources`` keeps the lines of
    files with diagnostics, for reporters that show them."""
    result = CheckResult()
    files = [path for path in discover(paths) if path != "-"]
    if "-" in paths:
        shown = stdin_filename or "-"
        loaded = load_stream(stdin, config.limits) if stdin is not None else load_path("-", config.limits)
        found = lint_loaded(shown, loaded, config, clusters)
        result.files += 1
        result.diagnostics.extend(found)
        if sources and found and loaded.text is not None:
            result.sources[shown] = loaded.text.split("\n")
    for path, found, lines in lint_many(files, config, clusters, sources):
        result.files += 1
        result.diagnostics.extend(found)
        if lines is not None:
            result.sources[path] = lines
    return result
