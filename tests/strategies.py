"""Hypothesis strategies: valid run configs derived from the run schema, and varied YAML renderings of them.

The shape (which fields exist, their types, ranges, enums, required fields, integration types) is read
from ``mcli_lint.schema``; only the *semantic* constraints the schema cannot express (what the MCL2xx
rules accept) are written here, keyed by data path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from hypothesis import strategies as st

from mcli_lint import schema
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


def unambiguous(text: str) -> bool:
    """Reads as the same string whether YAML 1.1 or 1.2 parses it (whatever way it is quoted)."""
    return _YAML12_NOT_STRING.fullmatch(text) is None


def visible(text: str) -> bool:
    return not any(is_hidden(c) for c in text)


_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")).filter(
    lambda c: not is_hidden(c)
)
# Mostly ASCII, which is where YAML's special characters are, with some of the rest of Unicode.
_ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
_TEXT_CHARS = st.one_of(_ASCII, _ASCII, _CHARS, st.sampled_from("\t\n"))
_LINE_CHARS = st.one_of(_ASCII, _ASCII, _CHARS)


def free_text(max_size: int = 24) -> st.SearchStrategy[str]:
    """Any string a user may write: empty, multi-line, with tabs and quotes; never hidden characters."""
    return st.text(_TEXT_CHARS, max_size=max_size).filter(unambiguous)


def line_text(max_size: int = 24) -> st.SearchStrategy[str]:
    """A non-empty one-line value without surrounding whitespace (names, branches, projects ...)."""
    return st.text(_LINE_CHARS, min_size=1, max_size=max_size).filter(
        lambda s: s == s.strip() and unambiguous(s)
    )


def _regex(pattern: str) -> st.SearchStrategy[str]:
    return st.from_regex(pattern, fullmatch=True).filter(unambiguous)


def labels(max_len: int = 56) -> st.SearchStrategy[str]:
    """RFC 1123 labels: lowercase letters, digits and '-', alphanumeric at both ends."""
    return _regex(rf"[a-z0-9]([a-z0-9-]{{0,{max_len - 2}}}[a-z0-9])?")


def identifiers() -> st.SearchStrategy[str]:
    return _regex(r"[a-z][a-z0-9_]{0,14}")


_COMPONENT = r"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*"
_FIRST_COMPONENT = r"[a-z0-9]+((_|__|-+)[a-z0-9]+)*"  # a '.' would make it a registry host


def images() -> st.SearchStrategy[str]:
    """Docker references: ``[host[:port]/]path[:tag|@digest]``, path lowercase."""
    host = _regex(r"(localhost|[a-z0-9]+(\.[a-z0-9]+)+)(:[0-9]{1,5})?").map(lambda h: h + "/")
    path = st.tuples(
        _regex(_FIRST_COMPONENT), st.lists(_regex(_COMPONENT), max_size=2)
    ).map(lambda p: "/".join([p[0], *p[1]]))
    suffix = st.one_of(
        st.just(""),
        _regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}").map(lambda t: ":" + t),
        _regex(r"[0-9a-f]{64}").map(lambda d: "@sha256:" + d),
    )
    return st.tuples(st.one_of(st.just(""), host), path, suffix).map("".join).filter(unambiguous)


def commands() -> st.SearchStrategy[str]:
    return free_text(40).filter(lambda s: s.strip() != "")


def env_names() -> st.SearchStrategy[str]:
    return _regex(r"[A-Z_][A-Z0-9_]{0,15}").filter(lambda n: n not in schema.platform_env())


def env_variables() -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(env_names(), free_text(), max_size=4)


def git_repos() -> st.SearchStrategy[str]:
    return _regex(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*/[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*")


def workspace_paths() -> st.SearchStrategy[str]:
    return _regex(r"(/[A-Za-z0-9][A-Za-z0-9_.@-]{0,12}){1,4}")


def git_commits() -> st.SearchStrategy[str]:
    return _regex(r"[0-9a-f]{7,40}")


def gpu_types() -> st.SearchStrategy[str]:
    examples = schema.properties_at(("compute",))["gpu_type"].get("examples", [])
    return st.one_of(st.sampled_from(examples), identifiers()).filter(lambda g: g != "none")


# ------------------------------------------------------------------------------------------- free-form


def _scalars() -> Strategy:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        free_text(),
    )


def free_form(max_keys: int = 4) -> st.SearchStrategy[dict[str, Any]]:
    """``parameters``/``metadata``: nested mappings (string keys) and lists of plain scalars."""
    keys = free_text(16)
    values = st.recursive(
        _scalars(),
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)),
        max_leaves=8,
    )
    return st.dictionaries(keys, values, max_size=max_keys)


# ------------------------------------------------------------------------------------ schema-driven values


def deprecated(spec: dict[str, Any]) -> bool:
    return "deprecationMessage" in spec or "x-replaced-by" in spec


def current_properties(spec: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in schema.resolve(spec).get("properties", {}).items() if not deprecated(v)}


def fields_of_type(path: tuple[str, ...], kind: str) -> list[str]:
    """The non-deprecated fields of the mapping at ``path`` whose schema type is ``kind``."""
    return [
        name
        for name, spec in schema.properties_at(path).items()
        if not deprecated(spec) and schema.resolve(spec).get("type") == kind
    ]


@st.composite
def _object(
    draw: st.DrawFn, spec: dict[str, Any], path: Path, required: tuple[str, ...] = (), include: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A mapping with every required field, each other current field present or not, in a random order."""
    spec = schema.resolve(spec)
    props = current_properties(spec)
    must = {*spec.get("required", []), *required, *include}
    out: dict[str, Any] = {}
    for name in draw(st.permutations(sorted(props))):
        if name in must or draw(st.booleans()):
            out[name] = draw(value_for(props[name], (*path, name)))
    return out


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


@st.composite
def compute_sections(draw: st.DrawFn, include: tuple[str, ...] = ()) -> dict[str, Any]:
    """``compute`` with its cross-field constraints: gpus a multiple of nodes, one name per node,
    gpu_type ``none`` exactly when there are no GPUs."""
    compute: dict[str, Any] = draw(_object(schema.definition("compute"), ("compute",), include=include))
    names = compute.get("node_names")
    if names is not None:
        names = compute["node_names"] = list(dict.fromkeys(names))  # distinct nodes
        if names:
            compute["nodes"] = len(names)
        else:
            del compute["node_names"]
    if "nodes" in compute and "gpus" in compute:
        compute["gpus"] = compute["nodes"] * draw(st.integers(0, 8))
    if "gpu_type" in compute and compute.get("gpus") == 0:
        compute["gpu_type"] = "none"
    return compute


def integrations(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    common = tuple(schema.definition("integration").get("required", []))
    return _object(schema.integration_schemas()[kind], ("integrations", kind), required=common)


def _integration_lists() -> Strategy:
    kinds = st.lists(st.sampled_from(schema.integration_types()), unique=True, max_size=3)
    return kinds.flatmap(lambda ks: st.tuples(*[integrations(k) for k in ks]).map(list))


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


def run_configs(include: tuple[str, ...] = ()) -> st.SearchStrategy[dict[str, Any]]:
    """Valid run configs; top-level fields named in ``include`` are always present."""
    return _object(schema.run_schema(), (), include=include)


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
        width=draw(st.sampled_from([20, 80, 10_000])),
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
