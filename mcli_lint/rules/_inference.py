"""The compute inference outcome of a file as the MCL3xx rules' findings, and the words they share.

Inference (compute/infer.py) gives facts (compute/reasons.py); each MCL3xx rule words the problems of
its kind, with the request the run made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from mcli_lint.diagnostics import Finding
from mcli_lint.rules.base import Context
from mcli_lint.text import did_you_mean, escape, field_name

if TYPE_CHECKING:
    from mcli_lint.compute.infer import Request
    from mcli_lint.compute.reasons import Offer, Place, Problem, Refused

# A rule's words for one of its problems: (message, help).
Words = Callable[["Problem", "Request"], tuple[str, str | None]]


def findings(ctx: Context, kind: str, words: Words) -> Iterator[Finding]:
    """The inference's problems of one kind (a kind is named as the rule that reports it), in the
    rule's words; none without clusters."""
    if ctx.inference is None:
        return
    for problem in ctx.inference.problems:
        if problem.kind == kind:
            message, help = words(problem, ctx.inference.request)
            yield Finding(problem.path, message, help)


def label(place: Place) -> str:
    return f"{escape(place.instance)} on {escape(place.cluster)}"


def labels(places: Iterable[Place]) -> str:
    return ", ".join(label(p) for p in places)


def field(request: Request, name: str) -> str:
    """A request's field as the run wrote it: `compute.gpus`, or `gpu_num` for a deprecated one."""
    return f"`{field_name(request.path(name))}`"


def where(request: Request) -> str:
    return f" on {escape(request.cluster)}" if request.cluster is not None else ""


def source(name: str) -> str:
    return f"the clusters file ({escape(name)})" if name else "the clusters file"


def gpu_kind(offer: Offer) -> str:
    return "CPU only" if offer.is_cpu else escape(offer.gpu_type)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def either(names: Sequence[str], word: str = "or") -> str:
    quoted = [f"`{n}`" for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {word} {quoted[-1]}"


def suggest(word: str, candidates: Iterable[str]) -> str:
    match = did_you_mean(word, list(candidates))
    return f"did you mean {escape(repr(match))}? " if match is not None and match != word else ""


def verb(refused: Refused) -> str:
    return "takes" if len(refused.clusters) == 1 else "take"


def with_refused(help: str | None, refused: Refused | None) -> str | None:
    """The help, and what would fit on clusters that take no training runs."""
    if refused is None:
        return help
    clusters = ", ".join(escape(c) for c in refused.clusters)
    note = f"{labels(refused.fits)} would fit, but {clusters} {verb(refused)} no training runs"
    return f"{help}; {note}" if help else note
