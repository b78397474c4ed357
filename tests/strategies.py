"""Hypothesis strategies: valid run configs derived from the run schema, and varied YAML renderings of them.

The shape (which fields exist, their types, ranges, enums, required fields, integration types) is read
from ``mcli_lint.schema``; only the *semantic* constraints the schema cannot express (what the MCL2xx
rules accept) are written here, keyed by data path.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import yaml
from hypothesis import strategies as st

from mcli_lint import schema
from mcli_lint.rules._placeholders import is_placeholder
from mcli_lint.text import is_hidden

# The path part standing for "any item" of a list, and for an integration's type in
# ("integrations", <integration_type>, <field>).
ITEM = "*"
Path = tuple[str, ...]
Strategy = st.SearchStrategy[Any]

# ---------------------------------------------------------------------------------------------- strings

# YAML 1.2 core schema resolution of plain scalars. yaml.safe_dump quotes every string YAML 1.1 would
# re-type, but writes e.g. `1e5`, `09` or `0o7` plain (strings to 1.1): those are numbers to YAML 1.2,
# which yaml-version-ambiguous (MCL109) rightly reports, so valid configs avoid them.
_YAML12_NOT_STRING = re.compile(
    r"null|Null|NULL|~|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)
_STR = "tag:yaml.org,2002:str"
# PyYAML's stubs leave resolve() unannotated: (node kind, plain text, (implicit plain, implicit quoted)) -> tag.
_resolve: Callable[[type[yaml.Node], str, tuple[bool, bool]], str] = yaml.resolver.Resolver().resolve


def unambiguous(text: str) -> bool:
    """Not a string the dumper writes plain (YAML 1.1 reads it as a string) that YAML 1.2 reads otherwise."""
    if _YAML12_NOT_STRING.fullmatch(text) is None:
        return True
    return _resolve(yaml.ScalarNode, text, (True, False)) != _STR


# Strings YAML would re-type, or that are YAML syntax, if written unquoted: the dumper must quote them.
TRICKY = [
    *("yes", "No", "ON", "off", "y", "true", "False", "null", "~", "", " ", "-", "?", ":", "=", "<<"),
    *("1.10", "010", "0x1F", "0b101", "1:30", "1_000", "+1", ".5", "1.0e+3", ".inf", "-.Inf", ".NaN"),
    *("2024-01-31", "2001-12-14t21:59:43.10-05:00", "#x", "a #b", "a: b", "- a", "[a]", "{a: b}", "*a", "&a", "!a"),
    *("%a", "@a", "`a", "'", '"', "|", ">", "a\\", "---", "...", "\\n", "a\n", "\n\n", "\ta", "a "),
]

_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")).filter(
    lambda c: not is_hidden(c)
)
# Mostly ASCII, which is where YAML's special characters are, with some of the rest of Unicode.
_ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
_TEXT_CHARS = st.one_of(_ASCII, _ASCII, _CHARS, st.sampled_from("\t\n"))
_LINE_CHARS = st.one_of(_ASCII, _ASCII, _CHARS)


@functools.cache
def free_text(max_size: int = 12) -> st.SearchStrategy[str]:
    """Any string a user may write: empty, multi-line, with tabs and quotes; never hidden characters."""
    return st.one_of(st.sampled_from(TRICKY), st.text(_TEXT_CHARS, max_size=max_size)).filter(unambiguous)


@functools.cache
def line_text(max_size: int = 12) -> st.SearchStrategy[str]:
    """A non-empty one-line value without surrounding whitespace (names, branches, projects ...)."""
    return st.one_of(st.sampled_from(TRICKY), st.text(_LINE_CHARS, min_size=1, max_size=max_size)).filter(
        lambda s: s.strip() == s != "" and "\n" not in s and unambiguous(s)
    )


_LOWER = "abcdefghijklmnopqrstuvwxyz"
_DIGITS = "0123456789"
_UPPER = _LOWER.upper()
_ALNUM = _LOWER + _UPPER + _DIGITS
_HEX = _DIGITS + "abcdef"


def _word(alphabet: str, min_size: int = 1, max_size: int = 8) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), min_size=min_size, max_size=max_size)


def _joined(
    part: st.SearchStrategy[str], separators: list[str], min_parts: int = 1, max_parts: int = 3
) -> st.SearchStrategy[str]:
    """``part`` (separator ``part``)*, separators drawn from ``separators``."""
    rest = st.lists(
        st.tuples(st.sampled_from(separators), part).map("".join), min_size=min_parts - 1, max_size=max_parts - 1
    )
    return st.tuples(part, rest).map(lambda p: p[0] + "".join(p[1]))


@functools.cache
def labels(max_len: int = 56) -> st.SearchStrategy[str]:
    """RFC 1123 labels: lowercase letters, digits and '-', alphanumeric at both ends."""
    return _word(_LOWER + _DIGITS + "-", 1, max_len).map(lambda s: s.strip("-") or "0").filter(unambiguous)


@functools.cache
def identifiers() -> st.SearchStrategy[str]:
    words = st.tuples(st.sampled_from(_LOWER), _word(_LOWER + _DIGITS + "_", 0, 14)).map("".join)
    return words.filter(unambiguous).filter(lambda word: not is_placeholder(word))


@functools.cache
def images() -> st.SearchStrategy[str]:
    """Docker references: ``[host[:port]/]path[:tag|@digest]``, path lowercase."""
    word = _word(_LOWER + _DIGITS)
    port = st.one_of(st.just(""), st.integers(0, 65535).map(lambda p: f":{p}"))
    domain = st.one_of(st.just("localhost"), _joined(word, ["."], 2, 3))
    host = st.tuples(domain, port).map(lambda h: h[0] + h[1] + "/")
    first = _joined(word, ["_", "__", "-", "--"])  # a '.' would make it a registry host
    component = _joined(word, [".", "_", "__", "-", "--"])
    path = st.tuples(first, st.lists(component, max_size=2)).map(lambda p: "/".join([p[0], *p[1]]))
    suffix = st.one_of(
        st.just(""),
        st.tuples(st.sampled_from(_ALNUM + "_"), _word(_ALNUM + "_.-", 0, 20)).map(lambda t: ":" + "".join(t)),
        _word(_HEX, 64, 64).map(lambda d: "@sha256:" + d),
    )
    # A valid reference that reads as a placeholder (`tbd`, `your-image`) is MCL213's, not valid data.
    references = st.tuples(st.one_of(st.just(""), host), path, suffix).map("".join)
    return references.filter(unambiguous).filter(lambda ref: not is_placeholder(ref))


@functools.cache
def commands() -> st.SearchStrategy[str]:
    return free_text(24).filter(lambda s: s.strip() != "")


@functools.cache
def env_names() -> st.SearchStrategy[str]:
    name = st.tuples(st.sampled_from(_UPPER + "_"), _word(_UPPER + _DIGITS + "_", 0, 15)).map("".join)
    return name.filter(lambda n: n not in schema.platform_env() and unambiguous(n))


@functools.cache
def env_variables() -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(env_names(), free_text(), max_size=4)


@functools.cache
def git_repos() -> st.SearchStrategy[str]:
    owner = _joined(_word(_ALNUM), ["-"])
    repo = _joined(_word(_ALNUM + "_-"), ["."])
    # Not ending in `.git`: that is the clone address's spelling, which git-repo-format (MCL209) reports.
    repos = st.tuples(owner, repo).map("/".join)
    return repos.filter(lambda r: unambiguous(r) and not r.endswith(".git") and not is_placeholder(r))


@functools.cache
def workspace_paths() -> st.SearchStrategy[str]:
    segment = st.tuples(st.sampled_from(_ALNUM), _word(_ALNUM + "_.@-", 0, 12)).map(lambda p: "/" + "".join(p))
    return st.lists(segment, min_size=1, max_size=4).map("".join)


@functools.cache
def git_commits() -> st.SearchStrategy[str]:
    return _word(_HEX, 7, 40).filter(unambiguous)


@functools.cache
def gpu_types() -> st.SearchStrategy[str]:
    examples = schema.properties_at(("compute",))["gpu_type"].get("examples", [])
    return st.one_of(st.sampled_from(examples), identifiers()).filter(lambda g: g != "none")


# ------------------------------------------------------------------------------------------- free-form


# Nesting inside parameters/metadata. Deep nesting with a narrow width trips a PyYAML emitter bug (a
# double-quoted scalar wrapped where the indentation already passes the width does not read back).
FREE_FORM_DEPTH = 2


def _scalars() -> Strategy:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        free_text(),
    )


@functools.cache
def free_form(max_keys: int = 3) -> st.SearchStrategy[dict[str, Any]]:
    """``parameters``/``metadata``: nested mappings (string keys) and lists of plain scalars."""
    keys = free_text(8)
    values = _scalars()
    for _ in range(FREE_FORM_DEPTH):
        values = st.one_of(_scalars(), st.lists(values, max_size=3), st.dictionaries(keys, values, max_size=3))
    return _with_shared_value(st.dictionaries(keys, values, max_size=max_keys), keys)


@st.composite
def _with_shared_value(draw: st.DrawFn, mappings: st.SearchStrategy[dict[str, Any]], keys: Strategy) -> dict[str, Any]:
    """Sometimes one list or mapping twice (the same object), which yaml.safe_dump writes as an anchor and alias."""
    mapping: dict[str, Any] = draw(mappings)
    shareable = [k for k, v in mapping.items() if isinstance(v, (list, dict)) and v]
    if len(shareable) > 0 and draw(st.booleans()):
        mapping[draw(keys.filter(lambda k: k not in mapping))] = mapping[draw(st.sampled_from(shareable))]
    return mapping


# ------------------------------------------------------------------------------------ schema-driven values


def deprecated(spec: dict[str, Any]) -> bool:
    return "x-deprecated" in spec or "x-replaced-by" in spec


def current_properties(spec: dict[str, Any]) -> dict[str, Any]:
    """Fields a valid file may hold: not deprecated, and not dropped by mosaicml-cli 0.8.3 (an error)."""
    fields = schema.resolve(spec).get("properties", {}).items()
    return {k: v for k, v in fields if not deprecated(v) and "x-dropped-by-mcli" not in v}


def fields_of_type(path: tuple[str, ...], kind: str) -> list[str]:
    """The non-deprecated fields of the mapping at ``path`` whose schema type is ``kind``."""
    return [
        name
        for name, spec in schema.properties_at(path).items()
        if not deprecated(spec) and schema.resolve(spec).get("type") == kind
    ]


@st.composite
def _mapping(draw: st.DrawFn, fields: dict[str, Strategy], must: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in draw(st.permutations(sorted(fields))):
        if name in must or draw(st.booleans()):
            out[name] = draw(fields[name])
    return out


def _object(spec: dict[str, Any], path: Path, must: tuple[str, ...] = ()) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping with every required field, each other current field present or not, in a random order."""
    spec = schema.resolve(spec)
    fields = {name: value_for(sub, (*path, name)) for name, sub in current_properties(spec).items()}
    return _mapping(fields, frozenset([*spec.get("required", []), *must]))


