"""`check` (and `check --fix`): lint files, report, exit 1 on findings."""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from importlib import import_module
from typing import TYPE_CHECKING

from mcli_lint.commands.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    REPORTERS,
    CheckOptions,
    Streams,
    UsageError,
    Walking,
    codes,
    load_clusters_for,
    load_config_for,
    selection_for,
)
from mcli_lint.config import ConfigError, Layer, expand, resolve
from mcli_lint.engine.batch import quiet_collector
from mcli_lint.engine.check import check_paths
from mcli_lint.environment import use_color
from mcli_lint.report import summarize
from mcli_lint.text import escape

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters
    from mcli_lint.config import Config
    from mcli_lint.engine.files import Selection
    from mcli_lint.engine.fix import FixOutcome


def check(options: CheckOptions, streams: Streams) -> int:
    started = time.perf_counter()
    if options.verbose:
        options = dataclasses.replace(options, show_fixes=True)  # -v says what was fixed, too
    config = load_config_for(options.config_file)
    try:
        config = dataclasses.replace(config, select=resolve(config.select, _chosen(options)))
    except ConfigError as error:
        raise UsageError(str(error)) from None
    clusters = load_clusters_for(options.clusters_file, config)
    walking = Walking(
        options.exclude, options.extend_exclude, options.include, options.force_exclude, options.force_run
    )
    selection = selection_for(config, walking)
    paths = list(options.paths) or ["."]
    if options.diff:
        # Lazy: the fixes' engine and reports (30-40 ms measured with -X importtime), only with --fix or --diff.
        from mcli_lint.commands.fixing import diff

        return diff(options, paths, config, clusters, selection, streams)
    fixed = _fix(options, paths, config, clusters, selection, streams) if options.fix else []
    unwritten = any(outcome.unwritten for outcome in fixed)
    quiet_collector()
    chosen = options.output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if options.statistics and chosen not in ("text", "json"):
        raise UsageError("--statistics prints text or json, not " + chosen)
    terminal = streams.stdout.isatty() and options.output_file is None
    show = (
        chosen == "text"
        and not options.statistics
        and (terminal if options.show_source is None else options.show_source)
    )
    result = check_paths(paths, config, sys.stdin.buffer, options.stdin_filename, clusters, show, selection)
    summary = summarize(result.files, result.diagnostics, len(result.skipped))
    if options.verbose and not options.silent:
        streams.stderr.write(_log(result.checked, len(result.skipped), time.perf_counter() - started))
    if options.statistics:
        # Lazy: only with --statistics (about 1 ms measured, on every check otherwise).
        from mcli_lint.report import statistics

        report = statistics.render(result.diagnostics, chosen)
    elif chosen == "text":
        # Lazy: only the chosen reporter is imported (SARIF's carries the rule table, text its painter).
        from mcli_lint.report import text

        # A report written to a file is never colored, whatever the choice (as ruff's --output-file).
        painted = options.output_file is None and use_color(options.color, terminal, os.environ)
        sources = result.sources.get if show else None
        # Files named on the command line and not linted are explained (not with -q, which prints the
        # diagnostics and nothing else); every file skipped with -v.
        notes = [
            (s.path, s.verdict.note()) for s in result.skipped if options.verbose or (s.named and not options.quiet)
        ]
        report = text.render(result.diagnostics, summary, sources, painted, notes, summary_line=not options.quiet)
    elif chosen == "json":
        # Lazy: only the chosen reporter is imported (as above).
        from mcli_lint.report import json_report

        skipped = [(s.path, s.verdict.what, s.verdict.reason) for s in result.skipped]
        report = json_report.render(result.diagnostics, summary, skipped)
    else:
        report = import_module(REPORTERS[chosen]).render(result.diagnostics, summary)
    if options.output_file is not None:
        _write(options.output_file, report)
    elif not options.silent:
        streams.stdout.write(report)
    if fixed:
        # Lazy: as for _fix below; fixed files mean it is loaded already.
        from mcli_lint.commands.fixing import after_report

        # After a text report on stdout; else on stderr, clear of a JSON or SARIF document.
        (streams.stdout if chosen == "text" and options.output_file is None else streams.stderr).write(
            after_report(options, fixed)
        )
    failing = summary.errors or (summary.warnings and (options.strict or config.strict))
    if unwritten:  # a fix that could not be written fails the run, --exit-zero or not
        return EXIT_FINDINGS
    if options.exit_non_zero_on_fix and any(outcome.applied for outcome in fixed):
        return EXIT_FINDINGS
    return EXIT_FINDINGS if failing and not options.exit_zero else EXIT_OK


def _log(checked: list[str], skipped: int, seconds: float) -> str:
    """-v: what was checked, and how long it took (on stderr, clear of any report)."""
    lines = [f"mcli-lint: checked {escape(path)}\n" for path in checked]
    return "".join(lines) + f"mcli-lint: {len(checked)} checked, {skipped} skipped, in {seconds * 1000:.0f} ms\n"


def _chosen(options: CheckOptions) -> Layer:
    """The command line's rule choices, over the configuration's: --select replaces its selection,
    --extend-select adds to it, --ignore and --extend-ignore take from it (as in ruff)."""
    given = {
        "--select": codes(options.select),
        "--extend-select": codes(options.extend_select),
        "--ignore": codes(options.ignore),
        "--extend-ignore": codes(options.extend_ignore),
    }
    for option, selectors in given.items():
        expand(selectors, option)
    return Layer(
        tuple(given["--select"]) or None,
        tuple(given["--extend-select"]),
        (*given["--ignore"], *given["--extend-ignore"]),
    )


def _write(path: str, report: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(report)
    except OSError as error:
        raise UsageError(f"--output-file {escape(path)}: {error.strerror or error}") from None


def _fix(
    options: CheckOptions,
    paths: list[str],
    config: Config,
    clusters: Clusters | None,
    selection: Selection,
    streams: Streams,
) -> list[FixOutcome]:
    """Fix the run files in place (each rule's own text edits: mcli_lint/engine/fix.py)."""
    # Lazy: the fixes' engine and reports (30-40 ms measured with -X importtime), only with --fix or --diff.
    from mcli_lint.commands.fixing import fix_files

    return fix_files(options, paths, config, clusters, selection, streams)
