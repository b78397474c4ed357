"""The server's pure parts: positions in code units, line edits, where the cursor is, the schema's fields."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types

from mcli_lint.compute.clusters import Clusters, load_clusters
from mcli_lint.diagnostics import Position
from mcli_lint.server import outline
from mcli_lint.server.actions import suggestion, wanted
from mcli_lint.server.edits import lines_with_ends, text_edits
from mcli_lint.server.fields import fields_at
from mcli_lint.server.positions import UTF8, UTF16, UTF32, Lines, column_of
from tests.lsp_client import apply_edits
from tests.needs import require


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [(UTF16, 7), (UTF8, 10), (UTF32, 6)],
)
def test_columns_are_counted_in_the_clients_units(encoding: str, expected: int) -> None:
    # In "a: 🎉é x", `x` is code point 7 (1-based): 6 UTF-16 units, 9 UTF-8 bytes and 6 code points precede it.
    lines = Lines("a: \U0001f389\xe9 x\n", encoding)
    assert lines.to_lsp(Position(1, 7)) == types.Position(0, expected)
    assert column_of("a: \U0001f389\xe9 x", expected, encoding) == 6


def test_pyyaml_line_breaks_map_to_the_editors_lines() -> None:
    # PyYAML ends a line at U+2028; LSP does not: PyYAML's line 2 column 1 is the editor's line 0, column 5.
    lines = Lines("a: b\u2028c\nd: e\n", UTF16)
    assert lines.to_lsp(Position(2, 1)) == types.Position(0, 5)
    assert lines.to_lsp(Position(3, 4)) == types.Position(1, 3)


def test_positions_past_the_end_stay_past_it() -> None:
    lines = Lines("ab\n", UTF16)
    assert lines.to_lsp(Position(1, 5)) == types.Position(0, 4)
    assert lines.to_lsp(Position(9, 1)) == types.Position(8, 0)


def test_lines_end_where_lsp_says() -> None:
    assert lines_with_ends("a\r\nb\rc\nd") == ["a\r\n", "b\r", "c\n", "d"]
    assert lines_with_ends("a\u2028b\n") == ["a\u2028b\n"]


@given(
    st.lists(st.sampled_from(["a: 1\n", "b: 2\r\n", "c\n", "\U0001f389: x\n", "", "d"]), max_size=8),
    st.lists(st.sampled_from(["a: 1\n", "b: 3\n", "e\r\n", "\U0001f389\n", "z"]), max_size=8),
)
def test_line_edits_turn_the_old_text_into_the_new(old: list[str], new: list[str]) -> None:
    before, after = "".join(old), "".join(new)
    edits = [
        {
            "range": {
                "start": {"line": e.range.start.line, "character": e.range.start.character},
                "end": {"line": e.range.end.line, "character": e.range.end.character},
            },
            "newText": e.new_text,
        }
        for e in text_edits(before, after, UTF16)
    ]
    assert apply_edits(before, edits) == after


def test_did_you_mean_in_both_spellings() -> None:
    assert suggestion("did you mean `cluster`?") == "cluster"
    assert suggestion("did you mean 'r1z1'? known clusters: r1z1, r7z2") == "r1z1"
    assert suggestion("known fields: a, b") is None
    assert suggestion(None) is None


def test_kinds_asked_for_by_prefix() -> None:
    assert wanted(None, "quickfix")
    assert wanted(["source.fixAll"], "source.fixAll.mcli-lint")
    assert wanted(["source"], "source.fixAll.mcli-lint")
    assert not wanted(["source.fixAll"], "quickfix")
    assert not wanted(["source.fix"], "source.fixAll.mcli-lint")


# Line 11 is a new item: "  - " (its trailing space written as an escape).
RUN = """\
name: x
compute:
  gpus: 8
  clu
integrations:
  - integration_type: git_repo
    git_repo: a/b
    git_
  - integration_type: pip_packages
    packages:
      - numpy
  -\x20
command: |
  echo a: b
env_variables:
  A: b
