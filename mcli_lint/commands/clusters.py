"""`clusters pull` (the organisation's clusters from the platform, as a clusters file) and `clusters show`."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping

from mcli_lint.commands.common import (
    EXIT_OK,
    ClustersPullOptions,
    ClustersShowOptions,
    Streams,
    UsageError,
    load_clusters_for,
    load_config_for,
)
from mcli_lint.compute import pulled_file
from mcli_lint.compute.platform import PullError, pull_clusters
from mcli_lint.edit.writer import create_or_replace
from mcli_lint.environment import CLUSTERS_ENV
from mcli_lint.loader.limits import Limits
from mcli_lint.report import clusters_table
from mcli_lint.text import escape

# mcli's own setting for how long its SDK calls may take, and its default.
TIMEOUT_ENV = "MCLI_TIMEOUT"
DEFAULT_TIMEOUT = 10.0


def pull(options: ClustersPullOptions, streams: Streams) -> int:
    try:
        pulled = pull_clusters(_timeout(options.timeout, os.environ))
    except PullError as error:
        raise UsageError(str(error)) from None
    text = pulled_file.render(pulled, datetime.datetime.now(datetime.UTC))
    if options.output is None or options.output == "-":
        streams.stdout.write(text)
        return EXIT_OK
    # Nothing reaches the file before the whole answer is in and checked; then it is replaced at once.
    failed = create_or_replace(options.output, text.encode("utf-8"), Limits())
    if failed is not None:
        raise UsageError(f"{escape(options.output)}: not written: {failed}")
    clusters = len(pulled.data["clusters"])
    what = f"{clusters} cluster{'' if clusters == 1 else 's'} ({pulled.instances} instances)"
    streams.stderr.write(f"mcli-lint: wrote {what} from {escape(pulled.endpoint)} to {escape(options.output)}\n")
    return EXIT_OK


def _timeout(option: float | None, environ: Mapping[str, str]) -> float:
    """Seconds to wait: --timeout, else $MCLI_TIMEOUT (as mcli's SDK reads it), else mcli's 10."""
    if option is not None:
        where, value = "--timeout", option
    elif environ.get(TIMEOUT_ENV):
        where = f"${TIMEOUT_ENV}"
        try:
            value = float(environ[TIMEOUT_ENV])
        except ValueError:
            raise UsageError(f"${TIMEOUT_ENV} must be a number of seconds, not {environ[TIMEOUT_ENV]!r}") from None
    else:
        return DEFAULT_TIMEOUT
    if not 0 < value < float("inf"):
        raise UsageError(f"{where} must be more than 0 seconds, not {value:g}")
    return value


def show(options: ClustersShowOptions, streams: Streams) -> int:
    config = load_config_for(options.config_file)
    clusters = load_clusters_for(options.path, config)
    if clusters is None:
        raise UsageError(
            'clusters show needs a clusters file: FILE, `clusters = "…"` in [tool.mcli-lint],'
            f" or ${CLUSTERS_ENV} (`mcli-lint clusters pull -o FILE` makes one)"
        )
    streams.stdout.write(clusters_table.render(clusters))
    return EXIT_OK
