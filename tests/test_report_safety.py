"""Reporters never send a file's hidden characters raw, and show a long line as a short window."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_FINDINGS
from tests.cli_helpers import run

CLEAN = "name: ok\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: 8\n"


def test_github_annotations_escape_an_esc_in_the_file_name(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run\x1b[31m.yaml").write_text(CLEAN.replace("gpus: 8", "gpus: '8'"))
    code, out, _ = run(["check", "--format", "github", "."], capsys)
    assert code == EXIT_FINDINGS
    assert "\x1b" not in out
    assert out == (
        "::error file=run\\x1b[31m.yaml,line=5,col=9,endLine=5,endColumn=12,title=MCL103 wrong-type"
        "::`compute.gpus` must be an integer, not a string ('8')%0Ahelp: remove the quotes: 8\n"
    )


def test_a_long_line_is_shown_as_a_window_around_the_problem(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text(CLEAN.replace("name: ok", "name: " + "a" * 300 + "B" + "c" * 300))
    code, out, _ = run(["check", "--show-source", "a.yaml"], capsys)
    assert code == EXIT_FINDINGS
    snippet = out.splitlines()[1:4]
    assert snippet == [
        "  |",
        "1 | name: " + "a" * 154 + "\u2026",
        "  |       ^" + "~" * 153,
    ]


def test_a_problem_far_along_a_long_line_is_shown_with_its_context(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = ", ".join(f"k{i}: {i}" for i in range(100))
    (work / "a.yaml").write_text(CLEAN + f"parameters: {{{pairs}, k5: 0}}\n")
    code, out, _ = run(["check", "--show-source", "a.yaml"], capsys)
    assert code == EXIT_FINDINGS
    line = f"parameters: {{{pairs}, k5: 0}}"
    column = line.index("k5: 0}") + 1
    assert (
        out.splitlines()[0]
        == f"a.yaml:6:{column}: MCL002 duplicate key 'k5' (first at line 6); mcli silently keeps the last one"
    )
    first = len(line) - 160
    assert out.splitlines()[2:4] == [
        "6 | \u2026" + line[first:],
        "  | " + " " * (column - first) + "^~",
    ]


def test_show_source_on_a_9_mb_value_is_as_fast_as_without(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text("image: b\ncommand: c\ncompute:\n  gpus: 8\nname: " + "a" * 9_000_000 + "\n")
    began = time.perf_counter()
    code, out, _ = run(["check", "--no-show-source", "a.yaml"], capsys)
    without = time.perf_counter() - began
    began = time.perf_counter()
    code, out, _ = run(["check", "--show-source", "a.yaml"], capsys)
    shown = time.perf_counter() - began
    assert code == EXIT_FINDINGS
    assert max(len(line) for line in out.splitlines()) < 200
    assert shown < 2 * without + 1.0
