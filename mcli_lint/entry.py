"""The program's entry: plain ``check``, ``fmt``, ``to-python`` and ``to-yaml`` invocations run without typer.

The pre-commit hook starts the tool on every commit, and typer (with what it imports) costs more
than linting a file. So the common invocations (paths and the documented options, nothing else)
are parsed here, into the same options typer would build (tests/test_entry.py holds the two
parsers to that); anything else (help, other commands, any unusual spelling, any mistake) goes to
typer, which owns usage messages.
"""

from __future__ import annotations

import sys

from mcli_lint.commands import (
    COLORS,
    COMMANDS,
    FORMATS,
    CheckOptions,
    FmtOptions,
    Options,
    ToPythonOptions,
    ToYamlOptions,
    internal_error,
    run,
)

Parsed = dict[str, object]

# option -> (field, allowed values or None); flags map to a fixed value.
_CHECK_VALUES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--format": ("output_format", FORMATS),
    "-f": ("output_format", FORMATS),
    "--select": ("select", None),
    "--ignore": ("ignore", None),
    "--config": ("config_file", None),
    "--stdin-filename": ("stdin_filename", None),
    "--color": ("color", COLORS),
    "--clusters": ("clusters_file", None),
    "--exclude": ("exclude", None),
    "--extend-exclude": ("extend_exclude", None),
    "--include": ("include", None),
}
_WALK_FLAGS: dict[str, tuple[str, bool]] = {
    "--force-exclude": ("force_exclude", True),
    "--force-run": ("force_run", True),
    "--quiet": ("quiet", True),
    "-q": ("quiet", True),
}
_CHECK_FLAGS: dict[str, tuple[str, bool]] = {
    "--strict": ("strict", True),
    "--fix": ("fix", True),
    "--show-source": ("show_source", True),
    "--no-show-source": ("show_source", False),
    "--verbose": ("verbose", True),
    "-v": ("verbose", True),
    **_WALK_FLAGS,
}
_FMT_VALUES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--config": ("config_file", None),
    "--stdin-filename": ("stdin_filename", None),
}
_FMT_FLAGS: dict[str, tuple[str, bool]] = {
    "--check": ("check", True),
    "--diff": ("diff", True),
    "--sort-keys": ("sort_keys", True),
    "--no-sort-keys": ("sort_keys", False),
    **_WALK_FLAGS,
}
_TO_PYTHON_VALUES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--output": ("output", None),
    "-o": ("output", None),
}
_TO_PYTHON_FLAGS: dict[str, tuple[str, bool]] = {"--force": ("force", True)}
_TO_YAML_FLAGS: dict[str, tuple[str, bool]] = {}
_REPEATED = {"select", "ignore", "exclude", "extend_exclude", "include"}


def _parse(
    args: list[str],
    values: dict[str, tuple[str, tuple[str, ...] | None]],
    flags: dict[str, tuple[str, bool]],
    default_path: str | None = None,
) -> Parsed | None:
    parsed: Parsed = {}
    paths: list[str] = []
    repeated: dict[str, list[str]] = {}
    tokens = iter(args)
    for token in tokens:
        if token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        name, equals, inline = token.partition("=")
        if name in flags and not equals:
            field, flag = flags[name]
            parsed[field] = flag
        elif name in values:
            value = inline if equals else next(tokens, None)
            field, allowed = values[name]
            if value is None or (allowed is not None and value not in allowed):
                return None
            if field in _REPEATED:
                repeated.setdefault(field, []).append(value)
            else:
                parsed[field] = value
        else:
            return None  # `--`, `-h`, an unknown or oddly spelled option: typer decides
    if not paths and default_path is None:
        return None
    parsed["paths"] = tuple(paths or [default_path])
    parsed.update({field: tuple(items) for field, items in repeated.items()})
    return parsed


def quick_options(args: list[str]) -> Options | None:
    """The options of a plain ``[check]``, ``fmt``, ``to-python`` or ``to-yaml`` invocation, else None."""
    if args[:1] == ["fmt"]:
        parsed = _parse(args[1:], _FMT_VALUES, _FMT_FLAGS)
        return FmtOptions(**parsed) if parsed is not None else None  # type: ignore[arg-type]
    if args[:1] in (["to-python"], ["to-yaml"]):
        python = args[0] == "to-python"
        flags = _TO_PYTHON_FLAGS if python else _TO_YAML_FLAGS
        parsed = _parse(args[1:], _TO_PYTHON_VALUES, flags)  # both take -o/--output
        if parsed is None:
            return None
        paths = parsed.pop("paths")
        if not isinstance(paths, tuple) or len(paths) != 1:
            return None  # typer words the usage error
        kind = ToPythonOptions if python else ToYamlOptions
        return kind(paths[0], **parsed)  # type: ignore[arg-type]
    rest = args[1:] if args[:1] == ["check"] else args
    if rest[:1] and rest[0] in COMMANDS:
        return None
    parsed = _parse(rest, _CHECK_VALUES, _CHECK_FLAGS, default_path=".")  # like ruff: no path means .
    return CheckOptions(**parsed) if parsed is not None else None  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    options = quick_options(args)
    if options is None:
        from mcli_lint.cli import main as with_typer

        return with_typer(args)
    try:
        return run(options)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the promise: never a traceback
        return internal_error(error)
