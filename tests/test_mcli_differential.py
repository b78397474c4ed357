"""`check` against mosaicml-cli 0.8.3's own `mcli run -f` path (tests/mcli_oracle.py).

Every file mcli refuses or crashes on has an error from us; every file it changes on the way
(drops a key, rewrites a value or key, warns) has an error or a warning; every file it submits
as written has no error. Generated files mix what real run files hold: nulls, old field names,
YAML 1.1 spellings, dates, NaN, non-text keys, aliases, and plain good values.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcli_lint.diagnostics import Diagnostic, Severity
from mcli_lint.engine.lint import lint_text
from tests.mcli_oracle import Outcome, submit

# One optional block per top-level key (the key itself, then its lines), so no key repeats.
TOP: dict[str, list[str]] = {
    "cluster": ["cluster:", "cluster: ~", "cluster: r1z1"],
    "gpu_type": ["gpu_type: null", "gpu_type: a100_80gb"],
    "gpu_num": ["gpu_num:", "gpu_num: 8"],
    "cpus": ["cpus: ~"],
    "parent_name": ["parent_name: ''", "parent_name:", "parent_name: base-run"],
    "experiment_tracker": ["experiment_tracker:\n  mlflow:\n    experiment_path: /Users/a@b.c/exp"],
    "unknown": ["optimization_level: 1", "on: 1", "1: one"],
    "suppress": ["_suppress_deprecation_warnings: true"],
    "integrations": [
        "integrations:",
        "integrations:\n  - integration_type: git_repo\n    git_repo: mosaicml/composer",
        "integrations:\n  - type: git_repo\n    git_repo: mosaicml/composer",
        "integrations:\n  - type: pip_packages\n    integration_type: pip_packages\n    packages: [numpy]",
        "integrations:\n  - integration_type: git_repo\n    git_repo: group/sub/repo\n    host: gitlab.example.com",
        "integrations:\n  - integration_type: git_repo\n    git_repo: mosaicml/composer\n    on: 1",
    ],
    "env": [
        "env_variables:",
        'env_variables:\n  A: "x"',
        "env_variables:\n  A: 1",
        "env_variables:\n  A: 010",
        "env_variables:\n  A: yes",
        "env_variables:\n  A: true",
        "env_variables:\n  A: 1:30",
        "env_variables:\n  LR: 1e-4",
        "env_variables:\n  MY-VAR: x",
        "env_variables:\n  - key: A\n    value: b",
    ],
    "parameters": [
        "parameters:",
        "parameters:\n  lr: 1.0e-4\n  layers: [1, 2]",
        "parameters:\n  lr: 1e-4",
        "parameters:\n  lr: .nan",
        "parameters:\n  big: 1.0e+999",
        "parameters:\n  day: 2024-01-05",
        "parameters:\n  at: 2024-01-05 10:00:00",
        "parameters:\n  blob: !!binary aGVsbG8=",
        "parameters:\n  tags: !!set {a: null}",
        "parameters:\n  on: true",
        "parameters:\n  2024-01-05: x",
    ],
    "metadata": [
        "metadata:",
        "metadata:\n  team: nlp",
        "metadata:\n  ticket: ~",
        "metadata:\n  1: a",
        '"metadata":\n  "1": a\n  1: b',
    ],
    "deployment": [
        "dependent_deployment:\n  model_name: m",
        "dependent_deployment:\n  Name: a\n  name: b",
        "dependent_deployment:\n  modelPath: p",
        "dependent_deployment:\n  1: x",
    ],
}
COMPUTE = ["cluster:", "cluster: r1z1", "gpus: 8", "gpus: ~", "gpu_type:", "gpu_type: 3090", "gpu: 8", "1: 2"]
SCHEDULING = [
    "priority: low",
    "priority:",
    "retry_on_system_failure: true",
    "retryOnSystemFailure: false",
    "max_retries: -1",
    "max_duration: 0",
    "max_duration: 1.5",
    "priorty: low",
]
NAMES = ["name: my-run", "name: My_Run", "run_name: my-run"]


@st.composite
def run_files(draw: st.DrawFn) -> str:
    lines = [draw(st.sampled_from(NAMES)), "image: mosaicml/pytorch:latest", "command: echo hi"]
    for blocks in TOP.values():
        block = draw(st.one_of(st.none(), st.sampled_from(blocks)))
        if block is not None:
            lines.append(block)
    for key, pool in (("compute", COMPUTE), ("scheduling", SCHEDULING)):
        chosen = draw(st.lists(st.sampled_from(pool), max_size=3, unique_by=lambda x: x.split(":")[0]))
        if chosen:
            lines.append(f"{key}:\n" + "\n".join("  " + c for c in chosen))
    return "\n".join(lines) + "\n"


PYTHON_WORDS = re.compile(r"\b(None|True|False)\b|list\[|dict\[")

# What the platform refuses and mcli sends unchecked, so the oracle cannot see it: placeholders,
# integration types it does not have.
PLATFORM_REFUSES = frozenset({"MCL213", "MCL105"})


def verdict_is_kept(outcome: Outcome, diagnostics: list[Diagnostic]) -> str | None:
    """Why our diagnostics disagree with mcli's outcome, or None when they agree."""
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if outcome.verdict == "unchanged":
        errors = [d for d in errors if d.code not in PLATFORM_REFUSES]
    if outcome.verdict in ("refused", "crashed") and not errors:
        return f"mcli {outcome.verdict} ({outcome.reasons}) but check gave no error"
    if outcome.verdict == "changed" and not diagnostics:
        return f"mcli changed the run ({outcome.reasons}) but check said nothing"
    if outcome.verdict == "unchanged" and errors:
        return f"mcli submits the file as written but check gave errors: {[(d.code, d.message) for d in errors]}"
    return None


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(run_files())
def test_check_agrees_with_mcli(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("run") / "run.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        outcome = submit(path, patch)
    diagnostics = lint_text(text)
    disagreement = verdict_is_kept(outcome, diagnostics)
    assert disagreement is None, f"{disagreement}\n--- file ---\n{text}"
    # Messages speak YAML: the generated files hold no text spelled like Python's constants.
    python = [d.message for d in diagnostics if PYTHON_WORDS.search(f"{d.message} {d.help}")]
    assert python == [], text


HEAD = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"

# (what the file adds to HEAD, mcli's verdict, our diagnostics as (code, line, column)).
CASES = [
    ("compute:\n  cluster:  # fill in\n  gpus: 8\n", "unchanged", []),
    ("compute:\n  gpu_type: null\n  gpus: ~\n", "unchanged", []),
    ("cluster:\n", "unchanged", []),
    ("integrations:\n", "crashed", [("MCL111", 4, 1)]),
    ("env_variables:\n", "crashed", [("MCL111", 4, 1)]),
    ("compute:\n  cluster: <fill-in-with-cluster-name>\n", "unchanged", [("MCL213", 5, 12)]),
    ("metadata:\n  ticket:\n", "changed", [("MCL112", 5, 10)]),
    ("parent_name: ''\n", "changed", [("MCL112", 4, 14)]),
    ("scheduling:\n  retry_on_system_failure: true\n  retryOnSystemFailure: false\n", "changed", [("MCL112", 5, 3)]),
    ("dependent_deployment:\n  Name: a\n  name: b\n", "changed", [("MCL112", 5, 3), ("MCL112", 6, 3)]),
    ("experiment_tracker:\n  wandb: {project: p, entity: e}\n", "changed", [("MCL102", 4, 1)]),
    ("parameters:\n  day: 2024-01-05\n", "crashed", [("MCL111", 5, 8)]),
    ("metadata:\n  when: 2024-01-05 10:00:00\n", "crashed", [("MCL111", 5, 9)]),
    ("parameters:\n  blob: !!binary aGVsbG8=\n", "crashed", [("MCL111", 5, 9)]),
    ("parameters:\n  tags: !!set {a: null}\n", "crashed", [("MCL111", 5, 9)]),
    ("parameters:\n  lr: .nan\n", "crashed", [("MCL111", 5, 7)]),
    ("metadata:\n  big: -.inf\n", "crashed", [("MCL111", 5, 8)]),
    ('metadata:\n  "1": a\n  1: b\n', "changed", [("MCL111", 6, 3)]),
    ("dependent_deployment:\n  1: x\n", "crashed", [("MCL111", 5, 3)]),
    ("on: 1\n", "crashed", [("MCL102", 4, 1)]),
    ("compute:\n  1: 2\n", "crashed", [("MCL102", 5, 3)]),
    ("integrations:\n  - type: git_repo\n    git_repo: mosaicml/composer\n", "unchanged", []),
    ("_suppress_deprecation_warnings: true\n", "unchanged", []),
    ("env_variables:\n  MY-VAR: x\n  my.var: y\n", "unchanged", [("MCL204", 5, 3), ("MCL204", 6, 3)]),
    ("scheduling:\n  max_duration: 0\n  max_retries: -1\n", "unchanged", [("MCL214", 5, 17), ("MCL214", 6, 16)]),
    (
        "integrations:\n  - integration_type: git_repo\n    git_repo: group/subgroup/repo\n"
        "    host: gitlab.example.com\n",
        "unchanged",
        [],
    ),
    ("env_variables:\n  HF_HUB_ENABLE_HF_TRANSFER: 1\n", "unchanged", [("MCL110", 5, 30)]),
    ("env_variables:\n  LEVEL: 010\n", "changed", [("MCL108", 5, 10)]),
    ("env_variables:\n  DEBUG: yes\n", "changed", [("MCL108", 5, 10)]),
    ("env_variables:\n  TIME: 1:30\n", "changed", [("MCL108", 5, 9)]),
    ("env_variables:\n  STEPS: 1_000\n", "changed", [("MCL108", 5, 10)]),
    ("env_variables:\n  LR: 1e-4\n", "unchanged", [("MCL109", 5, 7)]),
    ("env_variables:\n  - key: A\n    value: b\n", "changed", [("MCL106", 4, 1)]),
    ("integrations:\n  - type: gitrepo\n    git_repo: a/b\n", "unchanged", [("MCL105", 5, 11)]),
    ("dependent_deployment:\n  modelPath: p\n", "changed", [("MCL112", 5, 3)]),
    (
        "integrations:\n  - type: git_repo\n    integration_type: git_repo\n    git_repo: a/b\n",
        "changed",
        [("MCL112", 6, 5)],
    ),
    ("integrations:\n  - integration_type: mlflow\n    experiment_name: exp\n", "unchanged", [("MCL211", 6, 22)]),
]


@pytest.mark.parametrize(("extra", "verdict", "expected"), CASES, ids=[c[0].split("\n")[0] for c in CASES])
def test_each_behaviour_of_mcli_gets_its_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str, verdict: str, expected: list[tuple[str, int, int]]
) -> None:
    path = tmp_path / "run.yaml"
    path.write_text(HEAD + extra, encoding="utf-8")
    outcome = submit(path, monkeypatch)
    diagnostics = lint_text(HEAD + extra)
    assert outcome.verdict == verdict, outcome.reasons
    # HEAD has no compute section: missing-compute's warning (MCL107) is in every case but those with one.
    found = [(d.code, d.span.start.line, d.span.start.column) for d in diagnostics if d.code != "MCL107"]
    assert found == expected
    assert verdict_is_kept(outcome, diagnostics) is None


