"""Each rule's own fix: the exact bytes it writes, its title and safety, and where it declines."""

from __future__ import annotations

import pytest

from mcli_lint.config import Config
from mcli_lint.diagnostics import Applicability, Diagnostic
from mcli_lint.engine.fix import fix_key, fix_text
from mcli_lint.engine.lint import lint_text

HEAD = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"
COMPUTE = "compute:\n  gpus: 8\n"


def only(text: str, code: str) -> Diagnostic:
    (found,) = [d for d in lint_text(text) if d.code == code]
    return found


def fixed(text: str, code: str) -> str | None:
    """The text once the one ``code`` problem in it is fixed (safe or not), as the editor asks for it."""
    return fix_text(text, Config(), only=frozenset({fix_key(only(text, code))})).text


# ----------------------------------------------------------------------------------------- MCL108


def test_mcl108_quotes_what_was_written() -> None:
    text = HEAD + COMPUTE + "env_variables:\n  DEBUG: yes  # on\n  PORT: 010\n"
    found = [d for d in lint_text(text) if d.code == "MCL108"]
    assert [(d.fix.title, d.fix.applicability) for d in found if d.fix] == [
        ('Quote it: "yes"', Applicability.UNSAFE),
        ('Quote it: "010"', Applicability.UNSAFE),
    ]
    done = fix_text(text, Config(), unsafe=True)
    assert done.text == HEAD + COMPUTE + 'env_variables:\n  DEBUG: "yes"  # on\n  PORT: "010"\n'
    assert done.fixed == ("MCL108 /env_variables/DEBUG", "MCL108 /env_variables/PORT")


def test_mcl108_flow_and_list_items() -> None:
    text = HEAD + COMPUTE + "integrations:\n  - {integration_type: git_repo, git_repo: a/b, git_branch: 1.10}\n"
    assert fixed(text, "MCL108") == text.replace("1.10}", '"1.10"}')


def test_mcl108_declines_a_null_an_anchor_and_a_tag() -> None:
    assert only(HEAD + COMPUTE + "env_variables:\n  A:\n", "MCL108").fix is None  # nothing written to keep
    anchored = HEAD + COMPUTE + "env_variables:\n  A: &a yes\nparameters:\n  b: *a\n"
    fix = only(anchored, "MCL108").fix
    assert fix is not None and not fix.available  # the alias would change too
    assert fix_text(anchored, Config(), unsafe=True).message == (
        "not fixed: the fixes do not apply to how this file is written (MCL108 /env_variables/A)"
    )
    tagged = HEAD + COMPUTE + "env_variables:\n  A: !!bool yes\n"
    assert not [d for d in lint_text(tagged) if d.code == "MCL108" and d.fix and d.fix.available]


# ----------------------------------------------------------------------------------------- MCL110


def test_mcl110_quotes_a_number_that_keeps_its_text() -> None:
    text = HEAD + COMPUTE + "env_variables:\n  HF_HUB_ENABLE_HF_TRANSFER: 1\n"
    fix = only(text, "MCL110").fix
    assert fix is not None and (fix.title, fix.applicability) == ('Quote it: "1"', Applicability.UNSAFE)
    assert fixed(text, "MCL110") == text.replace(": 1\n", ': "1"\n')


# ----------------------------------------------------------------------------------------- MCL103


@pytest.mark.parametrize(
    ("value", "after"),
    [('"8"', "8"), ("' 8 '", "8"), ("8.0", "8"), ("'+8'", "+8")],
    ids=["quoted", "spaces", "float", "sign"],
)
def test_mcl103_writes_the_number(value: str, after: str) -> None:
    text = HEAD + f"compute:\n  gpus: {value}  # all of them\n"
    fix = only(text, "MCL103").fix
    assert fix is not None and (fix.title, fix.applicability) == (f"Write {after}", Applicability.UNSAFE)
    assert fixed(text, "MCL103") == HEAD + f"compute:\n  gpus: {after}  # all of them\n"


def test_mcl103_writes_the_boolean() -> None:
    text = HEAD + COMPUTE + 'scheduling:\n  preemptible: "True"\n'
    assert fixed(text, "MCL103") == HEAD + COMPUTE + "scheduling:\n  preemptible: true\n"


def test_mcl103_offers_nothing_yaml_would_read_otherwise() -> None:
    # `010` unquoted is 8 to YAML 1.1, and `1e3` a string: no fix says otherwise.
    assert only(HEAD + 'compute:\n  gpus: "010"\n', "MCL103").fix is None
    assert only(HEAD + "compute:\n  gpus: [8]\n", "MCL103").fix is None


# ----------------------------------------------------------------------------------------- MCL102


def test_mcl102_renames_to_the_suggestion() -> None:
    text = HEAD + "compute:\n  gpu: 8  # typo\n"
    fix = only(text, "MCL102").fix
    assert fix is not None and (fix.title, fix.applicability) == ("Rename it to `gpus`", Applicability.UNSAFE)
    assert fixed(text, "MCL102") == HEAD + "compute:\n  gpus: 8  # typo\n"


def test_mcl102_renames_an_old_name() -> None:
    text = "run_name: run\nimage: bash\ncommand: c\n" + COMPUTE
    assert fixed(text, "MCL102") == "name: run\nimage: bash\ncommand: c\n" + COMPUTE


def test_mcl102_does_not_make_a_duplicate_key_or_a_dotted_one() -> None:
    assert only(HEAD + "compute:\n  gpus: 8\n  gpu: 8\n", "MCL102").fix is None
    assert only("name: a\nrun_name: a\nimage: b\ncommand: c\n" + COMPUTE, "MCL102").fix is None
    assert only(HEAD + COMPUTE + "platform: r1\n", "MCL102").fix is None  # `compute.cluster` is no key


# ----------------------------------------------------------------------------------------- MCL106


def test_mcl106_makes_compute_for_the_first_and_moves_the_rest_into_it() -> None:
    text = "# old style\ngpu_num: 8  # eight\nname: run\ncluster: r1z1\nimage: bash\ncommand: c\n"
    done = fix_text(text, Config(), unsafe=True)
    assert done.fixed == ("MCL106 /gpu_num", "MCL106 /cluster")
    assert (
        done.text == "# old style\ncompute:\n  cluster: r1z1\n  gpus: 8  # eight\nname: run\nimage: bash\ncommand: c\n"
    )


@pytest.mark.parametrize(
    ("compute", "after"),
    [
        ("compute:\n    nodes: 1\n", "compute:\n    gpu_type: a100_80gb\n    nodes: 1\n"),
        ("compute: {nodes: 1}\n", "compute: {gpu_type: a100_80gb, nodes: 1}\n"),
        ("compute: {}\n", "compute: {gpu_type: a100_80gb}\n"),
        ("compute:  # soon\n", "compute:  # soon\n  gpu_type: a100_80gb\n"),
    ],
    ids=["block", "flow", "empty-flow", "empty"],
)
def test_mcl106_moves_into_compute_as_written(compute: str, after: str) -> None:
    text = HEAD + "gpu_type: a100_80gb\n" + compute
    fix = only(text, "MCL106").fix
    assert fix is not None
    assert (fix.title, fix.applicability) == ("Move it under `compute:` as `gpu_type`", Applicability.UNSAFE)
    assert fixed(text, "MCL106") == HEAD + after


def test_mcl106_leaves_a_field_compute_sets() -> None:
    fix = only(HEAD + "gpu_num: 8\ncompute:\n  gpus: 16\n", "MCL106").fix
    assert fix is not None and not fix.available


def test_mcl106_writes_the_env_mapping_safely() -> None:
    text = (
        HEAD
        + COMPUTE
        + "env_variables:\n  # first\n  - key: FOO  # the first one\n    value: bar\n\n  - value: 'x y'\n    key: B\n"
    )
    fix = only(text, "MCL106").fix
    assert fix is not None and fix.applicability is Applicability.SAFE
    done = fix_text(text, Config())
    assert done.text == HEAD + COMPUTE + "env_variables:\n  # first\n  FOO: bar  # the first one\n\n  B: 'x y'\n"
    assert done.fixed == ("MCL106 /env_variables",)


def test_mcl106_env_list_at_column_one_and_empty() -> None:
    text = HEAD + COMPUTE + "env_variables:\n- key: A\n  value: b\n"
    assert fix_text(text, Config()).text == HEAD + COMPUTE + "env_variables:\n  A: b\n"
    assert fix_text(HEAD + COMPUTE + "env_variables: []\n", Config()).text == HEAD + COMPUTE + "env_variables: {}\n"


def test_mcl106_env_list_it_cannot_rewrite_line_by_line() -> None:
    for items in (
        "  - {key: A, value: b}\n",
        "  - key: A\n    # why\n    value: b\n",
        "  - key: A\n    value: |\n      b\n",
    ):
        fix = only(HEAD + COMPUTE + "env_variables:\n" + items, "MCL106").fix
        assert fix is not None and not fix.available, items
