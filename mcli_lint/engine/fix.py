"""``check --fix``: the rules' own text edits, applied as ruff applies them.

Each pass lints the text, takes the fixes the options allow (safe ones; unsafe ones too with
``--unsafe-fixes``), keeps those whose edits do not overlap an edit already taken, and applies them
to the text as it is (line endings and BOM kept, nothing else touched). The result must load, read
as the same data outside the paths the fixes say they change, and lint with the fixed problems
gone and none new; a pass that fails is retried one fix at a time, and a fix that fails alone is
left out. Passes repeat until nothing is left to fix (one fix may make room for the next: a
`compute:` made by the first move takes the second), at most ``MAX_PASSES`` times. The file is then
written once, through the one writer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mcli_lint.config import Config
from mcli_lint.diagnostics import Diagnostic, Edit, Path, Severity
from mcli_lint.edit import writer
from mcli_lint.edit.text_edits import apply_edits, overlapping
from mcli_lint.engine.lint import lint_loaded
from mcli_lint.format.verify import canonical
from mcli_lint.loader import LoadProblem, load_text
from mcli_lint.loader.source import decode

if TYPE_CHECKING:
    from mcli_lint.compute.clusters import Clusters

__all__ = ["MAX_PASSES", "Applied", "FixOutcome", "fix_key", "fix_path", "fix_text"]

MAX_PASSES = 10
# Files larger than this are left alone, saying so (as fmt does).
MAX_FIX_CHARACTERS = 262_144
NOT_HERE = "the fixes do not apply to how this file is written"


@dataclass(frozen=True)
class Applied:
    """One problem fixed: its rule, where it was (a data path, or a line for a comment), and how."""

    code: str
    name: str
    where: str
    title: str

    @property
    def label(self) -> str:
        return f"{self.code} {self.where}"


@dataclass(frozen=True)
class FixOutcome:
    path: str
    applied: tuple[Applied, ...] = ()
    # Why fixable problems were left as they are, when they were.
    message: str | None = None
    # The fixed text, line endings and BOM as in the file (None when nothing changed).
    text: str | None = None
    # Fixes were found but the file could not be written (read-only, edited meanwhile...): a failure.
    unwritten: bool = False
    # Problems left with an unsafe fix that --unsafe-fixes would make.
    hidden: int = 0
    # The text as read (for a diff).
    original: str = ""

    @property
    def fixed(self) -> tuple[str, ...]:
        """What was fixed, as `CODE pointer` (`CODE line N` for a problem without a data path)."""
        return tuple(item.label for item in self.applied)


def fix_key(diagnostic: Diagnostic) -> str:
    """One problem, as the editor names the one it wants fixed."""
    start = diagnostic.span.start
    return f"{diagnostic.code} {diagnostic.pointer} {start.line}:{start.column}"


def _normal(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _uses_crlf(text: str) -> bool:
    crlf = text.count("\r\n")
    return crlf > 0 and crlf >= text.count("\n") - crlf


@dataclass(frozen=True)
class _State:
    text: str
    data: Any
    diagnostics: list[Diagnostic]


def fix_text(
    text: str,
    config: Config,
    path: str = "<string>",
    clusters: Clusters | None = None,
    *,
    unsafe: bool = False,
    only: frozenset[str] | None = None,
) -> FixOutcome:
    """Fix ``text`` (a file's text, line endings and BOM as in the file); nothing is written. ``only``
    (:func:`fix_key` items) limits the fixes to those problems, in one pass: the editor offers them
    one at a time, and asks for them whatever their safety."""
    if len(text) > MAX_FIX_CHARACTERS:
        return FixOutcome(path, message=f"not fixed: over {MAX_FIX_CHARACTERS} characters", original=text)
    loaded = load_text(_normal(text), config.limits)
    if loaded.problems or loaded.document is None:
        return FixOutcome(path, original=text)  # unreadable: check reports it
    state = _State(text, loaded.document.data, lint_loaded(path, loaded, config, clusters))
    allowed = _chooser(unsafe or only is not None, only)
    applied: list[Applied] = []
    refused: set[str] = set()
    failure: str | None = None
    for _ in range(MAX_PASSES if only is None else 1):
        ready = [
            d
            for d in state.diagnostics
            if allowed(d) and d.fix is not None and d.fix.available and fix_key(d) not in refused
        ]
        if not ready:
            break
        chosen = _non_overlapping(state.text, ready)
        if not chosen:
            break
        outcome = _attempt(state, chosen, path, config, clusters)
        if isinstance(outcome, str):  # together they fail: the first that works alone, then a new pass
            alone, tried, why = _one_by_one(state, chosen, path, config, clusters)
            refused.update(fix_key(d) for d in tried)
            failure = failure or why
            if alone is None:
                continue
            outcome, chosen = alone, chosen[len(tried) : len(tried) + 1]
        applied.extend(_applied(d) for d in chosen)
        state = outcome
    # Left alone as written (under an anchor other paths alias, a field compute sets already...).
    skipped = [_label(d) for d in state.diagnostics if allowed(d) and d.fix is not None and not d.fix.available]
    message = (
        f"not fixed: {failure}" if failure else f"not fixed: {NOT_HERE} ({', '.join(skipped)})" if skipped else None
    )
    hidden = 0 if unsafe or only is not None else sum(1 for d in state.diagnostics if _hidden(d))
    return FixOutcome(path, tuple(applied), message, state.text if applied else None, hidden=hidden, original=text)


def _chooser(unsafe: bool, only: frozenset[str] | None) -> Callable[[Diagnostic], bool]:
    def allowed(d: Diagnostic) -> bool:
        if d.fix is None or (only is not None and fix_key(d) not in only):
            return False
        return unsafe or d.fix.safe

    return allowed


def _hidden(d: Diagnostic) -> bool:
    return d.fix is not None and d.fix.available and not d.fix.safe


def _label(d: Diagnostic) -> str:
    return f"{d.code} {d.pointer or f'line {d.span.start.line}'}"


def _applied(d: Diagnostic) -> Applied:
    assert d.fix is not None
    return Applied(d.code, d.name, _label(d).split(" ", 1)[1], d.fix.title)


def _edits(text: str, chosen: Sequence[Diagnostic]) -> list[Edit]:
    crlf = _uses_crlf(text)
    return [
        Edit(edit.start, edit.end, edit.text.replace("\n", "\r\n") if crlf else edit.text)
        for d in chosen
        if d.fix is not None
        for edit in d.fix.edits
    ]


def _non_overlapping(text: str, ready: list[Diagnostic]) -> list[Diagnostic]:
    """The fixes to make together, in the order found: each one's edits clear of those taken."""
    taken: list[Edit] = []
    chosen = []
    for d in ready:
        assert d.fix is not None
        if overlapping(text, d.fix.edits):
            continue  # a fix must not overlap itself (a rule's mistake): never made
        if not overlapping(text, [*taken, *d.fix.edits]):
            taken.extend(d.fix.edits)
            chosen.append(d)
    return chosen


def _one_by_one(
    state: _State, chosen: list[Diagnostic], path: str, config: Config, clusters: Clusters | None
) -> tuple[_State | None, list[Diagnostic], str | None]:
    """The state once the first fix that works alone is made (None if none does), the ones tried
    before it (which fail alone), and why the first of those failed."""
    first_failure: str | None = None
    for index, d in enumerate(chosen):
        outcome = _attempt(state, [d], path, config, clusters)
        if not isinstance(outcome, str):
            return outcome, chosen[:index], first_failure
        first_failure = first_failure or outcome
    return None, chosen, first_failure


def _attempt(
    state: _State, chosen: Sequence[Diagnostic], path: str, config: Config, clusters: Clusters | None
) -> _State | str:
    """The state once the fixes are made, or why they cannot be."""
    text = apply_edits(state.text, _edits(state.text, chosen))
    if text is None:
        return "the fixes overlap"
    loaded = load_text(_normal(text), config.limits)
    if loaded.problems or loaded.document is None:
        return "the edits would make the file unreadable"
    changes = [change for d in chosen if d.fix is not None for change in d.fix.changes]
    if not _same_outside(state.data, loaded.document.data, changes):
        return "the fix would change data it does not report"
    after = lint_loaded(path, loaded, config, clusters)
    problem = _recheck(state.diagnostics, after, chosen)
    return problem if problem is not None else _State(text, loaded.document.data, after)


def _same_outside(before: Any, after: Any, changes: list[Path]) -> bool:

    return canonical(_without(before, changes)) == canonical(_without(after, changes))


def _without(data: Any, paths: list[Path]) -> Any:
    """``data`` without the values at ``paths`` (a new structure: aliases in ``data`` are not shared)."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            below = [p[1:] for p in paths if p and _same_key(p[0], key)]
            if () not in below:
                out[key] = _without(value, below)
        return out
    if isinstance(data, list):
        kept = []
        for index, item in enumerate(data):
            below = [p[1:] for p in paths if p and p[0] == index and not isinstance(p[0], bool)]
            kept.append(_Removed() if () in below else _without(item, below))
        return kept
    return data


def _same_key(a: object, b: object) -> bool:
    return type(a) is type(b) and a == b


class _Removed:
    """A list item a fix may change: equal to any other."""

    def __repr__(self) -> str:
        return "<removed>"


def _recheck(before: list[Diagnostic], after: list[Diagnostic], fixed: Sequence[Diagnostic]) -> str | None:
    """Every fixed problem gone, no new error: per code, no more than before less what was fixed. A new
    warning is allowed (`run_name: SD2` becomes `name: SD2`, which mcli renames, where it was dropped):
    the check after the fix reports it."""
    done = {f"{d.code} {d.pointer}" for d in fixed if d.pointer}
    left = sorted({f"{d.code} {d.pointer}" for d in after}.intersection(done))
    if left:
        return f"the fixed file would still report {left[0]}"
    allowed = Counter(d.code for d in before)
    allowed.subtract(Counter(d.code for d in fixed))
    found = Counter(d.code for d in after if d.severity is Severity.ERROR)
    for code in sorted(found):
        if found[code] > allowed[code]:
            example = next(d for d in after if d.code == code)
            return f"the fix would bring {code} ({example.message})"
    return None


def fix_path(
    path: str,
    config: Config,
    clusters: Clusters | None = None,
    before_rename: Callable[[], None] | None = None,
    tree: str | None = None,
    *,
    unsafe: bool = False,
    write: bool = True,
) -> FixOutcome:
    """Fix one file in place (atomically, through the one writer; inside ``tree`` when found in it),
    or, without ``write``, only say what fixing it would give."""

    snapshot = writer.read(path, config.limits)
    if not isinstance(snapshot, writer.Snapshot) or isinstance(decode(snapshot.data, config.limits), LoadProblem):
        return FixOutcome(path)  # unreadable: check reports it
    outcome = fix_text(snapshot.data.decode("utf-8"), config, path, clusters, unsafe=unsafe)
    if outcome.text is None or not write:
        return outcome
    error = writer.replace(snapshot, outcome.text.encode("utf-8"), before_rename, tree)
    if error is not None:
        return FixOutcome(path, message=f"not fixed: {error}", unwritten=True, original=outcome.original)
    return outcome
