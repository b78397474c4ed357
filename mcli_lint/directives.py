"""Suppression directives as data: what the engine reads from a file's comments, and the MCL4xx rules judge."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from mcli_lint.diagnostics import Edit, Span


class Scope(enum.Enum):
    LINE = "line"  # `value  # mcli-lint: disable=...`: the comment's own line
    NEXT_LINE = "next line"  # a comment alone on its line: the line below
    FILE = "file"  # `# mcli-lint: disable-file=...` above the first key


@dataclass(frozen=True)
class Name:
    """One rule named in a directive, as written."""

    text: str
    span: Span
    # The rule's code, or None when no rule has that code or name.
    code: str | None
    # For an unknown name, the rule name it is closest to, if any is close.
    suggestion: str | None = None


@dataclass(frozen=True)
class Directive:
    """One ``# mcli-lint: ...`` comment."""

    scope: Scope
    # From the directive's ``#`` to its end (a trailing ``# reason`` excluded).
    span: Span
    # The rules it names; empty for a bare ``disable`` (every rule).
    names: tuple[Name, ...]
    # The 1-based lines it covers (every line of the file for FILE).
    lines: frozenset[int]
    # Why it is not a directive that works, when it is not: then it disables nothing.
    error: str | None = None
    help: str | None = None
    # The edit that takes the whole directive out (its line too, when nothing else is on it).
    removal: Edit | None = None
    # How its names are separated, for an edit that drops some of them.
    separator: str = ","

    @property
    def bare(self) -> bool:
        return not self.names and self.error is None

    @property
    def working(self) -> bool:
        return self.error is None

    @property
    def written(self) -> str:
        """How it reads without its codes: `# mcli-lint: disable` or `# mcli-lint: disable-file`."""
        return "# mcli-lint: disable-file" if self.scope is Scope.FILE else "# mcli-lint: disable"

    @property
    def where(self) -> str:
        return {Scope.LINE: "on this line", Scope.NEXT_LINE: "on the next line", Scope.FILE: "in this file"}[self.scope]


@dataclass(frozen=True)
class Suppressions:
    """A file's directives, after the other rules' diagnostics went through them."""

    directives: tuple[Directive, ...]
    # (index of a directive, code of a diagnostic it suppressed)
    used: frozenset[tuple[int, str]]
    # The codes of the rules that ran on the file: only they can be found unused.
    judged: frozenset[str]

    def suppressed_by(self, index: int) -> list[str]:
        """The codes the directive at ``index`` suppressed, sorted."""
        return sorted(code for at, code in self.used if at == index)