def value_for(spec: dict[str, Any], path: Path) -> Strategy:
    """A valid value for the field at ``path`` whose schema is ``spec``."""
    if path in _SEMANTIC:
        return _SEMANTIC[path]()
    spec = schema.resolve(spec)
    if "const" in spec:
        return st.just(spec["const"])
    if "enum" in spec:
        return st.sampled_from(spec["enum"])
    if "anyOf" in spec:
        return st.one_of([value_for(b, path) for b in spec["anyOf"] if not deprecated(b)])
    kind = spec.get("type")
    if kind in ("string", "integer", "number") and spec.get("examples"):
        # The schema's own examples are realistic values (gpus: 0, gpu_type: a100_80gb, host: github.com).
        return st.one_of(st.sampled_from(spec["examples"]), value_for({**spec, "examples": []}, path))
    if kind == "object" and path == ("metadata",):
        # mcli removes a metadata key whose value is null (changed-by-mcli): a valid file has none.
        return free_form().map(lambda mapping: {k: v for k, v in mapping.items() if v is not None})
    if kind == "object" and path == ("dependent_deployment",):
        # mcli camelCases these keys (changed-by-mcli unless they are lower-case words already).
        return st.dictionaries(st.from_regex(r"[a-z][a-z0-9]{0,7}", fullmatch=True), _scalars(), max_size=3)
    if kind == "object":
        return _object(spec, path) if spec.get("properties") else free_form()
    if kind == "array":
        return st.lists(value_for(spec.get("items", {}), (*path, ITEM)), max_size=3)
    if kind == "string":
        return line_text()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        low = spec.get("minimum", spec.get("exclusiveMinimum", -1) + 1)
        return st.integers(min_value=low, max_value=low + 64)
    if kind == "number":
        low = spec.get("minimum", spec.get("exclusiveMinimum", 0))
        exclusive = "exclusiveMinimum" in spec
        return st.one_of(
            st.floats(min_value=low, max_value=1e6, exclude_min=exclusive, allow_nan=False),
            st.integers(min_value=int(low) + 1, max_value=1000),
        )
    raise NotImplementedError(f"no strategy for {path}: {spec}")


