"""A Python module's ``RunConfig(...)`` (read with ``ast``, never run) -> the canonical run YAML with the same data.

Only literals are read: strings, bytes, numbers, booleans, None, lists, tuples, sets, dicts, ``math.nan`` /
``math.inf`` (and ``float("nan")``-style calls), and dates as ``datetime.date.fromisoformat("...")`` or
``datetime.date(2024, 1, 31)``. Anything else (a name, another call, a comprehension, ``**kwargs``) is refused
with its line and column, so reading a file can never run its code.
"""

from __future__ import annotations

import ast
import datetime
import math
from typing import Any

import yaml

from mcli_lint.convert.equality import same
from mcli_lint.convert.python_comments import place
from mcli_lint.convert.to_python import TRACKER, UNUSED, field_order
from mcli_lint.format import format_text
from mcli_lint.loader.limits import MAX_INT_DIGITS, too_many_digits

__all__ = ["NotLiteral", "convert", "from_python", "to_yaml"]

_IMPORTS = frozenset({"mcli", "datetime", "math"})
_FLOATS = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf, "+inf": math.inf}
_DATES: dict[str, type[datetime.date]] = {"date": datetime.date, "datetime": datetime.datetime}


class NotLiteral(Exception):
    """The module holds something to-yaml does not read; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.message, self.line, self.column = message, line, column


def _refuse(node: ast.AST, message: str) -> NotLiteral:
    return NotLiteral(message, getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1)


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base is not None else None
    return None


def _call(node: ast.Call) -> Any:
    """The few calls that stand for a literal: float("nan"), and dates."""
    function = _dotted(node.func)
    if node.keywords:
        raise _refuse(node, f"{function or 'a call'}(...) with keyword arguments is not a literal")
    args = [literal(arg) for arg in node.args]
    if function == "float" and len(args) == 1 and isinstance(args[0], str) and args[0].strip().lower() in _FLOATS:
        return _FLOATS[args[0].strip().lower()]
    for name, kind in _DATES.items():
        if function == f"datetime.{name}.fromisoformat" and len(args) == 1 and isinstance(args[0], str):
            try:
                return kind.fromisoformat(args[0])
            except ValueError as error:
                raise _refuse(node, f"not a valid {name}: {error}") from None
        if function == f"datetime.{name}" and args and all(type(a) is int for a in args):
            try:
                return kind(*args)
            except (TypeError, ValueError) as error:
                raise _refuse(node, f"not a valid {name}: {error}") from None
    raise _refuse(node, f"the call {function or '(...)'}(...) is not a literal; to-yaml never runs code")


def _hashable(node: ast.expr) -> Any:
    """A literal that can be a dict key or a set item (a list, dict or set cannot: refused where it is written)."""
    value = literal(node)
    try:
        hash(value)
    except TypeError:
        raise _refuse(node, f"a {type(value).__name__} cannot be a dict key or a set item") from None
    return value


def literal(node: ast.expr) -> Any:
    """The value of a literal expression, or NotLiteral at the first part that is not one."""
    if isinstance(node, ast.Constant) and not isinstance(node.value, (complex, type(...))):
        if type(node.value) is int and too_many_digits(node.value):
            raise _refuse(node, f"an integer of more than {MAX_INT_DIGITS} digits cannot be written as YAML")
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = literal(node.operand)
        if type(operand) in (int, float):
            return -operand if isinstance(node.op, ast.USub) else operand
        raise _refuse(node, "a sign applies to a number only")
    if isinstance(node, ast.Attribute) and _dotted(node) in ("math.nan", "math.inf"):
        return math.nan if node.attr == "nan" else math.inf
    if isinstance(node, ast.List):
        return [literal(item) for item in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(literal(item) for item in node.elts)
    if isinstance(node, ast.Set):
        return {_hashable(item) for item in node.elts}
    if isinstance(node, ast.Dict):
        out: dict[Any, Any] = {}
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:
                raise _refuse(value, "** unpacking is not a literal")
            out[_hashable(key)] = literal(value)
        return out
    if isinstance(node, ast.Call):
        return _call(node)
    kind = type(node).__name__
    what = {"Name": f"the name {getattr(node, 'id', '')!r}", "JoinedStr": "an f-string"}.get(
        kind, f"a {kind} expression"
    )
    raise _refuse(node, f"{what} is not a literal; to-yaml reads literals only, and never runs code")


def _run_config(node: ast.expr) -> dict[str, Any]:
    if not (isinstance(node, ast.Call) and _dotted(node.func) in ("RunConfig", "mcli.RunConfig")):
        raise _refuse(node, "config must be assigned RunConfig(...)")
    if node.args:
        raise _refuse(node.args[0], "RunConfig takes keyword arguments only")
    out: dict[str, Any] = {}
    for keyword in node.keywords:
        if keyword.arg is None:
            raise _refuse(keyword.value, "** unpacking is not a literal")
        out[keyword.arg] = literal(keyword.value)
    return out


def from_python(text: str) -> dict[Any, Any]:
    """The run data of a module written as to-python writes it: ``config = RunConfig(...)``, maybe an
    ``experiment_tracker = ...`` and an ``unused = {...}``; imports and a docstring are allowed around them."""
    try:
        module = ast.parse(text)
    except SyntaxError as error:
        raise NotLiteral(f"not valid Python: {error.msg}", error.lineno or 1, error.offset or 1) from None
    except (RecursionError, MemoryError, ValueError) as error:  # nesting too deep, NUL bytes...
        raise NotLiteral(f"cannot be read as Python: {type(error).__name__}", 1, 1) from None
    parts: dict[str, Any] = {}
    for index, statement in enumerate(module.body):
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in statement.names] if isinstance(statement, ast.Import) else [statement.module or ""]
            if all(name.split(".")[0] in _IMPORTS for name in names):
                continue
        elif isinstance(statement, ast.Expr) and index == 0 and isinstance(statement.value, ast.Constant):
            continue  # the module's docstring
        elif (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and statement.targets[0].id in ("config", TRACKER, UNUSED)
        ):
            name = statement.targets[0].id
            if name in parts:
                raise _refuse(statement, f"{name} is assigned twice")
            parts[name] = _run_config(statement.value) if name == "config" else literal(statement.value)
            continue
        raise _refuse(
            statement, "only `config = RunConfig(...)`, `experiment_tracker = ...` and `unused = {...}` are read"
        )
    if "config" not in parts:
        raise NotLiteral("no `config = RunConfig(...)` in the module")
    data: dict[Any, Any] = dict(parts["config"])
    if TRACKER in parts:
        data[TRACKER] = parts[TRACKER]
    extra = parts.get(UNUSED, {})
    if not isinstance(extra, dict):
        raise NotLiteral(f"{UNUSED} must be a dict")
    for key, value in extra.items():
        if key in data:
            raise NotLiteral(f"{key!r} is both passed to RunConfig and in {UNUSED}")
        data[key] = value
    return {key: data[key] for key in field_order(data)}


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper (so YAML 1.1, as mcli reads), writing each value in full (no anchors) and a
    multi-line string as a literal block where the emitter can."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def to_yaml(data: dict[Any, Any]) -> str:
    """Canonical YAML for ``data``: block style, schema order; it reads back (yaml.safe_load) as exactly ``data``.

    The representer quotes every string YAML 1.1 would read as something else ('yes', '010', '1:30'); the
    result is read back and compared strictly, falling back to plain quoting, so no value can change type.
    """
    try:
        for dumper in (_Dumper, yaml.SafeDumper):
            text = yaml.dump(data, Dumper=dumper, sort_keys=False, default_flow_style=False, width=4096)
            if same(yaml.safe_load(text), data):
                return text
    except yaml.YAMLError as error:
        raise NotLiteral(f"YAML cannot hold this data: {error}") from None
    raise NotLiteral("YAML cannot hold this data exactly (it would not read back the same)")


def convert(source: str) -> str:
    """The run YAML of a module's ``RunConfig(...)``: :func:`to_yaml`'s text with the module's comments next to
    the same fields (:mod:`mcli_lint.convert.python_comments`), in fmt's layout, so ``fmt --check`` passes on it.

    Should the comments not fit (fmt refuses the text, or it reads differently), the text without them is given.
    """
    data = from_python(source)
    plain = to_yaml(data)
    for text in (place(plain, source), plain):
        laid_out = format_text(text).formatted
        if laid_out is not None and same(yaml.safe_load(laid_out), data):
            return laid_out
    return plain
