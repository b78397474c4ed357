"""The scanner's tokens of a run file, and the comments in the gaps between them (fmt's only parse of the text).

libyaml scans the texts ``check``'s fast path admits (it reads them as PyYAML's pure loader does); every
other text is scanned by PyYAML's pure scanner, mcli's own. Comments are not tokens: they are what is
left, outside every token, between a ``#`` and the end of its line.
"""

from __future__ import annotations

from typing import Any

import yaml

from mcli_lint.loader.fast_path import eligible

__all__ = ["ScanError", "comment_texts", "scan"]

Token = Any  # yaml.Token, or libyaml's equivalent from CParser (same class names and marks)


class ScanError(Exception):
    """The scanner stopped on the text (the loader accepted it, so this is unexpected)."""


def scan(text: str) -> list[Token]:
    """Every token of ``text`` (BOM and CR removed), from STREAM-START to STREAM-END."""
    fast = getattr(yaml, "CBaseLoader", None)
    loader = fast(text) if fast is not None and eligible(text) else yaml.BaseLoader(text)
    tokens: list[Token] = []
    try:
        while True:
            token = loader.get_token()
            tokens.append(token)
            if isinstance(token, yaml.StreamEndToken):
                return tokens
    except yaml.YAMLError as error:
        raise ScanError(str(error).splitlines()[0]) from error
    finally:
        loader.dispose()


def _gap_comments(gap: str) -> list[str]:
    found = []
    for line in gap.split("\n"):
        at = line.find("#")
        if at >= 0:
            found.append(line[at:].rstrip())
    return found


def comment_texts(text: str) -> list[str]:
    """The comments of ``text`` in order, each from ``#`` to its line's end, trailing whitespace removed.

    A comment on a block scalar's header line is part of the scalar's token: it is found there.
    """
    found: list[str] = []
    position = 0
    for token in scan(text):
        start, end = token.start_mark.index, token.end_mark.index
        found += _gap_comments(text[position:start])
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            header = text[start:end].split("\n", 1)[0]
            if "#" in header:
                found.append(header[header.index("#") :].rstrip())
        position = max(position, end)
    return found
