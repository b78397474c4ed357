"""`check --fix` and `check --diff`: fix files (or say how they would be fixed) before the check."""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING

from mcli_lint.commands.common import EXIT_FINDINGS, EXIT_OK, CheckOptions, Streams, UsageError
from mcli_lint.engine.batch import each
from mcli_lint.engine.files import discover
from mcli_lint.engine.fix import FixOutcome, fix_path, fix_text
from mcli_lint.engine.lint import screen
from mcli_lint.loader import LoadProblem, load_path
from mcli_lint.loader.source import decode
from mcli_lint.report.fixes import diff as unified
from mcli_lint.report.fixes import hidden_line, notices, plural, shown_fixes

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters
    from mcli_lint.config import Config
    from mcli_lint.engine.files import Candidate, Selection


def unsafe_fixes(options: CheckOptions, config: Config) -> bool:
    """--unsafe-fixes / --no-unsafe-fixes, else `unsafe-fixes` in [tool.mcli-lint]."""
    return config.unsafe_fixes if options.unsafe_fixes is None else options.unsafe_fixes


def fix_files(
    options: CheckOptions,
    paths: list[str],
    config: Config,
    clusters: Clusters | None,
    selection: Selection,
    streams: Streams,
    *,
    write: bool = True,
) -> list[FixOutcome]:
    """Each run file fixed in place (or, without ``write``, what fixing it would give), across worker
    processes as ``check`` lints; what was fixed and what was left alone is said on stderr unless
    --quiet or --silent."""

    unsafe = unsafe_fixes(options, config)
    if "-" in paths and write:
        raise UsageError("--fix cannot rewrite standard input")
    candidates = list(discover(paths, selection))
    outcomes: list[FixOutcome] = []
    if any(candidate.path == "-" for candidate in candidates):
        outcomes.append(fix_text(_stdin(config), config, options.stdin_filename or "-", clusters, unsafe=unsafe))
    job = functools.partial(_fix_one, config=config, clusters=clusters, unsafe=unsafe, write=write)
    files = [c for c in candidates if c.path != "-"]
    outcomes.extend(outcome for outcome in each(job, files) if outcome is not None)
    if not (options.quiet or options.silent):
        streams.stderr.write("".join(notices(outcome, write) for outcome in outcomes))
    return outcomes


def _fix_one(
    candidate: Candidate, config: Config, clusters: Clusters | None, unsafe: bool, write: bool
) -> FixOutcome | None:
    """One file fixed (a worker's job), or None when it is not a run: never rewritten, and the
    check explains why it skipped it."""

    if not candidate.forced and not screen(load_path(candidate.path, config.limits), candidate.named).is_run:
        return None
    return fix_path(candidate.path, config, clusters, tree=candidate.tree, unsafe=unsafe, write=write)


def _stdin(config: Config) -> str:
    """Standard input's text, or nothing to fix when it is not a readable run file's text."""

    data = sys.stdin.buffer.read(config.limits.max_file_size + 1)
    return "" if isinstance(decode(data, config.limits), LoadProblem) else data.decode("utf-8")


def after_report(options: CheckOptions, outcomes: list[FixOutcome]) -> str:
    """What `check --fix` says after the diagnostics: the fixes made (--show-fixes), the hidden ones."""

    if options.quiet or options.silent:
        return ""
    return (shown_fixes(outcomes) if options.show_fixes else "") + hidden_line(outcomes)


def diff(
    options: CheckOptions,
    paths: list[str],
    config: Config,
    clusters: Clusters | None,
    selection: Selection,
    streams: Streams,
) -> int:
    """`check --diff`: the fixes as a unified diff on stdout, nothing written; exit 1 when there is one."""

    outcomes = fix_files(options, paths, config, clusters, selection, streams, write=False)
    if not options.silent:
        streams.stdout.write("".join(unified(outcome) for outcome in outcomes))
    if not (options.quiet or options.silent):
        count = sum(len(outcome.applied) for outcome in outcomes)
        said = shown_fixes(outcomes, done=False) if options.show_fixes else ""
        streams.stderr.write(
            said or (f"Would fix {plural(count, 'problem')}.\n" if count else "No fixes would be made.\n")
        )
        streams.stderr.write(hidden_line(outcomes))
    return EXIT_FINDINGS if any(outcome.text is not None for outcome in outcomes) else EXIT_OK
