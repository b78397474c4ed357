"""Configuration: ``[tool.mcli-lint]`` in pyproject.toml, merged with command-line choices."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from mcli_lint.environment import CLUSTERS_ENV
from mcli_lint.loader.limits import Limits
from mcli_lint.rules import BY_CODE, RULES, find
from mcli_lint.text import escape


class ConfigError(Exception):
    """A configuration mistake: reported by the CLI as a usage error (exit 2)."""


@dataclass(frozen=True)
class Config:
    select: frozenset[str] = frozenset(BY_CODE)
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    limits: Limits = field(default_factory=Limits)
    strict: bool = False
    source: Path | None = None
    # The clusters file named by `clusters = "…"`, relative to the pyproject's directory.
    clusters: Path | None = None
    # Which files a walk takes (gitignore-style patterns, relative to the pyproject's directory):
    # `exclude` replaces the default list (None: keep it), `extend-exclude` adds to it, and
    # `include` names files that are runs whatever their content says.
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    force_exclude: bool = False
    # fmt puts keys in the schema's order (else the author's order is kept).
    sort_keys: bool = False
    # check --fix makes unsafe fixes too (those that change what mcli sends).
    unsafe_fixes: bool = False

    def enabled(self, path: str) -> frozenset[str]:
        """The codes that apply to a file."""
        codes = self.select
        for pattern, ignored in self.per_file_ignores:
            if _matches(path, pattern):
                codes = codes - ignored
        return codes


def _matches(path: str, pattern: str) -> bool:
    posix = Path(path).as_posix()
    return fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(Path(path).name, pattern)


def expand(selectors: list[str], what: str) -> frozenset[str]:
    """Codes named by codes, code prefixes (``MCL2``), names, or ``ALL``."""
    codes: set[str] = set()
    for raw in selectors:
        selector = raw.strip()
        if selector.upper() == "ALL":
            codes |= set(BY_CODE)
            continue
        rule = find(selector)
        if rule is not None:
            codes.add(rule.code)
            continue
        prefixed = {r.code for r in RULES if r.code.startswith(selector.upper())}
        if not prefixed or not selector.upper().startswith("MCL"):
            raise ConfigError(f"{what}: unknown rule {selector!r}")
        codes |= prefixed
    return frozenset(codes)


@dataclass(frozen=True)
class Layer:
    """One source of rule choices, as in ruff: ``[tool.mcli-lint]``, then the command line.

    ``select`` (None: not given) replaces what the sources before chose; ``extend_select`` adds to
    it and ``ignore`` (``ignore`` and ``extend-ignore``) takes away. Selectors must be valid
    (``expand``)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def _specificity(selector: str) -> int:
    """ALL < a prefix (the longer, the more specific) < one rule, by code or name."""
    if selector.strip().upper() == "ALL":
        return 0
    return 100 if find(selector.strip()) is not None else len(selector.strip())


def resolve(before: frozenset[str], layer: Layer) -> frozenset[str]:
    """The codes selected after ``layer``: within it, the more specific selector wins (ruff's rule:
    ``select = ["MCL1"]`` with ``ignore = ["MCL103"]`` drops MCL103, and ``ignore = ["MCL1"]`` with
    ``extend-select = ["MCL103"]`` keeps it); at equal specificity, ignoring wins."""
    chosen = [(s, True) for s in (*(layer.select or ()), *layer.extend_select)] + [(s, False) for s in layer.ignore]
    updates: dict[str, bool] = {}
    for selector, selected in sorted(chosen, key=lambda pair: _specificity(pair[0])):  # stable: selects first
        updates.update(dict.fromkeys(expand([selector], "selection"), selected))
    codes = set() if layer.select is not None else set(before)
    codes.update(code for code, selected in updates.items() if selected)
    codes.difference_update(code for code, selected in updates.items() if not selected)
    return frozenset(codes)


def find_pyproject(start: Path) -> Path | None:
    for directory in [start, *start.parents]:
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


