"""Run data -> the text of a Python module building the same ``RunConfig``; every token is written here.

User text reaches the module only as string literals made by :func:`py_str` (and comments made by
:func:`py_comment`), so nothing from the input can become code. The layout is the one ``ruff format``
gives with no settings (line length 88), so the module is unchanged by it: collections stay on one
line when they fit and are otherwise written one item a line with a trailing comma.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from mcli_lint import schema
from mcli_lint.format.comments import BLANK, Attachments, Home, Path, Step, attach, key_step, scan
from mcli_lint.text import char_escape, escape

__all__ = [
    "RUN_CONFIG_FIELDS",
    "TRACKER",
    "UNUSED",
    "ConvertError",
    "Converted",
    "comments_of",
    "py_comment",
    "py_str",
    "to_python",
]

# The keyword arguments of mosaicml-cli 0.8.3's RunConfig (a dataclass). The package never imports mcli, so
# they are written down here; tests/test_convert_oracle.py holds this to the installed RunConfig's fields.
RUN_CONFIG_FIELDS = frozenset(
    {
        "name",
        "parent_name",
        "image",
        "gpu_type",
        "gpu_num",
        "cpus",
        "cluster",
        "scheduling",
        "compute",
        "parameters",
        "integrations",
        "env_variables",
        "metadata",
        "command",
        "dependent_deployment",
        "_suppress_deprecation_warnings",
    }
)
# Documented by the platform but not a RunConfig parameter in 0.8.3: kept in a variable of its own.
TRACKER = "experiment_tracker"
# Any other key RunConfig does not take (written with --force): kept, never dropped.
UNUSED = "unused"
WIDTH = 88  # ruff format's default: the module is for a project that may have no settings
INDENT = 4
# Only `command` is written as a triple-quoted string: elsewhere a newline is rare and `\n` reads fine.
_MULTILINE_FIELDS = frozenset({"command"})

TRACKER_NOTE = (
    "# The platform documents experiment_tracker, but mosaicml-cli 0.8.3's RunConfig does\n"
    "# not take it: it is kept here, unused, so nothing is lost. Pass it to RunConfig once\n"
    "# your mcli accepts it.\n"
)
UNUSED_NOTE = "# Fields RunConfig does not take, kept as the YAML file had them (mcli ignores them).\n"


class ConvertError(Exception):
    """The data holds something no Python literal can stand for (a cycle, an unknown type)."""


@dataclass(frozen=True)
class Converted:
    text: str
    notes: tuple[str, ...] = ()  # one line each, for stderr


_SIMPLE_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _body(text: str, keep: str = "") -> str:
    """``text`` as printable ASCII: everything else escaped (so no bidi, confusable or hidden character reaches the
    module: what a reviewer sees is what Python reads); characters in ``keep`` written as they are."""
    out = []
    for char in text:
        if char in keep:
            out.append(char)
        elif char in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[char])
        elif " " <= char <= "~":
            out.append(char)
        else:
            out.append(char_escape(char))
    return "".join(out)


def py_str(text: str) -> str:
    """A one-line string literal that evaluates to exactly ``text``, quoted as ruff format prefers (double
    quotes unless the text holds more double quotes than single ones)."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    return quote + _body(text).replace(quote, "\\" + quote) + quote


def triple_quoted(text: str) -> str | None:
    """A readable triple-quoted literal of a multi-line ``text`` when one is exact and lint-clean, else None."""
    lines = text.split("\n")
    if len(lines) < 2 or text.endswith('"') or '"""' in text:
        return None
    if any(line != line.rstrip(" \t") for line in lines):
        return None  # trailing whitespace inside would be invisible, and reported by linters
    return '"""' + _body(text, keep="\n") + '"""'


def py_bytes(data: bytes) -> str:
    out = []
    for byte in data:
        char = chr(byte)
        if char in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[char])
        elif char == '"':
            out.append('\\"')
        elif " " <= char <= "~":
            out.append(char)
        else:
            out.append(f"\\x{byte:02x}")
    return 'b"' + "".join(out) + '"'


def py_comment(text: str) -> str:
    """A YAML comment (``#`` included) as a Python comment: hidden characters shown as escapes, and the space
    after ``#`` that ruff format would add."""
    body = escape(text[1:])
    if body and body[0] not in " !:#'":
        body = " " + body
    return "#" + body


