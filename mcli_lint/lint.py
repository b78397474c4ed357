"""The linter: load a file, run the enabled rules, turn findings into positioned diagnostics."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from mcli_lint.config import Config
from mcli_lint.diagnostics import Diagnostic, Position, Span, json_pointer
from mcli_lint.loader import LoadResult, load_path, load_stream
from mcli_lint.rules import RULES
from mcli_lint.rules.base import Context, Rule
from mcli_lint.suppression import suppressed_lines

if TYPE_CHECKING:
    from mcli_lint.clusters import Clusters


def lint_path(path: str, config: Config) -> list[Diagnostic]:
    return lint_loaded(path, load_path(path, config.limits), config)


def lint_loaded(path: str, loaded: LoadResult, config: Config, clusters: Clusters | None = None) -> list[Diagnostic]:
    ctx = Context(loaded.document, loaded.problems, clusters)
    diagnostics = []
    for rule in _active(config.enabled(path), loaded.document is not None):
        for finding in rule.check(ctx):
            if finding.span is not None:
                span = finding.span
            elif loaded.document is not None:
                span = loaded.document.locate(finding.path, finding.at_key)
            else:
                span = Span(Position(1, 1), Position(1, 1))
            diagnostics.append(
                Diagnostic(
                    path=path,
                    code=rule.code,
                    name=rule.name,
                    severity=rule.severity,
                    message=finding.message,
                    help=finding.help,
                    pointer=json_pointer(finding.path),
                    span=span,
                )
            )
    if loaded.text is not None:
        disabled = suppressed_lines(loaded.text)
        if disabled:
            diagnostics = [d for d in diagnostics if d.code not in disabled.get(d.span.start.line, ())]
    return sorted(diagnostics, key=lambda d: d.sort_key)


@functools.cache
def _active(enabled: frozenset[str], has_data: bool) -> tuple[Rule, ...]:
    """The rules to run, worked out once per set of enabled codes."""
    return tuple(rule for rule in RULES if rule.code in enabled and (has_data or not rule.needs_data))


def lint_text(
    text: str, config: Config | None = None, path: str = "<string>", clusters: Clusters | None = None
) -> list[Diagnostic]:
    """Lint YAML text that is already decoded (as the tests and the docs' examples do)."""
    from mcli_lint.loader import load_text

    config = config or Config()
    return lint_loaded(path, load_text(text, config.limits), config, clusters)


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
    from mcli_lint.batch import lint_many
    from mcli_lint.files import discover

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
