"""MCL201 run-name-invalid: where it reports, what it says, and what it leaves alone."""

from __future__ import annotations

import re
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcli_lint.rules import _run_names as run_names
from mcli_lint.rules import mcl201_run_name_invalid as m201
from tests.rules.helpers import HEAD, findings, where_and_what, with_top


def test_the_head_is_clean() -> None:
    assert findings(m201.RULE, HEAD) == []


RULE_TEXT = "lowercase letters, digits and '-', starting and ending with a letter or digit"


@pytest.mark.parametrize(
    ("name", "message", "help_text"),
    [
        (
            "My_Run",
            "`name` 'My_Run' is not a valid run name; mcli will submit the run as `my-run`",
            f"write `name: my-run` yourself: {RULE_TEXT}",
        ),
        ("-run", "`name` '-run' is not a valid run name; mcli will submit the run as `1-ru`", None),
        ("run-", "`name` 'run-' is not a valid run name; mcli will submit the run as `run1`", None),
        ("'my run'", "`name` 'my run' is not a valid run name; mcli will submit the run as `my-run`", None),
        ("ÄBC", "`name` 'ÄBC' is not a valid run name; mcli will submit the run as `1-b`", None),
        ('"a\\u202eb"', "`name` 'a\\u202eb' is not a valid run name; mcli will submit the run as `a-b`", None),
        ("YES_", "`name` 'YES_' is not a valid run name; mcli will submit the run as `yes1`", None),
        ('"YES"', "`name` 'YES' is not a valid run name; mcli will submit the run as `yes`", None),
    ],
)
def test_201_invalid_names(name: str, message: str, help_text: str | None) -> None:
    [(line, column, got, got_help)] = findings(m201.RULE, with_top(name=name))
    assert (line, column, got) == (1, 7, message)
    if help_text is not None:
        assert got_help == help_text


def test_201_help_quotes_a_name_yaml_would_not_read_as_text() -> None:
    [(_, _, _, help_text)] = findings(m201.RULE, with_top(name='"YES"'))
    assert help_text == f'write `name: "yes"` yourself: {RULE_TEXT}'


def test_201_empty_name() -> None:
    assert where_and_what(m201.RULE, with_top(name='""')) == [
        (1, 7, "`name` is empty; a run name needs at least one lowercase letter or digit")
    ]


@pytest.mark.parametrize("name", ["run", "a", "0", "my-run-2", "a" * 56, "a--b", "123", "X" * 57, "1.5", "null"])
def test_201_passes(name: str) -> None:
    # Valid labels pass; a name over 56 is MCL202's; a non-string name is the schema's.
    assert findings(m201.RULE, with_top(name=name)) == []


ORACLE_NAMES = [
    "My_Run",
    "-run",
    "run-",
    "-",
    "_",
    "--",
    "---a---",
    "A",
    "a_",
    "_a",
    "my run",
    "my.run",
    "İstanbul",
    "straße",
    "\u212a",
    "ÄBC",
    "emoji-😀",
    "a\u202eb",
    "\t",
    " x ",
    "UPPER",
    "mixed-Case-123",
    "1_0",
    "a" * 55 + "_",
    "_" + "b" * 55,
    "-" * 56,
    "ǅ",
    "ﬃ",
    "x/y",
    "x:y",
    "@",
    "0-",
    "-0",
    "my--run",
    "a\u0000b",
    "Ⅻ",
    "١٢٣",
    "ΣΑΣ",
    "a-b-c-",
    "trailing_",
    "dots...",
    "run#1",
]


@pytest.mark.parametrize("name", ORACLE_NAMES)
def test_201_matches_mcli(reference: ModuleType, name: str) -> None:
    assert run_names.converted(name) == reference.ensure_rfc1123_compatibility(name)
    assert run_names.is_label(name) == bool(reference.validate_rfc1123_name(name))
    assert (run_names.converted(name) if not run_names.is_label(name) else name) == reference.clean_run_name(name)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=56))
def test_201_matches_mcli_on_any_name(reference: ModuleType, name: str) -> None:
    assert run_names.converted(name) == reference.ensure_rfc1123_compatibility(name)
    assert run_names.is_label(name) == bool(reference.validate_rfc1123_name(name))


@given(st.text(max_size=56))
def test_201_converted_is_a_label_or_empty(name: str) -> None:
    new = run_names.converted(name)
    assert run_names.is_label(new) or (new == "" and name == "")
    assert re.fullmatch(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?", new) or new == ""


def test_201_leaves_a_long_name_to_202() -> None:
    assert findings(m201.RULE, with_top(name="A_" * 30)) == []
