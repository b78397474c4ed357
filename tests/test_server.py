"""`mcli-lint server` driven over stdio as an editor drives it: one server for the module, many documents."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mcli_lint.format import format_text
from mcli_lint.schema import run_schema
from tests.cli_helpers import run
from tests.lsp_client import Client, apply_edits, uri_of
from tests.test_loader import HOSTILE

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

PYPROJECT = """\
[tool.mcli-lint]
clusters = "clusters.json"
ignore = ["MCL107"]

[tool.mcli-lint.per-file-ignores]
"legacy/*.yaml" = ["MCL106"]
"""

TYPOS = """\
name: hello
image: mosaicml/pytorch:latest
command: echo hi
clustr: r1z1
compute:
  gpus: 8
  gpu_type: a100_80gb
scheduling:
  priority: "Low"
integrations:
  - integration_type: "gitrepo"
    git_repo: a/b
env_variables:
  LR: 1e-4
  DEBUG: yes
"""

FILES = {
    "typos.yaml": TYPOS,
    "suppressed.yaml": TYPOS.replace('"Low"', '"Low"  # mcli-lint: disable=MCL210'),
    "legacy/old.yaml": "name: old\nimage: ubuntu\ncommand: ls\ngpu_num: 8\ncluster: r1z1\n",
    "old.yaml": "name: old\nimage: ubuntu\ncommand: ls\ngpu_num: 8\ncluster: r1z1\n",
    "crlf.yaml": TYPOS.replace("\n", "\r\n"),
    "unicode.yaml": 'name: ok\nimage: ubuntu\ncommand: "echo 🎉"\ncompute: {gpu_type: "🎉", gpus: "8"}\n',
    "syntax.yaml": "name: x\nimage: [unclosed\ncommand: ls\n",
    "wrong-cluster.yaml": "name: x\nimage: ubuntu\ncommand: ls\ncompute:\n  cluster: r1zz\n  gpus: 8\n",
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    (root / "pyproject.toml").write_text(PYPROJECT)
    shutil.copy(EXAMPLES / "clusters.json", root / "clusters.json")
    for name, text in FILES.items():
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_bytes(text.encode("utf-8"))
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, root / example.name)
    return root


@pytest.fixture(scope="module")
def client(workspace: Path) -> Iterator[Client]:
    started = Client(cwd=workspace, env={"MCLI_LINT_CLUSTERS": ""})
    try:
        started.initialize(workspace)
        yield started
    finally:
        started.kill()


def check_json(workspace: Path, name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.chdir(workspace)
    monkeypatch.delenv("MCLI_LINT_CLUSTERS", raising=False)
    _, out, _ = run(["check", "--format", "json", name], capsys)
    return json.loads(out)["diagnostics"]


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected_range(lines: list[str], start: dict[str, int], end: dict[str, int]) -> dict[str, Any]:
    def position(where: dict[str, int]) -> dict[str, int]:
        text = lines[where["line"] - 1] if where["line"] - 1 < len(lines) else ""
        return {"line": where["line"] - 1, "character": utf16(text[: where["column"] - 1])}

    return {"start": position(start), "end": position(end)}


def open_file(client: Client, workspace: Path, name: str, version: int = 1) -> tuple[Path, str, list[dict[str, Any]]]:
    path = workspace / name
    text = path.read_bytes().decode("utf-8")
    return path, text, client.open(path, text, version)


# ------------------------------------------------------------------------------------------ diagnostics


def test_initialize_offers_every_feature(workspace: Path) -> None:
    editor = Client(cwd=workspace)
    try:
        capabilities = editor.initialize(workspace)["capabilities"]
        assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix", "source.fixAll.mcli-lint"]
        assert capabilities["documentFormattingProvider"] is True
        assert capabilities["hoverProvider"] is True
        assert capabilities["completionProvider"]["triggerCharacters"] == ["$"]
        assert capabilities["textDocumentSync"]["change"] == 2  # incremental
        assert capabilities["positionEncoding"] == "utf-16"
        assert editor.close() == 0
    finally:
        editor.kill()


@pytest.mark.parametrize("name", sorted([*FILES, "hello-composer.yaml", "llm-finetune.yaml", "cpu-debug.yaml"]))
def test_diagnostics_are_checks(
    name: str,
    client: Client,
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, text, published = open_file(client, workspace, name)
    expected = check_json(workspace, name, capsys, monkeypatch)
    lines = text.replace("\r\n", "\n").split("\n")
    assert [
        {
            "code": d["code"],
            "message": d["message"],
            "severity": 1 if d["severity"] == "error" else 2,
            "range": expected_range(lines, d["start"], d["end"]),
        }
        for d in expected
    ] == [{key: d[key] for key in ("code", "message", "severity", "range")} for d in published]
    for diagnostic, reported in zip(published, expected, strict=True):
        assert diagnostic["source"] == "mcli-lint"
        anchor = f"{reported['code'].lower()}-{reported['name']}"
        assert diagnostic["codeDescription"]["href"].endswith(f"/docs/rules.md#{anchor}")
        assert diagnostic["data"] == {
            "name": reported["name"],
            "help": reported["help"],
            "pointer": reported["pointer"],
        }


def test_the_comparison_covers_what_it_should(client: Client, workspace: Path) -> None:
    """Suppressions, per-file ignores, the clusters file and UTF-16 columns each show in the files above."""
    codes = {name: [d["code"] for d in open_file(client, workspace, name)[2]] for name in FILES}
    assert "MCL210" in codes["typos.yaml"] and "MCL210" not in codes["suppressed.yaml"]
    assert codes["old.yaml"] == ["MCL106", "MCL106"]
    assert codes["legacy/old.yaml"] == []  # MCL106 ignored for legacy/
    assert codes["wrong-cluster.yaml"] == ["MCL301"]
    assert codes["syntax.yaml"] == ["MCL001"]
    (wrong_type,) = open_file(client, workspace, "unicode.yaml")[2]
    # `compute: {gpu_type: "🎉", gpus: "8"}`: `"8"` starts at code point 31 but UTF-16 unit 32 (🎉 takes two).
    assert wrong_type["range"] == {"start": {"line": 3, "character": 32}, "end": {"line": 3, "character": 35}}


def test_every_change_is_linted_again(client: Client, workspace: Path) -> None:
    path, text, first = open_file(client, workspace, "typos.yaml", version=1)
    assert "MCL102" in [d["code"] for d in first]
    fixed = text.replace("clustr: r1z1\n", "")
    assert "MCL102" not in [d["code"] for d in client.change(path, fixed, 2)]
    assert "MCL102" in [d["code"] for d in client.change(path, text, 3)]


def test_incremental_changes_are_applied(client: Client, workspace: Path) -> None:
    path, _, _ = open_file(client, workspace, "cpu-debug.yaml")
    uri = uri_of(path)
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [
                {
                    "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                    "text": "clustr: x\n",
                }
            ],
        },
    )
    published = client.diagnostics(uri, 2)
    assert [(d["code"], d["range"]["start"]) for d in published] == [("MCL102", {"line": 0, "character": 0})]


def test_closing_clears_the_diagnostics(client: Client, workspace: Path) -> None:
    path, _, _ = open_file(client, workspace, "typos.yaml")
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri_of(path)}})
    assert client.diagnostics(uri_of(path)) == []


# ---------------------------------------------------------------------------------------- code actions


def actions(client: Client, path: Path, diagnostics: list[dict[str, Any]], only: list[str] | None = None) -> Any:
    context: dict[str, Any] = {"diagnostics": diagnostics}
    if only is not None:
        context["only"] = only
    where = (
        diagnostics[0]["range"]
        if diagnostics
        else {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    )
    return client.request(
        "textDocument/codeAction", {"textDocument": {"uri": uri_of(path)}, "range": where, "context": context}
    )


def applied(text: str, action: dict[str, Any], path: Path) -> str:
    return apply_edits(text, action["edit"]["changes"][uri_of(path)])


def one(diagnostics: list[dict[str, Any]], code: str) -> dict[str, Any]:
    (found,) = [d for d in diagnostics if d["code"] == code]
    return found


def test_a_fix_check_fix_makes_is_a_quick_fix(client: Client, workspace: Path) -> None:
    path = workspace / "coerced.yaml"
    text = "name: coerced\nimage: ubuntu\ncommand: ls\ncompute:\n  gpus: 0\nenv_variables:\n  DEBUG: yes\n"
    coerced = one(client.open(path, text), "MCL108")
    offered = actions(client, path, [coerced])
    # Unsafe (mcli would send "yes", not true): offered, said so, never preferred, not in fix-all.
    assert [a["title"] for a in offered] == ['Fix MCL108: Quote it: "yes" (unsafe)', "Disable MCL108 for this line"]
    fix = offered[0]
    assert fix["kind"] == "quickfix" and "isPreferred" not in fix
    assert fix["diagnostics"] == [coerced]
    assert applied(text, fix, path) == text.replace("DEBUG: yes", 'DEBUG: "yes"')


def test_a_safe_fix_is_preferred(client: Client, workspace: Path) -> None:
    path = workspace / "env-list.yaml"
    text = "name: old\nimage: ubuntu\ncommand: ls\ncompute:\n  gpus: 0\nenv_variables:\n  - key: A\n    value: b\n"
    deprecated = one(client.open(path, text), "MCL106")
    fix, *_ = actions(client, path, [deprecated])
    assert (fix["title"], fix["isPreferred"]) == ("Fix MCL106: Write the mapping mcli makes of the list", True)
    assert applied(text, fix, path) == text.replace("  - key: A\n    value: b\n", "  A: b\n")


def test_fix_all_applies_every_safe_fix(client: Client, workspace: Path) -> None:
    path = workspace / "deprecated.yaml"
    text = (
        "name: old\nimage: ubuntu\ncommand: ls  # mcli-lint: disable=MCL205\ngpu_num: 8\n"
        "env_variables:\n  - key: A\n    value: on\n"
    )
    client.open(path, text)
    (fix_all,) = actions(client, path, [], only=["source.fixAll"])
    assert fix_all["kind"] == "source.fixAll.mcli-lint"
    assert fix_all["title"] == "Fix all safely fixable mcli-lint problems"
    fixed = applied(text, fix_all, path)
    # The unused directive goes and the list becomes a mapping; the move and the quotes are unsafe.
    assert fixed == "name: old\nimage: ubuntu\ncommand: ls\ngpu_num: 8\nenv_variables:\n  A: on\n"
    assert [d["code"] for d in client.change(path, fixed, 2)] == [
        "MCL303",
        "MCL106",
        "MCL108",
    ]  # MCL303: 8 GPUs fit several clusters


def test_did_you_mean_is_a_fix(client: Client, workspace: Path) -> None:
    path = workspace / "typo-key.yaml"
    text = "name: x\nimage: ubuntu\ncommand: ls\ncompute:\n  gpus: 8\n  clustr: r1z1\nscheduling:\n  priority: 'Low'\n"
    published = client.open(path, text)
    (rename,) = [a for a in actions(client, path, [one(published, "MCL102")]) if a["title"].startswith("Fix")]
    assert rename["title"] == "Fix MCL102: Rename it to `cluster` (unsafe)"  # the rule's own fix
    assert applied(text, rename, path) == text.replace("clustr", "cluster")
    (level,) = [a for a in actions(client, path, [one(published, "MCL210")]) if a["title"].startswith("Fix")]
    assert level["title"] == "Fix MCL210: Write `low` (unsafe)"
    assert applied(text, level, path) == text.replace("'Low'", "'low'")  # the quotes as written


def test_no_did_you_mean_fix_that_would_break_the_file(client: Client, workspace: Path) -> None:
    path = workspace / "typo-duplicate.yaml"
    text = "name: x\nimage: ubuntu\ncommand: ls\ncompute:\n  gpus: 8\n  gpu: 8\n"
    published = client.open(path, text)
    titles = [a["title"] for a in actions(client, path, [one(published, "MCL102")])]
    assert titles == ["Disable MCL102 for this line"]  # `gpus` twice would be a duplicate key


def test_disable_writes_the_suppression_comment(client: Client, workspace: Path) -> None:
    path = workspace / "disable.yaml"
    text = "name: x\nimage: ubuntu\ncommand: ls\ncompute:\n  gpus: 0\nscheduling:\n  priority: urgent # why\n"
    published = client.open(path, text)
    (disable,) = [a for a in actions(client, path, [one(published, "MCL210")]) if a["title"].startswith("Disable")]
    assert disable["title"] == "Disable MCL210 for this line"
    edited = applied(text, disable, path)
    assert edited == text.replace("# why", "# why  # mcli-lint: disable=MCL210")
    assert client.change(path, edited, 2) == []


def test_disable_inside_a_multi_line_string_goes_on_the_line_above(client: Client, workspace: Path) -> None:
    path = workspace / "disable-quoted.yaml"
    text = 'name: x\nimage: ubuntu\ncommand: "echo \u200bhi\n  there"\ncompute:\n  gpus: 0\n'
    (suspicious,) = client.open(path, text)
    (disable,) = [a for a in actions(client, path, [suspicious]) if a["title"].startswith("Disable")]
    edited = applied(text, disable, path)
    # A comment at the end of the line would become part of the command; a line above is outside it.
    assert edited == text.replace('command: "', f'# mcli-lint: disable={suspicious["code"]}\ncommand: "')
    assert client.change(path, edited, 2) == []


def test_disable_after_a_block_scalar_indicator(client: Client, workspace: Path) -> None:
    path = workspace / "disable-block.yaml"
    text = "name: x\nimage: ubuntu\ncommand: |\n  echo \u200bhi\ncompute:\n  gpus: 0\n"
    (suspicious,) = client.open(path, text)
    (disable,) = [a for a in actions(client, path, [suspicious]) if a["title"].startswith("Disable")]
    edited = applied(text, disable, path)
    assert edited == text.replace("command: |", f"command: |  # mcli-lint: disable={suspicious['code']}")
    assert client.change(path, edited, 2) == []


def test_disable_adds_to_an_existing_directive(client: Client, workspace: Path) -> None:
    path = workspace / "disable-more.yaml"
    text = "name: x\nimage: ubuntu\ncommand: ls\nenv_variables:\n  NODE_RANK: yes  # mcli-lint: disable=MCL205\n"
    published = client.open(path, text)
    (disable,) = [a for a in actions(client, path, [one(published, "MCL108")]) if a["title"].startswith("Disable")]
    assert applied(text, disable, path) == text.replace("MCL205\n", "MCL205,MCL108\n")


# ------------------------------------------------------------------------------------------ formatting


def test_formatting_is_fmts(client: Client, workspace: Path) -> None:
    path = workspace / "unformatted.yaml"
    text = "command:   ls\nname: x   # the name\nimage:    ubuntu\ncompute: {gpus: 0}\n"
    client.open(path, text)
    edits = client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": uri_of(path)}, "options": {"tabSize": 2, "insertSpaces": True}},
    )
    formatted = format_text(text).formatted
    assert formatted is not None and formatted != text
    assert apply_edits(text, edits) == formatted


def range_format(client: Client, path: Path, first: int, last: int) -> list[dict[str, object]]:
    where = {"start": {"line": first, "character": 0}, "end": {"line": last + 1, "character": 0}}
    edits: list[dict[str, object]] = client.request(
        "textDocument/rangeFormatting",
        {"textDocument": {"uri": uri_of(path)}, "range": where, "options": {"tabSize": 2, "insertSpaces": True}},
    )
    return edits


def test_range_formatting_changes_only_the_lines_asked_for(client: Client, workspace: Path) -> None:
    path = workspace / "range.yaml"
    text = "name:   x\nimage:    ubuntu   # base\ncommand:   ls\ncompute:\n  gpus:   0\n"
    client.open(path, text)
    edits = range_format(client, path, 1, 2)
    assert apply_edits(text, edits) == "name:   x\nimage: ubuntu  # base\ncommand: ls\ncompute:\n  gpus:   0\n"
    assert apply_edits(text, range_format(client, path, 0, 4)) == format_text(text).formatted


def test_range_formatting_takes_the_whole_file_when_a_part_alone_would_change_the_data(
    client: Client, workspace: Path
) -> None:
    # Re-indenting only the first line of a block would move the second out of it: fmt's whole
    # layout is given instead.
    path = workspace / "indent.yaml"
    text = "name: x\nimage: i\ncommand: ls\ncompute:\n    gpus: 0\n    cluster: c\n"
    client.open(path, text)
    assert apply_edits(text, range_format(client, path, 4, 4)) == format_text(text).formatted


def test_formatting_a_broken_file_changes_nothing(client: Client, workspace: Path) -> None:
    path, _, _ = open_file(client, workspace, "syntax.yaml")
    edits = client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": uri_of(path)}, "options": {"tabSize": 2, "insertSpaces": True}},
    )
    assert edits == []
    shown = client.wait_for("window/showMessage")["params"]
    assert shown["message"] == "mcli-lint: not formatted: the file has problems (see its diagnostics)"


# ---------------------------------------------------------------------------------------------- hover


def hover_text(client: Client, path: Path, line: int, character: int) -> str | None:
    found = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri_of(path)}, "position": {"line": line, "character": character}},
    )
    return None if found is None else str(found["contents"]["value"])


def test_hover_on_a_key_is_the_schemas_documentation(client: Client, workspace: Path) -> None:
    path, _, _ = open_file(client, workspace, "wrong-cluster.yaml")
    shown = hover_text(client, path, 5, 3)  # `gpus`
    spec = run_schema()["definitions"]["compute"]["properties"]["gpus"]
    assert shown is not None and shown.startswith(f"**{spec['title']}**\n\n{spec['markdownDescription']}")


def test_hover_on_an_integration_key_uses_its_types_schema(client: Client, workspace: Path) -> None:
    path, _, _ = open_file(client, workspace, "hello-composer.yaml")
    lines = (workspace / "hello-composer.yaml").read_text().split("\n")
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("git_branch:"))
    shown = hover_text(client, path, number, lines[number].index("git_branch") + 1)
    spec = run_schema()["definitions"]["integration_git_repo"]["properties"]["git_branch"]
    assert shown is not None and spec["markdownDescription"] in shown


def test_hover_on_a_problem_gives_the_rule_and_the_fix(client: Client, workspace: Path) -> None:
    path, _, _ = open_file(client, workspace, "wrong-cluster.yaml")
    shown = hover_text(client, path, 4, 12)  # `r1zz`
    assert shown is not None
    assert "**MCL301** [unknown-cluster](" in shown
    assert "`compute.cluster` is 'r1zz', which is not a known cluster" in shown
    assert "Fix: did you mean 'r1z1'? known clusters: r1z1, r7z2, r9z1" in shown


def test_hover_on_a_fixable_problem_says_how_it_is_fixed(client: Client, workspace: Path) -> None:
    path = workspace / "hover-fix.yaml"
    text = "name: x\nimage: ubuntu\ncommand: ls\ncompute:\n  gpus: 0\nenv_variables:\n  DEBUG: yes\n"
    client.open(path, text)
    shown = hover_text(client, path, 6, 10)  # `yes`
    assert shown is not None
    assert (
        "`mcli-lint check --fix --unsafe-fixes` (and the quick fix here) can fix this (unsafe: it changes what mcli"
        ' sends): Quote it: "yes".'
    ) in shown


def test_hover_on_a_cluster_or_node_says_what_the_clusters_file_says(client: Client, workspace: Path) -> None:
    path = workspace / "compute.yaml"
    text = (
        "name: x\nimage: ubuntu\ncommand: ls\n"
        "compute:\n  cluster: r1z1\n  gpu_type: h100_80gb\n  node_names:\n    - r1z1-cpu-2\n"
    )
    client.open(path, text)
    cluster = hover_text(client, path, 4, 12)
    assert cluster is not None and cluster.startswith("**Cluster `r1z1`** (MosaicML): whole nodes only, multi-node")
    assert "- `a100-8x`: 8 x a100_80gb per node, 4 nodes (128 CPUs, 1.5Ti memory, 7Ti storage)" in cluster
    gpu = hover_text(client, path, 5, 14)
    assert gpu is not None and "- in `r7z2`: `h100-8x`: 8 x h100_80gb per node, 4 nodes" in gpu
    node = hover_text(client, path, 7, 8)
    assert node is not None and node.endswith("- `r1z1` / instance `cpu`: not alive, schedulable")


def test_hover_on_an_enum_value_says_what_it_means(client: Client, workspace: Path) -> None:
    path, _, _ = open_file(client, workspace, "hello-composer.yaml")
    lines = (workspace / "hello-composer.yaml").read_text().split("\n")
    number = next(i for i, line in enumerate(lines) if "integration_type: git_repo" in line)
    shown = hover_text(client, path, number, lines[number].index("git_repo") + 2)
    assert shown == "`git_repo`: Clone a git repository into the run's working directory, optionally pip-installing it."


def test_hover_on_nothing_is_nothing(client: Client, workspace: Path) -> None:
    path = workspace / "blank.yaml"
    client.open(path, "name: x\n\n")
    assert hover_text(client, path, 1, 0) is None


# ------------------------------------------------------------------------------------------ completion


def completions(
    client: Client, path: Path, text: str, line: int, character: int, version: int = 1
) -> list[dict[str, Any]]:
    client.open(path, text, version)
    found = client.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri_of(path)}, "position": {"line": line, "character": character}},
    )
    items: list[dict[str, Any]] = found["items"]
    return items


def labels(items: list[dict[str, Any]]) -> list[str]:
    return [item["label"] for item in items]


def test_completion_offers_only_the_keys_not_yet_there(client: Client, workspace: Path) -> None:
    text = "name: x\ncompute:\n  gpus: 8\n  \n  cluster: r1z1\n"
    items = completions(client, workspace / "keys.yaml", text, 3, 2)
    assert labels(items) == ["instance", "gpu_type", "cpus", "nodes", "node_names"]
    assert items[0]["textEdit"] == {
        "range": {"start": {"line": 3, "character": 2}, "end": {"line": 3, "character": 2}},
        "newText": "instance: ",
    }


def test_completion_at_the_top_marks_deprecated_fields(client: Client, workspace: Path) -> None:
    items = completions(client, workspace / "top.yaml", "name: x\nima\n", 1, 3)
    by_label = {item["label"]: item for item in items}
    assert "name" not in by_label and "image" in by_label
    assert by_label["gpu_num"]["tags"] == [1] and "tags" not in by_label["image"]
    assert by_label["image"]["textEdit"]["range"]["start"] == {"line": 1, "character": 0}
    assert by_label["image"]["textEdit"]["newText"] == "image: "
    assert by_label["compute"]["textEdit"]["newText"] == "compute:\n  "
    assert by_label["integrations"]["textEdit"]["newText"] == "integrations:\n  - "


def test_completion_of_enum_values(client: Client, workspace: Path) -> None:
    text = "integrations:\n  - integration_type: \n"
    items = completions(client, workspace / "enum.yaml", text, 1, 22)
    assert labels(items) == ["git_repo", "pip_packages", "apt_packages", "wandb", "comet_ml", "mlflow"]
    assert (
        items[0]["detail"] == "Clone a git repository into the run's working directory, optionally pip-installing it."
    )
    priority = completions(client, workspace / "priority.yaml", "scheduling:\n  priority: l\n", 1, 13)
    assert labels(priority) == ["auto", "low", "lowest"]


def test_completion_of_compute_from_the_clusters_file(client: Client, workspace: Path) -> None:
    assert labels(completions(client, workspace / "c1.yaml", "compute:\n  gpu_type: \n", 1, 12)) == [
        "a100_80gb",
        "none",
        "h100_80gb",
        "a10",
    ]
    narrowed = "compute:\n  cluster: r7z2\n  gpu_type: \n"
    assert labels(completions(client, workspace / "c2.yaml", narrowed, 2, 12)) == ["h100_80gb"]
    assert labels(completions(client, workspace / "c3.yaml", "compute:\n  cluster: \n", 1, 11)) == [
        "r1z1",
        "r7z2",
        "r9z1",
    ]
    nodes = "compute:\n  cluster: r1z1\n  node_names:\n    - \n"
    items = completions(client, workspace / "c4.yaml", nodes, 3, 6)
    assert labels(items) == ["r1z1-a100-1", "r1z1-a100-2", "r1z1-a100-3", "r1z1-a100-4", "r1z1-cpu-1", "r1z1-cpu-2"]
    assert items[2]["detail"] == "r1z1 / a100-8x (unavailable)"


def test_integration_snippets_only_where_an_item_starts(client: Client, workspace: Path) -> None:
    text = "name: x\nintegrations:\n  - \n"
    items = completions(client, workspace / "snip.yaml", text, 2, 4)
    assert labels(items)[:6] == [
        "git_repo integration",
        "pip_packages integration",
        "apt_packages integration",
        "wandb integration",
        "comet_ml integration",
        "mlflow integration",
    ]
    assert items[0]["insertTextFormat"] == 2
    assert (
        items[0]["textEdit"]["newText"]
        == "integration_type: git_repo\n    git_repo: ${1:owner/repo}\n    git_branch: ${2:main}"
    )
    inside = "integrations:\n  - integration_type: git_repo\n    \n"
    assert not any(item["kind"] == 15 for item in completions(client, workspace / "snip2.yaml", inside, 2, 4))


def test_new_run_snippet_only_in_an_empty_file(client: Client, workspace: Path) -> None:
    assert labels(completions(client, workspace / "empty.yaml", "# a run\n", 1, 0))[0] == "New run"
    assert "New run" not in labels(completions(client, workspace / "midfile.yaml", "name: x\n\nimage: y\n", 1, 0))


def test_completion_of_the_variables_the_platform_sets(client: Client, workspace: Path) -> None:
    items = completions(client, workspace / "env.yaml", "command: |\n  echo $NO\n", 1, 10)
    assert "$NODE_RANK" in labels(items)
    assert items[0]["textEdit"]["range"] == {"start": {"line": 1, "character": 7}, "end": {"line": 1, "character": 10}}


# ------------------------------------------------------------------------------------ hostile and exit

STRANGE = {
    "lone-surrogate": "name: \ud800\n",
    "nul": "name: a\x00b\n",
    "line-separators": "name: a\u2028b\ncompute:\n  gpus: '8'\n",
    "bom": "\ufeffname: x\nimage: y\ncommand: ls\ncompute: {gpus: '8'}\n",
    "only-cr": "name: x\rimage: y\rcompute:\r  gpus: '8'\r",
    "tabs": "name:\tx\nimage: i\n\tbad: 1\n",
    "over-size": "a: " + "x" * (10 * 1024 * 1024) + "\n",
    "empty": "",
}


@pytest.mark.parametrize("name", [*sorted(HOSTILE), *sorted(STRANGE)])
def test_hostile_documents_never_kill_the_server(name: str, client: Client, workspace: Path) -> None:
    text = HOSTILE[name][0] if name in HOSTILE else STRANGE[name]
    path = workspace / f"hostile-{name}.yaml"
    published = client.open(path, text)
    # An empty document is not (yet) a run: nothing to say. Every other one is, or cannot be read.
    assert bool(published) == (name != "empty"), published
    start = {"line": 0, "character": 0}
    first = published[0]["range"] if published else {"start": start, "end": start}
    for method, extra in (
        ("textDocument/hover", {"position": {"line": 0, "character": 3}}),
        ("textDocument/completion", {"position": {"line": 1, "character": 0}}),
        ("textDocument/formatting", {"options": {"tabSize": 2, "insertSpaces": True}}),
        ("textDocument/codeAction", {"range": first, "context": {"diagnostics": published}}),
    ):
        client.request(method, {"textDocument": {"uri": uri_of(path)}, **extra})
    after = client.change(path, "name: x\nimage: y\ncommand: ls\ncompute: {gpus: 0}\n", 2)
    assert after == [] and client.process.poll() is None


def test_a_broken_configuration_is_shown_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mcli-lint]\nselect = ['NOPE']\n")
    editor = Client(cwd=tmp_path)
    try:
        editor.initialize(tmp_path)
        assert editor.open(tmp_path / "run.yaml", "clustr: 1\n") == []
        shown = editor.wait_for("window/showMessage")["params"]
        assert shown["type"] == 1
        assert shown["message"] == f"mcli-lint: {tmp_path / 'pyproject.toml'}: [tool.mcli-lint]: unknown rule 'NOPE'"
        assert editor.close() == 0
    finally:
        editor.kill()


def test_a_burst_of_changes_is_linted_once_it_settles(client: Client, workspace: Path) -> None:
    path, text, _ = open_file(client, workspace, "typos.yaml")
    uri = uri_of(path)
    burst = b""
    for version in range(2, 22):
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
            }
        ).encode()
        burst += b"Content-Length: %d\r\n\r\n" % len(body) + body
    assert client.process.stdin is not None
    client.process.stdin.write(burst)  # as fast as a typist's editor could never send them
    client.process.stdin.flush()
    versions: list[int] = []
    while not versions or versions[-1] != 21:
        versions.append(client.wait_for("textDocument/publishDiagnostics", uri)["params"]["version"])
    assert versions == sorted(versions) and len(versions) < 20


def test_positions_in_the_encoding_the_client_prefers(workspace: Path) -> None:
    editor = Client(cwd=workspace)
    try:
        capabilities = {"general": {"positionEncodings": ["utf-8", "utf-16"]}}
        assert editor.initialize(workspace, capabilities)["capabilities"]["positionEncoding"] == "utf-8"
        (wrong_type,) = editor.open(workspace / "unicode.yaml", FILES["unicode.yaml"])
        # `"8"` starts after 31 code points, one of them 🎉: 4 bytes in UTF-8.
        assert wrong_type["range"]["start"] == {"line": 3, "character": 34}
        assert editor.close() == 0
    finally:
        editor.kill()


def test_unsaved_documents_are_linted_with_the_working_folders_settings(client: Client) -> None:
    client.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": "untitled:Untitled-1",
                "languageId": "yaml",
                "version": 1,
                "text": "image: i\ncommand: c\nclustr: 1\n",
            }
        },
    )
    codes = [d["code"] for d in client.diagnostics("untitled:Untitled-1")]
    assert codes == ["MCL101", "MCL303", "MCL102"]  # MCL107 ignored, clusters read


def test_a_changed_pyproject_is_read_again(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mcli-lint]\nignore = ['MCL102', 'MCL107']\n")
    editor = Client(cwd=tmp_path)
    try:
        capabilities = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}
        editor.initialize(tmp_path, capabilities)
        run = tmp_path / "run.yaml"
        assert editor.open(run, "name: x\nimage: y\ncommand: ls\nclustr: c\n") == []
        (registration,) = editor.server_requests[0]["params"]["registrations"]
        assert registration["method"] == "workspace/didChangeWatchedFiles"
        globs = [w["globPattern"] for w in registration["registerOptions"]["watchers"]]
        assert globs == ["**/pyproject.toml", "**/*.json", "**/*clusters*.{yaml,yml}"]
        (tmp_path / "pyproject.toml").write_text("[tool.mcli-lint]\nignore = ['MCL107']\n")
        change = {"uri": uri_of(tmp_path / "pyproject.toml"), "type": 2}
        editor.notify("workspace/didChangeWatchedFiles", {"changes": [change]})
        assert [d["code"] for d in editor.diagnostics(uri_of(run))] == ["MCL102"]
        assert editor.close() == 0
    finally:
        editor.kill()
