"""to-python and to-yaml: golden layouts, exact string literals, refusals, and the command line."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given

from mcli_lint.commands import EXIT_FINDINGS, EXIT_OK
from mcli_lint.convert.equality import same
from mcli_lint.convert.to_python import comments_of, py_comment, py_str, to_python, triple_quoted
from mcli_lint.convert.to_yaml import NotLiteral, from_python, to_yaml
from mcli_lint.loader import load_text
from mcli_lint.text import yaml_quote
from tests.cli_helpers import run
from tests.profiles import scaled
from tests.strategies import run_configs

# NAME.yaml converts to exactly NAME.py.txt (not .py: the project's own ruff, at line length 120, would
# reformat a module laid out for ruff's defaults).
GOLDEN = Path(__file__).resolve().parent / "golden_convert"
NAMES = sorted(p.stem for p in GOLDEN.glob("*.yaml"))
# The rules a project with default settings would use, except the line length: a long string cannot be split
# without changing how it reads, and ruff format leaves it long too.
RUFF_CHECK = ["check", "--isolated", "--select", "E,W,F,I,B,UP,SIM,RUF", "--ignore", "E501", "--quiet"]

HOSTILE = [
    "",
    "'",
    '"',
    "'''",
    '"""',
    "\"\"\"'''",
    "a\\",
    "\\",
    "C:\\path\\n",
    "\\x00 \\N{BULLET} \\u2028",
    "\x00\x01\x1b\x7f",
    "\u2028\u2029\x85",
    "\u202e\u2066\u2067\u2068\u2069\u200b\u200f\ufeff",
    "${HOME} ${{ secrets.X }} {x} %s",
    '" + __import__("os").system("id") + "',
    "'; import os; os.system('id'); '",
    "line\r\nwindows\rmac",
    "tab\there",
    "trailing space \nnext",
    'ends with quote\n"',
    "caf\xe9 \u65e5\u672c \U0001f600",
    "\ud7ff\ue000\ufffd",
    "multi\nline\n",
    "#!/bin/sh\n# not a comment\necho '\"\"'\n",
]


def converted(text: str) -> str:
    loaded = load_text(text)
    assert loaded.document is not None
    return to_python(loaded.document.data, comments_of(loaded.text)).text


def executed(module: str) -> dict[str, object]:
    """What the generated module builds, with RunConfig standing in as a plain recorder (no mcli needed)."""
    namespace: dict[str, object] = {}
    body = module.replace("from mcli import RunConfig\n", "RunConfig = dict\n")
    exec(compile(body, "<to-python>", "exec"), namespace)
    return namespace


