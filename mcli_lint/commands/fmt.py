"""`fmt`: format files in place, or check or diff their layout."""

from __future__ import annotations

import sys

from mcli_lint.commands.common import EXIT_FINDINGS, EXIT_OK, FmtOptions, Streams, UsageError, load_config_for
from mcli_lint.engine.files import discover_trees
from mcli_lint.format import Status, format_many, format_stream
from mcli_lint.format.report import render


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
        files = list(discover_trees(paths))
        outcomes = list(format_many(files, config.limits, writing, sort_keys=sort_keys, texts=options.diff))
    rendered = render(outcomes, writing, options.diff, stdin=paths == ["-"])
    streams.stdout.write(rendered.stdout)
    streams.stderr.write(rendered.stderr)
    failed = any(o.status in (Status.PROBLEMS, Status.REFUSED) for o in outcomes)
    pending = not writing and any(o.status is Status.REFORMATTED for o in outcomes)
    return EXIT_FINDINGS if failed or pending else EXIT_OK
