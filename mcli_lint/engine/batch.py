"""Many files (linted, or formatted): one at a time below a threshold, across worker processes above it.

Files stream through the workers in order; only their diagnostics (and, for files that have
some, their source lines) come back, so memory stays flat however many files there are.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from mcli_lint.diagnostics import Diagnostic
from mcli_lint.engine.detect import Verdict
from mcli_lint.engine.files import Candidate
from mcli_lint.engine.lint import lint_loaded, screen
from mcli_lint.loader import load_path

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters
    from mcli_lint.config import Config

# Below this many files, starting workers costs more than it saves.
PARALLEL_THRESHOLD = 48
CHUNK = 64

# (path, its diagnostics, its source lines when it has diagnostics, why it was skipped if it was)
Outcome = tuple[str, list[Diagnostic], list[str] | None, Verdict | None]
Result = TypeVar("Result")
Item = TypeVar("Item")


def lint_one(candidate: Candidate, config: Config, clusters: Clusters | None, sources: bool = False) -> Outcome:
    """Load the file; lint it if it is a run (its content says so, or it is forced), else say what it is."""
    path = candidate.path
    loaded = load_path(path, config.limits)
    if not candidate.forced:
        verdict = screen(loaded, candidate.named)
        if not verdict.is_run:
            return path, [], None, verdict
    found = lint_loaded(path, loaded, config, clusters)
    lines = loaded.text.split("\n") if sources and found and loaded.text is not None else None
    return path, found, lines, None


def quiet_collector() -> None:
    """Fewer garbage-collector passes: each file's data is freed by reference counting, and a pass
    over every object the process has loaded costs more than linting a file."""
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def each(job: Callable[[Item], Result], paths: list[Item]) -> Iterator[Result]:
    """``job`` of each path (or item naming one), in the order given. ``job`` must pickle (a module-level function, or a
    partial of one): it travels with each chunk of paths (a few kB against 64 files' work), so
    workers hold no state."""
    count = workers()
    if len(paths) < PARALLEL_THRESHOLD or count < 2:
        for path in paths:
            yield job(path)
        return
    # Lazy: multiprocessing (about 16 ms measured) only for 48 files and more.
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(count, initializer=quiet_collector) as pool:
        yield from pool.imap(job, paths, chunksize=CHUNK)


def lint_many(
    paths: list[Candidate], config: Config, clusters: Clusters | None = None, sources: bool = False
) -> Iterator[Outcome]:
    """Each file's outcome, in the order given; with ``sources``, failing files' lines too."""
    yield from each(functools.partial(lint_one, config=config, clusters=clusters, sources=sources), paths)
