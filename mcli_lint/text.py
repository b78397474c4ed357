"""Making user text safe to echo, and suggesting near matches."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable

# Characters that hide or reorder text: bidi controls, zero-width characters, separators.
SUSPICIOUS = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\ufeff\u00ad\u061c"
)


def is_hidden(char: str) -> bool:
    """A control character other than tab and newline, or one that hides or reorders text."""
    if char in "\t\n":
        return False
    return char in SUSPICIOUS or unicodedata.category(char) in ("Cc", "Cf")


def char_escape(char: str) -> str:
    """``\\xNN``, ``\\uNNNN`` or ``\\UNNNNNNNN``: the spelling YAML's double quotes and Python share."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape(text: str) -> str:
    """``text`` with control, bidi and zero-width characters shown as escapes."""
    if text.isprintable() and not any(c in SUSPICIOUS for c in text):
        return text
    out = []
    for char in text:
        if char == "\t":
            out.append("\\t")
        elif char == "\n":
            out.append("\\n")
        elif is_hidden(char) or (not char.isprintable() and char != " "):
            out.append(char_escape(char))
        else:
            out.append(char)
    return "".join(out)


def lookalikes(text: str) -> list[str]:
    """The letters of another script in a word of Latin letters (`n\\u0430me`, with a Cyrillic a): letters
    that pass for others. Empty for ASCII words, accented Latin (`café`) and words in one script."""
    if text.isascii() or not any(c.isascii() and c.isalpha() for c in text):
        return []
    return list(
        dict.fromkeys(
            c for c in text if not c.isascii() and c.isalpha() and not unicodedata.name(c, "").startswith("LATIN")
        )
    )


def spell(text: str) -> str:
    """``escape(text)``, and a lookalike letter escaped too, so that `n\u0430me` is not read as `name`."""
    found = lookalikes(text)
    return "".join(char_escape(c) if c in found else escape(c) for c in text) if found else escape(text)


def name_lookalikes(text: str) -> str:
    """ " (U+0430 CYRILLIC SMALL LETTER A)" for a word with lookalike letters, else ""."""
    names = [f"U+{ord(c):04X} {unicodedata.name(c, 'letter')}" for c in lookalikes(text)]
    return f" ({', '.join(names)})" if names else ""


def did_you_mean(word: object, candidates: Iterable[str]) -> str | None:
    if not isinstance(word, str):
        return None
    # Lazy: difflib (about 7 ms measured) only when a name is unknown.
    import difflib

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    if not matches:
        lowered = {c.lower(): c for c in candidates}
        return lowered.get(word.lower())
    return matches[0]


def field_name(path: tuple[object, ...]) -> str:
    """A data path as people write it: ``compute.gpus``, ``integrations[0].git_repo``."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + spell(str(part))
    return out or "the top level"


_ARTICLES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean (true or false)",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}


def expected_types(expected: object) -> str:
    kinds = expected if isinstance(expected, list) else [expected]
    return " or ".join(_ARTICLES.get(str(k), str(k)) for k in kinds)


def value_kind(value: object) -> str:
    """What a loaded value is, in the words of the schema (and YAML 1.1 for the rest)."""
    # Lazy: text.py is on every path; datetime (about 2.5 ms measured) only to word a date.
    import datetime

    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime.datetime):
        return "a timestamp"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, bytes):
        return "binary data"
    if isinstance(value, (set, frozenset)):
        return "a set"
    return "a value of another kind"


def show_value(value: object, limit: int = 60) -> str:
    """A short, escaped rendering of a scalar for messages, as YAML writes it; nothing for collections."""
    if isinstance(value, (dict, list)):
        return ""
    shown = escape(repr(value)) if isinstance(value, str) else yaml_scalar(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def yaml_scalar(value: object) -> str:
    """A loaded scalar as YAML writes it: ``true``, ``null``, ``.inf``, ``2024-01-05``."""
    # Lazy: text.py is on every path; datetime (about 2.5 ms measured) only to word a date.
    import datetime

    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return escape(repr(value))
    if isinstance(value, (int, float)):
        return repr(value)
    return escape(value_kind(value))


def yaml_quote(text: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly ``text``."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif is_hidden(char) or not char.isprintable():
            out.append(char_escape(char))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def python_value(value: object) -> str:
    """A scalar as loaded, in YAML's words, for "YAML reads X as ..." messages."""
    return yaml_scalar(value)


# Lists of numbers longer than this are shortened in the middle.
_LONGEST_LIST = 6


def numbers(values: Iterable[int]) -> str:
    """Sorted integers for people: runs of three or more as `1 to 8`, long lists shortened in the middle."""
    ordered = sorted(set(values))
    parts: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"{ordered[start]} to {ordered[end]}")
        else:
            parts.extend(str(v) for v in ordered[start : end + 1])
        start = end + 1
    if len(parts) > _LONGEST_LIST:
        parts = [*parts[:3], "…", parts[-1]]
    return ", ".join(parts)
