"""The comments of a to-yaml source module, put back next to the same fields in the YAML it becomes.

Each Python comment is tied to a data path, as to-python ties YAML comments to arguments:

- a comment at the end of a line belongs to the outermost field (argument, dict entry, list item) that
  starts on that line, and goes at the end of that field's line in the YAML;
- a comment on a line of its own belongs to the first field that starts below it, and goes above that
  field's line, at its indentation; the comments above ``config = RunConfig(`` are the file's header;
- a comment with no field after it goes to the end of the file.

The caller lays the result out with fmt and reads it back: comments never change the data.
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field

from mcli_lint.convert.to_python import TRACKER, UNUSED
from mcli_lint.loader import load_text

__all__ = ["Field", "PythonComment", "fields", "place", "python_comments"]

Path = tuple[object, ...]


@dataclass(frozen=True)
class PythonComment:
    line: int  # 1-based
    text: str  # from '#', trailing whitespace removed
    own_line: bool


@dataclass(frozen=True)
class Field:
    path: Path
    line: int  # 1-based line where the field (keyword, key, item) starts


@dataclass
class _Spot:
    above: list[str] = field(default_factory=list)
    end: list[str] = field(default_factory=list)


def python_comments(text: str) -> list[PythonComment]:
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                own = not token.line[: token.start[1]].strip()
                found.append(PythonComment(token.start[0], token.string.rstrip(), own))
    except (tokenize.TokenError, SyntaxError):
        return []
    return found


def _walk(node: ast.expr, path: Path, out: list[Field]) -> None:
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant):
                out.append(Field((*path, key.value), key.lineno))
                _walk(value, (*path, key.value), out)
    elif isinstance(node, (ast.List, ast.Tuple)):
        for index, item in enumerate(node.elts):
            out.append(Field((*path, index), item.lineno))
            _walk(item, (*path, index), out)


def fields(module: ast.Module) -> tuple[int, list[Field]]:
    """The line ``config = RunConfig(`` starts on, and every field of the module with its line."""
    out: list[Field] = []
    config_line = 0
    for statement in module.body:
        if not (isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name)):
            continue
        name = statement.targets[0].id
        if name == "config" and isinstance(statement.value, ast.Call):
            config_line = statement.lineno
            for keyword in statement.value.keywords:
                if keyword.arg is not None:
                    out.append(Field((keyword.arg,), keyword.value.lineno))
                    _walk(keyword.value, (keyword.arg,), out)
        elif name == TRACKER:
            out.append(Field((TRACKER,), statement.lineno))
            _walk(statement.value, (TRACKER,), out)
        elif name == UNUSED:
            _walk(statement.value, (), out)
    return config_line, sorted(out, key=lambda f: f.line)


def place(yaml_text: str, source: str) -> str:
    """``yaml_text`` (to-yaml's output for ``source``) with ``source``'s comments next to their fields."""
    comments = python_comments(source)
    if not comments:
        return yaml_text
    config_line, known = fields(ast.parse(source))
    loaded = load_text(yaml_text)
    if loaded.document is None:
        return yaml_text
    document = loaded.document
    lines = yaml_text.split("\n")
    spots: dict[int, _Spot] = {}  # 0-based YAML line -> comments above it and at its end
    header: list[str] = []
    trailer: list[str] = []

    def line_of(path: Path) -> int | None:
        _, _, followed = document.find(path)
        if followed != len(path):
            return None
        return document.locate(path, at_key=isinstance(path[-1], str)).start.line - 1

    for comment in comments:
        if comment.own_line and comment.line < config_line:
            header.append(comment.text)
            continue
        if comment.own_line:
            after = next((f for f in known if f.line > comment.line), None)
            where = line_of(after.path) if after is not None else None
        else:
            on_line = [f for f in known if f.line == comment.line]
            where = line_of(on_line[0].path) if on_line else None
            if where is not None and spots.setdefault(where, _Spot()).end:
                spots[where].above.append(comment.text)  # one comment per line end: the next goes above
                continue
        if where is None:
            trailer.append(comment.text)
        elif comment.own_line:
            spots.setdefault(where, _Spot()).above.append(comment.text)
        else:
            spots.setdefault(where, _Spot()).end.append(comment.text)
    out: list[str] = [*header, ""] if header else []
    for number, line in enumerate(lines):
        spot = spots.get(number)
        if spot is not None:
            indent = " " * (len(line) - len(line.lstrip(" ")))
            out += [indent + text for text in spot.above]
            line = f"{line}  {spot.end[0]}" if spot.end else line
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join([*out, *trailer]) + "\n"
