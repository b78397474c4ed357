"""MCL206 metadata-limit: where it reports, what it says, and what it leaves alone."""

from __future__ import annotations

import pytest

from mcli_lint.rules import mcl206_metadata_limit as m206
from tests.rules.helpers import HEAD, findings, where_and_what


def test_the_head_is_clean() -> None:
    assert findings(m206.RULE, HEAD) == []


def meta(body: str) -> str:
    return HEAD + "metadata:\n" + body


def test_206_too_many_keys() -> None:
    text = HEAD + "metadata: {" + ", ".join(f"k{i}: {i}" for i in range(201)) + "}\n"
    assert findings(m206.RULE, text) == [
        (
            6,
            1,
            "`metadata` has 201 keys; the platform allows at most 200",
            "group related entries under fewer keys, or keep the data in `parameters` or a file",
        )
    ]


def test_206_key_too_long() -> None:
    assert where_and_what(m206.RULE, meta(f"  short: 1\n  {'k' * 201}: 1\n")) == [
        (8, 3, "`metadata` has a key of 201 characters; keys can be at most 200")
    ]


def test_206_value_too_large() -> None:
    # 99 999 characters and two quotes: 100 001 bytes of JSON.
    assert where_and_what(m206.RULE, meta(f"  notes: {'x' * 99_999}\n")) == [
        (7, 10, "`metadata.notes` is 100001 bytes as JSON; metadata values can be at most 100000 bytes")
    ]


def test_206_value_size_is_compact_ascii_json() -> None:
    # json.dumps escapes non-ASCII: each 'é' is six bytes, `\u00e9`.
    assert where_and_what(m206.RULE, meta(f"  notes: {'é' * 16_667}\n")) == [
        (7, 10, "`metadata.notes` is 100004 bytes as JSON; metadata values can be at most 100000 bytes")
    ]
    items = ", ".join(["1234567"] * 12_500)  # 12 500 * 8 bytes less a comma, plus `{"a":[` and `]}`
    assert where_and_what(m206.RULE, meta(f"  nested: {{a: [{items}]}}\n")) == [
        (7, 11, "`metadata.nested` is 100007 bytes as JSON; metadata values can be at most 100000 bytes")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "".join(f"  k{i}: {i}\n" for i in range(200)),
        f"  {'k' * 200}: 1\n",
        f"  notes: {'x' * 99_998}\n",
        "  when: {2024-01-01: x}\n",  # a date key: JSON needs a string key, no crash
        "  1: 2\n",
    ],
)
def test_206_passes(body: str) -> None:
    assert findings(m206.RULE, meta(body)) == []


def test_206_skips_non_mappings() -> None:
    assert findings(m206.RULE, HEAD + "metadata: [1, 2]\n") == []
