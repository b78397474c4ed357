"""`mcli-lint fmt` from the command line: exit codes, messages, stdin, input problems, YAML 1.1 fidelity,
CRLF and BOM, refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mcli_lint.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from mcli_lint.format import format_text
from mcli_lint.format.verify import canonical, check
from mcli_lint.loader import Limits
from tests.cli_helpers import run

ROOT = Path(__file__).resolve().parent.parent
MESSY = "image: bash\nname:   messy   \ncommand: echo hi\ncompute:\n    gpus: 8 # eight\n"
TIDY = "image: bash\nname: messy\ncommand: echo hi\ncompute:\n  gpus: 8  # eight\n"


# ------------------------------------------------------------------------------------- modes and exit codes


def test_rewrites_in_place(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(MESSY)
    assert run(["fmt", "run.yaml"], capsys) == (
        EXIT_OK,
        "",
        "reformatted run.yaml\n1 file reformatted, 0 files left unchanged.\n",
    )
    assert (work / "run.yaml").read_text() == TIDY


def test_formatted_files_are_not_touched(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_file = work / "run.yaml"
    run_file.write_text(TIDY)
    os.utime(run_file, ns=(1_000_000_000, 1_000_000_000))
    inode = run_file.stat().st_ino
    assert run(["fmt", "run.yaml"], capsys) == (EXIT_OK, "", "0 files reformatted, 1 file left unchanged.\n")
    assert (run_file.stat().st_mtime_ns, run_file.stat().st_ino) == (1_000_000_000, inode)


def test_check_writes_nothing_and_fails_when_a_file_would_change(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "a.yaml").write_text(MESSY)
    (work / "b.yaml").write_text(TIDY)
    assert run(["fmt", "--check", "a.yaml", "b.yaml"], capsys) == (
        EXIT_FINDINGS,
        "",
        "would reformat a.yaml\n1 file would be reformatted, 1 file already formatted.\n",
    )
    assert (work / "a.yaml").read_text() == MESSY
    assert run(["fmt", "--check", "b.yaml"], capsys)[0] == EXIT_OK


def test_diff_prints_a_unified_diff_and_writes_nothing(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(MESSY)
    code, out, err = run(["fmt", "--diff", "run.yaml"], capsys)
    assert (code, err) == (
        EXIT_FINDINGS,
        "would reformat run.yaml\n1 file would be reformatted, 0 files already formatted.\n",
    )
    assert out == (
        "--- run.yaml\n"
        "+++ run.yaml\n"
        "@@ -1,5 +1,5 @@\n"
        " image: bash\n"
        "-name:   messy   \n"
        "+name: messy\n"
        " command: echo hi\n"
        " compute:\n"
        "-    gpus: 8 # eight\n"
        "+  gpus: 8  # eight\n"
    )
    assert (work / "run.yaml").read_text() == MESSY
    assert run(["fmt", "--diff", "run.yaml"], capsys)[:2] == (EXIT_FINDINGS, out)
    (work / "run.yaml").write_text(TIDY)
    assert run(["fmt", "--diff", "run.yaml"], capsys)[:2] == (EXIT_OK, "")


def test_diff_marks_a_missing_final_newline(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(TIDY.rstrip("\n"))
    out = run(["fmt", "--diff", "run.yaml"], capsys)[1]
    assert out.endswith("-  gpus: 8  # eight\n\\ No newline at end of file\n+  gpus: 8  # eight\n")


def test_directories_are_searched(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "runs" / ".hidden").mkdir(parents=True)
    (work / "runs" / "a.yaml").write_text(MESSY)
    (work / "runs" / "b.yml").write_text(TIDY)
    (work / "runs" / ".hidden" / "c.yaml").write_text(MESSY)
    code, _, err = run(["fmt", "--check", "runs"], capsys)
    assert (code, err) == (
        EXIT_FINDINGS,
        f"would reformat {os.path.join('runs', 'a.yaml')}\n1 file would be reformatted, 1 file already formatted.\n",
    )


def test_stdin_is_formatted_to_stdout() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mcli_lint", "fmt", "-"], input=MESSY.encode(), capture_output=True, check=False
    )
    assert (done.returncode, done.stdout.decode(), done.stderr.decode()) == (EXIT_OK, TIDY, "")
    done = subprocess.run(
        [sys.executable, "-m", "mcli_lint", "fmt", "--check", "-"],
        input=MESSY.encode(),
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr.decode()) == (EXIT_FINDINGS, b"", "would reformat -\n")


def test_unformattable_stdin_passes_through_unchanged() -> None:
    broken = b"name: [unclosed\n\xff"
    done = subprocess.run(
        [sys.executable, "-m", "mcli_lint", "fmt", "--stdin-filename", "run.yaml", "-"],
        input=broken,
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (EXIT_FINDINGS, broken)
    assert done.stderr.decode() == "run.yaml:2:1: MCL005 not UTF-8 text: byte 0xff cannot be decoded\n"


@pytest.mark.parametrize(
    "args",
    [
        ["fmt", "-", "run.yaml"],
        ["fmt", "--no-such-option", "run.yaml"],
        ["fmt", "--config", "missing.toml", "x"],
    ],
)
def test_usage_errors_exit_2(work: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert run(args, capsys)[0] == EXIT_USAGE


# ------------------------------------------------------------------------------------------ input problems


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"name: ok\nimage: [unclosed\n", "MCL001"),
        (b"name: a\nname: b\nimage: i\ncommand: c\n", "MCL002"),
        ((ROOT / "tests" / "golden" / "mcl006_laughs.yaml").read_bytes(), "MCL006"),
        (b"name: a\x00b\n", "MCL005"),
        (b"name: a\nimage: !Ref x\n", "MCL007"),
        (b"name: a\nimage: i\n---\nname: b\n", "MCL004"),
    ],
)
def test_input_problems_are_reported_as_check_reports_them_and_left_alone(
    work: Path, capsys: pytest.CaptureFixture[str], content: bytes, code: str
) -> None:
    (work / "run.yaml").write_bytes(content)
    fmt_code, out, err = run(["fmt", "run.yaml"], capsys)
    _, report, _ = run(["check", "--no-show-source", "--select", code, "run.yaml"], capsys)
    reported = [line for line in report.splitlines() if line.startswith("run.yaml:")]
    assert (fmt_code, out) == (EXIT_FINDINGS, "")
    assert err.splitlines()[:-1] == reported and reported
    assert err.splitlines()[-1] == "0 files reformatted, 0 files left unchanged, 1 file not formatted."
    assert (work / "run.yaml").read_bytes() == content


def test_a_missing_file_is_a_problem_not_a_usage_error(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["fmt", "nope.yaml"], capsys)[::2] == (
        EXIT_FINDINGS,
        "nope.yaml:1:1: MCL005 no such file\n0 files reformatted, 0 files left unchanged, 1 file not formatted.\n",
    )


def test_a_directive_is_refused_with_a_message(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = "%YAML 1.1\n---\nimage: bash\nname: n\ncommand: c\n"
    (work / "run.yaml").write_text(content)
    assert run(["fmt", "run.yaml"], capsys)[::2] == (
        EXIT_FINDINGS,
        "run.yaml: has a %YAML or %TAG directive, which fmt leaves alone; left unchanged\n"
        "0 files reformatted, 0 files left unchanged, 1 file not formatted.\n",
    )
    assert (work / "run.yaml").read_text() == content


# --------------------------------------------------------------------------------- what mcli reads, kept

# Plain scalars PyYAML (YAML 1.1, so mcli) reads differently from a YAML 1.2 reader such as ruamel's default.
TRAPS = ["yes", "No", "on", "OFF", "y", "n", "010", "0o17", "09", "1:30", "-1:30:00", "190:20:30.15", "1e-4", "1.0e+3"]
TRAPS += ["0x1F", "0b101", "1_000", "+1", ".5", ".inf", "-.Inf", ".NaN", "~", "Null", "2024-01-31", "<<"]
TRAPS += ["2001-12-14t21:59:43.10-05:00", "1.10", "!!str", "0.", "+.5e3"]


def _trap_file(trap: str) -> str:
    # Written out of canonical order and in flow style, so fmt rewrites every line around the trap.
    key = "x" if trap in ("<<", "!!str") else trap
    value = "'<<'" if trap == "<<" else "'!!str'" if trap == "!!str" else trap
    return (
        f"parameters: {{{key}: {value}, list: [{value}, {value}]}}\n"
        f"env_variables: {{TRAP: {value}}}\n"
        f"metadata:\n    nested:\n        - {value}\n"
        "command: echo hi\nimage: bash\nname: traps\n"
    )


@pytest.mark.parametrize("trap", TRAPS)
def test_yaml_1_1_meaning_is_kept(trap: str) -> None:
    text = _trap_file(trap)
    result = format_text(text)
    assert result.formatted is not None, result
    assert canonical(yaml.safe_load(result.formatted)) == canonical(yaml.safe_load(text))
    written = "'<<'" if trap == "<<" else "'!!str'" if trap == "!!str" else trap
    assert result.formatted.count(written) == text.count(written)  # spelled as written, never respelled
    assert "%YAML" not in result.formatted


def test_quoted_traps_stay_quoted() -> None:
    """A quoted `yes` is the text yes to mcli; unquoted, a boolean: fmt never drops the quotes."""
    for trap in TRAPS:
        text = f"name: n\nimage: i\ncommand: c\nparameters:\n  a: '{trap}'\n"
        assert format_text(text).formatted == text


def test_verification_refuses_output_that_reads_differently() -> None:
    limits = Limits()
    before = yaml.safe_load("a: 010\n")
    assert check(before, "a: 010\n", b"a: 010\n", limits) is None
    assert check(before, "a: 010\n", b"a: '010'\n", limits) == "the formatted file would change what mcli reads"
    assert check(before, "a: 010  # c\n", b"a: 010\n", limits) == "the formatted file would not keep every comment"
    assert check(before, "a: 010\n", b"a: [\n", limits) == (
        "the formatted file would not load (MCL001 expected the node content, but found '<stream end>'"
        " (while parsing a flow node))"
    )
    # 1, 1.0 and True are equal to Python; not to fmt.
    assert check({"a": 1}, "", b"a: 1.0\n", limits) == "the formatted file would change what mcli reads"
    assert check({"a": 1}, "", b"a: true\n", limits) == "the formatted file would change what mcli reads"


# -------------------------------------------------------------------------------------- line ends and BOM


def test_crlf_line_endings_are_kept(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_bytes(MESSY.replace("\n", "\r\n").encode())
    assert run(["fmt", "run.yaml"], capsys)[0] == EXIT_OK
    assert (work / "run.yaml").read_bytes() == TIDY.replace("\n", "\r\n").encode()
    assert run(["fmt", "--check", "run.yaml"], capsys)[0] == EXIT_OK


def test_lf_files_stay_lf() -> None:
    result = format_text("image: bash\nname:  n\ncommand: |\n  a\n  b\n")
    assert result.formatted == "image: bash\nname: n\ncommand: |\n  a\n  b\n"


def test_a_utf8_bom_is_kept(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_bytes(b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode())
    assert run(["fmt", "run.yaml"], capsys)[0] == EXIT_OK
    assert (work / "run.yaml").read_bytes() == b"\xef\xbb\xbf" + TIDY.replace("\n", "\r\n").encode()
    assert run(["fmt", "--check", "run.yaml"], capsys)[0] == EXIT_OK


def test_a_file_with_unicode_line_breaks_is_refused_and_left_alone(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # PyYAML breaks lines at U+2028 too; fmt's layout only at line feeds, so it would join these two
    # lines. fmt refuses such files before laying them out, in every mode, and says why.
    content = "name: n\nimage: i\nparameters:\u2028  a: 1\n"
    (work / "run.yaml").write_text(content)
    refused = (
        "run.yaml: contains U+2028, a line break to YAML 1.1 but not to editors,"
        " so comments cannot be kept in place; left unchanged\n"
    )
    assert run(["fmt", "run.yaml"], capsys)[::2] == (
        EXIT_FINDINGS,
        refused + "0 files reformatted, 0 files left unchanged, 1 file not formatted.\n",
    )
    assert (work / "run.yaml").read_text() == content
    assert run(["fmt", "--check", "run.yaml"], capsys)[::2] == (
        EXIT_FINDINGS,
        refused + "0 files would be reformatted, 0 files already formatted, 1 file not formatted.\n",
    )
    assert run(["fmt", "--diff", "run.yaml"], capsys)[0] == EXIT_FINDINGS
    assert (work / "run.yaml").read_text() == content


def test_many_files_are_formatted_across_workers_in_order(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mcli_lint.engine.batch import PARALLEL_THRESHOLD

    runs = work / "runs"
    runs.mkdir()
    count = PARALLEL_THRESHOLD + 12
    for number in range(count):
        (runs / f"run-{number:03d}.yaml").write_text(MESSY if number % 2 else TIDY)
    code, out, err = run(["fmt", "--check", "runs"], capsys)
    would = [f"would reformat runs/run-{number:03d}.yaml\n" for number in range(1, count, 2)]
    assert (code, out, err) == (
        EXIT_FINDINGS,
        "",
        "".join(would) + f"{count // 2} files would be reformatted, {count // 2} files already formatted.\n",
    )
    assert run(["fmt", "runs"], capsys)[0] == EXIT_OK
    assert {path.read_text() for path in runs.iterdir()} == {TIDY}


UNSORTED = "image: bash\nname: n  # the name\ncommand: echo hi\n"
SORTED = "name: n  # the name\nimage: bash\ncommand: echo hi\n"


def test_sort_keys_is_opt_in_from_pyproject_or_the_command_line(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(UNSORTED)
    assert run(["fmt", "--check", "run.yaml"], capsys)[0] == EXIT_OK  # the author's order is kept
    assert run(["fmt", "--check", "--sort-keys", "run.yaml"], capsys)[0] == EXIT_FINDINGS
    (work / "pyproject.toml").write_text("[tool.mcli-lint]\nsort-keys = true\n")
    assert run(["fmt", "--check", "--no-sort-keys", "run.yaml"], capsys)[0] == EXIT_OK
    assert run(["fmt", "run.yaml"], capsys)[0] == EXIT_OK
    assert (work / "run.yaml").read_text() == SORTED
    (work / "pyproject.toml").write_text("[tool.mcli-lint]\nsort-keys = 1\n")
    code, _, err = run(["fmt", "run.yaml"], capsys)
    assert (code, err.endswith("[tool.mcli-lint] sort-keys must be true or false\n")) == (EXIT_USAGE, True)


@pytest.mark.parametrize("sort_keys", [False, True])
def test_blank_lines_inside_a_block_scalar_ending_the_file_without_a_line_break_are_kept(sort_keys: bool) -> None:
    # Before its last line, written without a line break, a blank line is content, not gap.
    text = "name:  n\ncommand: |\n  first\n\n\n  last"
    result = format_text(text, sort_keys=sort_keys)
    assert (result.refusal, result.formatted) == (None, "name: n\ncommand: |\n  first\n\n\n  last")
    assert result.formatted is not None and yaml.safe_load(result.formatted)["command"] == "first\n\n\nlast"
