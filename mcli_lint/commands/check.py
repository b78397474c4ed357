"""`check` (and `check --fix`): lint files, report, exit 1 on findings."""

from __future__ import annotations

import dataclasses
import os
import sys
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
from mcli_lint.engine.files import discover
from mcli_lint.engine.lint import screen
from mcli_lint.environment import use_color
from mcli_lint.loader import load_path
from mcli_lint.report import summarize
from mcli_lint.text import escape

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters
    from mcli_lint.config import Config
    from mcli_lint.engine.files import Selection


def check(options: CheckOptions, streams: Streams) -> int:
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
    quiet = options.quiet or options.silent
    unwritten = _fix(paths, config, clusters, selection, streams, quiet=quiet) if options.fix else False
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
    failing = summary.errors or (summary.warnings and (options.strict or config.strict))
    if unwritten:  # a fix that could not be written fails the run, --exit-zero or not
        return EXIT_FINDINGS
    return EXIT_FINDINGS if failing and not options.exit_zero else EXIT_OK


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
    paths: list[str], config: Config, clusters: Clusters | None, selection: Selection, streams: Streams, quiet: bool
) -> bool:
    """Fix the run files in place; whether any fixed file could not be written."""
    if "-" in paths:
        raise UsageError("--fix cannot rewrite standard input")
    # Lazy: the fixes bring ruamel.yaml (about 60 ms), which a plain check never needs.
    from mcli_lint.format.fixes import fix_path

    unwritten = False
    for candidate in discover(paths, selection):
        path = candidate.path
        if not candidate.forced and not screen(load_path(path, config.limits), candidate.named).is_run:
            continue  # never rewrite a file that is not a run; the check explains why it skipped it
        fixed = fix_path(path, config, clusters, tree=candidate.tree)
        unwritten = unwritten or fixed.unwritten
        if quiet:
            continue
        if fixed.fixed:
            streams.stderr.write(f"{escape(path)}: fixed {', '.join(fixed.fixed)}\n")
        if fixed.message is not None:
            streams.stderr.write(f"{escape(path)}: {fixed.message}\n")
    return unwritten