"""


@pytest.mark.parametrize(
    ("line", "column", "parents", "key", "where", "siblings"),
    [
        (0, 1, (), "name", "key", {"compute", "integrations", "command", "env_variables"}),
        (0, 7, (), "name", "value", {"compute", "integrations", "command", "env_variables"}),
        (3, 5, ("compute",), None, "new", {"gpus"}),
        (7, 8, ("integrations", 0), None, "new", {"integration_type", "git_repo"}),
        (8, 10, ("integrations", 1), "integration_type", "key", {"packages"}),
        (10, 9, ("integrations", 1, "packages", 0), None, "item", set()),
        (11, 4, ("integrations", 2), None, "item", set()),
        (15, 3, ("env_variables",), "A", "key", set()),
        (16, 0, (), None, "new", {"env_variables", "command", "integrations", "compute", "name"}),
    ],
)
def test_where_the_cursor_is(
    line: int, column: int, parents: tuple[object, ...], key: str | None, where: str, siblings: set[str]
) -> None:
    found = outline.at(RUN.split("\n"), line, column)
    assert (found.parents, found.key, found.where, set(found.siblings)) == (parents, key, where, siblings)


def test_inside_a_block_scalar_is_its_value() -> None:
    found = outline.at(RUN.split("\n"), 13, 8)
    assert (found.parents, found.key, found.where, found.block) == ((), "command", "value", True)


def test_a_new_item_is_an_item_start() -> None:
    assert outline.at(RUN.split("\n"), 11, 4).item_start
    assert not outline.at(RUN.split("\n"), 10, 9).item_start


def test_integration_fields_follow_its_type() -> None:
    assert list(fields_at(("integrations", 0), "pip_packages")) == ["integration_type", "packages", "upgrade"]
    assert list(fields_at(("integrations", 0), None)) == ["integration_type"]
    assert fields_at(("parameters",)) == {}


def test_check_never_imports_the_language_server() -> None:
    """pygls and lsprotocol cost a second to import: `check` must not pay for them."""
    import subprocess
    import sys
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "hello-composer.yaml"
    program = (
        "import sys\n"
        "from mcli_lint.cli import main\n"
        f"code = main(['check', {str(example)!r}])\n"
        "assert code == 0, code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs'))\n"
        "print(loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


def test_server_is_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli_helpers import run

    code, out, _ = run(["server", "--help"], capsys)
    assert code == 0
    assert "Run the language server (LSP over stdio)" in out


def test_the_rules_page_diagnostics_link_to_is_current() -> None:
    import subprocess
    import sys
    from pathlib import Path

    from mcli_lint.rules import RULES
    from mcli_lint.server.diagnostics import rule_url

    root = Path(__file__).resolve().parent.parent
    script = root / "scripts" / "rule_docs.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    page = (root / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in RULES:
        # GitHub's anchor for the heading "## MCL102 unknown-field" is "mcl102-unknown-field".
        assert f"\n## {rule.code} {rule.name}\n" in page
        assert rule_url(rule.code, rule.name).endswith(f"docs/rules.md#{rule.code.lower()}-{rule.name}")


def test_the_vscode_extension_starts_the_server() -> None:
    import json
    import subprocess

    folder = Path(__file__).resolve().parent.parent / "editors" / "vscode"
    manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    assert manifest["activationEvents"] == ["onLanguage:yaml"]
    assert (folder / manifest["main"]).is_file()
    assert "vscode-languageclient" in manifest["dependencies"]
    assert manifest["contributes"]["configuration"]["properties"]["mcli-lint.command"]["default"] == [
        "mcli-lint",
        "server",
    ]
    node = require("node", "the VS Code extension is parsed with Node.js")
    subprocess.run([node, "--check", str(folder / manifest["main"])], check=True, timeout=60)


@functools.cache
def example_clusters() -> Clusters:
    return load_clusters(Path(__file__).resolve().parent.parent / "examples" / "clusters.json")


@settings(deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "name: x",
                "compute:",
                "  gpus: 8",
                "  - ",
                "- a",
                "integrations:",
                "  - integration_type: wandb",
                "    project: p",
                "command: |",
                "  echo $NO",
                "\t",
                "",
                "   ",
                "#",
                "k: [a, {b: c}]",
                "\u2028",
                "node_names:",
                "    - n1",
                "'q: ",
                '"',
                "- - - x:",
                ": :",
                "\U0001f389: \U0001f389",
            ]
        ),
        max_size=12,
    ),
    st.integers(min_value=0, max_value=14),
    st.integers(min_value=0, max_value=40),
)
def test_hover_and_completion_never_fail(lines: list[str], line: int, character: int) -> None:
    from mcli_lint.server.completion import complete
    from mcli_lint.server.hover import hover

    clusters = example_clusters()
    column = column_of(lines[line] if line < len(lines) else "", character, UTF16)
    for items in (complete(lines, line, column, UTF16, clusters), complete(lines, line, column, UTF8, None)):
        assert all(item.label for item in items)
    hover(lines, types.Position(line, character), column, [], clusters)


def test_other_yaml_gets_no_diagnostics_runs_do() -> None:
    """The server lints what `check` would lint when walking: run files by their content (or a
    *.mcli.yaml name), and leaves Kubernetes, workflows and training configs alone."""
    from mcli_lint.config import Config
    from mcli_lint.server.analysis import analyze
    from mcli_lint.server.settings import Resolved

    kubernetes = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
    run = "name: x\nimage: mosaicml/pytorch:latest\ncommand: hi\ncompute: {gpu: 8}\n"
    assert analyze(kubernetes, Resolved(Config(), None, "k8s.yaml")).diagnostics == []
    assert [d.code for d in analyze(kubernetes, Resolved(Config(), None, "k8s.mcli.yaml")).diagnostics] != []
    assert [d.code for d in analyze(run, Resolved(Config(), None, "run.yaml")).diagnostics] == ["MCL102"]
