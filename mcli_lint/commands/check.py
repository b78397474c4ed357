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
    codes,
    load_clusters_for,
    load_config_for,
)
from mcli_lint.config import ConfigError, expand
from mcli_lint.engine.batch import quiet_collector
from mcli_lint.engine.check import check_paths
from mcli_lint.engine.files import discover_trees
from mcli_lint.report import summarize
from mcli_lint.text import escape

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters
    from mcli_lint.config import Config


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
    unwritten = _fix(options, config, clusters, streams) if options.fix else False
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
    result = check_paths(list(options.paths), config, sys.stdin.buffer, options.stdin_filename, clusters, show)
    summary = summarize(result.files, result.diagnostics)
    if options.statistics:
        from mcli_lint.report import statistics

        report = statistics.render(result.diagnostics, chosen)
    elif chosen == "text":
        # Lazy: only the chosen reporter is imported (SARIF's carries the rule table, text its painter).
        from mcli_lint.report import text

        painted = options.color == "always" or (options.color == "auto" and terminal and "NO_COLOR" not in os.environ)
        sources = result.sources.get if show else None
        report = text.render(result.diagnostics, summary, sources, painted, summary_line=not options.quiet)
    else:
        from importlib import import_module

        report = import_module(REPORTERS[chosen]).render(result.diagnostics, summary)
    if options.output_file is not None:
        _write(options.output_file, report)
    elif not options.silent:
        streams.stdout.write(report)
    failing = summary.errors or (summary.warnings and (options.strict or config.strict))
    if unwritten:  # a fix that could not be written fails the run, --exit-zero or not
        return EXIT_FINDINGS
    return EXIT_FINDINGS if failing and not options.exit_zero else EXIT_OK


def _write(path: str, report: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(report)
    except OSError as error:
        raise UsageError(f"--output-file {escape(path)}: {error.strerror or error}") from None


def _fix(options: CheckOptions, config: Config, clusters: Clusters | None, streams: Streams) -> bool:
    """Fix the files in place; whether any fixed file could not be written."""
    if "-" in options.paths:
        raise UsageError("--fix cannot rewrite standard input")
    # Lazy: the fixes bring ruamel.yaml (about 60 ms), which a plain check never needs.
    from mcli_lint.format.fixes import fix_path

    unwritten = False
    for path, tree in discover_trees(list(options.paths)):
        fixed = fix_path(path, config, clusters, tree=tree)
        unwritten = unwritten or fixed.unwritten
        if options.quiet or options.silent:
            continue
        if fixed.fixed:
            streams.stderr.write(f"{escape(path)}: fixed {', '.join(fixed.fixed)}\n")
        if fixed.message is not None:
            streams.stderr.write(f"{escape(path)}: {fixed.message}\n")
    return unwritten
