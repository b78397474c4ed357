"""U+0085, U+2028 and U+2029 are line breaks to YAML 1.1 (and so to mcli) but not to editors: they never
shift a diagnostic's line, and a write placed by line never lands elsewhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from mcli_lint.commands import EXIT_FINDINGS, EXIT_OK
from tests.cli_helpers import run

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_a_diagnostic_after_a_unicode_line_break_is_on_its_own_line(
    work: Path, capsys: pytest.CaptureFixture[str], brk: str
) -> None:
    (work / "a.yaml").write_text(
        f'name: ok\ncommand: "a{brk}{brk}b"\nimage: bash\ncompute:\n  gpus: "8"\n', encoding="utf-8"
    )
    code, out, _ = run(["check", "--no-show-source", "--select", "MCL103", "a.yaml"], capsys)
    assert (code, out) == (
        EXIT_FINDINGS,
        "a.yaml:5:9: MCL103 `compute.gpus` must be an integer, not a string ('8')\n"
        "  help: remove the quotes: 8\nFound 1 error and 0 warnings in 1 file.\n",
    )


def test_a_syntax_error_after_a_unicode_line_break_is_placed_by_the_files_lines(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # mcli breaks the block scalar at U+0085: `hi` then starts a plain scalar with no `:` after it.
    (work / "a.yaml").write_text("name: ok\nimage: bash\ncommand: |\n  echo \x85hi\ncompute:\n  gpus: 8\n")
    code, out, _ = run(["check", "--no-show-source", "a.yaml"], capsys)
    assert (code, out) == (
        EXIT_FINDINGS,
        "a.yaml:4:9: MCL001 this line is not `key: value`: the `:` is missing, or the lines of a value are not"
        " indented under its key\n  help: write `key: value` (a space after the colon), or indent the continuation"
        " lines (the parser says: could not find expected ':' (while scanning a simple key))\n"
        "Found 1 error and 0 warnings in 1 file.\n",
    )


def test_infer_writes_after_a_unicode_line_break_where_compute_is(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(EXAMPLES / "clusters.json", work / "clusters.json")
    text = 'name: ok\nimage: bash\ncommand: "echo \u2028\u2028\u2028hi"\ncompute: {cluster: r1z1, gpus: 16}\n'
    (work / "a.yaml").write_text(text)
    code, _, err = run(["infer", "--write", "--clusters", "clusters.json", "a.yaml"], capsys)
    assert (code, err) == (EXIT_OK, "")
    assert (work / "a.yaml").read_text() == text.replace(
        "gpus: 16}", "gpus: 16, instance: a100-8x, gpu_type: a100_80gb, nodes: 2}"
    )
    assert yaml.safe_load(text)["command"] == yaml.safe_load((work / "a.yaml").read_text())["command"]


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_fmt_leaves_a_file_with_a_unicode_line_break_alone(
    work: Path, capsys: pytest.CaptureFixture[str], brk: str
) -> None:
    # Counted as a line by mcli's parser but not by editors: a comment after it could not be kept in place.
    text = f"name: ok\nparameters: {{a: x{brk}y}}  # about parameters\nimage: bash  # about image\n"
    (work / "a.yaml").write_text(text)
    code, out, err = run(["fmt", "a.yaml"], capsys)
    assert (code, out) == (EXIT_FINDINGS, "")
    assert err == (
        f"a.yaml: contains U+{ord(brk):04X}, a line break to YAML 1.1 but not to editors, so comments cannot be"
        " kept in place; left unchanged\n0 files reformatted, 0 files left unchanged, 1 file not formatted.\n"
    )
    assert (work / "a.yaml").read_text() == text
