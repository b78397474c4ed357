"""`fmt`: format files in place, or check or diff their layout."""

from __future__ import annotations

import functools
import sys

from mcli_lint.commands.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    FmtOptions,
    Streams,
    UsageError,
    Walking,
    load_config_for,
    selection_for,
)
from mcli_lint.config import Config
from mcli_lint.engine.files import Selection, discover
from mcli_lint.engine.lint import screen
from mcli_lint.format import FileOutcome, Item, Skip, Status, format_many, format_stream
from mcli_lint.format.report import render
from mcli_lint.loader import LoadResult


def fmt(options: FmtOptions, streams: Streams) -> int:
    paths = list(options.paths)
    if "-" in paths and len(paths) > 1:
        raise UsageError("fmt: - (stdin) cannot be combined with other paths")
    config = load_config_for(options.config_file)
    writing = not (options.check or options.diff)
    sort_keys = config.sort_keys if options.sort_keys is None else options.sort_keys
    if paths == ["-"]:
        name = options.stdin_filename or "-"
        outcomes = [format_stream(sys.stdin.buffer, name, config.limits, sort_keys=sort_keys)]
        if writing:  # unformattable input is passed through unchanged, so a pipe never loses it
            done = outcomes[0]
            streams.stdout.flush()
            sys.stdout.buffer.write(done.formatted.encode("utf-8") if done.formatted else done.data)
            sys.stdout.flush()
    else:
        selection = selection_for(config, Walking(force_exclude=options.force_exclude, force_run=options.force_run))
        outcomes = _format_runs(paths, config, selection, writing, options.quiet, sort_keys, options.diff)
    rendered = render(outcomes, writing, options.diff, stdin=paths == ["-"])
    streams.stdout.write(rendered.stdout)
    streams.stderr.write(rendered.stderr)
    failed = any(o.status in (Status.PROBLEMS, Status.REFUSED) for o in outcomes)
    pending = not writing and any(o.status is Status.REFORMATTED for o in outcomes)
    return EXIT_FINDINGS if failed or pending else EXIT_OK


def _format_runs(
    paths: list[str], config: Config, selection: Selection, writing: bool, quiet: bool, sort_keys: bool, texts: bool
) -> list[FileOutcome]:
    """Format the run files among those the paths name (across workers, as check lints); leave every
    other file alone, in the order found."""
    runs: list[Item] = [
        (
            candidate.path,
            candidate.tree,
            None if candidate.forced else functools.partial(_not_a_run, named=candidate.named, quiet=quiet),
        )
        for candidate in discover(paths, selection)
    ]
    return list(format_many(runs, config.limits, writing, sort_keys=sort_keys, texts=texts))


def _not_a_run(loaded: LoadResult, named: bool, quiet: bool) -> Skip | None:
    """Whether a file is left alone as not a run, from the load fmt makes anyway (in its worker)."""
    verdict = screen(loaded, named)
    if verdict.is_run:
        return None
    return Skip(verdict.note("format") if named and not quiet else None)