RULE_KEYS = ("select", "extend-select", "ignore", "extend-ignore")
_LIMIT_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Limits)}
# The largest value each limit may be raised to: beyond these the limits stop protecting anything
# (a 1 GiB file, nesting deeper than the interpreter's stack can walk, a hundred million nodes).
LIMIT_MAXIMA = {"max_file_size": 1 << 30, "max_depth": 256, "max_nodes": 100_000_000}
_PATTERN_KEYS = ("exclude", "extend-exclude", "include")
_KNOWN_KEYS = {
    "select",
    "extend-select",
    "ignore",
    "extend-ignore",
    "per-file-ignores",
    "strict",
    "clusters",
    "sort-keys",
    "unsafe-fixes",
    "force-exclude",
    *_PATTERN_KEYS,
    *_LIMIT_KEYS,
}


def _strings(value: object, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{what} must be a list of strings")
    return value


def load_config(pyproject: Path | None) -> Config:
    if pyproject is None:
        return Config()
    # Lazy: tomllib (about 3 ms measured) only when there is a pyproject.toml to read.
    import tomllib

    if not pyproject.is_file():  # never block on a FIFO or a device named as the configuration
        raise ConfigError(f"{pyproject}: not a regular file")
    try:
        with pyproject.open("rb") as stream:
            document = tomllib.load(stream)
    except OSError as error:
        raise ConfigError(f"{pyproject}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{pyproject}: not UTF-8 text: byte 0x{error.object[error.start]:02x} cannot be decoded"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{pyproject}: {escape(str(error))}") from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{pyproject}: [tool] must be a table")
    table = tool.get("mcli-lint", {})
    where = f"{pyproject}: [tool.mcli-lint]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table")
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown setting '{escape(unknown[0])}'")
    chosen = {key: _strings(table[key], f"{where} {key}") for key in RULE_KEYS if key in table}
    for selectors in chosen.values():
        expand(selectors, where)
    layer = Layer(
        tuple(chosen["select"]) if "select" in chosen else None,
        tuple(chosen.get("extend-select", ())),
        (*chosen.get("ignore", ()), *chosen.get("extend-ignore", ())),
    )
    select = resolve(frozenset(BY_CODE), layer)
    per_file: list[tuple[str, frozenset[str]]] = []
    ignores = table.get("per-file-ignores", {})
    if not isinstance(ignores, dict):
        raise ConfigError(f"{where} per-file-ignores must be a table of glob = [codes]")
    for pattern, codes in ignores.items():
        per_file.append((pattern, expand(_strings(codes, f"{where} per-file-ignores"), where)))
    limits = {}
    for key, attribute in _LIMIT_KEYS.items():
        if key in table:
            value = table[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{where} {key} must be a positive integer")
            if value > LIMIT_MAXIMA[attribute]:
                raise ConfigError(f"{where} {key} must be at most {LIMIT_MAXIMA[attribute]}")
            limits[attribute] = value
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{where} strict must be true or false")
    clusters = table.get("clusters")
    if clusters is not None and not isinstance(clusters, str):
        raise ConfigError(f"{where} clusters must be a string (a file path)")
    if clusters is not None and "\0" in clusters:
        raise ConfigError(f"{where} clusters must be a file path, without NUL characters")
    located = pyproject.parent / clusters if clusters else None
    patterns = {key: tuple(_strings(table[key], f"{where} {key}")) for key in _PATTERN_KEYS if key in table}
    force_exclude = table.get("force-exclude", False)
    if not isinstance(force_exclude, bool):
        raise ConfigError(f"{where} force-exclude must be true or false")
    sort_keys = table.get("sort-keys", False)
    if not isinstance(sort_keys, bool):
        raise ConfigError(f"{where} sort-keys must be true or false")
    unsafe_fixes = table.get("unsafe-fixes", False)
    if not isinstance(unsafe_fixes, bool):
        raise ConfigError(f"{where} unsafe-fixes must be true or false")
    return Config(
        select,
        tuple(per_file),
        Limits(**limits),
        strict,
        pyproject,
        located,
        exclude=patterns.get("exclude"),
        extend_exclude=patterns.get("extend-exclude", ()),
        include=patterns.get("include", ()),
        force_exclude=force_exclude,
        sort_keys=sort_keys,
        unsafe_fixes=unsafe_fixes,
    )


def clusters_path(option: Path | None, configured: Path | None, environ: Mapping[str, str]) -> Path | None:
    """The clusters file to use: the command-line option, else pyproject's ``clusters``, else the environment."""
    if option is not None:
        return option
    if configured is not None:
        return configured
    value = environ.get(CLUSTERS_ENV, "")
    return Path(value) if value else None
