"""Problems found while reading and parsing a file, before any rule runs: facts, not words.

The loader says what happened (a ``Kind``), where, and the facts a message needs; the input rule
that owns the kind (MCL001-MCL007) words it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from mcli_lint.diagnostics import Position, Span

START = Span(Position(1, 1), Position(1, 1))


class Kind(enum.StrEnum):
    # Reading the bytes (MCL005).
    NO_SUCH_FILE = "no-such-file"
    IS_DIRECTORY = "is-directory"
    PERMISSION_DENIED = "permission-denied"
    NOT_REGULAR = "not-regular"  # facts: what (a FIFO / a device or socket), or none
    CANNOT_OPEN = "cannot-open"  # facts: reason
    CANNOT_READ = "cannot-read"  # facts: reason
    TOO_LARGE = "too-large"  # facts: size, limit
    UTF16 = "utf16"
    NOT_UTF8 = "not-utf8"  # facts: byte
    NUL_BYTE = "nul-byte"
    NON_PRINTABLE = "non-printable"  # facts: character (a code point)
    # Parsing (MCL001).
    SYNTAX = "syntax"  # facts: problem, context (PyYAML's words, either may be empty)
    BAD_VALUE = "bad-value"  # facts: value, tag, reason; or only reason (an escape)
    LONE_SURROGATE = "lone-surrogate"  # facts: value, character (a code point)
    VALUE_INDICATOR = "value-indicator"  # a plain `=`, YAML 1.1's value key, which no loader builds
    # Structure (MCL002, MCL003, MCL004).
    DUPLICATE_KEY = "duplicate-key"  # facts: written, earlier, line
    EMPTY = "empty"
    NULL_DOCUMENT = "null-document"
    NOT_A_MAPPING = "not-a-mapping"  # facts: kind (list, string, number, boolean...)
    MULTIPLE_DOCUMENTS = "multiple-documents"
    # Limits (MCL006).
    TOO_MANY_NODES = "too-many-nodes"  # facts: limit
    TOO_DEEP = "too-deep"  # facts: limit
    RECURSIVE_ALIAS = "recursive-alias"  # facts: anchor
    LONG_NUMBER = "long-number"  # facts: limit (characters of an !!int or !!float scalar)
    TOO_MANY_DIGITS = "too-many-digits"  # facts: limit (decimal digits of an integer)
    # Tags (MCL007).
    UNSUPPORTED_TAG = "unsupported-tag"  # facts: tag (short form, e.g. !!python/object)


Facts = Mapping[str, str | int]


@dataclass(frozen=True)
class LoadProblem:
    kind: Kind
    span: Span = START
    facts: Facts = field(default_factory=dict, hash=False)
    # A fatal problem means there is no data to check.
    fatal: bool = True

    def fact(self, name: str) -> str:
        return str(self.facts.get(name, ""))


def position_of_offset(text: str, offset: int) -> Position:
    """The 1-based line and column of a character offset into ``text``."""
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(line, offset - line_start + 1)


def point(position: Position) -> Span:
    return Span(position, Position(position.line, position.column + 1))
