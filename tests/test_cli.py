"""The command line: arguments, exit codes, configuration, suppression and every report format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from mcli_lint.rules import RULES
from tests.cli_helpers import run

ROOT = Path(__file__).resolve().parent.parent
CLEAN = "name: ok\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: 8\n"
BAD = 'name: bad\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: "8"\n'
WARN = "name: warn\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"


def test_shipped_examples_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--no-show-source", str(ROOT / "examples")], capsys)
    count = len(list((ROOT / "examples").glob("*.yaml")))
    assert (code, out.splitlines()[-1]) == (EXIT_OK, f"No problems in {count} files.")


def test_check_is_the_default_command(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(BAD)
    assert run(["run.yaml"], capsys) == run(["check", "run.yaml"], capsys)
    code, out, _ = run(["run.yaml"], capsys)
    assert code == EXIT_FINDINGS
    assert out.splitlines()[0] == "run.yaml:5:9: MCL103 `compute.gpus` must be an integer, not a string ('8')"


def test_warnings_pass_unless_strict(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(WARN)
    assert run(["run.yaml"], capsys)[0] == EXIT_OK
    assert run(["--strict", "run.yaml"], capsys)[0] == EXIT_FINDINGS
    (work / "pyproject.toml").write_text("[tool.mcli-lint]\nstrict = true\n")
    assert run(["run.yaml"], capsys)[0] == EXIT_FINDINGS


def test_directories_are_searched_for_yaml(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "runs" / "nested").mkdir(parents=True)
    (work / "runs" / ".hidden").mkdir()
    (work / "runs" / "a.yaml").write_text(CLEAN)
    (work / "runs" / "nested" / "b.yml").write_text(BAD)
    (work / "runs" / "nested" / "notes.txt").write_text(BAD)
    (work / "runs" / ".hidden" / "c.yaml").write_text(BAD)
    code, out, _ = run(["--format", "json", "runs"], capsys)
    report = json.loads(out)
    assert code == EXIT_FINDINGS
    assert report["summary"] == {"files": 2, "errors": 1, "warnings": 0, "skipped": 0}
    assert [d["path"] for d in report["diagnostics"]] == [os.path.join("runs", "nested", "b.yml")]


def test_json_report_shape(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text(BAD)
    code, out, _ = run(["--format", "json", "a.yaml"], capsys)
    assert code == EXIT_FINDINGS
    assert json.loads(out) == {
        "version": 1,
        "diagnostics": [
            {
                "path": "a.yaml",
                "code": "MCL103",
                "name": "wrong-type",
                "severity": "error",
                "message": "`compute.gpus` must be an integer, not a string ('8')",
                "help": "remove the quotes: 8",
                "pointer": "/compute/gpus",
                "start": {"line": 5, "column": 9},
                "end": {"line": 5, "column": 12},
                "fix": {
                    "applicability": "unsafe",
                    "message": "Write 8",
                    "edits": [{"start": {"line": 5, "column": 9}, "end": {"line": 5, "column": 12}, "content": "8"}],
                },
            }
        ],
        "skipped": [],
        "summary": {"files": 1, "errors": 1, "warnings": 0, "skipped": 0},
    }


def test_stdin_with_a_display_name(work: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mcli_lint", "--stdin-filename", "runs/x.yaml", "-"],
        input=BAD.encode(),
        capture_output=True,
        cwd=work,
        timeout=60,
    )
    assert done.returncode == EXIT_FINDINGS
    assert done.stdout.decode().splitlines()[0].startswith("runs/x.yaml:5:9: MCL103 ")


def test_unreadable_and_unparseable_files_fail(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "broken.yaml").write_text("image: i\ncommand: [1\n")
    code, out, _ = run(["missing.yaml", "broken.yaml"], capsys)
    assert code == EXIT_FINDINGS
    assert out.splitlines()[:2] == [
        "missing.yaml:1:1: MCL005 no such file",
        "broken.yaml:3:1: MCL001 a `[` list is not closed, or its items are not separated by commas",
    ]


@pytest.mark.parametrize(
    "args",
    [["--format", "xml", "a.yaml"], ["--select", "MCL999", "a.yaml"], ["--ignore", "nonsense", "a.yaml"]],
)
def test_usage_errors_exit_2(work: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    (work / "a.yaml").write_text(CLEAN)
    code, _, err = run(args, capsys)
    assert code == EXIT_USAGE
    assert err.strip()
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[tool.mcli-lint]\nselect = 'MCL1'\n", "select must be a list of strings"),
        ("[tool.mcli-lint]\nignore = ['MCL9']\n", "unknown rule 'MCL9'"),
        ("[tool.mcli-lint]\nmax-depth = 0\n", "max-depth must be a positive integer"),
        ("[tool.mcli-lint]\nbogus = 1\n", "unknown setting 'bogus'"),
        ("[tool.mcli-lint\n", "Expected ']'"),
    ],
)
def test_configuration_errors_exit_2(work: Path, capsys: pytest.CaptureFixture[str], config: str, message: str) -> None:
    (work / "pyproject.toml").write_text(config)
    (work / "a.yaml").write_text(CLEAN)
    code, out, err = run(["a.yaml"], capsys)
    assert (code, out) == (EXIT_USAGE, "")
    assert err.startswith("mcli-lint: ") and message in err


def test_select_ignore_and_per_file_ignores(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "name: My_Run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: '8'\n"
    (work / "a.yaml").write_text(text)
    (work / "legacy").mkdir()
    (work / "legacy" / "b.yaml").write_text(text)

    def found(args: list[str]) -> list[tuple[str, str]]:
        _, out, _ = run(["--format", "json", *args], capsys)
        return [(d["path"], d["code"]) for d in json.loads(out)["diagnostics"]]

    assert found(["a.yaml"]) == [("a.yaml", "MCL201"), ("a.yaml", "MCL103")]
    assert found(["--select", "MCL1", "a.yaml"]) == [("a.yaml", "MCL103")]
    assert found(["--ignore", "wrong-type", "a.yaml"]) == [("a.yaml", "MCL201")]
    (work / "pyproject.toml").write_text(
        '[tool.mcli-lint]\nignore = ["MCL201"]\n[tool.mcli-lint.per-file-ignores]\n"legacy/*" = ["MCL103"]\n'
    )
    assert found(["a.yaml", "legacy/b.yaml"]) == [("a.yaml", "MCL103")]


def test_inline_suppression(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text(
        "name: ok\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: 8\n"
        "env_variables:\n"
        "  RUN_NAME: x  # mcli-lint: disable=MCL205\n"
        "  # mcli-lint: disable=reserved-env\n"
        "  NODE_RANK: '0'\n"
        "  WORLD_SIZE: '1'  # mcli-lint: disable=MCL204\n"
    )
    _, out, _ = run(["--format", "json", "a.yaml"], capsys)
    # The wrong code silences nothing, and is reported as an unused suppression.
    assert [(d["code"], d["start"]["line"]) for d in json.loads(out)["diagnostics"]] == [("MCL205", 10), ("MCL401", 10)]


def test_limits_from_configuration(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "pyproject.toml").write_text("[tool.mcli-lint]\nmax-depth = 2\n")
    (work / "a.yaml").write_text(CLEAN + "parameters:\n  a: {b: 1}\n")
    code, out, _ = run(["a.yaml"], capsys)
    assert code == EXIT_FINDINGS
    assert out.splitlines()[0] == "a.yaml:7:6: MCL006 nesting deeper than 2 levels"


def test_text_report_shows_the_source_with_an_underline(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text("name: ok\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpux: 8\n")
    code, out, _ = run(["--show-source", "--color", "never", "a.yaml"], capsys)
    assert code == EXIT_FINDINGS
    assert out == (
        "a.yaml:5:3: MCL102 unknown field `gpux` in `compute`; did you mean `gpus`?\n"
        "  |\n"
        "5 |   gpux: 8\n"
        "  |   ^~~~\n"
        "  help: rename it to `gpus`\n"
        "\n"
        "Found 1 error and 0 warnings in 1 file.\n"
    )


def test_source_lines_are_escaped_and_wide_characters_aligned(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text(
        "name: ok\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute: {gpus: 8}\n"
        "parameters: {\u65e5\u672c: '\u202e', x: 1}\nbad\u200b: 1\n"
    )
    _, out, _ = run(["--show-source", "--color", "never", "--select", "MCL102", "a.yaml"], capsys)
    assert out.splitlines()[:4] == [
        "a.yaml:6:1: MCL102 unknown field `bad\\u200b` at the top level; mcli drops it",
        "  |",
        "6 | bad\\u200b: 1",
        "  | ^~~~~~~~~",
    ]


def test_github_annotations_are_chosen_under_actions(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    (work / "a,b.yaml").write_text(BAD)
    code, out, _ = run(["a,b.yaml"], capsys)
    assert code == EXIT_FINDINGS
    assert out == (
        "::error file=a%2Cb.yaml,line=5,col=9,endLine=5,endColumn=12,title=MCL103 wrong-type::"
        "`compute.gpus` must be an integer, not a string ('8')%0Ahelp: remove the quotes: 8\n"
    )


def test_sarif_report_structure(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text(BAD)
    code, out, _ = run(["--format", "sarif", "a.yaml"], capsys)
    log = json.loads(out)
    assert code == EXIT_FINDINGS
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "MCL103"
    assert driver["rules"][result["ruleIndex"]]["id"] == "MCL103"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "a.yaml"},
        "region": {"startLine": 5, "startColumn": 9, "endLine": 5, "endColumn": 12},
    }


def test_rules_and_rule_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules"], capsys)
    assert code == EXIT_OK
    assert [line.split()[0] for line in out.splitlines()] == [r.code for r in RULES]
    code, out, _ = run(["rule", "wrong-type"], capsys)
    assert code == EXIT_OK
    assert out.startswith("# MCL103 wrong-type (error)\n\nA value of the wrong type.\n")
    assert run(["rule", "MCL999"], capsys)[0] == EXIT_USAGE


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    assert code == EXIT_OK
    assert out == (ROOT / "schema" / "run.schema.json").read_text()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from mcli_lint import __version__

    assert run(["--version"], capsys) == (EXIT_OK, f"mcli-lint {__version__}\n", "")


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (RuntimeError("boom"), "RuntimeError: boom"),
        (KeyError("two\nlines"), "KeyError: 'two\\nlines'"),
        (RecursionError(), "RecursionError: "),
    ],
)
def test_internal_errors_are_one_line_exit_3_with_a_report_hint(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, error: Exception, said: str
) -> None:
    import mcli_lint.commands.check
    from mcli_lint import __version__

    def explode(*_: object, **__: object) -> None:
        raise error

    monkeypatch.setattr(mcli_lint.commands.check, "check_paths", explode)
    (work / "a.yaml").write_text(CLEAN)
    assert run(["a.yaml"], capsys) == (
        EXIT_INTERNAL,
        "",
        f"mcli-lint: internal error: {said} (a bug in mcli-lint {__version__}: please report it as an issue,"
        " with the command and the file that caused it)\n",
    )


def test_console_script_is_installed(work: Path) -> None:
    script = Path(sys.executable).parent / "mcli-lint"
    assert script.exists()
    (work / "a.yaml").write_text(BAD)
    done = subprocess.run([str(script), "a.yaml"], capture_output=True, text=True, cwd=work, timeout=60)
    assert done.returncode == EXIT_FINDINGS
    assert done.stdout.startswith("a.yaml:5:9: MCL103 ")


def test_user_text_cannot_forge_annotations_or_terminal_escapes(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (work / "a.yaml").write_text(
        "name: ok\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute: {gpus: 8}\n"
        '"x\\n::error file=evil.py,line=1::owned\\e[31m": 1\n'
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = run(["--select", "MCL102", "a.yaml"], capsys)
    assert out.count("\n") == 1
    assert out.startswith("::error file=a.yaml,line=5,col=1,")
    assert "\x1b" not in out
    assert "unknown field `x\\n::error file=evil.py,line=1::owned\\x1b[31m`" in out


def test_a_configuration_that_is_not_a_file_is_refused_without_blocking(work: Path) -> None:
    os.mkfifo(work / "conf.toml")
    (work / "a.yaml").write_text(CLEAN)
    done = subprocess.run(
        [sys.executable, "-m", "mcli_lint", "--config", "conf.toml", "a.yaml"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (2, "", "mcli-lint: conf.toml: not a regular file\n")
