"""The round-trip tree layout, kept for ``check --fix`` only: fixes edit ruamel's tree, then it is re-emitted.

fmt itself never comes here (it rewrites the gaps between tokens, :mod:`mcli_lint.format.normalise`);
this goes when each fix is a text edit owned by its rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Refused", "Transform", "layouts"]

# A change made to the round-trip tree before the layout (the --fix fixes). It returns how comment homes
# move (a function of mcli_lint.format.comments.Home) and the data the result must read back as.
Transform = Callable[[Any], tuple[Callable[[Any], Any], Any]]


class Refused(Exception):
    """The tree layout cannot keep fmt's promises for this input; the message says why."""


def _tidy(text: str) -> str:
    """No trailing whitespace, exactly one final newline."""
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def layouts(body: str, transform: Transform) -> tuple[list[str], Any]:
    """Candidate outputs for ``body`` (BOM and CR removed), best first, and the data they must read as."""
    from mcli_lint.format.comments import CommentError, attach, flow_holding_comments, insert, scan
    from mcli_lint.format.layout import arrange
    from mcli_lint.format.roundtrip import RoundTripError, dump, load

    source = scan(body)
    if source.directives:
        raise Refused("has a %YAML or %TAG directive, which fmt leaves alone")
    attachments = attach(source)
    try:
        tree = load(body)
        rename, expected = transform(tree)
        attachments = attachments.moved(rename)
        arrange(tree, flow_holding_comments(source))
        placed = insert(dump(tree), attachments)
    except RoundTripError as error:
        raise Refused(f"{error}; left unchanged") from error
    except CommentError as error:
        raise Refused(f"cannot keep every comment in place ({error}); left unchanged") from error
    # Stripping can only matter inside a block scalar kept with `|+`; the untidy text is the fallback.
    return [_tidy(placed), placed], expected
