"""One file: load it, run the enabled rules, turn findings into positioned diagnostics."""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING

from mcli_lint.config import Config
from mcli_lint.diagnostics import Diagnostic, Finding, Position, Span, json_pointer
from mcli_lint.directives import Suppressions
from mcli_lint.engine.detect import Kind, Verdict, detect
from mcli_lint.engine.suppression import apply, apply_named, read_directives
from mcli_lint.loader import LoadResult, load_path, load_text
from mcli_lint.rules import RULES, describe
from mcli_lint.rules.base import Context, Rule

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters
    from mcli_lint.compute.infer import Outcome


# Loader problems that leave nothing to judge the content by: the file cannot be read at all
# (MCL005), or is over a limit before it could be parsed (MCL006).
_CANNOT_READ = "MCL005"
_OVER_A_LIMIT = "MCL006"


def screen(loaded: LoadResult, named: bool) -> Verdict:
    """Whether a loaded file is a run to lint. A file named on the command line (or open in an
    editor) that cannot be read as YAML is linted, to report that. One a walk found is reported
    when it cannot be read at all (a FIFO, a dangling link, no permission: it may be a run, and
    silence would hide it); when it is only over a limit, its text decides, as for any file."""
    said = next((d for d in map(describe, loaded.problems) if d.code in (_CANNOT_READ, _OVER_A_LIMIT)), None)
    if loaded.text is None or said is not None:
        if named or said is None or said.code == _CANNOT_READ:
            return Verdict(Kind.RUN, "unreadable", "not readable as YAML text")
        if loaded.text is not None and detect(loaded.text).is_run:
            return Verdict(Kind.RUN, "run", "a run, over a limit")
        return Verdict(Kind.OTHER, "unreadable", f"not read: {said.message}")
    return detect(loaded.text, loaded.document.data if loaded.document is not None else None)


def lint_path(path: str, config: Config) -> list[Diagnostic]:
    return lint_loaded(path, load_path(path, config.limits), config)


def lint_loaded(path: str, loaded: LoadResult, config: Config, clusters: Clusters | None = None) -> list[Diagnostic]:
    ctx = Context(loaded.document, loaded.problems, clusters, _inference if clusters is not None else None)
    first, late = _active(config.enabled(path), loaded.document is not None, clusters is not None)
    diagnostics = [_diagnostic(path, rule, finding, loaded) for rule in first for finding in rule.check(ctx)]
    directives = read_directives(loaded.text, config.limits.max_depth) if loaded.text is not None else ()
    if directives:
        # Suppression comments apply to every rule's diagnostics; then the rules about the comments
        # themselves (unused, unknown, blanket) read what was suppressed, and only a directive that
        # names them hides what they report.
        diagnostics, used = apply(directives, diagnostics)
        judged = frozenset(rule.code for rule in first)
        about = dataclasses.replace(ctx, suppressions=Suppressions(directives, used, judged))
        found = [_diagnostic(path, rule, finding, loaded) for rule in late for finding in rule.check(about)]
        diagnostics.extend(apply_named(directives, found))
    return sorted(diagnostics, key=lambda d: d.sort_key)


def _diagnostic(path: str, rule: Rule, finding: Finding, loaded: LoadResult) -> Diagnostic:
    if finding.span is not None:
        span = finding.span
    elif loaded.document is not None:
        span = loaded.document.locate(finding.path, finding.at_key)
    else:
        span = Span(Position(1, 1), Position(1, 1))
    return Diagnostic(
        path=path,
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=finding.message,
        help=finding.help,
        pointer=json_pointer(finding.path),
        span=span,
        fix=finding.fix,
    )


def _inference(ctx: Context) -> Outcome:
    # Lazy: compute inference is imported only when a clusters file is given.
    from mcli_lint.compute.infer import infer_data

    assert ctx.clusters is not None
    return infer_data(ctx.data, ctx.clusters, ctx.failed_paths)


@functools.cache
def _active(enabled: frozenset[str], has_data: bool, has_clusters: bool) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """The rules to run, worked out once per set of enabled codes: those that read the file, and
    those that read the others' diagnostics (run after them)."""
    chosen = [
        rule
        for rule in RULES
        if rule.code in enabled and (has_data or not rule.needs_data) and (has_clusters or not rule.needs_clusters)
    ]
    return tuple(r for r in chosen if not r.needs_diagnostics), tuple(r for r in chosen if r.needs_diagnostics)


def lint_text(
    text: str, config: Config | None = None, path: str = "<string>", clusters: Clusters | None = None
) -> list[Diagnostic]:
    """Lint YAML text that is already decoded (as the tests and the docs' examples do)."""
    config = config or Config()
    return lint_loaded(path, load_text(text, config.limits), config, clusters)
