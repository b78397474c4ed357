"""Where the cursor is in a block-style run file — which mapping, which key, key or value — read from the
lines alone, so it works while the file is half-typed and does not parse."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:-(?: +|$))*)(?P<rest>.*)$")
_KEY = re.compile(r"""^(?P<key>"[^"]*"|'[^']*'|[^\s#'"{\[\]}&*!|>%@`-][^#]*?|-[^\s#]*?)\s*:(?:\s+(?P<value>.*)|$)""")


@dataclass(frozen=True)
class Line:
    # The column of the content after any `- ` item markers, and the columns of those markers.
    column: int
    dashes: tuple[int, ...]
    key: str | None
    # The value written after `key:` on the same line (an end-of-line comment removed), or the item's text.
    value: str
    blank: bool


def unquote(key: str) -> str:
    return key[1:-1] if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"" else key


def parse_line(text: str) -> Line:
    match = _LINE.match(text)
    assert match is not None  # the pattern matches every line
    indent = len(match.group("indent"))
    dashes_text = match.group("dashes")
    dashes = tuple(indent + m.start() for m in re.finditer("-", dashes_text))
    rest = match.group("rest")
    column = indent + len(dashes_text)
    if not rest.strip() or rest.lstrip().startswith("#"):
        return Line(column, dashes, None, "", not dashes)
    found = _KEY.match(rest)
    if found is None:
        return Line(column, dashes, None, _strip_comment(rest), False)
    return Line(column, dashes, unquote(found.group("key").strip()), _strip_comment(found.group("value") or ""), False)


def _strip_comment(value: str) -> str:
    if value[:1] in "'\"":
        return value.strip()
    return re.split(r"\s#", value, maxsplit=1)[0].strip()


@dataclass(frozen=True)
class Context:
    # The keys (and item indices) leading to the mapping the cursor is in.
    parents: tuple[str | int, ...]
    # The key written on the cursor's line, if any.
    key: str | None
    # "key": on the key; "value": after its colon; "new": where a key could be typed (a blank line, a bare
    # word); "item": after a `- ` with no key, where an item mapping's key or a sequence's value goes.
    where: str
    # The word typed so far before the cursor, for completion.
    prefix: str = ""
    # What the cursor's line says after the key (on "value"), or the bare word (on "new").
    value: str = ""
    # The keys already in that mapping, and their one-line values.
    siblings: dict[str, str] = field(default_factory=dict)
    # The cursor is just after a `- ` that starts a new item (or on an empty item).
    item_start: bool = False
    # Inside a block scalar (`command: |`): the key owning it.
    block: bool = False
    # The line of the key that owns the mapping (or sequence) the cursor is in.
    owner_line: int | None = None


def _block_scalar(value: str) -> bool:
    return bool(value) and value[0] in "|>"


def at(lines: list[str], line: int, column: int) -> Context:
    """The context of the cursor at a 0-based line and code-point column."""
    if line >= len(lines):
        lines = [*lines, *([""] * (line - len(lines) + 1))]
    here = parse_line(lines[line])
    text = lines[line]
    level = min(column, len(text)) if here.blank else here.column
    parents, item, owner = _parents(lines, line, level, bool(here.dashes))
    before = text[: min(column, len(text))]
    prefix = re.search(r"[\w.$-]*$", before)
    typed = prefix.group(0) if prefix else ""
    if owner is not None and _block_scalar(parse_line(lines[owner]).value):
        key = parents[-1] if parents and isinstance(parents[-1], str) else None
        return Context(parents[:-1], key, "value", typed, block=True, owner_line=owner)
    siblings = _siblings(lines, line, level, item)
    item_start = bool(here.dashes) and not text[here.column :].strip()
    if here.key is not None:
        key_end = text.index(":", here.column) if ":" in text[here.column :] else len(text)
        if column <= key_end:
            return Context(parents, here.key, "key", typed, here.value, siblings, item_start, owner_line=owner)
        return Context(parents, here.key, "value", typed, here.value, siblings, item_start, owner_line=owner)
    if here.dashes:
        # A new or scalar item (`- ` / `- numpy`): a key of an item mapping, or a value of the sequence.
        return Context(parents, None, "item", typed, here.value, siblings, item_start, owner_line=owner)
    return Context(parents, None, "new", typed, here.value, siblings, item_start, owner_line=owner)


def _parents(
    lines: list[str], line: int, level: int, dashed: bool
) -> tuple[tuple[str | int, ...], int | None, int | None]:
    """The path to the mapping at ``level`` containing ``line``; the first line of its item (when it is a
    sequence item); and the line of its nearest owning key."""
    path: list[str | int] = []
    item: int | None = line if dashed else None
    item_dash: int | None = parse_line(lines[line]).dashes[-1] if dashed else None
    nearest: int | None = None
    own: int | None = None
    for number in range(line - 1, -1, -1):
        parsed = parse_line(lines[number])
        if parsed.blank or (parsed.key is None and not parsed.dashes):
            continue
        if item_dash is not None and parsed.dashes and parsed.dashes[-1] == item_dash:
            continue  # an earlier item of the same sequence: counted below
        if parsed.column == level and parsed.dashes and parsed.dashes[-1] < level and item is None:
            item, item_dash = number, parsed.dashes[-1]
            continue
        if parsed.column >= level or (parsed.dashes and min(parsed.dashes) >= level):
            continue
        if parsed.key is None:
            continue
        if nearest is None:
            nearest, own = number, item
        if item_dash is not None:
            path.insert(0, _index(lines, number, item_dash, item if item is not None else line))
            item_dash = None
        path.insert(0, parsed.key)
        level = parsed.column
        if parsed.dashes:
            item, item_dash = number, parsed.dashes[-1]
            level = parsed.dashes[-1] + 1
        else:
            item = None
    return tuple(path), own if nearest is not None else item, nearest


def _index(lines: list[str], owner: int, dash: int, item: int) -> int:
    """Which item of the sequence under ``owner`` starts at ``item`` (items start with a `-` at ``dash``)."""
    count = 0
    for number in range(owner + 1, item):
        parsed = parse_line(lines[number])
        if parsed.dashes and parsed.dashes[0] == dash:
            count += 1
    return count


def _siblings(lines: list[str], line: int, level: int, item: int | None) -> dict[str, str]:
    """The keys at ``level`` in the mapping around ``line`` (bounded by its item when it is one)."""
    found: dict[str, str] = {}
    start = item if item is not None else line
    # Upwards (unless the mapping is an item, which starts at its dash), then downwards.
    if item is None:
        for number in range(line - 1, -1, -1):
            parsed = parse_line(lines[number])
            if parsed.blank or (parsed.key is None and not parsed.dashes):
                continue
            if parsed.column < level or (parsed.dashes and min(parsed.dashes) < level):
                break
            if parsed.column == level and parsed.key is not None:
                found.setdefault(parsed.key, parsed.value)
    for number in range(start, len(lines)):
        parsed = parse_line(lines[number])
        if parsed.blank or (parsed.key is None and not parsed.dashes):
            continue
        if number > start and (parsed.column < level or (parsed.dashes and min(parsed.dashes) < level)):
            break
        if parsed.column == level and parsed.key is not None and number != line:
            found.setdefault(parsed.key, parsed.value)
    return found
