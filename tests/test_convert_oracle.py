"""The real client (mosaicml-cli 0.8.3) is the oracle: running the module to-python writes builds the very
``RunConfig`` that ``RunConfig.from_file`` builds from the YAML, with the same warnings."""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from mcli.models.run_config import RunConfig

from mcli_lint.convert.equality import same
from mcli_lint.convert.to_python import RUN_CONFIG_FIELDS, TRACKER, UNUSED, comments_of, to_python
from mcli_lint.convert.to_yaml import from_python, to_yaml
from mcli_lint.engine.lint import lint_text
from mcli_lint.loader import load_text
from tests.strategies import rendered_configs

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/golden_convert/*.yaml")])
# from_dict's warning for keys RunConfig does not take: to-python moves those keys aside instead.
_UNUSED_WARNING = re.compile(r"! Encountered unknown fields (.*) which were not used in creating the request")

Built = tuple[dict[str, Any], set[str]]


def _recorded(build: Any) -> Built:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        config = build()
    return vars(config), {str(w.message) for w in caught}


def from_module(text: str) -> tuple[Built, dict[str, Any]]:
    namespace: dict[str, Any] = {}

    def build() -> Any:
        exec(compile(text, "<to-python>", "exec"), namespace)
        return namespace["config"]

    return _recorded(build), namespace


def check_oracle(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    loaded = load_text(text.replace("\r\n", "\n"))
    assert loaded.document is not None
    converted = to_python(loaded.document.data, comments_of(loaded.text))
    (ours, our_warnings), namespace = from_module(converted.text)
    theirs, their_warnings = _recorded(lambda: RunConfig.from_file(path))
    assert same(ours, theirs), converted.text
    set_aside = [k for k in loaded.document.data if k not in RUN_CONFIG_FIELDS]
    unused = {m for m in their_warnings if _UNUSED_WARNING.fullmatch(m)}
    assert our_warnings == their_warnings - unused
    if set_aside:  # mcli warns and drops them; the module keeps every one, in plain sight
        assert unused == {
            f"! Encountered unknown fields {', '.join(map(str, set_aside))} which were not used in creating the request"
        }
        kept = {**({TRACKER: namespace[TRACKER]} if TRACKER in namespace else {}), **namespace.get(UNUSED, {})}
        assert same(kept, {k: loaded.document.data[k] for k in kept}) and set(kept) == set(set_aside)
    # And back: to-yaml of the module is the same data, which reads back as exactly that.
    back = from_python(converted.text)
    assert same(back, {k: loaded.document.data[k] for k in back}) and set(back) == set(loaded.document.data)
    assert same(yaml.safe_load(to_yaml(back)), back)


def test_the_fields_are_run_configs_own() -> None:
    assert {f.name for f in dataclasses.fields(RunConfig)} == RUN_CONFIG_FIELDS
    assert TRACKER not in RUN_CONFIG_FIELDS  # mosaicml-cli 0.8.3: when this fails, pass it to RunConfig instead


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_oracle_on_every_example(path: Path) -> None:
    check_oracle(path)


@given(rendered_configs())
def test_oracle_on_generated_configs(generated: tuple[dict[str, Any], str]) -> None:
    _, text = generated
    assert not [d for d in lint_text(text.replace("\r\n", "\n")) if d.severity.value == "error"]
    handle, name = tempfile.mkstemp(suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        check_oracle(Path(name))
    finally:
        os.unlink(name)
