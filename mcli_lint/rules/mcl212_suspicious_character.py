"""A key or value holds a hidden or control character.

## What it does
Reports every key and string value, anywhere in the file (`parameters` and `metadata`
included), that contains a character you cannot see: a control character other than tab and
newline, a bidirectional control such as U+202E, a zero-width character, or a line or paragraph
separator. The message names each character and shows the text with it escaped.

## Why is this bad?
What you review is not what runs: a right-to-left override can make a command read differently
from what the shell executes, and a zero-width space makes `WANDB_PROJECT` a different variable
from the one your code reads. These characters usually arrive by copy and paste.

## Example
```yaml
name: hidden
image: mosaicml/pytorch:latest
command: "echo \\u200bhi"
compute:
  gpus: 8
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:3:10: MCL212 `command` contains the hidden character U+200B (ZERO WIDTH SPACE): 'echo \\u200bhi'
  help: delete it, or retype the text if it was pasted from elsewhere
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: visible
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```
"""

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from mcli_lint.diagnostics import Finding, Path, Severity
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import field_name, is_hidden, show_value

_WINDOW = 60


def describe(char: str) -> str:
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'control')})"


def _excerpt(text: str, first: int) -> str:
    """The escaped text around position ``first``."""
    start = max(0, first - 20)
    piece = text[start : start + _WINDOW]
    shown = show_value(piece, limit=4 * _WINDOW)
    return ("…" if start else "") + shown + ("…" if start + _WINDOW < len(text) else "")


def _finding(path: Path, text: str, at_key: bool) -> Finding | None:
    hidden = [i for i, c in enumerate(text) if is_hidden(c)]
    if not hidden:
        return None
    chars = list(dict.fromkeys(text[i] for i in hidden))
    names = ", ".join(describe(c) for c in chars)
    what = f"the hidden character {names}" if len(chars) == 1 else f"the hidden characters {names}"
    subject = f"the key `{field_name(path)}`" if at_key else f"`{field_name(path)}`"
    return Finding(
        path,
        f"{subject} contains {what}: {_excerpt(text, hidden[0])}",
        f"delete {'it' if len(chars) == 1 else 'them'}, or retype the text if it was pasted from elsewhere",
        at_key=at_key,
    )


# Escapes in double-quoted scalars that produce a character `is_hidden` flags.
_HIDING_ESCAPE = re.compile(r"\\[0abvfreNLPxuU]")
_ASCII_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def could_hide(text: str) -> bool:
    """Whether any key or value of the file can hold a hidden character: raw, or escaped.

    Exact as a filter: a hidden character in the data is one written as is (a BOM at the very
    start is not data) or one a double-quoted escape produced.
    """
    body = text[1:] if text.startswith("\ufeff") else text
    if _HIDING_ESCAPE.search(body) is not None:
        return True
    if body.isascii():  # the common case: only ASCII control characters can hide
        return _ASCII_HIDDEN.search(body) is not None
    return any(is_hidden(char) for char in set(body))


def check(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    if could_hide(ctx.document.text):
        yield from walk(ctx)


def walk(ctx: Context) -> Iterator[Finding]:
    """Every key and string value with a hidden character (``check`` runs this only where the
    text may hold one)."""
    seen: set[int] = set()
    stack: list[tuple[Path, Any]] = [((), ctx.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, (dict, list)):
            if id(value) in seen:
                continue
            seen.add(id(value))
        children: list[tuple[Path, Any]] = []
        if isinstance(value, dict):
            for key, child in value.items():
                if isinstance(key, str):
                    finding = _finding((*path, key), key, at_key=True)
                    if finding is not None:
                        yield finding
                children.append(((*path, key), child))
        elif isinstance(value, list):
            children = [((*path, position), child) for position, child in enumerate(value)]
        elif isinstance(value, str):
            finding = _finding(path, value, at_key=False)
            if finding is not None:
                yield finding
        stack.extend(reversed(children))


RULE = Rule("MCL212", "suspicious-character", Severity.WARNING, check, __doc__)
