"""The promise fmt checks on every file before it writes: mcli reads the same data, and every comment is kept."""

from __future__ import annotations

import datetime
from collections.abc import Hashable
from typing import Any

from mcli_lint.format.tokens import comment_texts
from mcli_lint.loader import Limits, LoadProblem, load_text
from mcli_lint.loader.source import decode
from mcli_lint.rules import describe

__all__ = ["canonical", "check", "read_back"]


def canonical(value: Any) -> Hashable:
    """``value`` as a hashable that tells apart what Python's ``==`` does not: 1, 1.0 and True; 0.0 and
    -0.0; a date and a string. NaN equals NaN. Mapping order is not data."""
    if isinstance(value, dict):
        return ("map", frozenset((canonical(k), canonical(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(canonical(item) for item in value))
    if isinstance(value, tuple):
        return ("tuple", tuple(canonical(item) for item in value))
    if isinstance(value, (set, frozenset)):
        return ("set", frozenset(canonical(item) for item in value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return (type(value).__name__, value.isoformat(), repr(value))
    return (type(value).__name__, repr(value))


def read_back(data: bytes, limits: Limits) -> tuple[Any, str | None]:
    """What mcli reads from ``data`` (the bytes fmt would write), or why it could not read them."""
    source = decode(data, limits)
    if isinstance(source, LoadProblem):
        return None, " ".join(describe(source)[:2])
    loaded = load_text(source.text, limits)
    if loaded.problems:
        return None, " ".join(describe(loaded.problems[0])[:2])
    assert loaded.document is not None
    return loaded.document.data, None


def check(before: Any, before_text: str, after: bytes, limits: Limits, *, moved: bool = False) -> str | None:
    """Why writing ``after`` in place of a file that read as ``before`` would break a promise, or None.

    ``before_text`` is the input with BOM and CR removed, for its comments: the same, in the same order
    (in any order when entries were ``moved``, as ``sort-keys`` does).
    """
    data, problem = read_back(after, limits)
    if problem is not None:
        return f"the formatted file would not load ({problem})"
    if canonical(data) != canonical(before):
        return "the formatted file would change what mcli reads"
    text = after.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    kept, written = comment_texts(text), comment_texts(before_text)
    if (sorted(kept) != sorted(written)) if moved else (kept != written):
        return "the formatted file would not keep every comment"
    return None
