"""The text prefilters that let MCL109 and MCL212 skip their walks never hide a finding."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mcli_lint.loader import load_text
from mcli_lint.rules import mcl109_yaml_version_ambiguous as mcl109
from mcli_lint.rules import mcl212_suspicious_character as mcl212
from mcli_lint.rules.base import Context
from tests.strategies import run_configs, yaml_renderings

SCALARS = [
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "n",
    "010",
    "0_7",
    "-012",
    "0b101",
    "0o17",
    "0x1F",
    "0x_1F",
    "1:30",
    "-1:30.5",
    "1_000",
    "1_000.5",
    ".5_0",
    "1e5",
    "1e-5",
    "1.0e5",
    "1.0e-5",
    "1.0e+5",
    ".5e3",
    "2024-01-05",
    "2024-1-5 10:00:00",
    "2024-01-05T10:00:00Z",
    "~",
    "null",
    "true",
    "a",
    "on and on",
    "'yes'",
    '"010"',
    "=x",
    '"a\\u200bb"',
    '"\\e[31m"',
    '"\\x07"',
    '"\\L"',
    '"\\N"',
    '"\\t\\n"',
    "'\\x07'",
    "a\u202eb",
    "\u00ad",
]
KEYS = ["a", "on", "yes", "010", "1:30", "k\u200b", "2024-01-05", '"x\\u2028"']
SEPARATORS = [": ", ":\n  ", "\n", "\n- ", "\n  - ", ", ", " # c\n", " ", "\n? ", "\n  "]


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        key, value = draw(st.sampled_from(KEYS)), draw(st.sampled_from(SCALARS))
        shape = draw(st.sampled_from(["{k}: {v}", "{k}:\n  - {v}", "{k}: [{v}, {v}]", "{k}: {{x: {v}}}", "- {v}"]))
        parts.append(shape.format(k=key, v=value))
    if draw(st.booleans()):
        parts.insert(0, "\ufeff" + parts.pop(0))
    return "\n".join(parts) + draw(st.sampled_from(["", "\n", " # end\n"]))


def context(text: str) -> Context | None:
    loaded = load_text(text)
    return Context(loaded.document, loaded.problems) if loaded.document is not None else None


@given(st.one_of(documents(), run_configs().flatmap(yaml_renderings)))
def test_mcl109_prefilter_is_exact(text: str) -> None:
    ctx = context(text)
    if ctx is not None and not mcl109.might_be_ambiguous(text):
        assert list(mcl109.walk(ctx)) == []


@given(st.one_of(documents(), run_configs().flatmap(yaml_renderings)))
def test_mcl212_prefilter_is_exact(text: str) -> None:
    ctx = context(text)
    if ctx is not None and not mcl212.could_hide(text):
        assert list(mcl212.walk(ctx)) == []


def test_prefilters_let_clean_files_through() -> None:
    text = "name: ok\nimage: mosaicml/pytorch:latest\ncommand: echo 'done!'\ncompute:\n  gpus: 8\n"
    assert not mcl109.might_be_ambiguous(text)
    assert not mcl212.could_hide(text)
    assert mcl109.might_be_ambiguous(text + "parameters:\n  lr: 1e-4\n")
    assert mcl212.could_hide(text + 'parameters:\n  s: "\\u200b"\n')


def test_ascii_shortcut_of_mcl212_matches_is_hidden() -> None:
    from mcli_lint.text import is_hidden

    assert all(bool(mcl212._ASCII_HIDDEN.match(chr(code))) == is_hidden(chr(code)) for code in range(128))
