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

from mcli_lint.commands.common import (
    EXIT_OK,
    CheckOptions,
    Streams,
    UsageError,
    Walking,
    load_config_for,
    selection_for,
)
from mcli_lint.environment import CLUSTERS_ENV

POLL_SECONDS = 0.25
# Clear the screen and its scrollback, and put the cursor at the top left (on a terminal only).
CLEAR = "\x1b[2J\x1b[3J\x1b[H"

Stamp = tuple[int, int, int] | None


def watch(options: CheckOptions, streams: Streams, pause: Callable[[float], None] = time.sleep) -> int:
    if "-" in options.paths:
        raise UsageError("--watch cannot watch standard input")
    # Lazy: check imports the engine; watch is imported before options are known.
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
    return {path: _stamp(path) for path in _watched(options)}


def _watched(options: CheckOptions) -> list[str]:
    """The files the next check would read: the run files the paths name or hold (as the walk
    selects them), the paths themselves (a file added or removed), the configuration and the
    clusters file."""
    # Lazy: as above, only once watching starts.
    from mcli_lint.config import find_pyproject
    from mcli_lint.engine.files import discover

    paths = list(options.paths) or ["."]
    config_file = Path(options.config_file) if options.config_file is not None else find_pyproject(Path.cwd())
    try:
        config = load_config_for(options.config_file)
    except UsageError:  # the check reports it; a fix to the configuration is seen by its stamp
        found = [candidate.path for candidate in discover(paths)]
        clusters = None
    else:
        walking = Walking(
            options.exclude, options.extend_exclude, options.include, options.force_exclude, options.force_run
        )
        found = [candidate.path for candidate in discover(paths, selection_for(config, walking))]
        clusters = config.clusters
    named = options.clusters_file or (str(clusters) if clusters is not None else os.environ.get(CLUSTERS_ENV))
    settings = [str(config_file)] if config_file is not None else []
    return [*found, *paths, *settings, *([named] if named else [])]


def _stamp(path: str) -> Stamp:
    try:
        status = os.stat(path)
    except (OSError, ValueError):  # gone, unreadable, or a name no file can have
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino
