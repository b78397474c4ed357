"""`check` (and `check --fix`): lint files, report, exit 1 on findings."""

from __future__ import annotations

import dataclasses
import os
import sys
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
from mcli_lint.config import ConfigError, expand
from mcli_lint.engine.batch import quiet_collector
from mcli_lint.engine.check import check_paths
from mcli_lint.engine.files import discover
from mcli_lint.engine.lint import screen
from mcli_lint.loader import load_path
from mcli_lint.report import summarize

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters
    from mcli_lint.config import Config
    from mcli_lint.engine.files import Selection


def check(options: CheckOptions, streams: Streams) -> int:
    config = load_config_for(options.config_file)
    try:
        if options.select:
            config = dataclasses.replace(config, select=expand(codes(options.select), "--select"))
        if options.ignore:
            config = dataclasses.replace(config, select=config.select - expand(codes(options.ignore), "--ignore"))
    except ConfigError as error:
        raise UsageError(str(error)) from None
    clusters = load_clusters_for(options.clusters_file, config)
    walking = Walking(
        options.exclude, options.extend_exclude, options.include, options.force_exclude, options.force_run
    )
    selection = selection_for(config, walking)
    paths = list(options.paths) or ["."]
    if options.fix:
        _fix(paths, config, clusters, selection, streams)
    quiet_collector()
    chosen = options.output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    terminal = streams.stdout.isatty()
    show = chosen == "text" and (terminal if options.show_source is None else options.show_source)
    result = check_paths(paths, config, sys.stdin.buffer, options.stdin_filename, clusters, show, selection)
    summary = summarize(result.files, result.diagnostics, len(result.skipped))
    # Lazy: only the chosen reporter is imported (SARIF's carries the rule table, text its painter).
    if chosen == "text":
        from mcli_lint.report import text

        painted = options.color == "always" or (options.color == "auto" and terminal and "NO_COLOR" not in os.environ)
        # Files named on the command line and not linted are explained (unless --quiet); all with -v.
        named = not options.quiet
        notes = [(s.path, s.verdict.note()) for s in result.skipped if (s.named and named) or options.verbose]
        shown = result.sources.get if show else None
        streams.stdout.write(text.render(result.diagnostics, summary, shown, painted, notes))
    elif chosen == "json":
        from mcli_lint.report import json_report

        skipped = [(s.path, s.verdict.what, s.verdict.reason) for s in result.skipped]
        streams.stdout.write(json_report.render(result.diagnostics, summary, skipped))
    else:
        from importlib import import_module

        reporter = import_module(REPORTERS[chosen])
        streams.stdout.write(reporter.render(result.diagnostics, summary))
    failing = summary.errors or (summary.warnings and (options.strict or config.strict))
    return EXIT_FINDINGS if failing else EXIT_OK


def _fix(paths: list[str], config: Config, clusters: Clusters | None, selection: Selection, streams: Streams) -> None:
    if "-" in paths:
        raise UsageError("--fix cannot rewrite standard input")
    # Lazy: the fixes bring ruamel.yaml (about 60 ms), which a plain check never needs.
    from mcli_lint.format.fixes import fix_path

    for candidate in discover(paths, selection):
        path = candidate.path
        if not candidate.forced and not screen(load_path(path, config.limits), candidate.named).is_run:
            continue  # never rewrite a file that is not a run; the check explains why it skipped it
        fixed = fix_path(path, config, clusters)
        if fixed.fixed:
            streams.stderr.write(f"{path}: fixed {', '.join(fixed.fixed)}\n")
        if fixed.message is not None:
            streams.stderr.write(f"{path}: {fixed.message}\n")
