"""Every spelling of every option of every command means the same: ``--name value``, ``--name=value``,
``-n value``, ``-nvalue`` and ``-n=value`` build the very same options. The options come from the
command tree itself, so an option added later is covered without touching this test."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st

import mcli_lint.cli
from mcli_lint.cli import app, main
from mcli_lint.commands import EXIT_USAGE, CheckOptions, FmtOptions, Options, ToPythonOptions, ToYamlOptions

# The commands whose options are parsed into records (server and the listings take none worth it).
COMMANDS = [["check"], ["fmt"], ["infer"], ["to-python"], ["to-yaml"], ["clusters", "pull"], ["clusters", "show"]]
# Values a user may write, `=` included (only the first `=` of `--name=value` separates).
WORDS = st.text("abcMCL0123./=_", min_size=1, max_size=8).filter(lambda word: not word.startswith("="))


def command_of(words: list[str]) -> Any:
    command: Any = typer.main.get_command(app)
    for word in words:
        command = command.commands[word]
    return command


def built(args: list[str]) -> object:
    """The options record typer builds for ``args`` (the command is not run), else the exit code."""
    seen: list[Options] = []

    def record(options: Options) -> int:
        seen.append(options)
        return 0

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mcli_lint.cli, "run", record)
        code = main(list(args))
    return seen[0] if seen else code


@st.composite
def invocations(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """The same invocation twice: every option as ``--name value``, and in a spelling drawn for each."""
    words = draw(st.sampled_from(COMMANDS))
    command = command_of(words)
    plain, spelled = list(words), list(words)
    options = [p for p in command.params if p.param_type_name == "option"]
    for option in draw(st.lists(st.sampled_from(options), max_size=6)) if options else []:
        long = next(name for name in option.opts if name.startswith("--"))
        short = [name for name in option.opts if len(name) == 2]
        if option.is_flag:
            flag = draw(st.sampled_from([*option.opts, *option.secondary_opts]))
            plain.append(flag)
            spelled.append(flag)
            continue
        choices = getattr(option.type, "choices", None)
        if choices:
            value = str(draw(st.sampled_from(list(choices))))
        elif option.type.name == "float":
            value = str(draw(st.floats(0.01, 100, allow_nan=False)))
        else:
            value = draw(WORDS)
        plain += [long, value]
        forms = [[long, value], [f"{long}={value}"]]
        if short:
            forms += [[short[0], value], [short[0] + value], [f"{short[0]}={value}"]]
        spelled += draw(st.sampled_from(forms))
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    if arguments:
        plain.append("a.yaml")
        spelled.append("a.yaml")
    return plain, spelled


@given(invocations())
def test_every_spelling_builds_the_same_options(invocation: tuple[list[str], list[str]]) -> None:
    plain, spelled = invocation
    assert built(spelled) == built(plain), (plain, spelled)


def test_the_spellings_are_really_drawn() -> None:
    assert built(["check", "-f=json", "-oout", "--select=MCL1", "a.yaml"]) == built(
        ["check", "--format", "json", "--output-file", "out", "--select", "MCL1", "a.yaml"]
    )
    made = built(["check", "-f=json", "a.yaml"])
    assert isinstance(made, CheckOptions) and (made.output_format, made.paths) == ("json", ("a.yaml",))
    assert built(["to-python", "a.yaml", "-o=x=y.py"]) == ToPythonOptions("a.yaml", "x=y.py")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], CheckOptions((".",))),  # a bare mcli-lint checks .
        (["check"], CheckOptions((".",))),
        (["a.yaml"], CheckOptions(("a.yaml",))),
        (["check", "-f", "json", "--strict", "a.yaml", "b.yaml"], CheckOptions(("a.yaml", "b.yaml"), "json", True)),
        (["--select", "MCL1", "--select=MCL2", "a.yaml"], CheckOptions(("a.yaml",), select=("MCL1", "MCL2"))),
        (
            ["check", "--format=json", "--no-show-source", "--color", "never", "-", "--stdin-filename", "x.yaml"],
            CheckOptions(("-",), "json", stdin_filename="x.yaml", show_source=False, color="never"),
        ),
        (
            ["--extend-select", "MCL2", "--extend-ignore=MCL201", "-w", "a.yaml"],
            CheckOptions(("a.yaml",), extend_select=("MCL2",), extend_ignore=("MCL201",), watch=True),
        ),
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
        (["--", "-a.yaml"], CheckOptions(("-a.yaml",))),
        (["fmt", "--check", "a.yaml"], FmtOptions(("a.yaml",), check=True)),
        (
            ["fmt", "--force-exclude", "--force-run", "-q", "a.yaml"],
            FmtOptions(("a.yaml",), force_exclude=True, force_run=True, quiet=True),
        ),
        (["fmt", "--sort-keys", "a.yaml"], FmtOptions(("a.yaml",), sort_keys=True)),
        (["fmt", "--no-sort-keys", "a.yaml"], FmtOptions(("a.yaml",), sort_keys=False)),
        (["to-python", "--force", "a.yaml", "-o", "a.py"], ToPythonOptions("a.yaml", "a.py", True)),
        (["to-yaml", "a.py", "--output=a.yaml"], ToYamlOptions("a.py", "a.yaml")),
        (["to-python", "a.yaml", "b.yaml"], EXIT_USAGE),
        (["to-yaml", "--force", "a.py"], EXIT_USAGE),
        (["--format", "xml", "a.yaml"], EXIT_USAGE),
    ],
)
def test_what_an_invocation_builds(args: list[str], expected: object) -> None:
    assert built(args) == expected