def _scalar(value: object) -> str | None:
    """The literal of a scalar, or None for a collection."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        try:
            return repr(value)
        except ValueError:  # more digits than int -> str allows
            raise ConvertError(f"an integer of {value.bit_length()} bits is too large to write") from None
    if isinstance(value, float):
        if math.isnan(value):
            return "math.nan"
        if math.isinf(value):
            return "math.inf" if value > 0 else "-math.inf"
        return repr(value).replace("e+", "e")  # ruff format writes 1e16, not 1e+16
    if isinstance(value, str):
        return py_str(value)
    if isinstance(value, bytes):
        return py_bytes(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        function, argument = _call(value)
        return f"{function}({argument})"
    if isinstance(value, (dict, list, tuple, set, frozenset)):
        return None
    raise ConvertError(f"a {type(value).__name__} cannot be written as a Python literal")


def _call(value: datetime.date) -> tuple[str, str]:
    """A date or time as a call with one argument, which ruff format lays out simply: isoformat() is exact
    (microseconds, and the fixed offset PyYAML gives a timestamp) and fromisoformat() reads it back."""
    kind = "datetime" if isinstance(value, datetime.datetime) else "date"
    return f"datetime.{kind}.fromisoformat", py_str(value.isoformat())


def _brackets(value: Any) -> tuple[str, str]:
    if isinstance(value, dict):
        return "{", "}"
    if isinstance(value, tuple):
        return "(", ")"
    if isinstance(value, (set, frozenset)):
        return "{", "}"
    return "[", "]"


@dataclass
class _Writer:
    above: dict[Home, list[str]]
    after: dict[Home, list[str]]
    # Paths with comments somewhere below them: their collections must be written one item a line.
    holding: set[Path] = field(default_factory=set)
    imports: set[str] = field(default_factory=set)
    _stack: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, comments: Attachments | None) -> _Writer:
        if comments is None:
            return cls({}, {})
        above = {home: [t for t in texts if t != BLANK] for home, texts in comments.above.items()}
        after = dict(comments.after)
        holding = {path[:n] for path, _ in [*above, *after] for n in range(len(path))}
        return cls(above, after, holding)

    def take_above(self, path: Path | None) -> list[str]:
        if path is None:
            return []
        return [py_comment(t) for role in ("key", "value") for t in self.above.pop((path, role), [])]

    def take_after(self, path: Path | None) -> list[str]:
        if path is None:
            return []
        return [py_comment(t) for role in ("key", "value") for t in self.after.pop((path, role), [])]

    def leftovers(self) -> list[str]:
        """Comments whose node was not written (a merged key, an item of a set): kept, at the end."""
        texts = [t for texts in [*self.above.values(), *self.after.values()] for t in texts if t != BLANK]
        self.above.clear()
        self.after.clear()
        return [py_comment(t) for t in texts]

    def flat(self, value: Any) -> str:
        """``value`` on one line."""
        scalar = _scalar(value)
        if scalar is not None:
            if isinstance(value, datetime.date):
                self.imports.add("datetime")
            elif scalar.lstrip("-").startswith("math."):
                self.imports.add("math")
            return scalar
        if isinstance(value, (set, frozenset)) and not value:
            return "set()"
        with self._visiting(value):
            opening, closing = _brackets(value)
            if isinstance(value, dict):
                items = [f"{self.flat(k)}: {self.flat(v)}" for k, v in value.items()]
            else:
                items = [self.flat(item) for item in _items(value)]
            comma = "," if isinstance(value, tuple) and len(items) == 1 else ""
            return opening + ", ".join(items) + comma + closing

    def entry(self, value: Any, path: Path | None, indent: int, prefix: str, suffix: str, multiline: bool) -> list[str]:
        """The lines of ``prefix value suffix`` at ``indent``, with the comments attached to ``path``."""
        pad = " " * indent
        above = self.take_above(path)
        eol = self.take_after(path)
        if multiline and isinstance(value, str):
            literal = triple_quoted(value)
            if literal is not None:  # an end-of-line comment there would be inside the string: put it above
                return [pad + c for c in above + eol] + (pad + prefix + literal + suffix).split("\n")
        lines = [pad + c for c in above]
        collection = isinstance(value, (dict, list, tuple, set, frozenset)) and len(value) > 0
        expand = collection and (bool(eol) or path in self.holding)
        comments = "".join("  " + c for c in eol)
        if not expand:
            line = pad + prefix + self.flat(value) + suffix
            if len(line) <= WIDTH or not (collection or isinstance(value, datetime.date)):
                return [*lines, line + comments]
            if not collection:  # a call that does not fit: its argument goes on a line of its own
                function, argument = _call(value)
                return [
                    *lines,
                    f"{pad}{prefix}{function}({comments}",
                    f"{pad}{' ' * INDENT}{argument}",
                    pad + ")" + suffix,
                ]
        opening, closing = _brackets(value)
        # ruff format puts a comma after every item of a collection written one item a line, except after the
        # only item of a list, dict or set.
        comma = "," if len(value) > 1 or isinstance(value, tuple) else ""
        lines.append(pad + prefix + opening + "".join("  " + c for c in eol))
        with self._visiting(value):
            if isinstance(value, dict):
                for key, item in value.items():
                    step: Step | None = key_step(key) if isinstance(key, str) else None
                    child = (*path, step) if path is not None and step is not None else None
                    lines += self.entry(item, child, indent + INDENT, self.flat(key) + ": ", comma, False)
            else:
                for index, item in enumerate(_items(value)):
                    child = (*path, ("i", index)) if path is not None and isinstance(value, list) else None
                    lines += self.entry(item, child, indent + INDENT, "", comma, False)
        lines.append(pad + closing + suffix)
        return lines

    def _visiting(self, value: Any) -> _Visit:
        return _Visit(self._stack, value)


class _Visit:
    """Guards against a collection that holds itself (YAML anchors can build one)."""

    def __init__(self, stack: set[int], value: Any) -> None:
        self.stack, self.key = stack, id(value)

    def __enter__(self) -> None:
        if self.key in self.stack:
            raise ConvertError("the data holds itself (a recursive anchor); it has no literal")
        self.stack.add(self.key)

    def __exit__(self, *_: object) -> None:
        self.stack.discard(self.key)


def _items(value: Any) -> Iterator[Any]:
    if isinstance(value, (set, frozenset)):
        return iter(sorted(value, key=repr))  # a set has no order; repr gives a stable one
    return iter(value)


def comments_of(text: str | None) -> Attachments | None:
    """The comments of a run file (which the loader has read), each tied to its node, as fmt finds them."""
    if text is None:
        return None
    found = scan(text)
    return attach(found) if found.root is not None else None


def field_order(data: dict[Any, Any]) -> list[Any]:
    """Top-level keys: the schema's properties in the schema's order, then every other key as written."""
    known = [name for name in schema.run_schema()["properties"] if name in data]
    return known + [key for key in data if key not in known]


def to_python(data: dict[Any, Any], comments: Attachments | None = None) -> Converted:
    """The module text for run ``data`` (as mcli loads it), with the YAML's ``comments`` where they attach."""
    writer = _Writer.of(comments)
    order = field_order(data)
    taken = [k for k in order if isinstance(k, str) and k in RUN_CONFIG_FIELDS]
    others = [k for k in order if k not in RUN_CONFIG_FIELDS and k != TRACKER]
    body: list[str] = []
    if taken:
        body.append("config = RunConfig(")
        for name in taken:
            path: Path = (key_step(name),)
            body += writer.entry(data[name], path, INDENT, f"{name}=", ",", name in _MULTILINE_FIELDS)
        body.append(")")
    else:
        body.append("config = RunConfig()")
    notes = []
    if TRACKER in data:
        body += ["", "", *TRACKER_NOTE.splitlines()]
        body += writer.entry(data[TRACKER], (key_step(TRACKER),), 0, f"{TRACKER} = ", "", False)
        notes.append(f"note: {TRACKER} is kept in its own variable: mosaicml-cli 0.8.3's RunConfig does not take it")
    if others:
        body += ["", "", *UNUSED_NOTE.splitlines(), f"{UNUSED} = {{"]
        for key in others:
            step = (key_step(key),) if isinstance(key, str) else None
            body += writer.entry(data[key], step, INDENT, writer.flat(key) + ": ", ",", False)
        body.append("}")
        shown = ", ".join(escape(str(k)) for k in others)
        notes.append(f"note: RunConfig does not take {shown}: kept in the `{UNUSED}` dict, not passed to RunConfig")
    head = [py_comment(t) for t in comments.head if t != BLANK] if comments is not None else []
    tail = [py_comment(t) for t in comments.tail if t != BLANK] if comments is not None else []
    tail += writer.leftovers()
    # The first line is always an import: a comment there could be an encoding declaration (PEP 263).
    imports = [*(f"import {name}" for name in sorted(writer.imports)), ""] if writer.imports else []
    lines = [*imports, "from mcli import RunConfig", "", *head, *body]
    if tail:
        lines += ["", *tail]
    return Converted("\n".join(lines) + "\n", tuple(notes))
