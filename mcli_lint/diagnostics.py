"""The diagnostic: what every check produces and every reporter renders."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

# A path into the loaded data: mapping keys (as loaded, any hashable) and sequence indices.
Path = tuple[object, ...]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass(frozen=True)
class Span:
    start: Position
    end: Position


@dataclass(frozen=True)
class Edit:
    """Replace the text from ``start`` up to ``end`` (1-based, columns in characters) with ``text``."""

    start: Position
    end: Position
    text: str = ""


class Applicability(enum.Enum):
    """Whether a fix keeps what mosaicml-cli 0.8.3 sends for the run (safe) or changes it (unsafe)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Fix:
    """A rule's own repair of what it reports: text edits that ``check --fix`` applies as they are.

    ``changes`` are the data paths whose values the edits may change (the engine checks that nothing
    else does). A fix with no edits is one the rule makes elsewhere but not as this file is written
    (under an anchor other paths alias, say): ``check --fix`` says it was left alone.
    """

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    changes: tuple[Path, ...] = ()

    @property
    def available(self) -> bool:
        return bool(self.edits)

    @property
    def safe(self) -> bool:
        return self.applicability is Applicability.SAFE


@dataclass(frozen=True)
class Finding:
    """What a rule reports: where (as a data path) and what. The linter adds code and position."""

    path: Path
    message: str
    help: str | None = None
    # Point at the key rather than the value (unknown keys, duplicate keys, missing fields).
    at_key: bool = False
    # A position the rule knows directly (used by input rules that have no data path).
    span: Span | None = None
    fix: Fix | None = None


@dataclass(frozen=True)
class Diagnostic:
    path: str
    code: str
    name: str
    severity: Severity
    message: str
    help: str | None
    pointer: str
    span: Span
    fix: Fix | None = field(default=None, compare=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start.line, self.span.start.column, self.code)


def json_pointer(path: Path) -> str:
    """Render a data path as an RFC 6901 JSON pointer."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)