IMAGE = "image: mosaicml/pytorch:latest\n"
BODY = "command: echo hi\ncompute:\n  gpus: 8\n"
# Whole files, and the one diagnostic each gets (code, line, column, how the message starts).
ONE_MISTAKE = [
    (
        HEAD + "compute:\ncluster: r1z1\ngpus: 8\n",
        ("MCL102", 4, 1, "`compute:` is empty, and `cluster`, `gpus` below it are at the top level: indent them"),
    ),
    (
        HEAD + "compute:\n  gpus: 8\nenv_variables:\nFOO: bar\n",
        ("MCL102", 6, 1, "`env_variables:` is empty, and `FOO` below it is at the top level: indent it under"),
    ),
    (
        "name: run\nimgae: mosaicml/pytorch:latest\n" + BODY,
        ("MCL102", 2, 1, "unknown field `imgae` at the top level; did you mean `image`? `image` is required"),
    ),
    (
        "run_name: old\n" + IMAGE + BODY,
        ("MCL102", 1, 1, "`run_name` is the old name of `name`: mcli 0.8.3 drops it, so the run is submitted"),
    ),
    (
        HEAD + "compute:\n  gpus: 8\non: 1\n",
        ("MCL102", 6, 1, "unknown field `on` at the top level: YAML 1.1 reads this key as true, and mcli 0.8.3"),
    ),
    (HEAD + "compute:\n\tgpus: 8\n", ("MCL001", 5, 1, "tabs cannot indent YAML; use spaces")),
    (HEAD + "compute:\n  gpus: 8\n   nodes: 1\n", ("MCL001", 6, 9, "a `: ` where YAML does not expect one")),
    (
        "name: run\nimage: <INPUT>\n" + BODY,
        ("MCL213", 2, 8, "`image` is a placeholder, `<INPUT>`, that was never filled in"),
    ),
    (
        HEAD
        + BODY.replace("command: echo hi\n", "")
        + "integrations:\n  - integration_type: git_repo\n    git_repo: YOUR_GITHUB_USERNAME/examples\n",
        ("MCL213", 8, 15, "`integrations[0].git_repo` is a placeholder, `YOUR_GITHUB_USERNAME/examples`"),
    ),
    (
        HEAD + "compute:\n  gpus: 8\nenv_variables:\n  - key: A\n    value: b\n",
        ("MCL106", 6, 1, "`env_variables` is a list of {key, value}: mcli 0.8.3 turns it into a mapping"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ONE_MISTAKE, ids=[str(i) for i in range(len(ONE_MISTAKE))])
def test_one_mistake_is_one_diagnostic(text: str, expected: tuple[str, int, int, str]) -> None:
    found = [(d.code, d.span.start.line, d.span.start.column, d.message) for d in lint_text(text)]
    assert len(found) == 1, found
    assert found[0][:3] == expected[:3]
    assert found[0][3].startswith(expected[3]), found[0][3]


def test_null_is_never_quoted() -> None:
    """`"null"` would ask for a cluster named null: the advice for an empty value never says to quote it."""
    text = HEAD + "compute:\n  gpus: 8\nenv_variables:\n  A: null\n  B:\n"
    found = [(d.code, d.span.start.line, d.span.start.column, d.message, d.help) for d in lint_text(text)]
    assert found == [
        ("MCL108", 7, 6, "`env_variables.A` is `null`, which YAML reads as null; it must be a string", "write a value"),
        ("MCL108", 8, 5, "`env_variables.B` is empty (null); it must be a string", "write a value"),
    ]


def test_advice_for_a_string_field_never_leads_to_an_error() -> None:
    """MCL109 on `LR: 1e-4` in env_variables says to quote; following it leaves nothing to report."""
    text = HEAD + "compute:\n  gpus: 8\nenv_variables:\n  LR: 1e-4\n"
    (only,) = lint_text(text)
    assert (only.code, only.span.start.line, only.span.start.column, only.help) == ("MCL109", 7, 7, 'quote it: "1e-4"')
    assert lint_text(text.replace("1e-4", '"1e-4"')) == []


@pytest.mark.parametrize(
    ("value", "placeholder"),
    [
        ("<fill-in-with-cluster-name>", True),
        ("YOUR_CLUSTER_NAME", True),
        ("REPLACE_WITH_YOUR_CLUSTER", True),
        ("<INPUT>", True),
        ("TODO", True),
        ("CHANGEME", True),
        ("r1z1", False),
        ("todo-cluster", False),
        ("a100_80gb", False),
    ],
)
def test_placeholders_in_the_cluster(value: str, placeholder: bool) -> None:
    text = HEAD + f"compute:\n  cluster: {value}\n  gpus: 8\n"
    found = [(d.code, d.span.start.line, d.span.start.column, d.message) for d in lint_text(text)]
    expected = f"`compute.cluster` is a placeholder, `{value}`, that was never filled in"
    assert found == ([("MCL213", 5, 12, expected)] if placeholder else [])
