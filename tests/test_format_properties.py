"""Properties of fmt over generated run files in many styles, with comments injected at random places:
fmt accepts them, is idempotent, keeps exactly what PyYAML (so mcli) reads, keeps every comment, and
`fmt --check` passes on what it wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from mcli_lint.cli import EXIT_OK, main
from mcli_lint.format import format_text
from mcli_lint.format.comments import comment_texts
from mcli_lint.format.verify import canonical
from tests import strategies as gen
from tests.profiles import scaled

# Comment texts: a unique tag (to count each one in the output) and arbitrary one-line text after it.
_COMMENT_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=12)


def safe_load(text: str) -> Any:
    return yaml.safe_load(text)


@st.composite
def styled(draw: st.DrawFn, config: dict[str, Any]) -> str:
    """``config`` written by yaml.safe_dump in a drawn style: flow or block, indentation, key order, width,
    every scalar quoted one way (with explicit tags where quoting would change the type), CRLF."""
    text = yaml.safe_dump(
        config,
        default_flow_style=draw(st.sampled_from([False, True, None])),
        default_style=draw(st.sampled_from([None, None, "'", '"'])),
        indent=draw(st.sampled_from([2, 3, 4])),
        sort_keys=draw(st.booleans()),
        width=draw(st.sampled_from([40, 80, 10_000])),
        explicit_start=draw(st.booleans()),
        allow_unicode=draw(st.booleans()),
    )
    if draw(st.booleans()):
        text = gen.LEADING_COMMENT + text
    return text


@st.composite
def commented(draw: st.DrawFn, text: str) -> tuple[str, list[str]]:
    """``text`` with comments added at drawn line ends and on lines of their own above drawn lines;
    an addition that would change the data (inside a multi-line scalar) is not made."""
    expected = canonical(safe_load(text))
    lines = text.split("\n")
    added: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        number = draw(st.integers(0, max(len(lines) - 1, 0)))
        comment = f"# c{len(added)}{draw(_COMMENT_TEXT)}".rstrip()
        trial = list(lines)
        if draw(st.booleans()):
            if not trial[number].strip():
                continue
            trial[number] = f"{trial[number]}{draw(st.sampled_from([' ', '  ', chr(9)]))}{comment}"
        else:
            indent = " " * draw(st.integers(0, 6))
            trial.insert(number, indent + comment)
        candidate = "\n".join(trial)
        try:
            if canonical(safe_load(candidate)) != expected:
                continue
        except yaml.YAMLError:
            continue
        lines = trial
        added.append(comment)
    return "\n".join(lines), added


@st.composite
def inputs(draw: st.DrawFn) -> tuple[str, list[str]]:
    text, added = draw(gen.run_configs().flatmap(styled).flatmap(commented))
    if gen.LEADING_COMMENT in text:
        added.append(gen.LEADING_COMMENT.strip())
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text, added


# Two formatter passes and two parses per example, a tenth of a second: a third of the profile.
@scaled(1 / 3, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(inputs())
def test_fmt_keeps_data_and_comments_and_is_idempotent(case: tuple[str, list[str]]) -> None:
    text, added = case
    result = format_text(text)
    assert result.problems == () and result.refusal is None, (result.refusal, text)
    out = result.formatted
    assert out is not None
    assert canonical(safe_load(out)) == canonical(safe_load(text)), out
    for comment in added:
        assert out.count(comment) == 1, (comment, out)
    assert comment_texts(out) == comment_texts(text.replace("\r\n", "\n"))
    again = format_text(out)
    assert again.formatted == out, (out, again.formatted)
    assert ("\r\n" in out) == ("\r\n" in text)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fmt-check")


# Two runs of the command and two file writes per example: a third of the profile.
@scaled(1 / 3, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(inputs())
def test_fmt_check_passes_on_fmt_output(scratch: Path, case: tuple[str, list[str]]) -> None:
    run = scratch / "run.yaml"
    run.write_bytes(case[0].encode("utf-8"))
    assert main(["fmt", str(run)]) == EXIT_OK
    assert main(["fmt", "--check", str(run)]) == EXIT_OK
