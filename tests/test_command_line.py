"""The one parser: every spelling of an option means the same, usage errors are one line (exit 2),
``-V``, ``python -m mcli_lint``, shell completion, and a start that imports nothing it does not use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mcli_lint import __version__
from mcli_lint.commands import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from tests.cli_helpers import run
from tests.needs import require

BIN = Path(sys.executable).parent
BAD = 'name: bad\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: "8"\n'


@pytest.mark.parametrize(
    "spelling",
    [
        ["--format", "json"],
        ["--format=json"],
        ["-f", "json"],
        ["-fjson"],
        ["-f=json"],
    ],
)
def test_every_spelling_of_a_value_means_the_same(
    work: Path, capsys: pytest.CaptureFixture[str], spelling: list[str]
) -> None:
    (work / "a.yaml").write_text(BAD)
    code, out, err = run(["check", *spelling, "a.yaml"], capsys)
    assert (code, err) == (EXIT_FINDINGS, "")
    assert [d["code"] for d in json.loads(out)["diagnostics"]] == ["MCL103"]
    assert run([*spelling, "a.yaml"], capsys) == (code, out, err)  # check, the default command, alike


@pytest.mark.parametrize("spelling", [["-o", "r.json"], ["-or.json"], ["-o=r.json"], ["--output-file=r.json"]])
def test_every_spelling_of_the_output_file_writes_the_same_file(
    work: Path, capsys: pytest.CaptureFixture[str], spelling: list[str]
) -> None:
    (work / "a.yaml").write_text(BAD)
    assert run(["check", "-fjson", *spelling, "a.yaml"], capsys) == (EXIT_FINDINGS, "", "")
    assert json.loads((work / "r.json").read_text())["summary"] == {
        "files": 1,
        "errors": 1,
        "warnings": 0,
        "skipped": 0,
    }
    assert sorted(p.name for p in work.iterdir()) == ["a.yaml", "pyproject.toml", "r.json"]


@pytest.mark.parametrize("spelling", [["-o", "x.py"], ["-ox.py"], ["-o=x.py"], ["--output=x.py"], ["--output", "x.py"]])
def test_to_python_writes_the_file_named_however_o_is_spelled(
    work: Path, capsys: pytest.CaptureFixture[str], spelling: list[str]
) -> None:
    (work / "a.yaml").write_text("name: r\nimage: i\ncommand: c\ncompute:\n  gpus: 8\n")
    assert run(["to-python", "a.yaml", *spelling], capsys)[0] == EXIT_OK
    assert sorted(p.name for p in work.iterdir()) == ["a.yaml", "pyproject.toml", "x.py"]
    assert "RunConfig(" in (work / "x.py").read_text()


def test_a_value_is_taken_whole_even_when_it_looks_like_an_option(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    code, out, _ = run(["check", "--stdin-filename", "-f=x.yaml", "--no-show-source", "-"], capsys)
    assert (code, out.splitlines()[0]) == (
        EXIT_FINDINGS,
        "-f=x.yaml:5:9: MCL103 `compute.gpus` must be an integer, not a string ('8')",
    )


def test_after_a_double_dash_every_token_is_a_path(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--no-show-source", "--", "-f=json"], capsys)
    assert (code, out.splitlines()[0]) == (EXIT_FINDINGS, "-f=json:1:1: MCL005 no such file")


def test_repeated_and_comma_separated_codes_mean_the_same(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text(
        "name: My_Run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: '8'\n"
    )
    one = run(["-fjson", "--select", "MCL103", "--select=MCL201", "a.yaml"], capsys)
    assert one == run(["-fjson", "--select", "MCL103,MCL201", "a.yaml"], capsys)
    assert [d["code"] for d in json.loads(one[1])["diagnostics"]] == ["MCL201", "MCL103"]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--xyzzy", "a.yaml"], "mcli-lint: No such option: --xyzzy (`mcli-lint check --help` lists the options)"),
        (
            ["-f", "xml", "a.yaml"],
            "mcli-lint: Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json', 'sarif', 'github'."
            " (`mcli-lint check --help` lists the options)",
        ),
        (["-f"], "mcli-lint: Option '-f' requires an argument. (`mcli-lint check --help` lists the options)"),
        (["rule"], "mcli-lint: Missing argument 'code'. (`mcli-lint rule --help` lists the options)"),
        (
            ["--strict=yes", "a.yaml"],
            "mcli-lint: Option '--strict' does not take a value. (`mcli-lint check --help` lists the options)",
        ),
        (
            ["rules", "x"],
            "mcli-lint: Got unexpected extra argument(s) (x) (`mcli-lint rules --help` lists the options)",
        ),
        (
            ["to-python", "a.yaml", "b.yaml"],
            "mcli-lint: Got unexpected extra argument(s) (b.yaml) (`mcli-lint to-python --help` lists the options)",
        ),
        (
            ["clusters", "pull", "--timeout", "soon"],
            "mcli-lint: Invalid value for '--timeout': 'soon' is not a valid float."
            " (`mcli-lint clusters pull --help` lists the options)",
        ),
    ],
)
def test_usage_errors_are_one_line_exit_2(
    work: Path, capsys: pytest.CaptureFixture[str], args: list[str], line: str
) -> None:
    assert run(args, capsys) == (EXIT_USAGE, "", line + "\n")


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(capsys: pytest.CaptureFixture[str], flag: str) -> None:
    assert run([flag], capsys) == (EXIT_OK, f"mcli-lint {__version__}\n", "")


def test_help_lists_every_command_and_the_program_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--help"], capsys)
    assert (code, err) == (EXIT_OK, "")
    assert out.startswith("Usage: mcli-lint [OPTIONS] COMMAND [ARGS]...\n")
    for option in ("-V, --version", "--install-completion", "--show-completion", "-h, --help"):
        assert f"  {option} " in out
    for command in ("check", "rules", "rule", "schema", "infer", "fmt", "to-python", "to-yaml", "server", "clusters"):
        assert f"\n  {command} " in out
    assert run(["-h"], capsys) == (code, out, err)


def test_python_dash_m_is_the_same_program(work: Path) -> None:
    (work / "a.yaml").write_text(BAD)
    script = subprocess.run(
        [str(BIN / "mcli-lint"), "-fjson", "a.yaml"], capture_output=True, text=True, cwd=work, timeout=60
    )
    module = subprocess.run(
        [sys.executable, "-m", "mcli_lint", "-fjson", "a.yaml"], capture_output=True, text=True, cwd=work, timeout=60
    )
    assert (module.returncode, module.stdout, module.stderr) == (script.returncode, script.stdout, script.stderr)
    assert script.returncode == EXIT_FINDINGS
    usage = subprocess.run(
        [sys.executable, "-m", "mcli_lint", "--xyzzy"], capture_output=True, text=True, cwd=work, timeout=60
    )
    assert (usage.returncode, usage.stdout, usage.stderr) == (
        EXIT_USAGE,
        "",
        "mcli-lint: No such option: --xyzzy (`mcli-lint check --help` lists the options)\n",
    )


# What a start imports: typer's own click, never pydantic or rich; --help nothing of the linter.
IMPORTED = """
import contextlib, io, json, sys
from mcli_lint.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
names = {name.split(".")[0] for name in sys.modules} | {n for n in sys.modules if n.startswith("mcli_lint.")}
print(json.dumps(sorted(names)))
"""


@pytest.mark.parametrize(("args", "linter"), [(["--help"], False), (["check", "a.yaml"], True)])
def test_a_start_imports_neither_pydantic_nor_rich(work: Path, args: list[str], linter: bool) -> None:
    (work / "a.yaml").write_text(BAD)
    done = subprocess.run([sys.executable, "-c", IMPORTED, *args], capture_output=True, text=True, cwd=work, timeout=60)
    modules = set(json.loads(done.stdout))
    assert "typer" in modules
    assert not modules & {"pydantic", "pydantic_core", "rich", "click"}
    assert ("mcli_lint.engine.lint" in modules, "yaml" in modules) == (linter, linter)


def _completion_env(home: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(home), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def test_shell_completion_installs_and_completes_in_bash(tmp_path: Path) -> None:
    bash = require("bash", "the completion test runs the installed script in bash")
    env = _completion_env(tmp_path)
    # Run from bash, so the shell typer detects is bash.
    installed = subprocess.run(
        [bash, "-c", "mcli-lint --install-completion"], capture_output=True, text=True, env=env, timeout=60
    )
    script = tmp_path / ".bash_completions" / "mcli-lint.sh"
    assert (installed.returncode, installed.stdout) == (
        EXIT_OK,
        f"bash completion installed in {script}\nCompletion will take effect once you restart the terminal\n",
    )
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()
    shown = subprocess.run(
        [bash, "-c", "mcli-lint --show-completion"], capture_output=True, text=True, env=env, timeout=60
    )
    assert (shown.returncode, shown.stdout.strip()) == (EXIT_OK, script.read_text().strip())

    def complete(words: str) -> list[str]:
        done = subprocess.run(
            [
                bash,
                "-c",
                f"source {script}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1));"
                ' _mcli_lint_completion mcli-lint; printf "%s\\n" "${COMPREPLY[@]}"',
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert complete("mcli-lint che") == ["check"]
    assert complete("mcli-lint to-") == ["to-python", "to-yaml"]
    assert complete("mcli-lint check --form") == ["--format"]
    assert complete("mcli-lint check --format ''") == ["text", "json", "sarif", "github"]
    assert complete("mcli-lint check --color a") == ["auto", "always"]


def test_a_shell_named_after_the_completion_options_is_the_one_served(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    code, out, err = run(["--show-completion", "zsh"], capsys)
    assert (code, err) == (EXIT_OK, "")
    assert out.startswith("#compdef mcli-lint\n\n_mcli_lint_completion() {\n")
    assert "_MCLI_LINT_COMPLETE=complete_zsh mcli-lint" in out
    code, out, err = run(["--install-completion", "zsh"], capsys)
    function = tmp_path / ".zfunc" / "_mcli-lint"
    assert (code, out, err) == (
        EXIT_OK,
        f"zsh completion installed in {function}\nCompletion will take effect once you restart the terminal\n",
        "",
    )
    assert function.read_text().startswith("#compdef mcli-lint\n")
    assert "fpath+=~/.zfunc; autoload -Uz compinit; compinit" in (tmp_path / ".zshrc").read_text()
    assert run(["--show-completion", "tcsh"], capsys) == (
        EXIT_USAGE,
        "",
        "mcli-lint: --show-completion: no completion for 'tcsh'; one of: bash, zsh, fish, powershell, pwsh\n",
    )


def test_zsh_and_fish_ask_for_completions_as_typer_says(tmp_path: Path) -> None:
    def asked(shell: str, words: str, **more: str) -> str:
        env = {**_completion_env(tmp_path), "_MCLI_LINT_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": words}
        done = subprocess.run([str(BIN / "mcli-lint")], capture_output=True, text=True, env={**env, **more}, timeout=60)
        assert (done.returncode, done.stderr) == (0, "")
        return done.stdout

    assert asked("zsh", "mcli-lint fm").startswith('_arguments \'*: :(("fmt":"')  # then fmt's summary
    assert asked("fish", "mcli-lint check --wat", _TYPER_COMPLETE_FISH_ACTION="get-args") == (
        "--watch\tCheck again whenever a file changes (Ctrl-C stops).\n"
    )