def ruff(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", *args], input=stdin, text=True, capture_output=True)


# ------------------------------------------------------------------------------------------------ golden


def test_golden_files_are_paired() -> None:
    assert sorted(p.name.removesuffix(".py.txt") for p in GOLDEN.glob("*.py.txt")) == NAMES
    assert len(NAMES) >= 6


@pytest.mark.parametrize("name", NAMES)
def test_golden_layout(name: str) -> None:
    source = (GOLDEN / f"{name}.yaml").read_text(encoding="utf-8")
    assert converted(source) == (GOLDEN / f"{name}.py.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_golden_modules_are_ruff_clean(name: str) -> None:
    module = (GOLDEN / f"{name}.py.txt").read_text(encoding="utf-8")
    assert ruff(*RUFF_CHECK, "-", stdin=module).returncode == 0
    assert ruff("format", "--isolated", "--check", "-", stdin=module).returncode == 0


@pytest.mark.parametrize("name", NAMES)
def test_to_yaml_inverts_the_golden_module(name: str) -> None:
    data = yaml.safe_load((GOLDEN / f"{name}.yaml").read_text(encoding="utf-8"))
    back = from_python((GOLDEN / f"{name}.py.txt").read_text(encoding="utf-8"))
    assert same(back, {key: data[key] for key in back}) and back.keys() == data.keys()
    assert same(yaml.safe_load(to_yaml(back)), back)


# ----------------------------------------------------------------------------------------------- strings


@pytest.mark.parametrize("text", HOSTILE)
def test_string_literals_are_exact_and_inert(text: str) -> None:
    literal = py_str(text)
    assert "\n" not in literal and literal.isascii() and literal.isprintable()
    assert eval(compile(literal, "<literal>", "eval")) == text  # a single string token, nothing else
    multi = triple_quoted(text)
    if multi is not None:
        assert eval(compile(multi, "<literal>", "eval")) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_round_trip_through_a_run_file(text: str) -> None:
    quoted = yaml_quote(text)
    source = f"name: x\nimage: i\ncommand: {quoted}\ncompute:\n  gpus: 0\nmetadata:\n  {quoted}: {quoted}\n"
    assert yaml.safe_load(source)["command"] == text
    module = converted(source)
    built = executed(module)["config"]
    assert built == {"name": "x", "image": "i", "command": text, "compute": {"gpus": 0}, "metadata": {text: text}}
    assert ruff(*RUFF_CHECK, "-", stdin=module).returncode == 0, module
    assert ruff("format", "--isolated", "--check", "-", stdin=module).returncode == 0, module
    assert yaml.safe_load(to_yaml(from_python(module)))["command"] == text


def test_a_multi_line_command_is_triple_quoted_when_exact() -> None:
    assert triple_quoted("cd a\npython b.py\n") == '"""cd a\npython b.py\n"""'
    assert triple_quoted("one line") is None
    assert triple_quoted('ends with a quote\n"') is None  # """...\"""" would close early
    assert triple_quoted("trailing \nspace") is None


def test_comments_show_hidden_characters_and_get_their_space() -> None:
    assert py_comment("#x\u202ey") == "# x\\u202ey"
    assert py_comment("#") == "#"
    assert py_comment("#!keep") == "#!keep"


def test_an_encoding_comment_cannot_reach_the_first_two_lines() -> None:
    module = converted("# -*- coding: latin-1 -*-\n\nname: x\n")
    assert module.splitlines()[:2] == ["from mcli import RunConfig", ""]


def test_special_floats_and_dates_are_exact() -> None:
    module = converted("a: .nan\nb: -.inf\nc: 2024-01-31\nd: 2001-12-14 21:59:43.10\nparameters: {x: -0.0}\n")
    unused = executed(module)["unused"]
    assert isinstance(unused, dict)
    assert math.isnan(unused["a"]) and unused["b"] == -math.inf
    data = yaml.safe_load("c: 2024-01-31\nd: 2001-12-14 21:59:43.10\n")
    assert same({k: unused[k] for k in "cd"}, data)
    config = executed(module)["config"]
    assert isinstance(config, dict)
    assert math.copysign(1, config["parameters"]["x"]) == -1


# --------------------------------------------------------------------------------------------- to-yaml


@pytest.mark.parametrize(
    ("module", "message"),
    [
        ("config = RunConfig(name=NAME)", "1:25: the name 'NAME' is not a literal"),
        ("config = RunConfig(name=f'{x}')", "1:25: an f-string is not a literal"),
        ("config = RunConfig(**base)", "1:22: ** unpacking is not a literal"),
        ("config = RunConfig('x')", "1:20: RunConfig takes keyword arguments only"),
        ("config = RunConfig(p={'a': open('f')})", "1:28: the call open(...) is not a literal"),
        ("config = RunConfig(p=[x for x in y])", "1:22: a ListComp expression is not a literal"),
        ("import os\nconfig = RunConfig()", "1:1: only `config = RunConfig(...)`"),
        ("config = make()", "1:10: config must be assigned RunConfig(...)"),
        ("x = 1", "1:1: only `config = RunConfig(...)`"),
        ("", "1:1: no `config = RunConfig(...)` in the module"),
        ("config = RunConfig(", "1:19: not valid Python"),
    ],
)
def test_to_yaml_refuses_what_is_not_a_literal(module: str, message: str) -> None:
    with pytest.raises(NotLiteral) as raised:
        from_python(module)
    assert str(raised.value).startswith(message)


def test_to_yaml_quotes_what_yaml_1_1_would_retype() -> None:
    data = {"name": "x", "parameters": {"a": "yes", "b": "010", "c": "1:30", "d": "2024-01-31", "e": "1_000"}}
    text = to_yaml(data)
    assert same(yaml.safe_load(text), data)
    assert "a: 'yes'" in text and "c: '1:30'" in text


# ------------------------------------------------------------------------------------------ command line

RUN = "name: ok\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: 8\n"


def test_to_python_writes_the_module(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(RUN)
    code, out, err = run(["to-python", "run.yaml"], capsys)
    assert (code, err) == (EXIT_OK, "")
    assert out == converted(RUN)
    assert run(["to-python", "run.yaml", "-o", "run.py"], capsys) == (EXIT_OK, "", "")
    assert (work / "run.py").read_text() == out
    code, out, err = run(["to-yaml", "run.py"], capsys)
    assert (code, err) == (EXIT_OK, "")
    assert yaml.safe_load(out) == yaml.safe_load(RUN)


def test_to_python_refuses_errors_unless_forced(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(RUN.replace("gpus: 8", 'gpus: "8"') + "extra: 1\n")
    code, out, err = run(["to-python", "run.yaml"], capsys)
    assert (code, out) == (EXIT_FINDINGS, "")
    assert err.splitlines()[0] == "run.yaml:5:9: MCL103 `compute.gpus` must be an integer, not a string ('8')"
    assert err.splitlines()[-1] == "mcli-lint: not converted: fix the errors, or --force to convert what mcli reads"
    code, out, err = run(["to-python", "--force", "run.yaml"], capsys)
    assert code == EXIT_OK
    assert err.splitlines() == [
        "mcli-lint: run.yaml: converted with --force despite 2 error(s)",
        "mcli-lint: run.yaml: note: RunConfig does not take extra: kept in the `unused` dict, not passed to RunConfig",
    ]
    assert executed(out)["unused"] == {"extra": 1}


def test_to_python_says_where_experiment_tracker_went(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(RUN + "experiment_tracker:\n  mlflow:\n    experiment_path: /Users/me/x\n")
    code, out, err = run(["to-python", "run.yaml"], capsys)
    # mcli 0.8.3 drops experiment_tracker, so check calls it an error (MCL102): convert with --force.
    assert (code, out) == (EXIT_FINDINGS, "")
    code, out, err = run(["to-python", "--force", "run.yaml"], capsys)
    assert code == EXIT_OK
    assert err == (
        "mcli-lint: run.yaml: converted with --force despite 1 error(s)\n"
        "mcli-lint: run.yaml: note: experiment_tracker is kept in its own variable:"
        " mosaicml-cli 0.8.3's RunConfig does not take it\n"
    )
    assert executed(out)["experiment_tracker"] == {"mlflow": {"experiment_path": "/Users/me/x"}}


def test_unloadable_files_are_refused_even_forced(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text("name: [unclosed\n")
    code, out, err = run(["to-python", "--force", "run.yaml"], capsys)
    assert (code, out) == (EXIT_FINDINGS, "")
    assert err.startswith("run.yaml:2:1: MCL001 ")


def test_to_yaml_reports_the_position(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "config.py").write_text("from mcli import RunConfig\n\nconfig = RunConfig(name=get_name())\n")
    code, out, err = run(["to-yaml", "config.py"], capsys)
    assert (code, out) == (EXIT_FINDINGS, "")
    assert err == "config.py:3:25: the call get_name(...) is not a literal; to-yaml never runs code\n"


# Each example runs ruff twice in a subprocess: fewer examples than the profile's.
@scaled(1 / 4)
@given(run_configs())
def test_generated_modules_are_ruff_clean(config: dict[str, object]) -> None:
    module = to_python(config).text
    assert ruff(*RUFF_CHECK, "-", stdin=module).returncode == 0, module
    assert ruff("format", "--isolated", "--check", "-", stdin=module).returncode == 0, module
