"""Code actions: the rules' own fixes (``check --fix``'s text edits) one problem at a time, safe or
unsafe, and the safe ones all at once; did-you-mean replacements the rules do not make themselves, and
a comment that disables a rule on a line. Every action is a list of text edits, checked by linting the
edited text before it is offered."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lsprotocol import types

from mcli_lint.diagnostics import Diagnostic, Severity
from mcli_lint.engine.fix import fix_key, fix_text
from mcli_lint.server import FIX_ALL
from mcli_lint.server.analysis import Analysis, analyze
from mcli_lint.server.edits import lines_with_ends, text_edits
from mcli_lint.server.positions import column_of, units
from mcli_lint.server.settings import Resolved

# "did you mean `x`?" / "did you mean 'x'?" in the help of a rule that makes no fix of its own (MCL301,
# MCL304, MCL402); MCL102, MCL105 and MCL210 own theirs ("rename it to `x`" is MCL102's words).
_SUGGESTION = re.compile(r"(?:did you mean (?:`([^`]+)`|'([^'\\]+)')\?|rename it to `([^`]+)`$)")
_DIRECTIVE = re.compile(r"(?:^|\s)#\s*mcli-lint:\s*disable=([A-Za-z0-9_,\- ]+)")


@dataclass(frozen=True)
class Target:
    """A problem an action is for: ours, and as the client has it."""

    ours: Diagnostic
    client: types.Diagnostic


@dataclass(frozen=True)
class Request:
    uri: str
    text: str
    analysis: Analysis
    resolved: Resolved
    encoding: str


def wanted(only: Sequence[str] | None, kind: str) -> bool:
    """Whether the client asked for actions of ``kind`` (a kind is asked for by any of its prefixes)."""
    return only is None or any(kind == asked or kind.startswith(asked + ".") for asked in only)


def code_actions(request: Request, targets: list[Target], only: Sequence[str] | None) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    if wanted(only, types.CodeActionKind.QuickFix):
        for target in targets:
            for action in (_fix(request, target), _suggestion(request, target), _disable(request, target)):
                if action is not None:
                    actions.append(action)
    if wanted(only, FIX_ALL):
        fix_all = _fix_all(request)
        if fix_all is not None:
            actions.append(fix_all)
    return actions


def _action(
    request: Request, title: str, kind: str, edits: list[types.TextEdit], target: Target | None, preferred: bool
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=kind,
        diagnostics=[target.client] if target is not None else None,
        edit=types.WorkspaceEdit(changes={request.uri: edits}),
        is_preferred=preferred or None,
    )


def _fixed_text(request: Request, only: frozenset[str] | None) -> str | None:
    """The text with the rules' fixes made as ``check --fix`` makes them (the safe ones; with ``only``,
    those problems' fixes, safe or not), or None when nothing is fixed."""

    if request.analysis.text is None:
        return None  # unreadable (binary, not UTF-8, too large): check --fix leaves such files alone too
    resolved = request.resolved
    outcome = fix_text(request.text, resolved.config, resolved.path, resolved.clusters, only=only)
    return outcome.text


def _fix(request: Request, target: Target) -> types.CodeAction | None:

    ours = target.ours
    if ours.fix is None or not ours.fix.available:
        return None
    fixed = _fixed_text(request, frozenset({fix_key(ours)}))
    if fixed is None:
        return None
    title = f"Fix {ours.code}: {ours.fix.title}" + ("" if ours.fix.safe else " (unsafe)")
    edits = text_edits(request.text, fixed, request.encoding)
    return _action(request, title, types.CodeActionKind.QuickFix, edits, target, ours.fix.safe)


def _fix_all(request: Request) -> types.CodeAction | None:
    fixed = _fixed_text(request, None)
    if fixed is None or fixed == request.text:
        return None
    edits = text_edits(request.text, fixed, request.encoding)
    return _action(request, "Fix all safely fixable mcli-lint problems", FIX_ALL, edits, None, False)