@functools.cache
def compute_sections(include: tuple[str, ...] = ()) -> st.SearchStrategy[dict[str, Any]]:
    """``compute`` with its cross-field constraints: gpus a multiple of nodes, one name per node,
    gpu_type ``none`` exactly when there are no GPUs."""
    return _consistent_compute(_object(schema.definition("compute"), ("compute",), include))


@st.composite
def _consistent_compute(draw: st.DrawFn, sections: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    compute: dict[str, Any] = draw(sections)
    names = compute.get("node_names")
    if names is not None:
        names = compute["node_names"] = list(dict.fromkeys(names))  # distinct nodes
        if names:
            compute["nodes"] = len(names)
        else:
            del compute["node_names"]
    if "nodes" in compute and "gpus" in compute:
        compute["gpus"] = compute["nodes"] * draw(st.integers(0, 8))
    if compute.get("gpus") == 0 and ("gpu_type" in compute or draw(st.booleans())):
        compute["gpu_type"] = "none"
    return compute


@functools.cache
def integrations(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    common = tuple(schema.definition("integration").get("required", []))
    return _object(schema.integration_schemas()[kind], ("integrations", kind), common)


@st.composite
def _integration_lists(draw: st.DrawFn) -> list[dict[str, Any]]:
    """At most one integration of each type."""
    kinds = draw(st.lists(st.sampled_from(schema.integration_types()), unique=True, max_size=3))
    return [draw(integrations(kind)) for kind in kinds]


# Values the schema allows but the semantic (MCL2xx) rules do not: what each of these fields must be.
_SEMANTIC: dict[Path, Callable[[], Strategy]] = {
    ("name",): labels,
    ("image",): images,
    ("command",): commands,
    ("compute",): compute_sections,
    ("compute", "gpu_type"): gpu_types,
    ("compute", "node_names", ITEM): labels,
    ("scheduling", "priority"): lambda: st.sampled_from(schema.priorities()),
    ("env_variables",): env_variables,
    ("integrations",): _integration_lists,
    ("integrations", "git_repo", "git_repo"): git_repos,
    ("integrations", "git_repo", "git_commit"): git_commits,
    ("integrations", "mlflow", "experiment_name"): workspace_paths,
    ("experiment_tracker", "mlflow", "experiment_path"): workspace_paths,
}


@functools.cache
def run_configs(include: tuple[str, ...] = ()) -> st.SearchStrategy[dict[str, Any]]:
    """Valid run configs; top-level fields named in ``include`` are always present. A generated
    value that reads as an unfilled placeholder (MCL213's) is not valid data: such configs are left out."""
    return _object(schema.run_schema(), (), include).filter(lambda config: not _has_placeholder(config))


def _has_placeholder(value: object) -> bool:
    if isinstance(value, dict):
        return any(_has_placeholder(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_placeholder(item) for item in value)
    return isinstance(value, str) and is_placeholder(value)


# ------------------------------------------------------------------------------------------- renderings

LEADING_COMMENT = "# a run file, rendered by tests/strategies.py\n"


@st.composite
def yaml_renderings(draw: st.DrawFn, config: dict[str, Any]) -> str:
    """``config`` as YAML text, in one of the styles yaml.safe_dump can write, maybe CRLF, maybe commented."""
    text = yaml.safe_dump(
        config,
        default_flow_style=draw(st.sampled_from([False, True, None])),
        indent=draw(st.sampled_from([2, 4])),
        sort_keys=draw(st.booleans()),
        width=draw(st.sampled_from([60, 80, 10_000])),
        explicit_start=draw(st.booleans()),
        allow_unicode=draw(st.booleans()),
    )
    if draw(st.booleans()):
        text = LEADING_COMMENT + text
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


def rendered_configs(include: tuple[str, ...] = ()) -> st.SearchStrategy[tuple[dict[str, Any], str]]:
    return run_configs(include).flatmap(lambda c: st.tuples(st.just(c), yaml_renderings(c)))


def block_yaml(config: dict[str, Any]) -> str:
    """The rendering the mutation tests locate lines in: block style, keys in the config's order."""
    return yaml.safe_dump(config, sort_keys=False, default_flow_style=False)
