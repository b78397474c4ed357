"""A plain scalar that YAML 1.1 and YAML 1.2 read differently.

## What it does
Reports, anywhere in the file (`parameters` included, keys too), an unquoted scalar whose value
under YAML 1.1 — what mcli reads — differs from its value under YAML 1.2's core schema, which
editors and most other tools use: `yes`/`no`/`on`/`off` (booleans to mcli, strings to 1.2), `010`
(8 to mcli, 10 to 1.2), `1:30` (90 to mcli), `1_000`, `0b101`, dates, and `1e-4` (a *string* to
mcli, which needs a dot in a float, but a number to 1.2). The help gives a spelling both read alike;
in a field that must be a string (an env variable's value) that spelling is the quoted text.
Keys that YAML 1.1 reads as something other than text (`on:`, `1:`) are left to unknown-field
(MCL102) and unencodable-value (MCL111).

## Why is this bad?
The file does not mean what your editor, your reviewers or your other tools say it means:
`lr: 1e-4` reaches your training code as the string `"1e-4"`.

## Example
```yaml
name: ambiguous
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
parameters:
  lr: 1e-4
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:7:7: MCL109 `1e-4` is the string '1e-4' to mcli (YAML 1.1) but the number 0.0001 to YAML 1.2 tools
  help: write 0.0001 for the number, or "1e-4" for the string
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: unambiguous
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
parameters:
  lr: 1.0e-4
```
"""

import datetime
import math
import re
from collections.abc import Iterator

from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.loader.document import ScalarSource
from mcli_lint.rules._yaml11 import coerced_paths
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import expected_type
from mcli_lint.text import escape, field_name, python_value, value_kind, yaml_quote

_TAG = "tag:yaml.org,2002:"
# The YAML 1.2 core schema's resolution of plain scalars.
_CORE = [
    (re.compile(r"null|Null|NULL|~|"), "null"),
    (re.compile(r"true|True|TRUE|false|False|FALSE"), "bool"),
    (re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"), "int"),
    (
        re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"),
        "float",
    ),
]
_CONSTRUCTOR = SafeConstructor()


def yaml12(text: str) -> object:
    for pattern, kind in _CORE:
        if pattern.fullmatch(text):
            if kind == "null":
                return None
            if kind == "bool":
                return text.lower() == "true"
            if kind == "int":
                return int(text[2:], 8) if text.startswith("0o") else int(text, 0 if text.startswith("0x") else 10)
            lowered = text.lower().replace("+.", ".")
            return float(lowered.replace(".inf", "inf").replace(".nan", "nan"))
    return text


def yaml11(source: ScalarSource) -> object:
    method = getattr(_CONSTRUCTOR, "construct_yaml_" + source.tag[len(_TAG) :], None)
    if method is None:
        return source.text
    return method(ScalarNode(source.tag, source.text))


def _same(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def _number(value: float) -> str:
    shown = repr(value)
    if "e" in shown:
        mantissa, exponent = shown.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        sign = "" if exponent.startswith("-") else "+"
        return f"{mantissa}e{sign}{exponent.lstrip('+')}"
    return shown


def _explain(text: str, old: object, new: object) -> tuple[str, str]:
    shown = escape(text)
    if isinstance(old, bool):
        return (
            f"`{shown}` is {str(old).lower()} to mcli (YAML 1.1) but the string {shown!r} to YAML 1.2 tools",
            f"write {str(old).lower()}, or {yaml_quote(text)} for the string",
        )
    if isinstance(old, str) and isinstance(new, (int, float)):
        return (
            f"`{shown}` is the string {shown!r} to mcli (YAML 1.1) but the number {new!r} to YAML 1.2 tools",
            f"write {_number(float(new)) if isinstance(new, float) else new} for the number,"
            f" or {yaml_quote(text)} for the string",
        )
    if isinstance(old, (int, float)):
        what = "a string" if isinstance(new, str) else f"{new!r}"
        return (
            f"`{shown}` is {old!r} to mcli (YAML 1.1) but {what} to YAML 1.2 tools",
            f"write {old!r}, or {yaml_quote(text)} for the string",
        )
    return (
        f"`{shown}` is {value_kind(old)} ({python_value(old)}) to mcli (YAML 1.1) but {value_kind(new)}"
        f" to YAML 1.2 tools",
        f"quote it, {yaml_quote(text)}, if you mean the string",
    )


# A plain scalar YAML 1.1 and 1.2 may read differently, as it stands in the text: a whole token,
# at the start of a line or after a space or a flow indicator, and ending the scalar.
_TOKEN = (
    r"(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF"  # booleans to 1.1 only
    r"|[-+]?0[0-9_]+(?:\.[0-9_]*)?"  # leading zeros: octal to 1.1
    r"|[-+]?0b[01_]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]*_[0-9a-fA-F_]*"  # 0b, 0o, 0x with _
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"  # base 60
    r"|[-+]?[0-9.]*_[0-9_.]*"  # underscores
    r"|[-+]?[0-9]+[eE][-+]?[0-9]+|[-+]?[0-9]*\.[0-9]*[eE][0-9]+"  # exponents 1.1 reads as text
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?)"  # timestamps: 1.1 only
)
# (A leading character class, then a first-character lookahead, let the regex engine pass over
# most positions at once.)
_CANDIDATE = re.compile(r"[\s\[{,\ufeff](?=[yYnNoO0-9+.-])" + _TOKEN + r"(?=[ ]*(?:$|#|,|\]|\}|:(?:\s|$)))", re.M)


def might_be_ambiguous(text: str) -> bool:
    """Whether the text holds a plain scalar that YAML 1.1 and 1.2 could read differently."""
    return _CANDIDATE.search("\n" + text) is not None


def check(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    if might_be_ambiguous(ctx.document.text):
        yield from walk(ctx)


def walk(ctx: Context) -> Iterator[Finding]:
    """Every ambiguous plain scalar (``check`` runs this only where the text may hold one)."""
    assert ctx.document is not None
    skip = coerced_paths(ctx)
    for path, source, is_key in ctx.document.scalars():
        if not source.plain or (not is_key and path in skip) or source.tag == _TAG + "merge":
            continue
        try:
            old = yaml11(source)
        except (ValueError, KeyError):
            continue
        new = yaml12(source.text)
        if _same(old, new):
            continue
        if (is_key and not isinstance(old, str)) or isinstance(old, (datetime.date, bytes)):
            continue  # unknown-field (keys) or unencodable-value (dates, binary) says it, as an error
        message, help_text = _explain(source.text, old, new)
        if not is_key and expected_type(ctx.data, path) == "string":
            help_text = f"quote it: {yaml_quote(source.text)}"  # a number here would be wrong-typed
        where = f" (a key in `{field_name(path[:-1])}`)" if is_key else ""
        yield Finding(path, message + where, help_text, at_key=is_key)


RULE = Rule("MCL109", "yaml-version-ambiguous", Severity.WARNING, check, __doc__)