def suggestion(help_text: str | None) -> str | None:
    """The replacement a "did you mean" help line suggests."""
    match = _SUGGESTION.search(help_text or "")
    return (match.group(1) or match.group(2) or match.group(3)) if match else None


def _replace_in_line(request: Request, line: int, start: int, end: int, new: str) -> tuple[str, types.TextEdit]:
    """The text with code points [start, end) of a line replaced, and that edit for the client."""
    lines = lines_with_ends(request.text) or [""]
    text = lines[line] if line < len(lines) else ""
    edit = types.TextEdit(
        types.Range(
            types.Position(line, units(text[:start], request.encoding)),
            types.Position(line, units(text[:end], request.encoding)),
        ),
        new,
    )
    edited = [*lines]
    if line < len(edited):
        edited[line] = text[:start] + new + text[end:]
    else:
        edited.append(new)
    return "".join(edited), edit


def _suggestion(request: Request, target: Target) -> types.CodeAction | None:
    if target.ours.fix is not None and target.ours.fix.available:
        return None  # the rule's own fix makes it
    suggested = suggestion(target.ours.help)
    where = target.client.range
    if suggested is None or where.start.line != where.end.line:
        return None
    lines = lines_with_ends(request.text)
    if where.start.line >= len(lines):
        return None
    text = lines[where.start.line]
    start = column_of(text, where.start.character, request.encoding)
    end = column_of(text, where.end.character, request.encoding)
    written = text[start:end]
    if len(written) >= 2 and written[0] == written[-1] and written[0] in "'\"":
        start, end = start + 1, end - 1  # keep the quotes as they were written
    edited, edit = _replace_in_line(request, where.start.line, start, end, suggested)
    if not _resolves(request, edited, target.ours):
        return None
    return _action(request, f"Replace with `{suggested}`", types.CodeActionKind.QuickFix, [edit], target, False)


def _disable(request: Request, target: Target) -> types.CodeAction | None:
    code = target.ours.code
    line = target.client.range.start.line
    lines = lines_with_ends(request.text)
    text = lines[line] if line < len(lines) else ""
    body = text.rstrip("\r\n")
    match = _DIRECTIVE.search(body)
    candidates: list[tuple[str, types.TextEdit]] = []
    if match is not None:
        end = match.end(1) - (len(match.group(1)) - len(match.group(1).rstrip()))
        candidates.append(_replace_in_line(request, line, end, end, f",{code}"))
    else:
        candidates.append(_replace_in_line(request, line, len(body), len(body), f"  # mcli-lint: disable={code}"))
        # Where a comment cannot end the line (inside a block scalar, say), one alone on the line above.
        indent = body[: len(body) - len(body.lstrip(" "))]
        ending = text[len(body) :] or "\n"
        candidates.append(_replace_in_line(request, line, 0, 0, f"{indent}# mcli-lint: disable={code}{ending}"))
    for edited, edit in candidates:
        if _resolves(request, edited, target.ours, same_data=True):
            return _action(
                request, f"Disable {code} for this line", types.CodeActionKind.QuickFix, [edit], target, False
            )
    return None


def _resolves(request: Request, edited: str, fixed: Diagnostic, same_data: bool = False) -> bool:
    """The edited text no longer reports ``fixed`` and reports nothing new; with ``same_data``, it also reads as
    the same data. A replacement may bring warnings (`clustr` -> `cluster` is a deprecated field): only errors count."""
    after = analyze(edited, request.resolved)
    if same_data:
        old, new = request.analysis.loaded.document, after.loaded.document
        if (old is None) != (new is None) or (old is not None and new is not None and old.data != new.data):
            return False
    before = Counter((d.code, d.message) for d in request.analysis.diagnostics)
    before[(fixed.code, fixed.message)] -= 1
    counted = after.diagnostics if same_data else [d for d in after.diagnostics if d.severity is Severity.ERROR]
    found = Counter((d.code, d.message) for d in counted)
    gone = (
        sum(1 for d in after.diagnostics if (d.code, d.message) == (fixed.code, fixed.message))
        <= before[(fixed.code, fixed.message)]
    )
    return gone and all(found[key] <= before[key] for key in found)
