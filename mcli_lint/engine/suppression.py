"""Suppression comments: directives read from the YAML scanner's comments, and applied to diagnostics.

Only comments count (as in yamllint): text in a block scalar, a quoted string or any other scalar is
data, never a directive. A directive is ``# mcli-lint: disable=CODES`` (codes or names, separated by
commas or spaces), a bare ``# mcli-lint: disable`` (every rule), or ``# mcli-lint: disable-file=CODES``
above the first key. A ``# reason`` may follow. At the end of a line it covers that line; alone on its
line, the line below; either way also every line of a scalar written over several lines that starts
on the line it covers (a block scalar's lines cannot carry comments of their own).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from mcli_lint.diagnostics import Diagnostic, Edit, Position, Span
from mcli_lint.directives import Directive, Name, Scope
from mcli_lint.loader.limits import Limits
from mcli_lint.rules import BY_NAME, find

if TYPE_CHECKING:
    from mcli_lint.format.comments import Comment, Tokens

# Text without this has no directive, and is never scanned for one.
MARK = "mcli-lint:"
_START = re.compile(r"#[ \t]*mcli-lint:")
_REASON = re.compile(r"\s#")
_NAME = re.compile(r"[^,\s]+")
_ACTION = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# The line breaks YAML counts (PyYAML's marks count these).
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_ACTIONS = ("disable", "disable-file")
_USAGE = "write `# mcli-lint: disable=CODE` for one line, or `# mcli-lint: disable-file=CODE` at the top of the file"


def read_directives(text: str, max_depth: int = Limits().max_depth) -> tuple[Directive, ...]:
    """Every directive in the comments of ``text`` (already decoded and newline-normalised), up to
    flow nesting deeper than ``max_depth``, which the loader refuses anyway."""
    if MARK not in text:
        return ()
    # Lazy: the pure-Python scanner is needed only for files that have a directive.
    from mcli_lint.format.comments import scan_tokens

    tokens = scan_tokens(text, max_depth)
    lines = _BREAKS.split(text)
    found = []
    for comment in tokens.comments:
        match = _START.search(comment.text)
        if match is not None:
            found.append(_directive(comment, match, lines, tokens))
    return tuple(found)


def _directive(comment: Comment, match: re.Match[str], lines: list[str], tokens: Tokens) -> Directive:
    line = comment.line + 1

    def at(offset: int) -> Position:
        return Position(line, comment.column + offset + 1)

    reason = _REASON.search(comment.text, match.end())
    body_end = reason.start() if reason is not None else len(comment.text)
    body = comment.text[match.end() : body_end].rstrip()
    span = Span(at(match.start()), at(match.end() + len(body)))
    removal = _removal(comment, match.start(), lines)

    action = _ACTION.match(body.lstrip())
    if action is None:
        return Directive(Scope.LINE, span, (), frozenset(), "a `mcli-lint:` comment without a directive", _USAGE)
    word = action.group()
    rest_at = match.end() + len(body) - len(body.lstrip()) + action.end()
    rest = comment.text[rest_at : match.end() + len(body)]
    if word not in _ACTIONS:
        return Directive(Scope.LINE, span, (), frozenset(), f"unknown directive `{word}`", _USAGE)
    scope = Scope.FILE if word == "disable-file" else Scope.NEXT_LINE if comment.own_line else Scope.LINE
    names: list[Name] = []
    separator = ","
    if rest.strip():
        if not rest.lstrip().startswith("="):
            return Directive(scope, span, (), frozenset(), f"`{word}` needs `=` before the codes", _USAGE)
        listed = rest_at + rest.index("=") + 1
        written = list(_NAME.finditer(comment.text[listed : match.end() + len(body)]))
        if not written:
            return Directive(scope, span, (), frozenset(), f"`{word}=` names no rule", _USAGE)
        for item in written:
            rule = find(item.group())
            where = Span(at(listed + item.start()), at(listed + item.end()))
            names.append(
                Name(item.group(), where, rule.code, None)
                if rule
                else Name(item.group(), where, None, _near(item.group()))
            )
        if len(written) > 1:
            between = comment.text[listed + written[0].end() : listed + written[1].start()]
            separator = ", " if ", " in between else "," if "," in between else " "
    if scope is Scope.FILE:
        if tokens.first is not None and tokens.first < (comment.line, comment.column):
            return Directive(
                scope,
                span,
                tuple(names),
                frozenset(),
                "`disable-file` works only at the top of the file, above the first key",
                "move it there, or use `disable` for this line alone",
            )
        covered = frozenset(range(1, len(lines) + 2))
    else:
        covered = _covered(line if scope is Scope.LINE else line + 1, tokens)
    return Directive(scope, span, tuple(names), covered, removal=removal, separator=separator)


def _near(text: str) -> str | None:
    """The rule name closest to an unknown one (codes are not guessed: MCL209 is no typo of MCL999)."""
    # Lazy: difflib only when a directive names an unknown rule.
    import difflib

    if re.fullmatch(r"(?i)mcl\d*", text):
        return None
    close = difflib.get_close_matches(text.lower(), list(BY_NAME), n=1, cutoff=0.75)
    return close[0] if close else None


def _covered(line: int, tokens: Tokens) -> frozenset[int]:
    """``line`` (1-based) and the lines of every multi-line scalar starting on it."""
    covered = {line}
    for first, last in tokens.scalars:
        if first + 1 == line:
            covered.update(range(line, last + 2))
    return frozenset(covered)


def _removal(comment: Comment, offset: int, lines: list[str]) -> Edit:
    """Take the directive out: from its ``#`` (and the blanks before it) to the end of the comment, or
    its whole line when nothing else is on it."""
    line = comment.line + 1
    text = lines[comment.line].removeprefix("\ufeff") if comment.line == 0 else lines[comment.line]
    start = comment.column + offset
    if comment.own_line and offset == 0:
        return Edit(Position(line, 1), Position(line + 1, 1))
    before = text[:start].rstrip(" \t")
    return Edit(Position(line, len(before) + 1), Position(line, comment.column + len(comment.text) + 1))


def apply(
    directives: tuple[Directive, ...], diagnostics: Iterable[Diagnostic]
) -> tuple[list[Diagnostic], frozenset[tuple[int, str]]]:
    """The diagnostics no directive suppresses, and which directive suppressed which code."""
    covering = _by_line(directives)
    kept: list[Diagnostic] = []
    used: set[tuple[int, str]] = set()
    for diagnostic in diagnostics:
        hits = [
            index
            for index in covering.get(diagnostic.span.start.line, ())
            if directives[index].bare or any(n.code == diagnostic.code for n in directives[index].names)
        ]
        if hits:
            used.update((index, diagnostic.code) for index in hits)
        else:
            kept.append(diagnostic)
    return kept, frozenset(used)


def apply_named(directives: tuple[Directive, ...], diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics no directive names: for the rules about directives, which a bare one cannot hide."""
    covering = _by_line(directives)
    return [
        d
        for d in diagnostics
        if not any(n.code == d.code for i in covering.get(d.span.start.line, ()) for n in directives[i].names)
    ]


def _by_line(directives: tuple[Directive, ...]) -> dict[int, list[int]]:
    covering: dict[int, list[int]] = {}
    for index, directive in enumerate(directives):
        if directive.working:
            for line in directive.lines:
                covering.setdefault(line, []).append(index)
    return covering
