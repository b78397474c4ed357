"""`check --watch`: check, then check again whenever a file it reads changes, until Ctrl-C (exit 0).

Changes are found by polling ``os.stat`` (no dependency, any file system): the files the paths
name or hold, the paths themselves (a file added or removed), the configuration and the clusters
file.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from pathlib import Path

from mcli_lint.commands.common import EXIT_OK, CheckOptions, Streams, UsageError, load_config_for
from mcli_lint.environment import CLUSTERS_ENV

POLL_SECONDS = 0.25
# Clear the screen and its scrollback, and put the cursor at the top left (on a terminal only).
CLEAR = "\x1b[2J\x1b[3J\x1b[H"

Stamp = tuple[int, int, int] | None


def watch(options: CheckOptions, streams: Streams, pause: Callable[[float], None] = time.sleep) -> int:
    if "-" in options.paths:
        raise UsageError("--watch cannot watch standard input")
    from mcli_lint.commands.check import check

    once = dataclasses.replace(options, watch=False)
    terminal = streams.stdout.isatty() and options.output_file is None
    first = True
    try:
        while True:
            seen = _snapshot(options)  # before the check: an edit saved while it runs is not missed
            if terminal:
                streams.stdout.write(CLEAR)
            try:
                check(once, streams)
            except UsageError as error:
                if first:  # the options themselves are wrong: nothing to wait for
                    raise
                streams.stderr.write(f"mcli-lint: {error}\n")  # a configuration being edited, say
            first = False
            if not (options.quiet or options.silent):
                streams.stderr.write("mcli-lint: watching for changes (Ctrl-C stops)\n")
            streams.stdout.flush()
            streams.stderr.flush()
            while _snapshot(options) == seen:
                pause(POLL_SECONDS)
    except KeyboardInterrupt:
        return EXIT_OK


def _snapshot(options: CheckOptions) -> dict[str, Stamp]:
    from mcli_lint.engine.files import discover

    watched = [*discover(list(options.paths)), *options.paths, *_settings(options)]
    return {path: _stamp(path) for path in watched}


def _settings(options: CheckOptions) -> list[str]:
    """The configuration file and the clusters file the next check would read."""
    from mcli_lint.config import find_pyproject

    config = Path(options.config_file) if options.config_file is not None else find_pyproject(Path.cwd())
    found = [str(config)] if config is not None else []
    try:
        clusters = load_config_for(options.config_file).clusters
    except UsageError:
        clusters = None  # the check reports it; a fix to the configuration is seen above
    named = options.clusters_file or (str(clusters) if clusters is not None else os.environ.get(CLUSTERS_ENV))
    return [*found, named] if named else found


def _stamp(path: str) -> Stamp:
    try:
        status = os.stat(path)
    except (OSError, ValueError):  # gone, unreadable, or a name no file can have
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino
