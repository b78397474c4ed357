"""Suppression comments: only the YAML scanner's comments are directives, and what each covers."""

from __future__ import annotations

import pytest

from mcli_lint.config import Config
from mcli_lint.engine.lint import lint_text
from mcli_lint.engine.suppression import read_directives

HEAD = "name: run\nimage: mosaicml/pytorch:latest\ncompute:\n  gpus: 8\n"
RESERVED = "`env_variables.WORLD_SIZE` is a variable the platform sets itself; your value will clash with it"


def found(text: str, config: Config | None = None) -> list[tuple[int, int, str, str]]:
    return [(d.span.start.line, d.span.start.column, d.code, d.message) for d in lint_text(text, config)]


@pytest.mark.parametrize(
    "command",
    [
        # The directive's text as the content of a block scalar, a literal and a folded one.
        "command: |\n  # mcli-lint: disable-file=MCL205\n  # mcli-lint: disable=MCL205\n",
        "command: >-\n  echo\n  # mcli-lint: disable=MCL205\n",
        # In quoted strings, on one line and over two.
        'command: "echo # mcli-lint: disable=MCL205"\n',
        "command: 'echo\n  # mcli-lint: disable=MCL205'\n",
        # A plain scalar: `#` without a blank before it is text.
        "command: echo#mcli-lint:disable=MCL205\n",
    ],
    ids=["literal", "folded", "double-quoted", "single-quoted-two-lines", "plain"],
)
def test_text_inside_a_scalar_disables_nothing(command: str) -> None:
    text = HEAD + command + "env_variables:\n  WORLD_SIZE: '1'\n"
    line = text.count("\n")
    assert read_directives(text) == ()
    assert found(text) == [(line, 3, "MCL205", RESERVED)]


def test_text_inside_a_flow_collection_disables_nothing() -> None:
    text = HEAD + "command: echo\nenv_variables: {WORLD_SIZE: '1', NOTE: '# mcli-lint: disable=MCL205'}\n"
    assert read_directives(text) == ()
    assert found(text) == [(6, 17, "MCL205", RESERVED)]
    sequence = HEAD + "command: echo\nargs: ['# mcli-lint: disable-file=MCL205', \"#mcli-lint: disable\"]\n"
    assert read_directives(sequence) == ()


def test_a_comment_inside_a_flow_collection_is_a_comment() -> None:
    text = HEAD + "command: echo\nenv_variables: {\n  WORLD_SIZE: '1',  # mcli-lint: disable=MCL205\n}\n"
    assert found(text) == []


def test_end_of_line_and_own_line_directives() -> None:
    text = (
        HEAD + "command: echo\nenv_variables:\n"
        "  RUN_NAME: x  # mcli-lint: disable=MCL205\n"  # 7: its own line
        "  # mcli-lint: disable=reserved-env\n"  # 8: the line below
        "  NODE_RANK: '0'\n"  # 9
        "  WORLD_SIZE: '1'\n"  # 10: not covered
    )
    assert found(text) == [(10, 3, "MCL205", RESERVED)]


def test_an_own_line_directive_covers_the_next_line_only() -> None:
    text = HEAD + "command: echo\nenv_variables:\n  # mcli-lint: disable=MCL205\n\n  WORLD_SIZE: '1'\n"
    assert [(line, code) for line, _, code, _ in found(text)] == [(7, "MCL401"), (9, "MCL205")]


def test_a_directive_covers_the_lines_of_a_block_scalar_starting_on_its_line() -> None:
    # A block scalar's lines cannot carry a comment: the one on its header line covers them.
    body = "command: |  # mcli-lint: disable=MCL212\n  echo \u200bhi\n  echo \u200bthere\n"
    assert found(HEAD + body) == []
    above = "# mcli-lint: disable=MCL212\ncommand: |\n  echo \u200bhi\n"
    assert found(HEAD + above) == []
    assert [code for _, _, code, _ in found(HEAD + body.replace("  # mcli-lint: disable=MCL212", ""))] == ["MCL212"]


def test_a_reason_may_follow() -> None:
    text = HEAD + "command: echo\nenv_variables:\n  WORLD_SIZE: '1'  # mcli-lint: disable=MCL205  # set by hand\n"
    assert found(text) == []
    spaced = HEAD + "command: echo\nenv_variables:\n  WORLD_SIZE: '1'  #mcli-lint:disable = MCL205 MCL204\n"
    assert found(spaced) == [(7, 48, "MCL401", "unused suppression: nothing on this line reports `MCL204`")]


def test_disable_file_above_the_first_key() -> None:
    body = "command: echo\nenv_variables:\n  WORLD_SIZE: '1'\n  RUN_NAME: x\n"
    assert found("# A run.\n# mcli-lint: disable-file=MCL205,MCL201\n\n" + HEAD + body) == [
        (2, 34, "MCL401", "unused suppression: nothing in this file reports `MCL201`")
    ]
    assert found("%YAML 1.1\n--- # mcli-lint: disable-file=reserved-env\n" + HEAD + body) == []


def test_disable_file_below_the_first_key_is_reported_and_disables_nothing() -> None:
    text = HEAD + "# mcli-lint: disable-file=MCL205\ncommand: echo\nenv_variables:\n  WORLD_SIZE: '1'\n"
    assert found(text) == [
        (5, 1, "MCL402", "`disable-file` works only at the top of the file, above the first key"),
        (8, 3, "MCL205", RESERVED),
    ]


def test_disable_file_works_on_a_file_that_does_not_parse() -> None:
    assert found("# mcli-lint: disable-file=yaml-syntax\nname: [\n") == []
    assert [(line, code) for line, _, code, _ in found("# mcli-lint: disable-file=MCL102\nname: [\n")] == [
        (3, "MCL001")  # the data rules did not run: MCL102 is not judged unused
    ]


def test_bare_disable_hides_everything_on_its_line_and_asks_for_codes() -> None:
    text = HEAD + "command: echo\nenv_variables:\n  WORLD_SIZE: 1  # mcli-lint: disable\n"
    assert found(text) == [
        (7, 18, "MCL403", "`# mcli-lint: disable` without codes disables every rule on this line"),
    ]
    [warning] = lint_text(text)
    assert warning.help == "name the rules it is for: `# mcli-lint: disable=MCL110,MCL205`"


def test_bare_disable_file_hides_everything_in_the_file() -> None:
    text = "# mcli-lint: disable-file\n" + HEAD + "command: 1\nenv_variables:\n  WORLD_SIZE: 1\n"
    [warning] = lint_text(text)
    assert (warning.span.start.line, warning.span.start.column, warning.code, warning.message, warning.help) == (
        1,
        1,
        "MCL403",
        "`# mcli-lint: disable-file` without codes disables every rule in this file",
        "name the rules it is for: `# mcli-lint: disable-file=MCL110,MCL205`",
    )


def test_directives_see_positions_after_a_bom_and_crlf() -> None:
    from mcli_lint.loader import load_text

    text = "\ufeff# mcli-lint: disable-file=MCL201\r\n" + HEAD.replace("\n", "\r\n") + "command: echo\r\n"
    normalized = text.replace("\r\n", "\n")
    assert load_text(normalized).problems == []
    assert found(normalized) == [(1, 27, "MCL401", "unused suppression: nothing in this file reports `MCL201`")]


def test_rules_not_run_are_not_judged_unused() -> None:
    text = HEAD + "command: echo  # mcli-lint: disable=MCL301,MCL205\n"
    # MCL301 needs a clusters file; MCL205 ran and found nothing.
    assert found(text) == [(5, 44, "MCL401", "unused suppression: nothing on this line reports `MCL205`")]
    without_205 = Config(select=Config().select - {"MCL205"})
    assert found(text, without_205) == []


def test_the_rules_about_directives_are_silenced_only_by_name() -> None:
    named = HEAD + "command: echo  # mcli-lint: disable=MCL205,unused-suppression\n"
    assert found(named) == []
    # A bare directive does not hide its own warning.
    assert [code for _, _, code, _ in found(HEAD + "command: echo  # mcli-lint: disable\n")] == ["MCL401", "MCL403"]


def test_without_the_mark_there_is_no_scan() -> None:
    # Not even a comment that mentions the tool in other words.
    assert read_directives(HEAD + "command: echo  # see mcli-lint docs\n") == ()
    assert read_directives(HEAD + "command: echo  # see mcli-lint: docs\n") == ()


def test_the_issue_case_a_block_scalar_line_above_a_finding() -> None:
    # The old regex read the block's last line as a directive for the line below it.
    text = HEAD + "command: |\n  echo hi\n  # mcli-lint: disable=MCL205\nenv_variables: {WORLD_SIZE: '1'}\n"
    assert found(text) == [(8, 17, "MCL205", RESERVED)]


def test_the_readme_example_is_clean() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    example = readme.split("### Suppression comments\n\n```yaml\n", 1)[1].split("```", 1)[0]
    assert "mcli-lint: disable-file=" in example
    assert found(example) == []
    assert [d.code for d in lint_text(example.replace("# mcli-lint:", "# "))] == ["MCL107", "MCL205", "MCL205"]


def test_hostile_files_with_directives_are_refused_quickly() -> None:
    import time

    start = time.perf_counter()
    deep = "# mcli-lint: disable-file=MCL006\nname: " + "[" * 100_000 + "\n"
    assert found(deep) == []
    assert [code for _, _, code, _ in found(deep.replace("disable-file=MCL006", "disable=MCL001"))] == [
        "MCL401",
        "MCL006",
    ]
    assert time.perf_counter() - start < 5  # PyYAML's scanner alone is quadratic in this nesting


def test_directives_before_a_character_yaml_refuses_still_count() -> None:
    text = "# mcli-lint: disable-file=MCL999\nname: a\x07b\n"
    assert [(line, code) for line, _, code, _ in found(text)] == [(1, "MCL402"), (2, "MCL005")]


def test_directives_in_a_file_that_does_not_parse() -> None:
    # The comment before the scanner's error is read; the data rules did not run.
    text = "name: x  # mcli-lint: disable=MCL999,MCL102\n\tfoo: 1\n"
    assert [(line, column, code) for line, column, code, _ in found(text)] == [(1, 31, "MCL402"), (2, 1, "MCL001")]
