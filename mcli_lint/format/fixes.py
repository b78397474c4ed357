"""``check --fix``: the fixes that cannot change what the user meant, each verified before anything is written.

- coerced-scalar (MCL108) and unquoted-string (MCL110): the unquoted value is double-quoted exactly as
  written (`1.10` -> `"1.10"`); an empty value (null) is left alone, there is nothing written to keep;
- deprecated-field (MCL106): a top-level `cluster`, `gpu_type`, `gpu_num` or `cpus` moves under `compute`
  (as the field the schema says replaces it), unless `compute` already sets that field;
- deprecated-field (MCL106): `env_variables` as a list of `{key, value}` becomes the mapping mcli makes of it.

The fixes are made on fmt's round-trip tree, so a fixed file is also written in fmt's layout, with its
comments. Before writing, the result is read back as mcli reads it and must equal the input's data with
exactly these changes, and re-checked: the fixed problems are gone and no other problem appeared.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mcli_lint.config import Config
from mcli_lint.diagnostics import Diagnostic, Path, json_pointer
from mcli_lint.format import FormatResult, format_text
from mcli_lint.loader import LoadResult, load_text

__all__ = ["FIXABLE", "FixOutcome", "fix_path", "fix_text"]

COERCED, DEPRECATED = ("MCL108", "MCL110"), "MCL106"
# The codes some of whose problems --fix can fix.
FIXABLE = frozenset({*COERCED, DEPRECATED})


@dataclass(frozen=True)
class FixOutcome:
    path: str
    # What was fixed, as `CODE pointer` (empty when nothing was).
    fixed: tuple[str, ...] = ()
    # Why fixable problems were left as they are, when they were.
    message: str | None = None
    # The fixed text, line endings and BOM as in the file (None when nothing changed).
    text: str | None = None
    # Fixes were found but the file could not be written (read-only, edited meanwhile...): a failure.
    unwritten: bool = False


@dataclass
class _Plan:
    quote: list[Path] = field(default_factory=list)
    quote_code: dict[Path, str] = field(default_factory=dict)
    move: list[str] = field(default_factory=list)
    env: bool = False
    done: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.quote or self.move or self.env)


def _plan(loaded: LoadResult, diagnostics: list[Diagnostic], only: frozenset[str] | None) -> _Plan:
    from mcli_lint.rules._yaml11 import coerced_paths
    from mcli_lint.rules.base import Context
    from mcli_lint.schema import deprecated_fields

    plan = _Plan()
    reported = {(d.code, d.pointer) for d in diagnostics if only is None or f"{d.code} {d.pointer}" in only}
    document = loaded.document
    if document is None:
        return plan
    for path in sorted(coerced_paths(Context(document, loaded.problems)), key=json_pointer):
        source = document.scalar(path)
        codes = [code for code in COERCED if (code, json_pointer(path)) in reported]
        if codes and source is not None and source.text != "":
            plan.quote.append(path)
            plan.quote_code[path] = codes[0]
    plan.move = [name for name in deprecated_fields() if (DEPRECATED, f"/{name}") in reported]
    plan.env = (DEPRECATED, "/env_variables") in reported and isinstance(document.data.get("env_variables"), list)
    return plan


# ------------------------------------------------------------------------------- the fixes, on the tree


def _own_key(mapping: Any, name: object) -> Any:
    """The key object of an own (not merged) entry named ``name``, or None."""
    from ruamel.yaml.comments import CommentedMap, merge_attrib

    from mcli_lint.format.layout import key_name

    if not isinstance(mapping, CommentedMap) or getattr(mapping, merge_attrib, None):
        return None
    return next((key for key in mapping if key_name(key) == name), None)


def _anchored(node: Any) -> bool:
    anchor = getattr(node, "yaml_anchor", lambda: None)()
    return anchor is not None and anchor.value is not None


def _unshared(data: Any) -> Any:
    """A copy of loaded data in which no two paths share an object (copy.deepcopy keeps aliases
    shared): a fix made at one path must show at that path only, so that verifying the result finds
    any change the file's aliases would carry elsewhere."""
    if isinstance(data, dict):
        return {key: _unshared(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_unshared(item) for item in data]
    return data


def _quote(tree: Any, data: Any, path: Path) -> bool:
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from mcli_lint.format.roundtrip import Verbatim

    node, here = tree, data
    for part in path[:-1]:
        if isinstance(node, CommentedSeq) and isinstance(part, int):
            node, here = node[part], here[part]
        else:
            key = _own_key(node, part)
            if key is None:
                return False
            node, here = node[key], here[part]
        if _anchored(node):  # shared with the paths that alias it: the fix would change them too
            return False
    last = path[-1]
    key = last if isinstance(node, CommentedSeq) and isinstance(last, int) else _own_key(node, last)
    if key is None:
        return False
    value = node[key]
    if not isinstance(value, Verbatim) or value.yaml_anchor() is not None:
        return False
    node[key] = DoubleQuotedScalarString(str(value))
    here[last] = str(value)
    return True


def _move(tree: Any, data: dict[str, Any], name: str, step: Callable[[str], Any]) -> Callable[[Any], Any] | None:
    from ruamel.yaml.comments import CommentedMap, merge_attrib

    from mcli_lint.format.roundtrip import Verbatim
    from mcli_lint.schema import deprecated_fields

    target = deprecated_fields()[name].split(".", 1)[1]
    key = _own_key(tree, name)
    if key is None:
        return None
    compute_key = _own_key(tree, "compute")
    if compute_key is None:
        if "compute" in data:  # merged in from elsewhere: not this file's own to change
            return None
        compute_key = Verbatim("compute")
        tree[compute_key] = CommentedMap()
        data["compute"] = {}
    compute = tree[compute_key]
    if not isinstance(compute, CommentedMap) or getattr(compute, merge_attrib, None) or target in data["compute"]:
        return None
    if _anchored(compute):  # an alias elsewhere would gain the field too
        return None
    compute[Verbatim(target)] = tree.pop(key)
    data["compute"][target] = data.pop(name)
    old, new = (step(name),), (step("compute"), step(target))
    return lambda home: ((*new, *home[0][1:]), home[1]) if home[0][:1] == old else home


def _env_mapping(tree: Any, data: dict[str, Any], step: Callable[[str], Any]) -> Callable[[Any], Any] | None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from mcli_lint.format.layout import key_name

    env_key = _own_key(tree, "env_variables")
    items = tree[env_key] if env_key is not None else None
    if not isinstance(items, CommentedSeq):
        return None
    mapping = CommentedMap()
    names: list[Any] = []
    for item in items:
        name_key, value_key = _own_key(item, "key"), _own_key(item, "value")
        if name_key is None or value_key is None or len(item) != 2:
            return None
        name = item[name_key]
        if key_name(name) is None or name in mapping or getattr(name, "yaml_anchor", lambda: None)() is not None:
            return None
        mapping[name] = item[value_key]
        names.append(("k", ("tag:yaml.org,2002:str", str(name))))
    tree[env_key] = mapping
    data["env_variables"] = {item["key"]: item["value"] for item in data["env_variables"]}
    env = step("env_variables")

    def rename(home: Any) -> Any:
        path, role = home
        if len(path) < 2 or path[0] != env or path[1][0] != "i":
            return home
        entry = (env, names[path[1][1]])
        rest = path[2:]
        if not rest or rest[0] == step("key"):
            return (entry, "key")
        if rest[0] == step("value"):
            return ((*entry, *rest[1:]), role)
        return home

    return rename


def _transform(plan: _Plan, data: Any) -> Callable[[Any], tuple[Callable[[Any], Any], Any]]:
    from mcli_lint.format.comments import key_step

    def transform(tree: Any) -> tuple[Callable[[Any], Any], Any]:
        expected = _unshared(data)
        renames: list[Callable[[Any], Any]] = []
        for path in plan.quote:
            if _quote(tree, expected, path):
                plan.done.append(f"{plan.quote_code[path]} {json_pointer(path)}")
        for name in plan.move:
            moved = _move(tree, expected, name, key_step)
            if moved is not None:
                renames.append(moved)
                plan.done.append(f"{DEPRECATED} /{name}")
        if plan.env:
            converted = _env_mapping(tree, expected, key_step)
            if converted is not None:
                renames.append(converted)
                plan.done.append(f"{DEPRECATED} /env_variables")

        def rename(home: Any) -> Any:
            for step in renames:
                home = step(home)
            return home

        return rename, expected

    return transform


# ------------------------------------------------------------------------------------------- entry points


def fix_text(
    text: str, config: Config, path: str = "<string>", clusters: Any = None, only: frozenset[str] | None = None
) -> FixOutcome:
    """Fix ``text`` (a file's text, line endings and BOM as in the file); nothing is written. ``only``
    (`CODE pointer` items) limits the fixes to those problems: the editor offers them one at a time."""
    from mcli_lint.engine.lint import lint_loaded

    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    loaded = load_text(normalized, config.limits)
    if loaded.problems:
        return FixOutcome(path)  # unreadable: check reports it
    before = lint_loaded(path, loaded, config, clusters)
    # First the rules' own text edits (unused suppressions), which change no data and move no other
    # line, then the fixes made on the tree, planned on the edited text.
    edited, done = _edited(text, before, only)
    if done:
        normalized = edited.replace("\r\n", "\n").replace("\r", "\n")
        loaded = load_text(normalized, config.limits)
        if loaded.problems:
            return FixOutcome(path, message="not fixed: the edits would make the file unreadable")
        current = lint_loaded(path, loaded, config, clusters)
    else:
        current = before
    plan = _plan(loaded, current, only)
    if not plan:
        return _checked(path, config, clusters, before, done, edited if done else None)
    assert loaded.document is not None
    result: FormatResult = format_text(edited, config.limits, _transform(plan, loaded.document.data))
    if result.formatted is None or not plan.done:
        why = result.refusal if result.formatted is None else "the fixes do not apply to how this file is written"
        if done:  # the text edits stand on their own
            return dataclasses.replace(
                _checked(path, config, clusters, before, done, edited), message=f"not fixed: {why}"
            )
        return FixOutcome(path, message=f"not fixed: {why}")
    return _checked(path, config, clusters, before, done + plan.done, result.formatted)


def _edited(text: str, diagnostics: list[Diagnostic], only: frozenset[str] | None) -> tuple[str, list[str]]:
    """``text`` with the text edits of the diagnostics that carry them (of those in ``only``, if given),
    and what they fixed."""
    from mcli_lint.edit.text_edits import apply_edits

    fixing = [d for d in diagnostics if d.fix is not None and (only is None or f"{d.code} {d.pointer}" in only)]
    if not fixing:
        return text, []
    edited = apply_edits(text, (edit for d in fixing if d.fix is not None for edit in d.fix.edits))
    if edited is None:
        return text, []
    return edited, [f"{d.code} line {d.span.start.line}" for d in fixing]


def _checked(
    path: str, config: Config, clusters: Any, before: list[Diagnostic], done: list[str], fixed_text: str | None
) -> FixOutcome:
    """The outcome, once the fixed text is checked again: the fixed problems gone, none new."""
    from mcli_lint.engine.lint import lint_loaded

    if fixed_text is None:
        return FixOutcome(path)
    fixed = fixed_text.replace("\r\n", "\n").replace("\r", "\n")
    after = lint_loaded(path, load_text(fixed, config.limits), config, clusters)
    problem = _recheck(before, after, done)
    if problem is not None:
        return FixOutcome(path, message=f"not fixed: {problem}")
    return FixOutcome(path, tuple(done), text=fixed_text)


def _recheck(before: list[Diagnostic], after: list[Diagnostic], done: list[str]) -> str | None:
    """Every fixed problem gone, none new: per code, no more than before less what was fixed."""
    left = {f"{d.code} {d.pointer}" for d in after}.intersection(done)
    if left:
        return f"the fixed file would still report {min(left)}"
    allowed = Counter(d.code for d in before)
    allowed.subtract(Counter(item.split(" ", 1)[0] for item in done))
    found = Counter(d.code for d in after)
    for code in sorted(found):
        if found[code] > allowed[code]:
            example = next(d for d in after if d.code == code)
            return f"the fix would bring {code} ({example.message})"
    return None


def fix_path(
    path: str,
    config: Config,
    clusters: Any = None,
    before_rename: Callable[[], None] | None = None,
    tree: str | None = None,
) -> FixOutcome:
    """Fix one file in place (atomically, as fmt writes; inside ``tree`` when found in it)."""
    from mcli_lint.edit import writer
    from mcli_lint.loader import LoadProblem
    from mcli_lint.loader.source import decode

    snapshot = writer.read(path, config.limits)
    if not isinstance(snapshot, writer.Snapshot) or isinstance(decode(snapshot.data, config.limits), LoadProblem):
        return FixOutcome(path)  # unreadable: check reports it
    outcome = fix_text(snapshot.data.decode("utf-8"), config, path, clusters)
    if outcome.text is None:
        return outcome
    error = writer.replace(snapshot, outcome.text.encode("utf-8"), before_rename, tree)
    if error is not None:
        return FixOutcome(path, message=f"not fixed: {error}", unwritten=True)
    return outcome
