"""The quick parser in entry.py accepts only what typer accepts, and builds the very same options."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mcli_lint.cli
from mcli_lint.commands import CheckOptions, FmtOptions, Options, ToPythonOptions, ToYamlOptions
from mcli_lint.entry import quick_options

TOKENS = [
    "run.yaml",
    "runs/",
    "-",
    "--strict",
    "--fix",
    "--format",
    "json",
    "--format=sarif",
    "-f",
    "github",
    "text",
    "--select",
    "MCL1",
    "--select=MCL2,MCL3",
    "--ignore",
    "wrong-type",
    "--config",
    "pyproject.toml",
    "--stdin-filename",
    "x.yaml",
    "--show-source",
    "--no-show-source",
    "--color",
    "never",
    "--color=always",
    "--clusters",
    "c.json",
    "--check",
    "--diff",
    "--force",
    "-o",
    "out.py",
    "--output",
    "--output=out.yaml",
    "-v",
    "--verbose",
    "-q",
    "--quiet",
    "--force-exclude",
    "--force-run",
    "--exclude",
    "node_modules",
    "--extend-exclude=old/",
    "--include",
    "--",
    "-h",
    "--bogus",
    "xml",
    "--strict=yes",
    "-fjson",
    "",
]

PREFIXES = [[], ["check"], ["fmt"], ["to-python"], ["to-yaml"]]


def typer_options(args: list[str], monkeypatch: pytest.MonkeyPatch) -> object:
    """What typer hands to the command body for ``args``, or the exit code it stopped with."""
    seen: list[object] = []

    def record(options: Options) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(mcli_lint.cli, "run", record)
    code = mcli_lint.cli.main(list(args))
    return seen[0] if seen else code


@given(st.sampled_from(PREFIXES), st.lists(st.sampled_from(TOKENS), max_size=7))
def test_quick_parser_agrees_with_typer(prefix: list[str], tokens: list[str]) -> None:
    args = prefix + tokens
    quick = quick_options(list(args))
    if quick is None:
        return  # typer decides, and owns the messages
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert typer_options(args, monkeypatch) == quick, args


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["a.yaml"], CheckOptions(("a.yaml",))),
        (["check", "-f", "json", "--strict", "a.yaml", "b.yaml"], CheckOptions(("a.yaml", "b.yaml"), "json", True)),
        (["--select", "MCL1", "--select=MCL2", "a.yaml"], CheckOptions(("a.yaml",), select=("MCL1", "MCL2"))),
        (["fmt", "--check", "a.yaml"], FmtOptions(("a.yaml",), check=True)),
        (["to-python", "--force", "a.yaml", "-o", "a.py"], ToPythonOptions("a.yaml", "a.py", True)),
        (["to-yaml", "a.py", "--output=a.yaml"], ToYamlOptions("a.py", "a.yaml")),
        (["to-python", "a.yaml", "b.yaml"], None),
        (["to-yaml", "--force", "a.py"], None),
        (["--help"], None),
        (["rules"], None),
        (["infer", "a.yaml"], None),
        (["--format", "xml", "a.yaml"], None),
        (["--", "a.yaml"], None),
        (["server"], None),
        (["server", "--stdio"], None),
        (["check"], CheckOptions((".",))),
        ([], CheckOptions((".",))),
        (
            ["-v", "--force-exclude", "--exclude", "a/", "--extend-exclude=b", "--include", "r/", "--force-run", "x"],
            CheckOptions(
                ("x",),
                exclude=("a/",),
                extend_exclude=("b",),
                include=("r/",),
                force_exclude=True,
                force_run=True,
                verbose=True,
            ),
        ),
        (
            ["fmt", "--force-exclude", "--force-run", "-q", "a.yaml"],
            FmtOptions(("a.yaml",), force_exclude=True, force_run=True, quiet=True),
        ),
    ],
)
def test_quick_parser_cases(args: list[str], expected: object) -> None:
    assert quick_options(args) == expected


def test_typer_path_builds_the_same_options(monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["check", "--format=json", "--no-show-source", "--color", "never", "-", "--stdin-filename", "x.yaml"]
    assert (
        typer_options(args, monkeypatch)
        == quick_options(args)
        == CheckOptions(("-",), "json", stdin_filename="x.yaml", show_source=False, color="never")
    )
