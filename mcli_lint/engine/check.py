"""Many files: the paths given (``-`` is standard input), discovered, screened, linted, gathered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from mcli_lint.config import Config
from mcli_lint.diagnostics import Diagnostic
from mcli_lint.engine.batch import lint_many
from mcli_lint.engine.detect import Verdict
from mcli_lint.engine.files import Selection, Walker, discover
from mcli_lint.engine.lint import lint_loaded, screen
from mcli_lint.loader import load_path, load_stream

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters


@dataclass(frozen=True)
class Skipped:
    """A file left alone, and why: it is not a run (or a deployment)."""

    path: str
    verdict: Verdict
    # Named on the command line: the user expected it to be linted, so the report says why not.
    named: bool


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The files linted, in the order given (standard input by its reported name).
    checked: list[str] = field(default_factory=list)
    # Source lines of the files that have diagnostics, for reporters that show them.
    sources: dict[str, list[str]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.checked)


def check_paths(
    paths: list[str],
    config: Config,
    stdin: BinaryIO | None = None,
    stdin_filename: str | None = None,
    clusters: Clusters | None = None,
    sources: bool = True,
    selection: Selection | None = None,
) -> CheckResult:
    """Lint every run among the files the paths name (``-`` is standard input); ``sources`` keeps
    the lines of files with diagnostics, for reporters that show them."""
    selection = selection or Selection()
    result = CheckResult()
    files = [candidate for candidate in discover(paths, selection) if candidate.path != "-"]
    if "-" in paths:
        _check_stdin(result, config, stdin, stdin_filename, clusters, sources, selection)
    # Outcomes come back in the order given.
    for candidate, (path, found, lines, skipped) in zip(
        files, lint_many(files, config, clusters, sources), strict=True
    ):
        if skipped is not None:
            result.skipped.append(Skipped(path, skipped, candidate.named))
            continue
        result.checked.append(path)
        result.diagnostics.extend(found)
        if lines is not None:
            result.sources[path] = lines
    return result


def _check_stdin(
    result: CheckResult,
    config: Config,
    stdin: BinaryIO | None,
    stdin_filename: str | None,
    clusters: Clusters | None,
    sources: bool,
    selection: Selection,
) -> None:
    shown = stdin_filename or "-"
    walker = Walker(selection)
    if stdin_filename is not None and selection.force_exclude and walker.excluded(stdin_filename, False):
        return
    loaded = load_stream(stdin, config.limits) if stdin is not None else load_path("-", config.limits)
    if not (stdin_filename is not None and walker.forced(stdin_filename)) and not selection.force_run:
        verdict = screen(loaded, True)
        if not verdict.is_run:
            result.skipped.append(Skipped(shown, verdict, True))
            return
    found = lint_loaded(shown, loaded, config, clusters)
    result.checked.append(shown)
    result.diagnostics.extend(found)
    if sources and found and loaded.text is not None:
        result.sources[shown] = loaded.text.split("\n")
